"""Measure the claim memory's match cut-offs: `python -m eval.memory_threshold`.

The memory holds two kinds of entries, scored by the model made for each
(claims/analysis/matcher.json):

* a published fact-check is scored by the `memory` model (a claim against a
  fact-check); it matches at or above settings.MEMORY_MATCH_THRESHOLD;
* one of our verdicts (a cluster's label: a news sentence) is scored by the
  `pair` model (two claims of news copy); it matches at or above
  settings.MEMORY_VERDICT_THRESHOLD (unset: the pair model's own `same`).

Measured on training data only, never on a test split:

* ClaimMatch's training half (a claim against a fact-check), with
  out-of-fold probabilities of the memory model (each pair scored by a model
  fitted on the other folds, as train_matcher does): the fact-check cut-off is
  the lowest of the grid (most recall) keeping precision at CLAIMMATCH_PRECISION;
* MRPC train (two news sentences of one event), scored by the memory model,
  which never saw it: it shows why our verdicts are not scored by the memory
  model (its precision stays near the share of same pairs at every cut-off),
  beside the pair model's out-of-fold MRPC figures that train_matcher stored.

A wrong "reviewed before" invites a reviewer to inherit a verdict, so
precision comes first.
"""

from __future__ import annotations

import json
import sys

import numpy as np

from claims.analysis import matching
from eval import matching_data as data
from eval import train_matcher

CLAIMMATCH_PRECISION = 0.98
GRID = (0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def _out_of_fold_claimmatch(encoder, matcher) -> tuple[np.ndarray, np.ndarray]:
    sets = train_matcher.memory_set(encoder)
    triples = [t for s in sets.values() for t in s[0]]
    y = np.concatenate([s[1] for s in sets.values()])
    source = np.array([k for k, s in sets.items() for _ in s[0]])
    x = matcher.rows(triples)
    groups = np.array([train_matcher._group(a.text) for a, _, _ in triples])
    prob = train_matcher.out_of_fold(x, y, groups)
    keep = source == "claimmatch"
    return prob[keep], y[keep]


def _mrpc(encoder, matcher) -> tuple[np.ndarray, np.ndarray]:
    pairs = data.mrpc("train")
    a, b = [p.text_a for p in pairs], [p.text_b for p in pairs]
    cos = (matching.unit(encoder.encode(a)) * matching.unit(encoder.encode(b))).sum(axis=1)
    triples = [
        (matching.prepare(x), matching.prepare(y), float(c))
        for x, y, c in zip(a, b, cos, strict=True)
    ]
    return matcher.score(matcher.memory, triples), np.array([p.label for p in pairs])


def main() -> int:
    encoder = data.CachedEncoder()
    matcher = matching.load()
    cm_prob, cm_y = _out_of_fold_claimmatch(encoder, matcher)
    mr_prob, mr_y = _mrpc(encoder, matcher)
    rows, chosen = [], None
    for cut in GRID:
        cm = train_matcher.precision_recall(cm_prob, cm_y, cut)
        mr = train_matcher.precision_recall(mr_prob, mr_y, cut)
        rows.append({"cut": cut, "claimmatch_prf": cm, "mrpc_prf": mr})
        print(
            f"cut {cut:<5} ClaimMatch train (out of fold) P {cm[0]:.3f} R {cm[1]:.3f}"
            f" | MRPC train P {mr[0]:.3f} R {mr[1]:.3f}",
            file=sys.stderr,
        )
        if chosen is None and cm[0] >= CLAIMMATCH_PRECISION:
            chosen = cut
    pair = matcher.pair
    print(
        f"fact-checks (memory model): {chosen}; our verdicts (pair model, same >= {pair.same}):"
        f" MRPC train out of fold P/R/F1 {pair.notes.get('oof_mrpc', {}).get('same')}",
        file=sys.stderr,
    )
    print(
        json.dumps(
            {
                "grid": rows,
                "fact_check_cut": chosen,
                "memory_model_same": matcher.memory.same,
                "verdict_cut": pair.same,
                "pair_model_oof_mrpc_same": pair.notes.get("oof_mrpc", {}).get("same"),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
