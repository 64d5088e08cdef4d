"""The learned second look at number flags (claims.analysis.figure_pairs). Made-up sentences."""

from dataclasses import replace

import pytest

from claims.analysis import figure_pairs, figures
from claims.analysis.matching import Trees
from claims.analysis.run import analyse
from claims.analysis.types import StoryInput
from claims.nlp.language import get_nlp
from claims.nlp.quantities import find_quantities
from tests.unit.analysis_builders import article, claim, person, vec


def fig_claim(article_id, outlet, text, embedding=None):
    quantities = find_quantities(text, 0, get_nlp()(text)[:])
    return claim(article_id, outlet, text, embedding, quantities=quantities)


def reports(*claims):
    articles = {c.article_id: article(c.article_id, c.outlet) for c in claims}
    return figure_pairs.reports_of(claims, articles)


def constant_model(probability_high: bool, cut: float = 0.05) -> figure_pairs.FigureModel:
    """Trees with no tree: every pair gets the base log-odds."""
    return figure_pairs.FigureModel(Trees(5.0 if probability_high else -5.0, 0.1, []), cut, {})


def story(*claims):
    articles = [article(c.article_id, c.outlet, hours=c.article_id) for c in claims]
    return StoryInput(articles=articles, claims=list(claims))


GOATS_A = "The flood drowned 12 goats near the mill."
GOATS_B = "The flood drowned 14 goats near the mill."


def named(row):
    return dict(zip(figure_pairs.FEATURES, row, strict=True))


def number_flags(result):
    return [f for f in result.flags if f.kind == figure_pairs.NUMBER_MISMATCH]


# --- the pairs -------------------------------------------------------------------------


def test_pairs_are_two_outlets_figures_of_one_dimension_that_differ():
    a, b = reports(fig_claim(1, "Alpha", GOATS_A), fig_claim(2, "Beta", GOATS_B))
    assert figure_pairs.comparable(a, b)
    same_outlet = reports(fig_claim(3, "Alpha", GOATS_A), fig_claim(4, "Alpha", GOATS_B))
    assert not figure_pairs.comparable(*same_outlet)
    agreeing = reports(fig_claim(5, "Alpha", GOATS_A), fig_claim(6, "Beta", GOATS_A))
    assert not figure_pairs.comparable(*agreeing)
    other_dimension = reports(
        fig_claim(7, "Alpha", "The river rose 3 metres."),
        fig_claim(8, "Beta", "The river rose for 3 days."),
    )
    assert not figure_pairs.comparable(*other_dimension)


def test_features_read_the_measure_the_values_and_the_context():
    a, b = reports(fig_claim(1, "Alpha", GOATS_A), fig_claim(2, "Beta", GOATS_B))
    row = named(figure_pairs.pair_features(a, b, 0.9, True))
    assert row["same_key"] == 1.0
    assert row["log_ratio"] == pytest.approx(0.154, abs=0.001)  # log(14 / 12)
    assert row["context_overlap"] == 1.0  # the same words around both figures
    assert row["cosine"] == 0.9 and row["same_cluster"] == 1.0
    assert row["days_apart"] == 0.0


def test_undated_reports_have_no_days_apart():
    a, b = reports(fig_claim(1, "Alpha", GOATS_A), fig_claim(2, "Beta", GOATS_B))
    a = figures.FigureReport(a.quantity, a.claim, None)
    row = named(figure_pairs.pair_features(a, b, 0.5, False))
    assert row["days_apart"] == -1.0


# --- the second look ------------------------------------------------------------------


def test_a_number_flag_whose_figures_score_low_is_dropped():
    claims = [fig_claim(1, "Alpha", GOATS_A, vec(0)), fig_claim(2, "Beta", GOATS_B, vec(0))]
    assert number_flags(analyse(story(*claims), figure_model=None))
    assert not number_flags(analyse(story(*claims), figure_model=constant_model(False)))
    assert number_flags(analyse(story(*claims), figure_model=constant_model(True)))


def test_flags_of_other_kinds_and_untyped_figures_are_kept():
    claims = [fig_claim(1, "Alpha", GOATS_A, vec(0)), fig_claim(2, "Beta", GOATS_B, vec(0))]
    flags = analyse(story(*claims), figure_model=None).flags
    for c in claims:
        c.data.quantities = None  # figures of claims extracted before typing
    untyped = analyse(story(*claims), figure_model=None).flags
    low = constant_model(False)
    kept = figure_pairs.second_look(untyped, claims, {}, {}, low)
    assert [f.kind for f in kept] == [f.kind for f in untyped]
    others = [f for f in flags if f.kind != figure_pairs.NUMBER_MISMATCH]
    assert figure_pairs.second_look(others, claims, {}, {}, low) == others


def test_a_flight_number_flag_is_no_figure_for_the_model_to_judge():
    # the sentences' other figures would be the pairs: the identifier flag stays
    claims = [
        fig_claim(1, "Alpha", "Flight 417 was carrying 81 passengers to Tarn.", vec(0)),
        fig_claim(2, "Beta", "Flight 471 was carrying 80 passengers to Tarn.", vec(0)),
    ]
    low = constant_model(False)
    subjects = {f.subject for f in analyse(story(*claims), figure_model=low).flags}
    assert "Figure: flight number" in subjects


def test_an_age_beside_a_name_is_no_figure_for_the_model_to_judge():
    # the name ties the two ages, however differently the sentences go on
    texts = ["The pilot, Ines Moravec, 54, was held overnight.", "Ines Moravec, 45, was arrested."]
    claims = [
        fig_claim(i, outlet, text, vec(i))
        for i, (outlet, text) in enumerate(zip(("Alpha", "Beta"), texts, strict=True), start=1)
    ]
    people = [person("Ines Moravec")]
    for c in claims:
        c.data.people = people
    data = StoryInput(
        articles=[article(c.article_id, c.outlet, c.article_id, c.text) for c in claims],
        claims=claims,
    )
    subjects = {f.subject for f in analyse(data, figure_model=constant_model(False)).flags}
    assert "Age: Ines Moravec" in subjects


def test_one_figure_under_two_units_is_kept_whatever_the_model_says():
    # "6.2 feet" / "6.2 metres": a unit slip, however differently the sentences go on
    claims = [
        fig_claim(1, "Alpha", "The canal peaked at 4.1 feet after a night of rain.", vec(0)),
        fig_claim(2, "Beta", "Locks closed as the canal rose to 4.1 metres.", vec(0)),
    ]
    low = constant_model(False)
    assert number_flags(analyse(story(*claims), figure_model=low))
    claims[1] = fig_claim(2, "Beta", "Locks closed as the canal rose to 3.9 metres.", vec(0))
    assert not number_flags(analyse(story(*claims), figure_model=low))


def test_one_figure_with_two_digits_swapped_is_kept_whatever_the_model_says():
    claims = [
        fig_claim(1, "Alpha", "The 130-metre pier, built in 1950, gave way at dusk.", vec(0)),
        fig_claim(2, "Beta", "The 310-metre pier, which opened in 1950, fell.", vec(0)),
    ]
    low = constant_model(False)
    assert number_flags(analyse(story(*claims), figure_model=low))
    claims[1] = fig_claim(2, "Beta", "The 320-metre pier, which opened in 1950, fell.", vec(0))
    assert not number_flags(analyse(story(*claims), figure_model=low))


def test_one_sum_at_two_scales_is_kept_whatever_the_model_says():
    claims = [
        fig_claim(1, "Alpha", "The judge set bail at $40 million on Monday.", vec(0)),
        fig_claim(2, "Beta", "Bail was set at $40 billion, the court said.", vec(0)),
    ]
    low = constant_model(False)
    assert number_flags(analyse(story(*claims), figure_model=low))
    claims[1] = fig_claim(2, "Beta", "Bail was set at $45 million, the court said.", vec(0))
    assert not number_flags(analyse(story(*claims), figure_model=low))


def test_counts_a_power_of_ten_apart_are_no_slip_of_scale():
    claims = [
        fig_claim(1, "Alpha", "Rescuers pulled one climber from the crevasse.", vec(0)),
        fig_claim(2, "Beta", "Rescuers pulled 10 climbers from the crevasse.", vec(0)),
    ]
    reports = [figures.FigureReport(c.data.quantities[0], c, None, None) for c in claims]
    assert not figure_pairs.scale_slip(*reports)


def test_the_events_death_toll_is_no_figure_for_the_model_to_judge():
    claims = [
        fig_claim(1, "Alpha", "The gale has killed three people since Monday.", vec(0)),
        fig_claim(2, "Beta", "The death toll from the gale rose to seven on Friday.", vec(1)),
    ]
    subjects = {
        f.subject for f in analyse(story(*claims), figure_model=constant_model(False)).flags
    }
    assert "Figure: people dead" in subjects


def test_the_cut_decides():
    claims = [fig_claim(1, "Alpha", GOATS_A, vec(0)), fig_claim(2, "Beta", GOATS_B, vec(0))]
    lenient = replace(constant_model(False), cut=0.001)  # 1 / (1 + e^5) is about 0.0067
    assert number_flags(analyse(story(*claims), figure_model=lenient))


# --- the trained model ------------------------------------------------------------------


def test_the_trained_model_loads_with_these_features():
    model = figure_pairs.load()
    assert model is not None
    assert 0.0 < model.cut < 1.0


def test_the_trained_model_prefers_close_tallies_of_one_thing_to_unrelated_counts():
    model = figure_pairs.load()
    close = reports(
        fig_claim(1, "Alpha", "The blast killed 31 people, officials said."),
        fig_claim(2, "Beta", "The blast killed 34 people, officials said."),
    )
    unrelated = reports(
        fig_claim(3, "Alpha", "The blast killed 31 people, officials said."),
        fig_claim(4, "Beta", "Crews searched 900 homes over the weekend."),
    )
    close_p, unrelated_p = model.probabilities(
        [
            figure_pairs.pair_features(*close, 0.9, True),
            figure_pairs.pair_features(*unrelated, 0.2, False),
        ]
    )
    assert close_p > unrelated_p
    assert close_p >= model.cut > unrelated_p


def test_a_model_trained_on_other_features_is_refused():
    data = constant_model(True).to_dict()
    data["features"] = ["cosine"]
    with pytest.raises(ValueError):
        figure_pairs.FigureModel.from_dict(data)


def test_no_model_file_means_every_flag_is_kept(tmp_path):
    assert figure_pairs.load(str(tmp_path / "absent.json")) is None


def test_how_many_times_someone_was_hit_is_no_figure_for_the_model_to_judge():
    claims = [
        fig_claim(1, "Alpha", "The mayor was shot twice as he left the hall.", vec(0)),
        fig_claim(2, "Beta", "Witnesses said the mayor was shot three times.", vec(1)),
    ]
    low = constant_model(False)
    subjects = {f.subject for f in analyse(story(*claims), figure_model=low).flags}
    assert "Figure: hit" in subjects
