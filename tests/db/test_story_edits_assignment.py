"""Corrections hold against the story step the pipeline runs (`services.stories.assign_story`).

Real texts, real features (names, terms, the headline embedding): after a
reviewer's merge, move or split, each story's profile and index keys are
rebuilt from the articles it holds, so later articles follow the correction.
"""

from datetime import UTC, datetime, timedelta

import pytest

from claims.models import Article, Outlet, Story, StoryEdit
from claims.nlp.salient import FRESH_KEY
from claims.services import stories, story_edits

pytestmark = pytest.mark.django_db
T0 = datetime(2018, 11, 9, 8, 0, tzinfo=UTC)

FIRE = [
    (
        "Camp Fire destroys much of Paradise, California",
        "The Camp Fire swept into Paradise in Butte County on Thursday and destroyed thousands "
        "of homes. Cal Fire chief Ken Pimlott said the blaze had burned 70,000 acres. "
        "Residents fled along Skyway as flames reached the town.",
    ),
    (
        "Paradise burns as Camp Fire spreads in Butte County",
        "Butte County sheriff Kory Honea said evacuations covered all of Paradise. "
        "Cal Fire said the Camp Fire grew to 70,000 acres overnight and crews from "
        "Chico and Oroville were sent to Skyway.",
    ),
    (
        "Camp Fire: Paradise residents count losses",
        "In Paradise, the Camp Fire left streets of burned houses, Butte County officials "
        "said. Cal Fire chief Ken Pimlott warned of winds through Saturday.",
    ),
]
QUAKE = [
    (
        "Magnitude 7.0 earthquake shakes Anchorage, Alaska",
        "A magnitude 7.0 earthquake struck near Anchorage on Friday, buckling roads. "
        "Governor Bill Walker declared a disaster and the Alaska Railroad halted trains "
        "between Anchorage and Wasilla.",
    ),
    (
        "Anchorage earthquake damages roads and schools",
        "The Anchorage earthquake damaged the Glenn Highway and closed schools in the "
        "Matanuska-Susitna Borough, Governor Bill Walker said. The Alaska Railroad "
        "inspected its track north of Anchorage.",
    ),
    (
        "Alaska earthquake: aftershocks rattle Anchorage",
        "Aftershocks rattled Anchorage after the magnitude 7.0 earthquake, the Alaska "
        "Earthquake Center said. Governor Bill Walker toured the Glenn Highway damage "
        "near Wasilla.",
    ),
]


def make(outlet, n, item, hours):
    title, text = item
    row, _ = Outlet.objects.get_or_create(name=outlet)
    return Article.objects.create(
        outlet=row,
        url=f"https://{outlet.lower()}.example/{n}",
        title=title,
        text=text,
        published_at=T0 + timedelta(hours=hours),
        status=Article.Status.EMBEDDED,
    )


def assign(article):
    return stories.assign_story(article.pk)


def story_of(article):
    return Article.objects.get(pk=article.pk).story_id


def test_after_a_merge_the_story_is_compared_on_everything_it_holds(reviewer):
    f1, f2 = make("Alpha", 1, FIRE[0], 0), make("Beta", 2, FIRE[1], 2)
    q1, q2 = make("Gamma", 3, QUAKE[0], 1), make("Delta", 4, QUAKE[1], 3)
    fire, quake = assign(f1), assign(q1)
    assert assign(f2) == fire and assign(q2) == quake and fire != quake
    before = set((Story.objects.get(pk=fire).profile or {}).get("terms") or {})
    story_edits.merge_stories(fire, [quake], reviewer, note="one disaster desk story")
    merged = Story.objects.get(pk=fire)
    terms = set((merged.profile or {}).get("terms") or {})
    quake_terms = {k for a in (q1, q2) for k in Article.objects.get(pk=a.pk).story_terms["terms"]}
    quake_terms.discard(FRESH_KEY)  # a mark of the article's, never a term of a story
    assert before < terms and quake_terms <= terms
    assert merged.article_count == 4
    # Later articles: never the folded story; the fire's follow-up joins the merged one.
    q3 = make("Epsilon", 5, QUAKE[2], 5)
    f3 = make("Zeta", 6, FIRE[2], 6)
    assert assign(q3) != quake and assign(f3) == fire
    assert {story_of(a) for a in (f1, f2, q1, q2)} == {fire}


def test_after_a_split_a_later_article_follows_the_split_off_event(reviewer):
    f1, f2 = make("Alpha", 1, FIRE[0], 0), make("Beta", 2, FIRE[1], 2)
    q1, q2 = make("Gamma", 3, QUAKE[0], 1), make("Delta", 4, QUAKE[1], 3)
    fire, quake = assign(f1), assign(q1)
    assert assign(f2) == fire and assign(q2) == quake
    # A first correction joined them; a second one takes the earthquake back out.
    story_edits.merge_stories(fire, [quake], reviewer)
    new = story_edits.split_story(fire, [q1.pk, q2.pk], reviewer).story
    assert [e.action for e in StoryEdit.objects.order_by("pk")] == ["merge", "split"]
    q3 = make("Epsilon", 5, QUAKE[2], 5)
    f3 = make("Zeta", 6, FIRE[2], 6)
    assert assign(q3) == new.pk
    assert assign(f3) == fire
    # Re-running the step on the corrected articles (a retried task) moves nothing.
    assert {assign(q1), assign(q2)} == {new.pk}
    assert {assign(f1), assign(f2)} == {fire}


def test_a_moved_article_stays_and_its_emptied_story_takes_no_more(reviewer):
    q1 = make("Gamma", 3, QUAKE[0], 1)
    lone = assign(q1)
    f1, f2 = make("Alpha", 1, FIRE[0], 0), make("Beta", 2, FIRE[1], 2)
    fire = assign(f1)
    assert assign(f2) == fire
    story_edits.move_article(q1, fire, reviewer, note="wrongly filed")  # a reviewer's mistake
    assert story_of(q1) == fire and Article.objects.get(pk=q1.pk).story_locked
    assert assign(q1) == fire
    # The emptied story was folded in: a later earthquake article never lands there.
    assert Story.objects.get(pk=lone).merged_into_id == fire
    q2 = make("Delta", 4, QUAKE[1], 3)
    assert assign(q2) != lone
