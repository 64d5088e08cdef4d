"""The claim memory with the ORM: what was reviewed before, and what matches it.

Every cluster with a verdict and every imported fact-check has one MemoryEntry
row carrying its text, its verdict and its vector (the embedding of the
cluster's label or of the fact-check's claim). The rows are the record: each
process keeps its own vector index (claims.analysis.memory.VectorIndex) built
from them, without re-encoding, and rebuilds it when the memory's version in
Django's cache has moved (bumped on every change of an entry, once it commits).

After a story's analysis, each of its active clusters is looked up in the
memory: the nearest entries by cosine are re-ranked by the memory model, and
those that match become MemoryMatch rows ("reviewed before"): a fact-check
whose memory-model score reaches settings.MEMORY_MATCH_THRESHOLD, one of our
verdicts whose pair-model score reaches settings.MEMORY_VERDICT_THRESHOLD
(eval/memory_threshold.py measures both).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as day_start

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from claims import pipeline
from claims.analysis import matching
from claims.analysis.memory import Rebuilt, VectorIndex
from claims.models import ClaimCluster, FactCheck, MemoryEntry, MemoryMatch, Review, Story
from claims.nlp import embed
from claims.services import nlp, page_cache, review

log = logging.getLogger(__name__)

VERSION_KEY = "claim-memory-version"


# --- entries -------------------------------------------------------------------------


def _model() -> str:
    return embed.model_name(embed.get_embedder())


def _vectors(texts: list[str]) -> list[bytes]:
    # encode_texts reuses the claims' own vectors and the embedding cache: a
    # cluster label is one of its claims' sentences, so it is rarely encoded again.
    return [embed.to_bytes(v) for v in nlp.encode_texts(texts)]


def _fact_check_time(fact_check: FactCheck) -> datetime:
    if fact_check.date_published is None:
        return fact_check.imported_at
    return timezone.make_aware(datetime.combine(fact_check.date_published, day_start()))


def index_fact_checks(fact_check_ids: list[int]) -> int:
    """Create or update the memory entries of these FactCheck rows; how many were written.

    Safe to call twice (the entry is keyed by its fact-check); ids that no
    longer exist, and fact-checks without a claim, are skipped.
    """
    fact_checks = [
        fc
        for fc in FactCheck.objects.filter(pk__in=list(fact_check_ids)).order_by("pk")
        if fc.claim_reviewed.strip()
    ]
    if not fact_checks:
        return 0
    vectors = _vectors([fc.claim_reviewed.strip() for fc in fact_checks])
    model, entries = _model(), []
    with transaction.atomic():
        for fc, vector in zip(fact_checks, vectors, strict=True):
            entry, _ = MemoryEntry.objects.update_or_create(
                fact_check=fc,
                defaults={
                    "source": MemoryEntry.Source.FACT_CHECK,
                    "text": fc.claim_reviewed.strip(),
                    "verdict": fc.verdict,
                    "rating": fc.rating[:200],
                    "decided_at": _fact_check_time(fc),
                    "vector": vector,
                    "model": model,
                },
            )
            entries.append(entry.pk)
        shown_on(entries)
        changed()
        rematch_recent()
    return len(fact_checks)


def index_verdict(cluster_id: int) -> bool:
    """Bring the cluster's entry in step with its latest verdict; False if it has none.

    A cluster whose verdicts are all gone loses its entry (and its matches).
    """
    latest = (
        Review.objects.filter(cluster_id=cluster_id, action=Review.Action.VERDICT)
        .order_by("-created_at", "-pk")
        .first()
    )
    cluster = ClaimCluster.objects.filter(pk=cluster_id).first()
    if latest is None or cluster is None:
        MemoryEntry.objects.filter(cluster_id=cluster_id).delete()  # see _entry_deleted
        return False
    text = cluster.label.strip()
    (vector,) = _vectors([text])
    with transaction.atomic():
        entry, _ = MemoryEntry.objects.update_or_create(
            cluster=cluster,
            defaults={
                "source": MemoryEntry.Source.VERDICT,
                "text": text,
                "verdict": latest.verdict,
                "rating": latest.get_verdict_display(),
                "decided_at": latest.created_at,
                "vector": vector,
                "model": _model(),
            },
        )
        shown_on([entry.pk])
        changed()
        rematch_recent(exclude_story=cluster.story_id)
    return True


def rematch_recent(exclude_story: int | None = None) -> int:
    """Look the recent stories up again, so that a new entry (an import, a verdict)
    reaches claims analysed before it existed; how many lookups were sent.

    Stories seen in the last MEMORY_RECHECK_DAYS, newest first, at most
    MEMORY_RECHECK_STORIES of them; older ones meet the entry at their next analysis.
    """
    since = timezone.now() - timedelta(days=settings.MEMORY_RECHECK_DAYS)
    stories = Story.objects.filter(merged_into__isnull=True, last_seen__gte=since)
    if exclude_story is not None:
        stories = stories.exclude(pk=exclude_story)
    ids = list(
        stories.order_by("-last_seen").values_list("pk", flat=True)[
            : settings.MEMORY_RECHECK_STORIES
        ]
    )
    for story_id in ids:
        pipeline.match_memory(story_id)
    return len(ids)


def shown_on(entry_ids) -> None:
    """The stories that show these entries as "reviewed before" get fresh rows."""
    stories = (
        MemoryMatch.objects.filter(entry_id__in=list(entry_ids))
        .values_list("cluster__story_id", flat=True)
        .distinct()
    )
    for story_id in stories:
        page_cache.invalidate(story_id)


def changed() -> None:
    """The memory changed: every process rebuilds its index at its next lookup.

    A new version rather than an increment, so a cache that lost the key (or was
    cleared) never hands out a version a process has already seen.
    """
    transaction.on_commit(lambda: cache.set(VERSION_KEY, time.time_ns(), None))


# --- the per-process index -----------------------------------------------------------------

BUILD_CHUNK = 5_000  # rows read at a time while building


def version() -> int:
    """The memory's current version; a new one if the cache has none (a rebuild, once)."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        current = cache.get(VERSION_KEY) or 0
    return current


def build_index(model: str) -> VectorIndex:
    """A vector index over the entries embedded by `model`, from their stored vectors.

    Added a chunk of rows at a time: the process holds the index and one chunk,
    never a second copy of every vector (1.5 GB at a million entries).
    """
    rows = MemoryEntry.objects.filter(model=model).order_by()
    index = VectorIndex(embed.get_embedder().dim, expected=rows.count())
    ids, vectors = [], []
    for pk, vector in rows.values_list("pk", "vector").iterator(chunk_size=BUILD_CHUNK):
        ids.append(pk)
        vectors.append(embed.from_bytes(vector))
        if len(ids) == BUILD_CHUNK:
            index.add(ids, np.vstack(vectors))
            ids, vectors = [], []
    if ids:
        index.add(ids, np.vstack(vectors))
    return index


class _Indexes:
    """The index of each embedding model this process has looked up (one, in practice)."""

    def __init__(self) -> None:
        self._by_model: dict[str, Rebuilt] = {}
        self._lock = threading.Lock()

    def get(self, model: str) -> VectorIndex:
        with self._lock:
            kept = self._by_model.setdefault(model, Rebuilt(lambda: build_index(model)))
        return kept.get(version())

    def clear(self) -> None:
        with self._lock:
            self._by_model.clear()


indexes = _Indexes()


# --- matching a story against the memory -----------------------------------------------------


def match_story(story_id: int) -> int:
    """Replace the memory matches of the story's active clusters; how many it now has.

    A cluster never matches its own entry nor any entry of its own story (a
    story's clusters are compared with each other by its analysis). Running it
    twice writes nothing the second time.
    """
    _refresh_labels(story_id)
    found: dict[int, dict[int, float]] = {}
    # The clusters are read only when the memory has entries to compare them with.
    if MemoryEntry.objects.exists():
        clusters = list(
            ClaimCluster.objects.filter(story_id=story_id, is_active=True).order_by("position")
        )
        if clusters:
            found = _lookup(story_id, clusters)
    if not found and not MemoryMatch.objects.filter(cluster__story_id=story_id).exists():
        return 0  # the usual case while the memory is empty: no transaction, no lock
    with transaction.atomic():
        changed_rows = _save_matches(story_id, found)
    if changed_rows:
        page_cache.invalidate(story_id)
    return sum(len(v) for v in found.values())


def _refresh_labels(story_id: int) -> None:
    """Entries of this story's clusters whose label the analysis has since reworded."""
    stale = [
        cluster_id
        for cluster_id, text, label in MemoryEntry.objects.filter(
            cluster__story_id=story_id
        ).values_list("cluster_id", "text", "cluster__label")
        if text != label.strip()
    ]
    for cluster_id in stale:
        index_verdict(cluster_id)


def _lookup(story_id: int, clusters: list[ClaimCluster]) -> dict[int, dict[int, float]]:
    """cluster id -> {entry id: score} of the entries at or above the threshold."""
    model = _model()
    index = indexes.get(model)
    if not len(index):
        return {}
    labels = [c.label.strip() for c in clusters]
    vectors = nlp.encode_texts(labels)
    matcher = matching.load()
    neighbours, cosines = index.search(vectors, matching.RERANK_DEPTH)
    # Under both models' cosine floor no training pair scored a match: such
    # neighbours are not worth their features (most of them, in a large memory).
    floor = min(matcher.memory.floor, matcher.pair.floor)
    neighbours = np.where(cosines >= floor, neighbours, -1)
    wanted = {int(i) for i in neighbours.ravel() if i >= 0}
    # Rows re-read: an entry withdrawn since the index was built is simply absent.
    rows = (
        MemoryEntry.objects.filter(pk__in=wanted, model=model)
        .exclude(cluster__story_id=story_id)
        .values_list("pk", "source", "text", "vector")
    )
    entries, sources = {}, {}
    for pk, source, text, vector in rows:
        entries[pk] = matching.Candidate(str(pk), text, embed.from_bytes(vector))
        sources[pk] = source
    found = {}
    for cluster, label, vector, row in zip(clusters, labels, vectors, neighbours, strict=True):
        candidates = [entries[int(i)] for i in row if int(i) in entries]
        ranked = matching.rank(label, vector, candidates, settings.MEMORY_MATCH_TOP, matcher)
        kept = _accepted(label, ranked, entries, sources, matcher)
        if kept:
            found[cluster.pk] = kept
    return found


def _accepted(label, ranked, entries, sources, matcher) -> dict[int, float]:
    """entry id -> score of the ranked entries that match, each by the model made for it.

    A fact-check is scored by the memory model (a claim against a fact-check);
    one of our verdicts is a cluster label, a news sentence like the query, and
    is scored by the pair model, which tells two sentences of one event apart
    where the memory model does not (eval/memory_threshold.py).
    """
    verdict_cut = settings.MEMORY_VERDICT_THRESHOLD
    if verdict_cut is None:
        verdict_cut = matcher.pair.same
    kept = {}
    for r in ranked:
        pk = int(r.id)
        if sources[pk] == MemoryEntry.Source.FACT_CHECK:
            if r.score >= settings.MEMORY_MATCH_THRESHOLD:
                kept[pk] = r.score
            continue
        pair = (matching.prepare(label), matching.prepare(entries[pk].text), r.cosine)
        score = float(matcher.score(matcher.pair, [pair])[0])
        if score >= verdict_cut:
            kept[pk] = round(score, 6)
    return kept


def _save_matches(story_id: int, found: dict[int, dict[int, float]]) -> int:
    """Make the story's MemoryMatch rows those of `found`; how many rows changed."""
    existing = {
        (m.cluster_id, m.entry_id): m
        for m in MemoryMatch.objects.select_for_update().filter(cluster__story_id=story_id)
    }
    wanted = {(c, e): s for c, scores in found.items() for e, s in scores.items()}
    gone = [m.pk for key, m in existing.items() if key not in wanted]
    MemoryMatch.objects.filter(pk__in=gone).delete()
    new = [
        MemoryMatch(cluster_id=c, entry_id=e, score=s)
        for (c, e), s in wanted.items()
        if (c, e) not in existing
    ]
    MemoryMatch.objects.bulk_create(new, ignore_conflicts=True)
    moved = [m for key, m in existing.items() if key in wanted and m.score != wanted[key]]
    for m in moved:
        m.score = wanted[(m.cluster_id, m.entry_id)]
    MemoryMatch.objects.bulk_update(moved, ["score"])
    return len(gone) + len(new) + len(moved)


# --- keeping entries in step -------------------------------------------------------------------


def _verdict_changed(sender, instance, **kwargs) -> None:
    if instance.action == Review.Action.VERDICT and instance.cluster_id is not None:
        pipeline.index_verdict(instance.cluster_id)


def _entry_deleted(sender, instance, **kwargs) -> None:
    # Before the delete, while its matches (deleted with it) still say where it shows.
    shown_on([instance.pk])
    changed()


def connect() -> None:
    """Called once from the app's ready(): any verdict written or removed (the review
    page, a re-check, the admin) re-indexes its cluster once the transaction commits;
    an entry deleted (its cluster's verdicts gone, its fact-check or cluster deleted)
    moves the memory's version and refreshes the stories that showed it."""
    from django.db.models.signals import post_delete, post_save, pre_delete

    post_save.connect(_verdict_changed, sender=Review, dispatch_uid="memory-verdict-saved")
    post_delete.connect(_verdict_changed, sender=Review, dispatch_uid="memory-verdict-deleted")
    pre_delete.connect(_entry_deleted, sender=MemoryEntry, dispatch_uid="memory-entry-deleted")


# --- what reviewers see: "reviewed before", and inheriting a verdict ----------------------------


@dataclass
class Earlier:
    """One earlier review of a cluster's claim, as the pages show it."""

    match_id: int
    score: float
    source: str  # MemoryEntry.Source
    verdict: str  # our verdict code ("" when a fact-check's rating maps onto none)
    verdict_label: str  # our verdict's name, or the publisher's own rating
    decided_at: datetime
    text: str
    cluster_id: int | None = None  # a verdict of ours: the cluster, its page and story
    cluster_url: str = ""
    story_title: str = ""
    publisher: str = ""  # a published fact-check: who, and where (http(s) only)
    url: str = ""

    @property
    def can_inherit(self) -> bool:
        return bool(self.verdict)


def _web_url(url: str) -> str:
    """Imported URLs are untrusted: only http(s) ones become links."""
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


def _earlier(match: MemoryMatch) -> Earlier:
    entry = match.entry
    label = entry.get_verdict_display() if entry.verdict else entry.rating
    item = Earlier(
        match_id=match.pk,
        score=match.score,
        source=entry.source,
        verdict=entry.verdict,
        verdict_label=label or "not rated",
        decided_at=entry.decided_at,
        text=entry.text,
    )
    cluster, fact_check = entry.cluster, entry.fact_check
    if cluster is not None:
        item.cluster_id = cluster.pk
        item.cluster_url = cluster.get_absolute_url()
        item.story_title = cluster.story.title
    elif fact_check is not None:
        item.publisher = fact_check.publisher or "a publisher"
        item.url = _web_url(fact_check.url)
    return item


def reviewed_before(cluster_ids) -> dict[int, list[Earlier]]:
    """cluster id -> its earlier reviews, best match first (one query)."""
    matches = (
        MemoryMatch.objects.filter(cluster_id__in=list(cluster_ids))
        .select_related("entry__cluster__story", "entry__fact_check")
        .order_by("cluster_id", "-score", "pk")
    )
    out: dict[int, list[Earlier]] = {}
    for match in matches:
        out.setdefault(match.cluster_id, []).append(_earlier(match))
    return out


class InheritError(ValueError):
    """A verdict that cannot be inherited; the message is shown to the reviewer."""


def inheritance_note(item: Earlier) -> str:
    """The rationale of an inherited verdict: where it came from, and when."""
    when = item.decided_at.date().isoformat()
    if item.cluster_id is not None:
        return (
            f"Inherited from the verdict on claim #{item.cluster_id} "
            f"(story “{item.story_title}”, {item.cluster_url}) of {when}: "
            f"{item.verdict_label}. Matched claim: “{item.text}”."
        )
    where = f", {item.url}" if item.url else ""
    return (
        f"Inherited from the fact-check by {item.publisher} of {when}{where}, "
        f"rated “{item.verdict_label}”. Checked claim: “{item.text}”."
    )


def inherit_verdict(cluster_id: int, match_id: int, user) -> Review:
    """Record on the cluster the verdict of an earlier review it matches (a Review,
    with who and when, whose rationale names the source)."""
    match = (
        MemoryMatch.objects.filter(pk=match_id, cluster_id=cluster_id)
        .select_related("entry__cluster__story", "entry__fact_check")
        .first()
    )
    if match is None:
        raise InheritError("That earlier review no longer matches this claim.")
    item = _earlier(match)
    if not item.can_inherit:
        raise InheritError(f"The rating “{item.verdict_label}” has no verdict of ours to inherit.")
    return review.record_verdict(cluster_id, item.verdict, user, inheritance_note(item))
