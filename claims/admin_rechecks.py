"""Admin for re-checks, in-app notices and the outbox of deliveries (imported by admin.py)."""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import ngettext

from claims import pipeline
from claims.models import Delivery, Notification, Recheck


@admin.register(Recheck)
class RecheckAdmin(admin.ModelAdmin):
    list_display = ["pk", "created_at", "reason", "status", "story", "cluster", "flag", "article"]
    list_filter = ["status", "reason"]
    list_select_related = ["story", "cluster", "flag", "article"]
    search_fields = ["old_text", "new_text", "note"]
    raw_id_fields = ["story", "cluster", "flag", "article", "revision", "previous"]
    readonly_fields = ["key", "created_at", "flags_before", "resolved_by", "resolved_at"]
    date_hierarchy = "created_at"
    show_full_result_count = False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "message", "read_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["message", "user__username"]
    raw_id_fields = ["user", "recheck"]
    show_full_result_count = False


class UnsentFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("unsent", "Not sent"), ("failed", "Failed at least once"), ("sent", "Sent")]

    def queryset(self, request, queryset):
        if self.value() == "unsent":
            return queryset.filter(sent_at__isnull=True)
        if self.value() == "failed":
            return queryset.filter(~Q(last_error=""))
        if self.value() == "sent":
            return queryset.filter(sent_at__isnull=False)
        return queryset


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "recipient", "attempts", "sent_at", "last_error"]
    list_filter = ["channel", UnsentFilter]
    search_fields = ["recipient", "last_error"]
    readonly_fields = ["key", "payload", "attempts", "claimed_until", "sent_at", "created_at"]
    actions = ["send_again"]
    show_full_result_count = False

    @admin.action(description="Send again (unsent rows)")
    def send_again(self, request, queryset):
        ids = list(queryset.filter(sent_at__isnull=True).values_list("pk", flat=True))
        Delivery.objects.filter(pk__in=ids).filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=timezone.now())
        ).update(attempts=0)
        for pk in ids:
            pipeline.deliver(pk)
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery sent again.", "%(count)d deliveries sent again.", len(ids)
            )
            % {"count": len(ids)},
        )
