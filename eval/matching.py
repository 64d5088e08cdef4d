"""Claim matching on public sets, through the commands' own code.

* MRPC test (Dolan & Brockett 2005): F1 of the automatic decision and of the
  automatic decision plus suggestions, via `services.matching.match_pairs`
  (the code of `manage.py match_pairs` and of the story clustering's model).
* ClaimMatch (Pisarevskaya & Zubiaga 2025), its held-out half: precision and
  recall of the pair model and of the memory model.
* CLEF 2020 CheckThat! Task 2 test (Barrón-Cedeño et al. 2020): MAP@5 of
  `manage.py match_claims` (run as a command, on TSV files written here) over
  all 10,375 verified claims with their titles.

Baselines from the same run and the same vectors: plain MiniLM cosine, its
threshold chosen on the training split (the honest one) and the best
threshold on the test split itself (an upper bound, as the issue quotes it).
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

import numpy as np

from eval import matching_data as data

QUICK = {"mrpc": 400, "claimmatch": 10_000, "clef": 60}


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()


def prf(chosen: np.ndarray, labels: np.ndarray) -> tuple[float, float, float]:
    tp = int((chosen & (labels == 1)).sum())
    p = tp / chosen.sum() if chosen.sum() else 0.0
    r = tp / (labels == 1).sum() if (labels == 1).sum() else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_threshold(scores, labels) -> tuple[float, float]:
    """(F1, threshold) of the best cut on these scores."""
    cuts = np.unique(np.round(scores, 3))
    return max((prf(scores >= c, labels)[2], float(c)) for c in cuts)


def average_precision_at(ranked: list[str], relevant: set[str], k: int = 5) -> float:
    hits, total = 0, 0.0
    for i, doc in enumerate(ranked[:k], start=1):
        if doc in relevant:
            hits += 1
            total += hits / i
    return total / min(len(relevant), k) if relevant else 0.0


def _pairs_through_command_code(pairs, encoder) -> tuple[np.ndarray, np.ndarray]:
    """Decisions and scores of `match_pairs` on `pairs`."""
    from claims.services import matching as service

    lines = "\n".join(f"{p.text_a}\t{p.text_b}" for p in pairs).encode()
    rows, errors = service.read_tsv(lines, 2, "text_a, text_b")
    assert not errors, errors[:3]
    results = service.match_pairs(rows, embedder=encoder)
    return (
        np.array([r["decision"] for r in results]),
        np.array([r["score"] for r in results]),
    )


def _cosines(pairs, encoder) -> np.ndarray:
    from claims.analysis import matching

    a = encoder.encode([matching.clean(p.text_a) for p in pairs])
    b = encoder.encode([matching.clean(p.text_b) for p in pairs])
    return (a * b).sum(axis=1)


def mrpc(encoder, quick: bool) -> dict:
    test = data.mrpc("test")
    if quick:
        test = test[: QUICK["mrpc"]]
    labels = np.array([p.label for p in test])
    decisions, _ = _pairs_through_command_code(test, encoder)
    auto = prf(decisions == "same", labels)
    wide = prf(decisions != "different", labels)
    train = data.mrpc("train")
    _, cut = best_threshold(_cosines(train, encoder), np.array([p.label for p in train]))
    cos = _cosines(test, encoder)
    return {
        "pairs": len(test),
        "auto": auto,
        "auto_plus_suggestions": wide,
        "suggested": int((decisions == "suggest").sum()),
        "cosine_train_threshold": (cut, prf(cos >= cut, labels)),
        "cosine_best_on_test": best_threshold(cos, labels),
    }


def claimmatch(encoder, quick: bool) -> dict:
    from claims.analysis import matching

    test = data.claimmatch("test")
    labels = np.array([p.label for p in test])
    decisions, _ = _pairs_through_command_code(test, encoder)
    matcher = matching.load()
    a = [matching.clean(p.text_a) for p in test]
    b = [matching.clean(p.text_b) for p in test]
    cos = _cosines(test, encoder)
    triples = [
        (matching.prepare(x), matching.prepare(y), float(c))
        for x, y, c in zip(a, b, cos, strict=True)
    ]
    memory = matcher.score(matcher.memory, triples)
    train = data.claimmatch("train")
    _, cut = best_threshold(_cosines(train, encoder), np.array([p.label for p in train]))
    return {
        "pairs": len(test),
        "pair_model_auto": prf(decisions == "same", labels),
        "pair_model_with_suggestions": prf(decisions != "different", labels),
        "memory_model_auto": prf(memory >= matcher.memory.same, labels),
        "memory_model_with_suggestions": prf(memory >= matcher.memory.suggest, labels),
        "cosine_train_threshold": (cut, prf(cos >= cut, labels)),
        "cosine_best_on_test": best_threshold(cos, labels),
    }


def clef(encoder, quick: bool) -> dict:
    from django.core.management import call_command

    from claims.analysis import matching
    from claims.nlp import embed

    verified = data.clef_verified()
    queries, qrels = data.clef_queries("test")
    if quick:
        queries = queries[: QUICK["clef"]]
    folder = Path(tempfile.mkdtemp(prefix="factcheck-eval-clef-"))
    against = folder / "verified.tsv"
    asked = folder / "queries.tsv"
    flat = lambda text: " ".join(text.split())  # noqa: E731  (no tabs or newlines in a cell)
    against.write_text(
        "".join(f"{v.id}\t{flat(v.claim)}\t{flat(v.title)}\n" for v in verified), encoding="utf-8"
    )
    asked.write_text("".join(f"{q}\t{flat(t)}\n" for q, t in queries), encoding="utf-8")
    out = io.StringIO()
    previous = embed._default
    _ = encoder.embedder  # bind the real embedder before the cache stands in for it
    embed.set_embedder(encoder)
    try:
        call_command("match_claims", str(asked), against=str(against), top=5, stdout=out)
    finally:
        embed.set_embedder(previous)
    results = {
        r["id"]: [m["id"] for m in r["matches"]]
        for r in map(json.loads, out.getvalue().splitlines())
    }
    model = float(
        np.mean(
            [average_precision_at(results.get(q, []), qrels.get(q, set())) for q, _ in queries]
        )
    )
    # Baselines: plain cosine over the verified claims alone, and with their titles.
    q_vectors = matching.unit(encoder.encode([t for _, t in queries]))
    figures = {"queries": len(queries), "map5": model}
    for name, texts in (
        ("cosine_claim_only", [v.claim for v in verified]),
        ("cosine_title_and_claim", [matching.memory_text(v.claim, v.title) for v in verified]),
    ):
        sims = q_vectors @ matching.unit(encoder.encode(texts)).T
        aps = []
        for (q, _), row in zip(queries, sims, strict=True):
            top = [verified[i].id for i in np.argsort(-row)[:5]]
            aps.append(average_precision_at(top, qrels.get(q, set())))
        figures[name] = float(np.mean(aps))
    return figures


def _fmt(t) -> str:
    p, r, f = t
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def _best(pair) -> str:
    f1, cut = pair
    return f"F1 {f1:.3f} (at {cut:.3f})"


def run(quick: bool = False) -> dict:
    _setup()
    encoder = data.CachedEncoder()
    figures = {}
    m = figures["mrpc"] = mrpc(encoder, quick)
    print(f"   MRPC test ({m['pairs']} pairs), same-claim decision (match_pairs):")
    print(f"     automatic              {_fmt(m['auto'])}   (target F1 >= 0.85 at P >= 0.80)")
    wide = _fmt(m["auto_plus_suggestions"])
    print(f"     automatic + suggested  {wide}   ({m['suggested']} suggested)")
    cut, t = m["cosine_train_threshold"]
    print(f"     baseline cosine >= {cut:.3f} (chosen on train)  {_fmt(t)}")
    print(f"     baseline cosine, best threshold on test  {_best(m['cosine_best_on_test'])}")
    c = figures["claimmatch"] = claimmatch(encoder, quick)
    print(f"   ClaimMatch held-out half ({c['pairs']} pairs):")
    auto = _fmt(c["memory_model_auto"])
    print(f"     memory model automatic   {auto}   (target R >= 0.90 at P >= 0.95)")
    print(f"     memory model + suggested {_fmt(c['memory_model_with_suggestions'])}")
    print(f"     pair model automatic     {_fmt(c['pair_model_auto'])}")
    print(f"     pair model + suggested   {_fmt(c['pair_model_with_suggestions'])}")
    cut, t = c["cosine_train_threshold"]
    print(f"     baseline cosine >= {cut:.3f} (chosen on train half)  {_fmt(t)}")
    print(f"     baseline cosine, best threshold on test  {_best(c['cosine_best_on_test'])}")
    k = figures["clef"] = clef(encoder, quick)
    print(f"   CLEF 2020 Task 2 test ({k['queries']} tweets), MAP@5:")
    print(f"     match_claims (memory model)    {k['map5']:.3f}   (target >= 0.95)")
    print(f"     baseline cosine, claim only    {k['cosine_claim_only']:.3f}")
    print(f"     baseline cosine, title + claim {k['cosine_title_and_claim']:.3f}")
    return figures
