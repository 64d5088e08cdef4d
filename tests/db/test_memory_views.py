"""The claim memory on the pages: "reviewed before" on story rows and the cluster page,
and "Inherit verdict" (reviewers only, POST, logged as a Review naming its source)."""

import hashlib
from datetime import date

import pytest
from django.urls import reverse

from claims.models import FactCheck, Review
from claims.services import memory, review
from tests.db import builders
from tests.db.test_memory import BRIDGE, WordEmbedder, fresh_index, word_embedder  # noqa: F401 (fixture's embedder)  # noqa: F401 (autouse fixtures)

pytestmark = pytest.mark.django_db


def _matched(reviewer):
    old = builders.cluster(builders.story("Bridge closure, last month"), label=BRIDGE)
    review.record_verdict(old.pk, "false", reviewer, "The council says it stays open.")
    memory.index_verdict(old.pk)
    story = builders.story("Bridge closure again")
    new = builders.cluster(story, label=BRIDGE)
    assert memory.match_story(story.pk) == 1
    return old, new


def test_the_cluster_page_shows_the_earlier_verdict_and_inherits_it(reviewer_client, reviewer):
    old, new = _matched(reviewer)
    page = reviewer_client.get(new.get_absolute_url()).content.decode()
    assert "Reviewed before" in page and "Inherit verdict" in page
    assert old.get_absolute_url() in page and "Bridge closure, last month" in page

    match = new.memory_matches.get()
    response = reviewer_client.post(
        reverse("claims:inherit_verdict", args=[new.pk]), {"match": match.pk}
    )
    assert response.status_code == 302
    inherited = Review.objects.get(cluster=new)
    assert (inherited.verdict, inherited.reviewer, inherited.action) == (
        "false",
        reviewer,
        Review.Action.VERDICT,
    )
    assert f"claim #{old.pk}" in inherited.note and "Bridge closure, last month" in inherited.note


def test_the_story_rows_show_it_with_a_way_to_inherit(reviewer_client, reviewer):
    _, new = _matched(reviewer)
    builders.article(story=new.story)  # the matrix needs an outlet column
    page = reviewer_client.get(new.story.get_absolute_url()).content.decode()
    assert 'data-testid="reviewed-before"' in page
    assert f"{new.get_absolute_url()}#reviewed-before" in page


def test_only_reviewers_inherit_and_only_a_match_of_that_cluster(client, outsider, reviewer):
    old, new = _matched(reviewer)
    match = new.memory_matches.get()
    url = reverse("claims:inherit_verdict", args=[new.pk])
    client.force_login(outsider)
    assert client.post(url, {"match": match.pk}).status_code == 403
    client.force_login(reviewer)
    other = reverse("claims:inherit_verdict", args=[old.pk])
    client.post(other, {"match": match.pk})  # the match belongs to `new`, not `old`
    client.post(url, {"match": "x"})
    assert Review.objects.filter(action=Review.Action.VERDICT).count() == 1  # the original


def test_a_fact_checks_text_and_link_are_escaped_and_its_url_must_be_http(
    reviewer_client, reviewer
):
    claim = "The bridge <script>alert(1)</script> closes."
    fc = FactCheck.objects.create(
        key=hashlib.sha256(b"x").hexdigest(),
        claim_reviewed=claim,
        verdict="",
        rating="<b>Pants on fire</b>",
        publisher="Checkers & Co",
        url="javascript:alert(1)",
        date_published=date(2026, 5, 4),
        source="test",
    )
    memory.index_fact_checks([fc.pk])
    story = builders.story()
    cluster = builders.cluster(story, label=claim)
    memory.match_story(story.pk)
    page = reviewer_client.get(cluster.get_absolute_url()).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert "&lt;b&gt;Pants on fire&lt;/b&gt;" in page and "Checkers &amp; Co" in page
    assert "javascript:" not in page
    assert "Inherit verdict" not in page  # the rating maps onto none of our verdicts
