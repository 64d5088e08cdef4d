"""`python -m eval.stories_tune build [dev] [ecb] | grid SPEC ...`: tune story weights.

`build` computes each article's features of both sets (the development set
and ECB+, in the stream order eval/stories.py ingests them) with the
pipeline's own code (claim extraction, `claims.nlp.salient`, the embedder on
headline + lead and on the claims) and caches them under `.cache/stories/`
(gitignored): parsing and embedding are the slow part (about 10 minutes), and
the decision itself replays in seconds.

`build fresh6` caches one development split the same way (the held-out ones
are never cached), and `--with fresh5,fresh6` replays such splits beside the
two sets in `grid` and `alone`, to be read, not chosen on.

`alone [N] SPEC ...` replays each development event as a stream of its own,
or N events at a time (a new user's first events: an archive of a dozen or a
hundred articles), and prints BCubed and how many stories an event falls into.

`grid` replays `claims.analysis.stories.single_pass` (the decision the
service makes, candidates from the same key index, the same window) on the
cached features for each SPEC, `field=value,...` over the defaults of
`claims.analysis.stories.Weights` (e.g. `place_clash=0.1,threshold=0.3`; an
empty SPEC: the defaults), and prints BCubed on both halves of both sets. The
weights are chosen on the tune halves alone (ECB+ odd topics, eval/dev/split.json)
by the mean of the two tune-half F1; the report halves are printed beside
them to be read, not chosen on. The figures `make eval` prints come from the
real pipeline, not from this cache (they matched it to the third decimal).
"""

from __future__ import annotations

import pickle
import sys
from dataclasses import replace
from datetime import UTC, datetime

from eval.common import APART
from eval.metrics import bcubed
from eval.stories import ROOT

SETS = ("dev", "ecb")
CACHE = ROOT / ".cache" / "stories"


# Development splits that may be cached and replayed beside the two sets; the
# held-out ones (held, unseen, blind) never are.
DEV_SPLITS = tuple(name for name in APART if name not in ("held", "unseen", "blind"))


def _data(name: str) -> dict:
    """The set as eval/stories.py streams it: ECB+, the dev halves, or one dev split."""
    from eval.stories import dev, ecbplus

    if name == "ecb":
        return ecbplus(False)
    if name == "dev":
        return dev(False)
    if name not in DEV_SPLITS:
        raise SystemExit(f"unknown set {name!r}: one of {', '.join(SETS + DEV_SPLITS)}")
    return dev(False, only=name)


def _records(name: str) -> list[dict]:
    """The set's records in stream order (the order the eval ingests them)."""
    return _data(name)["records"]


def build(name: str) -> None:
    from claims.nlp import embed
    from claims.nlp.extract import extract_article
    from claims.nlp.salient import headline_and_lead, salient
    from claims.nlp.types import ArticleInput

    embedder = embed.get_embedder()
    out = []
    for i, row in enumerate(_records(name)):
        published = _when(row)
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
            print(name, i, flush=True)
    path = CACHE / f"{name}_feats.pkl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        pickle.dump(out, fh)


def _identity(row: dict) -> dict[str, float]:
    """The regex keys of `salient` (storms, magnitudes), recomputed: a cache built before
    a change of those rules still replays them as the pipeline computes them."""
    from claims.nlp.salient import identity_keys, opening

    return dict(identity_keys(row.get("title", ""), opening(row["text"])))


def _when(row: dict) -> datetime | None:
    value = row.get("published")
    if not value:
        return None
    when = datetime.fromisoformat(value)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def load(name: str) -> dict:
    """A cached set as the decision sees it: urls in stream order, features, gold, halves."""
    from claims.analysis import stories as core
    from claims.nlp.extract import THRESHOLD as CHECK_WORTHY
    from claims.nlp.language import detect_language
    from claims.nlp.salient import place_keys

    with open(CACHE / f"{name}_feats.pkl", "rb") as fh:
        cached = pickle.load(fh)
    data = _data(name)
    rows = {r["url"]: r for r in data["records"]}
    articles = []
    for f in cached:
        # only check-worthy claims, as claims.services.stories.compute_features reads them
        pairs = (
            list(zip(f["claim_vecs"], f["scores"], strict=True))
            if f["claim_vecs"] is not None
            else []
        )
        pairs = [(v, s) for v, s in pairs if s >= CHECK_WORTHY]
        claims, scores = [v for v, _ in pairs], [s for _, s in pairs]
        vector = core.article_vector(f["head_vec"], claims, scores if claims else None)
        terms = {**place_keys(f["terms"]), **_identity(rows[f["url"]])}
        row = rows[f["url"]]
        foreign = core.is_foreign(detect_language(f"{row['title']}\n{row['text']}"))
        articles.append(
            core.ArticleFeatures(terms=terms, vector=vector, when=_when(f), foreign=foreign)
        )
    return {
        "name": name,
        "urls": [f["url"] for f in cached],
        "articles": articles,
        "gold": data["gold"],
        "halves": data["halves"],
    }


def weights_of(spec: str):
    """`field=value,...` over the defaults of `claims.analysis.stories.Weights`."""
    from claims.analysis import stories as core

    values = dict(part.split("=") for part in spec.split(",") if part)
    return replace(core.DEFAULT, **{k: float(v) for k, v in values.items()})


def replay(data: dict, weights) -> dict[str, tuple[float, float, float]]:
    """BCubed of each half when the cached stream is replayed with these weights."""
    from claims.analysis import stories as core

    labels = core.single_pass(data["articles"], weights, window_days=core.WINDOW_DAYS)
    predicted = dict(zip(data["urls"], labels, strict=True))
    return {h: bcubed(predicted, data["gold"], urls) for h, urls in data["halves"].items()}


def grid(specs: list[str], extra: tuple[str, ...] = ()) -> None:
    sets = [load(name) for name in SETS + extra]
    for spec in specs:
        weights = weights_of(spec)
        parts = []
        for data in sets:
            scores = replay(data, weights)
            for half in data["halves"]:
                p, r, f = scores[half]
                parts.append(f"{data['name']} {half} P {p:.3f} R {r:.3f} F1 {f:.3f}")
        print(f"{spec or 'defaults'}: " + " | ".join(parts), flush=True)


def alone(data: dict, weights, group: int = 1) -> tuple[float, float, float, float]:
    """Development events replayed as streams of their own, `group` events
    together (by name), the way a new user starts with a few events' coverage:
    BCubed over all the articles and the mean number of stories per event."""
    from claims.analysis import stories as core

    by_event: dict[str, list[int]] = {}
    for i, url in enumerate(data["urls"]):
        by_event.setdefault(data["gold"][url], []).append(i)
    names = sorted(by_event)
    predicted = {}
    for n, first in enumerate(range(0, len(names), group)):
        members = sorted(i for name in names[first : first + group] for i in by_event[name])
        labels = core.single_pass(
            [data["articles"][i] for i in members], weights, window_days=core.WINDOW_DAYS
        )
        for i, label in zip(members, labels, strict=True):
            predicted[data["urls"][i]] = f"{n}|{label}"
    per_event: dict[str, set[str]] = {}
    for url, label in predicted.items():
        per_event.setdefault(data["gold"][url], set()).add(label)
    p, r, f = bcubed(predicted, data["gold"], data["urls"])
    return p, r, f, sum(len(s) for s in per_event.values()) / len(per_event)


def grid_alone(specs: list[str], group: int = 1, extra: tuple[str, ...] = ()) -> None:
    sets = []
    for data in (load(name) for name in SETS + extra):
        index = {u: i for i, u in enumerate(data["urls"])}
        halves = {}
        for half in data["halves"]:
            wanted = set(data["halves"][half])
            urls = [u for u in data["urls"] if u in wanted]
            articles = [data["articles"][index[u]] for u in urls]
            halves[half] = {**data, "urls": urls, "articles": articles}
        sets.append((data["name"], halves))
    what = "each event alone" if group == 1 else f"{group} events at a time"
    print(what)
    for spec in specs:
        weights = weights_of(spec)
        parts = []
        for name, halves in sets:
            for half, part in halves.items():
                p, r, f, mean = alone(part, weights, group)
                parts.append(f"{name} {half} P {p:.3f} R {r:.3f} F1 {f:.3f} ({mean:.2f})")
        print(f"{spec or 'defaults'}: " + " | ".join(parts), flush=True)


def _with(argv: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """`--with fresh5,fresh6`: development splits replayed beside the two sets."""
    if "--with" not in argv:
        return argv, ()
    at = argv.index("--with")
    names = tuple(n for n in argv[at + 1].split(",") if n)
    for name in names:
        if name not in DEV_SPLITS:
            raise SystemExit(f"--with takes development splits only: {', '.join(DEV_SPLITS)}")
    return argv[:at] + argv[at + 2 :], names


def main(argv: list[str]) -> int:
    argv, extra = _with(argv)
    if argv[:1] == ["alone"]:
        group = int(argv[1]) if argv[1:2] and argv[1].isdigit() else 1
        grid_alone(argv[2 if group > 1 or argv[1:2] == ["1"] else 1 :] or [""], group, extra)
        return 0
    if argv[:1] == ["build"]:
        for name in argv[1:] or SETS:
            _data(name)  # an unknown name stops here, before any parsing
            build(name)
    elif argv[:1] == ["grid"]:
        grid(argv[1:] or [""], extra)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
