"""Stories: does each real event become one story, and only one?

Two sets, each run through the real pipeline (`eval/story_pipeline.py`: a
scratch SQLite database, `manage.py ingest`, eager tasks: extraction,
embedding and story assignment exactly as in production):

* ECB+ (Cybulska & Vossen, LREC 2014; `../shared/eval/ecbplus/`): 982 articles,
  43 topics of two same-kind events each (86 events). Its publication dates are
  not real (one minute apart), so it measures the similarity logic alone.
* The development set (`eval/dev/<event>/articles.jsonl` + `expected.json`):
  real multi-outlet coverage, one story per event, fed as a stream in order of
  publication (undated pages last, as a backfill).

Halves: the weights and the join threshold of `claims.analysis.stories` were
chosen on the tune half (ECB+: odd topics; dev set: `eval/dev/split.json`) and
the figures that count are those of the report half. Each half's articles are
scored inside the whole stream (the other half is there as distractors). The
dev set's "fresh" split (events no tuning round has read) runs as its own
stream after it, so that no tuning run ever sees it, not even as distractors;
its TF-IDF baseline keeps the threshold the tune half chose.

Printed for each: story BCubed P / R / F1, pairwise P / R / F1, the articles
without a story, and a plain baseline from the same run: TF-IDF single pass
(cosine to the running centroid, IDF over the set), its threshold chosen on
the tune half. `--quick`: 6 ECB+ topics and the whole dev set.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

from eval.common import APART, ON_REQUEST
from eval.metrics import bcubed, pairwise

ROOT = Path(__file__).resolve().parent.parent
ECBPLUS = ROOT.parent / "shared" / "eval" / "ecbplus"
DEV = ROOT / "eval" / "dev"
QUICK_TOPICS = 6
BASELINE_THRESHOLDS = [round(0.05 * i, 2) for i in range(2, 13)]


# --- the sets -----------------------------------------------------------------------


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def ecbplus(quick: bool) -> dict:
    gold = json.loads((ECBPLUS / "gold.json").read_text())
    records = [r for r in _read_jsonl(ECBPLUS / "ecbplus.jsonl") if r["url"] in gold]
    topics = sorted({int(gold[r["url"]]["topic"]) for r in records})
    if quick:
        odd = [t for t in topics if t % 2][: QUICK_TOPICS // 2]
        even = [t for t in topics if not t % 2][: QUICK_TOPICS // 2]
        keep = set(odd + even)
        records = [r for r in records if int(gold[r["url"]]["topic"]) in keep]
    labels = {r["url"]: gold[r["url"]]["event"] for r in records}
    halves = {
        "tune": [r["url"] for r in records if int(gold[r["url"]]["topic"]) % 2],
        "report": [r["url"] for r in records if not int(gold[r["url"]]["topic"]) % 2],
    }
    return {
        "name": "ECB+",
        "records": records,
        "gold": labels,
        "halves": halves,
        "split": "topics: odd tune, even report",
    }


def dev(
    quick: bool, fresh: bool = False, held: bool = False, only: str | None = None
) -> dict | None:
    """The tune and report halves as one stream, or one split kept apart (fresh,
    held, unseen) alone."""
    events = sorted(p for p in DEV.glob("*/expected.json"))
    split_path = DEV / "split.json"
    split = json.loads(split_path.read_text()) if split_path.exists() else {}
    apart = {name: set(split.get(name) or []) for name in APART}
    wanted_split = only or ("held" if held else "fresh" if fresh else None)
    records, labels = [], {}
    for path in events:
        expected = json.loads(path.read_text())
        event = expected.get("event") or path.parent.name
        own = next((name for name, members in apart.items() if event in members), None)
        if own != wanted_split:
            continue
        wanted = set(expected.get("articles") or [])
        for record in _read_jsonl(path.parent / "articles.jsonl"):
            if wanted and record["url"] not in wanted:
                continue
            if record["url"] in labels:
                continue
            labels[record["url"]] = event
            records.append(record)
    # A stream in order of publication; undated pages arrive last (a backfill).
    records.sort(key=lambda r: (not r.get("published"), r.get("published") or "", r["url"]))
    names = sorted(set(labels.values()))
    if not records:
        return None
    if wanted_split:
        return {
            "name": f"dev set, {wanted_split} split",
            "records": records,
            "gold": labels,
            "halves": {"fresh": [r["url"] for r in records]},
            "split": f"eval/dev/split.json {wanted_split}",
            "events": len(names),
        }
    if split:
        tune = set(split.get("tune") or [])
        report = set(split.get("report") or []) or set(names) - tune
        how = "eval/dev/split.json"
    else:
        tune = set(names[0::2])
        report = set(names) - tune
        how = "no eval/dev/split.json yet: events alternately by name"
    halves = {
        "tune": [r["url"] for r in records if labels[r["url"]] in tune],
        "report": [r["url"] for r in records if labels[r["url"]] in report],
    }
    return {
        "name": "dev set",
        "records": records,
        "gold": labels,
        "halves": halves,
        "split": how,
        "events": len(names),
    }


# --- the real pipeline ----------------------------------------------------------------


def run_pipeline(records: list[dict]) -> dict:
    """{url: story id or None} from the real pipeline on a scratch database."""
    with tempfile.TemporaryDirectory(prefix="eval-stories-") as tmp:
        path = Path(tmp) / "records.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records))
        out = Path(tmp) / "out.json"
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "eval.story_pipeline",
                str(path),
                str(Path(tmp) / "eval.sqlite3"),
                str(out),
            ],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return json.loads(out.read_text())


# --- the baseline -----------------------------------------------------------------------

_WORD = re.compile(r"[a-z][a-z'\-]+")
STOP = set(
    "a an the and or but of to in on at for with by from as is are was were be been has have "
    "had it its this that these those he she they we you i his her their our not no said says "
    "will would could can may after before over into about than then there here who which what "
    "when where also more most up out one two".split()
)


def _tokens(record: dict) -> Counter:
    text = f"{record.get('title') or ''}\n{record.get('text') or ''}".lower()
    return Counter(w for w in _WORD.findall(text) if w not in STOP and len(w) > 2)


def tfidf_single_pass(records: list[dict], threshold: float) -> dict[str, int]:
    """Plain single pass: join the closest cluster centroid at cosine >= threshold.

    log-tf x IDF over the whole set, unit vectors; a cluster's centroid is the
    sum of its members (its cosine is taken against the normalised sum).
    """
    counts = [_tokens(r) for r in records]
    df = Counter(k for c in counts for k in c)
    n = len(records)
    vocabulary = {k: i for i, k in enumerate(sorted(df))}
    idf = np.array([math.log((n + 1) / (df[k] + 1)) for k in sorted(df)], dtype=np.float64)
    centroids = np.zeros((64, len(vocabulary)), dtype=np.float32)
    norms: list[float] = []
    labels = {}
    for record, c in zip(records, counts, strict=True):
        idx = np.array([vocabulary[k] for k in c], dtype=np.int64)
        val = np.array([1 + math.log(x) for x in c.values()], dtype=np.float64) * idf[idx]
        length = float(np.linalg.norm(val)) or 1.0
        val /= length
        best = None
        if norms:
            sims = centroids[: len(norms), idx] @ val / np.asarray(norms)
            i = int(np.argmax(sims))
            if sims[i] >= threshold:
                best = i
        if best is None:
            if len(norms) == len(centroids):  # full: double the rows
                centroids = np.vstack([centroids, np.zeros_like(centroids)])
            norms.append(0.0)
            best = len(norms) - 1
        centroids[best, idx] += val
        norms[best] = float(np.linalg.norm(centroids[best])) or 1.0
        labels[record["url"]] = best
    return labels


def baseline(data: dict) -> dict:
    """Threshold chosen on the tune half, figures on both halves."""
    best = None
    for threshold in BASELINE_THRESHOLDS:
        labels = tfidf_single_pass(data["records"], threshold)
        f1 = bcubed(labels, data["gold"], data["halves"]["tune"])[2]
        if best is None or f1 > best[0]:
            best = (f1, threshold, labels)
    _, threshold, labels = best
    return {"threshold": threshold, **_scores(labels, data)}


# --- figures ----------------------------------------------------------------------------


def _scores(labels: dict, data: dict) -> dict:
    out = {}
    for half, urls in data["halves"].items():
        p, r, f = bcubed(labels, data["gold"], urls)
        pp, pr, pf = pairwise(labels, data["gold"], urls)
        out[half] = {
            "articles": len(urls),
            "bcubed_p": round(p, 3),
            "bcubed_r": round(r, 3),
            "bcubed_f1": round(f, 3),
            "pairwise_p": round(pp, 3),
            "pairwise_r": round(pr, 3),
            "pairwise_f1": round(pf, 3),
        }
    return out


def evaluate(data: dict) -> dict:
    result = run_pipeline(data["records"])
    stories = result["stories"]
    # Ingested without a story (the figure to keep at 0), and records the ingest refused.
    missing = [r["url"] for r in data["records"] if r["url"] in stories and not stories[r["url"]]]
    refused = [r["url"] for r in data["records"] if r["url"] not in stories]
    # An article without a story is its own singleton in the scores.
    labels = {r["url"]: stories.get(r["url"]) or f"none:{r['url']}" for r in data["records"]}
    figures = {
        "set": data["name"],
        "articles": len(data["records"]),
        "events": len(set(data["gold"].values())),
        "split": data["split"],
        "pipeline": _scores(labels, data),
        "without_story": len(missing),
        "not_ingested": len(refused),
        "stories": len(set(s for s in stories.values() if s is not None)),
        "pipeline_seconds": round(result["seconds"], 1),
        "baseline_tfidf": baseline(data),
    }
    _print(figures)
    return figures


def evaluate_fresh(data: dict, threshold: float) -> dict:
    """The fresh split's own stream: the pipeline beside TF-IDF at the tune half's threshold."""
    stories = run_pipeline(data["records"])["stories"]
    labels = {r["url"]: stories.get(r["url"]) or f"none:{r['url']}" for r in data["records"]}
    pipeline = _scores(labels, data)["fresh"]
    base = _scores(tfidf_single_pass(data["records"], threshold), data)["fresh"]
    n = pipeline["articles"]
    print(
        f"-- {data['name']}: {n} articles, {data['events']} events, its own stream; "
        f"{len(set(s for s in stories.values() if s is not None))} stories"
    )
    which = data["split"].split()[-1]  # fresh | held
    print(_line(f"pipeline, {which} ({n}), never tuned on", pipeline))
    print(_line(f"TF-IDF t={threshold}, {which}, never tuned on", base))
    print(flush=True)
    return {"pipeline": pipeline, "baseline_tfidf": {"threshold": threshold, **base}}


def _line(label: str, s: dict) -> str:
    return (
        f"   {label:<28} BCubed P {s['bcubed_p']:.3f} R {s['bcubed_r']:.3f} "
        f"F1 {s['bcubed_f1']:.3f} | pairwise F1 {s['pairwise_f1']:.3f}"
    )


def _print(f: dict) -> None:
    print(
        f"-- {f['set']}: {f['articles']} articles, {f['events']} events "
        f"(halves: {f['split']}); {f['stories']} stories, "
        f"{f['without_story']} articles without a story, {f['not_ingested']} records "
        f"the ingest refused, pipeline {f['pipeline_seconds']} s"
    )
    b = f["baseline_tfidf"]
    for half in ("report", "tune"):
        n = f["pipeline"][half]["articles"]
        print(_line(f"pipeline, {half} half ({n})", f["pipeline"][half]))
        print(_line(f"TF-IDF t={b['threshold']}, {half} half", b[half]))
    print(flush=True)


def run(quick: bool, held: bool = False, only: str | None = None) -> dict:
    """Both sets; the fresh split's own stream; a held or unseen split's only when asked."""
    out = {}
    print(
        "   thresholds of claims.analysis.stories chosen on the tune halves; "
        "the report half is the figure that counts"
    )
    out["ecbplus"] = evaluate(ecbplus(quick))
    data = dev(quick)
    if data is None:
        print("-- dev set: eval/dev/*/expected.json not found, skipped")
    else:
        out["dev"] = evaluate(data)
        fresh = dev(quick, fresh=True)
        if fresh is not None:
            threshold = out["dev"]["baseline_tfidf"]["threshold"]
            out["dev_fresh"] = evaluate_fresh(fresh, threshold)
        for name in {"held"} if held else {only} if only in ON_REQUEST else set():
            kept = dev(quick, only=name)
            if kept is not None:
                threshold = out["dev"]["baseline_tfidf"]["threshold"]
                out[f"dev_{name}"] = evaluate_fresh(kept, threshold)
    return out
