"""pipeline_sps and worker_peak_rss_mb: the pipeline end to end, as a worker runs it.

Runs in its own process (the "worker"). Articles are ingested first (not
timed: fetching is not part of the figure), models are loaded (not timed,
once per worker), then each article goes through extraction, embedding and
story assignment, and each story's analysis (claim clusters, comparison,
flags, all persisted) runs once its five articles are in: what the debounced
analysis does when an event's articles arrive together.
"""

from __future__ import annotations

import resource
import time
from collections import defaultdict

from bench import corpus


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _mark_only(story_id: int) -> None:
    """request_analysis without the eager dispatch: the sweep below runs it."""
    from django.utils import timezone

    from claims.models import Story

    Story.objects.filter(pk=story_id).update(needs_analysis=True, analysis_due_at=timezone.now())


def run(articles: int, corpus_size: int, seed: int, texts_path: str) -> dict:
    from claims import pipeline as dispatch
    from claims.models import Article, Claim, ClaimCluster, Flag, Story
    from claims.nlp import embed
    from claims.nlp.language import get_nlp
    from claims.services import analysis, ingest, nlp

    entries = corpus.generate(corpus_size, seed)[:articles]
    by_event = defaultdict(list)
    for entry in entries:
        article, _ = ingest.ingest_document(
            text=entry.text,
            title=entry.title,
            url=entry.url,
            outlet=entry.outlet,
            published=entry.published,
            analyse=False,
        )
        by_event[entry.event].append(article.pk)
    get_nlp()
    embedder = embed.get_embedder()
    embedder.encode(["warm up"])
    rss_ready = _rss_mb()

    dispatch.request_analysis = _mark_only
    spent = defaultdict(float)
    started = time.perf_counter()
    for ids in by_event.values():
        for pk in ids:
            t0 = time.perf_counter()
            nlp.extract_article_claims(pk)
            t1 = time.perf_counter()
            nlp.embed_article_claims(pk)
            t2 = time.perf_counter()
            analysis.assign_story(pk)
            t3 = time.perf_counter()
            spent["extract"] += t1 - t0
            spent["embed"] += t2 - t1
            spent["assign"] += t3 - t2
        t4 = time.perf_counter()
        analysis.sweep_dirty_stories()
        spent["analyse"] += time.perf_counter() - t4
    elapsed = time.perf_counter() - started

    texts = list(Claim.objects.order_by("article_id", "position").values_list("text", flat=True))
    with open(texts_path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(t.replace("\n", " ") for t in texts))
    claims = len(texts)
    return {
        "pipeline_sps": claims / elapsed,
        "pipeline_articles": len(entries),
        "pipeline_claims": claims,
        "pipeline_distinct_claim_texts": len(set(texts)),
        "pipeline_stories": Story.objects.live().filter(articles__isnull=False).distinct().count(),
        "pipeline_clusters": ClaimCluster.objects.filter(is_active=True).count(),
        "pipeline_flags": Flag.objects.filter(is_active=True).count(),
        "pipeline_analysed_articles": Article.objects.filter(status="analysed").count(),
        "pipeline_seconds": elapsed,
        "pipeline_stage_seconds": dict(spent),
        "worker_rss_ready_mb": rss_ready,
        "worker_peak_rss_mb": _rss_mb(),
        "embed_backend": type(embedder).__name__,
    }
