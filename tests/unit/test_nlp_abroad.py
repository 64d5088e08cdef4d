"""Tolls on pages in other languages (claims.nlp.abroad, claims.analysis.abroad). Made-up text."""

from claims.analysis import abroad, compare
from claims.nlp.abroad import foreign_tolls
from tests.unit.analysis_builders import article
from tests.unit.test_analysis_figures import fig_claim


def _read(text):
    return [(s.text, s.value, s.approx, s.state) for _, _, s in foreign_tolls(text)]


def test_a_toll_is_read_in_each_language_with_its_approximation():
    assert _read("Al menos 31 muertos y 12 heridos en Villanueva.") == [
        ("Al menos 31 muertos", 31, "at_least", "dead"),
        ("12 heridos", 12, "", "injured"),
    ]
    assert _read("Le bilan fait état de 1.204 morts.") == [("1.204 morts", 1204, "", "dead")]
    assert _read("Il bilancio: sette persone uccise.") == [("sette persone uccise", 7, "", "dead")]
    assert _read("Mindestens vier Tote und zwei Vermisste.") == [
        ("Mindestens vier Tote", 4, "at_least", "dead"),
        ("zwei Vermisste", 2, "", "missing"),
    ]


def test_a_toll_risen_to_a_figure_needs_the_sentence_to_say_whose():
    assert _read("El número de fallecidos asciende a 45.") == [("asciende a 45", 45, "", "dead")]
    assert _read("La temperatura sube a 45 grados.") == []


def test_a_year_or_a_figure_of_no_toll_is_not_read():
    assert _read("En 2019 morts et blessés furent nombreux.") == []
    assert _read("El puente de 300 metros cayó.") == []


def test_an_english_page_gives_no_foreign_claim_and_a_spanish_one_does():
    articles = {
        1: article(1, "A", text="At least 20 people were killed in the floods, police said."),
        2: article(2, "B", text="Las inundaciones dejaron al menos 35 muertos en la región."),
    }
    [found] = abroad.foreign_claims(articles)
    assert found.article_id == 2 and found.id < 0
    assert [(q.value, q.state) for q in found.data.quantities] == [(35, "dead")]


def test_a_foreign_toll_joins_the_storys_toll_timeline():
    articles = {
        1: article(1, "A", hours=0, text="At least 20 people were killed in the floods."),
        2: article(
            2, "B", hours=30, text="Las inundaciones dejaron al menos 35 muertos en la región."
        ),
    }
    claims = [fig_claim(1, "A", articles[1].text)] + abroad.foreign_claims(articles)
    _, flags = compare.timeline_flags(claims, articles, [])
    [moved] = flags
    assert {v.value for v in moved.variants} == {"At least 20", "al menos 35 muertos"}


def _distances(text):
    return [(s.value, s.unit, s.counted, s.where) for _, _, s in foreign_tolls(text)]


def test_a_distance_from_a_named_place_is_read_with_its_direction():
    assert _distances("El pueblo está a unos 30 kilómetros al norte de Villalba.") == [
        (30, "kilometre", "from villalba", "north")
    ]
    assert _distances("La mine se trouve à 120 km au sud-est de Pézenas.") == [
        (120, "kilometre", "from pezenas", "southeast")
    ]
    assert _distances("Der Ort liegt rund 40 Kilometer von Lindau entfernt.") == [
        (40, "kilometre", "from lindau", "")
    ]
    # a place named by no name is no place to compare from
    assert _distances("Il relitto è a 50 chilometri dalla costa.") == []


def test_a_quakes_magnitude_is_read_and_an_aftershocks_kept_apart():
    [main] = [s for _, _, s in foreign_tolls("Un sismo de magnitud 6,4 sacudió la región.")]
    assert (main.dimension, main.value, main.counted) == ("magnitude", 6.4, "main shock")
    [other] = [s for _, _, s in foreign_tolls("Une réplique de magnitude 4,8 a suivi.")]
    assert other.counted == "other shock"
    # two shocks in one sentence: which is the main one is not said
    assert foreign_tolls("Zwei Beben der Stärke 5,1 und Stärke 5,9 folgten.") == []


def test_a_foreign_distance_is_compared_with_the_english_pages():
    articles = {
        1: article(1, "A", hours=0, text="The mine is about 20 kilometres from Villalba."),
        2: article(2, "B", hours=1, text="La mina está a 60 kilómetros de Villalba."),
    }
    claims = [fig_claim(1, "A", articles[1].text)] + abroad.foreign_claims(articles)
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"about 20 kilometres", "60 kilómetros de Villalba"}
