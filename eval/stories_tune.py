"""`python -m eval.stories_tune build | grid T,N,D,THRESHOLD[,LINK] ...`: tune story weights.

`build` computes each ECB+ article's features with the pipeline's own code
(claim extraction, `claims.nlp.salient`, the embedder on headline + lead and
on the claims) and caches them under `.cache/stories/` (gitignored): parsing
and embedding are the slow part, and the decision itself replays in seconds.

`grid` replays `claims.analysis.stories.single_pass` (the decision the
service makes, candidates from the same key index) on the cached features for
each `terms,names,dense,threshold[,link]` given and prints BCubed on the tune
half (odd topics), the half the weights are chosen on, beside the report half.
The figures `make eval` prints come from the real pipeline, not from this cache.
"""

from __future__ import annotations

import json
import pickle
import sys
from datetime import datetime
from pathlib import Path

from eval.metrics import bcubed
from eval.stories import ECBPLUS, ROOT

CACHE = ROOT / ".cache" / "stories" / "ecb_feats.pkl"


def build(path: Path = CACHE) -> None:
    from claims.nlp import embed
    from claims.nlp.extract import extract_article
    from claims.nlp.salient import headline_and_lead, salient
    from claims.nlp.types import ArticleInput

    embedder = embed.get_embedder()
    rows = [json.loads(line) for line in (ECBPLUS / "ecbplus.jsonl").read_text().splitlines()]
    out = []
    for i, row in enumerate(rows):
        published = datetime.fromisoformat(row["published"]) if row.get("published") else None
        extraction = extract_article(
            ArticleInput(
                text=row["text"],
                title=row.get("title", ""),
                published=published.date() if published else None,
                outlet=row.get("outlet", ""),
            )
        )
        found = salient(row.get("title", ""), row["text"])
        head = headline_and_lead(row.get("title", ""), found.lead)
        texts = [c.text for c in extraction.claims]
        vectors = embedder.encode([head, *texts]) if head else embedder.encode(texts or ["."])
        out.append(
            {
                "url": row["url"],
                "published": row.get("published"),
                "terms": found.terms,
                "head_vec": vectors[0] if head else None,
                "claim_vecs": (vectors[1:] if head else vectors) if texts else None,
                "scores": [c.score for c in extraction.claims],
            }
        )
        if i % 100 == 0:
            print(i, flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        pickle.dump(out, fh)


def grid(specs: list[str], path: Path = CACHE) -> None:
    from claims.analysis import stories as core

    with open(path, "rb") as fh:
        cached = pickle.load(fh)
    gold = json.loads((ECBPLUS / "gold.json").read_text())
    articles = []
    for f in cached:
        claims = list(f["claim_vecs"]) if f["claim_vecs"] is not None else []
        vector = core.article_vector(f["head_vec"], claims, f["scores"] if claims else None)
        when = datetime.fromisoformat(f["published"]) if f["published"] else None
        articles.append(core.ArticleFeatures(terms=f["terms"], vector=vector, when=when))
    urls = [f["url"] for f in cached]
    labels = {u: gold[u]["event"] for u in urls}
    tune = [u for u in urls if int(gold[u]["topic"]) % 2]
    report = [u for u in urls if not int(gold[u]["topic"]) % 2]
    for spec in specs:
        values = [float(x) for x in spec.split(",")]
        weights = core.Weights(
            terms=values[0],
            names=values[1],
            dense=values[2],
            threshold=values[3],
            link=values[4] if len(values) > 4 else 0.0,
        )
        predicted = dict(zip(urls, core.single_pass(articles, weights), strict=True))
        t, r = bcubed(predicted, labels, tune), bcubed(predicted, labels, report)
        print(
            f"{spec}: tune P {t[0]:.3f} R {t[1]:.3f} F1 {t[2]:.3f} | "
            f"report P {r[0]:.3f} R {r[1]:.3f} F1 {r[2]:.3f}",
            flush=True,
        )


def main(argv: list[str]) -> int:
    if argv[:1] == ["build"]:
        build()
    elif argv[:1] == ["grid"] and len(argv) > 1:
        grid(argv[1:])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
