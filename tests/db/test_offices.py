"""Offices in the database: admin validation, the TOML loader, learned suggestions,
and title flags that follow the office data after re-analysis."""

from datetime import UTC, date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from claims.models import Flag, Office, OfficeHolder, OfficeName, OfficeNameSuggestion, Story
from claims.services import analysis, offices, review
from tests.db import builders as b

pytestmark = pytest.mark.django_db


def _office(name="Secretary of Harbours", **kw):
    return Office.objects.create(name=name, jurisdiction=kw.pop("jurisdiction", "Freedonia"), **kw)


def _inline_post(office_name, names=(), holders=(), office=None):
    """The admin change form's POST: the office and its two inlines."""
    data = {
        "name": office_name,
        "jurisdiction": "Freedonia",
        "seats": "1",
        "sources": "",
        "names-TOTAL_FORMS": str(len(names)),
        "names-INITIAL_FORMS": "0",
        "holders-TOTAL_FORMS": str(len(holders)),
        "holders-INITIAL_FORMS": "0",
    }
    for i, (name, kind, start, end) in enumerate(names):
        data |= {
            f"names-{i}-name": name,
            f"names-{i}-kind": kind,
            f"names-{i}-valid_from": start,
            f"names-{i}-valid_to": end,
        }
    for i, (person, start, end) in enumerate(holders):
        data |= {
            f"holders-{i}-person": person,
            f"holders-{i}-start": start,
            f"holders-{i}-end": end,
        }
    return data


def _add(client, data):
    return client.post(reverse("admin:claims_office_add"), data)


def test_admin_adds_an_office_with_names_and_holders(client, staff):
    client.force_login(staff)
    response = _add(
        client,
        _inline_post(
            "Secretary of Harbours",
            names=[
                ("Secretary of Harbours", "statutory", "", ""),
                ("Secretary of the Fleet", "secondary", "2024-06-01", ""),
            ],
            holders=[
                ("Milo Brandt", "2019-01-10", "2023-02-28"),
                ("Tessa Quill", "2023-02-28", ""),
            ],
        ),
    )
    assert response.status_code == 302, response.context["errors"]
    office = Office.objects.get()
    assert office.names.count() == 2 and office.holders.count() == 2
    assert OfficeName.objects.get(name="Secretary of the Fleet").key == "fleet secretary"


@pytest.mark.parametrize(
    "names, holders, message",
    [
        (
            [
                ("Minister of Posts", "statutory", "1990-01-01", "2006-06-30"),
                ("Minister of Communications", "statutory", "2005-01-01", ""),
            ],
            [],
            "would both be the statutory title",
        ),
        (
            [("Minister of Posts", "statutory", "2010-01-01", "2005-01-01")],
            [],
            "stops being used before it starts",
        ),
        (
            [],
            [("Ana Ruiz", "2012-03-01", "2011-01-01")],
            "ends before it starts",
        ),
        (
            [],
            [("Ana Ruiz", "2012-03-01", ""), ("Ben Ortiz", "2014-01-01", "")],
            "would hold it at once",
        ),
        (
            [],
            [("Ana Ruiz", "2012-03-01", "2016-01-01"), ("Ana Ruiz", "2015-01-01", "")],
            "overlap",
        ),
    ],
    ids=[
        "overlapping-statutory",
        "name-end-before-start",
        "term-end-before-start",
        "two-holders",
        "same-person",
    ],
)
def test_admin_rejects_bad_periods_and_saves_nothing(client, staff, names, holders, message):
    client.force_login(staff)
    response = _add(client, _inline_post("Minister of Digital Affairs", names, holders))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Office.objects.exists()
    assert not OfficeName.objects.exists() and not OfficeHolder.objects.exists()


def test_a_name_used_by_two_offices_at_once_is_refused(client, staff):
    harbours = _office()
    OfficeName.objects.create(office=harbours, name="Fleet Secretary", kind="secondary")
    client.force_login(staff)
    response = _add(
        client,
        _inline_post(
            "Admiral of the Fleet",
            names=[("Secretary of the Fleet", "statutory", "2020-01-01", "")],
        ),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "is already a name of Secretary of Harbours (Freedonia)" in body
    assert "one name cannot name two offices at once" in body
    assert Office.objects.count() == 1
    # at another time the same words may name another office
    response = _add(
        client,
        _inline_post(
            "Admiral of the Fleet",
            names=[("Admiral of the Fleet", "statutory", "", "")],
        ),
    )
    assert response.status_code == 302


def test_model_validation_outside_the_admin():
    office = _office()
    OfficeName.objects.create(office=office, name="Secretary of Harbours", kind="statutory")
    dup = OfficeName(office=office, name="Harbours Secretary", kind="statutory")
    with pytest.raises(ValidationError, match="would both be the statutory title"):
        dup.full_clean()
    later = OfficeName(office=office, name="SecHarb", kind="abbreviation")
    later.full_clean()  # another kind of name of the same office is fine
    OfficeHolder.objects.create(office=office, person="Milo Brandt", start=date(2019, 1, 10))
    second = OfficeHolder(office=office, person="Tessa Quill", start=date(2023, 3, 1))
    with pytest.raises(ValidationError, match="1 seat"):
        second.full_clean()


def test_admin_pages_for_offices_render_with_search_and_history(client, staff):
    office = _office()
    OfficeName.objects.create(office=office, name="Secretary of the Fleet", kind="secondary")
    client.force_login(staff)
    listing = client.get(reverse("admin:claims_office_changelist"), {"q": "Fleet"})
    assert listing.status_code == 200 and "Secretary of Harbours" in listing.content.decode()
    auto = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Harb",
            "app_label": "claims",
            "model_name": "officename",
            "field_name": "office",
        },
    )
    assert auto.status_code == 200 and auto.json()["results"][0]["id"] == str(office.pk)
    history = client.get(reverse("admin:claims_office_history", args=[office.pk]))
    assert history.status_code == 200


def test_demo_offices_load_once():
    path = Path(__file__).resolve().parents[2] / "demo" / "offices.toml"
    first = offices.load_offices(path)
    assert first["offices"] == 5 and first["holders"] >= 7
    assert offices.load_offices(path) == {"offices": 0, "names": 0, "holders": 0}
    war = OfficeName.objects.get(name="Secretary of War")
    assert war.kind == "secondary" and war.valid_from == date(2025, 9, 5)


def test_a_bad_file_saves_nothing(tmp_path):
    bad = tmp_path / "offices.toml"
    bad.write_text(
        '[[office]]\nname = "Office A"\n'
        '[[office.names]]\nname = "Office A"\nvalid_from = 2020-01-01\nvalid_to = 2019-01-01\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError):
        offices.load_offices(bad)
    assert not Office.objects.exists()


# --- flags follow the office data --------------------------------------------------------


def _story_with_titles(pairs, when=datetime(2025, 3, 14, 9, tzinfo=UTC)):
    story = b.story()
    for i, (outlet, title) in enumerate(pairs):
        text = f"{title} Tessa Quill spoke at the port on Friday about dredging number {i}."
        art = b.article(
            b.outlet(outlet),
            text=text,
            story=story,
            published_at=when,
            url=f"https://x.example/{i}",
        )
        slots = {
            "people": [
                {
                    "name": "Tessa Quill",
                    "canonical": "Tessa Quill",
                    "title": title,
                    "title_norm": title.lower(),
                    "start": len(title) + 1,
                    "end": len(title) + 12,
                }
            ]
        }
        b.claim(art, text=text, story=story, slots=slots, score=0.9)
    return story


def _analyse(story):
    Story.objects.filter(pk=story.pk).update(
        needs_analysis=True, analysis_due_at=datetime(2000, 1, 1, tzinfo=UTC)
    )
    assert analysis.analyse_story(story.pk)
    return Flag.objects.filter(story=story, kind="title_mismatch", is_active=True)


def test_title_flag_changes_when_a_curator_adds_an_office_name():
    story = _story_with_titles(
        [
            ("Tide", "Secretary of the Fleet"),
            ("Pier", "Secretary of the Fleet"),
            ("Quay", "Harbours Secretary"),
        ]
    )
    [flag] = _analyse(story)
    assert flag.detail["relation"] == "different_office" and flag.detail["basis"] == "text"

    office = _office()
    OfficeName.objects.create(office=office, name="Secretary of Harbours", kind="statutory")
    OfficeHolder.objects.create(office=office, person="Tessa Quill", start=date(2023, 3, 1))
    [flag] = _analyse(story)
    assert flag.detail["relation"] == "different_office"  # the fleet title is not a name yet

    OfficeName.objects.create(
        office=office, name="Secretary of the Fleet", kind="secondary", valid_from=date(2024, 6, 1)
    )
    [same] = _analyse(story)
    assert same.pk == flag.pk  # the same flag: a reviewer's status stays on it
    assert same.detail["relation"] == "same_office_other_name"
    assert same.detail["office"]["name"] == "Secretary of Harbours"
    assert same.severity == "discrepancy"
    assert "secondary title since 1 June 2024" in same.reason
    report = analysis.story_report(story.pk)["stories"][0]
    [entry] = [f for f in report["flags"] if f["kind"] == "title_mismatch"]
    assert entry["relation"] == "same_office_other_name" and entry["date"] == "2025-03-14"
    assert {v["kind"] for v in entry["validity"]} == {"statutory", "secondary"}
    [exported] = [
        f for f in review.story_flags(story.pk)["flags"] if f["kind"] == "title_mismatch"
    ]
    assert exported["relation"] == "same_office_other_name"
    assert exported["reason"] == same.reason
    out = StringIO()
    call_command("report", "--story", str(story.pk), stdout=out)
    assert "same_office_other_name: Same office (Secretary of Harbours)" in out.getvalue()
    [person] = report["people"]
    assert {t["value"]: t["relation"] for t in person["titles"]} == {
        "Secretary of the Fleet": "same",
        "Harbours Secretary": "same_office_other_name",
    }

    # an informal name makes it one title: the flag goes
    OfficeName.objects.filter(name="Secretary of the Fleet").update(kind="informal")
    assert not _analyse(story).exists()


def test_suggestions_are_learned_and_change_nothing_until_accepted(
    client, staff, django_capture_on_commit_callbacks
):
    office = _office()
    OfficeName.objects.create(office=office, name="Secretary of Harbours", kind="statutory")
    OfficeHolder.objects.create(office=office, person="Tessa Quill", start=date(2023, 3, 1))
    story = _story_with_titles(
        [("Tide", "Dock Warden"), ("Pier", "Dock Warden"), ("Quay", "Harbours Secretary")]
    )
    [flag] = _analyse(story)
    assert flag.detail["relation"] == "different_office"
    [suggestion] = OfficeNameSuggestion.objects.all()
    assert suggestion.title == "Dock Warden" and suggestion.office == office
    assert suggestion.mentions == 2 and sorted(suggestion.outlets) == ["Pier", "Tide"]
    # pending: the next analysis flags the same
    [flag] = _analyse(story)
    assert flag.detail["relation"] == "different_office"

    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:claims_officenamesuggestion_changelist"),
            {"action": "accept", "_selected_action": [suggestion.pk]},
            follow=True,
        )
    assert "1 suggestion accepted." in response.content.decode()
    assert OfficeName.objects.filter(office=office, name="Dock Warden", kind="informal").exists()
    # the admin asked for a new analysis (eager here): an informal name is a short form
    assert not Flag.objects.filter(story=story, kind="title_mismatch", is_active=True).exists()


def test_accepting_needs_an_office():
    suggestion = OfficeNameSuggestion.objects.create(
        person="Rosa Pell", title="Harbour Master", key="harbour master"
    )
    with pytest.raises(ValidationError, match="Choose the office"):
        offices.accept_suggestion(suggestion)
    assert not OfficeName.objects.exists()


def test_suggestions_count_the_whole_archive():
    office = _office()
    OfficeName.objects.create(office=office, name="Secretary of Harbours", kind="statutory")
    OfficeHolder.objects.create(office=office, person="Tessa Quill", start=date(2023, 3, 1))
    first = _story_with_titles([("Tide", "Dock Warden"), ("Quay", "Harbours Secretary")])
    _analyse(first)
    assert not OfficeNameSuggestion.objects.exists()  # one article so far
    second = b.story()
    text = "Dock Warden Tessa Quill opened the new lock on Monday."
    art = b.article(
        b.outlet("Pier"),
        text=text,
        story=second,
        published_at=datetime(2025, 4, 2, tzinfo=UTC),
        url="https://x.example/second",
    )
    slots = {
        "people": [
            {
                "name": "Tessa Quill",
                "canonical": "Tessa Quill",
                "title": "Dock Warden",
                "title_norm": "dock warden",
                "start": 12,
                "end": 23,
            }
        ]
    }
    b.claim(art, text=text, story=second, slots=slots, score=0.9)
    _analyse(second)
    [suggestion] = OfficeNameSuggestion.objects.all()
    assert suggestion.mentions == 2 and suggestion.outlets == ["Pier", "Tide"]
    assert suggestion.first_seen == date(2025, 3, 14) and suggestion.last_seen == date(2025, 4, 2)
    assert suggestion.office == office
    # a rejected suggestion stays rejected when the archive grows
    offices.reject_suggestion(suggestion)
    _analyse(second)
    suggestion.refresh_from_db()
    assert suggestion.decision == "rejected"
