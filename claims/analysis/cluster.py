"""Stories and claim clusters.

Two levels, both local:

* an article's story is decided in claims.analysis.stories (names, terms,
  meaning and time); here only the vectors a story merge needs;
* inside a story, claims that say the same thing in different articles are
  clustered (`cluster_claims`): average-linkage agglomeration over a story
  score (embedding cosine plus agreement of the slots plus shared wording):
  pairs above AUTO_THRESHOLD join; between SUGGEST_THRESHOLD and
  AUTO_THRESHOLD the learned pair model (analysis.matching, the decision
  `manage.py match_pairs` prints) decides -- "same" joins, "suggest" is
  offered to reviewers, whose answers are hard constraints, "different" stays
  apart. The thresholds are settings (matching.MatchConfig).

Thresholds were chosen on the demo corpus (five outlets, one event, all
sentences about the same framework, so it is the hard case: everything is
topically close). See the comments on each constant for the measurements.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from claims.analysis import matching
from claims.analysis.normalise import dateline_end, norm, short_hash, tokens
from claims.analysis.types import ArticleInfo, ClaimInput, MatchDecision, Suggestion
from claims.analysis.wire import shingles

# --- stories -----------------------------------------------------------------


def normalise(vector: np.ndarray) -> np.ndarray:
    vector = np.asarray(vector, dtype=np.float32)
    length = float(np.linalg.norm(vector))
    return vector / length if length > 0 else vector


def article_vector(embeddings: list[np.ndarray], weights: list[float] | None = None):
    """Weighted mean of an article's claim embeddings, normalised; None if empty."""
    if not embeddings:
        return None
    matrix = np.vstack([np.asarray(e, dtype=np.float32) for e in embeddings])
    w = np.ones(len(matrix), dtype=np.float32) if weights is None else np.asarray(weights)
    w = np.clip(w.astype(np.float32), 0.05, None)
    return normalise((matrix * w[:, None]).sum(axis=0))


def merged_centroid(parts: list[tuple[np.ndarray, int]]) -> np.ndarray | None:
    parts = [(c, n) for c, n in parts if c is not None]
    if not parts:
        return None
    return normalise(sum(np.asarray(c, dtype=np.float32) * max(n, 1) for c, n in parts))


# --- claims ------------------------------------------------------------------

# Pair score = cosine + SLOT_WEIGHT * (IDF-weighted Jaccard of the claims'
# content terms, people, numbers and non-dateline places). Chosen on the demo
# corpus (94 claims, 3,431 cross-article pairs; 52 pairs hand-labelled as the
# same claim -- the signing told in each lead, every shared quote, paraphrases
# like "aims to guide the entire spectrum" / "provide policy direction to the
# entire spectrum"). Every sentence there is about one framework, so it is the
# hard case:
#   cosine alone:      same-claim min 0.56 / median 0.78; other pairs max 0.83
#                      -> at 0.84 only 16/52 same pairs, 0 others
#   cosine + 0.35*J:   same-claim p10 0.79 / median 0.91; other pairs p99 0.77,
#                      max 0.89 -> at 0.86: 35/52 same, 5 others (pairs such
#                      as two different Rajnath quotes about the framework)
# AUTO 0.86 joins automatically; 0.76 (just under the others' p99) to 0.86 is
# the grey zone offered to reviewers, which holds most remaining same pairs.
# A cluster joins another when their average score reaches JOIN_AVERAGE and at
# least one pair between them reaches AUTO (average linkage alone splits the
# five lead sentences of the signing, which share the fact but not the framing:
# their average is 0.74-0.76, one pair 1.03).
SLOT_WEIGHT = 0.35
# Shared wording: most of the shorter claim's word 4-grams appear in the other.
# One outlet carries another's sentence inside its own frame or cut short: on
# the demo corpus "Our defence ties have never been stronger" against
# '"...stronger," Hegseth wrote on X' (cosine 0.78, pair score 0.83) and a post
# quoted whole by Outlet 002 and truncated after its first clause by Outlet 003
# (cosine 0.62, score 0.76), both 1.0 contained; two different claims sharing a
# stock phrase ("the 10-year Framework for the US-India Major Defence
# Partnership") stay under 0.5, as a stock phrase is a small part of a sentence.
SHARED_GRAM = 4
SHARED_MIN_GRAMS = 3  # the shorter claim has at least 6 words
SHARED_CONTAINMENT = 0.8
SHARED_WEIGHT = 0.3
# A 4-gram found in this many claims is boilerplate, not evidence of copying.
SHARED_MAX_CLAIMS = 50
# Defaults of settings MATCH_STORY_AUTO / _SUGGEST / _JOIN (matching.MatchConfig).
AUTO_THRESHOLD = matching.MatchConfig.story_auto
SUGGEST_THRESHOLD = matching.MatchConfig.story_suggest
JOIN_AVERAGE = matching.MatchConfig.story_join

STOP = {
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "for",
    "with",
    "by",
    "at",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "will",
    "would",
    "has",
    "have",
    "had",
    "it",
    "its",
    "this",
    "that",
    "their",
    "his",
    "her",
    "our",
    "we",
    "he",
    "she",
    "they",
    "from",
    "also",
    "both",
    "two",
    "said",
    "which",
    "who",
    "between",
    "during",
    "into",
    "over",
    "after",
    "new",
}


# Headline verbs and nouns that name one act: "ink a pact", "seal a deal" and
# "sign an agreement" are the same claim.
SYNONYMS = {
    "signing": "sign",
    "ink": "sign",
    "seal": "sign",
    "formalize": "sign",
    "formalise": "sign",
    "conclude": "sign",
    "pact": "agreement",
    "deal": "agreement",
    "accord": "agreement",
    "treaty": "agreement",
    "talk": "meeting",
    "meet": "meeting",
}


def claim_terms(claim: ClaimInput) -> set[str]:
    """Content terms of a claim: key terms, people's surnames, numbers, places."""
    data = claim.data
    terms = {norm(t) for t in data.key_terms if norm(t)}
    if not terms:
        terms = {t for t in tokens(data.text) if t not in STOP and len(t) > 2}
    terms = {SYNONYMS.get(t, t) for t in terms}
    # A dateline ("New Delhi, Nov. 1 --") says where the piece was filed, not the claim.
    cut = dateline_end(data.text)
    if cut:
        terms -= set(tokens(data.text[:cut]))
    for p in data.people:
        parts = tokens(p.canonical or p.name)
        if parts:
            terms.add("person:" + parts[-1])
    for n in data.numbers:
        terms.add(f"num:{n.value:g}:{n.unit}")
    for place in data.places:
        if not place.is_dateline:
            terms.add("place:" + norm(place.norm or place.text))
    return {t for t in terms if t and t not in STOP}


def term_overlap(claims: list[ClaimInput]) -> np.ndarray:
    """IDF-weighted Jaccard of content terms, IDF over the story's claims."""
    n = len(claims)
    sets = [claim_terms(c) for c in claims]
    df = Counter(t for s in sets for t in s)
    idf = {t: math.log(1 + n / df[t]) for t in df}
    vocab = {t: i for i, t in enumerate(df)}
    matrix = np.zeros((n, len(vocab)), dtype=np.float32)
    for i, s in enumerate(sets):
        for t in s:
            matrix[i, vocab[t]] = idf[t]
    if not vocab:
        return np.zeros((n, n), dtype=np.float32)
    # weighted Jaccard: sum(min) / sum(max)
    out = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        mins = np.minimum(matrix[i], matrix).sum(axis=1)
        den = np.maximum(matrix[i], matrix).sum(axis=1)
        out[i] = np.divide(mins, den, out=np.zeros_like(mins), where=den > 0)
    return out


def pair_scores(claims: list[ClaimInput]) -> np.ndarray:
    """Pair score of every two claims (cosine + slot agreement + shared wording)."""
    if not claims:
        return np.zeros((0, 0), dtype=np.float32)
    dims = next((len(c.embedding) for c in claims if c.embedding is not None), 1)
    matrix = np.vstack(
        [
            normalise(c.embedding) if c.embedding is not None else np.zeros(dims, np.float32)
            for c in claims
        ]
    )
    return (
        matrix @ matrix.T
        + SLOT_WEIGHT * term_overlap(claims)
        + SHARED_WEIGHT * shared_wording(claims)
    )


def shared_wording(claims: list[ClaimInput]) -> np.ndarray:
    """Containment of the shorter claim's word 4-grams in the other, where it is high.

    Zero below SHARED_CONTAINMENT or for claims too short to judge; pairs are
    found through an inverted index of 4-grams, so the cost follows the pairs
    that share wording, not every pair of the story.
    """
    n = len(claims)
    out = np.zeros((n, n), dtype=np.float32)
    grams = [shingles(c.text, SHARED_GRAM) for c in claims]
    index = defaultdict(list)
    for i, found in enumerate(grams):
        if len(found) >= SHARED_MIN_GRAMS:
            for gram in found:
                index[gram].append(i)
    shared = Counter()
    for holders in index.values():
        if len(holders) <= SHARED_MAX_CLAIMS:
            shared.update(combinations(holders, 2))
    for (i, j), count in shared.items():
        share = count / min(len(grams[i]), len(grams[j]))
        if share >= SHARED_CONTAINMENT:
            out[i, j] = out[j, i] = share
    return out


@dataclass
class Clustering:
    groups: list[list[int]]  # indices into the claims list, one list per cluster
    suggestions: list[Suggestion]
    scores: np.ndarray
    # Pairs joined in one cluster whose meaning may still differ (a negation, a
    # figure, two actors swapped): (i, j, kinds), for a flag; never a silent merge.
    differences: list[tuple[int, int, list[str]]] = field(default_factory=list)


def _pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def cluster_claims(
    claims: list[ClaimInput],
    decisions: list[MatchDecision] = (),
    config: matching.MatchConfig | None = None,
    scores: np.ndarray | None = None,
    one_per_article: bool = True,
    matcher: matching.Matcher | None = None,
) -> Clustering:
    """Average-linkage clusters of claims across articles, and grey-zone pairs.

    A cluster holds at most one claim per article (it is one claim as told by
    several articles). In the story score's grey zone the pair model decides
    (`decide_grey`): "same" joins, "suggest" is offered to reviewers,
    "different" is neither. Accepted decisions join their pair whatever the
    score; rejected ones keep the two claims apart.
    """
    n = len(claims)
    if n == 0:
        return Clustering([], [], np.zeros((0, 0)))
    config = config or matching.MatchConfig()
    auto, join = config.story_auto, config.story_join
    s = pair_scores(claims) if scores is None else scores.copy()
    decided = {_pair_key(d.text_hash_a, d.text_hash_b): d.accepted for d in decisions}
    unsure = decide_grey(claims, s, config, matcher)
    by_hash: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_hash.setdefault(c.text_hash, []).append(i)
    cannot = np.zeros((n, n), dtype=bool)
    for (ha, hb), accepted in decided.items():
        for i in by_hash.get(ha, []):
            for j in by_hash.get(hb, []):
                if i == j:
                    continue
                if accepted:
                    s[i, j] = s[j, i] = max(s[i, j], auto + 1.0)
                else:
                    cannot[i, j] = cannot[j, i] = True

    articles = sorted({c.article_id for c in claims})
    col = {a: k for k, a in enumerate(articles)}
    member = np.zeros((n, len(articles)), dtype=bool)  # claim x article
    for i, c in enumerate(claims):
        member[i, col[c.article_id]] = True
    # share[i, j]: clusters i and j hold claims of one article (never merged).
    share = (member.astype(np.int32) @ member.T.astype(np.int32)) > 0
    if not one_per_article:
        share[:] = False
    total = s.astype(np.float64)  # sum of pair scores between clusters
    np.fill_diagonal(total, 0.0)
    strongest = s.astype(np.float64)  # best pair score between clusters
    np.fill_diagonal(strongest, -np.inf)
    size = np.ones(n)
    blocked = cannot.copy()
    alive = np.ones(n, dtype=bool)
    groups = {i: [i] for i in range(n)}
    while True:
        avg = total / np.outer(size, size)
        mask = blocked | share | ~np.outer(alive, alive)
        np.fill_diagonal(mask, True)
        eligible = (avg >= auto) | ((strongest >= auto) & (avg >= join))
        avg = np.where(mask | ~eligible, -np.inf, avg)
        flat = int(np.argmax(avg))
        i, j = divmod(flat, n)
        if not np.isfinite(avg[i, j]):
            break
        # merge j into i
        total[i, :] += total[j, :]
        total[:, i] += total[:, j]
        total[i, i] = 0.0
        total[j, :] = total[:, j] = 0.0
        strongest[i, :] = np.maximum(strongest[i, :], strongest[j, :])
        strongest[:, i] = strongest[i, :]
        strongest[i, i] = -np.inf
        blocked[i, :] |= blocked[j, :]
        blocked[:, i] |= blocked[:, j]
        share[i, :] |= share[j, :]
        share[:, i] |= share[:, j]
        size[i] += size[j]
        alive[j] = False
        groups[i].extend(groups.pop(j))

    result = [sorted(g) for g in groups.values()]
    where = {}
    for gi, g in enumerate(result):
        for i in g:
            where[i] = gi

    # Grey zone: the best undecided pair between two clusters, across articles.
    best: dict[tuple[int, int], tuple[float, int, int]] = {}
    iu, ju = np.nonzero(np.triu(unsure & (s < auto), k=1))
    for i, j in zip(iu.tolist(), ju.tolist(), strict=True):
        ci, cj = claims[i], claims[j]
        if where[i] == where[j] or ci.article_id == cj.article_id:
            continue
        if ci.text_hash == cj.text_hash or _pair_key(ci.text_hash, cj.text_hash) in decided:
            continue
        key = tuple(sorted((where[i], where[j])))
        if key not in best or s[i, j] > best[key][0]:
            best[key] = (float(s[i, j]), i, j)
    # One suggestion per pair of texts: a sentence an article repeats sits in two
    # clusters, and both clusters' best pairs can be the same two texts.
    suggestions, offered = [], set()
    for score, i, j in sorted(best.values(), reverse=True):
        a, b = claims[i], claims[j]
        if a.text_hash > b.text_hash:
            a, b = b, a
        if (a.text_hash, b.text_hash) in offered:
            continue
        offered.add((a.text_hash, b.text_hash))
        suggestions.append(
            Suggestion(a.text_hash, b.text_hash, a.text, b.text, round(score, 4), a.id, b.id)
        )
        if len(suggestions) == config.max_suggestions:
            break
    return Clustering(result, suggestions, s, meaning_differences(claims, result, s, auto))


def decide_grey(
    claims: list[ClaimInput],
    s: np.ndarray,
    config: matching.MatchConfig,
    matcher: matching.Matcher | None = None,
) -> np.ndarray:
    """The pair model's decision (the code of `manage.py match_pairs`) on the pairs
    of different articles in the story score's grey zone: "same" lifts the pair
    to the automatic tier (in place), and the mask returned marks the pairs the
    model is unsure of, the only ones offered to reviewers.

    On the demo story the grey zone holds 29 pairs; the model joins the ones it
    is sure of and leaves a reviewer those between its two cut-offs.
    """
    n = len(claims)
    unsure = np.zeros((n, n), dtype=bool)
    auto, suggest = config.story_auto, config.story_suggest
    grey = [
        (i, j)
        for i, j in zip(*np.nonzero(np.triu((s >= suggest) & (s < auto), k=1)), strict=True)
        if claims[i].article_id != claims[j].article_id
        and claims[i].embedding is not None
        and claims[j].embedding is not None
    ]
    if not grey:
        return unsure
    matcher = matcher or matching.load()
    decided = matching.decide_pairs(
        [matching.clean(claims[i].text) for i, _ in grey],
        [matching.clean(claims[j].text) for _, j in grey],
        np.vstack([claims[i].embedding for i, _ in grey]),
        np.vstack([claims[j].embedding for _, j in grey]),
        matcher,
        config,
    )
    for (i, j), d in zip(grey, decided, strict=True):
        if d.decision == matching.SAME:
            s[i, j] = s[j, i] = auto
        elif d.decision == matching.SUGGEST:
            unsure[i, j] = unsure[j, i] = True
    return unsure


def meaning_differences(
    claims: list[ClaimInput], groups: list[list[int]], scores: np.ndarray, matched: float
) -> list[tuple[int, int, list[str]]]:
    """Pairs of one cluster, scored `matched` or more, whose meaning may differ
    (`matching.differences`: a negation, a figure, two actors swapped)."""
    found = []
    for group in groups:
        for i, j in combinations(group, 2):
            if claims[i].article_id == claims[j].article_id or scores[i, j] < matched:
                continue
            kinds = matching.differences(
                matching.prepare(claims[i].text), matching.prepare(claims[j].text)
            )
            if kinds:
                found.append((i, j, kinds))
    return found


def claim_order(articles: dict[int, ArticleInfo]):
    """Sort key: the earliest-published article first, then sentence order."""

    def key(claim: ClaimInput):
        article = articles.get(claim.article_id)
        published = article.published.timestamp() if article and article.published else math.inf
        return (published, claim.article_id, claim.data.position, claim.id)

    return key


def cluster_fingerprint(anchor: ClaimInput) -> str:
    """A cluster is keyed by its earliest claim's text (the first report of it).

    Later articles joining the cluster do not change it, so verdicts and flags
    attached to the cluster survive re-analysis.
    """
    return short_hash("cluster", anchor.text_hash or norm(anchor.text))
