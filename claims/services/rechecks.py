"""Re-check: a new revision touched a sentence a reviewer has decided on.

Nothing a reviewer decided is recomputed silently. When re-extraction replaces
an article's claims (`claims.services.nlp.extract_article_claims`), the claim
sentences the new text changed or removed are looked up: if the sentence
belongs to a claim cluster with a verdict, a triaged flag or an accepted match,
or is evidence of a triaged story-wide flag, a `Recheck` row is written in the
same transaction, together with the notices to the reviewers who decided
(`claims.services.notify`). After the re-analysis, a sentence the revision
added to such a cluster is recorded the same way (`record_added`).

A reviewer resolves a re-check by keeping the decision or changing it; both
are logged (a Review where there is a verdict or a flag to review, and the
re-check's own resolved_by / resolved_at / note).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from claims.analysis import revisions as pure
from claims.analysis import variants
from claims.ingest.diff import word_diff
from claims.models import (
    Article,
    ArticleRevision,
    Claim,
    ClaimCluster,
    Flag,
    MatchSuggestion,
    Recheck,
    Review,
)
from claims.services import notify
from claims.services import review as review_service

DECIDED_FLAG = [Flag.Status.CONFIRMED, Flag.Status.DISMISSED, Flag.Status.EQUIVALENT]
# The Review action that re-affirms a flag's current status ("keep").
KEEP_ACTION = {
    Flag.Status.CONFIRMED: Review.Action.CONFIRM,
    Flag.Status.DISMISSED: Review.Action.DISMISS,
    Flag.Status.EQUIVALENT: Review.Action.EQUIVALENT,
}
KEEP, CHANGE = "keep", "change"


class RecheckError(ValueError):
    """A resolution that cannot be applied; the message is shown to the reviewer."""


def _key(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def _flag_rows(flags) -> list[dict]:
    return [
        {"id": f.pk, "fingerprint": f.fingerprint, "kind": f.kind, "subject": f.subject,
         "status": f.status, "active": f.is_active}
        for f in flags
    ]  # fmt: skip


def _touches(flag: Flag, claim: Mapping[str, Any]) -> bool:
    """The claim sentence is evidence of the flag (same span, or the same words)."""
    for ev in variants.evidence_refs(flag.variants):
        if ev.article != claim["article_id"]:
            continue
        if ev.start is not None and ev.end is not None:
            if ev.start < claim["end"] and claim["start"] < ev.end:
                return True
        if ev.text and pure.key(ev.text) and pure.key(ev.text) in pure.key(claim["text"]):
            return True
    return False


@dataclass
class _Decided:
    """What reviewers decided in a story, as far as re-checks care."""

    verdict_clusters: set = field(default_factory=set)
    flag_clusters: set = field(default_factory=set)
    accepted_hashes: set = field(default_factory=set)
    story_flags: list = field(default_factory=list)

    def cluster_decided(self, claim: Mapping[str, Any]) -> bool:
        cid = claim["cluster_id"]
        return bool(cid) and (
            cid in self.verdict_clusters
            or cid in self.flag_clusters
            or claim["text_hash"] in self.accepted_hashes
        )


def _decided(story_id: int | None, cluster_ids: set, hashes: set) -> _Decided:
    out = _Decided()
    if cluster_ids:
        out.verdict_clusters = set(
            Review.objects.filter(cluster_id__in=cluster_ids).values_list("cluster_id", flat=True)
        )
        out.flag_clusters = set(
            Flag.objects.filter(cluster_id__in=cluster_ids, status__in=DECIDED_FLAG).values_list(
                "cluster_id", flat=True
            )
        )
    if story_id and hashes:
        accepted = MatchSuggestion.objects.filter(
            story_id=story_id, decision=MatchSuggestion.Decision.ACCEPTED
        ).filter(Q(text_hash_a__in=hashes) | Q(text_hash_b__in=hashes))
        for a, b in accepted.values_list("text_hash_a", "text_hash_b"):
            out.accepted_hashes.update({a, b} & hashes)
    if story_id:
        out.story_flags = list(
            Flag.objects.filter(
                story_id=story_id, cluster__isnull=True, status__in=DECIDED_FLAG, is_active=True
            )
        )
    return out


def record_revision(article: Article, new_claims: list[str], content_hash: str) -> list[Recheck]:
    """Re-checks for the article's decided sentences the new text changed or removed.

    Runs inside the extraction's transaction, before the old claims are
    replaced: `article` is the locked row (its `extracted_hash` still names
    the text the old claims came from, its `text` is the new one). Safe to run
    twice: each change has one row (`Recheck.key`).
    """
    old = list(
        Claim.objects.filter(article_id=article.pk).values(
            "pk", "article_id", "text", "text_hash", "start", "end", "cluster_id", "story_id"
        )
    )
    if not old or not article.extracted_hash or article.extracted_hash == content_hash:
        return []
    revision = ArticleRevision.objects.filter(article=article, content_hash=content_hash).first()
    if revision is None:
        return []
    story_id = article.story_id or next((c["story_id"] for c in old if c["story_id"]), None)
    decided = _decided(
        story_id, {c["cluster_id"] for c in old if c["cluster_id"]}, {c["text_hash"] for c in old}
    )
    watched = [
        c
        for c in old
        if decided.cluster_decided(c) or any(_touches(f, c) for f in decided.story_flags)
    ]
    if not watched:
        return []
    changes = pure.sentence_changes([c["text"] for c in watched], new_claims, article.text)
    if not changes:
        return []
    previous = ArticleRevision.objects.filter(
        article=article, content_hash=article.extracted_hash
    ).first()
    by_key = defaultdict(list)
    for c in watched:
        by_key[pure.key(c["text"])].append(c)
    clusters = ClaimCluster.objects.in_bulk({c["cluster_id"] for c in watched if c["cluster_id"]})
    rows = []
    for change in changes:
        for claim in by_key[pure.key(change.old)]:
            targets: list[tuple[ClaimCluster | None, Flag | None]] = []
            if decided.cluster_decided(claim) and claim["cluster_id"] in clusters:
                targets.append((clusters[claim["cluster_id"]], None))
            targets += [(None, f) for f in decided.story_flags if _touches(f, claim)]
            for cluster, flag in targets:
                if cluster is not None:
                    story = cluster.story_id
                    flags = list(Flag.objects.filter(cluster=cluster).order_by("kind", "pk"))
                elif flag is not None:
                    story, flags = flag.story_id, [flag]
                else:
                    continue
                target = (cluster.pk if cluster else "", flag.pk if flag else "")
                rows.append(
                    Recheck(
                        story_id=story,
                        cluster=cluster,
                        flag=flag,
                        article=article,
                        revision=revision,
                        previous=previous,
                        reason=change.reason,
                        old_text=change.old,
                        new_text=change.new,
                        flags_before=_flag_rows(flags),
                        key=_key(revision.pk, *target, change.reason, change.old),
                    )
                )
    return _save(rows)


def _save(rows: list[Recheck]) -> list[Recheck]:
    """Insert the rows that are new (by key) and notify about those."""
    if not rows:
        return []
    keys = {r.key for r in rows}
    existing = set(Recheck.objects.filter(key__in=keys).values_list("key", flat=True))
    fresh, seen = [], set()
    for row in rows:
        if row.key in existing or row.key in seen:
            continue
        seen.add(row.key)
        row.save()
        fresh.append(row)
    if fresh:
        notify.rechecks_created(fresh)
    return fresh


def record_added(story_id: int) -> list[Recheck]:
    """After re-analysis: sentences a revision added to a cluster decided before it.

    Only articles with more than one revision are looked at; a sentence is
    added when the article's previous revision does not have it, and the
    decision is older than the revision. A cluster that already has a
    re-check for that revision (the sentence changed) gets no second one.
    """
    articles = {
        a.pk: a
        for a in Article.objects.filter(story_id=story_id).only("pk", "content_hash", "story_id")
    }
    # Revisions (with their texts) are read only for articles that have more than one.
    several = list(
        ArticleRevision.objects.filter(article_id__in=list(articles))
        .values("article_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("article_id", flat=True)
        .order_by()
    )
    revs = defaultdict(list)
    if several:
        for rev in ArticleRevision.objects.filter(article_id__in=several).order_by(
            "article_id", "fetched_at", "pk"
        ):
            revs[rev.article_id].append(rev)
    revised = {aid: r for aid, r in revs.items() if len(r) > 1}
    if not revised:
        return []
    claims = list(
        Claim.objects.filter(article_id__in=list(revised), cluster__isnull=False).values(
            "pk", "article_id", "text", "text_hash", "start", "end", "cluster_id", "story_id"
        )
    )
    decided = _decided(
        story_id, {c["cluster_id"] for c in claims}, {c["text_hash"] for c in claims}
    )
    first_decision = _first_decisions({c["cluster_id"] for c in claims})
    done = set(
        Recheck.objects.filter(article_id__in=list(revised)).values_list(
            "cluster_id", "article_id", "revision_id"
        )
    )
    clusters = ClaimCluster.objects.in_bulk({c["cluster_id"] for c in claims})
    rows = []
    for claim in claims:
        if not decided.cluster_decided(claim):
            continue
        history = revised[claim["article_id"]]
        current = next(
            (r for r in history if r.content_hash == articles[claim["article_id"]].content_hash),
            None,
        )
        if current is None or history.index(current) == 0:
            continue
        previous = history[history.index(current) - 1]
        decided_at = first_decision.get(claim["cluster_id"])
        if decided_at is None or decided_at >= current.fetched_at:
            continue
        if (claim["cluster_id"], claim["article_id"], current.pk) in done:
            continue
        if not pure.is_new(claim["text"], previous.text):
            continue
        cluster = clusters[claim["cluster_id"]]
        rows.append(
            Recheck(
                story_id=cluster.story_id,
                cluster=cluster,
                article_id=claim["article_id"],
                revision=current,
                previous=previous,
                reason=Recheck.Reason.ADDED,
                new_text=claim["text"],
                flags_before=_flag_rows(
                    Flag.objects.filter(cluster=cluster).order_by("kind", "pk")
                ),
                key=_key(current.pk, cluster.pk, "", Recheck.Reason.ADDED, claim["text"]),
            )
        )
        done.add((claim["cluster_id"], claim["article_id"], current.pk))
    return _save(rows)


def _first_decisions(cluster_ids: set) -> dict:
    """cluster id -> when a reviewer first decided on it (verdict, flag, or match)."""
    first: dict[int, Any] = {}

    def seen(cid, at) -> None:
        if cid and at and (cid not in first or at < first[cid]):
            first[cid] = at

    for cid, at in Review.objects.filter(cluster_id__in=cluster_ids).values_list(
        "cluster_id", "created_at"
    ):
        seen(cid, at)
    for cid, at in Review.objects.filter(flag__cluster_id__in=cluster_ids).values_list(
        "flag__cluster_id", "created_at"
    ):
        seen(cid, at)
    hashes = defaultdict(set)
    for cid, h in Claim.objects.filter(cluster_id__in=cluster_ids).values_list(
        "cluster_id", "text_hash"
    ):
        hashes[h].add(cid)
    accepted = MatchSuggestion.objects.filter(decision=MatchSuggestion.Decision.ACCEPTED).filter(
        Q(text_hash_a__in=list(hashes)) | Q(text_hash_b__in=list(hashes))
    )
    for a, b, decided_at in accepted.values_list("text_hash_a", "text_hash_b", "decided_at"):
        for cid in hashes.get(a, set()) | hashes.get(b, set()):
            seen(cid, decided_at)
    return first


# --- reading -------------------------------------------------------------------------


def queue(status: str | None = Recheck.Status.OPEN, story_id=None, reason: str = ""):
    """Re-checks newest first, optionally of one story and one reason."""
    qs = Recheck.objects.select_related(
        "story", "cluster", "flag", "article__outlet", "revision", "resolved_by"
    )
    if status:
        qs = qs.filter(status=status)
    if story_id:
        qs = qs.filter(story_id=story_id)
    if reason:
        qs = qs.filter(reason=reason)
    return qs.order_by("-created_at", "-pk")


def open_count() -> int:
    return Recheck.objects.filter(status=Recheck.Status.OPEN).count()


def decisions_before(recheck: Recheck) -> list[dict]:
    """Who decided what on the item before the revision: reviews and accepted matches."""
    q = Q(flag=recheck.flag) if recheck.flag_id else Q(cluster=recheck.cluster)
    if recheck.cluster_id:
        q |= Q(flag__cluster=recheck.cluster)
    rows = [
        {
            "who": r.reviewer.get_username(),
            "what": r.get_action_display()
            + (f": {r.get_verdict_display()}" if r.verdict else "")
            + (f" ({r.flag.get_kind_display().lower()})" if r.flag is not None else ""),
            "note": r.note,
            "at": r.created_at,
        }
        for r in Review.objects.filter(q, created_at__lt=recheck.created_at)
        .select_related("reviewer", "flag")
        .order_by("created_at", "pk")
    ]
    if recheck.cluster_id:
        hashes = list(
            Claim.objects.filter(cluster=recheck.cluster).values_list("text_hash", flat=True)
        )
        hashes.append(_text_hash(recheck.old_text))
        for s in (
            MatchSuggestion.objects.filter(
                decision=MatchSuggestion.Decision.ACCEPTED, decided_at__lt=recheck.created_at
            )
            .filter(Q(text_hash_a__in=hashes) | Q(text_hash_b__in=hashes))
            .select_related("decided_by")
        ):
            rows.append(
                {
                    "who": s.decided_by.get_username() if s.decided_by else "",
                    "what": "Accepted a match",
                    "note": f"“{s.text_a}” = “{s.text_b}”",
                    "at": s.decided_at,
                }
            )
    return sorted(rows, key=lambda r: r["at"])


def _text_hash(text: str) -> str:
    from claims.nlp.normalize import text_hash

    return text_hash(text) if text else ""


def flag_changes(recheck: Recheck) -> dict:
    """The item's flags before the revision against now: appeared, vanished, changed status."""
    before = {f["fingerprint"]: f for f in recheck.flags_before or []}
    if recheck.cluster_id:
        now_rows = Flag.objects.filter(cluster_id=recheck.cluster_id, is_active=True)
    else:
        now_rows = Flag.objects.filter(pk__in=[recheck.flag_id], is_active=True)
    now = {f["fingerprint"]: f for f in _flag_rows(now_rows)}
    was_active = {fp for fp, f in before.items() if f.get("active", True)}
    return {
        "appeared": [now[fp] for fp in now if fp not in was_active],
        "vanished": [before[fp] for fp in was_active if fp not in now],
        "kept": [now[fp] for fp in now if fp in was_active],
    }


def diff(recheck: Recheck) -> list[tuple[str, str]]:
    """Word diff from the old to the new wording of the sentence."""
    return word_diff(recheck.old_text, recheck.new_text)


def as_json(recheck: Recheck) -> dict:
    """The report's shape: {cluster, article, revision, reason, status} (+ flag, texts)."""
    return {
        "id": recheck.pk,
        "cluster": recheck.cluster_id,
        "flag": recheck.flag_id,
        "article": recheck.article_id,
        "revision": recheck.revision_id,
        "reason": recheck.reason,
        "status": recheck.status,
        "old_text": recheck.old_text,
        "new_text": recheck.new_text,
        "created": recheck.created_at.isoformat(),
    }


def story_rechecks(story_id: int) -> list[dict]:
    return [
        as_json(r)
        for r in Recheck.objects.filter(story_id=story_id).order_by("-created_at", "-pk")
    ]


# --- resolving -----------------------------------------------------------------------


def resolve(
    recheck_id: int,
    user,
    action: str,
    *,
    verdict: str = "",
    flag_action: str = "",
    note: str = "",
) -> Recheck:
    """Keep the decision, or change it (a new verdict, or a new triage of the flag).

    Keep writes a Review that repeats the decision with a note naming the
    re-check (where there is a verdict or a decided flag to repeat); change
    goes through the review service like any decision.
    """
    note = (note or "").strip()
    if action not in (KEEP, CHANGE):
        raise RecheckError(f"Unknown action {action!r}.")
    with transaction.atomic():
        recheck = (
            # only the re-check's row: PostgreSQL locks no nullable side of a join
            Recheck.objects.select_for_update(of=("self",))
            .select_related("cluster", "flag")
            .get(pk=recheck_id)
        )
        if recheck.status != Recheck.Status.OPEN:
            raise RecheckError("This re-check is already resolved.")
        label = f"After re-check #{recheck.pk} ({recheck.get_reason_display().lower()})"
        text = f"{label}: {note}" if note else label
        if action == KEEP:
            _keep(recheck, user, text)
            recheck.status = Recheck.Status.KEPT
        elif recheck.flag_id is not None:
            if not flag_action:
                raise RecheckError("Pick the flag's new status.")
            review_service.triage(recheck.flag_id, flag_action, user, text)
            recheck.status = Recheck.Status.CHANGED
        elif recheck.cluster_id is not None:
            if not verdict:
                raise RecheckError("Pick the new verdict.")
            review_service.record_verdict(recheck.cluster_id, verdict, user, text)
            recheck.status = Recheck.Status.CHANGED
        recheck.resolved_by = user
        recheck.resolved_at = timezone.now()
        recheck.note = note
        recheck.save(update_fields=["status", "resolved_by", "resolved_at", "note"])
    return recheck


def _keep(recheck: Recheck, user, text: str) -> None:
    if recheck.flag is not None:
        flags = [recheck.flag]
    else:
        cid = recheck.cluster_id
        latest = review_service.latest_verdicts([cid]).get(cid) if cid is not None else None
        if latest is not None:
            Review.objects.create(
                cluster_id=recheck.cluster_id,
                reviewer=user,
                action=Review.Action.VERDICT,
                verdict=latest.verdict,
                note=text,
            )
        flags = list(Flag.objects.filter(cluster_id=recheck.cluster_id, status__in=DECIDED_FLAG))
    for flag in flags:
        action = KEEP_ACTION.get(Flag.Status(flag.status))
        if action:
            Review.objects.create(flag=flag, reviewer=user, action=action, note=text)
