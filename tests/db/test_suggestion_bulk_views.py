"""Bulk match decisions from the story page and the suggestions page: a cluster's or a
story's pending suggestions in one POST, by reviewers only, with a CSRF token."""

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from claims.models import MatchSuggestion
from tests.db import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    """A story with two clusters: two suggestions touch the first, one the second."""
    story = b.story("Harbour tolls")
    article = b.article(b.outlet("Outlet A"), story=story)
    first, second = b.cluster(story, "Tolls rise in May."), b.cluster(story, "Ferries stop.")
    claims = [
        b.claim(article, "Tolls rise in May.", cluster=first, story=story, start=0),
        b.claim(article, "Tolls go up in May.", start=20, story=story),
        b.claim(article, "Tolls will rise from May.", start=40, story=story),
        b.claim(article, "Ferries stop.", cluster=second, story=story, start=60),
        b.claim(article, "Ferry service ends.", start=80, story=story),
    ]

    def suggest(x, y):
        return MatchSuggestion.objects.create(
            story=story,
            text_hash_a=x.text_hash,
            text_hash_b=y.text_hash,
            text_a=x.text,
            text_b=y.text,
            similarity=0.8,
        )

    suggestions = [suggest(claims[0], claims[1]), suggest(claims[2], claims[0])]
    suggestions.append(suggest(claims[3], claims[4]))
    return story, first, second, suggestions


def decisions(suggestions):
    return [MatchSuggestion.objects.get(pk=s.pk).decision for s in suggestions]


def test_the_story_page_offers_a_cluster_and_the_whole_story(reviewer_client, rows):
    story, first, second, _ = rows
    response = reviewer_client.get(story.get_absolute_url())
    tree = lxml.html.fromstring(response.content)
    panel = tree.get_element_by_id("suggestions")
    assert "Match suggestions 3" in " ".join(panel.xpath(".//h2")[0].text_content().split())
    actions = [f.get("action") for f in panel.xpath(".//form")]
    assert actions == [
        reverse("claims:decide_story_suggestions", args=[story.pk]),
        reverse("claims:decide_cluster_suggestions", args=[first.pk]),
        reverse("claims:decide_cluster_suggestions", args=[second.pk]),
    ]
    for form in panel.xpath(".//form"):
        assert form.get("method") == "post" and form.xpath(".//input[@name='csrfmiddlewaretoken']")
    counts = [td.text_content() for td in panel.xpath(".//tbody/tr/td[@class='num']")]
    assert counts == ["2", "1"]


def test_accepting_a_cluster_decides_only_its_suggestions(reviewer_client, reviewer, rows):
    story, first, _, suggestions = rows
    url = reverse("claims:decide_cluster_suggestions", args=[first.pk])
    response = reviewer_client.post(url, {"decision": "accepted", "next": "/suggestions/?story=1"})
    assert response.status_code == 302 and response["Location"] == "/suggestions/?story=1"
    assert decisions(suggestions) == ["accepted", "accepted", "pending"]
    decided = MatchSuggestion.objects.get(pk=suggestions[0].pk)
    assert decided.decided_by == reviewer and decided.decided_at is not None
    page = reviewer_client.get(response["Location"].replace("1", str(story.pk)))
    assert "2 suggestions marked: same claim." in page.content.decode()


def test_rejecting_a_story_decides_the_rest_and_keeps_earlier_decisions(reviewer_client, rows):
    story, first, _, suggestions = rows
    MatchSuggestion.objects.filter(pk=suggestions[0].pk).update(decision="accepted")
    url = reverse("claims:decide_story_suggestions", args=[story.pk])
    response = reviewer_client.post(url, {"decision": "rejected", "next": "https://evil.example/"})
    assert response["Location"] == story.get_absolute_url() + "#suggestions"  # not off-site
    assert decisions(suggestions) == ["accepted", "rejected", "rejected"]
    again = reviewer_client.post(url, {"decision": "rejected"}, follow=True)
    assert "No pending suggestions left" in again.content.decode()
    bad = reviewer_client.post(url, {"decision": "maybe"}, follow=True)
    assert "Pick a decision" in bad.content.decode()


def test_someone_without_the_right_is_refused(client, outsider, rows):
    story, first, _, suggestions = rows
    client.force_login(outsider)
    for url in (
        reverse("claims:decide_story_suggestions", args=[story.pk]),
        reverse("claims:decide_cluster_suggestions", args=[first.pk]),
    ):
        assert client.post(url, {"decision": "accepted"}).status_code == 403
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Match suggestions" in page
    assert 'action="/stories/' not in page.split('id="suggestions"')[1].split("</section>")[0]
    assert decisions(suggestions) == ["pending"] * 3


def test_a_post_without_csrf_token_is_refused(reviewer, rows):
    story, *_, suggestions = rows
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    url = reverse("claims:decide_story_suggestions", args=[story.pk])
    assert client.post(url, {"decision": "accepted"}).status_code == 403
    assert client.get(url).status_code == 405
    assert decisions(suggestions) == ["pending"] * 3


def test_the_suggestions_page_filtered_by_story_carries_the_panel(reviewer_client, rows):
    story, *_ = rows
    page = reviewer_client.get(f"/suggestions/?story={story.pk}").content.decode()
    assert 'id="suggestions"' in page and "All 3: same claim" in page
    assert 'id="suggestions-h"' not in reviewer_client.get("/suggestions/").content.decode()
    assert reviewer_client.get("/suggestions/?story=abc").status_code == 200


def test_a_bulk_decision_bumps_the_story_cache_as_one_decision_does(
    reviewer, rows, django_capture_on_commit_callbacks
):
    from claims.services import page_cache, review

    story, first, *_ = rows
    for target in ({"story_id": story.pk}, {"cluster_id": first.pk}):
        before = page_cache.story_version(story.pk)
        with django_capture_on_commit_callbacks(execute=True):
            review.decide_suggestions("rejected", reviewer, **target)
        assert page_cache.story_version(story.pk) != before
