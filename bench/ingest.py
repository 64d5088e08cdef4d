"""ingest_cpu_seconds_per_article: `manage.py ingest` of an ECB+ sample on the embedded default.

Runs in its own process on a fresh SQLite database with eager tasks (no
broker), as `manage.py ingest FILE` does on a laptop: each record is written,
extracted, embedded and placed in a story before the next, and each story the
file touched is analysed once, after its last record (every
`ingest.ANALYSE_AFTER` records, and at the end of the file).
Models are loaded (and warmed up) before the clock starts, once, as a long
ingest pays them once. CPU seconds (user + system of this process and any
children) count the work whatever else the machine runs; wall seconds and the
load average are printed beside them.

`cpu_seconds_by_step` splits the CPU time by step, each step's own time
(a step that runs another inside it, as eager tasks do, is charged only for
its own part): spaCy (`parse`), the embedding model (`embed_model`), the rest
of extraction (`extract`) and embedding (`embed`), story assignment
(`story`), story analysis (`analysis`), writing the records (`ingest`), and
whatever is left (`other`: the job, the progress, Celery's eager calls).

`variant` "current" is the product's path (ONNX embedder, paragraphs of 32
records parsed ahead in one spaCy batch); "before" is the path before issue
18 in the same run (torch embedder, each article parsed on its own), the
baseline of the ratio.
"""

from __future__ import annotations

import functools
import importlib
import os
import resource
import sys
import time
from io import StringIO
from pathlib import Path

from bench.common import ROOT

ECBPLUS = ROOT.parent / "shared" / "eval" / "ecbplus" / "ecbplus.jsonl"

# step -> (module, attribute): the functions whose own CPU time is the step's.
STEPS = {
    "parse": ("claims.nlp.language", "ParseCache.parse ParseCache.fill"),
    "extract": ("claims.services.nlp", "extract_article_claims"),
    "embed": ("claims.services.nlp", "embed_article_claims"),
    "story": ("claims.services.stories", "assign_story"),
    "analysis": ("claims.services.analysis", "analyse_story"),
    "ingest": ("claims.services.ingest", "ingest_document"),
}


# The machine's speed, measured in the stage beside the ingest (`reference`): the
# embedder over a fixed set of sentences of the sample, a dozen per call as an
# article's, and a fixed pure-Python loop. The same code gives other CPU seconds
# on another day of this shared machine; these say whether the machine or the
# work changed.
REFERENCE_SENTENCES = 240
REFERENCE_CALL = 12
REFERENCE_LOOP = 2_000_000


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class StepClock:
    """Own CPU time per step: a step called inside another pauses the outer one."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self._stack: list[list] = []

    def wrap(self, owner, name: str, step: str) -> None:
        fn = getattr(owner, name)

        @functools.wraps(fn)
        def timed(*args, **kwargs):
            self._enter(step)
            try:
                return fn(*args, **kwargs)
            finally:
                self._leave()

        setattr(owner, name, timed)

    def _charge(self, now: float) -> None:
        if self._stack:
            step, since = self._stack[-1]
            self.seconds[step] = self.seconds.get(step, 0.0) + now - since

    def _enter(self, step: str) -> None:
        now = _cpu()
        self._charge(now)
        self._stack.append([step, now])

    def _leave(self) -> None:
        now = _cpu()
        self._charge(now)
        self._stack.pop()
        if self._stack:
            self._stack[-1][1] = now


def instrument(clock: StepClock, embedder) -> None:
    for step, (module, names) in STEPS.items():
        owner_module = importlib.import_module(module)
        for name in names.split():
            owner = owner_module
            if "." in name:
                cls, name = name.split(".")
                owner = getattr(owner_module, cls)
            clock.wrap(owner, name, step)
    clock.wrap(type(embedder), "encode", "embed_model")


def reference_texts(sample_path: str) -> list[str]:
    """The first REFERENCE_SENTENCES sentences (cut at full stops) of the sample's texts."""
    import json

    texts: list[str] = []
    for line in Path(sample_path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            text = json.loads(line).get("text") or ""
            texts += [s.strip() for s in text.replace("\n", " ").split(". ") if s.strip()]
        if len(texts) >= REFERENCE_SENTENCES:
            break
    return texts[:REFERENCE_SENTENCES]


def reference(embedder, texts: list[str]) -> dict:
    """CPU ms per sentence of the embedder on `texts` (a dozen per call), and of a fixed loop."""
    cpu0 = _cpu()
    for i in range(0, len(texts), REFERENCE_CALL):
        embedder.encode(texts[i : i + REFERENCE_CALL])
    embed_ms = (_cpu() - cpu0) * 1000 / max(1, len(texts))
    cpu0 = _cpu()
    total = 0
    for i in range(REFERENCE_LOOP):
        total += i * i
    return {"embed_ms_per_sentence": embed_ms, "python_loop_ms": (_cpu() - cpu0) * 1000}


def sample(path: Path, articles: int, out: Path) -> int:
    """The first `articles` records of the JSONL, written to `out`; how many there were."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out.write_text("\n".join(lines[:articles]) + "\n", encoding="utf-8")
    return min(articles, len(lines))


def run(variant: str, sample_path: str, texts_path: str) -> dict:
    from django.core.management import call_command

    from claims.models import Article, Claim, Flag, Story
    from claims.nlp import embed
    from claims.nlp.language import get_nlp, parse_cache
    from claims.services import nlp as nlp_service

    if variant == "before":
        nlp_service.parse_ahead = lambda records: 0  # each article parsed on its own
    get_nlp()("Warm up the parser.")
    embedder = embed.get_embedder()
    embedder.encode(["Warm up the embedder."])
    reference_set = reference_texts(sample_path)
    reference_before = reference(embedder, reference_set)
    rss_ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    clock = StepClock()
    instrument(clock, embedder)

    out, err = StringIO(), StringIO()
    load_before = os.getloadavg()[0]
    cpu0, wall0 = _cpu(), time.perf_counter()
    call_command("ingest", sample_path, stdout=out, stderr=err)
    cpu, wall = _cpu() - cpu0, time.perf_counter() - wall0
    load_after = os.getloadavg()[0]
    done = Article.objects.count()
    claims = Claim.objects.order_by("article__url", "position")
    Path(texts_path).write_text(
        "\n".join(f"{url}\t{text}" for url, text in claims.values_list("article__url", "text")),
        encoding="utf-8",
    )
    if not done:
        raise RuntimeError(f"nothing ingested: {out.getvalue()[-500:]} {err.getvalue()[-500:]}")
    steps = dict(clock.seconds)
    steps["other"] = cpu - sum(steps.values())
    reference_after = reference(embedder, reference_set)
    return {
        "variant": variant,
        "embed_backend": type(embedder).__name__,
        "articles": done,
        "claims": Claim.objects.count(),
        "stories": Story.objects.filter(articles__isnull=False).distinct().count(),
        "flags": Flag.objects.filter(is_active=True).count(),
        "cpu_seconds": cpu,
        "wall_seconds": wall,
        "cpu_seconds_per_article": cpu / done,
        "cpu_seconds_by_step": steps,
        "load_average_1m_before": load_before,
        "reference_sentences": len(reference_set),
        "reference_before": reference_before,
        "reference_after": reference_after,
        "load_average_1m_after": load_after,
        "parsed_paragraphs": parse_cache().misses,
        "cached_paragraphs": parse_cache().hits,
        "rss_ready_mb": rss_ready,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "torch_loaded": sys.modules.get("torch") is not None,
    }
