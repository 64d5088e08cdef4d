"""Moving figures through the analysis service, report --json and the story page."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.models import Flag
from tests.db import builders as b
from tests.db.figure_story import build_figure_story

pytestmark = pytest.mark.django_db


def test_a_moving_toll_is_stored_as_a_timeline_and_reported():
    story = build_figure_story()
    [timeline] = story.timelines
    assert [p["value"] for p in timeline["points"]] == [41, 97, 112]
    assert [p["status"] for p in timeline["points"]] == ["superseded", "superseded", "latest"]

    out = StringIO()
    call_command("report", "--json", "--story", str(story.pk), stdout=out)
    [reported] = json.loads(out.getvalue())["stories"]
    assert reported["timelines"] == story.timelines
    # a toll that moves is no contradiction; every flag carries a severity and a reason
    for flag in reported["flags"]:
        assert flag["severity"] in ("contradiction", "discrepancy", "agreement")
        assert flag["reason"]
    # the moving toll is listed for a reviewer as a low-severity discrepancy, never a
    # contradiction: every report fits the timeline
    numbers = Flag.objects.filter(story=story, kind="number_mismatch")
    assert not numbers.filter(severity="contradiction").exists()
    assert set(numbers.values_list("severity", flat=True)) <= {"discrepancy"}


def test_a_page_in_another_language_adds_its_toll_to_the_timeline(reviewer_client):
    text = "El naufragio del ferry dejó al menos 130 muertos, según la policía del puerto."
    story = build_figure_story(foreign=("Diario del Puerto", 170, text))
    [timeline] = story.timelines
    assert "Diario del Puerto" in timeline["outlets"]
    assert [p["text"] for p in timeline["points"] if p["outlet"] == "Diario del Puerto"] == [
        "al menos 130 muertos"
    ]
    html = reviewer_client.get(reverse("claims:story", args=[story.pk])).content.decode()
    assert "Diario del Puerto" in html and "al menos 130 muertos" in html


def test_story_page_draws_the_chart_and_lists_superseded_values(reviewer_client):
    story = build_figure_story()
    html = reviewer_client.get(reverse("claims:story", args=[story.pk])).content.decode()
    assert "<svg" in html and 'class="timeline-chart"' in html
    assert html.count("timeline-chart__mark--superseded") == 2
    assert "<s>At least 41</s>" in html and "<s>97</s>" in html


def test_flag_exports_carry_severity_and_reason(reviewer_client):
    story = b.story()
    flag = b.flag(
        story,
        kind="number_mismatch",
        subject="Figure: people dead",
        severity="contradiction",
        reason="people dead: 130 exceeds the final figure 112 (Coast Daily)",
    )
    data = reviewer_client.get(reverse("claims:story_flags_json", args=[story.pk])).json()
    row = next(f for f in data["flags"] if f["id"] == flag.pk)
    assert row["severity"] == flag.severity and row["reason"] == flag.reason
    csv_text = reviewer_client.get(reverse("claims:story_flags_csv", args=[story.pk])).content
    assert csv_text.decode().splitlines()[0].endswith(",severity,reason")
