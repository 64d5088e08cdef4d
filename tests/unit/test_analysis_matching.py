"""The same-claim features, the stored model and the vector index, on made-up sentences."""

import json

import numpy as np
import pytest

from claims.analysis import matching
from claims.analysis.memory import VectorIndex


def info(text):
    return matching.prepare(text)


def test_clean_drops_links_handles_and_a_post_signature():
    post = (
        "The mayor closed every school in town https://t.co/xyz #schools "
        "— Jane Roe (@janeroe) March 3, 2021"
    )
    assert matching.clean(post) == "The mayor closed every school in town schools"


def test_memory_text_puts_the_title_first_once():
    assert matching.memory_text("Bridges were closed.", "Were bridges closed?") == (
        "Were bridges closed?. Bridges were closed."
    )
    assert matching.memory_text("Bridges were closed.", "bridges were closed.") == (
        "Bridges were closed."
    )


def test_names_skip_the_capital_that_opens_a_sentence():
    assert info("The governor met Alvarez in Lisbon.").names == ("alvarez", "lisbon")


def test_numbers_in_digits_and_words_agree():
    assert info("Ten ships sailed.").numbers == info("10 ships sailed.").numbers
    assert info("Prices rose 25% last year.").numbers == {"25%"}


def test_differences_negation_number_and_roles():
    a = info("Yesterday Harlow defeated Okafor in the final in Madrid.")
    b = info("Yesterday Okafor defeated Harlow in the final in Madrid.")
    assert matching.differences(a, b) == [matching.ROLES]
    passive = info("Yesterday Okafor was defeated by Harlow in the final in Madrid.")
    assert matching.ROLES not in matching.differences(a, passive)
    c = info("The minister said the plant will close in 2026.")
    d = info("The minister said the plant will not close in 2026.")
    assert matching.differences(c, d) == [matching.NEGATION]
    e = info("The port handled 40 ships last week.")
    f = info("The port handled 55 ships last week.")
    assert matching.differences(e, f) == [matching.NUMBER]
    assert matching.differences(e, info("The port handled 40 ships last week.")) == []


def test_features_are_symmetric_and_named():
    a = info("The council approved the new budget on Monday after a long debate.")
    b = info("On Monday the council approved the budget.")
    idf = matching.Idf(100, {"council": 3, "budget": 5})
    one = matching.features(a, b, 0.9, idf)
    assert len(one) == len(matching.FEATURES)
    assert one == pytest.approx(matching.features(b, a, 0.9, idf))
    named = dict(zip(matching.FEATURES, one, strict=True))
    assert named["cosine"] == 0.9
    assert 0 < named["idf_jaccard"] < 1 and named["idf_cover_max"] == pytest.approx(1.0)


def test_exported_trees_reproduce_scikit_learn():
    from sklearn.ensemble import GradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 3))
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(int)
    model = GradientBoostingClassifier(n_estimators=20, max_depth=2, random_state=0).fit(x, y)
    prior = y.mean()
    trees = matching.Trees.from_dict(
        {
            "base": float(np.log(prior / (1 - prior))),
            "rate": 0.1,
            "trees": [
                {
                    "left": e.tree_.children_left.tolist(),
                    "right": e.tree_.children_right.tolist(),
                    "feature": e.tree_.feature.tolist(),
                    "threshold": e.tree_.threshold.tolist(),
                    "value": e.tree_.value[:, 0, 0].tolist(),
                }
                for (e,) in model.estimators_
            ],
        }
    )
    assert np.allclose(trees.log_odds(x), model.decision_function(x), atol=1e-6)
    again = matching.Trees.from_dict(json.loads(json.dumps(trees.to_dict())))
    assert np.allclose(again.log_odds(x), trees.log_odds(x))


def test_the_shipped_model_loads_and_orders_its_cut_offs():
    matcher = matching.load()
    for model in (matcher.pair, matcher.memory):
        assert model.features == matching.FEATURES
        assert 0 < model.suggest <= model.same < 1
        assert model.decide(model.same) == matching.SAME
        if model.suggest < model.same:  # an empty band: no pair is left to a reviewer
            assert model.decide(model.suggest) == matching.SUGGEST
        assert model.decide(model.suggest - 1e-6) == matching.DIFFERENT


def _unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_shipped_pair_model_prefers_a_retelling_to_another_claim():
    matcher = matching.load()
    claim = info("The council approved the new budget on Monday after a long debate.")
    retold = info("On Monday, after a long debate, the council approved the new budget.")
    other = info("Flooding closed two roads north of the city on Monday.")
    base = _unit(np.arange(1, 9))
    near = _unit(base + 0.05)
    far = _unit(np.roll(base, 4) - base)
    cos_near, cos_far = float(base @ near), float(base @ far)
    same, different = matcher.score(
        matcher.pair, [(claim, retold, cos_near), (claim, other, cos_far)]
    )
    assert same > matcher.pair.same > different


@pytest.mark.parametrize("hnsw", [False, True])
def test_vector_index_nearest_first_and_round_trip(hnsw):
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(500, 16)).astype(np.float32)
    index = VectorIndex(16, hnsw=hnsw)
    index.add(np.arange(1000, 1500), vectors)
    ids, sims = index.search(vectors[[7, 42]] * 3.0, 5)  # scale does not matter: cosine
    assert ids[:, 0].tolist() == [1007, 1042]
    assert np.allclose(sims[:, 0], 1.0, atol=1e-5) and (np.diff(sims, axis=1) <= 1e-6).all()
    copy = VectorIndex.from_bytes(index.to_bytes())
    assert copy.kind == index.kind and len(copy) == 500
    assert copy.search(vectors[[7]], 1)[0].tolist() == [[1007]]


def test_vector_index_rejects_other_dimensions_and_handles_empty():
    index = VectorIndex(8)
    assert index.search(np.ones((1, 8)), 3)[0].shape == (1, 0)
    with pytest.raises(ValueError):
        index.add([1], np.ones((1, 4)))


def test_two_people_named_around_different_words_are_no_role_swap():
    a = info("Speaking for Harlow, Okafor read the statement to the press on Monday.")
    b = info(
        "Okafor met reporters on Monday; the statement had been drafted for them "
        "by staff of Harlow."
    )
    assert matching.ROLES not in matching.differences(a, b)
    c = info(
        "According to Harlow, whose office sent the note, the minister Okafor "
        "had already resigned."
    )
    d = info("Okafor resigned, Harlow said on Monday in a note.")
    assert matching.ROLES not in matching.differences(c, d)
