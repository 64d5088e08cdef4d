"""The claim memory with the ORM: what was reviewed before, and what matches it.

Every cluster with a verdict and every imported fact-check has one MemoryEntry
row carrying its text, its verdict and its vector (the embedding of the
cluster's label or of the fact-check's claim). The rows are the record: each
process keeps its own vector index (claims.analysis.memory.VectorIndex) built
from them, without re-encoding, and rebuilds it when the memory's version in
Django's cache has moved (bumped on every change of an entry, once it commits).

After a story's analysis, each of its active clusters is looked up in the
memory; the entries the memory model scores at or above
settings.MEMORY_MATCH_THRESHOLD become MemoryMatch rows ("reviewed before").
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from datetime import time as day_start

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from claims.models import ClaimCluster, FactCheck, MemoryEntry, Review
from claims.nlp import embed
from claims.services import nlp

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
    model = _model()
    with transaction.atomic():
        for fc, vector in zip(fact_checks, vectors, strict=True):
            MemoryEntry.objects.update_or_create(
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
        changed()
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
        deleted, _ = MemoryEntry.objects.filter(cluster_id=cluster_id).delete()
        if deleted:
            changed()
        return False
    text = cluster.label.strip()
    (vector,) = _vectors([text])
    with transaction.atomic():
        MemoryEntry.objects.update_or_create(
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
        changed()
    return True


def changed() -> None:
    """The memory changed: every process rebuilds its index at its next lookup.

    A new version rather than an increment, so a cache that lost the key (or was
    cleared) never hands out a version a process has already seen.
    """
    transaction.on_commit(lambda: cache.set(VERSION_KEY, time.time_ns(), None))
