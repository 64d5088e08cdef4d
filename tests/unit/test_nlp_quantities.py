"""Typed quantities (claims.nlp.quantities) on made-up sentences."""

import pytest

from claims.nlp.language import get_nlp
from claims.nlp.quantities import find_quantities


def quantities(text):
    return find_quantities(text, 0, get_nlp()(text)[:])


def only(text):
    [q] = quantities(text)
    return q


def test_count_with_what_it_counts_and_its_state():
    q = only("At least 14 villagers were killed when the bridge gave way.")
    assert (q.value, q.dimension, q.approx) == (14, "count", "at_least")
    assert (q.counted, q.state) == ("villager", "dead")


def test_death_toll_rising_to_a_figure_counts_people_dead():
    q = only("The death toll from the flood rose to 63 on Monday.")
    assert (q.value, q.counted, q.state) == (63, "people", "dead")


def test_a_joined_verb_with_a_dozen_of_its_own_counts_apart():
    dead, hurt = quantities("At least 9 hikers were killed and a dozen more injured by the slide.")
    assert (dead.value, dead.state) == (9, "dead")
    assert (hurt.value, hurt.state) == (12, "injured")


@pytest.mark.parametrize("verb", ["murdered", "massacred", "slew"])
def test_a_killers_verb_counts_the_dead(verb):
    q = only(f"Prosecutors say the man {verb} 7 guests at the inn.")
    assert (q.value, q.state) == (7, "dead")


@pytest.mark.parametrize(
    "text",
    [
        # a wire dateline is parsed as a first subject of the lead's verb
        "CORVALE (Reuters) — The death toll from a landslide in the hills north of the "
        "port has risen to 41.",
        "Corvale – The death toll in a fire at a textile warehouse in the old town has "
        "risen to 41 as more of the injured died.",
    ],
)
def test_a_toll_after_a_dateline_is_still_the_toll(text):
    [q] = [q for q in quantities(text) if q.value == 41]
    assert (q.counted, q.state) == ("people", "dead")


def test_some_of_the_dead_identified_is_the_identification_count():
    q = only("Only 13 of those bodies have so far been identified, the coroner said.")
    assert (q.counted, q.verb) == ("people", "identify")
    # any other part of a group stays untyped
    assert only("Three of the victims were children.").counted == ""


def test_the_number_of_people_who_died_is_the_toll():
    q = only("The number of people who died in the Corvale floods has risen to 94.")
    assert (q.counted, q.state) == ("people", "dead")
    q = only("The number of people who were hurt in the blast rose to 40.")
    assert (q.counted, q.state) == ("people", "injured")


@pytest.mark.parametrize(
    "text, value, state",
    [
        ("Divers found four more bodies, bringing the death toll to 52.", 52, "dead"),
        ("The storm took the toll to 17 on Sunday.", 17, "dead"),
        ("Officials put the number of injured at 130 late on Friday.", 130, "injured"),
        ("Officials revised the fire's death toll down to 42.", 42, "dead"),
    ],
)
def test_a_tally_brought_to_a_figure_counts_that_tally(text, value, state):
    [q] = [q for q in quantities(text) if q.value == value]
    assert (q.counted, q.state) == ("people", state)


@pytest.mark.parametrize(
    "text, value, counted, state",
    [
        ("The toll kept climbing, passing 2,400 by the evening.", 2400, "people", "dead"),
        ("The death toll continued to rise, reaching 2,400 on Tuesday.", 2400, "people", "dead"),
        ("The quake struck at dawn, destroying 2,400 homes.", 2400, "home", ""),
        ("Officials revised a toll of 310 announced on Monday.", 310, "people", "dead"),
        ("The number of dead stood at 40 on Sunday evening.", 40, "people", "dead"),
        ("The rebels marched north with a 12,000-strong militia.", 12000, "soldier", ""),
        ("The rebels marched north with 12,000 fighters.", 12000, "soldier", ""),
    ],
)
def test_tallies_and_forces_however_phrased(text, value, counted, state):
    [q] = [q for q in quantities(text) if q.value == value]
    assert (q.dimension, q.counted, q.state) == ("count", counted, state)


@pytest.mark.parametrize(
    "text, value, counted",
    [
        ("The ferry sank with 40 passengers and five crew members aboard.", 5, "crew"),
        ("Three family members were questioned on Monday.", 3, "family member"),
        ("Two members of the same family were questioned.", 2, "family member"),
        ("The board has nine members.", 9, "member"),
        ("The victims came from 14 nations.", 14, "country"),
    ],
)
def test_what_members_are_members_of(text, value, counted):
    [q] = [q for q in quantities(text) if q.value == value]
    assert q.counted == counted


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 14 people were transported to hospital.",
        "Officials said 14 people were taken to hospital.",
        "Officials said 14 people were rushed to nearby hospitals.",
        "Officials said 14 people were hospitalised overnight.",
    ],
)
def test_sent_to_hospital_however_told_is_one_tally(text):
    q = only(text)
    assert (q.counted, q.state, q.verb, q.where) == ("people", "hospitalised", "", "")


@pytest.mark.parametrize(
    "text", ["Now the 71-year old was charged on Monday.", "The 12-years-old twins were hurt."]
)
def test_an_age_written_year_old_is_no_duration(text):
    assert not [q for q in quantities(text) if q.dimension == "duration"]


def test_fans_hurt_are_people_hurt():
    q = only("Lawyers said 310 fans were injured in the crush.")
    assert (q.counted, q.state) == ("people", "injured")


def test_a_total_brought_to_a_figure_is_no_tally():
    q = only("The chain brought the total to 12 stores this year.")
    assert q.counted == "store" and q.state == ""


def test_where_they_were_on_board_or_on_the_ground():
    q = only("Seventeen people on the ground were injured by falling debris.")
    assert (q.value, q.counted, q.state, q.where) == (17, "people", "injured", "ground")


def test_passengers_and_crew_are_counted_apart():
    found = quantities("The ferry carried 310 passengers and 22 crew.")
    assert [(q.value, q.counted) for q in found] == [(310, "passenger"), (22, "crew")]


@pytest.mark.parametrize(
    "text, value",
    [
        ("Some 2,50,000 pilgrims gathered at the ghats.", 250_000),
        ("Officials counted 3.5 lakh visitors over the weekend.", 350_000),
        ("The club paid £1.2bn for the stadium.", 1.2e9),
        ("Twenty-five farmers signed the petition.", 25),
        ("The club posted a $3.2-million bond.", 3.2e6),
    ],
)
def test_values_in_digit_groupings_scales_and_words(text, value):
    assert quantities(text)[0].base == pytest.approx(value)


@pytest.mark.parametrize(
    "text, approx",
    [
        ("About 4,000 fans waited outside.", "about"),
        ("More than 4,000 fans waited outside.", "over"),
        ("Nearly 4,000 fans waited outside.", "nearly"),
        ("4,000 fans waited outside.", ""),
        ("More than a dozen fans waited outside.", "over"),
    ],
)
def test_approximations(text, approx):
    assert only(text).approx == approx


def test_units_convert_to_one_base():
    yards = only("The shell landed 400 yards from the school.")
    metres = only("The shell landed 400 metres from the school.")
    assert yards.dimension == metres.dimension == "length"
    assert yards.base == pytest.approx(365.76)
    assert metres.base == 400
    weeks = only("The strike lasted six weeks.")
    assert (weeks.dimension, weeks.base) == ("duration", 42)


def test_a_value_restated_in_another_unit_is_one_figure():
    [q] = quantities("The trail runs 16 km (10 miles) along the coast.")
    assert q.base == 16_000 and q.alternatives == [pytest.approx(16_093.44)]
    [money] = quantities("The council spent €40m ($43m) on the bridge.")
    assert money.unit == "eur" and money.alternatives == [43e6]


@pytest.mark.parametrize(
    "text",
    [
        "Organisers claimed 10^400 people attended the rally.",
        "A crowd of 1e400 people was reported.",
        "He was born in 1987 and is 1,000,000,000,000,000,000 times luckier.",
    ],
)
def test_absurd_magnitudes_and_years_are_skipped(text):
    assert all(q.base < 1e15 and q.base != 1987 for q in quantities(text))


def test_an_unknown_unit_is_not_guessed():
    q = only("The horse ran 12 furlongs in the final race.")
    assert (q.unit, q.dimension, q.counted) == ("", "count", "furlong")


def test_clock_times_ordinals_and_ages_are_not_figures():
    assert quantities("At 10:30 am the 3rd suspect, a 24-year-old, was seen.") == []


def test_without_a_parse_values_and_units_only():
    [q] = find_quantities("It fell 30 metres.", 0)
    assert (q.base, q.counted) == (30, "")


def test_dead_and_injured_counted_together_are_casualties():
    assert only("Forty people were killed and wounded in the riot.").state == "dead or injured"
    assert only("Officials said 12 miners were confirmed injured or dead.").state == (
        "dead or injured"
    )


@pytest.mark.parametrize(
    "text",
    [
        "The storm killed 14 people and injured 30 others.",
        "At least 14 people were killed and many more injured in the storm.",
    ],
)
def test_a_joined_verb_with_its_own_figure_is_another_count(text):
    first = quantities(text)[0]
    assert (first.value, first.state, first.counted) == (14, "dead", "people")


def test_others_are_people():
    q = quantities("The storm killed 14 people and injured 30 others.")[1]
    assert (q.value, q.state, q.counted) == (30, "injured", "people")


def test_seconds_are_a_duration():
    q = only("The gunfire lasted about 40 seconds.")
    assert (q.dimension, q.approx) == ("duration", "about")
    assert abs(q.base - 40 / 86400) < 1e-9


@pytest.mark.parametrize(
    "text, act",
    [
        ("The guard wrestled with the intruder for about 30 seconds.", "wrestle"),
        ("Witnesses saw her wrestling with him for nearly two minutes.", "wrestle"),
        ("The cook had worked at the lodge for six years.", "work"),
        # a time that runs on while the story is told measures no one act
        ("The climbers have been stranded for four days.", ""),
        ("Divers searched for 12 hours.", ""),
    ],
)
def test_for_how_long_is_measured_by_its_act(text, act):
    assert only(text).verb == act


@pytest.mark.parametrize(
    "text, where",
    [
        ("The quake struck 50 km (31 miles) southwest of Pelham, officials said.", "southwest"),
        ("The epicentre was 31 miles north-west of the town of Pelham.", "northwest"),
    ],
)
def test_a_distance_from_a_named_place_keeps_the_place_and_direction(text, where):
    q = quantities(text)[0]
    assert (q.dimension, q.counted, q.where) == ("length", "from pelham", where)


def test_a_distance_without_a_place_has_no_bearing():
    q = only("The road was closed for 12 miles.")
    assert (q.counted, q.where) == ("", "")


def test_a_duration_keeps_the_verb_it_measures():
    assert only("The convoy drove about 12 hours to the border.").verb == "drive"


@pytest.mark.parametrize(
    "text, value, whose",
    [
        ("A magnitude 5.7 earthquake shook the valley on Monday.", 5.7, "main shock"),
        ("The 6.1-magnitude quake toppled the old mosque.", 6.1, "main shock"),
        ("The agency gave the quake a magnitude of 6.0 at first.", 6.0, "main shock"),
        ("A 4.2 magnitude aftershock rattled the town an hour later.", 4.2, "other shock"),
        ("It was followed by a second quake of magnitude 5.1.", 5.1, "other shock"),
        ("The latest quake was a magnitude 5.9, the agency said.", 5.9, "other shock"),
        ("It was the worst quake here since a 6.8-magnitude quake in 1921.", 6.8, "other shock"),
        ("The quake was stronger than the 5.6 magnitude quake of May.", 5.6, "other shock"),
    ],
)
def test_a_magnitude_is_its_own_dimension_and_knows_whose_it_is(text, value, whose):
    [m] = [q for q in quantities(text) if q.dimension == "magnitude"]
    assert (m.value, m.counted) == (value, whose)


def test_a_count_of_quakes_is_no_magnitude():
    assert [q.dimension for q in quantities("Three earthquakes shook the valley.")] == ["count"]


def test_lives_taken_are_the_dead():
    q = only("The fire claimed the lives of 41 miners on Tuesday.")
    assert (q.value, q.counted, q.state) == (41, "miner", "dead")
    found = quantities("The flood has claimed more than 300 lives and injured over 900.")
    assert [(q.value, q.state) for q in found] == [(300, "dead"), (900, "injured")]


def test_a_joined_noun_shares_what_happened_to_the_first():
    found = quantities("Two guards and all 40 prisoners were killed in the blaze.")
    assert [(q.value, q.counted, q.state) for q in found] == [
        (2, "guard", "dead"),
        (40, "prisoner", "dead"),
    ]


def test_a_joined_noun_does_not_take_an_action_verb():
    found = quantities("Norway sent 40 rescuers and six dogs to the valley.")
    assert [(q.counted, q.verb) for q in found] == [("rescue worker", "send"), ("dog", "")]


def test_carried_passengers_are_on_board():
    found = quantities("The ferry, carrying 212 passengers and nine crew, capsized.")
    assert [(q.counted, q.where, q.verb) for q in found] == [
        ("passenger", "board", ""),
        ("crew", "board", ""),
    ]


def test_a_count_named_after_a_copula_keeps_its_nationality():
    found = quantities(
        "Of the 30 dead, four were Peruvian citizens and two are Chilean nationals."
    )
    assert [(q.value, q.counted, q.state, q.modifiers) for q in found[1:]] == [
        (4, "national", "dead", ["peruvian"]),
        (2, "national", "dead", ["chilean"]),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Witnesses said the rampage lasted about 40 seconds.",
        "He fired in a 45-second barrage outside the mall.",
        "The shooting, police said, lasted 38 seconds in all.",
    ],
)
def test_how_long_the_attack_lasted_is_one_measure(text):
    [q] = [q for q in quantities(text) if q.dimension == "duration"]
    assert (q.counted, q.verb) == ("attack", "")


def test_how_long_something_else_lasted_is_not_the_attack():
    [q] = quantities("The blackout lasted 40 minutes across the city.")
    assert q.counted != "attack"


# --- ages, days of a month, parts, durations in parts, rescues (issue 14) -------------


@pytest.mark.parametrize(
    "text",
    [
        "The painter has died aged 88, her gallery said.",
        "The painter died at her home in Lisbon on Monday at the age of 88.",
        "The painter died at 88.",
        "Her brother, the sculptor, died in March 2019, at 91.",
        "He is 67 years old and the oldest of the crew.",
        "At 67 years of age, he was the oldest of the crew.",
    ],
)
def test_an_age_is_an_age_never_a_count_of_the_dead(text):
    [q] = quantities(text)
    assert q.dimension == "age" and q.state == "" and q.counted == ""


def test_a_day_of_a_month_is_never_a_count():
    assert quantities("The envoys met after the March 4 flood in the valley.") == []
    assert quantities("The ferry sailed from Bari on 12 June with the crew.") == []
    # a count told beside a date is still a count
    [q] = quantities("On 12 June the storm killed 14 people in the valley.")
    assert (q.value, q.state) == (14, "dead")


def test_a_part_of_a_number_and_its_whole_are_not_the_same_tally():
    part, whole = quantities("The sheriff said 40 of 55 hikers reported lost were found alive.")
    assert (part.counted, part.state) == ("", "")
    assert whole.state != "survived"  # what happened to the 40 did not happen to the 55
    part, whole = quantities("Rangers confirmed five out of nine reported landslides.")
    assert (part.counted, whole.counted) == ("", "landslide")


def test_a_duration_told_in_parts_is_one_duration():
    [q] = quantities("Her term of 12 years and 100 days was the longest in the city.")
    assert q.base == pytest.approx(12 * 365.25 + 100)
    assert q.text == "12 years and 100 days"
    # the whole years alone restate it: "a 12-year term" is the same span
    assert 12 * 365.25 in q.alternatives
    [q] = quantities("He beat the record of 41 years, 3 months and 2 days set by his uncle.")
    assert q.base == pytest.approx(41 * 365.25 + 3 * 30.44 + 2)
    # two durations of two things stay two
    assert len(quantities("The trial lasted two weeks and the appeal three weeks.")) == 2


def test_rescues_are_not_the_survivors():
    assert only("Volunteers rescued 35 people from the flooded streets.").state == "rescued"
    assert only("All 12 survivors were rescued from the wreck.").state == "survived"


def test_names_of_one_kind_of_thing_count_the_same_thing():
    assert only("At least 12 twisters touched down across the state.").counted == "tornado"
    assert only("At least 12 tornadoes touched down across the state.").counted == "tornado"
    assert only("Two quakes shook the valley overnight.").counted == "earthquake"
    assert only("The flood destroyed 1,500 homes in the valley.").counted == "home"
    assert only("The flood destroyed 1,200 houses in the valley.").counted == "home"
    assert only("The storm damaged 40 aircraft at the base.").counted == "plane"


def test_a_capitalised_plural_counts_its_singular():
    q = only("The town has had 12 Mayors since the war.")
    assert q.counted == "mayor"


def test_counts_of_a_charge_count_the_charges():
    q = only("Prosecutors filed three counts of burglary charges against the man.")
    assert (q.value, q.counted, q.state) == (3, "count", "charged")


def test_all_counts_of_a_verdict_are_the_whole_charged():
    q = only("The jury found him guilty of all seven counts on Thursday.")
    assert (q.value, q.counted, q.state) == (7, "count", "charged")
    q = only("The jury found him guilty on seven counts on Thursday.")
    assert (q.counted, q.state) == ("count", "convicted")


def test_a_participle_the_parser_reads_as_a_verb_still_leaves_the_noun_counted():
    # the tagger reads "reported" as the verb of "31" here; the noun after it is counted
    q = only("There were at least 31 reported sinkholes across the county.")
    assert (q.value, q.counted) == (31, "sinkhole")


def test_a_copula_between_number_and_noun_is_no_participle():
    found = quantities("Of the 60 guests, 25 were children and 35 were adults.")
    assert [q.counted for q in found][1:] == ["", ""]


@pytest.mark.parametrize(
    "text",
    [
        "By 11 p.m. Saturday the ferry had docked.",
        "The siren sounded at about 6 a.m. in the valley.",
        "Crews were told to leave by 4 PM, officials said.",
    ],
)
def test_a_clock_time_is_no_figure(text):
    assert quantities(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Flood water reached 240 single-family homes on the east bank.",
        "The storm damaged 80 single homes and a school.",
        "It was the single wettest month on record in the county.",
        "Not a single cabin was left standing.",
    ],
)
def test_single_names_a_kind_or_a_rank_not_one_thing(text):
    assert all(q.text.lower() != "single" and q.value != 1 for q in quantities(text))


def test_a_single_counts_one():
    q = only("Rescuers pulled a single climber from the crevasse.")
    assert q.value == 1


def test_a_kind_or_the_rest_of_a_whole_is_kept_apart_from_the_whole():
    found = quantities(
        "The flood wrecked 310 commercial buildings and 900 other buildings, "
        "nearly 4,000 buildings in all."
    )
    assert [(q.value, q.modifiers) for q in found] == [
        (310, ["commercial"]),
        (900, ["other"]),
        (4000, []),
    ]


def test_the_other_before_the_number_is_the_rest_of_the_people_not_a_kind():
    found = quantities("Two hikers died and the other 14 survivors were flown out.")
    assert found[-1].value == 14 and found[-1].modifiers == []


@pytest.mark.parametrize(
    "text",
    [
        "The rig sank 200 miles off the coast of Norfolk on Sunday.",
        "The rig sank 200 miles from Norfolk on Sunday.",
        "The rig sank 200 miles northeast of Norfolk on Sunday.",
        # a comma before the direction, a coast's side, an island named as one
        "The rig is still at 200 miles, northeast of Norfolk waters.",
        "The rig sank 200 miles off the eastern coast of Norfolk Island.",
    ],
)
def test_a_distance_from_a_named_place_with_or_without_a_direction(text):
    assert only(text).counted == "from norfolk"


@pytest.mark.parametrize(
    "text",
    [
        "The ferry sank 120 miles south of the Greek island of Norfolk.",
        "The wreck lay 90 miles north of the Danish city of Norfolk.",
        "The village lies 40 miles (64 km) west of Ohio's largest city, Norfolk.",
        "The town is about 20 miles north of the state's largest city, Norfolk, and inland.",
        "The plant stands 50 km from the Latvian port of Norfolk.",
    ],
)
def test_a_distance_from_a_place_named_by_what_it_is_is_from_that_place(text):
    assert only(text).counted == "from norfolk"


def test_a_distance_from_something_unnamed_measures_nothing_comparable():
    assert only("The jet stopped 300 metres from the runway's end.").counted == ""


@pytest.mark.parametrize(
    "text, told",
    [
        (
            "A jury found the mayor guilty on three of the seven counts.",
            [(3, "convicted"), (7, "charged")],
        ),
        ("The mayor was acquitted of two counts.", [(2, "acquitted")]),
        ("The mayor had pleaded not guilty to all seven counts.", [(7, "charged")]),
        ("He entered a plea of not guilty to nine counts of fraud.", [(9, "charged")]),
        ("The mayor faces seven federal charges.", [(7, "charged")]),
        ("The mayor was found not guilty on one count of perjury.", [(1, "acquitted")]),
    ],
)
def test_counts_of_an_indictment_are_typed_by_their_outcome(text, told):
    found = [(q.value, q.state) for q in quantities(text) if q.counted == "count"]
    assert found == told


def test_counts_of_an_indictment_told_with_no_outcome_or_as_a_part_are_not_compared():
    assert all(not q.counted for q in quantities("The seven counts carry long sentences."))
    found = quantities("The mayor faced seven counts, including two bribery counts.")
    assert [(q.value, q.counted) for q in found] == [(7, "count"), (2, "")]


def test_a_kind_of_count_is_kept_apart_from_the_others():
    q = only("The mayor was convicted of two related counts of bribery.")
    assert (q.counted, q.state, q.modifiers) == ("count", "convicted", ["bribery"])


@pytest.mark.parametrize(
    "text",
    [
        "The tremor struck at a depth of about 12 km, the agency said.",
        "The tremor was centred 12 kilometres (7.5 miles) deep.",
        "The hull rests 3 miles below the surface.",
    ],
)
def test_a_depth_measures_the_depth(text):
    assert only(text).counted == "depth"


def test_foreigners_count_the_foreign_nationals():
    a = only("At least 14 foreigners were among the dead, officials said.")
    b = only("Officials said 14 foreign nationals were killed.")
    assert (a.counted, a.modifiers) == (b.counted, b.modifiers) == ("national", ["foreign"])


# --- compound durations, fractions and ranges (made-up sentences) -------------------


@pytest.mark.parametrize(
    "text, minutes",
    [
        ("The parade stalled for an hour and 45 minutes at the bridge.", 105),
        ("The parade stalled for one hour and 45 minutes at the bridge.", 105),
        ("The parade stalled for 2 hours 30 minutes at the bridge.", 150),
        ("The parade stalled for an hour and a half at the bridge.", 90),
        ("The parade stalled for half an hour at the bridge.", 30),
        ("The parade stalled for one and a half hours at the bridge.", 90),
    ],
)
def test_hours_and_minutes_in_parts_are_one_duration(text, minutes):
    q = only(text)
    assert q.dimension == "duration"
    assert q.base * 1440 == pytest.approx(minutes)
    assert q.alternatives == []  # "one hour" alone is not the same span as 1 h 45


def test_a_lone_an_hour_and_a_time_ago_are_no_figures():
    assert quantities("The ferry left an hour late.") == []
    assert quantities("A year and a half ago the ferry sank.") == []


def test_first_part_close_to_the_whole_is_kept_as_a_rounding():
    q = only("The lighthouse keeper served 40 years and 20 days.")
    assert q.alternatives == [pytest.approx(40 * 365.25)]


@pytest.mark.parametrize(
    "text",
    [
        "The hikers walked 2 1/2 miles to the hut.",
        "The hikers walked 2-1/2 miles to the hut.",
        "The hikers walked 2½ miles to the hut.",
        "The hikers walked two and a half miles to the hut.",
    ],
)
def test_mixed_unicode_and_word_fractions(text):
    q = only(text)
    assert (q.dimension, q.value) == ("length", 2.5)
    assert q.base == pytest.approx(2.5 * 1609.344)


def test_a_fraction_restated_in_another_unit_is_one_figure():
    q = only("The hikers walked 2 1/2 miles (4 km) to the hut.")
    assert q.value == 2.5 and q.alternatives == [4000]


def test_half_a_million_and_a_quarter_without_unit():
    assert only("About half a million fans lined the route.").base == 500_000
    assert only("Twelve and a quarter of them stayed.").value == 12  # no fraction of people


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("The choir members, aged between 9 and 14, sang first.", 9, 14),
        ("The choir members, aged 9-14, sang first.", 9, 14),
        ("The choir members, aged 9 to 14, sang first.", 9, 14),
    ],
)
def test_an_age_range_is_one_range(text, low, high):
    q = only(text)
    assert (q.dimension, q.base, q.upper) == ("age", low, high)
    assert q.counted == "member"


def test_ranges_of_counts_and_durations_keep_what_they_count():
    q = only("Between 60 and 70 cabins were flattened by the gale.")
    assert (q.base, q.upper, q.counted) == (60, 70, "cabin")
    years = only("The judge may impose between 6 years and 8 years.")
    assert (years.base, years.upper) == (6 * 365.25, 8 * 365.25)
    assert only("The clerk could get three to four years.").upper == 4 * 365.25


@pytest.mark.parametrize(
    "text, values",
    [
        ("Fares rose from 20 to 30 cents.", [20, 30]),
        ("The visitors won 4-1 at home.", [4]),
        ("She taught there between 1990 and 2001.", []),
    ],
)
def test_two_numbers_that_are_no_range(text, values):
    found = quantities(text)
    assert [q.value for q in found] == values
    assert all(q.upper is None for q in found)


def test_a_part_of_a_group_leaves_its_age_range_unnamed():
    text = "Three girls among the last group out, who were aged between 12 and 14, were tired."
    [q] = [q for q in quantities(text) if q.dimension == "age"]
    assert (q.base, q.upper, q.counted) == (12, 14, "")


def test_year_olds_are_ages_alone_or_in_a_range():
    q = only("Most of the volunteers were 18-24 year olds.")
    assert (q.dimension, q.base, q.upper) == ("age", 18, 24)
    [age] = [q for q in quantities("Two 30 year olds were hired.") if q.dimension == "age"]
    assert age.base == 30


def test_one_kind_of_count_under_its_several_names():
    a = only("He was charged with three related firearm charges.")
    b = only("He also faces two counts of criminal weapons charges.")
    assert a.modifiers == b.modifiers == ["weapon"]


@pytest.mark.parametrize(
    "text",
    [
        "The blaze forced 18,000 people to evacuate on Friday.",
        "The blaze forced the evacuation of 18,000 people on Friday.",
        "The blaze prompted nearly 18,000 evacuations on Friday.",
    ],
)
def test_people_made_to_leave_are_evacuated(text):
    [q] = [q for q in quantities(text) if q.value == 18000]
    assert (q.counted, q.state) == ("people", "evacuated")


def test_people_forced_to_do_something_else_keep_no_state():
    [q] = [q for q in quantities("The blaze forced 300 farmers to sell their herds.")]
    assert q.state == ""


def test_no_one_counts_nobody():
    assert quantities("No one else was injured in the blast, police said.") == []
    assert [q.base for q in quantities("One guard was injured in the blast, police said.")] == [1]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("She was ordered to pay $40 million in restitution, the judge said.", "restitution"),
        ("The judge set bail at $1 million on Friday.", "bail"),
        ("He was given a $5,000 fine for the offence.", "fine"),
        ("The firm paid $3 million to settle the case.", ""),
        ("He admitted embezzling $80,000 from the parish.", "stolen"),
        ("The gang was convicted of stealing $2 million in gold.", "stolen"),
        # what was got back is a sum of its own, not the sum taken
        ("Police recovered $9,000 in stolen cash.", "recovered"),
        ("Orvel agreed to buy the brewer Tamsa for $3.1 billion in cash.", "deal"),
        ("Orvel will cut jobs after its $3.1 billion purchase of Tamsa.", "deal"),
        ("The board backed a $13 billion takeover of Tamsa.", "deal"),
        ("The dealer sold 40 vans for $60,000 each.", ""),
        # a contract's value, however it is written
        ("Norvia scrapped its €40 billion frigate contract with Calder.", "deal"),
        ("Calder lost a nearly $70bn (£51bn) deal to build frigates.", "deal"),
        ("Norvia ditched a contract worth more than €40 billion on Friday.", "deal"),
        ("Norvia paid $4 million in cash to the shipyard.", ""),
        ("Bail was ordered by the magistrate at $2 million.", "bail"),
        ("The lender faced a $6 billion shortfall.", "shortfall"),
        ("Withdrawals exposed a $6 billion hole in the lender's books.", "shortfall"),
    ],
)
def test_what_a_sum_pays_is_read(text, kind):
    [q] = [q for q in quantities(text) if q.dimension == "money"]
    assert q.counted == kind


@pytest.mark.parametrize(
    ("text", "unit", "counted"),
    [
        ("Nearly 180 mm of rain fell on the valley overnight.", "millimetre", "rain"),
        ("Forecasters expect nine inches of snow by Friday.", "inch", "snow"),
        ("About 35 cm of hail covered the runway.", "centimetre", "hail"),
        ("The canal rose to 4.1 metres on Sunday.", "metre", ""),  # no "of": nothing named
    ],
)
def test_what_a_length_measures_is_the_noun_after_of(text, unit, counted):
    q = only(text)
    assert (q.dimension, q.unit, q.counted) == ("length", unit, counted)


def test_rain_and_a_river_level_are_not_one_measure():
    rain, level = quantities("After 9 cm of rain the canal rose to 4.1 metres.")
    assert rain.counted == "rain" and level.counted == ""


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Four of the injured were in critical condition on Monday.", "critical"),
        ("Two miners remain hospitalised in serious condition.", "serious"),
        ("Six of them are still in grave condition.", "critical"),
        # British copy puts an article before it; a bare "critical" says the same
        ("Three walkers remain in a critical condition.", "critical"),
        ("Nine people are still critical in hospital.", "critical"),
    ],
)
def test_how_many_are_in_a_grave_condition_is_a_tally(text, state):
    q = only(text)
    assert (q.counted, q.state) == ("people", state)


def test_critical_of_someone_is_no_condition():
    assert only("Nine people were critical of the council's response.").state == ""


def test_a_condition_told_of_a_part_is_not_told_of_the_whole():
    whole, part = quantities("The fire injured 23 people, four of whom were in critical condition")
    assert (whole.state, part.state) == ("injured", "critical")


def test_of_them_names_what_a_part_counts():
    whole, part = quantities("Eleven hikers, three of them Canadians, were rescued.")
    assert (whole.counted, part.counted) == ("hiker", "canadian")
    assert quantities("Three of them were later released.")[0].counted == ""


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Orvel shares fell 12% in early trading.", "share"),
        ("Voter turnout reached 58%.", "turnout"),
        ("Turnout was 58%, the commission said.", "turnout"),  # a copula heads the unit
        ("It rose 12% on Monday.", ""),  # a pronoun says nothing of what rose
    ],
)
def test_what_a_percentage_is_of_is_its_subject(text, counted):
    assert only(text).counted == counted


def test_a_crowd_counts_spectators_and_a_score_counts_nothing():
    assert only("A crowd of 41,000 watched the final.").counted == "attendee"
    assert only("Some 41,000 fans saw the final.").counted == "attendee"
    assert quantities("Albion sealed a 4-2 victory over Hill Town.") == []


def test_a_craft_that_had_passengers_had_them_on_board():
    assert only("The ferry had 88 passengers when it sank.").where == "board"
    assert only("The youngest group had 40 passengers.").where == ""  # no craft


def test_rescued_alive_is_survived_and_rescued_alone_is_a_rescue():
    assert quantities("Six climbers were rescued alive on Sunday.")[0].state == "survived"
    assert quantities("The coast guard rescued 40 people on Sunday.")[0].state == "rescued"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("The number of deaths in Corvale has risen to 61.", "dead"),
        ("The number of people injured rose to 240 by Friday.", "injured"),
        ("The number of arrests climbed to 130 overnight.", "arrested"),
    ],
)
def test_a_number_of_what_happened_counts_people_in_that_state(text, state):
    q = only(text)
    assert (q.counted, q.state) == ("people", state)


def test_victims_are_people():
    assert only("Nine victims were pulled out alive.").counted == "people"


@pytest.mark.parametrize(
    "text",
    [
        "The tidal surge reached 14 feet in Port Ander.",
        "The storm drove tidal surges as high as 14 feet into Port Ander.",
        "Forecasters warned of a tidal surge of up to 14 feet.",
    ],
)
def test_a_height_is_keyed_by_the_thing_that_rose(text):
    assert only(text).counted == "surge"


@pytest.mark.parametrize(
    "text, what",
    [
        ("The bell tower, which stood 64 metres tall, fell on Monday.", "tower"),
        ("The old mill is 30 metres high.", "mill"),
        ("The footbridge was 2.4 km long.", "footbridge"),
    ],
)
def test_a_size_is_keyed_by_the_thing_it_measures(text, what):
    assert only(text).counted == what


def test_among_the_dead_is_a_state():
    q = only("At least two nurses were among the dead.")
    assert (q.counted, q.state) == ("nurse", "dead")


def test_an_approximate_four_digit_figure_is_no_year():
    assert only("More than 1800 homes were destroyed.").value == 1800
    assert quantities("The mill closed in 1800.") == []


def test_a_two_word_charge_before_counts_is_their_kind():
    [_, q] = quantities("She was convicted of four fraud counts and two money laundering counts.")
    assert (q.value, q.counted, q.state, q.modifiers) == (2, "count", "convicted", ["money"])


@pytest.mark.parametrize(
    "text", ["As many as 40 people are feared dead.", "The river could rise as much as 3 metres."]
)
def test_as_many_as_is_an_upper_bound(text):
    assert only(text).approx == "up_to"


@pytest.mark.parametrize(
    "text", ["The council released Rs 40 crore for repairs.", "It set aside 400 million rupees."]
)
def test_a_scale_or_currency_word_is_not_what_a_sum_counts(text):
    assert only(text).counted == ""


@pytest.mark.parametrize(
    ("text", "value"), [("Sixty-four people were held.", 64), ("forty-six homes burned.", 46)]
)
def test_number_words_with_an_x_are_no_scientific_notation(text, value):
    assert only(text).value == value


def test_hundreds_joined_by_and_are_one_number():
    q = only("Two hundred and sixty people were hurt in the crush.")
    assert (q.value, q.counted, q.state) == (260, "people", "injured")
    [low, high] = [
        only("Between two hundred and three hundred people were hurt.").value,
        only("Between two hundred and three hundred people were hurt.").upper,
    ]
    assert (low, high) == (200, 300)


def test_millions_written_m_before_what_they_count_are_no_metres():
    q = only("About 1.4m homes were without power.")
    assert (q.value, q.dimension) == (1_400_000, "count")
    assert only("The seawall was 4m high.").dimension == "length"
    assert only("The 4-m seawall held.").dimension == "length"


@pytest.mark.parametrize(
    "text",
    [
        "Among the dead were 9 Norwegians.",
        "Nine of the victims were Norwegian.",
        "Nine Norwegians were among 30 climbers killed in the avalanche.",
    ],
)
def test_counts_of_one_nationality_are_one_figure(text):
    q = only(text) if "climbers" not in text else quantities(text)[0]
    assert (q.counted, q.state, q.modifiers) == ("national", "dead", ["norwegian"])


def test_us_citizens_are_american_nationals():
    assert only("Two US citizens were among the dead.").modifiers == ["american"]
    assert only("Two Americans were among the dead.").modifiers == ["american"]


@pytest.mark.parametrize(
    "text, counted",
    [
        ("About 53 per cent voted to stay in the alliance, officials said.", "vote remain"),
        ("Some 47 percent voted for Exit in the county.", "vote exit"),
        ("The Exit side won 47.2% of the vote in the county.", "vote exit"),
        ("There were 1,204,117 (52.8%) who voted to remain.", "vote remain"),
    ],
)
def test_a_share_of_a_vote_is_of_the_side_it_went_to(text, counted):
    [q] = [q for q in quantities(text) if q.dimension == "percent"]
    assert q.counted == counted


def test_per_cent_is_no_subject_of_a_percentage_and_a_share_counts_nothing():
    q = only("Roughly 30 per cent rose in value.")
    assert q.counted != "cent"
    count, _ = quantities("In all, 1,204,117 (52.8%) who voted to remain lost.")
    assert count.counted != "%"


@pytest.mark.parametrize(
    "text, choice",
    [
        ("The count gave 1,204,117 votes to Remain in the region.", "remain"),
        ("Some 1,075,400 voted to leave the union, the count showed.", "leave"),
    ],
)
def test_votes_cast_one_way_are_counted_as_votes_for_it(text, choice):
    q = only(text)
    assert (q.counted, q.modifiers, q.verb) == ("vote", [choice], "")


@pytest.mark.parametrize(
    "text",
    [
        "Okonkwo won the run-off with 8.1 million votes.",
        "The tally showed 8.1 million votes for Amara Okonkwo.",
    ],
)
def test_votes_won_by_a_candidate_are_votes_for_that_candidate(text):
    q = only(text)
    assert (q.counted, q.modifiers, q.verb) == ("vote", ["okonkwo"], "")


def test_votes_to_a_rivals_tally_are_not_votes_for_the_rival():
    ours, _ = quantities("Okonkwo won 8.1 million votes to Bello’s 6.2 million.")
    assert ours.modifiers == ["okonkwo"]


@pytest.mark.parametrize(
    "text",
    [
        "The flood swept through the port city of some 52,000 on Monday.",
        "Tarvik, a coastal town of 8,400 inhabitants, was cut off on Monday.",
    ],
)
def test_a_town_of_so_many_counts_who_lives_there(text):
    q = only(text)
    assert (q.counted, q.state) == ("inhabitant", "")


def test_a_town_of_so_many_buildings_counts_buildings():
    assert only("The town of 300 houses was cut off.").counted != "inhabitant"


def test_a_courts_split_is_no_count_of_rulings():
    assert quantities("The court upheld the ban in a 6-3 ruling on Friday.") == []


@pytest.mark.parametrize(
    "text, state",
    [
        ("Officials said the death toll in the valley has surpassed 400.", "dead"),
        ("The minister said the number of missing people could be as high as 900.", "missing"),
    ],
)
def test_a_tally_that_passes_or_reaches_a_figure_counts_its_people(text, state):
    q = only(text)
    assert (q.counted, q.state) == ("people", state)


@pytest.mark.parametrize(
    "text",
    [
        "Some 40,000 people attended the open-air service on Sunday.",
        "About 12,000 pilgrims had turned up by noon.",
        "At least 9,000 people were present at the ceremony.",
        "There were about 30,000 people at the rally.",
        "The mayor spoke before a crowd of about 300 people on the square.",
    ],
)
def test_a_gatherings_size_counts_who_came_whatever_the_verb(text):
    q = only(text)
    assert (q.counted, q.state, q.verb) == ("attendee", "", "")


def test_people_at_a_place_or_hurt_at_a_gathering_are_no_attendance():
    assert only("Some 40 people were at the hospital on Monday.").counted != "attendee"
    assert only("At least 30 people at the rally were injured.").state == "injured"


def test_a_second_tally_in_a_gapped_clause_counts_its_own_people():
    dead, survived = quantities(
        "The official toll still stands at 31 and the number of survivors at 58."
    )
    assert (dead.state, survived.state) == ("dead", "survived")


def test_a_fires_containment_is_its_own_moving_share():
    from claims.analysis.figures import is_moving

    q = only("By Friday the blaze was 45 percent contained, officials said.")
    assert q.counted == "containment" and is_moving(q)


@pytest.mark.parametrize(
    "text, counted",
    [
        ("The hearing opened at noon and lasted for nearly four hours.", "hearing"),
        ("The hearing, held in private, lasted for more than four hours.", "hearing"),
        ("The search took nearly six days, the coastguard said.", "search"),
    ],
)
def test_how_long_something_lasted_is_a_duration_of_that_thing(text, counted):
    [q] = [q for q in quantities(text) if q.dimension == "duration"]
    assert q.counted == counted


@pytest.mark.parametrize(
    "text",
    [
        "The mayor was shot three times outside the town hall on Friday.",
        "The gunman fired at the mayor, striking her three times in the chest.",
        "The mayor was hit by three bullets outside the town hall.",
    ],
)
def test_times_a_person_was_hit_are_one_count_however_worded(text):
    hits = [q for q in quantities(text) if q.counted == "hit"]
    assert [q.value for q in hits] == [3]


def test_shots_fired_and_the_ones_that_hit_are_two_counts():
    fired, hit = quantities("The gunman fired six shots, two of which hit the mayor.")
    assert (fired.value, fired.counted) == (6, "shot")
    assert (hit.value, hit.counted) == (2, "hit")


def test_a_storm_hitting_a_coast_times_is_no_count_of_hits():
    assert [q.counted for q in quantities("The storm hit the coast four times this year.")] == [
        "time"
    ]


@pytest.mark.parametrize(
    "text, unit",
    [
        ("The port was fined NZ$978,000 on Friday.", "nzd"),
        ("The club paid HK$2 million for the land.", "hkd"),
        ("The ministry spent S$40,000 on the study.", "sgd"),
        ("The bank lost R$3 million in the fraud.", "brl"),
        ("The council paid US$10,000 for the report.", "usd"),
        ("The council paid 10,000 US dollars for the report.", "usd"),
        ("The club paid 2 million Canadian dollars for the land.", "cad"),
    ],
)
def test_dollars_of_other_countries_are_their_own_currency(text, unit):
    [q] = [q for q in quantities(text) if q.dimension == "money"]
    assert q.unit == unit


def test_reparations_and_compensation_are_the_damages_paid():
    texts = (
        "The firms were ordered to pay $4.8m in reparations to the families.",
        "The firms must pay $4.6m in compensation to the families.",
    )
    paid = [q for t in texts for q in quantities(t) if q.dimension == "money"]
    assert [q.counted for q in paid] == ["damages", "damages"]


@pytest.mark.parametrize(
    "text, value",
    [
        ("The hall can fit 42 000 guests on a busy night.", 42000),
        ("About 1 200 000 people live in the valley.", 1200000),
        ("Some 3\u00a0500 volunteers signed up.", 3500),
        ("Organisers counted 15\u202f000 runners.", 15000),
    ],
)
def test_thousands_set_off_by_a_space_are_one_number(text, value):
    assert [q.value for q in quantities(text)][:1] == [value]


def test_a_day_of_a_month_before_a_number_is_no_thousands_group():
    assert [q.value for q in quantities("On July 4 200 people marched past the hall.")] == [200]


@pytest.mark.parametrize(
    "text",
    [
        "The arena can hold 30,000 people.",
        "The arena was meant to hold about 30,000 spectators.",
        "The arena seats 30,000 fans.",
        "The arena, with a capacity of 30,000, was full.",
    ],
)
def test_how_many_a_venue_holds_is_its_capacity(text):
    assert [q.counted for q in quantities(text)] == ["capacity"]


def test_people_held_by_police_are_no_capacity():
    assert [q.counted for q in quantities("Police held 30 people overnight.")] != ["capacity"]


@pytest.mark.parametrize(
    "text",
    [
        "Several lorries fell 30 metres when the viaduct gave way.",
        "Cars dropped from a height of 30m onto the tracks.",
        "Cars plunged as much as 30 meters into the canal.",
        "The deck crashed onto the road 30 metres (98 feet) below.",
    ],
)
def test_how_far_things_fell_is_one_drop(text):
    assert [q.counted for q in quantities(text) if q.dimension == "length"] == ["drop"]


@pytest.mark.parametrize(
    "text", ["The river fell 2 metres overnight.", "The van drove 40 miles down the coast."]
)
def test_a_level_that_falls_or_a_drive_is_no_drop(text):
    assert [q.counted for q in quantities(text) if q.dimension == "length"] != ["drop"]


@pytest.mark.parametrize(
    "text, state",
    [
        ("There were 26 people injured in the blast.", "injured"),
        ("The agency put the total at 14 tourists killed in the crash.", "dead"),
    ],
)
def test_a_participle_on_the_counted_noun_gives_its_state(text, state):
    assert quantities(text)[0].state == state


def test_people_who_did_the_deed_are_not_in_its_state():
    assert quantities("The 5 men who killed the guard fled.")[0].state != "dead"


def test_counts_split_by_named_place_are_counts_of_each_place():
    found = quantities(
        "Thirty people were killed at the Harbor market and six at the Riverside station."
    )
    assert [(q.value, q.state, q.where) for q in found] == [
        (30, "dead", "at harbor"),
        (6, "dead", "at riverside"),
    ]
    # the second count takes the first one's noun and verb: "and 300 in Velta"
    found = quantities("At least 4,000 people died in Norland and 300 in Velta, officials said.")
    assert [(q.value, q.counted, q.state, q.where) for q in found] == [
        (4000, "people", "dead", "in norland"),
        (300, "people", "dead", "in velta"),
    ]


def test_counts_split_by_place_in_a_sentence_within_a_paragraph():
    # the pipeline parses a paragraph and reads each sentence at its offset in the article
    paragraph = "The quake struck at dawn. At least 4,000 people died in Norland and 300 in Velta."
    doc = get_nlp()(paragraph)
    second = list(doc.sents)[1]
    found = find_quantities(second.text, 500 + second.start_char, second)
    assert [(q.value, q.where) for q in found] == [(4000, "in norland"), (300, "in velta")]


def test_a_state_named_with_its_kind_first_is_the_state():
    found = quantities(
        "There were 30 deaths in Norland State, 12 in the State of Velta, six in Orra."
    )
    assert [(q.value, q.where) for q in found] == [
        (30, "in norland"),
        (12, "in velta"),
        (6, "in orra"),
    ]


def test_a_total_at_one_place_or_a_part_of_it_has_no_place_of_its_own():
    [q] = quantities("Thirty-six people were killed at the Harbor market on Friday.")
    assert q.where == ""
    toll, part = quantities("Officials raised the death toll to 39, 37 of them identified.")
    assert (toll.state, toll.where) == ("dead", "")
    # the part identified is the identification count, with no place of its own
    assert (part.counted, part.verb, part.where) == ("people", "identify", "")


def test_a_body_of_people_of_a_number_counts_its_members():
    q = only("The trawler's crew of 14 stayed aboard overnight.")
    assert (q.value, q.counted) == (14, "crew")


def test_a_negated_verb_gives_the_count_no_state():
    q = only("The trawler's 14 crew members were not hurt in the fire.")
    assert (q.counted, q.state, q.verb) == ("crew", "", "")
    assert only("The trawler's 14 crew members were hurt in the fire.").state == "injured"


def test_a_time_after_something_hangs_on_the_verb_it_times():
    q = only("Officers arrested the gunman 12 minutes after the first call.")
    assert (q.dimension, q.verb) == ("duration", "arrest")


def test_shot_twice_counts_the_hits():
    q = only("The mayor was shot twice as he left the hall.")
    assert (q.value, q.counted) == (2, "hit")
    assert quantities("The mayor once said the hall was too small.") == []


def test_a_category_a_storm_fell_short_of_is_no_figure():
    assert [
        q.value for q in quantities("It struck with 155 mph winds, just short of Category 5.")
    ] == [155]
    assert only("It made landfall as a Category 4 storm.").counted == "category"


def test_seats_are_counted_per_party_that_won_them():
    q = only(
        "The Unity Party won 194 seats with 35.4% of the vote.".replace(
            " with 35.4% of the vote", ""
        )
    )
    assert (q.counted, q.modifiers) == ("seat", ["unity party"])
    [q] = [
        x
        for x in quantities("Adam Wolski's Civic Union won 157 seats on Sunday.")
        if x.value == 157
    ]
    assert q.modifiers == ["civic union"]
    q = only("The Civic Union and its allies won 248 seats.")
    assert q.modifiers == ["civic union and others"]


def test_the_dead_and_injured_of_a_relative_clause_are_casualties():
    text = "Medics treated the 40 villagers who were killed and wounded in the shelling."
    [q] = quantities(text)
    assert (q.value, q.state) == (40, "dead or injured")


def test_two_verbs_each_with_its_own_figure_keep_their_states():
    found = quantities("The shelling killed 9 and injured 27 villagers in Dorvan.")
    assert [(q.value, q.state) for q in found] == [(9, "dead"), (27, "injured")]


@pytest.mark.parametrize(
    "text, verb",
    [
        ("Police named 40 victims of the ferry, nine days after the ship sank.", "name"),
        ("Divers ended the search on Sunday, two weeks after the ferry sank.", "end"),
        ("The ferry sank 25 minutes after it left port.", "sink"),
    ],
)
def test_a_time_counted_from_another_happening_belongs_to_the_main_verb(text, verb):
    duration = next(q for q in quantities(text) if q.dimension == "duration")
    assert duration.verb == verb
    assert duration.counted.startswith(f"{verb} after ")


def test_a_time_counted_from_a_verdict_is_no_prison_term():
    text = "A judge sentenced Ana Ruiz to 20 years in prison, six months after she was convicted."
    term, since = quantities(text)
    assert (since.value, since.counted) == (6, "sentence after convict")
    assert since.counted != term.counted


@pytest.mark.parametrize(
    "text",
    ["The raid was carried out by four gunmen.", "Four attackers stormed the Velden hall."],
)
def test_gunmen_attackers_and_terrorists_are_one_kind(text):
    assert only(text).counted == "attacker"


def test_rescue_workers_are_rescuers_not_people_rescued():
    found = quantities("Some 250 rescuers and 130 rescue workers searched the Velden mine.")
    assert [(q.counted, q.state) for q in found] == [("rescue worker", ""), ("rescue worker", "")]
    [teams] = quantities("About 40 rescue teams were sent to Velden.")
    assert (teams.counted, teams.state, teams.modifiers, teams.verb) == ("rescue team", "", [], "")


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said 12 relief teams were searching the slopes.",
        "At least 30 emergency response teams have been deployed.",
        "Officials sent 45 rescue teams into the valley.",
        "The search is being carried out by 50 rescue teams.",
    ],
)
def test_teams_sent_or_searching_are_one_count_of_rescue_teams(text):
    q = only(text)
    assert (q.counted, q.verb) == ("rescue team", "")
    # a part of them did something of its own
    assert only("Two rescue teams reached the wreck at dawn.").verb == "reach"


@pytest.mark.parametrize(
    "text", ["He resigned under section 88 of the charter.", "Under Article 7 the allies act."]
)
def test_a_provision_named_by_its_number_is_no_figure(text):
    assert quantities(text) == []


def test_a_count_of_provisions_is_still_a_figure():
    assert [q.base for q in quantities("The charter has 12 sections.")] == [12]


@pytest.mark.parametrize(
    "text",
    ["Kessa, home to 90,000 people, was flooded.", "The port has a population of 38,000."],
)
def test_a_place_home_to_a_number_counts_its_inhabitants(text):
    [q] = quantities(text)
    assert q.counted == "inhabitant"


def test_returning_home_to_people_counts_no_inhabitants():
    [q] = quantities("The soldiers returned home to 12 children.")
    assert q.counted != "inhabitant"


def test_a_list_of_nationalities_counts_the_nationals_its_noun_names():
    text = "There were also 12 Danish, five Polish, two Dutch, and six Irish nationals killed."
    found = quantities(text)
    assert [(q.base, q.counted, q.state, q.modifiers) for q in found] == [
        (12, "national", "dead", ["danish"]),
        (5, "national", "dead", ["polish"]),
        (2, "national", "dead", ["dutch"]),
        (6, "national", "dead", ["irish"]),
    ]


def test_every_count_an_opening_among_group_lists_is_of_that_group():
    text = "Among the dead were 40 Canadian residents, 12 people travelling home and two Britons."
    states = {q.base: q.state for q in quantities(text)}
    assert states[40] == "dead" and states[2] == "dead"
    assert states[12] == ""  # a part told by what they did, not the toll


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Winds reached 150 km an hour near the coast.", "km/h"),
        ("The train was doing 80 miles an hour at the bend.", "mph"),
        ("Gusts of 120 kilometres an hour tore off roofs.", "km/h"),
    ],
)
def test_a_speed_told_an_hour_is_a_speed_not_a_length(text, unit):
    q = only(text)
    assert (q.dimension, q.unit) == ("speed", unit)


def test_the_group_some_died_among_is_not_the_dead():
    # "Among the eight crew members, the captain and the cook died": eight is the crew
    crew = only("Among the eight crew members, the captain and the cook also died.")
    assert (crew.counted, crew.state) == ("crew", "")
    # a group killed is still the dead: "two guides were among 14 hikers killed"
    _guides, hikers = quantities("Two guides were among 14 hikers killed in the avalanche.")
    assert (hikers.counted, hikers.state) == ("hiker", "dead")


def test_how_many_of_a_group_came_to_harm_counts_that_group_in_that_state():
    crew = only("Two of the crew suffered minor injuries.")
    assert (crew.counted, crew.state) == ("crew", "injured")
    riders = only("Eleven of the riders died in the crash.")
    assert (riders.counted, riders.state) == ("rider", "dead")
    # a part of a tally, or a group told without harm, stays untyped
    assert only("Three of the dead were children.").counted == ""
    assert only("Five of the guides were awake.").state == ""


@pytest.mark.parametrize(
    "text, values",
    [
        ("The regulator grounded every Zephyr 450 VX 2 jet in the fleet.", [2]),
        ("Crews inspected the 321 VOLT 7 aircraft at the hangar.", [7]),
        ("The carrier owns 40 Zephyr 450-2 jets.", [40]),
        ("Smoke drifted across Gate 12 as 30 passengers waited.", [30]),
        ("The storm reached Category 4 before landfall.", [4]),
        ("The ferry sank at dawn \u2013 All 40 passengers were rescued.", [40]),
        ("Flood Toll Rises To 45", [45]),
        ("The visitors won 4-1 at home.", [4]),
    ],
)
def test_a_number_that_names_a_model_counts_nothing(text, values):
    assert [q.value for q in quantities(text) if q.dimension != "model"] == values


@pytest.mark.parametrize(
    "text, values",
    [
        ("Two bodies lay near Highway 17 and a third on Route 4.", [2]),
        ("Coastal Flight 618 landed with 90 passengers aboard.", [90]),
        ("Trains on Line 9 stopped for 40 minutes.", [40]),
        ("Police said Friday 12 people died.", [12]),
        ("The storm grew to Category 3 by the evening.", [3]),
        ("Storm Leaves 12 Dead Along Highway", [12]),
    ],
)
def test_a_number_naming_which_road_or_flight_counts_nothing(text, values):
    assert [q.value for q in quantities(text)] == values


def test_a_model_is_typed_by_its_maker():
    [model] = [
        q
        for q in quantities("The regulator grounded every Zephyr 450 VX 2 jet.")
        if q.dimension == "model"
    ]
    assert (model.value, model.counted) == (450, "zephyr")


def test_the_age_of_a_thing_is_an_age_of_that_thing():
    [age] = quantities("A nearly 120-year-old rail bridge gave way on Monday.")
    assert (age.dimension, age.value, age.counted, age.approx) == ("age", 120, "bridge", "nearly")
    assert age.text == "nearly 120-year-old"
    # a person's age stays with the person, not a figure of the story
    assert quantities("A 45-year-old man was hurt.") == []


def test_a_parent_of_some_children_counts_no_one_in_the_story():
    assert quantities("The victims included a retired nurse, a grandmother of six.") == []
    assert [q.value for q in quantities("A father of two and 12 others were killed.")] == [12]


def test_the_named_subject_of_a_figures_verb_is_its_doer():
    [q] = quantities("Sweden is expelling 15 Russian diplomats over the poisoning.")
    assert q.actor == "sweden"
    [q] = quantities("Fifteen Russian diplomats were expelled on Monday.")
    assert q.actor == ""


@pytest.mark.parametrize(
    "text",
    [
        "The carrier agreed to pay up to $31 million in additional penalties.",
        "The carrier agreed to pay a penalty of $31 million.",
        "The carrier paid a $31 million penalty.",
    ],
)
def test_a_penalty_is_a_fine(text):
    [q] = quantities(text)
    assert (q.dimension, q.counted) == ("money", "fine")


def test_a_part_of_a_whole_told_by_race_counts_people_of_that_whole():
    [part, whole] = quantities("Nine of the 14 people he shot were white.")
    assert (part.value, part.counted, part.modifiers) == (9, "people", ["white", "of 14"])
    assert whole.value == 14


@pytest.mark.parametrize(
    "text, counted",
    [
        ("Five people survived the wreck: two divers, a cook and three deckhands.", "deckhand"),
        ("Besides the four players, a reporter and two crew members survived.", "crew"),
    ],
)
def test_parts_listed_beside_the_whole_share_its_fate(text, counted):
    # the parts named among the survivors are survivors, not the ship's whole crew
    part = next(q for q in quantities(text) if q.counted == counted)
    assert part.state == "survived"


@pytest.mark.parametrize("few", ["a few", "several"])
def test_some_dozens_are_no_figure(few):
    assert quantities(f"The storm damaged {few} dozen homes in Lakeview.") == []
    assert only("The storm damaged a dozen homes in Lakeview.").value == 12


def test_a_number_on_a_place_name_counts_the_noun_it_names():
    q = only("Two Kell County villages, Eastport and Westport, took the brunt.")
    assert q.counted == "village"


def test_places_that_reported_none_are_a_count_of_their_own():
    # the parishes with no deaths are not the parishes hit
    hit = only("The storm hit 14 parishes in the south.")
    spared = only("At least 9 parishes have reported no deaths.")
    assert spared.verb == "report no death" and spared.verb != hit.verb


@pytest.mark.parametrize(
    "text",
    [
        "The attacker tried to kill 40 worshippers inside the chapel.",
        "The attacker was charged with the attempted murder of 40 worshippers.",
    ],
)
def test_an_attempt_to_kill_counts_no_dead(text):
    q = only(text)
    assert q.state != "dead" and q.verb.startswith("attempt")
    assert only("The attacker killed 40 worshippers inside the chapel.").state == "dead"


@pytest.mark.parametrize(
    "text, modifiers",
    [
        ("About 20 people suffered injuries, police said.", []),
        ("Only four people suffered serious injuries, the chief said.", ["serious"]),
        ("Three firefighters sustained minor burns.", ["minor"]),
    ],
)
def test_those_who_suffered_injuries_are_injured_and_kept_apart_by_how_badly(text, modifiers):
    [q] = quantities(text)
    assert (q.state, q.modifiers) == ("injured", modifiers)


def test_an_order_of_size_is_read_as_the_range_it_names():
    q = only("Hundreds of protesters gathered outside the courthouse.")
    assert (q.counted, q.approx, q.value, q.upper) == ("protester", "about", 100, 1_500)
    q = only("The blast injured dozens in the market.")
    assert (q.counted, q.state) == ("people", "injured")
    q = only("Tens of thousands of residents fled the valley.")
    assert (q.counted, q.value) == ("people", 10_000)


def test_an_order_of_size_of_money_time_or_nothing_named_is_no_count():
    assert quantities("The outage cost millions of dollars.") == []
    assert quantities("The valley was formed over thousands of years.") == []
    assert quantities("There are thousands, the mayor said.") == []
