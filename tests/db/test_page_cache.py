"""Story rows are rendered once per story version; every visible write invalidates them."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Flag
from claims.services import page_cache, review
from tests.e2e.demo_rows import build_demo_story

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit must run


def rows(client, story):
    return client.get(f"/stories/{story.pk}/rows/").content.decode()


def test_second_read_renders_nothing_new(reviewer_client):
    story = build_demo_story()
    first = rows(reviewer_client, story)
    with CaptureQueriesContext(connection) as queries:
        again = rows(reviewer_client, story)
    assert again == first
    assert not any("claims_claim" in q["sql"] for q in queries.captured_queries)


def test_a_triage_invalidates_the_cached_rows(reviewer_client, reviewer):
    story = build_demo_story()
    flag = (
        Flag.objects.filter(story=story, cluster__isnull=False)
        .exclude(kind__in=["corroborated", "single_source"])
        .first()
    )
    before = rows(reviewer_client, story)
    key = page_cache.rows_key(story.pk, "", None)
    assert cache.get(key) == before

    review.triage(flag.pk, "confirm", reviewer)

    assert page_cache.rows_key(story.pk, "", None) != key
    after = rows(reviewer_client, story)
    assert after != before
    assert "confirmed" in after


def test_a_verdict_invalidates_the_story_page(reviewer_client, reviewer):
    story = build_demo_story()
    cluster = story.clusters.filter(is_active=True).order_by("position", "pk").first()
    rows(reviewer_client, story)
    review.record_verdict(cluster.pk, "false", reviewer, "Checked against the record.")
    page = reviewer_client.get(story.get_absolute_url()).content.decode()
    assert "verdict--false" in page


def test_the_summary_is_built_once_per_version_and_a_triage_rebuilds_it(reviewer_client, reviewer):
    story = build_demo_story()
    flag = (
        Flag.objects.filter(story=story, cluster__isnull=False)
        .exclude(kind__in=["corroborated", "single_source"])
        .first()
    )
    reviewer_client.get(story.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        again = reviewer_client.get(story.get_absolute_url()).content.decode()
    assert "Open differences" in again and "People and their titles" in again
    assert not any("claims_flag" in q["sql"] for q in queries.captured_queries)

    open_before = cache.get(page_cache.summary_key(story.pk))["open_flag_count"]
    review.triage(flag.pk, "dismiss", reviewer)
    reviewer_client.get(story.get_absolute_url())
    assert cache.get(page_cache.summary_key(story.pk))["open_flag_count"] == open_before - 1
