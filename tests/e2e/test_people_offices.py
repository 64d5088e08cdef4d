"""Offices and people in a real browser: a curator adds an office name in the admin
and the story's title flag changes after the re-analysis it triggers; a reviewer
opens a person page from the story page and sees the timeline of titles."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import User

from claims.models import Flag, Office, OfficeHolder, OfficeName, Outlet, Story
from claims.services import analysis
from tests.db import builders as b
from tests.e2e.conftest import PASSWORD, login

pytestmark = pytest.mark.e2e


def _harbour_story():
    """Three outlets call Tessa Quill two things; analysed, with the office known
    under its statutory name only."""
    office = Office.objects.create(name="Secretary of Harbours", jurisdiction="Freedonia")
    OfficeName.objects.create(office=office, name="Secretary of Harbours", kind="statutory")
    OfficeHolder.objects.create(office=office, person="Tessa Quill", start=date(2023, 3, 1))
    story = b.story(title="Harbour dredging plan approved")
    rows = [
        ("Tide Gazette", "Secretary of the Fleet", datetime(2025, 3, 12, 9, tzinfo=UTC)),
        ("Pier Post", "Secretary of the Fleet", datetime(2025, 3, 13, 9, tzinfo=UTC)),
        ("Quay Courier", "Harbours Secretary", datetime(2025, 3, 14, 9, tzinfo=UTC)),
    ]
    for i, (outlet, title, when) in enumerate(rows):
        text = f"{title} Tessa Quill approved the dredging plan for the north basin, item {i}."
        art = b.article(
            Outlet.objects.create(name=outlet),
            text=text,
            story=story,
            published_at=when,
            url=f"https://harbour.example/{i}",
            title=f"Dredging plan {i}",
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
    Story.objects.filter(pk=story.pk).update(
        needs_analysis=True, analysis_due_at=datetime(2000, 1, 1, tzinfo=UTC)
    )
    assert analysis.analyse_story(story.pk)
    story.refresh_from_db()  # the analysis names it after a headline
    return office, story


def test_curator_adds_an_office_name_and_the_flag_changes(page, shot, transactional_db):
    office, story = _harbour_story()
    flag = Flag.objects.get(story=story, kind="title_mismatch")
    assert flag.detail["relation"] == "different_office"
    User.objects.create_superuser("cora", "cora@example.org", PASSWORD)

    login(page, "cora")
    page.goto(story.get_absolute_url())
    flags = page.locator("#flags-h + .flag-list")
    assert "Different offices" in flags.inner_text()

    page.goto(f"/admin/claims/office/{office.pk}/change/")
    names = page.locator("#names-group")
    row = names.locator("tr.form-row:not(.has_original):not(.empty-form)").first
    row.locator("input[name$='-name']").fill("Secretary of the Fleet")
    row.locator("select[name$='-kind']").select_option("secondary")
    row.locator("input[name$='-valid_from']").fill("2024-06-01")
    page.get_by_role("button", name="Save and continue editing").click()
    page.locator(".messagelist").wait_for()
    assert "will be analysed again" in page.locator(".messagelist").inner_text()
    shot(page, "offices-01-admin-name-added")

    flag.refresh_from_db()
    assert flag.detail["relation"] == "same_office_other_name"
    page.goto(story.get_absolute_url())
    reason = page.locator("#flags-h + .flag-list .flag-list__reason").first.inner_text()
    assert reason.startswith("Same office (Secretary of Harbours)")
    assert "secondary title since 1 June 2024" in reason
    shot(page, "offices-02-story-flag-explained")

    # a bad period is refused, and nothing of the form is saved
    page.goto(f"/admin/claims/office/{office.pk}/change/")
    row = page.locator("#names-group tr.form-row:not(.has_original):not(.empty-form)").first
    row.locator("input[name$='-name']").fill("Harbour Master")
    row.locator("select[name$='-kind']").select_option("informal")
    row.locator("input[name$='-valid_from']").fill("2024-06-01")
    row.locator("input[name$='-valid_to']").fill("2020-01-01")
    page.get_by_role("button", name="Save and continue editing").click()
    page.locator(".errornote").wait_for()
    assert "stops being used before it starts" in page.content()
    assert not OfficeName.objects.filter(name="Harbour Master").exists()


def test_reviewer_opens_a_person_page_from_the_story(page, shot, e2e_reviewer):
    _, story = _harbour_story()
    login(page, "rita")
    page.goto(story.get_absolute_url())
    page.locator("table.people").get_by_role("link", name="Tessa Quill").click()
    page.get_by_role("heading", name="Tessa Quill").wait_for()
    timeline = page.locator("#person-timeline svg")
    timeline.wait_for()
    assert timeline.locator(".timeline__row").count() == 3
    assert timeline.locator("circle").count() == 3
    legend = page.locator(".timeline-legend").inner_text()
    assert "Secretary of the Fleet" in legend and "Harbours Secretary" in legend
    assert "Secretary of Harbours" in page.locator(".person-offices").inner_text()
    assert story.title in page.locator(".person-stories").inner_text()
    shot(page, "people-01-person-page")
