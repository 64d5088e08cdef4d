"""A reviewer opens the re-check queue, sees the word diff, keeps the verdict, and the
item leaves the queue (real Chromium against live_server)."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import ArticleRevision, Recheck
from claims.services import rechecks
from claims.services import review as review_service
from tests.db import builders
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BEFORE = "The lighthouse keeper said the beacon was repaired on 4 March by a crew of nine."
AFTER = "The lighthouse keeper said the beacon was repaired on 14 March by a crew of nine."


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def open_recheck(e2e_reviewer):
    story = builders.story(title="Lighthouse beacon back in service")
    article = builders.article(
        outlet_obj=builders.outlet("Cape Herald"),
        text=BEFORE,
        story=story,
        extracted_hash=_digest(BEFORE),
    )
    ArticleRevision.objects.create(
        article=article,
        content_hash=_digest(BEFORE),
        text=BEFORE,
        fetched_at=timezone.now() - timedelta(hours=2),
    )
    cluster = builders.cluster(story, BEFORE)
    builders.claim(article, BEFORE, story=story, cluster=cluster)
    review_service.record_verdict(cluster.pk, "mostly_true", e2e_reviewer, "Harbour log checked.")
    ArticleRevision.objects.create(article=article, content_hash=_digest(AFTER), text=AFTER)
    article.text, article.content_hash = AFTER, _digest(AFTER)
    article.save(update_fields=["text", "content_hash"])
    [recheck] = rechecks.record_revision(article, [AFTER], article.content_hash)
    return recheck


def test_reviewer_keeps_the_verdict_and_the_item_leaves_the_queue(
    page, e2e_reviewer, open_recheck, shot
):
    login(page, e2e_reviewer.username)
    page.goto("/rechecks/")
    rows = page.get_by_test_id("recheck-row")
    assert rows.count() == 1
    assert page.get_by_test_id("open-count").inner_text() == "1"
    page.get_by_role("link", name="Review").click()
    page.wait_for_url(f"**/rechecks/{open_recheck.pk}/")

    diff = page.get_by_test_id("diff")
    assert diff.locator("del").inner_text().strip() == "4"
    assert diff.locator("ins").inner_text().strip() == "14"
    assert page.get_by_test_id("old-text").inner_text() == BEFORE
    assert page.get_by_test_id("new-text").inner_text() == AFTER
    assert "Harbour log checked." in page.content()  # who decided what before
    shot(page, "recheck-detail")

    page.get_by_label("Note").fill("The log says 14 March; the claim still holds.")
    page.get_by_role("button", name="Keep the verdict").click()
    page.wait_for_url("**/rechecks/")
    assert page.get_by_test_id("empty").is_visible()
    assert page.get_by_test_id("recheck-row").count() == 0
    shot(page, "recheck-queue-empty")

    open_recheck.refresh_from_db()
    assert open_recheck.status == Recheck.Status.KEPT
    assert open_recheck.resolved_by == e2e_reviewer
    cluster_id = open_recheck.cluster_id
    latest = review_service.latest_verdicts([cluster_id])[cluster_id]
    assert (latest.verdict, latest.reviewer) == ("mostly_true", e2e_reviewer)
