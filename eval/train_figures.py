"""Train the second look at number flags and write `claims/analysis/figure_pairs.json`.

`python -m eval.train_figures [--splits tune,fresh,...] [--out PATH]`

Needs the story inputs a full run of `python -m eval.flags --half NAME` saved
under .cache/flags/ for each split trained on. The default is every development
split (the tune half and the fresh splits, each already read once before any
change made for it); the report half and the hidden splits (held, unseen,
blind) are never trained on, so their figures stay out of sample.

Rows: every pair of differing figures of one dimension told by two outlets
of a training event (claims.analysis.figure_pairs.comparable), with the story's
own clusters. A pair is positive when its two figures carry two different
values of one of the event's expected number flags (each value told by one
of its listed outlets, the figure's value among the value's numbers), negative
otherwise: negatives include pairs a reviewer might also want, so the model
is a ranking of "same thing measured" rather than a calibrated probability.

The cut-off is chosen out of event: each training event is scored by a model
trained on the other events, every number flag whose best pair scores under
the cut is dropped, and the cut with the best F1 over all expected flags of
the training events (precision on ties) is kept. Report it beside the held-out
figures of `python -m eval.flags`.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
from pathlib import Path

import numpy as np

from eval.common import DEV, split
from eval.flags import CACHE, _fold, _numbers, _reextract, score, summarise
from eval.train_matcher import fit_trees

CUTS = (0.02, 0.05, 0.1, 0.2, 0.3)
DEVELOPMENT = ("tune", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")
NEVER_TRAINED = ("report", "held", "unseen", "blind")
FOLDS = 8


def _carries(report, value: str, outlets: list[str]) -> bool:
    if outlets and report.claim.outlet not in outlets:
        return False
    if _fold(value) not in _fold(report.claim.text):
        return False
    q = report.quantity
    return bool(_numbers(value) & ({q.value, q.base} | set(q.alternatives)))


def _positive(a, b, expected: list[dict]) -> bool:
    for e in expected:
        outlets = e.get("outlets") or {}
        values = e.get("values") or []
        for x in values:
            for z in values:
                if x == z:
                    continue
                if _carries(a, x, outlets.get(x) or []) and _carries(b, z, outlets.get(z) or []):
                    return True
    return False


def event(name: str) -> dict:
    """One training event: its pair rows and labels, and what the evaluation needs."""
    from claims.analysis import figure_pairs
    from claims.analysis.run import analyse

    data = pickle.loads((CACHE / f"{name}.pkl").read_bytes())
    _reextract(data)
    expected = json.loads((DEV / name / "expected.json").read_text(encoding="utf-8"))
    numbers = [e for e in expected.get("flags") or [] if e["kind"] == "number_mismatch"]
    result = analyse(data, figure_model=None)
    articles = {a.id: a for a in data.articles}
    reports = figure_pairs.reports_of(data.claims, articles)
    features = figure_pairs.scorer(result.claim_cluster)
    rows, labels = [], []
    for i, a in enumerate(reports):
        for b in reports[i + 1 :]:
            if figure_pairs.comparable(a, b):
                rows.append(features(a, b))
                labels.append(int(_positive(a, b, numbers) or _positive(b, a, numbers)))
    width = len(figure_pairs.FEATURES)
    return {
        "name": name,
        "x": np.asarray(rows, dtype=np.float64).reshape(-1, width),
        "y": np.asarray(labels, dtype=np.int64),
        "data": data,
        "flags": result.flags,
        "claim_cluster": result.claim_cluster,
        "expected": expected,
    }


def _as_dicts(flags) -> list[dict]:
    return [{"kind": f.kind, "subject": f.subject, "variants": f.variants_json()} for f in flags]


def _model(events: list[dict], cut: float = 0.5):
    from claims.analysis.figure_pairs import FigureModel

    x = np.vstack([e["x"] for e in events])
    y = np.concatenate([e["y"] for e in events])
    return FigureModel(fit_trees(x, y), cut, {})


def choose_cut(events: list[dict]) -> tuple[float, dict]:
    """The cut with the best out-of-event F1 over the events, and every cut's figures."""
    from dataclasses import replace

    from claims.analysis import figure_pairs

    # Each event is scored by a model that never saw it: one model per fold of
    # events (a model per event costs an hour once the set passes fifty events).
    folds = min(FOLDS, len(events))
    models = {}
    for k in range(folds):
        held = [e for i, e in enumerate(events) if i % folds == k]
        model = _model([e for i, e in enumerate(events) if i % folds != k])
        models.update({e["name"]: model for e in held})
    table = {}
    for cut in (0.0, *CUTS):
        scores = []
        for e in events:
            articles = {a.id: a for a in e["data"].articles}
            kept = figure_pairs.second_look(
                e["flags"],
                e["data"].claims,
                articles,
                e["claim_cluster"],
                replace(models[e["name"]], cut=cut),
            )
            scores.append(score(_as_dicts(kept), e["expected"]))
        table[cut] = summarise(scores)["all"]

    def f1(c: dict) -> float:
        p, r = c["precision"] or 0.0, c["recall"] or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    best = max(CUTS, key=lambda c: (round(f1(table[c]), 4), table[c]["precision"] or 0.0, -c))
    return best, table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.train_figures", description=__doc__)
    parser.add_argument("--out", default=None, help="where to write the model")
    parser.add_argument(
        "--splits",
        default=",".join(DEVELOPMENT),
        help="comma-separated splits to train on (never report, held, unseen, blind)",
    )
    args = parser.parse_args(argv)
    chosen = [s for s in args.splits.split(",") if s]
    refused = [s for s in chosen if s in NEVER_TRAINED]
    if refused:
        print(f"{', '.join(refused)}: kept out of sample, never trained on")
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from claims.analysis import figure_pairs

    halves = split()
    names = [n for s in chosen for n in halves.get(s, [])]
    missing = [n for n in names if not (CACHE / f"{n}.pkl").exists()]
    if missing:
        print(f"run `python -m eval.flags --half NAME` first: no saved input for {missing}")
        return 1
    events = [event(n) for n in names]
    cut, table = choose_cut(events)
    for c, row in table.items():
        print(
            f"   cut {c:<5} P {row['precision']:.3f} R {row['recall']:.3f} "
            f"right {row['right']}/{row['produced']} found {row['found']}/{row['expected']}"
            + ("   <- chosen" if c == cut else "")
        )
    model = _model(events)
    pairs = int(sum(len(e["y"]) for e in events))
    positives = int(sum(e["y"].sum() for e in events))
    notes = {
        "trained_on": f"eval/dev {', '.join(chosen)}: {len(events)} events",
        "pairs": pairs,
        "positives": positives,
        "cut_chosen_out_of_event": {str(c): row for c, row in table.items()},
    }
    out = Path(args.out) if args.out else figure_pairs.MODEL_PATH
    model = figure_pairs.FigureModel(model.trees, cut, notes)
    out.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(f"   {pairs} pairs ({positives} positive), cut {cut}: wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
