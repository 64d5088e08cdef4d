from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from claims.analysis import kinds
from claims.analysis.titles import key_of
from claims.analysis.variants import read_variants
from claims.managers import ArticleQuerySet, FeedQuerySet, FlagQuerySet, StoryQuerySet


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(
        max_length=253, blank=True, help_text="Host name used to match URLs to this outlet."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        indexes = [
            # Outlet lookup by host when an article URL arrives.
            models.Index(fields=["domain"], name="outlet_domain_idx"),
        ]

    def __str__(self):
        return self.name


class Feed(models.Model):
    outlet = models.ForeignKey(Outlet, models.CASCADE, related_name="feeds")
    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    is_active = models.BooleanField(default=True)
    poll_interval = models.PositiveIntegerField(
        default=30, help_text="Minutes between polls while the feed is healthy."
    )
    etag = models.CharField(max_length=300, blank=True, editable=False)
    modified = models.CharField(
        max_length=100, blank=True, editable=False, help_text="Last-Modified header."
    )
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_poll_at = models.DateTimeField(default=timezone.now, db_index=False)
    last_error = models.TextField(blank=True)
    failure_count = models.PositiveIntegerField(default=0)
    entry_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = FeedQuerySet.as_manager()

    class Meta:
        ordering = ["outlet__name", "url"]
        indexes = [
            # poll_due_feeds: WHERE is_active AND next_poll_at <= now
            models.Index(fields=["is_active", "next_poll_at"], name="feed_due_idx"),
        ]

    def __str__(self):
        return self.title or self.url


class Story(models.Model):
    title = models.CharField(max_length=500)
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)
    centroid = models.BinaryField(
        null=True, editable=False, help_text="Mean article embedding, float32 bytes."
    )
    article_count = models.PositiveIntegerField(default=0)
    merged_into = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="merged_from"
    )
    people = models.JSONField(
        default=list, blank=True, help_text="People of the story with each outlet's titles."
    )
    timelines = models.JSONField(
        default=list,
        blank=True,
        help_text="Figures that move over the story (a toll): each report by publication "
        "time, the latest marked, earlier values superseded (claims.analysis.figures).",
    )
    profile = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Names and terms of the event: key -> summed log-tf of its articles "
        "(claims.analysis.stories).",
    )
    needs_analysis = models.BooleanField(default=False)
    analysis_due_at = models.DateTimeField(null=True, blank=True)
    analysed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen"]
        verbose_name_plural = "stories"
        indexes = [
            # assign_story: active stories in a time window, newest first
            models.Index(fields=["merged_into", "last_seen"], name="story_active_idx"),
            # sweep_dirty_stories: WHERE needs_analysis AND analysis_due_at <= now
            models.Index(fields=["needs_analysis", "analysis_due_at"], name="story_dirty_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("claims:story", args=[self.pk])

    def surviving_story(self) -> "Story":
        """The story this one was merged into, followed to the end (itself if not
        merged); a cycle left by concurrent merges stops where it closes."""
        story, seen = self, set()
        while story.merged_into_id and story.pk not in seen:
            seen.add(story.pk)
            story = Story.objects.get(pk=story.merged_into_id)
        return story


class Article(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        FETCHED = "fetched", "Fetched"
        EXTRACTED = "extracted", "Claims extracted"
        EMBEDDED = "embedded", "Embedded"
        ANALYSED = "analysed", "Analysed"
        FAILED = "failed", "Failed"

    outlet = models.ForeignKey(Outlet, models.PROTECT, related_name="articles")
    feed = models.ForeignKey(Feed, models.SET_NULL, null=True, blank=True, related_name="articles")
    url = models.URLField(max_length=2000, unique=True, help_text="Canonical URL.")
    title = models.CharField(max_length=500, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=12, blank=True)
    text = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(max_length=12, choices=Status, default=Status.QUEUED)
    last_error = models.TextField(blank=True)
    failure_count = models.PositiveIntegerField(default=0)
    fetched_at = models.DateTimeField(null=True, blank=True)
    next_fetch_at = models.DateTimeField(null=True, blank=True)
    extracted_hash = models.CharField(
        max_length=64, blank=True, editable=False, help_text="content_hash claims came from."
    )
    nlp = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Article-level extraction: people with their titles and variants, dateline.",
    )
    story = models.ForeignKey(
        Story, models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    wire_source = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="reprints",
        help_text="The article this one reprints (wire copy).",
    )
    wire_credit = models.CharField(max_length=50, blank=True, help_text="e.g. Reuters, PTI")
    story_terms = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Names and terms that identify the article's event, counted for IDF: "
        '{"hash": content hash, "terms": {key: count}} (claims.nlp.salient).',
    )
    story_vector = models.BinaryField(
        null=True, editable=False, help_text="Headline + lead + claims embedding, float32 bytes."
    )
    story_locked = models.BooleanField(
        "story pinned",
        default=False,
        help_text="A reviewer put the article in its story: automatic assignment and "
        "automatic merges never move it.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [
            # refetch_due_articles: WHERE next_fetch_at <= now
            models.Index(fields=["next_fetch_at"], name="article_refetch_idx"),
            # story page: articles of a story by date
            models.Index(fields=["story", "published_at"], name="article_story_idx"),
            # dashboard: failed and queued articles
            models.Index(fields=["status", "updated_at"], name="article_status_idx"),
        ]

    def __str__(self):
        return self.title or self.url

    def get_absolute_url(self):
        return reverse("claims:article", args=[self.pk])


class ArticleRevision(models.Model):
    article = models.ForeignKey(Article, models.CASCADE, related_name="revisions")
    content_hash = models.CharField(max_length=64)
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["article", "fetched_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "content_hash"], name="revision_unique_hash"
            ),
        ]

    def __str__(self):
        return f"{self.article} @ {self.fetched_at:%Y-%m-%d %H:%M}"


class ClaimCluster(models.Model):
    class Status(models.TextChoices):
        CORROBORATED = "corroborated", "Corroborated"
        SINGLE_SOURCE = "single_source", "Single source"
        CONTRADICTED = "contradicted", "Contradicted"

    story = models.ForeignKey(Story, models.CASCADE, related_name="clusters")
    fingerprint = models.CharField(
        max_length=64, help_text="Stable across re-analysis: verdicts attach to it."
    )
    label = models.TextField(help_text="Representative wording.")
    status = models.CharField(max_length=16, choices=Status, default=Status.SINGLE_SOURCE)
    outlet_count = models.PositiveIntegerField(default=0)
    independent_count = models.PositiveIntegerField(
        default=0, help_text="Outlets not reprinting another outlet's wire copy."
    )
    position = models.PositiveIntegerField(default=0, help_text="Order in the story.")
    provenance = models.JSONField(
        default=dict,
        blank=True,
        help_text="First appearance, copies and independent origins (claims.analysis.provenance).",
    )
    is_active = models.BooleanField(
        default=True, help_text="False when the latest analysis no longer produced it."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["story", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "fingerprint"], name="cluster_unique_fingerprint"
            ),
        ]
        indexes = [
            # story page: active clusters of a story in order
            models.Index(fields=["story", "is_active", "position"], name="cluster_story_idx"),
        ]

    def __str__(self):
        return self.label[:80]

    def get_absolute_url(self):
        return reverse("claims:cluster", args=[self.pk])


class Claim(models.Model):
    class Kind(models.TextChoices):
        STATEMENT = "statement", "Statement"
        QUOTE = "quote", "Quote"

    article = models.ForeignKey(Article, models.CASCADE, related_name="claims")
    story = models.ForeignKey(Story, models.SET_NULL, null=True, blank=True, related_name="claims")
    cluster = models.ForeignKey(
        ClaimCluster, models.SET_NULL, null=True, blank=True, related_name="claims"
    )
    position = models.PositiveIntegerField(help_text="Sentence order in the article.")
    text = models.TextField()
    start = models.PositiveIntegerField(help_text="Character offset into the article text.")
    end = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.STATEMENT)
    speaker = models.CharField(max_length=200, blank=True)
    score = models.FloatField(default=0.0, help_text="Check-worthiness, 0 to 1.")
    slots = models.JSONField(default=dict, blank=True)
    text_hash = models.CharField(max_length=64, db_index=True)
    embedding = models.BinaryField(null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            # One claim per article sentence: re-extraction replaces, never duplicates.
            models.UniqueConstraint(fields=["article", "start"], name="claim_unique_span"),
        ]
        indexes = [
            # story page and analysis: claims of a story
            models.Index(fields=["story", "cluster"], name="claim_story_idx"),
        ]

    def __str__(self):
        return self.text[:80]


class Flag(models.Model):
    class Kind(models.TextChoices):
        CORROBORATED = "corroborated", "Corroborated"
        SINGLE_SOURCE = "single_source", "Single source"
        TITLE_MISMATCH = "title_mismatch", "Title mismatch"
        NAME_VARIANT = "name_variant", "Name variant"
        QUOTE_VARIANT = "quote_variant", "Quote variant"
        NUMBER_MISMATCH = "number_mismatch", "Number mismatch"
        DATE_MISMATCH = "date_mismatch", "Date mismatch"
        PLACE_MISMATCH = "place_mismatch", "Place mismatch"
        POLARITY_MISMATCH = "polarity_mismatch", "Polarity mismatch"
        ROLE_MISMATCH = "role_mismatch", "Roles swapped"
        STALE_COPY = "stale_copy", "Stale copy"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CONFIRMED = "confirmed", "Confirmed"
        DISMISSED = "dismissed", "Dismissed"
        EQUIVALENT = "equivalent", "Marked equivalent"

    class Severity(models.TextChoices):
        CONTRADICTION = "contradiction", "Contradiction"
        DISCREPANCY = "discrepancy", "Discrepancy"
        AGREEMENT = "agreement", "Agreement"

    story = models.ForeignKey(Story, models.CASCADE, related_name="flags")
    cluster = models.ForeignKey(
        ClaimCluster, models.SET_NULL, null=True, blank=True, related_name="flags"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    subject = models.CharField(max_length=500)
    fingerprint = models.CharField(
        max_length=64, help_text="Stable key: re-analysis updates the same flag."
    )
    variants = models.JSONField(
        default=list, help_text="[{value, outlets, evidence: [{article, text, start, end}]}]"
    )
    detail = models.JSONField(
        default=dict,
        blank=True,
        help_text="Typed comparison: a title flag's relation, reason, office and the "
        "validity dates used (claims.analysis.titles).",
    )
    severity = models.CharField(
        max_length=13,
        choices=Severity,
        default=Severity.DISCREPANCY,
        help_text="How much it matters: outlets contradict each other, differ, or agree.",
    )
    reason = models.CharField(
        max_length=500, blank=True, help_text="Why it was flagged, in words."
    )
    status = models.CharField(max_length=12, choices=Status, default=Status.OPEN)
    is_active = models.BooleanField(
        default=True, help_text="False when the latest analysis no longer produced it."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["story", "kind", "subject"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "fingerprint"], name="flag_unique_fingerprint"
            ),
        ]
        indexes = [
            # dashboard counts: open flags by kind per story
            models.Index(fields=["story", "is_active", "status", "kind"], name="flag_story_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    def get_absolute_url(self):
        return reverse("claims:flag", args=[self.pk])

    @property
    def variant_list(self):
        """The stored variants read through the one reader (old or malformed rows included)."""
        return read_variants(self.variants)

    @property
    def is_contradiction(self):
        """A difference between outlets (claims.analysis.kinds), not agreement."""
        return kinds.is_difference(self.kind)


class Review(models.Model):
    """A reviewer's decision: triage of a flag, or a verdict on a claim cluster."""

    class Action(models.TextChoices):
        CONFIRM = "confirm", "Confirmed"
        DISMISS = "dismiss", "Dismissed"
        EQUIVALENT = "equivalent", "Marked equivalent"
        REOPEN = "reopen", "Reopened"
        VERDICT = "verdict", "Verdict"

    class Verdict(models.TextChoices):
        TRUE = "true", "True"
        MOSTLY_TRUE = "mostly_true", "Mostly true"
        MIXED = "mixed", "Mixed"
        MISLEADING = "misleading", "Misleading"
        FALSE = "false", "False"
        UNVERIFIABLE = "unverifiable", "Unverifiable"

    flag = models.ForeignKey(Flag, models.CASCADE, null=True, blank=True, related_name="reviews")
    cluster = models.ForeignKey(
        ClaimCluster, models.CASCADE, null=True, blank=True, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="claim_reviews"
    )
    action = models.CharField(max_length=12, choices=Action)
    verdict = models.CharField(max_length=14, choices=Verdict, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(flag__isnull=False, cluster__isnull=True)
                | Q(flag__isnull=True, cluster__isnull=False),
                name="review_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(action="verdict") | ~Q(verdict=""),
                name="review_verdict_has_rating",
            ),
        ]
        indexes = [
            # ClaimReview export: latest verdicts
            models.Index(fields=["action", "created_at"], name="review_action_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} by {self.reviewer}"


class Alias(models.Model):
    """Two values a reviewer declared equivalent; suppresses the same flag next time."""

    class Kind(models.TextChoices):
        TITLE = "title", "Title"
        NAME = "name", "Name"
        QUOTE = "quote", "Quote wording"
        NUMBER = "number", "Number"
        DATE = "date", "Date"
        PLACE = "place", "Place"

    kind = models.CharField(max_length=10, choices=Kind)
    subject = models.CharField(
        max_length=300, blank=True, help_text="Person or claim it applies to; blank: everywhere."
    )
    value = models.CharField(max_length=500)
    canonical = models.CharField(max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name_plural = "aliases"
        ordering = ["kind", "subject", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject", "value", "canonical"], name="alias_unique"
            ),
        ]

    def __str__(self):
        return f"{self.value} = {self.canonical}"


class MatchSuggestion(models.Model):
    """A pair of claims in the grey zone of similarity, for a reviewer to decide.

    Keyed by the claims' text hashes so the decision survives re-extraction.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Same claim"
        REJECTED = "rejected", "Different claims"

    story = models.ForeignKey(Story, models.CASCADE, related_name="suggestions")
    text_hash_a = models.CharField(max_length=64)
    text_hash_b = models.CharField(max_length=64)
    text_a = models.TextField()
    text_b = models.TextField()
    similarity = models.FloatField()
    decision = models.CharField(max_length=10, choices=Decision, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["story", "-similarity"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "text_hash_a", "text_hash_b"], name="suggestion_unique_pair"
            ),
        ]

    def __str__(self):
        return f"{self.text_a[:40]} ~ {self.text_b[:40]} ({self.similarity:.2f})"


class IngestJob(models.Model):
    """One submitted source (feed, URL, file, paste) and how far it got."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    source = models.CharField(max_length=2000)
    kind = models.CharField(max_length=10)
    payload = models.BinaryField(
        null=True, blank=True, editable=False, help_text="Pasted text or uploaded file bytes."
    )
    options = models.JSONField(
        default=dict, blank=True, help_text="Source options: outlet, title, url, published."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    task_id = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="The task running it: delivered again after its worker died, it takes it back.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # dashboard: recent jobs by status
            models.Index(fields=["status", "created_at"], name="ingestjob_status_idx"),
        ]

    def __str__(self):
        return f"{self.kind} {self.source[:60]} ({self.status})"

    @property
    def progress(self):
        return round(100 * (self.done + self.failed) / self.total) if self.total else 0


class Recheck(models.Model):
    """A reviewed item whose evidence changed in a new revision: a reviewer looks again.

    Created by `claims.services.rechecks` when re-extraction finds that a
    sentence under a verdict, a triaged flag or an accepted match was changed,
    removed or added; the analysis is re-run as usual, but the decision stands
    until a reviewer keeps or changes it.
    """

    class Reason(models.TextChoices):
        CHANGED = "changed", "Sentence changed"
        REMOVED = "removed", "Sentence removed"
        ADDED = "added", "Sentence added"

    class Status(models.TextChoices):
        OPEN = "open", "Needs re-check"
        KEPT = "kept", "Decision kept"
        CHANGED = "changed", "Decision changed"

    story = models.ForeignKey(Story, models.CASCADE, related_name="rechecks")
    cluster = models.ForeignKey(
        ClaimCluster, models.CASCADE, null=True, blank=True, related_name="rechecks"
    )
    flag = models.ForeignKey(
        Flag,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="rechecks",
        help_text="A triaged story-wide flag whose evidence was the sentence.",
    )
    article = models.ForeignKey(Article, models.CASCADE, related_name="rechecks")
    revision = models.ForeignKey(
        ArticleRevision, models.CASCADE, related_name="rechecks", help_text="The new revision."
    )
    previous = models.ForeignKey(
        ArticleRevision,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The revision the decision was made on.",
    )
    reason = models.CharField(max_length=10, choices=Reason)
    old_text = models.TextField(blank=True, help_text="The sentence before the revision.")
    new_text = models.TextField(blank=True, help_text="The sentence after the revision.")
    flags_before = models.JSONField(
        default=list,
        blank=True,
        help_text="The item's flags when the revision arrived: [{fingerprint, kind, status}].",
    )
    key = models.CharField(
        max_length=64, unique=True, editable=False, help_text="Idempotence: one row per change."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cluster__isnull=False) | Q(flag__isnull=False),
                name="recheck_has_target",
            ),
        ]
        indexes = [
            # re-check queue and dashboard count: open items, newest first
            models.Index(fields=["status", "created_at"], name="recheck_queue_idx"),
            # story filter and report: a story's re-checks
            models.Index(fields=["story", "status"], name="recheck_story_idx"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {(self.old_text or self.new_text)[:60]}"

    def get_absolute_url(self):
        return reverse("claims:recheck", args=[self.pk])


class Notification(models.Model):
    """An in-app notice to one reviewer (their decision's evidence changed)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="claim_notifications"
    )
    recheck = models.ForeignKey(
        Recheck, models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    message = models.CharField(max_length=500)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "recheck"], name="notification_unique"),
        ]
        indexes = [
            # badge: a user's unread notices
            models.Index(fields=["user", "read_at"], name="notification_unread_idx"),
        ]

    def __str__(self):
        return f"{self.user}: {self.message[:60]}"


class Delivery(models.Model):
    """Outbox: a notice to send outside the app (e-mail, webhook), written with its cause.

    Rows are created in the transaction that creates the re-checks and sent
    after commit; `sent_at` is set once the send succeeded. A worker claims a
    row with a conditional UPDATE on `claimed_until` (a lease), so a row is
    sent by one worker at a time; a sweeper sends rows whose lease ran out.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", "E-mail"
        WEBHOOK = "webhook", "Webhook"

    channel = models.CharField(max_length=10, choices=Channel)
    recipient = models.CharField(max_length=2000, help_text="E-mail address or webhook URL.")
    payload = models.JSONField(default=dict)
    key = models.CharField(max_length=64, unique=True, editable=False)
    attempts = models.PositiveIntegerField(default=0)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "deliveries"
        indexes = [
            # sweeper: unsent rows, oldest first
            models.Index(fields=["sent_at", "created_at"], name="delivery_unsent_idx"),
        ]

    def __str__(self):
        state = "sent" if self.sent_at else f"pending ({self.attempts} attempts)"
        return f"{self.channel} to {self.recipient[:60]}: {state}"


class StoryEdit(models.Model):
    """A reviewer's or curator's correction of the story grouping: who, when, what.

    `story` is where the articles ended up (the merge target, the move's
    destination, the story a split opened); `other_story` is where they came
    from. Re-analysis and later articles respect the correction through
    `Article.story_locked` and `StorySeparation`; this row is the history.
    """

    class Action(models.TextChoices):
        MERGE = "merge", "Merged"
        MOVE = "move", "Moved article"
        SPLIT = "split", "Split"

    action = models.CharField(max_length=8, choices=Action)
    story = models.ForeignKey(
        Story, models.CASCADE, related_name="edits", help_text="Where the articles went."
    )
    other_story = models.ForeignKey(
        Story,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="edits_as_other",
        help_text="Where they came from (merged, moved or split off).",
    )
    article_ids = models.JSONField(
        default=list, blank=True, help_text="Ids of the articles the correction moved."
    )
    article_titles = models.JSONField(
        default=list, blank=True, help_text="Their titles at the time, for the history."
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="story_edits")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # story page: the history of corrections of a story, newest first
            models.Index(fields=["story", "created_at"], name="storyedit_story_idx"),
            # story page: corrections that took articles away from a story
            models.Index(fields=["other_story", "created_at"], name="storyedit_other_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} by {self.user} ({self.created_at:%Y-%m-%d %H:%M})"


class StorySeparation(models.Model):
    """Two stories a reviewer kept apart: the automatic merge never joins them again.

    Written by a split or a move (from the old story to the new one). The pair
    follows later merges: `claims.services.story_edits.kept_apart` resolves each
    side to the live story it was merged into. A reviewer's own merge of the
    two removes the row.
    """

    story_a = models.ForeignKey(Story, models.CASCADE, related_name="+")
    story_b = models.ForeignKey(Story, models.CASCADE, related_name="+")
    edit = models.ForeignKey(
        StoryEdit, models.SET_NULL, null=True, blank=True, related_name="separations"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story_a", "story_b"], name="separation_unique_pair"),
            # One row per pair: the lower id first.
            models.CheckConstraint(
                condition=Q(story_a__lt=models.F("story_b")), name="separation_ordered_pair"
            ),
        ]
        indexes = [
            # kept_apart: separations touching a set of stories, from the second side
            models.Index(fields=["story_b"], name="separation_b_idx"),
        ]

    def __str__(self):
        return f"story {self.story_a_id} kept apart from story {self.story_b_id}"


# --- offices, their names over time and their holders (claims.analysis.titles) -------


def _overlap(a_from, a_to, b_from, b_to) -> bool:
    """Two periods share a day; a blank start or end is open."""
    return (a_to is None or b_from is None or b_from <= a_to) and (
        b_to is None or a_from is None or a_from <= b_to
    )


def _period(start, end) -> str:
    if start and end:
        return f"{start:%-d %B %Y} to {end:%-d %B %Y}"
    if start:
        return f"since {start:%-d %B %Y}"
    if end:
        return f"until {end:%-d %B %Y}"
    return "at all times"


class Office(models.Model):
    """A public office, whatever it is called at a given time."""

    name = models.CharField(
        max_length=200, help_text="Canonical name, e.g. “US Secretary of Defense”."
    )
    jurisdiction = models.CharField(
        max_length=200, blank=True, help_text="Country or body, e.g. “United States”."
    )
    seats = models.PositiveSmallIntegerField(
        default=1, help_text="How many people hold it at once (1 for a minister or a president)."
    )
    sources = models.TextField(blank=True, help_text="Where the names and dates come from.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["jurisdiction", "name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="office_unique_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.jurisdiction})" if self.jurisdiction else self.name


class OfficeName(models.Model):
    """One name of an office and the period it is in use."""

    class Kind(models.TextChoices):
        STATUTORY = "statutory", "Statutory title"
        SECONDARY = "secondary", "Secondary title"
        INFORMAL = "informal", "Informal name"
        FORMER = "former", "Former name (after a rename)"
        ABBREVIATION = "abbreviation", "Abbreviation"

    office = models.ForeignKey(Office, models.CASCADE, related_name="names")
    name = models.CharField(max_length=200, help_text="As outlets write it: “Secretary of War”.")
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.STATUTORY)
    valid_from = models.DateField(
        null=True, blank=True, help_text="First day in use; blank: since the office began."
    )
    valid_to = models.DateField(
        null=True, blank=True, help_text="Last day in use; blank: still in use."
    )
    key = models.CharField(
        max_length=200,
        editable=False,
        help_text="Comparison key: word order, spelling, country and abbreviations folded.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["office", "valid_from", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="officename_period_ordered",
            ),
        ]
        indexes = [
            # clean(): another office's names with the same key; suggestions: known keys
            models.Index(fields=["key"], name="officename_key_idx"),
        ]

    def __str__(self):
        return (
            f"{self.name} ({self.get_kind_display()}, {_period(self.valid_from, self.valid_to)})"
        )

    def save(self, *args, **kwargs):
        self.key = key_of(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": "The name stops being used before it starts: check the dates."}
            )
        key = key_of(self.name)
        if not key:
            raise ValidationError({"name": "A name needs at least one word."})
        others = (
            OfficeName.objects.filter(Q(key=key) | Q(office_id=self.office_id, kind=self.kind))
            .exclude(pk=self.pk)
            .select_related("office")
        )
        for other in others:
            if not _overlap(self.valid_from, self.valid_to, other.valid_from, other.valid_to):
                continue
            if other.office_id == self.office_id:
                if getattr(self, "_siblings_checked", False):
                    continue  # the admin's formset checks the submitted rows together
                clash = self.clash(other)
                if clash:
                    raise ValidationError(clash)
                continue
            raise ValidationError(
                {
                    "name": f"“{self.name}” is already a name of {other.office} "
                    f"{_period(other.valid_from, other.valid_to)}: one name cannot name "
                    "two offices at once."
                }
            )

    def clash(self, other: "OfficeName") -> str:
        """Why two names of one office cannot both be in use over the same period
        ("" if they can): two statutory titles at once, or the same name twice."""
        if not _overlap(self.valid_from, self.valid_to, other.valid_from, other.valid_to):
            return ""
        when = _period(other.valid_from, other.valid_to)
        if self.kind == other.kind == self.Kind.STATUTORY:
            return (
                f"“{self.name}” and “{other.name}” would both be the statutory title {when}: "
                "end the old one the day before the new one starts."
            )
        if self.kind == other.kind and key_of(self.name) == key_of(other.name):
            return f"“{self.name}” is already listed as “{other.name}” {when}."
        return ""


class OfficeHolder(models.Model):
    """A person holding an office for a term."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="holders")
    person = models.CharField(max_length=200, help_text="Full name: “Pete Hegseth”.")
    start = models.DateField(help_text="First day in office.")
    end = models.DateField(null=True, blank=True, help_text="Last day in office; blank: holds it.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["office", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="officeholder_term_ordered",
            ),
        ]
        indexes = [
            # person page: the offices a person held
            models.Index(fields=["person"], name="officeholder_person_idx"),
        ]

    def __str__(self):
        return f"{self.person}, {self.office.name} {_period(self.start, self.end)}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The term ends before it starts: check the dates."})
        if not self.office_id or not self.start or getattr(self, "_siblings_checked", False):
            return  # in the admin, the formset checks the submitted terms together
        seats = self.office.seats or 1
        # A term that ends on the day the next begins is a handover, not an overlap.
        overlapping = [
            h
            for h in OfficeHolder.objects.filter(office_id=self.office_id).exclude(pk=self.pk)
            if (h.end is None or self.start < h.end) and (self.end is None or h.start < self.end)
        ]
        same = [h for h in overlapping if h.person.casefold() == self.person.casefold()]
        if same:
            raise ValidationError(
                f"{self.person} already holds this office {_period(same[0].start, same[0].end)}."
            )
        if len(overlapping) >= seats:
            names = ", ".join(f"{h.person} ({_period(h.start, h.end)})" for h in overlapping)
            raise ValidationError(
                f"The office has {seats} seat{'s' if seats != 1 else ''} and is held then by "
                f"{names}: end that term first."
            )


class OfficeNameSuggestion(models.Model):
    """A title the archive gives a person, proposed as a name of an office.

    Learned from the people of analysed stories. Until a curator accepts it
    (which creates an OfficeName), it changes no flag.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    person = models.CharField(max_length=200)
    title = models.CharField(max_length=200, help_text="As outlets write it.")
    key = models.CharField(max_length=200, editable=False)
    office = models.ForeignKey(
        Office,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="suggestions",
        help_text="The office the person holds when the title is used; set it before accepting.",
    )
    kind = models.CharField(
        max_length=12, choices=OfficeName.Kind, default=OfficeName.Kind.INFORMAL
    )
    outlets = models.JSONField(default=list, blank=True, help_text="Outlets that use the title.")
    mentions = models.PositiveIntegerField(default=0, help_text="Articles that use it.")
    first_seen = models.DateField(null=True, blank=True)
    last_seen = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=10, choices=Decision, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["decision", "-mentions", "person"]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="officesuggestion_unique"),
        ]
        indexes = [
            # admin: pending suggestions, most used first
            models.Index(fields=["decision", "mentions"], name="officesuggestion_todo_idx"),
        ]

    def __str__(self):
        return f"“{self.title}” for {self.person}"


class StoryKey(models.Model):
    """The inverted index of stories: a name or term that identifies a story -> the story.

    Candidate stories for a new article are the live ones sharing its rarest
    keys within the time window, so the cost per article does not grow with
    the archive (claims.services.stories).
    """

    story = models.ForeignKey(Story, models.CASCADE, related_name="keys")
    key = models.CharField(max_length=200)
    last_seen = models.DateTimeField(help_text="The story's last_seen, copied for the window.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "key"], name="storykey_unique"),
        ]
        indexes = [
            # candidates: WHERE key IN (...) AND last_seen >= when - window
            models.Index(fields=["key", "last_seen"], name="storykey_lookup_idx"),
        ]

    def __str__(self):
        return f"{self.key} -> story {self.story_id}"


class TermFrequency(models.Model):
    """Document frequency of a story key over every article seen, for IDF on a live stream.

    The row with key TOTAL counts the articles themselves.
    """

    TOTAL = "#articles"

    key = models.CharField(max_length=200, unique=True)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "term frequencies"

    def __str__(self):
        return f"{self.key}: {self.documents}"


class EmbeddingCache(models.Model):
    """A sentence vector by content hash, kept after the claims that carried it are gone.

    A re-fetched page, a wire copy or a headline seen before is never encoded
    again, across restarts and workers. Keyed by the model's name too, so a new
    model never reads an old model's vectors.
    """

    model = models.CharField(max_length=100)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "text_hash"], name="embeddingcache_unique"),
        ]

    def __str__(self):
        return f"{self.model}:{self.text_hash[:12]}"


# --- people across the archive (person pages) ----------------------------------------


class Person(models.Model):
    """One person across the archive: the stories' people joined by name.

    Written by the analysis (claims.services.people) from each story's people;
    the page shows every spelling, the titles each outlet used over time, the
    offices held (OfficeHolder) and the stories.
    """

    name = models.CharField(max_length=200, unique=True, help_text="The most used full name.")
    names = models.JSONField(default=list, blank=True, help_text="Every spelling seen.")
    story_count = models.PositiveIntegerField(default=0)
    mention_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("claims:person", args=[self.pk])


class PersonAppearance(models.Model):
    """A title an outlet gave a person in one article (blank: named without one)."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="appearances")
    story = models.ForeignKey(Story, models.CASCADE, related_name="appearances")
    article = models.ForeignKey(Article, models.CASCADE, related_name="appearances")
    outlet = models.ForeignKey(Outlet, models.CASCADE, related_name="+")
    name = models.CharField(max_length=200, blank=True, help_text="The name as written.")
    title = models.CharField(max_length=200, blank=True)
    relation = models.CharField(
        max_length=24, blank=True, help_text="To the person's main title in the story."
    )
    office = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # The publication date at three grains, written with the row, so the person
    # page counts titles per outlet by day, week or month with a plain GROUP BY.
    day = models.DateField(null=True, blank=True, editable=False)
    week = models.DateField(null=True, blank=True, editable=False, help_text="Its Monday.")
    month = models.DateField(null=True, blank=True, editable=False, help_text="Its first day.")

    class Meta:
        ordering = ["person", "published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "article", "title"], name="appearance_unique"
            ),
        ]
        indexes = [
            # person page: a person's titles by outlet over time
            models.Index(fields=["person", "published_at"], name="appearance_person_idx"),
            # re-analysis replaces a story's rows
            models.Index(fields=["story"], name="appearance_story_idx"),
        ]

    def __str__(self):
        return f"{self.person}: {self.title or '(no title)'} ({self.outlet_id})"

    def set_grains(self) -> None:
        """day, week and month from published_at (in the site's time zone)."""
        if self.published_at is None:
            self.day = self.week = self.month = None
            return
        day = timezone.localtime(self.published_at).date()
        self.day = day
        self.week = day - timedelta(days=day.weekday())
        self.month = day.replace(day=1)


# --- the claim memory: earlier verdicts and imported fact-checks ------------------------


class FactCheck(models.Model):
    """A published fact-check, imported from ClaimReview JSON-LD (file, page or feed)."""

    key = models.CharField(
        max_length=64,
        unique=True,
        help_text="Hash of the review's URL and claim: re-import is a no-op.",
    )
    claim_reviewed = models.TextField()
    rating = models.CharField(max_length=200, blank=True, help_text="The publisher's own words.")
    verdict = models.CharField(
        max_length=14,
        choices=Review.Verdict,
        blank=True,
        help_text="The rating mapped onto our verdicts, where it maps.",
    )
    publisher = models.CharField(max_length=200, blank=True)
    claimant = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    date_published = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=2000, help_text="The file, page or feed it came from.")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-date_published", "-imported_at"]

    def __str__(self):
        return f"{self.publisher}: {self.claim_reviewed[:60]}"


class MemoryEntry(models.Model):
    """One item of the claim memory: a cluster with a verdict, or an imported fact-check.

    The vector is kept with the row so the index is rebuilt from the database
    alone, by any worker, without re-encoding.
    """

    class Source(models.TextChoices):
        VERDICT = "verdict", "Our verdict"
        FACT_CHECK = "fact_check", "Published fact-check"

    source = models.CharField(max_length=12, choices=Source)
    cluster = models.OneToOneField(
        ClaimCluster, models.CASCADE, null=True, blank=True, related_name="memory_entry"
    )
    fact_check = models.OneToOneField(
        FactCheck, models.CASCADE, null=True, blank=True, related_name="memory_entry"
    )
    text = models.TextField()
    verdict = models.CharField(max_length=14, choices=Review.Verdict, blank=True)
    rating = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField()
    vector = models.BinaryField(editable=False)
    model = models.CharField(max_length=100, help_text="The embedding model of the vector.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source="verdict", cluster__isnull=False, fact_check__isnull=True)
                | Q(source="fact_check", cluster__isnull=True, fact_check__isnull=False),
                name="memoryentry_one_source",
            ),
        ]
        verbose_name_plural = "memory entries"

    def __str__(self):
        return self.text[:80]


class MemoryMatch(models.Model):
    """A claim cluster that matches something reviewed before: shown as "reviewed before"."""

    cluster = models.ForeignKey(ClaimCluster, models.CASCADE, related_name="memory_matches")
    entry = models.ForeignKey(MemoryEntry, models.CASCADE, related_name="matches")
    score = models.FloatField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "entry"], name="memorymatch_unique"),
        ]

    def __str__(self):
        return f"{self.cluster_id} ~ {self.entry_id} ({self.score:.2f})"
