"""Admin for offices, their names over time, their holders and learned name suggestions.

Registered from claims/admin.py. Bad input (overlapping periods, an end before a
start, a name used by two offices at once) is a validation error on the form;
the admin saves inside one transaction, so nothing is saved half-way. After a
change, the stories whose people hold the office are analysed again.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import ngettext

from claims.admin_base import ReadOnlyAdmin
from claims.models import (
    Office,
    OfficeHolder,
    OfficeName,
    OfficeNameSuggestion,
    Person,
    PersonAppearance,
    _period,
)
from claims.services import offices


class _SiblingsInFormset(forms.ModelForm):
    """Rows of one office are checked against each other by the formset, on the
    submitted values, not by each row against the stale saved ones."""

    def _post_clean(self):
        self.instance._siblings_checked = True
        super()._post_clean()


class OfficeNameFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("name"):
                continue
            rows.append(form.instance)
        errors = []
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                clash = a.clash(b)
                if clash:
                    errors.append(clash)
        if errors:
            raise ValidationError(errors)


class OfficeHolderFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("person") or not data.get("start"):
                continue
            rows.append(form.instance)
        seats = self.instance.seats or 1
        errors = []
        for i, a in enumerate(rows):
            # a term ending the day the next begins is a handover
            at_once = [
                b
                for b in rows
                if b is not a
                and (b.end is None or a.start < b.end)
                and (a.end is None or b.start < a.end)
            ]
            same = [b for b in at_once if b.person.casefold() == a.person.casefold()]
            if same and rows.index(same[0]) > i:
                errors.append(
                    f"{a.person}'s terms {_period(a.start, a.end)} and "
                    f"{_period(same[0].start, same[0].end)} overlap."
                )
            if len(at_once) >= seats and not any(rows.index(b) < i for b in at_once):
                names = ", ".join(f"{b.person} ({_period(b.start, b.end)})" for b in [a, *at_once])
                errors.append(
                    f"The office has {seats} seat{'s' if seats != 1 else ''} but {names} "
                    "would hold it at once."
                )
        if errors:
            raise ValidationError(errors)


class OfficeNameInline(admin.TabularInline):
    model = OfficeName
    form = _SiblingsInFormset
    formset = OfficeNameFormSet
    fields = ["name", "kind", "valid_from", "valid_to"]
    extra = 1


class OfficeHolderInline(admin.TabularInline):
    model = OfficeHolder
    form = _SiblingsInFormset
    formset = OfficeHolderFormSet
    fields = ["person", "start", "end"]
    extra = 1


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "jurisdiction", "name_total", "holder_total", "updated_at"]
    list_filter = ["jurisdiction"]
    search_fields = ["name", "jurisdiction", "names__name", "holders__person"]
    inlines = [OfficeNameInline, OfficeHolderInline]
    ordering = ["jurisdiction", "name"]
    readonly_fields = ["created_at", "updated_at"]
    show_full_result_count = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                name_total=Count("names", distinct=True),
                holder_total=Count("holders", distinct=True),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False

    @admin.display(ordering="name_total", description="names")
    def name_total(self, obj):
        return obj.name_total

    @admin.display(ordering="holder_total", description="holders")
    def holder_total(self, obj):
        return obj.holder_total

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        count = offices.reanalyse_for_office(form.instance.pk)
        if count:
            self.message_user(
                request,
                ngettext(
                    "%(count)d story naming a holder of this office will be analysed again.",
                    "%(count)d stories naming a holder of this office will be analysed again.",
                    count,
                )
                % {"count": count},
                messages.INFO,
            )


@admin.register(OfficeName)
class OfficeNameAdmin(admin.ModelAdmin):
    list_display = ["name", "office", "kind", "valid_from", "valid_to"]
    list_filter = ["kind", "office__jurisdiction"]
    list_select_related = ["office"]
    search_fields = ["name", "office__name"]
    autocomplete_fields = ["office"]
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        offices.reanalyse_for_office(obj.office_id)


@admin.register(OfficeHolder)
class OfficeHolderAdmin(admin.ModelAdmin):
    list_display = ["person", "office", "start", "end"]
    list_filter = ["office__jurisdiction"]
    list_select_related = ["office"]
    search_fields = ["person", "office__name"]
    autocomplete_fields = ["office"]
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        offices.reanalyse_for_office(obj.office_id)


class PendingFilter(admin.SimpleListFilter):
    title = "office"
    parameter_name = "has_office"

    def lookups(self, request, model_admin):
        return [("yes", "Office known"), ("no", "Office to choose")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(office__isnull=False)
        if self.value() == "no":
            return queryset.filter(office__isnull=True)
        return queryset


@admin.register(OfficeNameSuggestion)
class OfficeNameSuggestionAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "person",
        "office",
        "kind",
        "mentions",
        "first_seen",
        "last_seen",
        "decision",
    ]
    list_filter = ["decision", PendingFilter, "kind"]
    list_select_related = ["office"]
    list_editable = ["office", "kind"]
    search_fields = ["title", "person", "office__name"]
    autocomplete_fields = ["office"]
    readonly_fields = [
        "person",
        "title",
        "outlets",
        "mentions",
        "first_seen",
        "last_seen",
        "decision",
        "decided_by",
        "decided_at",
    ]
    actions = ["accept", "reject"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(~Q(title=""))

    @admin.action(description="Accept: add the title as a name of the office")
    def accept(self, request, queryset):
        done, office_ids = 0, set()
        for suggestion in queryset.filter(decision=OfficeNameSuggestion.Decision.PENDING):
            try:
                name = offices.accept_suggestion(suggestion, request.user)
            except ValidationError as exc:
                self.message_user(
                    request, f"“{suggestion.title}”: {'; '.join(exc.messages)}", messages.ERROR
                )
                continue
            done += 1
            office_ids.add(name.office_id)
        for office_id in office_ids:
            offices.reanalyse_for_office(office_id)
        self.message_user(
            request,
            ngettext("%(count)d suggestion accepted.", "%(count)d suggestions accepted.", done)
            % {"count": done},
            messages.SUCCESS,
        )

    @admin.action(description="Reject")
    def reject(self, request, queryset):
        count = 0
        for suggestion in queryset.filter(decision=OfficeNameSuggestion.Decision.PENDING):
            offices.reject_suggestion(suggestion, request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d suggestion rejected.", "%(count)d suggestions rejected.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """People are written by the analysis; the admin reads them."""

    list_display = ["name", "story_count", "mention_count", "updated_at"]
    search_fields = ["name", "names"]
    readonly_fields = ["name", "names", "story_count", "mention_count", "updated_at"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False


@admin.register(PersonAppearance)
class PersonAppearanceAdmin(ReadOnlyAdmin):
    list_display = ["person", "title", "relation", "office", "outlet", "published_at"]
    list_filter = ["relation"]
    list_select_related = ["person", "outlet"]
    search_fields = ["person__name", "title", "office"]
    raw_id_fields = ["person", "story", "article", "outlet"]
    show_full_result_count = False
