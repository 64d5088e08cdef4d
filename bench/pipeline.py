"""pipeline_sps and worker_peak_rss_mb: the pipeline end to end, as a worker runs it.

Runs in its own process (the "worker"). Articles are ingested first (not
timed: fetching is not part of the figure), models are loaded (not timed,
once per worker), then each article goes through extraction, embedding and
story assignment, and each story's analysis (claim clusters, comparison,
flags, all persisted) runs once its five articles are in: what the debounced
analysis does when an event's articles arrive together.

With `processes` > 1 the articles go to a pool of that many worker processes
(forked after ingestion, each loading its own models, untimed), as Celery's
prefork pool deals tasks to whichever child is free: an article at a time, in
arrival order, and an event's analysis as soon as its five articles are
through. Each process then runs its embedder on EMBED_THREADS threads (the
bench sets one). The default is a process per core, the Makefile's `worker`.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
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


def _load_models() -> float:
    from claims.nlp import embed
    from claims.nlp.language import get_nlp

    get_nlp()
    embed.get_embedder().encode(["warm up"])
    return _rss_mb()


def _article(pk: int) -> tuple[dict, float]:
    from claims.nlp.language import parse_cache
    from claims.services import nlp, stories

    cache = parse_cache()
    hits, misses = cache.hits, cache.misses
    t0 = time.perf_counter()
    nlp.extract_article_claims(pk)
    t1 = time.perf_counter()
    nlp.embed_article_claims(pk)
    t2 = time.perf_counter()
    stories.assign_story(pk)
    t3 = time.perf_counter()
    times = {"extract": t1 - t0, "embed": t2 - t1, "assign": t3 - t2}
    times["parsed_paragraphs"] = cache.misses - misses
    times["cached_paragraphs"] = cache.hits - hits
    return times, _rss_mb()


def _analyse(ids: list[int]) -> tuple[dict, float]:
    from claims.models import Article
    from claims.services import analysis

    t0 = time.perf_counter()
    stories = sorted(set(Article.objects.filter(pk__in=ids).values_list("story_id", flat=True)))
    for story_id in stories:
        if story_id is not None:
            analysis.analyse_story(story_id)
    return {"analyse": time.perf_counter() - t0}, _rss_mb()


STARTUP_TIMEOUT = 600  # seconds for the pool's workers to load their models


def _worker_init(barrier) -> None:
    from django.db import connections

    connections.close_all()  # the parent's, inherited by fork: never shared
    _load_models()
    barrier.wait()


def _sequential(by_event: dict) -> tuple[dict, float]:
    from claims.services import analysis

    spent = defaultdict(float)
    for ids in by_event.values():
        for pk in ids:
            times, _ = _article(pk)
            for k, v in times.items():
                spent[k] += v
        t4 = time.perf_counter()
        analysis.sweep_dirty_stories()
        spent["analyse"] += time.perf_counter() - t4
    return spent, _rss_mb()


def _pooled(by_event: dict, processes: int) -> tuple[dict, float]:
    import multiprocessing

    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(processes + 1)
    spent = defaultdict(float)
    peak = [0.0]
    lock = threading.Lock()
    left = {event: len(ids) for event, ids in by_event.items()}
    done = threading.Event()
    pending = [len(by_event)]
    errors = []
    with ctx.Pool(processes, initializer=_worker_init, initargs=(barrier,)) as pool:
        # Every worker has its models loaded (a worker that cannot start breaks it).
        barrier.wait(timeout=STARTUP_TIMEOUT)

        def record(result) -> None:
            times, rss = result
            for k, v in times.items():
                spent[k] += v
            peak[0] = max(peak[0], rss)

        def analysed(result) -> None:
            with lock:
                record(result)
                pending[0] -= 1
                if not pending[0]:
                    done.set()

        def failed(error) -> None:
            errors.append(error)
            done.set()

        def article_done(event, result) -> None:
            with lock:
                record(result)
                left[event] -= 1
                last = not left[event]
            if last:
                pool.apply_async(
                    _analyse, (by_event[event],), callback=analysed, error_callback=failed
                )

        started = time.perf_counter()
        for event, ids in by_event.items():
            for pk in ids:
                pool.apply_async(
                    _article,
                    (pk,),
                    callback=lambda res, e=event: article_done(e, res),
                    error_callback=failed,
                )
        done.wait()
        elapsed = time.perf_counter() - started
        if errors:
            raise errors[0]
    spent["wall"] = elapsed
    return spent, peak[0]


def run(articles: int, corpus_size: int, seed: int, texts_path: str, processes: int = 1) -> dict:
    from claims import pipeline as dispatch
    from claims.models import Article, Claim, ClaimCluster, Flag, Story
    from claims.nlp import embed
    from claims.services import ingest

    # As a Celery worker does at start (factcheck/celery.py): the ONNX embedder
    # is exported (the prepare stage), so spaCy's thinc must not load torch.
    embed.keep_torch_out()
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
    dispatch.request_analysis = _mark_only
    if processes > 1:
        rss_ready = None
        spent, peak = _pooled(by_event, processes)
        elapsed = spent.pop("wall")
    else:
        rss_ready = _load_models()
        started = time.perf_counter()
        spent, peak = _sequential(by_event)
        elapsed = time.perf_counter() - started

    parsed = spent.pop("parsed_paragraphs", 0)
    cached = spent.pop("cached_paragraphs", 0)
    texts = list(Claim.objects.order_by("article_id", "position").values_list("text", flat=True))
    with open(texts_path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(t.replace("\n", " ") for t in texts))
    claims = len(texts)
    return {
        "pipeline_sps": claims / elapsed,
        "pipeline_processes": processes,
        "pipeline_articles": len(entries),
        "pipeline_claims": claims,
        "pipeline_distinct_claim_texts": len(set(texts)),
        "pipeline_stories": Story.objects.live().filter(articles__isnull=False).distinct().count(),
        "pipeline_clusters": ClaimCluster.objects.filter(is_active=True).count(),
        "pipeline_flags": Flag.objects.filter(is_active=True).count(),
        "pipeline_analysed_articles": Article.objects.filter(status="analysed").count(),
        "pipeline_seconds": elapsed,
        # Paragraphs spaCy parsed, and those a worker's parse cache already had.
        "pipeline_parsed_paragraphs": int(parsed),
        "pipeline_cached_paragraphs": int(cached),
        # Summed over the worker processes: with a pool they add up to more than the wall time.
        "pipeline_stage_seconds": dict(spent),
        "worker_rss_ready_mb": rss_ready,
        "worker_peak_rss_mb": peak,
        "worker_loads_torch": sys.modules.get("torch") is not None,
        "embed_backend": os.environ.get("EMBED_BACKEND") or type(embed.get_embedder()).__name__,
    }
