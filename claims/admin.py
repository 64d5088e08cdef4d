from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext

from claims import pipeline
from claims.admin_base import LogAdmin, ReadOnlyAdmin
from claims.analysis.variants import read_variants
from claims.models import (
    Alias,
    Article,
    ArticleRevision,
    Claim,
    ClaimCluster,
    Feed,
    Flag,
    IngestJob,
    MatchSuggestion,
    Outlet,
    Review,
    Story,
    StoryEdit,
    StorySeparation,
)
from claims.services import reprocess as reprocess_service
from claims.services import review as review_service
from claims.services import story_edits


def _report(modeladmin, request, count, singular, plural):
    modeladmin.message_user(
        request, ngettext(singular, plural, count) % {"count": count}, messages.SUCCESS
    )


class FailingFilter(admin.SimpleListFilter):
    title = "health"
    parameter_name = "health"

    def lookups(self, request, model_admin):
        return [("failing", "Failing"), ("ok", "Healthy")]

    def queryset(self, request, queryset):
        if self.value() == "failing":
            return queryset.filter(failure_count__gt=0)
        if self.value() == "ok":
            return queryset.filter(failure_count=0)
        return queryset


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "article_total", "created_at"]
    search_fields = ["name", "domain"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(ordering="article_total", description="articles")
    def article_total(self, obj):
        return obj.article_total


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "outlet",
        "is_active",
        "poll_interval",
        "last_polled_at",
        "next_poll_at",
        "failure_count",
        "entry_count",
    ]
    list_filter = ["is_active", FailingFilter, "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["url", "title", "outlet__name"]
    autocomplete_fields = ["outlet"]
    readonly_fields = ["etag", "modified", "last_polled_at", "entry_count", "created_at"]
    actions = ["fetch_now", "activate", "deactivate"]

    @admin.action(description="Fetch now")
    def fetch_now(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        queryset.update(next_poll_at=timezone.now())
        for feed_id in ids:
            pipeline.poll_feed(feed_id)
        _report(self, request, len(ids), "%(count)d feed queued.", "%(count)d feeds queued.")

    @admin.action(description="Activate")
    def activate(self, request, queryset):
        count = queryset.update(is_active=True, failure_count=0, next_poll_at=timezone.now())
        _report(self, request, count, "%(count)d feed activated.", "%(count)d feeds activated.")

    @admin.action(description="Deactivate")
    def deactivate(self, request, queryset):
        count = queryset.update(is_active=False)
        _report(
            self, request, count, "%(count)d feed deactivated.", "%(count)d feeds deactivated."
        )


class ArticleActionForm(ActionForm):
    story = forms.IntegerField(
        required=False,
        min_value=1,
        label="Story id",
        help_text="For “Move to story”: the story id; blank makes a new story.",
    )


class RevisionInline(admin.TabularInline):
    model = ArticleRevision
    fields = ["fetched_at", "content_hash", "title"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "outlet",
        "published_at",
        "status",
        "story",
        "story_locked",
        "claim_total",
        "failure_count",
    ]
    list_filter = [
        "status",
        FailingFilter,
        "story_locked",
        "outlet",
        ("wire_source", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["outlet", "story"]
    search_fields = ["title", "url", "outlet__name"]
    autocomplete_fields = ["outlet", "feed", "story", "wire_source"]
    readonly_fields = [
        "content_hash",
        "extracted_hash",
        "fetched_at",
        "created_at",
        "updated_at",
        "revision_total",
    ]
    date_hierarchy = "published_at"
    show_full_result_count = False
    inlines = [RevisionInline]
    actions = ["refetch", "reprocess", "move_to_story"]
    action_form = ArticleActionForm

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_total=Count("claims"))

    @admin.display(ordering="claim_total", description="claims")
    def claim_total(self, obj):
        return obj.claim_total

    @admin.display(description="revisions")
    def revision_total(self, obj):
        return obj.revisions.count()

    @admin.action(description="Re-fetch now")
    def refetch(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        for article_id in ids:
            pipeline.fetch_article(article_id)
        _report(self, request, len(ids), "%(count)d article queued.", "%(count)d articles queued.")

    @admin.action(description="Re-run extraction and analysis")
    def reprocess(self, request, queryset):
        count = reprocess_service.reprocess_articles(queryset.values_list("pk", flat=True))
        _report(
            self, request, count, "%(count)d article requeued.", "%(count)d articles requeued."
        )

    @admin.action(description="Move to story (id in the box; blank: a new story)")
    def move_to_story(self, request, queryset):
        # Only the box is read here: the form's action choices are the admin's to fill.
        try:
            story_id = ArticleActionForm.base_fields["story"].clean(request.POST.get("story"))
        except forms.ValidationError:
            story_id = 0
        story = None
        if story_id is not None:
            story = Story.objects.filter(pk=story_id).first()
            if story is None:
                self.message_user(request, "No story with that id.", messages.ERROR)
                return
        try:
            result = story_edits.move_articles(
                list(queryset.values_list("pk", flat=True)), story, request.user, note="admin"
            )
        except story_edits.StoryEditError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        _report(
            self,
            request,
            result.moved,
            f"%(count)d article moved to story #{result.story.pk}.",
            f"%(count)d articles moved to story #{result.story.pk}.",
        )


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(admin.ModelAdmin):
    list_display = ["article", "fetched_at", "content_hash"]
    list_select_related = ["article"]
    search_fields = ["article__title", "article__url", "content_hash"]
    autocomplete_fields = ["article"]
    readonly_fields = ["content_hash", "fetched_at"]
    show_full_result_count = False


class StoryEditInline(admin.TabularInline):
    """Corrections that brought articles into the story (read only)."""

    model = StoryEdit
    fk_name = "story"
    fields = ["created_at", "action", "other_story", "article_ids", "user", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "corrections"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "article_count",
        "open_flags",
        "last_seen",
        "needs_analysis",
        "analysed_at",
        "merged_into",
    ]
    list_filter = ["needs_analysis", ("merged_into", admin.EmptyFieldListFilter)]
    list_select_related = ["merged_into"]
    search_fields = ["title"]
    autocomplete_fields = ["merged_into"]
    readonly_fields = ["first_seen", "article_count", "analysed_at", "created_at", "people"]
    date_hierarchy = "last_seen"
    inlines = [StoryEditInline]
    actions = ["reanalyse", "merge"]

    def get_queryset(self, request):
        open_flags = Count("flags", filter=Q(flags__is_active=True, flags__status="open"))
        return super().get_queryset(request).annotate(open_flag_total=open_flags)

    @admin.display(ordering="open_flag_total", description="open flags")
    def open_flags(self, obj):
        return obj.open_flag_total

    @admin.action(description="Re-run analysis")
    def reanalyse(self, request, queryset):
        count = reprocess_service.reanalyse_stories(queryset.values_list("pk", flat=True))
        _report(self, request, count, "%(count)d story queued.", "%(count)d stories queued.")

    @admin.action(description="Merge selected stories into the oldest")
    def merge(self, request, queryset):
        stories = list(queryset.filter(merged_into=None).order_by("first_seen", "pk"))
        if len(stories) < 2:
            self.message_user(request, "Select at least two live stories.", messages.WARNING)
            return
        target, *others = stories
        story_edits.merge_stories(target, others, request.user, note="admin")
        _report(
            self,
            request,
            len(others),
            "%(count)d story merged.",
            "%(count)d stories merged.",
        )


@admin.register(StoryEdit)
class StoryEditAdmin(LogAdmin):
    """The log of story corrections: read only, written by claims.services.story_edits."""

    list_display = ["created_at", "action", "story", "other_story", "article_total", "user"]
    list_filter = ["action"]
    list_select_related = ["story", "other_story", "user"]
    search_fields = ["note", "story__title", "other_story__title", "user__username"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    @admin.display(description="articles")
    def article_total(self, obj):
        return len(obj.article_ids or [])


@admin.register(StorySeparation)
class StorySeparationAdmin(ReadOnlyAdmin):
    """Stories kept apart by a reviewer; deleting a row lets the automatic merge join them."""

    list_display = ["__str__", "story_a", "story_b", "edit", "created_at"]
    list_select_related = ["story_a", "story_b", "edit"]
    search_fields = ["story_a__title", "story_b__title"]
    show_full_result_count = False


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ["article", "text", "kind", "speaker"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(ClaimCluster)
class ClaimClusterAdmin(admin.ModelAdmin):
    list_display = ["__str__", "story", "status", "outlet_count", "independent_count", "is_active"]
    list_filter = ["status", "is_active"]
    list_select_related = ["story"]
    search_fields = ["label", "story__title"]
    autocomplete_fields = ["story"]
    readonly_fields = ["fingerprint", "created_at", "updated_at"]
    inlines = [ClaimInline]
    show_full_result_count = False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article_outlet", "kind", "speaker", "score_pct", "cluster"]
    list_filter = ["kind", "article__outlet"]
    list_select_related = ["article__outlet", "cluster"]
    search_fields = ["text", "speaker", "article__title"]
    autocomplete_fields = ["article", "story", "cluster"]
    readonly_fields = ["text_hash", "has_embedding", "created_at"]
    show_full_result_count = False

    @admin.display(ordering="article__outlet__name", description="outlet")
    def article_outlet(self, obj):
        return obj.article.outlet

    @admin.display(ordering="score", description="check-worthiness")
    def score_pct(self, obj):
        return f"{obj.score:.0%}"

    @admin.display(boolean=True, description="embedded")
    def has_embedding(self, obj):
        return obj.embedding is not None


class ReviewInline(admin.TabularInline):
    model = Review
    fields = ["created_at", "reviewer", "action", "verdict", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "status", "value_summary", "story", "is_active"]
    list_filter = ["kind", "status", "is_active"]
    list_select_related = ["story"]
    search_fields = ["subject", "story__title"]
    autocomplete_fields = ["story", "cluster"]
    readonly_fields = ["fingerprint", "created_at", "updated_at"]
    inlines = [ReviewInline]
    actions = ["dismiss", "confirm", "reopen"]
    show_full_result_count = False

    @admin.display(description="values")
    def value_summary(self, obj):
        parts = [f"{v.value} ({len(v.outlets)})" for v in read_variants(obj.variants)[:4]]
        return format_html("{}", " | ".join(parts))

    def _triage(self, request, queryset, action):
        """The reviewer's triage (claims.services.review): a Review per change, colours kept."""
        ids = list(queryset.values_list("pk", flat=True))
        count = review_service.triage_many(ids, action, request.user, note="admin")
        _report(self, request, count, "%(count)d flag updated.", "%(count)d flags updated.")

    @admin.action(description="Dismiss")
    def dismiss(self, request, queryset):
        self._triage(request, queryset, Review.Action.DISMISS)

    @admin.action(description="Confirm")
    def confirm(self, request, queryset):
        self._triage(request, queryset, Review.Action.CONFIRM)

    @admin.action(description="Reopen")
    def reopen(self, request, queryset):
        self._triage(request, queryset, Review.Action.REOPEN)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["created_at", "reviewer", "action", "verdict", "flag", "cluster"]
    list_filter = ["action", "verdict"]
    list_select_related = ["reviewer", "flag", "cluster"]
    search_fields = ["note", "flag__subject", "cluster__label", "reviewer__username"]
    autocomplete_fields = ["flag", "cluster", "reviewer"]
    date_hierarchy = "created_at"
    show_full_result_count = False


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["value", "canonical", "kind", "subject", "created_by", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["created_by"]
    search_fields = ["value", "canonical", "subject"]
    autocomplete_fields = ["created_by"]


@admin.register(MatchSuggestion)
class MatchSuggestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "story", "similarity", "decision", "decided_by", "is_active"]
    list_filter = ["decision", "is_active"]
    list_select_related = ["story", "decided_by"]
    search_fields = ["text_a", "text_b"]
    autocomplete_fields = ["story", "decided_by"]
    readonly_fields = ["text_hash_a", "text_hash_b", "similarity", "created_at"]


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    list_display = [
        "source",
        "kind",
        "status",
        "progress_pct",
        "failed",
        "created_by",
        "created_at",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["created_by"]
    search_fields = ["source", "error"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["retry"]

    @admin.display(description="progress")
    def progress_pct(self, obj):
        return f"{obj.progress}%"

    @admin.action(description="Retry")
    def retry(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        queryset.update(status=IngestJob.Status.QUEUED, error="")
        for job_id in ids:
            pipeline.run_ingest_job(job_id)
        _report(self, request, len(ids), "%(count)d job requeued.", "%(count)d jobs requeued.")


# Offices, their names over time, holders and learned name suggestions; re-checks,
# notices and the outbox of deliveries; the indexes the pipeline keeps for itself;
# imported fact-checks (ClaimReview) and their import page; the claim memory.
from claims import (  # noqa: E402, F401
    admin_factchecks,
    admin_indexes,
    admin_memory,
    admin_offices,
    admin_rechecks,
)
