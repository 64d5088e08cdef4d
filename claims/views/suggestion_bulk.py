"""Bulk decisions on match suggestions: all pending suggestions of a story, or of one
of its clusters, accepted or rejected in one POST (claims.services.review.decide_suggestions).

The same right as a single decision (claims.access.reviewer_required); each
suggestion records who decided it and when, as a single decision does. The
panel that carries the forms is the inclusion tag `{% suggestion_bulk story %}`
(claims.templatetags.suggestion_tags), so the story and suggestions views stay
as they are.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from claims.access import can_review, reviewer_required
from claims.forms import SuggestionForm
from claims.models import Claim, ClaimCluster, MatchSuggestion, Story
from claims.services import review as review_service
from claims.views.common import next_url

log = logging.getLogger(__name__)

# Clusters listed in the panel, those with the most pending suggestions first.
PANEL_CLUSTERS = 25


def pending_by_cluster(story_id: int) -> tuple[int, list[tuple[ClaimCluster, int]]]:
    """The story's pending suggestions, and per cluster how many touch one of its claims
    (the set decide_suggestions(cluster_id=...) acts on)."""
    pairs = list(
        MatchSuggestion.objects.filter(
            story_id=story_id, decision=MatchSuggestion.Decision.PENDING, is_active=True
        ).values_list("text_hash_a", "text_hash_b")
    )
    if not pairs:
        return 0, []
    clusters_of = defaultdict(set)
    hashes = {h for pair in pairs for h in pair}
    for text_hash, cluster_id in Claim.objects.filter(
        story_id=story_id, text_hash__in=hashes, cluster__isnull=False
    ).values_list("text_hash", "cluster_id"):
        clusters_of[text_hash].add(cluster_id)
    counts: Counter[int] = Counter()  # cluster id -> its pending pairs
    for a, b in pairs:
        counts.update(clusters_of[a] | clusters_of[b])
    top = counts.most_common(PANEL_CLUSTERS)
    clusters = ClaimCluster.objects.in_bulk([cluster_id for cluster_id, _ in top])
    return len(pairs), [(clusters[c], n) for c, n in top if c in clusters]


def panel_context(story: Story, user) -> dict:
    pending, clusters = pending_by_cluster(story.pk)
    return {
        "story": story,
        "pending": pending,
        "clusters": clusters,
        "can_review": can_review(user),
    }


def _back(request, story: Story) -> str:
    return next_url(request, story.get_absolute_url() + "#suggestions")


def _decide(request, story: Story, **target):
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pick a decision: same claim or different claims.")
        return redirect(_back(request, story))
    decision = form.cleaned_data["decision"]
    try:
        count = review_service.decide_suggestions(decision, request.user, **target)
    except review_service.ReviewError as exc:
        messages.error(request, str(exc))
        return redirect(_back(request, story))
    log.info("%s %s %d suggestions (%s)", request.user, decision, count, target)
    if count:
        label = MatchSuggestion.Decision(decision).label.lower()
        messages.success(request, f"{count} suggestion{'s' * (count != 1)} marked: {label}.")
    else:
        messages.info(request, "No pending suggestions left to decide there.")
    return redirect(_back(request, story))


@reviewer_required
@require_POST
def decide_story_suggestions(request, pk):
    story = get_object_or_404(Story, pk=pk)
    return _decide(request, story, story_id=story.pk)


@reviewer_required
@require_POST
def decide_cluster_suggestions(request, pk):
    cluster = get_object_or_404(ClaimCluster.objects.select_related("story"), pk=pk)
    return _decide(request, cluster.story, cluster_id=cluster.pk)
