"""claims.analysis.stories: the join / new-story decision on names, terms, meaning and time.

Made-up events only: a river flood in Marlow Creek, its follow-up nine days
later, a river flood elsewhere the same week, and unrelated background news
so the document frequencies mean something.
"""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from claims.analysis import stories as core
from claims.nlp.salient import entity_key, identity_keys, opening, salient

T0 = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)

BACKGROUND = [
    (
        "Harbour council approves new ferry timetable",
        "The Eastgate harbour council approved a new ferry timetable on Monday.\n"
        "Councillor Priya Venkat said crossings to Gull Island would run every hour.",
    ),
    (
        "Orbis Robotics posts record quarterly revenue",
        "Orbis Robotics reported record quarterly revenue of $2 billion.\n"
        "Chief executive Tomas Lindqvist credited warehouse automation contracts.",
    ),
    (
        "Veldhaven wins the national chess championship",
        "Grandmaster Anika Veldhaven won the national chess championship in Brossard.\n"
        "She beat the defending champion in a tense final round.",
    ),
    (
        "School meals programme expanded in Northfold",
        "The Northfold education board expanded its free school meals programme.\n"
        "Board chair Samuel Achebe said 4,000 more pupils would be fed.",
    ),
]
FLOOD = (
    "Tamsin River floods Marlow Creek",
    "The Tamsin River burst its banks in Marlow Creek on Tuesday, flooding 300 homes.\n"
    "Mayor Elena Brightwater said emergency crews evacuated the Willowmere district.\n"
    "Residents of Marlow Creek were moved to shelters overnight.",
)
FOLLOW_UP = (
    "Marlow Creek opens flood relief fund as Tamsin River recedes",
    "Nine days after the Tamsin River flood, Mayor Elena Brightwater opened a relief fund "
    "for Marlow Creek.\n"
    "Families from the Willowmere district began returning to damaged homes.",
)
OTHER_FLOOD = (
    "Oskel River floods Penrith Vale",
    "The Oskel River burst its banks in Penrith Vale on Wednesday, flooding 200 homes.\n"
    "Council leader Daniel Okonkwo said emergency crews evacuated the Ashby Road estate.\n"
    "Residents were moved to shelters overnight.",
)


def features(title, text, when, vector=None):
    return core.ArticleFeatures(terms=salient(title, text).terms, vector=vector, when=when)


@pytest.fixture(scope="module")
def stream():
    arts = [features(t, x, T0 - timedelta(days=3 - i)) for i, (t, x) in enumerate(BACKGROUND)]
    return arts


@pytest.mark.slow  # spaCy parses the articles
def test_a_follow_up_days_later_joins_the_first_report(stream):
    first = features(*FLOOD, T0)
    later = features(*FOLLOW_UP, T0 + timedelta(days=9))
    labels = core.single_pass([*stream, first, later])
    assert labels[-1] == labels[-2]
    assert labels[-1] not in labels[:-2]


YEAR_ON = (
    "Inquiry into Marlow Creek flood blames Tamsin River levee",
    "A year after the Tamsin River flood, an inquiry found the Willowmere district levee "
    "had not been inspected.\n"
    "Mayor Elena Brightwater said Marlow Creek would rebuild the levee.",
)


@pytest.mark.slow
def test_an_inquiry_a_year_on_joins_the_story_inside_the_default_window(stream):
    first = features(*FLOOD, T0)
    later = features(*YEAR_ON, T0 + timedelta(days=380))
    labels = core.single_pass([*stream, first, later], window_days=core.WINDOW_DAYS)
    assert labels[-1] == labels[-2]


@pytest.mark.slow
def test_a_same_kind_event_with_other_places_and_people_is_its_own_story(stream):
    first = features(*FLOOD, T0)
    other = features(*OTHER_FLOOD, T0 + timedelta(days=1))
    labels = core.single_pass([*stream, first, other])
    assert labels[-1] != labels[-2]


@pytest.mark.slow
def test_names_are_keyed_by_kind_and_the_headline_counts_double():
    found = salient(*FLOOD)
    assert found.terms.get("g:marlow creek", 0) >= 2
    assert "p:brightwater" in found.terms
    assert found.lead.startswith("The Tamsin River burst its banks")
    assert found.terms["t:flood"] > found.terms.get("t:shelter", 0)


def test_entity_keys_fold_case_articles_and_possessives():
    assert entity_key("PERSON", "Elena Brightwater's") == "p:brightwater"
    assert entity_key("GPE", "the  Marlow Creek") == "g:marlow creek"
    assert entity_key("DATE", "Tuesday") is None
    assert entity_key("PERSON", "Al") is None


def test_time_costs_score_but_unknown_time_costs_nothing():
    story = core.StoryProfile(id=1)
    story.add(core.ArticleFeatures({"p:brightwater": 2, "t:flood": 3}, None, T0))
    same = {"p:brightwater": 2, "t:flood": 3}
    df, n = {"p:brightwater": 1, "t:flood": 3}, 10
    near = core.score(core.ArticleFeatures(same, None, T0 + timedelta(days=1)), story, df, n)
    far = core.score(core.ArticleFeatures(same, None, T0 + timedelta(days=30)), story, df, n)
    undated = core.score(core.ArticleFeatures(same, None, None), story, df, n)
    assert far.score < near.score < undated.score
    assert undated.gap == 0.0


def test_rare_names_weigh_more_than_common_terms():
    df, n = {"p:brightwater": 1, "t:flood": 40}, 50
    story = core.StoryProfile(id=1)
    story.add(core.ArticleFeatures({"p:brightwater": 1, "t:flood": 1, "t:fund": 1}, None, T0))
    by_name = core.score(core.ArticleFeatures({"p:brightwater": 1}, None, T0), story, df, n)
    by_term = core.score(core.ArticleFeatures({"t:flood": 1}, None, T0), story, df, n)
    assert by_name.score > by_term.score


def test_the_dense_vector_counts_when_both_sides_have_one():
    story = core.StoryProfile(id=1)
    v = np.ones(4, dtype=np.float32) / 2
    story.add(core.ArticleFeatures({"t:flood": 1}, v, T0))
    df, n = {"t:flood": 1}, 5
    alike = core.score(core.ArticleFeatures({"t:flood": 1}, v, T0), story, df, n)
    opposite = core.score(core.ArticleFeatures({"t:flood": 1}, -v, T0), story, df, n)
    assert alike.dense == pytest.approx(1.0)
    assert opposite.score < alike.score


def test_the_key_index_finds_stories_sharing_rare_keys_only():
    index = core.KeyIndex()
    index.put(1, ["p:brightwater", "g:marlow creek"])
    index.put(2, ["p:okonkwo", "g:penrith vale"])
    df, n = {"p:brightwater": 1, "g:marlow creek": 1, "p:okonkwo": 1}, 10
    assert index.candidates({"p:brightwater": 1}, df, n, 5) == [1]
    index.put(1, ["p:okonkwo"])  # a story's keys are replaced, not added to
    assert index.candidates({"p:brightwater": 1}, df, n, 5) == []
    assert sorted(index.candidates({"p:okonkwo": 1}, df, n, 5)) == [1, 2]


def test_a_follow_up_naming_new_people_looks_the_story_up_by_its_most_named_place():
    # the place is in every article so far (lowest IDF); the follow-up's new people
    # and places are rarer and fill the look-up's name keys
    rare = [f"p:newcomer {i}" for i in range(20)] + [f"t:word{i}" for i in range(30)]
    terms = dict.fromkeys(rare, 1) | {"g:marlow creek": 5}
    df = dict.fromkeys(rare, 1) | {"g:marlow creek": 30}
    assert "g:marlow creek" in core.query_keys(terms, df, 30)
    index = core.KeyIndex()
    index.put(7, ["g:marlow creek"])
    assert index.candidates(terms, df, 30, 5) == [7]


def test_article_vector_blends_headline_and_claims():
    head = np.array([1, 0, 0], dtype=np.float32)
    claims = [np.array([0, 1, 0], dtype=np.float32)]
    blended = core.article_vector(head, claims, [0.9])
    assert blended[0] == pytest.approx(blended[1])
    assert core.article_vector(head, []) == pytest.approx(head)
    assert core.article_vector(None, []) is None


def _story(terms, when=T0):
    story = core.StoryProfile(id=1)
    story.add(core.ArticleFeatures(terms, None, when))
    return story


def test_a_page_in_another_language_joins_by_the_names_it_shares():
    story = _story(
        {"o:harbor air": 3, "g:tallow bay": 2, "p:ines moro": 2, "t:ferry": 3, "t:engine": 2}
    )
    df = {k: 1 for k in story.terms}
    # a French report: its words are none of the story's, its names are
    # (the English tagger takes capitalised French words for names too)
    french = {"o:harbor air": 1, "g:tallow bay": 1, "p:selon le capitaine": 2, "o:la compagnie": 2}
    french.update({"t:le": 4, "t:moteur": 3, "t:traversée": 3, "t:passagers": 3, "t:panne": 2})
    df.update({k: 1 for k in french if k not in df})
    article = core.ArticleFeatures(french, None, T0 + timedelta(days=1), foreign=True)
    assert core.best_story(article, [story], df, 20) is not None
    # scored by the share of the story's names it carries (two of three, the
    # heaviest among them), not by its words
    scored = core.score(article, story, df, 20)
    assert scored.terms == 0.0 and 0.6 < scored.names < 0.75
    # a foreign page sharing none of the story's names opens its own
    other = core.ArticleFeatures({"g:penrith vale": 1, "t:le": 3}, None, T0, foreign=True)
    assert core.best_story(other, [story], {**df, "g:penrith vale": 1}, 20) is None
    assert core.is_foreign("fr") and not core.is_foreign("en") and not core.is_foreign("und")


def test_a_same_kind_event_elsewhere_sharing_an_agency_pays_the_place_clash():
    # Two floods, both reported with the same relief agency: the names overlap
    # (so the all-names clash does not fire) but no place is shared.
    story = _story({"g:marlow creek": 2, "o:red cross": 1, "t:flood": 2, "t:river": 1})
    other = {"g:penrith vale": 2, "o:red cross": 1, "t:flood": 2, "t:river": 1}
    df = {"g:marlow creek": 1, "g:penrith vale": 1, "o:red cross": 2, "t:flood": 2, "t:river": 2}
    article = core.ArticleFeatures(other, None, T0 + timedelta(days=1))
    off = core.Weights(place_clash=0.0)
    with_cost = core.score(article, story, df, 20, core.Weights(place_clash=0.2))
    without = core.score(article, story, df, 20, off)
    assert with_cost.score == pytest.approx(without.score - 0.2)
    assert core.best_story(article, [story], df, 20) is None


def test_a_follow_up_naming_one_of_the_places_pays_no_place_clash():
    story = _story({"g:marlow creek": 2, "g:willowmere": 1, "p:brightwater": 1, "t:flood": 2})
    later = {"g:willowmere": 1, "g:tamsin": 1, "p:brightwater": 1, "t:fund": 1, "t:flood": 1}
    df = {k: 1 for k in {**story.terms, **later}}
    article = core.ArticleFeatures(later, None, T0 + timedelta(days=9))
    on = core.score(article, story, df, 20, core.Weights(place_clash=0.2))
    off = core.score(article, story, df, 20, core.Weights(place_clash=0.0))
    assert on.score == pytest.approx(off.score)
    assert core.best_story(article, [story], df, 20) is not None


def test_a_place_name_cut_short_is_the_place_it_begins_but_a_last_word_is_not():
    story = _story({"g:marlow creek": 2, "p:brightwater": 1, "t:flood": 2})
    df = {"g:marlow creek": 1, "g:marlow": 1, "g:creek": 1, "p:brightwater": 1, "t:flood": 2}
    weights = core.Weights(place_clash=0.2)
    off = core.Weights(place_clash=0.0)
    cut = core.ArticleFeatures({"g:marlow": 1, "p:brightwater": 1, "t:flood": 2}, None, T0)
    assert core.score(cut, story, df, 20, weights).score == pytest.approx(
        core.score(cut, story, df, 20, off).score
    )
    last = core.ArticleFeatures({"g:creek": 1, "p:brightwater": 1, "t:flood": 2}, None, T0)
    assert core.score(last, story, df, 20, weights).score == pytest.approx(
        core.score(last, story, df, 20, off).score - 0.2
    )


def test_no_place_on_one_side_is_no_clash():
    story = _story({"g:marlow creek": 2, "t:flood": 2})
    article = core.ArticleFeatures({"p:brightwater": 1, "t:flood": 2}, None, T0)
    df = {"g:marlow creek": 1, "p:brightwater": 1, "t:flood": 2}
    on = core.score(article, story, df, 20, core.Weights(place_clash=0.2))
    off = core.score(article, story, df, 20, core.Weights(place_clash=0.0))
    assert on.score == pytest.approx(off.score)


SAME_AGENCY_FLOOD = (
    "Oskel River floods Penrith Vale; Rivers Authority opens shelters",
    "The Oskel River burst its banks in Penrith Vale on Wednesday, flooding 200 homes.\n"
    "The National Rivers Authority said emergency crews evacuated the Ashby Road estate.\n"
    "Council leader Daniel Okonkwo said residents were moved to shelters overnight.",
)
FLOOD_WITH_AGENCY = (
    "Tamsin River floods Marlow Creek; Rivers Authority opens shelters",
    FLOOD[1] + "\nThe National Rivers Authority opened two shelters in Marlow Creek.",
)
AGENCY_FOLLOW_UP = (
    FOLLOW_UP[0],
    FOLLOW_UP[1]
    + "\nThe National Rivers Authority said the Tamsin River was back within its banks.",
)


@pytest.mark.slow
def test_a_flood_elsewhere_told_with_the_same_agency_is_its_own_story(stream):
    first = features(*FLOOD_WITH_AGENCY, T0)
    other = features(*SAME_AGENCY_FLOOD, T0 + timedelta(days=1))
    assert "o:national rivers authority" in first.terms
    assert "o:national rivers authority" in other.terms
    labels = core.single_pass([*stream, first, other])
    assert labels[-1] != labels[-2]


@pytest.mark.slow
def test_a_follow_up_with_the_same_agency_days_later_joins(stream):
    first = features(*FLOOD_WITH_AGENCY, T0)
    other = features(*SAME_AGENCY_FLOOD, T0 + timedelta(days=1))
    later = features(*AGENCY_FOLLOW_UP, T0 + timedelta(days=9))
    labels = core.single_pass([*stream, first, other, later])
    assert labels[-1] == labels[-3]
    assert labels[-2] != labels[-3]


# --- identity keys: a storm's name, a quake's magnitude -----------------------------------

STORM = (
    "Hurricane Orla makes landfall near Port Avery",
    "Hurricane Orla came ashore near Port Avery on Thursday with winds of 120 mph.\n"
    "Governor Ruth Calloway said 40,000 homes in Tolliver County lost power.\n"
    "The National Hurricane Center warned of a storm surge along the Avery coast.",
)
STORM_FOLLOW_UP = (
    "Port Avery counts the cost of Hurricane Orla",
    "Six days after Hurricane Orla, Governor Ruth Calloway toured Port Avery.\n"
    "Crews restored power to most homes in Tolliver County, she said.",
)
NEXT_STORM = (
    "Hurricane Pim heads for the Avery coast two weeks after Orla",
    "Hurricane Pim is expected to reach the Avery coast on Friday, forecasters said.\n"
    "Port Avery is still clearing debris left by Hurricane Orla two weeks ago.\n"
    "The National Hurricane Center said Hurricane Pim could bring a storm surge of ten feet.",
)


def test_identity_keys_name_the_storm_and_the_magnitude():
    found = identity_keys(
        "6. 1 - magnitude quake strikes Dunmore",
        "A magnitude-6.2 quake, the National Hurricane Center said of Tropical Storm Pim.",
    )
    assert found["k:mag:6.1"] == 2  # the headline counts double
    assert found["k:mag:6.2"] == 1
    assert found["k:storm:pim"] == 1
    assert "k:storm:center" not in found


def test_a_storm_recalled_past_the_opening_is_not_a_key():
    text = "Hurricane Pim reached the Avery coast on Friday.\n" + "Crews worked all night.\n" * 40
    found = identity_keys("", opening(text + "It was the worst since Hurricane Orla."))
    assert set(found) == {"k:storm:pim"}


def test_the_main_storm_is_the_one_stated_most():
    # A story about one storm that recalls another is still about the first.
    story = {"k:storm:pim": 4, "k:storm:orla": 1}
    assert core.main_key(story, "k:storm:") == "pim"
    assert core.storm_clash({"k:storm:orla": 3}, story)
    assert not core.storm_clash({"k:storm:pim": 2, "k:storm:orla": 1}, {"k:storm:pim": 3})
    assert not core.storm_clash({"k:storm:orla": 1}, {"t:flood": 2})  # no storm on one side


def test_magnitudes_clash_only_beyond_the_agencies_spread():
    assert not core.magnitude_clash({"k:mag:6.8": 1}, {"k:mag:6.9": 3})  # two agencies
    assert not core.magnitude_clash({"k:mag:7.9": 1}, {"k:mag:7.6": 3})  # a revision
    assert core.magnitude_clash({"k:mag:6.3": 2}, {"k:mag:6.8": 3})
    assert not core.magnitude_clash({"k:mag:6.3": 2}, {"t:quake": 3})


def test_a_story_with_another_storm_pays_the_storm_clash():
    story = _story({"k:storm:orla": 2, "g:port avery": 2, "t:hurricane": 2})
    later = {"k:storm:pim": 2, "k:storm:orla": 1, "g:port avery": 1, "t:hurricane": 2}
    df = {k: 1 for k in {**story.terms, **later}}
    article = core.ArticleFeatures(later, None, T0 + timedelta(days=14))
    on = core.score(article, story, df, 20, core.Weights(storm_clash=0.5))
    off = core.score(article, story, df, 20, core.Weights(storm_clash=0.0))
    assert on.score == pytest.approx(off.score - 0.5)


@pytest.mark.slow
def test_a_storm_follow_up_days_later_joins(stream):
    first = features(*STORM, T0)
    later = features(*STORM_FOLLOW_UP, T0 + timedelta(days=6))
    labels = core.single_pass([*stream, first, later])
    assert labels[-1] == labels[-2]


@pytest.mark.slow
def test_the_next_storm_on_the_same_coast_is_its_own_story(stream):
    first = features(*STORM, T0)
    later = features(*STORM_FOLLOW_UP, T0 + timedelta(days=6))
    other = features(*NEXT_STORM, T0 + timedelta(days=14))
    assert core.main_key(other.terms, "k:storm:") == "pim"
    labels = core.single_pass([*stream, first, later, other])
    assert labels[-1] != labels[-2]
    off = core.single_pass([*stream, first, later, other], core.Weights(storm_clash=0.0))
    assert off[-1] == off[-2]  # places, coast and agency alone would have joined them


def test_a_quake_of_another_magnitude_pays_the_magnitude_clash():
    story = _story({"k:mag:6.4": 2, "g:dunmore": 2, "t:earthquake": 2})
    other = {"k:mag:5.1": 2, "g:dunmore": 1, "t:earthquake": 2}
    revised = {"k:mag:6.5": 2, "g:dunmore": 1, "t:earthquake": 2}
    df = {k: 1 for k in {**story.terms, **other, **revised}}
    weights = core.Weights(magnitude_clash=0.1)
    off = core.Weights(magnitude_clash=0.0)
    for terms, cost in ((other, 0.1), (revised, 0.0)):
        article = core.ArticleFeatures(terms, None, T0 + timedelta(days=3))
        on = core.score(article, story, df, 20, weights).score
        assert on == pytest.approx(core.score(article, story, df, 20, off).score - cost)


def test_two_games_of_one_team_pay_the_score_clash():
    from claims.nlp.salient import identity_keys

    first = identity_keys("Harbor City beat the Rangers 27-20", "")
    second = identity_keys("", "Harbor City lost 17-24 to the Comets on Sunday.")
    assert dict(second) == {"k:score:24-17": 1}
    assert core.score_clash(first, second)
    assert not core.score_clash(first, identity_keys("", "in a 27-20 victory"))
    assert not identity_keys("", "The council voted 7-2; people aged 10-15 were hurt.")
    story = _story({**first, "o:harbor city": 2, "t:game": 2})
    later = {**second, "o:harbor city": 1, "t:game": 2}
    df = {k: 1 for k in {**story.terms, **later}}
    article = core.ArticleFeatures(later, None, T0 + timedelta(days=7))
    on = core.score(article, story, df, 20, core.Weights(score_clash=0.2)).score
    off = core.score(article, story, df, 20, core.Weights(score_clash=0.0)).score
    assert on == pytest.approx(off - 0.2)


def _bare(hours, **terms):
    return core.ArticleFeatures(terms=terms, vector=None, when=T0 + timedelta(hours=hours))


def _merge_stream():
    background = [_bare(0, **{f"t:w{i}": 1, f"t:v{i}": 1, f"p:x{i}": 1}) for i in range(8)]
    first = {"p:elena brightwater": 1, "g:marlow creek": 2, "t:flood": 2, "t:shelter": 1}
    early = {"g:tamsin river": 2, "t:flood": 1, "t:bank": 2, "t:burst": 1}  # no name in common
    both = {**first, **early, "t:bank": 1}
    return [*background, _bare(1, **first), _bare(2, **early), _bare(3, **both)]


def test_an_article_close_to_two_small_stories_merges_them():
    """An early report told apart opened a story of its own; an article that
    scores high against both shows they are one event."""
    apart = core.single_pass(_merge_stream(), replace(core.DEFAULT, merge=0))[-3:]
    assert apart[0] != apart[1] and apart[2] == apart[0]
    assert len(set(core.single_pass(_merge_stream())[-3:])) == 1


def test_a_story_past_the_merge_size_is_not_merged():
    stream = _merge_stream()
    early = stream[-2]
    # the early story grows past STORY_MERGE_SIZE before the bridging article comes
    stream[-1:-1] = [_bare(2.5, **early.terms), _bare(2.6, **early.terms)]
    labels = core.single_pass(stream)
    assert labels[-1] == labels[-5]  # joins the first report's story
    assert labels[-4] == labels[-3] == labels[-2] != labels[-1]  # three articles: kept


def test_an_article_a_month_after_the_story_went_quiet_pays_the_late_cost():
    story = _story({"p:brightwater": 2, "t:flood": 2})
    df = {"p:brightwater": 2, "t:flood": 2}
    weights = core.Weights(late=0.1, late_days=30)
    last = story.last_seen or T0

    def cost(days):
        article = core.ArticleFeatures(
            {"p:brightwater": 1, "t:flood": 1}, None, last + timedelta(days=days)
        )
        on = core.score(article, story, df, 20, weights).score
        off = core.score(article, story, df, 20, replace(weights, late=0.0)).score
        return off - on

    assert cost(20) == pytest.approx(0.0)
    assert cost(45) == pytest.approx(0.1)


@pytest.mark.parametrize(
    "title, text, fresh",
    [
        ("Quake strikes Dunmore", "A strong quake struck Dunmore early on Sunday.", True),
        ("", "Sunday's quake toppled the old bell tower of Dunmore.", True),
        ("", "Two powerful quakes Wednesday struck the hills above Dunmore.", True),
        ("", "Dunmore still counts the cost of the Aug. 24 quake.", False),
        ("", "Prosecutors charged the builder on Monday over the collapsed school.", False),
    ],
)
def test_a_sudden_happening_told_as_this_weeks_news_is_fresh(title, text, fresh):
    found = identity_keys(title, text)
    assert (core.FRESH_KEY in found) is fresh
    article = core.ArticleFeatures(terms=dict(found) | {"t:quake": 1}, vector=None, when=T0)
    assert article.fresh is fresh and core.FRESH_KEY not in article.terms


def test_a_fresh_happening_long_after_the_story_began_pays_the_anew_cost():
    story = _story({"g:dunmore": 2, "t:quake": 2})
    df = {"g:dunmore": 2, "t:quake": 2}
    weights = core.Weights(anew=0.2, late_days=30)
    first = story.first_seen or T0

    def cost(days, terms):
        article = core.ArticleFeatures(terms, None, first + timedelta(days=days))
        on = core.score(article, story, df, 20, weights).score
        off = core.score(article, story, df, 20, replace(weights, anew=0.0)).score
        return off - on

    fresh = {"g:dunmore": 1, "t:quake": 1, core.FRESH_KEY: 1}
    assert cost(10, fresh) == pytest.approx(0.0)  # the story's own quake, days on
    assert cost(60, fresh) == pytest.approx(0.2)  # another quake two months on
    assert cost(60, {"g:dunmore": 1, "t:quake": 1}) == pytest.approx(0.0)  # a follow-up


QUAKE = (
    "Quake topples bell tower in Dunmore",
    "A strong quake struck Dunmore early on Sunday, toppling the old bell tower.\n"
    "Mayor Ines Calder said rescuers were searching the old town for survivors.",
)
NEXT_QUAKE = (
    "New quake shakes Dunmore",
    "Another strong quake struck the hills above Dunmore on Wednesday, cracking the dam.\n"
    "Engineer Paolo Brandt said the reservoir was being drained as a precaution.",
)


@pytest.mark.slow  # spaCy parses the articles
@pytest.mark.parametrize("days, joins", [(10, True), (60, False)])
def test_a_quake_in_the_same_town_two_months_on_opens_its_own_story(stream, days, joins):
    first = features(*QUAKE, T0)
    second = features(*NEXT_QUAKE, T0 + timedelta(days=days))
    labels = core.single_pass([*stream, first, second])
    assert (labels[-2] == labels[-1]) is joins
    # without the cost the second quake two months on would join the first one's story
    off = core.single_pass([*stream, first, second], replace(core.DEFAULT, anew=0.0))
    assert off[-2] == off[-1]


def _one_event_report(n: int) -> core.ArticleFeatures:
    """One outlet's report of one event: its two names and words, and the
    people and words of the outlet's own (witnesses, officials, colour)."""
    terms = {"p:lena dorsk": 1.0, "g:velmora": 1.0, "bridge": 1.0, "collapse": 1.0}
    terms.update({f"p:witness {n} {i}": 1.0 for i in range(3)})
    terms.update({f"word{n}x{i}": 1.0 for i in range(8)})
    return core.ArticleFeatures(terms=terms, vector=None, when=T0 + timedelta(hours=n))


def test_a_new_users_first_reports_of_one_event_stay_one_story():
    reports = [_one_event_report(n) for n in range(5)]
    # plain IDF over five articles weighs the event's own names as nothing
    plain = core.single_pass(reports, replace(core.DEFAULT, min_docs=0))
    assert len(set(plain)) > 1
    assert core.single_pass(reports) == [0] * 5
    # past min_docs articles the count is the archive's own: plain IDF's decisions
    other = core.ArticleFeatures(
        terms={"p:orla finnegan": 1.0, "g:dunmore": 1.0}, vector=None, when=T0
    )
    stream = [other] * 40 + reports
    small = replace(core.DEFAULT, min_docs=40)
    assert core.single_pass(stream, small) == core.single_pass(stream, replace(small, min_docs=0))


def test_a_story_of_the_same_event_is_related_with_the_names_both_carry():
    flood = core.StoryProfile(
        id=1, terms={"g:marlow creek": 6.0, "p:ada brenn": 4.0, "t:flood": 5.0, "t:levee": 3.0}
    )
    inquiry = core.StoryProfile(
        id=2, terms={"g:marlow creek": 2.0, "p:ada brenn": 3.0, "t:inquiry": 3.0, "t:levee": 2.0}
    )
    other = core.StoryProfile(
        id=3, terms={"g:tarn valley": 5.0, "p:ines varga": 2.0, "t:flood": 4.0, "t:dam": 2.0}
    )
    found = core.related(flood, [flood, inquiry, other], {}, 40)
    assert [r.story_id for r in found] == [2]
    assert set(found[0].shared) == {"marlow creek", "ada brenn"}
    assert found[0].score >= core.RELATED_SCORE
    # a flood elsewhere shares the word, not the event
    assert core.likeness(core.weigh(flood.terms, {}, 40), core.weigh(other.terms, {}, 40)) < (
        core.RELATED_SCORE
    )


def test_the_core_share_counts_the_storys_most_frequent_names_but_no_country():
    story = core.StoryProfile(id=1)
    for _ in range(5):  # every report names the company, the town, the country and a wire
        story.add(
            core.ArticleFeatures({"o:orbis": 1, "g:marlow creek": 1, "g:france": 1}, None, T0)
        )
    story.add(core.ArticleFeatures({"o:reuters": 1, "e:french": 1, "p:ada vell": 1}, None, T0))
    carries_both = core.ArticleFeatures({"o:orbis": 1, "g:marlow creek": 1}, None, T0)
    country_only = core.ArticleFeatures({"g:france": 1, "e:french": 1, "o:reuters": 1}, None, T0)
    assert core.core_share(carries_both, story) > 0.8
    assert core.core_share(country_only, story) == 0.0


def test_the_core_share_counts_only_when_the_meanings_are_close():
    story = core.StoryProfile(id=1)
    v = np.array([1, 0, 0, 0], dtype=np.float32)
    for _ in range(5):
        story.add(core.ArticleFeatures({"o:orbis": 1, "g:marlow creek": 1}, v, T0))
    df, n = {"o:orbis": 40, "g:marlow creek": 40}, 40  # every article names them
    near = np.array([0.8, 0.6, 0, 0], dtype=np.float32)  # cosine 0.8
    far = np.array([0.4, 0.9165, 0, 0], dtype=np.float32)  # cosine 0.4
    terms = {"o:orbis": 1, "g:marlow creek": 1}
    off = replace(core.DEFAULT, core=0.0)
    close = core.ArticleFeatures(terms, near, T0)
    apart = core.ArticleFeatures(terms, far, T0)
    gain = core.score(close, story, df, n).score - core.score(close, story, df, n, off).score
    assert gain == pytest.approx(core.DEFAULT.core)
    assert core.score(apart, story, df, n).score == pytest.approx(
        core.score(apart, story, df, n, off).score
    )


def test_a_foreign_page_carrying_one_of_six_equal_names_joins():
    names = ["o:harbor air", "g:tallow bay", "p:ines moro", "p:jon hale", "o:gull line", "g:orr"]
    story = _story({k: 1 for k in names})
    df = {k: 1 for k in names} | {"t:le": 1}
    one = core.ArticleFeatures({"g:tallow bay": 1, "t:le": 3}, None, T0, foreign=True)
    assert core.score(one, story, df, 20).names == pytest.approx(1 / 6)
    assert core.best_story(one, [story], df, 20) is not None


def test_a_foreign_page_never_joins_a_story_of_foreign_pages_alone():
    # Two Spanish pages of two events: the English tagger reads their articles
    # and words as names ("o:un"), which they share; the second opens its own.
    first = core.ArticleFeatures(
        {"o:un": 4, "g:tallow bay": 1, "t:que": 5}, None, T0, foreign=True
    )
    story = core.StoryProfile(id=1)
    story.add(first)
    df = {"o:un": 2, "g:tallow bay": 1, "t:que": 2}
    second = core.ArticleFeatures({"o:un": 3, "t:que": 4}, None, T0, foreign=True)
    assert story.read == 0
    assert core.best_story(second, [story], df, 20) is None
    # once a page in English joins, its names are read right and count
    story.add(core.ArticleFeatures({"g:tallow bay": 2, "t:flood": 3}, None, T0))
    assert story.read == 1
    third = core.ArticleFeatures({"g:tallow bay": 1, "t:que": 4}, None, T0, foreign=True)
    assert core.best_story(third, [story], df, 20) is not None


def test_foreign_pages_before_any_english_one_fold_into_its_story():
    # two Spanish reports came first, each alone (no foreign page joins a story
    # of such pages alone); the English report that opens the event's story
    # names what they name, and folds them in
    spanish = [
        core.ArticleFeatures({"g:tallow bay": 1, "p:ines moro": 1, "t:que": 4}, None, T0, True),
        core.ArticleFeatures(
            {"g:tallow bay": 1, "p:ines moro": 1, "t:los": 3, "t:del": 2}, None, T0, True
        ),
    ]
    english = core.ArticleFeatures(
        {"g:tallow bay": 2, "p:ines moro": 2, "o:harbor air": 2, "t:ferry": 3, "t:crossing": 2},
        None,
        T0 + timedelta(hours=5),
    )
    other = core.ArticleFeatures({"g:penrith vale": 2, "t:storm": 3}, None, T0)
    labels = core.single_pass([*spanish, other, english])
    assert labels[0] == labels[1] == labels[3] != labels[2]


def test_a_foreign_page_carries_a_storys_name_as_its_words():
    story = _story({"g:penhallow": 3, "p:ines moro": 2, "t:ferry": 3})
    df = {k: 1 for k in story.terms} | {"t:penhallow": 1, "t:le": 1}
    # the English tagger read no name in the Spanish sentence, but its words are the place's
    words = {"t:penhallow": 1, "t:le": 3}
    spanish = core.ArticleFeatures(words, None, T0, foreign=True)
    assert core.score(spanish, story, df, 20).names > 0.5
    assert core.best_story(spanish, [story], df, 20) is not None


def test_short_words_and_a_storys_state_are_no_name_a_foreign_page_carries():
    # "fire" of a "Woolsey Fire" the tagger took for a person is any fire; a state
    # is every story of that state's
    story = _story({"p:fire": 3, "g:california": 3, "t:ferry": 3})
    page = core.ArticleFeatures(
        {"t:fire": 1, "t:california": 1, "t:le": 3}, None, T0, foreign=True
    )
    df = {k: 1 for k in [*story.terms, *page.terms]}
    assert core.score(page, story, df, 20).names == 0.0


def test_a_foreign_page_adds_to_an_english_story_only_the_names_it_shares():
    story = _story({"g:tallow bay": 3, "t:ferry": 3})
    vector = story.vector
    page = {"g:tallow bay": 1, "o:un": 4, "t:que": 5}
    story.add(core.ArticleFeatures(page, np.ones(4, dtype=np.float32), T0, foreign=True))
    assert set(story.terms) == {"g:tallow bay", "t:ferry"} and story.vector is vector
    assert story.count == 2 and story.read == 1


def test_a_foreign_page_carries_a_name_the_tagger_typed_as_another_kind():
    # in a German sentence the English tagger takes the storm for a thing ("e:")
    # where the English reports read a place or a person
    story = _story({"g:orla": 3, "p:orla": 2, "t:ferry": 3})
    page = core.ArticleFeatures({"e:orla": 1, "t:der": 3}, None, T0, foreign=True)
    df = {k: 1 for k in [*story.terms, *page.terms]}
    assert core.score(page, story, df, 20).names == 1.0
    assert core.best_story(page, [story], df, 20) is not None


def test_a_foreign_page_carries_a_name_of_short_words_as_all_its_words():
    story = _story({"g:fox end bay": 3, "t:ferry": 3})
    df = {"g:fox end bay": 1, "t:ferry": 1}
    every = core.ArticleFeatures({"t:fox": 1, "t:end": 1, "t:bay": 1}, None, T0, foreign=True)
    assert core.score(every, story, df, 20).names == 1.0
    # one short word of it is any bay
    one = core.ArticleFeatures({"t:bay": 2, "t:le": 3}, None, T0, foreign=True)
    assert core.score(one, story, df, 20).names == 0.0


def test_two_short_words_of_a_name_are_common_words_not_the_name():
    # "Camp Fire": a page about another fire may write both words
    story = _story({"g:camp fire": 3, "t:ferry": 3})
    page = core.ArticleFeatures({"t:camp": 1, "t:fire": 2, "t:le": 3}, None, T0, foreign=True)
    df = {k: 1 for k in [*story.terms, *page.terms]}
    assert core.score(page, story, df, 20).names == 0.0
    # with one long word, the two are the name: "Lowden Fire"
    long = _story({"g:lowden fire": 3, "t:ferry": 3})
    page = core.ArticleFeatures({"t:lowden": 1, "t:fire": 2}, None, T0, foreign=True)
    assert core.score(page, long, {**df, "g:lowden fire": 1}, 20).names == 1.0


def test_a_foreign_page_looks_its_story_up_by_the_names_its_words_may_be():
    # the story is indexed under its place as the English tagger read it; the
    # German page has it only as a word, and its language's own words, rare in
    # an English archive, fill its usual query keys
    index = core.KeyIndex()
    index.put(7, ["g:penhallow", "t:ferry", "t:crossing"])
    german = {f"t:{w}": 3 for w in GERMAN} | {"t:penhallow": 2}
    df = {k: 1 for k in german} | {"t:penhallow": 9, "g:penhallow": 9}
    assert "t:penhallow" not in core.query_keys(german, df, 40)
    assert index.candidates(german, df, 40, 30) == []
    assert index.candidates(german, df, 40, 30, foreign=True) == [7]


GERMAN = (
    "der die das und nicht mit sich auch auf für ist im dem den von zu ein eine "
    "als nach wie bei aus werden wurde noch hat sind"
).split()
