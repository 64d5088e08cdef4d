"""Article vectors and two-tier claim clustering on plain data."""

import numpy as np
import pytest

from claims.analysis import cluster, matching
from claims.analysis.types import MatchDecision

from .analysis_builders import claim, vec


def test_article_vector_is_weighted_mean():
    v = cluster.article_vector([vec(0), vec(1)], [1.0, 1.0])
    assert np.allclose(v, vec(0, 1), atol=1e-6)
    assert cluster.article_vector([]) is None


def _tilted(base_axis, other_axis, cos):
    v = np.zeros(16, dtype=np.float32)
    v[base_axis] = cos
    v[other_axis] = np.sqrt(1 - cos**2)
    return v


# The pair model asked about a grey-zone pair answers "suggest" whatever the pair.
UNSURE = matching.MatchConfig(same=1.01, suggest=0.0)


def test_two_tiers_auto_cluster_and_grey_zone_suggestion():
    words = ["alpha beta", "alpha gamma", "beta gamma"]
    same = [claim(i, f"O{i}", words[i - 1], _tilted(0, 10 + i, 0.97)) for i in (1, 2, 3)]
    grey = claim(4, "O4", "delta epsilon", _tilted(0, 15, 0.82))
    other = claim(5, "O5", "zeta", vec(9))
    result = cluster.cluster_claims([*same, grey, other], config=UNSURE)
    groups = [{c for c in g} for g in result.groups]
    assert {0, 1, 2} in groups and {3} in groups and {4} in groups
    assert len(result.suggestions) == 1
    s = result.suggestions[0]
    assert cluster.SUGGEST_THRESHOLD <= s.similarity < cluster.AUTO_THRESHOLD
    assert s.text_hash_a < s.text_hash_b


def test_a_repeated_sentence_is_suggested_once():
    # Article 1 says the same sentence twice: the two copies sit in two clusters
    # (one claim per article), and each cluster's best grey-zone pair is the same
    # two texts. One suggestion per pair of texts (the unique key of MatchSuggestion).
    first = claim(1, "A", "The mill reopened on Monday.", vec(0), position=0)
    again = claim(1, "A", "The mill reopened on Monday.", vec(0), position=3)
    other = claim(2, "B", "Work resumed at the mill.", _tilted(0, 12, 0.8))
    result = cluster.cluster_claims([first, again, other], config=UNSURE)
    assert len(result.groups) == 3
    pairs = [(s.text_hash_a, s.text_hash_b) for s in result.suggestions]
    assert pairs == [tuple(sorted((first.text_hash, other.text_hash)))]


def test_reviewer_decisions_are_hard_constraints():
    a = claim(1, "A", "claim a", _tilted(0, 10, 0.9))
    b = claim(2, "B", "claim b", _tilted(0, 11, 0.9))
    grey = claim(3, "C", "claim c", _tilted(0, 12, 0.8))
    rejected = MatchDecision(a.text_hash, b.text_hash, accepted=False)
    result = cluster.cluster_claims([a, b], [rejected])
    assert sorted(map(len, result.groups)) == [1, 1]
    assert result.suggestions == []  # decided pairs are not offered again
    accepted = MatchDecision(grey.text_hash, a.text_hash, accepted=True)
    result = cluster.cluster_claims([a, grey], [accepted])
    assert [len(g) for g in result.groups] == [2]


def test_one_claim_per_article_in_a_cluster():
    v = vec(0)
    claims = [claim(1, "A", "x one", v), claim(1, "A", "x two", v), claim(2, "B", "x three", v)]
    result = cluster.cluster_claims(claims)
    for group in result.groups:
        assert len({claims[i].article_id for i in group}) == len(group)


def test_cluster_fingerprint_is_the_anchor_text():
    a = claim(1, "A", "India and the US signed a framework.")
    b = claim(9, "B", "India and the US signed a framework.")
    assert cluster.cluster_fingerprint(a) == cluster.cluster_fingerprint(b)


def test_a_sentence_carried_inside_another_frame_or_cut_short_clusters():
    # Demo corpus: cosine 0.62 and 0.78, under the automatic threshold on their own.
    post = claim(1, "O2", "Had a fruitful meeting with my US counterpart @SecWar in Kuala Lumpur.")
    cut = claim(2, "O3", '"Had a fruitful meeting with my US counterpart.')
    quote = claim(3, "O2", "Our defense ties have never been stronger.”")
    framed = claim(4, "O3", "“Our defence ties have never been stronger”, the Secretary added.")
    claims = [post, cut, quote, framed]
    vectors = [_tilted(0, 10, 1), _tilted(0, 11, 0.62), _tilted(1, 12, 1), _tilted(1, 13, 0.78)]
    for c, v in zip(claims, vectors, strict=True):
        c.embedding = v
    shared = cluster.shared_wording(claims)
    assert shared[0, 1] == shared[1, 0] == 1.0  # US/UK spelling and quote marks folded
    assert shared[2, 3] == 1.0
    assert shared[0, 2] == 0.0
    groups = [set(g) for g in cluster.cluster_claims(claims).groups]
    assert {0, 1} in groups and {2, 3} in groups


def test_a_stock_phrase_or_a_short_fragment_is_not_shared_wording():
    phrase = "the 10-year Framework for the US-India Major Defence Partnership"
    one = claim(1, "A", f"Officials signed {phrase} in Kuala Lumpur on Friday.")
    two = claim(2, "B", f"Rajnath said {phrase} will usher in a new era of cooperation.")
    short = claim(3, "C", "Ties are strong.")
    longer = claim(4, "D", "Ties are strong, officials said after the talks.")
    shared = cluster.shared_wording([one, two, short, longer])
    assert shared.max() == 0.0


def test_a_match_that_swaps_roles_joins_and_is_reported():
    base = "Yesterday Harlow defeated Okafor in the final of the open in Madrid."
    swapped = "Yesterday Okafor defeated Harlow in the final of the open in Madrid."
    a = claim(1, "A", base, _tilted(0, 10, 1.0))
    b = claim(2, "B", swapped, _tilted(0, 11, 0.98))
    hi = (cluster.AUTO_THRESHOLD + 1) / 2
    scores = np.array([[0, hi], [hi, 0]], dtype=np.float32)
    result = cluster.cluster_claims([a, b], scores=scores)
    assert [sorted(g) for g in result.groups] == [[0, 1]]
    assert result.differences == [(0, 1, [matching.ROLES])]


def test_in_the_grey_zone_the_pair_model_decides():
    text = "The council approved the new budget on Monday after a long debate."
    retold = "On Monday, after a long debate, the council approved the new budget."
    other = "Flooding closed two roads north of the city on Monday."
    grey = (cluster.SUGGEST_THRESHOLD + cluster.AUTO_THRESHOLD) / 2
    claims = [
        claim(1, "A", text, _tilted(0, 10, 1.0)),
        claim(2, "B", retold, _tilted(0, 11, 0.97)),
        claim(3, "C", other, _tilted(0, 12, 0.5)),
    ]
    scores = np.array([[0, grey, 0], [grey, 0, 0], [0, 0, 0]], dtype=np.float32)
    result = cluster.cluster_claims(claims[:2], scores=scores[:2, :2])
    assert [len(g) for g in result.groups] == [2] and result.suggestions == []  # "same"
    result = cluster.cluster_claims(claims[:2], config=UNSURE, scores=scores[:2, :2])
    assert len(result.groups) == 2 and len(result.suggestions) == 1  # "suggest"
    scores = np.array([[0, 0, grey], [0, 0, 0], [grey, 0, 0]], dtype=np.float32)
    result = cluster.cluster_claims(claims, scores=scores)  # "different"
    assert len(result.groups) == 3 and result.suggestions == []


def test_the_grey_zone_decision_is_the_match_pairs_decision():
    claims = [
        claim(1, "A", "The council approved the new budget on Monday.", _tilted(0, 10, 1.0)),
        claim(2, "B", "On Monday the council passed its new budget.", _tilted(0, 11, 0.9)),
    ]
    s = np.full((2, 2), (cluster.SUGGEST_THRESHOLD + cluster.AUTO_THRESHOLD) / 2)
    config = matching.MatchConfig()
    unsure = cluster.decide_grey(claims, s, config)
    [d] = matching.decide_pairs(
        [claims[0].text], [claims[1].text], claims[0].embedding[None], claims[1].embedding[None]
    )
    assert unsure[0, 1] == (d.decision == matching.SUGGEST)
    assert (s[0, 1] == cluster.AUTO_THRESHOLD) == (d.decision == matching.SAME)


def test_the_story_thresholds_come_from_the_config():
    a = claim(1, "A", "claim a", _tilted(0, 10, 1.0))
    b = claim(2, "B", "claim b", _tilted(0, 11, 0.9))
    scores = np.array([[0, 0.7], [0.7, 0]])
    assert len(cluster.cluster_claims([a, b], scores=scores).groups) == 2
    low = matching.MatchConfig(story_auto=0.65, story_suggest=0.5)
    assert len(cluster.cluster_claims([a, b], config=low, scores=scores).groups) == 1


# --- the shipped pair model and story score on real vectors (made-up sentences) ---

BUDGET = "The city council approved the new budget on Monday after a long debate."
CASES = {
    "paraphrase": (
        BUDGET,
        "On Monday, after a long debate, the city council approved the new budget.",
    ),
    "negation": (
        BUDGET,
        "The city council did not approve the new budget on Monday after a long debate.",
    ),
    "number": (
        "The storm killed 40 people across the northern province, officials said.",
        "The storm killed 55 people across the northern province, officials said.",
    ),
    "roles": (
        "Harlow defeated Okafor in the final of the Madrid open on Sunday.",
        "Okafor defeated Harlow in the final of the Madrid open on Sunday.",
    ),
}
FLAGGED = {"negation": matching.NEGATION, "number": matching.NUMBER, "roles": matching.ROLES}


def _embedded(texts):
    from claims.nlp.embed import get_embedder

    vectors = get_embedder().encode(list(texts))
    return [
        claim(i + 1, f"O{i}", t, v) for i, (t, v) in enumerate(zip(texts, vectors, strict=True))
    ]


@pytest.mark.slow  # the embedding model
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_retold_claim_joins_and_a_difference_of_meaning_is_flagged(case):
    result = cluster.cluster_claims(_embedded(CASES[case]))
    assert [sorted(g) for g in result.groups] == [[0, 1]]
    kinds = [k for _, _, found in result.differences for k in found]
    assert kinds == ([FLAGGED[case]] if case in FLAGGED else [])


@pytest.mark.slow
def test_an_unrelated_claim_stays_apart_and_is_not_offered():
    other = "Flooding closed two roads north of the city and cut power to 300 homes."
    result = cluster.cluster_claims(_embedded([BUDGET, other]))
    assert sorted(map(len, result.groups)) == [1, 1]
    assert result.suggestions == [] and result.differences == []


def test_meaning_flags_show_both_sentences_once_per_kind():
    from claims.analysis import compare, run

    a = claim(1, "A", "Yesterday Harlow defeated Okafor in the final of the open in Madrid.")
    b = claim(2, "B", "Yesterday Okafor defeated Harlow in the final of the open in Madrid.")
    [flag] = run.meaning_flags("label", "fp", [(a, b, [matching.ROLES])], [])
    assert flag.kind == compare.ROLE_MISMATCH and flag.cluster_fingerprint == "fp"
    assert {v.value for v in flag.variants} == {a.text, b.text}
    assert {o for v in flag.variants for o in v.outlets} == {"A", "B"}
    already = [run.meaning_flags("label", "fp", [(a, b, [matching.ROLES])], [])[0]]
    assert run.meaning_flags("label", "fp", [(a, b, [matching.ROLES])], already) == []


def test_a_story_with_no_headline_nor_claim_is_titled_by_its_opening_words():
    from claims.analysis.run import story_title
    from claims.analysis.types import ArticleInfo, StoryInput

    def untitled(text):
        return StoryInput(articles=[ArticleInfo(1, "A", title="", text=text)], claims=[])

    text = "\nLa explosión del ducto en Corvale dejó decenas de muertos el viernes por la noche.\n"
    assert story_title(untitled(text), []).startswith("La explosión del ducto en Corvale")
    title = story_title(untitled("palabra " * 40), [])
    assert len(title) <= 121 and title.endswith("…")
    assert story_title(untitled(""), []) == "Untitled story"
