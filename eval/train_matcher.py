"""Train the same-claim models and write `claims/analysis/matcher.json`.

`python -m eval.train_matcher [--out PATH] [--models pair memory] [--extra FILE ...]`

Training data, training splits only (see `eval/matching_data.py`):
* `pair` model (two claims of the same kind): MRPC train, ClaimMatch's
  training half, different claims of one story (ECB+ tune half, `story_negatives`)
  and, with `--extra`, a desk's own reviewer decisions (`export_match_decisions`);
* `memory` model (a claim against a reviewed claim or a fact-check): CLEF 2020
  train and dev tweets, each against the MEMORY_DEPTH nearest verified claims
  by cosine (the relevant ones are positives, the others hard negatives), and
  ClaimMatch's training half.

Cut-offs are chosen on out-of-fold probabilities (5 folds) of the same data,
never on a test split:
* `same`: among the cut-offs at which the automatic decision keeps the
  precision SAME_PRECISION asks of every set the model is trained on, the one
  with the best F1 on the model's main set (MRPC train for the pair model,
  ClaimMatch's training half for the memory model);
* `suggest`: the pairs between `suggest` and `same` are the ones a reviewer
  sees; it is the lowest probability where same-claim pairs are still at least
  SUGGEST_ODDS of the pairs in that band (below it, asking wastes the
  reviewer's time more often than it finds a match).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from claims.analysis import matching
from eval import matching_data as data

FOLDS = 5
SEED = 16
TREES = dict(n_estimators=300, max_depth=3, learning_rate=0.05, subsample=0.8, min_samples_leaf=20)
# Precision the automatic decision must keep on each training source (out of fold).
# CLEF's qrels name one verified claim per tweet although near-duplicate verified
# claims exist among its nearest candidates, so a yes/no precision on them is not
# measured; CLEF trains the ranking, ClaimMatch sets the memory's cut-offs.
SAME_PRECISION = {
    "mrpc": 0.80,
    "claimmatch": 0.95,
    "clef-train": 0.0,
    "clef-dev": 0.0,
    "extra": 0.0,  # a desk's own decisions train the model; they set no cut-off
}
SUGGEST_ODDS = 0.5
# Candidates per CLEF tweet in the memory model's training (nearest by cosine):
# the relevant claim is among the first 20 for nearly every training tweet.
MEMORY_DEPTH = 20
# Sentences of one event's coverage (ECB+) over this cosine may be the same
# claim told twice; they are left out of the negatives.
STORY_MAX_COSINE = 0.75
# Story negatives per event: the nearest under that cosine, and random ones.
STORY_HARD = 60
STORY_EASY = 40
# Share of those surely-different pairs the automatic decision may still join.
STORY_FALSE_SAME = 0.01
MIN_DF = 2


def _log(*args, end="\n") -> None:
    print(*args, file=sys.stderr, flush=True, end=end)


def build_idf(texts: list[str]) -> matching.Idf:
    df = Counter()
    for text in dict.fromkeys(texts):
        df.update(matching.prepare(matching.clean(text)).content)
    frequency = {t: n for t, n in sorted(df.items()) if n >= MIN_DF}
    return matching.Idf(len(set(texts)), frequency)


def _shared(a: matching.TextInfo, b: matching.TextInfo) -> float:
    return matching.features(a, b, 0.0, matching.Idf())[matching.FEATURES.index("shared_wording")]


def story_negatives(encoder) -> list[data.Pair]:
    """Different claims of one story (ECB+ tune half), hard ones first.

    Per event, the cross-article sentence pairs closest by cosine under
    STORY_MAX_COSINE whose shared wording is low (STORY_HARD of them), and
    STORY_EASY drawn at random: a story's claims share its vocabulary, so its
    different claims are nearer than MRPC's negatives.
    """
    rng = np.random.default_rng(SEED)
    out = []
    for _, articles in sorted(data.story_articles().items()):
        lines = [(k, line) for k, body in enumerate(articles) for line in body]
        if len({k for k, _ in lines}) < 2:
            continue
        texts = [matching.clean(line) for _, line in lines]
        vectors = matching.unit(encoder.encode(texts))
        sims = vectors @ vectors.T
        owner = np.array([k for k, _ in lines])
        cross = np.triu(owner[:, None] != owner[None, :], k=1) & (sims < STORY_MAX_COSINE)
        i_all, j_all = np.nonzero(cross)
        order = np.argsort(-sims[i_all, j_all], kind="stable")
        hard = []
        for k in order:
            i, j = int(i_all[k]), int(j_all[k])
            if _shared(matching.prepare(texts[i]), matching.prepare(texts[j])) < 0.5:
                hard.append((i, j))
            if len(hard) == STORY_HARD:
                break
        easy = rng.choice(len(i_all), size=min(STORY_EASY, len(i_all)), replace=False)
        chosen = dict.fromkeys(hard + [(int(i_all[k]), int(j_all[k])) for k in easy])
        out += [data.Pair(lines[i][1], lines[j][1], 0) for i, j in chosen]
    return out


def read_extra(path: str) -> list[data.Pair]:
    """Reviewers' decisions (`manage.py export_match_decisions`): JSON lines of
    {"text_a", "text_b", "label": "same"|"different"}; other lines are skipped."""
    pairs, skipped = [], 0
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                row = json.loads(line)
                label = {"same": 1, "different": 0}[row["label"]]
                a, b = str(row["text_a"]).strip(), str(row["text_b"]).strip()
            except (ValueError, KeyError, TypeError):
                skipped += 1
                continue
            if a and b:
                pairs.append(data.Pair(a, b, label))
            else:
                skipped += 1
    _log(f"{path}: {len(pairs)} decisions, {skipped} line(s) skipped")
    return pairs


def _triples(pairs: list[data.Pair], encoder) -> list:
    a = [matching.clean(p.text_a) for p in pairs]
    b = [matching.clean(p.text_b) for p in pairs]
    if not pairs:
        return []
    cos = (matching.unit(encoder.encode(a)) * matching.unit(encoder.encode(b))).sum(axis=1)
    return [
        (matching.prepare(x), matching.prepare(y), float(c))
        for x, y, c in zip(a, b, cos, strict=True)
    ]


def pair_set(encoder, extra: list[data.Pair] = ()) -> dict[str, tuple[list, np.ndarray]]:
    """Training pairs of the pair model, by source: (triples, labels)."""
    sources = {
        "mrpc": data.mrpc("train"),
        "claimmatch": data.claimmatch("train"),
        "story": story_negatives(encoder),
    }
    if extra:
        sources["extra"] = list(extra)
    return {
        name: (_triples(pairs, encoder), np.array([p.label for p in pairs]))
        for name, pairs in sources.items()
    }


def memory_set(encoder) -> dict[str, tuple[list, np.ndarray]]:
    """Training pairs of the memory model, by source."""
    verified = data.clef_verified()
    texts = [matching.memory_text(v.claim, v.title) for v in verified]
    matrix = matching.unit(encoder.encode(texts))
    out = {}
    for split in ("train", "dev"):
        queries, qrels = data.clef_queries(split)
        q_texts = [matching.clean(t) for _, t in queries]
        sims = matching.unit(encoder.encode(q_texts)) @ matrix.T
        triples, labels = [], []
        for (qid, _), text, row in zip(queries, q_texts, sims, strict=True):
            q = matching.prepare(text)
            for i in np.argsort(-row)[:MEMORY_DEPTH]:
                triples.append((q, matching.prepare(texts[i]), float(row[i])))
                labels.append(int(verified[i].id in qrels.get(qid, ())))
        out[f"clef-{split}"] = (triples, np.array(labels))
    pairs = data.claimmatch("train")
    a = [matching.clean(p.text_a) for p in pairs]
    b = [matching.clean(p.text_b) for p in pairs]
    cos = (encoder.encode(a) * encoder.encode(b)).sum(axis=1)
    out["claimmatch"] = (
        [
            (matching.prepare(x), matching.prepare(y), float(c))
            for x, y, c in zip(a, b, cos, strict=True)
        ],
        np.array([p.label for p in pairs]),
    )
    return out


def fit_trees(x: np.ndarray, y: np.ndarray) -> matching.Trees:
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(random_state=SEED, **TREES).fit(x, y)
    prior = float(np.clip(y.mean(), 1e-6, 1 - 1e-6))
    trees = []
    for (estimator,) in model.estimators_:
        t = estimator.tree_
        trees.append(
            {
                "left": t.children_left.tolist(),
                "right": t.children_right.tolist(),
                "feature": t.feature.tolist(),
                "threshold": [round(float(v), 6) for v in t.threshold],
                "value": [round(float(v), 6) for v in t.value[:, 0, 0]],
            }
        )
    exported = matching.Trees.from_dict(
        {"base": math.log(prior / (1 - prior)), "rate": TREES["learning_rate"], "trees": trees}
    )
    check = exported.log_odds(x[:200])
    reference = model.decision_function(x[:200])
    if not np.allclose(check, reference, atol=1e-3):
        raise RuntimeError("exported trees disagree with scikit-learn")
    return exported


def _group(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Probabilities for every row from a model that never saw its group."""
    prob = np.zeros(len(y))
    fold = groups % FOLDS
    for k in range(FOLDS):
        test = fold == k
        trees = fit_trees(x[~test], y[~test])
        prob[test] = 1 / (1 + np.exp(-trees.log_odds(x[test])))
    return prob


def precision_recall(prob, y, cut):
    chosen = prob >= cut
    tp = int((chosen & (y == 1)).sum())
    p = tp / chosen.sum() if chosen.sum() else 1.0
    r = tp / (y == 1).sum() if (y == 1).sum() else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def choose_cuts(name, prob, y, source, main):
    """(same, suggest) from out-of-fold probabilities."""
    # Finer under 0.05: the memory model's probabilities on ClaimMatch sit low
    # (it learns from CLEF's ranking, where one candidate in twenty is relevant).
    grid = np.unique(np.round(np.r_[np.arange(0.01, 0.05, 0.005), np.arange(0.05, 0.99, 0.01)], 3))
    candidates = []
    for cut in grid:
        ok = all(
            (prob[source == s] >= cut).mean() <= STORY_FALSE_SAME
            if s == "story"
            else precision_recall(prob[source == s], y[source == s], cut)[0] >= SAME_PRECISION[s]
            for s in set(source.tolist())
        )
        if ok:
            sel = source == main
            candidates.append((precision_recall(prob[sel], y[sel], cut)[2], -cut, cut))
    same = max(candidates)[2] if candidates else 0.9
    suggest = same
    for cut in grid[grid < same][::-1]:
        band = (prob >= cut) & (prob < same)
        if band.sum() and y[band].mean() < SUGGEST_ODDS:
            break
        suggest = cut
    return float(same), float(suggest)


def train(name: str, sets: dict[str, tuple[list, np.ndarray]], idf: matching.Idf, main: str):
    triples = [t for s in sets.values() for t in s[0]]
    y = np.concatenate([s[1] for s in sets.values()])
    source = np.array([k for k, s in sets.items() for _ in s[0]])
    x = np.array([matching.features(a, b, c, idf) for a, b, c in triples])
    # Folds by the first text, so a query's candidates stay together.
    groups = np.array([_group(a.text) for a, _, _ in triples])
    _log(f"[{name}] {len(y)} pairs, {int(y.sum())} same; out-of-fold...")
    prob = out_of_fold(x, y, groups)
    same, suggest = choose_cuts(name, prob, y, source, main)
    notes = {"trained_on": {k: int(len(v[1])) for k, v in sets.items()}}
    for s in sets:
        sel = source == s
        p, r, f = precision_recall(prob[sel], y[sel], same)
        p2, r2, f2 = precision_recall(prob[sel], y[sel], suggest)
        notes[f"oof_{s}"] = {
            "same": [round(p, 3), round(r, 3), round(f, 3)],
            "with_suggestions": [round(p2, 3), round(r2, 3), round(f2, 3)],
            "suggested": int(((prob[sel] >= suggest) & (prob[sel] < same)).sum()),
        }
        _log(f"[{name}] {s}: same P/R/F1 {p:.3f}/{r:.3f}/{f:.3f}", end="; ")
        _log(f"with suggestions {p2:.3f}/{r2:.3f}/{f2:.3f}")
    # The cosine under which no same-claim training pair reached `suggest`: the
    # cheap prefilter before features (a different pair scored there by chance
    # must not pull it down, or it filters nothing).
    found = (prob >= suggest) & (y == 1)
    floor = float(np.floor((x[found, 0].min() if found.any() else 0.0) * 100) / 100 - 0.05)
    trees = fit_trees(x, y)
    _log(f"[{name}] same >= {same}, suggest >= {suggest}, cosine floor {floor}")
    return matching.Model(name, matching.FEATURES, trees, same, suggest, floor, notes)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.train_matcher", description=__doc__)
    parser.add_argument("--out", default=str(matching.MODEL_PATH))
    parser.add_argument(
        "--models",
        nargs="+",
        choices=("pair", "memory"),
        default=("pair", "memory"),
        help="retrain only these; the others are kept from --out (same IDF table)",
    )
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="FILE",
        help="more training pairs for the pair model: JSON lines of text_a, text_b and "
        "label same/different (manage.py export_match_decisions); may be repeated",
    )
    args = parser.parse_args(argv)
    extra = [p for path in args.extra for p in read_extra(path)]
    started = time.monotonic()
    encoder = data.CachedEncoder()
    verified = data.clef_verified()
    corpus = [p.text_a for p in data.mrpc("train")] + [p.text_b for p in data.mrpc("train")]
    corpus += [p.text_a for p in data.claimmatch("train")] + [
        p.text_b for p in data.claimmatch("train")
    ]
    corpus += [matching.memory_text(v.claim, v.title) for v in verified]
    for split in ("train", "dev"):
        corpus += [t for _, t in data.clef_queries(split)[0]]
    idf = build_idf(corpus)
    models = {}
    if set(args.models) != {"pair", "memory"} and Path(args.out).exists():
        models = matching.Matcher.from_dict(json.loads(Path(args.out).read_text())).models
    if "pair" in args.models:
        models["pair"] = train("pair", pair_set(encoder, extra), idf, main="mrpc")
    if "memory" in args.models:
        models["memory"] = train("memory", memory_set(encoder), idf, main="claimmatch")
    matcher = matching.Matcher(idf, models)
    Path(args.out).write_text(json.dumps(matcher.to_dict(), separators=(",", ":")) + "\n")
    size = Path(args.out).stat().st_size // 1024
    _log(f"wrote {args.out} ({size} KiB) in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
