"""The claim memory in a real browser: a reviewer rates a claim in one story; months later
a new story tells the same claim; its row says "Reviewed before", and the reviewer
inherits the verdict with one click (real Chromium against live_server, the real
pipeline with eager tasks)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from claims.models import Article, ClaimCluster, MemoryMatch, Review
from claims.services import ingest
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CLAIM = (
    "The Lomsk city council voted seven to two on Tuesday to close the Harbour Bridge "
    "to all traffic from 1 May, Mayor Ana Petrova said."
)
FIRST = (
    f"{CLAIM} Engineers found cracks in two of the bridge's steel piers last winter. "
    "Ferry operators expect about 4,000 extra passengers a day once the bridge closes."
)
LATER = (
    "Commuters in Lomsk queued for the ferries on Monday as the road bridge stayed shut. "
    f"{CLAIM} A replacement crossing is not expected before 2029, officials said."
)


def _ingest(text, title, outlet, published):
    job = ingest.submit_text(text, title=title, outlet=outlet, published=published.isoformat())
    assert job.failed == 0, job.error
    article = Article.objects.get(title=title)
    assert article.status == Article.Status.ANALYSED, article.last_error
    return article


def _cluster_of(article):
    return ClaimCluster.objects.get(story=article.story, claims__text=CLAIM, is_active=True)


def test_a_new_story_shows_the_earlier_verdict_and_the_reviewer_inherits_it(
    page, e2e_reviewer, shot
):
    now = timezone.now()
    before = timedelta(days=settings.STORY_WINDOW_DAYS + 25)  # beyond the story window
    first = _ingest(FIRST, "Lomsk bridge to close", "Lomsk Courier", now - before)
    old = _cluster_of(first)

    login(page, e2e_reviewer.username)
    page.goto(old.get_absolute_url())
    page.get_by_label("Misleading").check()
    page.get_by_label("Rationale").fill("The vote closed the bridge to lorries only.")
    page.get_by_role("button", name="Record verdict").click()
    page.get_by_test_id("verdict").wait_for()

    # Months later (beyond the story window): another outlet, a new story, same claim.
    later = _ingest(LATER, "Ferry queues in Lomsk", "Valley Times", now)
    assert later.story_id != first.story_id
    new = _cluster_of(later)
    assert MemoryMatch.objects.filter(cluster=new, entry__cluster=old).exists()

    page.goto(later.story.get_absolute_url())
    row = page.locator(f"#cluster-{new.pk}")
    line = row.get_by_test_id("reviewed-before")
    assert "Reviewed before: Misleading" in line.inner_text()
    assert "Lomsk bridge to close" in line.inner_text()  # the earlier story's title
    shot(page, "memory-01-story-reviewed-before")
    line.get_by_role("link", name="Inherit verdict…").click()
    page.wait_for_url(f"**/clusters/{new.pk}/**")

    panel = page.locator("#reviewed-before")
    assert "Reviewed before: Misleading" in panel.inner_text()
    panel.get_by_role("button", name="Inherit verdict").click()
    page.get_by_text("Verdict inherited.").wait_for()
    assert page.get_by_test_id("verdict").inner_text() == "Misleading"
    shot(page, "memory-02-verdict-inherited")

    inherited = Review.objects.get(cluster=new, action=Review.Action.VERDICT)
    assert inherited.reviewer == e2e_reviewer
    assert f"claim #{old.pk}" in inherited.note and "Lomsk bridge to close" in inherited.note
    assert inherited.note in page.locator("#verdict").inner_text().replace("\n", " ")
