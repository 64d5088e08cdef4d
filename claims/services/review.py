"""Reviewer decisions: flag triage, cluster verdicts, match decisions, and exports.

Every decision is one transaction that updates the row and writes a Review, so
the history on a flag or cluster always matches its state.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from claims.analysis import variants
from claims.models import (
    Alias,
    Article,
    Claim,
    ClaimCluster,
    Flag,
    MatchSuggestion,
    Review,
    Story,
)
from claims.services import analysis, offices, page_cache
from claims.services import provenance as provenance_rows


class ReviewError(ValueError):
    """A decision that cannot be applied; the message is shown to the reviewer."""


# Flag kind -> the Alias kind a reviewer's "equivalent" decision records.
ALIAS_KIND: dict[str, str] = {
    Flag.Kind.TITLE_MISMATCH: Alias.Kind.TITLE,
    Flag.Kind.NAME_VARIANT: Alias.Kind.NAME,
    Flag.Kind.QUOTE_VARIANT: Alias.Kind.QUOTE,
    Flag.Kind.NUMBER_MISMATCH: Alias.Kind.NUMBER,
    Flag.Kind.DATE_MISMATCH: Alias.Kind.DATE,
    Flag.Kind.PLACE_MISMATCH: Alias.Kind.PLACE,
}

# Keyed by the choices' values (a form or the admin passes plain strings).
TRIAGE: dict[str, str] = {
    Review.Action.CONFIRM: Flag.Status.CONFIRMED,
    Review.Action.DISMISS: Flag.Status.DISMISSED,
    Review.Action.EQUIVALENT: Flag.Status.EQUIVALENT,
    Review.Action.REOPEN: Flag.Status.OPEN,
}

# schema.org ClaimReview: 5 best, 1 worst; unverifiable has no place on the scale.
RATING_VALUE: dict[str, int] = {
    Review.Verdict.TRUE: 5,
    Review.Verdict.MOSTLY_TRUE: 4,
    Review.Verdict.MIXED: 3,
    Review.Verdict.MISLEADING: 2,
    Review.Verdict.FALSE: 1,
}


@dataclass
class Decision:
    flag: Flag
    review: Review
    alias: Alias | None = None


def variant_values(flag: Flag) -> list[str]:
    return variants.variant_values(flag.variants)


def triage(flag_id: int, action: str, user, note: str = "", value="", canonical="") -> Decision:
    """Confirm, dismiss, reopen, or mark `value` equivalent to `canonical`.

    "equivalent" records an Alias (kind from the flag's kind, subject from the
    flag) so the same difference is not flagged again.
    """
    if action not in TRIAGE:
        raise ReviewError(f"Unknown action {action!r}.")
    note = (note or "").strip()
    with transaction.atomic():
        flag = Flag.objects.select_for_update().get(pk=flag_id)
        alias = None
        if action == Review.Action.EQUIVALENT:
            alias = _record_alias(flag, user, value, canonical)
            pair = f"“{alias.value}” = “{alias.canonical}”"
            note = f"{pair}. {note}" if note else pair
        elif flag.status == TRIAGE[action]:
            raise ReviewError(f"This flag is already {flag.get_status_display().lower()}.")
        flag.status = TRIAGE[action]
        flag.save(update_fields=["status", "updated_at"])
        review = Review.objects.create(flag=flag, reviewer=user, action=action, note=note)
        analysis.refresh_cluster_status(flag.story_id)
    return Decision(flag=flag, review=review, alias=alias)


def triage_many(flag_ids, action: str, user, note: str = "") -> int:
    """Confirm, dismiss or reopen many flags at once (the admin's actions); how many changed.

    The same decision as `triage` for each flag, in one transaction: flags already
    in that status are left alone, every change writes a Review, and each story
    touched has its clusters' status recomputed once.
    """
    if action not in TRIAGE or action == Review.Action.EQUIVALENT:
        raise ReviewError(f"{action!r} cannot be applied to many flags at once.")
    status, note = TRIAGE[action], (note or "").strip()
    with transaction.atomic():
        flags = list(
            Flag.objects.select_for_update()
            .filter(pk__in=list(flag_ids))
            .exclude(status=status)
            .order_by("pk")
        )
        now = timezone.now()
        for flag in flags:
            flag.status, flag.updated_at = status, now
        Flag.objects.bulk_update(flags, ["status", "updated_at"])
        Review.objects.bulk_create(
            Review(flag=flag, reviewer=user, action=action, note=note) for flag in flags
        )
        for story_id in sorted({flag.story_id for flag in flags}):
            analysis.refresh_cluster_status(story_id)
    return len(flags)


def _record_alias(flag: Flag, user, value: str, canonical: str) -> Alias:
    kind = ALIAS_KIND.get(flag.kind)
    if kind is None:
        raise ReviewError(f"A {flag.get_kind_display().lower()} flag has no equivalent values.")
    values = variant_values(flag)
    value, canonical = (value or "").strip(), (canonical or "").strip()
    if value not in values or canonical not in values:
        raise ReviewError("Pick two of the flag's values.")
    if value == canonical:
        raise ReviewError("Pick two different values.")
    alias, _ = Alias.objects.get_or_create(
        kind=kind,
        subject=flag.subject[:300],
        value=value[:500],
        canonical=canonical[:500],
        defaults={"created_by": user},
    )
    return alias


def record_verdict(cluster_id: int, verdict: str, user, rationale: str) -> Review:
    if verdict not in Review.Verdict.values:
        raise ReviewError(f"Unknown verdict {verdict!r}.")
    rationale = (rationale or "").strip()
    if not rationale:
        raise ReviewError("A verdict needs a written rationale.")
    with transaction.atomic():
        cluster = ClaimCluster.objects.select_for_update().get(pk=cluster_id)
        return Review.objects.create(
            cluster=cluster,
            reviewer=user,
            action=Review.Action.VERDICT,
            verdict=verdict,
            note=rationale,
        )


def decide_suggestion(suggestion_id: int, decision: str, user) -> MatchSuggestion:
    if decision not in (MatchSuggestion.Decision.ACCEPTED, MatchSuggestion.Decision.REJECTED):
        raise ReviewError(f"Unknown decision {decision!r}.")
    with transaction.atomic():
        suggestion = MatchSuggestion.objects.select_for_update().get(pk=suggestion_id)
        suggestion.decision = decision
        suggestion.decided_by = user
        suggestion.decided_at = timezone.now()
        suggestion.save(update_fields=["decision", "decided_by", "decided_at"])
    return suggestion


def decide_suggestions(
    decision: str, user, *, story_id: int | None = None, cluster_id: int | None = None
) -> int:
    """Accept or reject, in one go, the pending suggestions of a story or of a cluster.

    A cluster's suggestions are those that pair one of its claims with another
    claim. Each suggestion records who decided it and when, as one decision
    does; the count changed is returned. Re-analysis then joins or separates
    the pairs as it does for single decisions.
    """
    if decision not in (MatchSuggestion.Decision.ACCEPTED, MatchSuggestion.Decision.REJECTED):
        raise ReviewError(f"Unknown decision {decision!r}.")
    pending = MatchSuggestion.objects.filter(
        decision=MatchSuggestion.Decision.PENDING, is_active=True
    )
    if cluster_id is not None and story_id is None:
        cluster = ClaimCluster.objects.filter(pk=cluster_id).first()
        if cluster is None:
            raise ReviewError(f"No cluster {cluster_id}.")
        hashes = list(Claim.objects.filter(cluster=cluster).values_list("text_hash", flat=True))
        pending = pending.filter(Q(text_hash_a__in=hashes) | Q(text_hash_b__in=hashes))
        story_id = cluster.story_id
    elif story_id is None or cluster_id is not None:
        raise ReviewError("Give a story or a cluster.")
    pending = pending.filter(story_id=story_id)
    # One conditional UPDATE: a row another reviewer decided meanwhile is no
    # longer pending and keeps that decision.
    count = pending.update(decision=decision, decided_by=user, decided_at=timezone.now())
    # An UPDATE sends no post_save: bump the story's cached page as one decision does.
    page_cache.invalidate(story_id)
    return count


# --- exports -----------------------------------------------------------------


def latest_verdicts(cluster_ids=None) -> dict[int, Review]:
    """cluster id -> its latest verdict Review."""
    qs = Review.objects.filter(action=Review.Action.VERDICT).select_related("reviewer")
    if cluster_ids is not None:
        qs = qs.filter(cluster_id__in=list(cluster_ids))
    latest: dict[int, Review] = {}
    for review in qs.order_by("cluster_id", "-created_at", "-pk"):
        latest.setdefault(review.cluster_id, review)
    return latest


def claim_reviews(*, story_id=None, cluster_id=None, base_url="") -> list[dict]:
    """schema.org ClaimReview objects for clusters that have a verdict."""
    clusters = ClaimCluster.objects.filter(reviews__action=Review.Action.VERDICT).distinct()
    if story_id is not None:
        clusters = clusters.filter(story_id=story_id)
    if cluster_id is not None:
        clusters = clusters.filter(pk=cluster_id)
    claims = Claim.objects.select_related("article__outlet").order_by("article__published_at")
    clusters = list(
        clusters.order_by("story_id", "position").prefetch_related(Prefetch("claims", claims))
    )
    verdicts = latest_verdicts([c.pk for c in clusters])
    organisation = settings.CLAIMREVIEW_ORGANIZATION
    return [_claim_review(c, verdicts[c.pk], organisation, base_url) for c in clusters]


def _claim_review(cluster: ClaimCluster, review: Review, organisation: str, base: str) -> dict:
    appearances, seen = [], set()
    for claim in cluster.claims.all():
        article: Article = claim.article
        if article.url in seen:
            continue
        seen.add(article.url)
        appearance = {
            "@type": "CreativeWork",
            "url": article.url,
            "headline": article.title,
            "publisher": {"@type": "Organization", "name": article.outlet.name},
        }
        if article.published_at:
            appearance["datePublished"] = article.published_at.isoformat()
        appearances.append(appearance)
    rating = {
        "@type": "Rating",
        "alternateName": review.get_verdict_display(),
        "bestRating": 5,
        "worstRating": 1,
    }
    if review.verdict in RATING_VALUE:
        rating["ratingValue"] = RATING_VALUE[review.verdict]
    item = {"@type": "Claim", "appearance": appearances}
    if appearances:
        item["firstAppearance"] = appearances[0]
    # The analysis's provenance, where it has one: the first appearance by
    # publication date (or first fetch when the page gave none), in time order.
    item.update(provenance_rows.claimreview_appearances(cluster))
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": base + cluster.get_absolute_url(),
        "claimReviewed": cluster.label,
        "datePublished": review.created_at.date().isoformat(),
        "author": {"@type": "Organization", "name": organisation},
        "reviewRating": rating,
        "reviewBody": review.note,
        "itemReviewed": item,
    }


FLAG_CSV_HEADER = [
    "flag_id",
    "kind",
    "subject",
    "status",
    "cluster_id",
    "value",
    "outlets",
    "evidence",
    "severity",
    "reason",
]


def story_flags(story_id: int) -> dict:
    """A story's active flags with their variants and latest decision, as plain data."""
    story = Story.objects.get(pk=story_id)
    flags = (
        Flag.objects.active()
        .filter(story_id=story_id)
        .prefetch_related(
            Prefetch("reviews", Review.objects.select_related("reviewer").order_by("-created_at"))
        )
        .order_by("kind", "subject", "pk")
    )
    rows = []
    for flag in flags:
        reviews = list(flag.reviews.all())
        last = reviews[0] if reviews else None
        rows.append(
            {
                "id": flag.pk,
                "kind": flag.kind,
                "subject": flag.subject,
                "status": flag.status,
                "severity": flag.severity,
                "reason": flag.reason,
                "cluster": flag.cluster_id,
                "variants": [v.to_dict() for v in variants.read_variants(flag.variants)],
                **offices.title_flag_detail(flag),
                "last_decision": {
                    "action": last.action,
                    "reviewer": last.reviewer.get_username(),
                    "note": last.note,
                    "at": last.created_at.isoformat(),
                }
                if last
                else None,
            }
        )
    return {"story": {"id": story.pk, "title": story.title}, "flags": rows}


def _csv_cell(value) -> str:
    """Neutralise spreadsheet formulas: article text is untrusted."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def story_flags_csv(story_id: int) -> str:
    """One row per flag value: kind, subject, status, value, its outlets and evidence."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FLAG_CSV_HEADER)
    for flag in story_flags(story_id)["flags"]:
        for variant in variants.read_variants(flag["variants"]) or [variants.Variant()]:
            writer.writerow(
                [
                    _csv_cell(c)
                    for c in (
                        flag["id"],
                        flag["kind"],
                        flag["subject"],
                        flag["status"],
                        flag["cluster"] or "",
                        variant.value,
                        "; ".join(variant.outlets),
                        " | ".join(e.text for e in variant.evidence),
                        flag["severity"],
                        flag["reason"],
                    )
                ]
            )
    return buffer.getvalue()
