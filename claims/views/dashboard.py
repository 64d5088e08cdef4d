"""The dashboard: live stories with their open flags, ingestion forms and progress."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from claims.access import reviewer_required
from claims.analysis import kinds
from claims.forms import FeedSubmitForm, FileSubmitForm, TextSubmitForm, UrlSubmitForm
from claims.models import Article, Claim, Flag, IngestJob, MatchSuggestion, Story
from claims.services import ingest as ingest_service
from claims.views.common import CONTRADICTION_KINDS, render_page


def _count(qs, field="pk", distinct=False):
    return Coalesce(
        Subquery(
            qs.order_by().values("story").annotate(n=Count(field, distinct=distinct)).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def _ingest_status():
    jobs = list(IngestJob.objects.select_related("created_by").order_by("-created_at")[:8])
    failed = list(Article.objects.failed().select_related("outlet").order_by("-updated_at")[:8])
    active = any(j.status in (IngestJob.Status.QUEUED, IngestJob.Status.RUNNING) for j in jobs)
    return {"jobs": jobs, "failed_articles": failed, "ingest_active": active}


@login_required
@require_GET
def dashboard(request):
    stories = Story.objects.live().annotate(
        n_claims=_count(Claim.objects.filter(story=OuterRef("pk"))),
        n_outlets=_count(Article.objects.filter(story=OuterRef("pk")), "outlet", True),
        n_articles=_count(Article.objects.filter(story=OuterRef("pk"))),
    )
    page = Paginator(stories.order_by("-last_seen", "-pk"), 20).get_page(request.GET.get("page"))
    ids = [s.pk for s in page]
    by_story = defaultdict(list)
    rows = (
        Flag.objects.open()
        .filter(story_id__in=ids)
        .values("story_id", "kind")
        .annotate(n=Count("pk"))
        .order_by("story_id", "kind")
    )
    labels = dict(Flag.Kind.choices)
    for row in rows:
        by_story[row["story_id"]].append(
            {"kind": row["kind"], "label": labels.get(row["kind"], row["kind"]), "n": row["n"]}
        )
    for story in page:
        flags = sorted(
            by_story.get(story.pk, []),
            key=lambda f: (not kinds.is_difference(f["kind"]), f["kind"]),
        )
        story.open_flags = flags
        story.n_contradictions = sum(f["n"] for f in flags if f["kind"] in CONTRADICTION_KINDS)
    context = {
        "page": page,
        "url_form": UrlSubmitForm(),
        "text_form": TextSubmitForm(),
        "file_form": FileSubmitForm(),
        "feed_form": FeedSubmitForm(),
        "pending_suggestions": MatchSuggestion.objects.filter(
            decision=MatchSuggestion.Decision.PENDING, is_active=True
        ).count(),
        **_ingest_status(),
    }
    return render_page(request, "claims/dashboard.html", context)


@login_required
@require_GET
def ingest_status(request):
    return render_page(request, "claims/_ingest_status.html", _ingest_status())


# --- ingestion forms ------------------------------------------------------------------


def _submit(request, func, *args, **kwargs):
    """Call an ingest service for the reviewer; its refusal becomes a message."""
    try:
        return func(*args, user=request.user, **kwargs)
    except ValueError as exc:  # IngestError is a ValueError with a reviewer-facing message
        messages.error(request, str(exc))
        return None


def _form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label or field}: {error}" if field != "__all__" else error)


def _submitted(request, job, what):
    if job is None:
        return
    if job.status == IngestJob.Status.FAILED:
        messages.error(request, f"{what} failed: {job.error}")
    elif job.status == IngestJob.Status.QUEUED and job.error:
        # Recorded, but the broker was down: resume_stalled sends it later.
        messages.warning(request, f"{what} recorded: {job.error}")
    else:
        messages.success(request, f"{what} queued: {job}")


def _ingest_form(request, form, submit):
    """Hand a valid form's data to `submit(data)`, else show its errors; back to the dashboard."""
    if form.is_valid():
        submit(form.cleaned_data)
    else:
        _form_errors(request, form)
    return redirect("claims:dashboard")


@reviewer_required
@require_POST
def submit_url(request):
    def submit(data):
        _submitted(request, _submit(request, ingest_service.submit_url, data["url"]), "URL")

    return _ingest_form(request, UrlSubmitForm(request.POST), submit)


@reviewer_required
@require_POST
def submit_text(request):
    def submit(data):
        job = _submit(
            request,
            ingest_service.submit_text,
            data["text"],
            title=data["title"],
            outlet=data["outlet"],
            url=data["url"] or "",
            published=data["published"],
        )
        _submitted(request, job, "Pasted text")

    return _ingest_form(request, TextSubmitForm(request.POST), submit)


@reviewer_required
@require_POST
def submit_file(request):
    def submit(data):
        upload = data["file"]
        job = _submit(request, ingest_service.submit_file, upload.name, upload.read())
        _submitted(request, job, "File")

    return _ingest_form(request, FileSubmitForm(request.POST, request.FILES), submit)


@reviewer_required
@require_POST
def submit_feed(request):
    def submit(data):
        outlet = data["outlet"] or None
        feed = _submit(request, ingest_service.submit_feed, data["url"], outlet=outlet)
        if feed is not None:
            messages.success(request, f"Feed added: {feed}")

    return _ingest_form(request, FeedSubmitForm(request.POST), submit)
