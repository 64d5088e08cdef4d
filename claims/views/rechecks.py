"""Re-checks and notices: the queue of decisions a revision put in doubt, one re-check
with the old and new wording, and the reviewer's in-app notices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from claims.access import can_review, reviewer_required
from claims.forms import RecheckResolveForm
from claims.markup import render_diff_ops
from claims.models import Recheck, Review, Story
from claims.services import notify, rechecks
from claims.services import review as review_service
from claims.views.common import next_url, render_page, run_form

STATUSES = [("open", "Open"), ("resolved", "Resolved"), ("all", "All")]


def detail_context(recheck: Recheck) -> dict:
    """What a reviewer needs to decide: the wording before and after, the flags, the history."""
    current = None
    if recheck.cluster_id:
        current = review_service.latest_verdicts([recheck.cluster_id]).get(recheck.cluster_id)
    return {
        "recheck": recheck,
        "diff_html": render_diff_ops(rechecks.diff(recheck)),
        "flag_changes": rechecks.flag_changes(recheck),
        "decisions": rechecks.decisions_before(recheck),
        "current": current,
    }


def cluster_rechecks(cluster) -> list[dict]:
    """Open re-checks of a cluster, ready for the cluster page."""
    rows = rechecks.queue(status=Recheck.Status.OPEN).filter(cluster=cluster)
    return [detail_context(r) for r in rows]


@login_required
@require_GET
def recheck_queue(request):
    status = request.GET.get("status") or "open"
    reason = request.GET.get("reason") or ""
    story_id = request.GET.get("story") or ""
    story_id = int(story_id) if story_id.isdigit() else None
    if reason not in Recheck.Reason.values:
        reason = ""
    qs = rechecks.queue(status=None, story_id=story_id, reason=reason)
    if status == "open":
        qs = qs.filter(status=Recheck.Status.OPEN)
    elif status == "resolved":
        qs = qs.exclude(status=Recheck.Status.OPEN)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    stories = Story.objects.filter(rechecks__isnull=False).distinct().order_by("-last_seen")
    query = {k: v for k, v in (("status", status), ("reason", reason)) if v}
    if story_id:
        query["story"] = story_id
    context = {
        "page": page,
        "status": status,
        "reason": reason,
        "story_id": story_id,
        "statuses": STATUSES,
        "reasons": Recheck.Reason.choices,
        "stories": stories[:200],
        "querystring": urlencode(query),
        "open_count": rechecks.open_count(),
    }
    return render_page(request, "claims/rechecks.html", context)


@login_required
@require_GET
def recheck(request, pk):
    row = get_object_or_404(
        Recheck.objects.select_related(
            "story", "cluster", "flag", "article__outlet", "revision", "previous", "resolved_by"
        ),
        pk=pk,
    )
    context = detail_context(row)
    context["form"] = RecheckResolveForm()
    context["verdicts"] = Review.Verdict.choices
    context["flag_actions"] = Review.Action.choices[:4]
    return render_page(request, "claims/recheck.html", context)


@reviewer_required
@require_POST
def recheck_resolve(request, pk):
    row = get_object_or_404(Recheck, pk=pk)
    _, error = run_form(
        RecheckResolveForm(request.POST),
        lambda data: rechecks.resolve(
            row.pk,
            request.user,
            data["action"],
            verdict=data["verdict"],
            flag_action=data["flag_action"],
            note=data["note"],
        ),
        (rechecks.RecheckError, review_service.ReviewError),
    )
    if error is not None:
        messages.error(request, error)
        return redirect(row)
    row.refresh_from_db()
    messages.success(request, f"Re-check #{row.pk}: {row.get_status_display().lower()}.")
    return redirect(next_url(request, reverse("claims:rechecks")))


@login_required
@require_GET
def recheck_nav(request):
    """The top bar's re-check and notice links with their counts (loaded by htmx)."""
    counts = {"open": rechecks.open_count(), "unread": notify.unread_count(request.user)}
    name = request.GET.get("current", "")
    return render(request, "claims/_recheck_nav.html", {"counts": counts, "name": name})


@login_required
@require_GET
def notifications(request):
    items = list(notify.for_user(request.user))
    context = {"items": items, "can_review": can_review(request.user)}
    return render_page(request, "claims/notifications.html", context)


@reviewer_required
@require_POST
def notifications_read(request):
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
    count = notify.mark_read(request.user, ids)
    messages.success(request, f"{count} notice{'s' if count != 1 else ''} marked read.")
    return redirect(reverse("claims:notifications"))
