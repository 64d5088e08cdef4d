"""assign_ms_at_1k / 10k / 100k: placing one article in a story as the archive grows.

Synthetic stories arrive at a steady rate (STORIES_PER_DAY), so a bigger
archive reaches further back in time, as a real one does: the stories active
around a new article stay about as many while the table grows. Each story has
a profile of names and terms drawn from a Zipf-like vocabulary and its keys in
the `StoryKey` index, as `services.stories` leaves them. The archive is grown
from newest to oldest, 1,000 stories, then 10,000, then 100,000, and at each
size fresh articles (a headline and text in that vocabulary, claims with
vectors, published now) are assigned; the figure is the median wall time of
`services.stories.assign_story`, which computes the article's features (parse,
headline embedding), counts its document frequencies, locks, looks candidate
stories up in the index, scores them, joins or opens a story, updates its
profile and index keys and marks it for analysis (the analysis itself is not
dispatched).

`python -m bench.assign` runs this stage alone (SQLite, and PostgreSQL when it
answers; BENCH_ASSIGN_DBS=sqlite for SQLite only, BENCH_ASSIGN_SAMPLES,
BENCH_ASSIGN_SIZES=1000,10000) and prints the figures with the 100k / 1k
ratio (target: within 3x). It also reports the CPU time of the assigning
process (on SQLite the whole work; wall time is noisy on a shared machine) and
how long filling each size took.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

import numpy as np

from bench.common import median, percentile

STORIES_PER_DAY = 50
DIM = 384
NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
CLAIMS_PER_ARTICLE = 20
VOCABULARY = 20_000
KEYS_PER_STORY = 30
_SYLLABLES = ["ka", "ro", "mi", "tel", "van", "dor", "su", "bri", "len", "zo", "gar", "hu"]


def _word(i: int) -> str:
    out = []
    while True:
        i, r = divmod(i, len(_SYLLABLES))
        out.append(_SYLLABLES[r])
        if not i:
            break
    return "".join(out).capitalize() + "ia"


def _draw(rng, n: int) -> list[int]:
    """Word ranks, Zipf-like: a few common words, a long tail of rare names."""
    return [int(x) % VOCABULARY for x in rng.zipf(1.3, size=n)]


def _unit(rng, n: int) -> np.ndarray:
    v = rng.standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _grow(rng, have: int, want: int) -> None:
    from claims.models import Story, StoryKey

    step = timedelta(days=1) / STORIES_PER_DAY
    batch, keys = [], []
    for i in range(have, want):
        last = NOW - i * step
        first = last - timedelta(hours=int(rng.integers(0, 48)))
        words = sorted({f"t:{_word(w).lower()}" for w in _draw(rng, KEYS_PER_STORY)})
        batch.append(
            Story(
                title=f"Synthetic story {i}",
                first_seen=first,
                last_seen=last,
                article_count=int(rng.integers(1, 12)),
                profile={
                    "terms": {w: float(rng.integers(1, 8)) for w in words},
                    "first": first.isoformat(),
                    "last": last.isoformat(),
                },
            )
        )
        keys.append(words)
    vectors = _unit(rng, len(batch))
    for story, vector in zip(batch, vectors, strict=True):
        story.centroid = vector.tobytes()
    Story.objects.bulk_create(batch, batch_size=2000)
    StoryKey.objects.bulk_create(
        (
            StoryKey(story=story, key=key, last_seen=story.last_seen)
            for story, words in zip(batch, keys, strict=True)
            for key in words
        ),
        batch_size=5000,
    )


def _article(rng, outlet, n: int):
    from claims.models import Article, Claim

    words = [_word(w) for w in _draw(rng, 40)]
    text = "\n".join(
        f"{words[i]} met {words[i + 1]} in {words[i + 2]} about the {words[i + 3]} plan."
        for i in range(4, 36, 4)
    )
    article = Article.objects.create(
        outlet=outlet,
        url=f"https://assign.example/{n}",
        title=f"{words[0]} and {words[1]} sign {words[2]} accord in {words[3]}",
        text=text,
        content_hash=f"{n:064d}",
        published_at=NOW - timedelta(minutes=int(rng.integers(0, 600))),
        status="embedded",
    )
    # Claims about one topic: vectors close to a random direction.
    topic = _unit(rng, 1)[0]
    vectors = topic + 0.35 * _unit(rng, CLAIMS_PER_ARTICLE)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    Claim.objects.bulk_create(
        Claim(
            article=article,
            position=i,
            text=f"Claim {i} of article {n}.",
            start=i * 40,
            end=i * 40 + 30,
            score=0.8,
            text_hash=f"{n}-{i}",
            embedding=v.astype(np.float32).tobytes(),
        )
        for i, v in enumerate(vectors)
    )
    return article.pk


def run(sizes: list[int], samples: int, seed: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    from claims import pipeline
    from claims.models import Outlet, Story
    from claims.services import stories

    def mark_only(story_id: int) -> None:
        Story.objects.filter(pk=story_id).update(
            needs_analysis=True, analysis_due_at=timezone.now()
        )

    pipeline.request_analysis = mark_only
    rng = np.random.default_rng(seed)
    outlet = Outlet.objects.create(name="Assign bench outlet")
    have, n, out = 0, 0, {}
    for size in sizes:
        started = time.perf_counter()
        _grow(rng, have, size)
        have = size
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        grow_s = time.perf_counter() - started
        times, cpu = [], []
        for i in range(samples + 3):
            n += 1
            pk = _article(rng, outlet, n)
            t0, c0 = time.perf_counter(), time.process_time()
            stories.assign_story(pk)
            if i >= 3:  # the first few warm caches
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
        label = f"{size // 1000}k"
        out[f"assign_ms_at_{label}"] = median(times)
        out[f"assign_p95_ms_at_{label}"] = percentile(times, 95)
        out[f"assign_cpu_ms_at_{label}"] = median(cpu)
        out[f"assign_fill_seconds_{label}"] = grow_s
    out["assign_samples"] = samples
    out["assign_stories_per_day"] = STORIES_PER_DAY
    return out


def main() -> int:
    from bench import common

    sizes = [int(x) for x in os.environ.get("BENCH_ASSIGN_SIZES", "1000,10000,100000").split(",")]
    options = {
        "sizes": sizes,
        "samples": int(os.environ.get("BENCH_ASSIGN_SAMPLES", 30)),
        "seed": 7,
    }
    vendors = os.environ.get("BENCH_ASSIGN_DBS", "sqlite,postgresql").split(",")
    out = {}
    with tempfile.TemporaryDirectory(prefix="factcheck-assign-") as tmp:
        for vendor in vendors:
            if vendor == "postgresql" and not common.postgres_available():
                print("  PostgreSQL unreachable: skipped", file=sys.stderr)
                continue
            url = (
                common.fresh_postgres()
                if vendor == "postgresql"
                else common.fresh_sqlite(tmp, "a")
            )
            out[vendor] = figures = common.run_stage("assign", common.child_env(url), options)
            if vendor == "postgresql":
                common.drop_postgres()
            first, last = _label(sizes[0]), _label(sizes[-1])
            for key in ("ms", "cpu_ms"):
                low, high = figures[f"assign_{key}_at_{first}"], figures[f"assign_{key}_at_{last}"]
                figures[f"ratio_{key}_{last}_to_{first}"] = high / low if low else None
            print(_summary(vendor, figures, sizes), flush=True)
    print(json.dumps(out, indent=2, default=lambda x: round(x, 2)))
    return 0


def _label(size: int) -> str:
    return f"{size // 1000}k"


def _summary(vendor: str, f: dict, sizes: list[int]) -> str:
    first, last = _label(sizes[0]), _label(sizes[-1])
    parts = []
    for size in sizes:
        label = _label(size)
        parts.append(
            f"{label} {f[f'assign_ms_at_{label}']:.1f} ms "
            f"(cpu {f[f'assign_cpu_ms_at_{label}']:.1f}, "
            f"fill {f[f'assign_fill_seconds_{label}']:.0f} s)"
        )
    ratio = f[f"ratio_ms_{last}_to_{first}"]
    cpu_ratio = f[f"ratio_cpu_ms_{last}_to_{first}"]
    verdict = "within" if ratio is not None and ratio <= 3 else "NOT within"
    return (
        f"{vendor}: assign median "
        + ", ".join(parts)
        + f"; {last}/{first} wall {ratio:.2f}x, cpu {cpu_ratio:.2f}x ({verdict} 3x)"
    )


if __name__ == "__main__":
    sys.exit(main())
