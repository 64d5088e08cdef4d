"""Where an expected flag was lost (eval.flags.loss_stage), on made-up claims."""

from types import SimpleNamespace

from eval.flags import loss_stage

EXPECTED = {
    "kind": "number_mismatch",
    "values": ["12 goats", "14 goats"],
    "outlets": {"12 goats": ["Alpha"], "14 goats": ["Beta"]},
}


def _claim(id, outlet, text):
    return SimpleNamespace(id=id, outlet=outlet, text=text)


def _data(*claims):
    return SimpleNamespace(claims=list(claims))


def _flag(kind, *pairs):
    return {
        "kind": kind,
        "subject": "",
        "variants": [{"value": v, "outlets": [o], "evidence": []} for v, o in pairs],
    }


ALPHA = _claim(1, "Alpha", "The farmer lost 12 goats in the storm.")
BETA = _claim(2, "Beta", "The farmer lost 14 goats in the storm.")


def test_found_when_a_flag_of_the_kind_carries_both_values():
    flag = _flag("number_mismatch", ("12 goats", "Alpha"), ("14 goats", "Beta"))
    assert loss_stage(EXPECTED, [flag], _data(ALPHA, BETA), {}) == "found"


def test_other_kind_when_only_another_kind_carries_them():
    flag = _flag("date_mismatch", ("12 goats", "Alpha"), ("14 goats", "Beta"))
    assert loss_stage(EXPECTED, [flag], _data(ALPHA, BETA), {}) == "other kind"


def test_no_claim_when_no_claim_of_the_outlets_carries_a_value():
    stray = _claim(3, "Gamma", "The farmer lost 12 goats in the storm.")
    assert loss_stage(EXPECTED, [], _data(stray), {}) == "no claim"


def test_one_side_when_only_one_value_is_in_a_claim():
    assert loss_stage(EXPECTED, [], _data(ALPHA), {}) == "one side"


CLUSTERED = {**EXPECTED, "kind": "place_mismatch"}  # compared within a cluster


def test_apart_when_the_sides_sit_in_different_clusters():
    clusters = {1: "a", 2: "b"}
    assert loss_stage(CLUSTERED, [], _data(ALPHA, BETA), clusters) == "apart"


def test_together_when_the_sides_share_a_cluster():
    clusters = {1: "a", 2: "a"}
    assert loss_stage(CLUSTERED, [], _data(ALPHA, BETA), clusters) == "together"


def _with(claim, people=(), quotes=()):
    person = [SimpleNamespace(name=n, canonical=n) for n in people]
    quoted = [SimpleNamespace(text=t) for t in quotes]
    return SimpleNamespace(**vars(claim), data=SimpleNamespace(people=person, quotes=quoted))


NAMES = {
    "kind": "name_variant",
    "values": ["Ivo Brandt", "Ivo Brant"],
    "outlets": {"Ivo Brandt": ["Alpha"], "Ivo Brant": ["Beta"]},
}
BRANDT = _claim(1, "Alpha", "Police charged Ivo Brandt with theft.")
BRANT = _claim(2, "Beta", "Police charged Ivo Brant with theft.")


def test_story_wide_kinds_are_together_once_both_sides_are_claims_with_the_names():
    data = _data(_with(BRANDT, ["Ivo Brandt"]), _with(BRANT, ["Ivo Brant"]))
    assert loss_stage(NAMES, [], data, {1: "a", 2: "b"}) == "together"


def test_a_name_no_claim_reads_as_a_persons_is_lost_before_the_comparison():
    data = _data(_with(BRANDT, ["Ivo Brandt"]), _with(BRANT))  # NER read no person
    assert loss_stage(NAMES, [], data, {}) == "no person"


def test_a_quote_wording_outside_any_quotation_read_is_unquoted():
    quotes = {**NAMES, "kind": "quote_variant", "values": ["with theft", "with theft."]}
    quotes["outlets"] = {"with theft": ["Alpha"], "with theft.": ["Beta"]}
    data = _data(_with(BRANDT, quotes=["charged Ivo Brandt with theft"]), _with(BRANT))
    assert loss_stage(quotes, [], data, {}) == "unquoted"
    data = _data(_with(BRANDT, quotes=["with theft"]), _with(BRANT, quotes=["with theft"]))
    assert loss_stage(quotes, [], data, {}) == "together"


def _quantity(value, counted, state):
    return SimpleNamespace(
        value=value,
        base=value,
        alternatives=[],
        dimension="count",
        counted=counted,
        state=state,
        where="",
        verb="",
        modifiers=[],
    )


def _typed(claim, *quantities):
    return SimpleNamespace(**vars(claim), data=SimpleNamespace(quantities=list(quantities)))


def test_a_figure_no_claim_types_is_untyped():
    alpha = _typed(ALPHA, _quantity(12, "goat", "dead"))
    beta = _typed(BETA)
    assert loss_stage(EXPECTED, [], _data(alpha, beta), {}) == "untyped"


def test_figures_typed_as_different_things_are_other_key():
    alpha = _typed(ALPHA, _quantity(12, "goat", "dead"))
    beta = _typed(BETA, _quantity(14, "goat", "missing"))
    assert loss_stage(EXPECTED, [], _data(alpha, beta), {}) == "other key"


def test_figures_typed_alike_and_unflagged_are_same_key():
    alpha = _typed(ALPHA, _quantity(12, "goat", "dead"))
    beta = _typed(BETA, _quantity(14, "goat", "dead"))
    assert loss_stage(EXPECTED, [], _data(alpha, beta), {}) == "same key"


def test_false_flags_are_counted_by_the_step_that_raised_them():
    from eval.flags import false_sources

    expected = {"flags": [{"kind": "number_mismatch", "values": ["12", "14"]}]}
    produced = [
        {
            "kind": "number_mismatch",
            "subject": "Figure: ferry",
            "reason": "outlets differ",
            "variants": [{"value": "3", "outlets": ["A"]}, {"value": "9", "outlets": ["B"]}],
        },
        {
            "kind": "number_mismatch",
            "subject": "Figure: people dead",
            "reason": "a figure that moved over time",
            "variants": [{"value": "5", "outlets": ["A"]}, {"value": "6", "outlets": ["B"]}],
        },
        {
            "kind": "number_mismatch",
            "subject": "The ferry sank.",
            "reason": "",
            "variants": [{"value": "12", "outlets": ["A"]}, {"value": "14", "outlets": ["B"]}],
        },
        {"kind": "corroborated", "subject": "x", "reason": "", "variants": []},
    ]
    assert false_sources(produced, expected) == {
        "number_mismatch (story-wide)": 1,
        "number_mismatch (timeline)": 1,
    }
