"""People across the archive: the index written by the analysis, the person page,
and the links from the story page and search."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from claims.models import (
    Office,
    OfficeHolder,
    OfficeName,
    Outlet,
    Person,
    PersonAppearance,
    Story,
)
from claims.services import analysis, people
from tests.db import builders as b

pytestmark = pytest.mark.django_db


def _story(pairs, when=datetime(2025, 3, 14, 9, tzinfo=UTC), name="Tessa Quill", url="a"):
    story = b.story()
    for i, (outlet, title, written) in enumerate(pairs):
        text = f"{title} {written} spoke at the port about dredging number {i}."
        art = b.article(
            Outlet.objects.get_or_create(name=outlet)[0],
            text=text,
            story=story,
            published_at=when,
            url=f"https://x.example/{url}/{i}",
        )
        slots = {
            "people": [
                {
                    "name": written,
                    "canonical": written,
                    "title": title,
                    "title_norm": title.lower(),
                    "start": len(title) + 1,
                    "end": len(title) + 1 + len(written),
                }
            ]
        }
        b.claim(art, text=text, story=story, slots=slots, score=0.9)
    Story.objects.filter(pk=story.pk).update(
        needs_analysis=True, analysis_due_at=datetime(2000, 1, 1, tzinfo=UTC)
    )
    assert analysis.analyse_story(story.pk)
    story.refresh_from_db()
    return story


def test_analysis_indexes_people_across_stories():
    first = _story(
        [
            ("Tide", "Secretary of the Fleet", "Tessa Quill"),
            ("Pier", "Harbours Secretary", "Tessa Quill"),
        ]
    )
    second = _story(
        [("Tide", "Secretary of the Fleet", "Tessa Quill")],
        when=datetime(2025, 4, 2, tzinfo=UTC),
        url="b",
    )
    [person] = Person.objects.all()
    assert person.name == "Tessa Quill"
    assert person.story_count == 2 and person.mention_count == 3
    assert set(PersonAppearance.objects.values_list("story_id", flat=True)) == {
        first.pk,
        second.pk,
    }
    # a re-analysis replaces the story's rows, never doubles them
    Story.objects.filter(pk=first.pk).update(
        needs_analysis=True, analysis_due_at=datetime(2000, 1, 1, tzinfo=UTC)
    )
    analysis.analyse_story(first.pk)
    person.refresh_from_db()
    assert person.mention_count == 3


def test_an_article_that_changed_story_is_indexed_under_its_new_story():
    first = _story([("Tide", "Secretary of the Fleet", "Tessa Quill")])
    second = b.story()
    article = first.articles.get()
    # moved without re-analysing the story it left: its appearance still points there
    article.story = second
    article.save(update_fields=["story"])
    article.claims.update(story=second)
    Story.objects.filter(pk=second.pk).update(
        needs_analysis=True, analysis_due_at=datetime(2000, 1, 1, tzinfo=UTC)
    )

    assert analysis.analyse_story(second.pk)

    [row] = PersonAppearance.objects.filter(article=article)
    assert row.story_id == second.pk


def test_person_page_shows_spellings_timeline_offices_and_stories(client, reviewer):
    office = Office.objects.create(name="Secretary of Harbours", jurisdiction="Freedonia")
    OfficeName.objects.create(office=office, name="Secretary of Harbours", kind="statutory")
    OfficeHolder.objects.create(office=office, person="Tessa Quill", start=date(2023, 3, 1))
    story = _story(
        [
            ("Tide", "Secretary of the Fleet", "Tessa Quill"),
            ("Quay", "Secretary of the Fleet", "Tessa Quill"),
            ("Pier", "Harbours Secretary", "Tessa Quill"),
        ]
    )
    person = Person.objects.get()
    client.force_login(reviewer)
    page = client.get(reverse("claims:person", args=[person.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and html.count('class="timeline__row"') == 3
    assert "Secretary of Harbours</b> (Freedonia): 1 Mar 2023 – present" in html
    assert story.title in html
    titles = {t["title"]: t["relation"] for t in page.context["titles"]}
    assert titles == {"Secretary of the Fleet": "same", "Harbours Secretary": "different_office"}

    # linked from the story page's people table and from search
    story_page = client.get(story.get_absolute_url()).content.decode()
    assert reverse("claims:person", args=[person.pk]) in story_page
    found = client.get(reverse("claims:search"), {"q": "Quill"}).content.decode()
    assert reverse("claims:person", args=[person.pk]) in found
    listing = client.get(reverse("claims:person_list"), {"q": "quill"})
    assert person.name in listing.content.decode()
    assert client.get(reverse("claims:person", args=[person.pk + 99])).status_code == 404


def test_spellings_of_one_person_join_one_page():
    _story([("Tide", "Governor", "Peter Brandt")])
    _story([("Pier", "Governor", "Pete Brandt")], url="b")
    [person] = Person.objects.all()
    assert set(person.names) == {"Peter Brandt", "Pete Brandt"}
    data = people.person_page(person)
    assert {s["name"] for s in data["spellings"]} == {"Peter Brandt", "Pete Brandt"}


def test_person_pages_need_a_login(client):
    assert client.get(reverse("claims:person_list")).status_code == 302


def test_a_person_another_worker_created_since_the_lookup_is_read_not_inserted():
    # Two workers miss the same new name; the second must read the first's row
    # (a plain create aborted the whole analysis on the unique name).
    from django.db import transaction

    first = people._created("Ada Quennell")
    with transaction.atomic():
        again = people._created("Ada Quennell")
        assert again == first
        assert Person.objects.filter(name="Ada Quennell").count() == 1
