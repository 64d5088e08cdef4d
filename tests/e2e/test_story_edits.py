"""A reviewer corrects the story grouping in a real browser: merge a story in, move an article."""

import pytest

from claims.models import Article, Story, StoryEdit
from claims.services import story_edits
from tests.db.test_services_analysis import add_claim, make_article, unit
from tests.db.test_story_edit_views import give_profile
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_stories(transactional_db):
    """A flood told by three outlets, and the same flood opened as a second story by two more."""
    stories = []
    for start, outlets in ((1, ["Alpha", "Beta", "Gamma"]), (10, ["Delta", "Epsilon"])):
        story = Story.objects.create(title=f"Flood story {start}")
        for i, outlet in enumerate(outlets):
            a = make_article(outlet, start + i, start + i, title=f"{outlet}: river floods town")
            add_claim(a, 0, f"The river rose {start + i} metres.", unit(0, noise=0.01, seed=i))
            Article.objects.filter(pk=a.pk).update(story=story)
            a.claims.update(story=story)
        story_edits.refresh_story(story)  # count, centroid and time span, as assignment keeps them
        stories.append(story)
    return stories


def test_reviewer_merges_a_story_in_and_moves_an_article_out(
    page, shot, e2e_reviewer, two_stories
):
    story, other = two_stories
    login(page, "rita")
    page.goto(story.get_absolute_url())
    panel = page.locator("#corrections")
    assert "No corrections yet" in panel.inner_text()

    # Merge the second story into this one.
    page.get_by_label("Merge another story into this one").select_option(str(other.pk))
    page.locator("#merge-note").fill("Same flood, opened twice.")
    shot(page, "story-edits-01-before-merge")
    page.get_by_role("button", name="Merge into this story").click()
    page.get_by_text(f"Story #{other.pk} merged into this one: 2 articles moved.").wait_for()
    other.refresh_from_db()
    assert other.merged_into_id == story.pk
    history = page.get_by_test_id("story-history")
    assert "Merged" in history.inner_text() and "rita" in history.inner_text()
    assert "Same flood, opened twice." in history.inner_text()
    assert panel.get_by_text("Delta: river floods town").is_visible()

    # Move one article out, into a story of its own.
    epsilon = Article.objects.get(title="Epsilon: river floods town")
    panel.get_by_label("Epsilon: river floods town").check()
    page.get_by_label("Move the selected articles to").select_option(label="A new story")
    page.get_by_role("button", name="Move", exact=True).click()
    page.get_by_text("1 article moved to").wait_for()
    epsilon.refresh_from_db()
    assert epsilon.story_id not in (story.pk, other.pk) and epsilon.story_locked
    assert [e.action for e in StoryEdit.objects.order_by("pk")] == ["merge", "move"]
    shot(page, "story-edits-02-after-move")

    # The new story's page shows where the article came from, and who moved it.
    page.locator(".messages").get_by_role("link").click()
    page.wait_for_url(f"**/stories/{epsilon.story_id}/")
    history = page.get_by_test_id("story-history")
    assert f"story #{story.pk}" in history.inner_text() and "rita" in history.inner_text()
    assert page.locator("#corrections").get_by_text("pinned").is_visible()
    shot(page, "story-edits-03-new-story")


def test_read_only_user_sees_history_but_no_actions(page, e2e_outsider, two_stories):
    story, _ = two_stories
    login(page, "otto")
    page.goto(story.get_absolute_url())
    panel = page.locator("#corrections")
    assert panel.get_by_text("correcting stories is for the reviewers group").is_visible()
    assert page.get_by_role("button", name="Merge into this story").count() == 0


def test_reviewer_merges_a_story_offered_as_likely_the_same_event(
    page, shot, e2e_reviewer, two_stories
):
    story, other = two_stories
    give_profile(story, {"p:ada brenn": 3.0, "g:marlow creek": 3.0, "t:flood": 2.0})
    give_profile(other, {"p:ada brenn": 2.0, "g:marlow creek": 2.0, "t:inquiry": 2.0})
    login(page, "rita")
    page.goto(story.get_absolute_url())
    likely = page.get_by_test_id("likely-same")
    assert "shares" in likely.inner_text() and "ada brenn" in likely.inner_text()
    shot(page, "story-edits-04-likely-same")
    likely.get_by_role("button", name=f"Merge #{other.pk} into this story").click()
    page.get_by_text(f"Story #{other.pk} merged into this one: 2 articles moved.").wait_for()
    other.refresh_from_db()
    assert other.merged_into_id == story.pk
    assert "Likely the same event" in page.get_by_test_id("story-history").inner_text()
