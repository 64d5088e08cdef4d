"""Re-check pages: the queue with its filters, one re-check, resolving, notices."""

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import ArticleRevision, Notification, Recheck
from claims.services import rechecks
from claims.services import review as review_service
from tests.db import builders

pytestmark = pytest.mark.django_db

BEFORE = "The ferry to the island will run twice a day from the first of April."
AFTER = "The ferry to the island will run three times a day from the first of April."


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def make_recheck(reviewer, title="Island ferry timetable", before=BEFORE, after=AFTER):
    story = builders.story(title=title)
    article = builders.article(
        text=before, story=story, extracted_hash=_digest(before), title=title
    )
    ArticleRevision.objects.create(
        article=article,
        content_hash=_digest(before),
        text=before,
        fetched_at=timezone.now() - timedelta(hours=1),
    )
    cluster = builders.cluster(story, before)
    builders.claim(article, before, story=story, cluster=cluster)
    review_service.record_verdict(cluster.pk, "true", reviewer, "Timetable checked.")
    ArticleRevision.objects.create(article=article, content_hash=_digest(after), text=after)
    article.text, article.content_hash = after, _digest(after)
    article.save(update_fields=["text", "content_hash"])
    [recheck] = rechecks.record_revision(article, [after], article.content_hash)
    return recheck


def test_queue_lists_open_rechecks_and_filters_by_story_and_reason(reviewer_client, reviewer):
    first = make_recheck(reviewer)
    other = make_recheck(
        reviewer,
        title="Harbour dues",
        before="Harbour dues will rise by four percent for every ship next year.",
        after="Harbour dues will rise by six percent for every ship next year.",
    )
    url = reverse("claims:rechecks")
    html = reviewer_client.get(url).content.decode()
    assert html.count('data-testid="recheck-row"') == 2
    assert html.index("Harbour dues") < html.index("Island ferry")  # newest first
    html = reviewer_client.get(url, {"story": first.story_id}).content.decode()
    assert html.count('data-testid="recheck-row"') == 1 and "Island ferry" in html
    html = reviewer_client.get(url, {"reason": "removed"}).content.decode()
    assert 'data-testid="empty"' in html
    rechecks.resolve(other.pk, reviewer, rechecks.KEEP)
    html = reviewer_client.get(url).content.decode()
    assert html.count('data-testid="recheck-row"') == 1
    html = reviewer_client.get(url, {"status": "resolved"}).content.decode()
    assert html.count('data-testid="recheck-row"') == 1 and "Harbour dues" in html


def test_recheck_page_shows_the_diff_and_the_decision_before(reviewer_client, reviewer):
    recheck = make_recheck(reviewer)
    html = reviewer_client.get(recheck.get_absolute_url()).content.decode()
    assert "<del>twice </del>" in html and "<ins>three times </ins>" in html
    assert "Timetable checked." in html
    assert 'value="keep"' in html


def test_resolve_from_the_page_keeps_the_verdict(reviewer_client, reviewer):
    recheck = make_recheck(reviewer)
    url = reverse("claims:recheck_resolve", args=[recheck.pk])
    response = reviewer_client.post(url, {"action": "keep", "note": "Still right."})
    assert response.status_code == 302
    recheck.refresh_from_db()
    assert (recheck.status, recheck.note) == (Recheck.Status.KEPT, "Still right.")
    # a second resolution is refused with a message, nothing changes
    response = reviewer_client.post(url, {"action": "change", "verdict": "false"}, follow=True)
    assert "already resolved" in response.content.decode()
    recheck.refresh_from_db()
    assert recheck.status == Recheck.Status.KEPT


def test_change_without_a_verdict_is_refused(reviewer_client, reviewer):
    recheck = make_recheck(reviewer)
    url = reverse("claims:recheck_resolve", args=[recheck.pk])
    response = reviewer_client.post(url, {"action": "change"}, follow=True)
    assert "Pick the new verdict" in response.content.decode()
    recheck.refresh_from_db()
    assert recheck.status == Recheck.Status.OPEN


def test_outsider_cannot_resolve(client, outsider, reviewer):
    recheck = make_recheck(reviewer)
    client.force_login(outsider)
    assert client.get(reverse("claims:rechecks")).status_code == 200
    url = reverse("claims:recheck_resolve", args=[recheck.pk])
    assert client.post(url, {"action": "keep"}).status_code == 403


def test_notices_badge_and_mark_read(reviewer_client, reviewer):
    make_recheck(reviewer)
    nav = reviewer_client.get(reverse("claims:recheck_nav")).content.decode()
    assert 'data-testid="recheck-badge">1<' in nav and 'data-testid="notice-badge">1<' in nav
    html = reviewer_client.get(reverse("claims:notifications")).content.decode()
    assert html.count('data-testid="notice"') == 1
    reviewer_client.post(reverse("claims:notifications_read"))
    assert not Notification.objects.filter(user=reviewer, read_at__isnull=True).exists()
    nav = reviewer_client.get(reverse("claims:recheck_nav")).content.decode()
    assert "notice-badge" not in nav


def test_cluster_page_and_dashboard_show_the_open_recheck(reviewer_client, reviewer):
    recheck = make_recheck(reviewer)
    html = reviewer_client.get(recheck.cluster.get_absolute_url()).content.decode()
    assert 'id="rechecks"' in html and "<ins>three times </ins>" in html
    html = reviewer_client.get(reverse("claims:dashboard")).content.decode()
    assert 'data-testid="dashboard-rechecks"' in html and "1 re-check to decide" in html
