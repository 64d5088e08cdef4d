"""Place names meet themselves whatever kind the tagger gave them (claims.nlp.places)."""

from claims.analysis import stories as core
from claims.nlp.places import place_name, places_in
from claims.nlp.salient import place_keys


def test_a_country_is_one_name_however_it_is_written():
    assert place_name("Chad") == "chad"
    assert place_name("the Republic of Chad") == "chad"
    assert place_name("Chad Republic") == "chad"
    assert place_name("Türkiye") == place_name("Turkey")
    assert place_name("U.K.") == place_name("Britain") == "united kingdom"


def test_a_dateline_names_the_city_before_the_date():
    assert place_name("Nairobi, Mar 3") == "nairobi"
    assert place_name("nairobi, march 3") == "nairobi"


def test_a_city_and_its_country_are_two_places():
    assert places_in("Nairobi, Kenya") == ["nairobi", "kenya"]


def test_accents_fold_and_large_cities_keep_their_english_names():
    assert place_name("Bogotá") == place_name("Bogota")
    assert place_name("Kiev") == place_name("Kyiv")


def test_what_is_not_a_place_in_the_gazetteer_is_no_place():
    assert place_name("Red Cross") is None
    assert place_name("UN") is None
    assert places_in("Nairobi, Red Cross") == []
    assert place_name("") is None


def test_place_keys_join_a_place_the_tagger_took_for_an_organisation():
    keys = place_keys({"o:chad": 2, "g:republic of chad": 1, "o:red cross": 1, "p:chad": 1})
    assert keys == {"g:chad": 3, "o:red cross": 1, "p:chad": 1}


def test_place_keys_split_a_city_and_its_country():
    assert place_keys({"g:nairobi, kenya": 2, "t:flood": 1}) == {
        "g:nairobi": 2,
        "g:kenya": 2,
        "t:flood": 1,
    }


def test_a_place_typed_as_an_organisation_in_a_follow_up_pays_no_place_clash():
    # The first report names the country as a place, the follow-up's tagger took
    # it for an organisation: one place once keyed.
    story = core.StoryProfile(id=0)
    story.add(core.ArticleFeatures(place_keys({"g:chad": 2, "t:coup": 2}), None, None))
    later = place_keys({"o:chad": 1, "o:african union": 1, "t:coup": 1})
    df = {"g:chad": 2, "o:african union": 1, "t:coup": 2}
    article = core.ArticleFeatures(later, None, None)
    on = core.score(article, story, df, 20, core.Weights(place_clash=0.2))
    off = core.score(article, story, df, 20, core.Weights(place_clash=0.0))
    assert on.score == off.score
