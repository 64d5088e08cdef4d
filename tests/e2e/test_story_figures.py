"""A moving figure on the story page, in a real browser: the chart and its superseded values."""

import pytest

from tests.db.figure_story import build_figure_story
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def test_story_page_charts_a_moving_toll(page, shot, e2e_reviewer):
    story = build_figure_story()
    login(page, "rita")
    page.goto(story.get_absolute_url())
    chart = page.locator("figure.timeline-chart")
    chart.wait_for()
    assert chart.locator("svg").is_visible()
    assert chart.locator("circle.timeline-chart__mark").count() == 3
    assert chart.locator("circle.timeline-chart__mark--superseded").count() == 2
    assert chart.locator("circle.timeline-chart__mark--latest").count() == 1
    superseded = chart.locator(".timeline-chart__superseded").inner_text()
    assert "At least 41" in superseded and "97" in superseded and "112" not in superseded
    assert "latest: 112" in chart.locator("figcaption").inner_text()
    legend = chart.locator(".timeline-chart__legend").inner_text()
    assert {"Harbour Gazette", "Valley Post", "Coast Daily"} <= set(legend.split("\n"))
    shot(page, "story-moving-figure")


def test_a_page_in_another_language_is_charted_with_its_toll(page, shot, e2e_reviewer):
    text = "El naufragio del ferry dejó al menos 130 muertos, según la policía del puerto."
    story = build_figure_story(foreign=("Diario del Puerto", 170, text))
    login(page, "rita")
    page.goto(story.get_absolute_url())
    chart = page.locator("figure.timeline-chart")
    chart.wait_for()
    assert chart.locator("circle.timeline-chart__mark").count() == 4
    legend = chart.locator(".timeline-chart__legend").inner_text()
    assert "Diario del Puerto" in set(legend.split("\n"))
    shot(page, "story-foreign-toll")
