"""ingest_cpu_seconds_per_article: `manage.py ingest` of an ECB+ sample on the embedded default.

Runs in its own process on a fresh SQLite database with eager tasks (no
broker), as `manage.py ingest FILE` does on a laptop: each record is written,
extracted, embedded, placed in a story and its story analysed before the next.
Models are loaded (and warmed up) before the clock starts, once, as a long
ingest pays them once. CPU seconds (user + system, this process) count the
work whatever else the machine runs; wall seconds are printed beside them.

`variant` "current" is the product's path (ONNX embedder, paragraphs of 32
records parsed ahead in one spaCy batch); "before" is the path before issue
18 in the same run (torch embedder, each article parsed on its own), the
baseline of the ratio.
"""

from __future__ import annotations

import resource
import sys
import time
from io import StringIO
from pathlib import Path

from bench.common import ROOT

ECBPLUS = ROOT.parent / "shared" / "eval" / "ecbplus" / "ecbplus.jsonl"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


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
    embed.get_embedder().encode(["Warm up the embedder."])
    rss_ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    out, err = StringIO(), StringIO()
    cpu0, wall0 = _cpu(), time.perf_counter()
    call_command("ingest", sample_path, stdout=out, stderr=err)
    cpu, wall = _cpu() - cpu0, time.perf_counter() - wall0
    done = Article.objects.count()
    claims = Claim.objects.order_by("article__url", "position")
    Path(texts_path).write_text(
        "\n".join(f"{url}\t{text}" for url, text in claims.values_list("article__url", "text")),
        encoding="utf-8",
    )
    if not done:
        raise RuntimeError(f"nothing ingested: {out.getvalue()[-500:]} {err.getvalue()[-500:]}")
    return {
        "variant": variant,
        "embed_backend": type(embed.get_embedder()).__name__,
        "articles": done,
        "claims": Claim.objects.count(),
        "stories": Story.objects.filter(articles__isnull=False).distinct().count(),
        "flags": Flag.objects.filter(is_active=True).count(),
        "cpu_seconds": cpu,
        "wall_seconds": wall,
        "cpu_seconds_per_article": cpu / done,
        "parsed_paragraphs": parse_cache().misses,
        "cached_paragraphs": parse_cache().hits,
        "rss_ready_mb": rss_ready,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "torch_loaded": "torch" in sys.modules,
    }
