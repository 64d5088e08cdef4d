"""`python -m bench` (`make bench`): run every stage, print one JSON object.

Stages run in child processes, each on a fresh database: PostgreSQL
(`factcheck_bench`, dropped and created by the run; BENCH_POSTGRES_URL to
point elsewhere) and SQLite in a temporary directory. Sizes can be scaled
down with BENCH_PIPELINE_ARTICLES, BENCH_REQUESTS, BENCH_LOAD_SECONDS and
BENCH_ASSIGN_SAMPLES, and the rounds of pipeline and baseline with
BENCH_ROUNDS (defaults keep the run under about 15 minutes on two cores).

`python -m bench ingest pipeline` runs only the sections named (of
SECTIONS); the figures of the others are null.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from bench import common, corpus, ingest
from bench.common import r

SEED = 7
CORPUS_ARTICLES = 2000
ASSIGN_SIZES = [1_000, 10_000, 100_000]
SECTIONS = ("pipeline", "ingest", "assign", "pages", "memory")
MEMORY_SIZES = [10_000, 100_000, 1_000_000]


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _median_round(results: list[dict], key: str) -> dict:
    """The round whose `key` is the median (the lower middle one for an even count)."""
    ordered = sorted(results, key=lambda x: x[key])
    return ordered[(len(ordered) - 1) // 2]


def main(sections=SECTIONS) -> dict:
    started = time.perf_counter()
    load_start = os.getloadavg()
    backend = os.environ.get("BENCH_EMBED_BACKEND", "onnx")
    pipeline_articles = _int("BENCH_PIPELINE_ARTICLES", 200)
    has_pg = common.postgres_available()
    if not has_pg:
        print("  PostgreSQL unreachable: its figures are null", file=sys.stderr)
    out: dict = {}
    detail: dict = {}
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        t0 = time.perf_counter()
        entries = corpus.generate(CORPUS_ARTICLES, SEED)
        detail["corpus"] = {
            "articles": len(entries),
            "events": len({e.event for e in entries}),
            "seed": SEED,
            "generate_seconds": r(time.perf_counter() - t0, 2),
        }

        sqlite = common.fresh_sqlite(tmp, "prepare")
        env = common.child_env(sqlite, EMBED_BACKEND=backend)
        detail.update(common.run_stage("prepare", env, {"backend": backend}))

        # The worker and the baseline alternate, round by round (P E P E P E), on
        # the same sentences, so that a load from other processes falls on both;
        # each figure is the median of its rounds.
        rounds = max(1, _int("BENCH_ROUNDS", 3)) if "pipeline" in sections else 0
        # A worker process per core, as `make worker` (Celery prefork) runs; each
        # embeds on one thread, where the baseline's torch uses every core.
        processes = max(1, _int("BENCH_PIPELINE_PROCESSES", os.cpu_count() or 1))
        pipe_env = {"EMBED_BACKEND": backend}
        if processes > 1:
            pipe_env["EMBED_THREADS"] = "1"
        texts = str(Path(tmp) / "claims.txt")
        pipes, encs, loads = [], [], []
        for i in range(rounds):
            db = common.fresh_postgres() if has_pg else common.fresh_sqlite(tmp, f"pipeline{i}")
            round_texts = texts if i == 0 else str(Path(tmp) / f"claims{i}.txt")
            pipe = common.run_stage(
                "pipeline",
                common.child_env(db, **pipe_env),
                {
                    "articles": pipeline_articles,
                    "corpus_size": CORPUS_ARTICLES,
                    "seed": SEED,
                    "texts_path": round_texts,
                    "processes": processes,
                },
            )
            pipe["same_claims_as_round_1"] = (
                Path(round_texts).read_text() == Path(texts).read_text()
            )
            pipes.append(pipe)
            encs.append(common.run_stage("encode", env, {"texts_path": texts, "backend": backend}))
            loads.append(r(os.getloadavg()[0], 2))
        # manage.py ingest of an ECB+ sample on the embedded default: the path
        # before issue 18 (torch, no parse-ahead), then the product's.
        ingest_runs = {}
        ingest_articles = _int("BENCH_INGEST_ARTICLES", 100) if "ingest" in sections else 0
        if ingest_articles and ingest.ECBPLUS.exists():
            sample = Path(tmp) / "ecbplus-sample.jsonl"
            ingest.sample(ingest.ECBPLUS, ingest_articles, sample)
            for variant, variant_backend in (("before", "torch"), ("current", backend)):
                ingest_runs[variant] = common.run_stage(
                    "ingest",
                    common.child_env(
                        common.fresh_sqlite(tmp, f"ingest-{variant}"),
                        EMBED_BACKEND=variant_backend,
                    ),
                    {
                        "variant": variant,
                        "sample_path": str(sample),
                        "texts_path": str(Path(tmp) / f"ingest-{variant}.txt"),
                    },
                )
                ingest_runs[variant]["load_average_1m_after"] = r(os.getloadavg()[0], 2)
            ingest_runs["same_claims"] = (Path(tmp) / "ingest-before.txt").read_text() == (
                Path(tmp) / "ingest-current.txt"
            ).read_text()
        elif ingest_articles:
            print(f"  no {ingest.ECBPLUS}: ingest figures are null", file=sys.stderr)

        assign = {}
        for vendor in ("sqlite", "postgresql"):
            if "assign" not in sections or (vendor == "postgresql" and not has_pg):
                assign[vendor] = None
                continue
            url = (
                common.fresh_postgres()
                if vendor == "postgresql"
                else common.fresh_sqlite(tmp, "assign")
            )
            assign[vendor] = common.run_stage(
                "assign",
                common.child_env(url),
                {
                    "sizes": ASSIGN_SIZES,
                    "samples": _int("BENCH_ASSIGN_SAMPLES", 30),
                    "seed": SEED,
                },
            )

        pages = _pages(tmp, has_pg) if "pages" in sections else None
        memory = _memory(tmp) if "memory" in sections else None
        if has_pg:
            common.drop_postgres()

    _pipeline_figures(out, detail, pipes, encs, loads, backend, processes)
    _assign_figures(out, detail, assign)
    _page_figures(out, detail, pages)
    _memory_figures(out, detail, memory)
    _ingest_figures(out, detail, ingest_runs)
    out["load_average_start"] = [r(x, 2) for x in load_start]
    out["load_average_end"] = [r(x, 2) for x in os.getloadavg()]
    out["targets"] = _targets(out, memory)
    detail["machine"] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    detail["sections"] = list(sections)
    detail["seconds"] = r(time.perf_counter() - started)
    out["detail"] = detail
    return out


def _pages(tmp: str, has_pg: bool) -> dict:
    db = common.fresh_postgres() if has_pg else common.fresh_sqlite(tmp, "pages")
    pages = common.run_stage(
        "pages",
        common.child_env(db),
        {
            "requests": _int("BENCH_REQUESTS", 60),
            "load_seconds": float(os.environ.get("BENCH_LOAD_SECONDS", 20)),
            "configs": os.environ.get("BENCH_GUNICORN", "sync:5,sync:3,sync:2,gthread:3:4").split(
                ","
            ),
        },
    )
    pages["story_page_db"] = "postgresql" if has_pg else "sqlite"
    return pages


def _memory(tmp: str) -> dict:
    # The claim memory's vector index at 10k, 100k and 1M entries (bench/memory.py):
    # no database, one index grown through the sizes, in its own process.
    return common.run_stage(
        "memory",
        common.child_env(common.fresh_sqlite(tmp, "memory")),
        {
            "sizes": [int(s) for s in os.environ.get("BENCH_MEMORY_SIZES", "").split(",") if s]
            or MEMORY_SIZES,
            "queries": _int("BENCH_MEMORY_QUERIES", 300),
        },
    )


def _pipeline_figures(out, detail, pipes, encs, loads, backend, processes) -> None:
    out["rounds"] = len(pipes)
    if not pipes:
        return
    pipe = _median_round(pipes, "pipeline_sps")
    enc = _median_round(encs, "encode_raw_sps")
    ratios_by_round = [
        p["pipeline_sps"] / e["encode_raw_sps"] for p, e in zip(pipes, encs, strict=True)
    ]
    out["encode_raw_sps"] = r(enc["encode_raw_sps"])
    out["pipeline_sps"] = r(pipe["pipeline_sps"])
    out["pipeline_vs_raw"] = r(common.median(ratios_by_round), 3)
    out["pipeline_embed_backend"] = backend
    out["pipeline_processes"] = processes
    out["baseline_threads"] = enc.get("torch_threads")
    out["embed_backend"] = backend
    out["embed_backend_vs_raw"] = r(common.median([e["embed_backend_vs_raw"] for e in encs]), 3)
    out["embed_backend_min_cosine"] = round(min(e["embed_backend_min_cosine"] for e in encs), 6)
    out["worker_peak_rss_mb"] = r(pipe["worker_peak_rss_mb"])
    out["worker_loads_torch"] = pipe.get("worker_loads_torch")
    detail["pipeline"] = {
        k: (r(v, 2) if isinstance(v, float) else v) for k, v in pipe.items() if k != "pipeline_sps"
    }
    detail["pipeline"]["pipeline_stage_seconds"] = {
        k: r(v, 2) for k, v in pipe["pipeline_stage_seconds"].items()
    }
    detail["encode"] = {k: (r(v, 3) if isinstance(v, float) else v) for k, v in enc.items()}
    detail["rounds"] = {
        "encode_raw_sps": [r(e["encode_raw_sps"]) for e in encs],
        "pipeline_sps": [r(p["pipeline_sps"]) for p in pipes],
        "pipeline_vs_raw": [r(x, 3) for x in ratios_by_round],
        "embed_backend_sps": [r(e["embed_backend_sps"]) for e in encs],
        "pipeline_seconds": [r(p["pipeline_seconds"], 2) for p in pipes],
        "same_claims_as_round_1": [p["same_claims_as_round_1"] for p in pipes],
        "load_average_1m_after": loads,
    }


def _assign_figures(out, detail, assign) -> None:
    for vendor, figures in assign.items():
        for size in ("1k", "10k", "100k"):
            key = f"assign_ms_at_{size}"
            out.setdefault(key, {})[vendor] = r(figures[key], 2) if figures else None
    detail["assign"] = {
        v: {k: r(x, 2) for k, x in f.items()} if f else None for v, f in assign.items()
    }
    detail["assign"]["ratio_100k_to_1k"] = {
        v: r(x, 2) if x else None for v, x in _assign_ratios(out, assign).items()
    }


def _assign_ratios(out, assign) -> dict:
    return {
        v: (out["assign_ms_at_100k"][v] / out["assign_ms_at_1k"][v])
        if out["assign_ms_at_1k"][v]
        else None
        for v in assign
    }


def _page_figures(out, detail, pages) -> None:
    if pages is None:
        return
    for q in ("p50", "p95"):
        out[f"story_page_{q}_ms"] = {
            str(n): r(pages[f"story_page_{q}_ms_{n}"]) for n in (100, 1000, 5000)
        }
    out["story_page_rps_16_reviewers"] = r(pages["story_page_rps_16_reviewers"])
    out["story_page_p95_ms_16_reviewers_at_1000"] = {
        "cached": r(pages["story_page_cached_p95_ms_under_load"]),
        "uncached": r(pages["story_page_uncached_p95_ms_under_load"]),
    }
    out["story_page_gunicorn"] = pages["story_page_server"]
    detail["pages"] = {k: (r(v, 1) if isinstance(v, float) else v) for k, v in pages.items()}
    detail["pages"]["story_page_under_load"] = {
        config: {k: r(v, 1) for k, v in figures.items()}
        for config, figures in pages["story_page_under_load"].items()
    }


def _memory_figures(out, detail, memory) -> None:
    if memory is None:
        return
    out["memory_lookup_ms"] = {
        str(m["entries"]): {q: m[f"lookup_ms_{q}"] for q in ("p50", "p95")}
        | {f"cpu_{q}": m[f"lookup_cpu_ms_{q}"] for q in ("p50", "p95")}
        for m in memory["memory_lookup"]
    }
    out["memory_lookup_ratio_largest_to_smallest"] = {
        key: memory.get(f"lookup_{key}_ratio_largest_to_smallest")
        for key in ("ms_p50", "ms_p95", "cpu_ms_p50", "cpu_ms_p95")
    }
    detail["memory"] = memory


def _ingest_figures(out, detail, ingest_runs) -> None:
    cur, before = ingest_runs.get("current"), ingest_runs.get("before")
    out["ingest_cpu_seconds_per_article"] = r(cur["cpu_seconds_per_article"], 3) if cur else None
    out["ingest_cpu_seconds_per_article_before"] = (
        r(before["cpu_seconds_per_article"], 3) if before else None
    )
    out["ingest_cpu_vs_before"] = (
        r(cur["cpu_seconds_per_article"] / before["cpu_seconds_per_article"], 3)
        if cur and before
        else None
    )
    # The machine's load while the product's variant ran: CPU seconds grow on a busy machine.
    out["ingest_load_average_1m"] = (
        [r(cur["load_average_1m_before"], 2), r(cur["load_average_1m_after"], 2)] if cur else None
    )
    detail["ingest"] = {
        k: ({x: _rounded(y) for x, y in v.items()}) if isinstance(v, dict) else v
        for k, v in ingest_runs.items()
    }


def _rounded(value):
    if isinstance(value, float):
        return r(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def _targets(out, memory) -> dict:
    """Each target of issues 7, 16 and 18 whose section ran: true when met."""
    targets = {}
    if "pipeline_vs_raw" in out:
        targets["pipeline_vs_raw >= 1.3"] = out["pipeline_vs_raw"] >= 1.3
        targets["embed_backend_min_cosine >= 0.99"] = out["embed_backend_min_cosine"] >= 0.99
        targets["worker_peak_rss_mb <= 350"] = out["worker_peak_rss_mb"] <= 350
    ratios = {v: x for v, x in _assign_ratios(out, out.get("assign_ms_at_1k", {})).items() if x}
    if ratios:
        targets["assign_ms_at_100k <= 3x assign_ms_at_1k"] = {v: x <= 3 for v, x in ratios.items()}
    if "story_page_p95_ms" in out:
        targets["story_page_p95_ms < 150 at 1,000 claims"] = out["story_page_p95_ms"]["1000"] < 150
        targets["story page p95 < 150 ms at 1,000 claims, 16 reviewers, cached"] = (
            out["story_page_p95_ms_16_reviewers_at_1000"]["cached"] < 150
        )
    if memory is not None:
        # CPU time of the lookup thread: wall p95 on a shared machine is waiting for a core.
        targets["memory lookup p50 and p95 (CPU) at the largest size <= 3x the smallest"] = all(
            (memory.get(f"lookup_cpu_ms_{q}_ratio_largest_to_smallest") or 99) <= 3
            for q in ("p50", "p95")
        )
    if out["ingest_cpu_seconds_per_article"] is not None:
        targets["ingest_cpu_seconds_per_article <= 0.25"] = (
            out["ingest_cpu_seconds_per_article"] <= 0.25
        )
    return targets


if __name__ == "__main__":
    chosen = tuple(sys.argv[1:]) or SECTIONS
    unknown = [name for name in chosen if name not in SECTIONS]
    if unknown:
        sys.exit(f"unknown section {', '.join(unknown)}; sections: {', '.join(SECTIONS)}")
    result = main(chosen)
    text = json.dumps(result, indent=2)
    print(text)
    (Path(__file__).resolve().parent / "results.json").write_text(text + "\n")
