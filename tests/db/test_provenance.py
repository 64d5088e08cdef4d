"""Provenance with the ORM: revisions into the analysis, the trail out to exports."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import ArticleRevision, Review
from claims.services import provenance
from claims.services import review as review_service
from tests.db import builders

pytestmark = pytest.mark.django_db

T0 = timezone.now() - timedelta(days=1)


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def test_revision_inputs_give_first_fetch_and_earlier_texts():
    old, new = "The quay opens in May.", "The quay opens in June."
    article = builders.article(text=new, content_hash=_digest(new), published_at=None)
    ArticleRevision.objects.create(
        article=article, content_hash=_digest(old), text=old, fetched_at=T0
    )
    ArticleRevision.objects.create(
        article=article, content_hash=_digest(new), text=new, fetched_at=T0 + timedelta(hours=5)
    )
    never = builders.article(text="No revision stored.")
    first, earlier = provenance.revision_inputs([article, never])
    assert first[article.pk] == T0
    assert first[never.pk] == never.created_at
    assert [(r.text, r.fetched) for r in earlier[article.pk]] == [(old, T0)]
    assert never.pk not in earlier


def test_claimreview_carries_first_appearance_and_appearances_from_provenance(reviewer):
    story = builders.story()
    early = builders.article(
        outlet_obj=builders.outlet("Harbour Times"), published_at=None, title="Quay opens"
    )
    late = builders.article(outlet_obj=builders.outlet("Coast Daily"), published_at=T0)
    cluster = builders.cluster(story, "The quay opens in May.")
    builders.claim(late, "The quay opens in May.", cluster=cluster, story=story)
    builders.claim(early, "The new quay opens in May.", cluster=cluster, story=story)
    fetched = (T0 - timedelta(hours=2)).isoformat()
    cluster.provenance = {
        "first": {"article_id": early.pk, "outlet": "Harbour Times", "at": fetched,
                  "evidence": "first_fetch"},
        "appearances": [
            {"article_id": early.pk, "outlet": "Harbour Times", "at": fetched,
             "evidence": "first_fetch"},
            {"article_id": late.pk, "outlet": "Coast Daily", "at": T0.isoformat(),
             "evidence": "published"},
        ],
        "copies": [],
        "origins": [early.pk, late.pk],
        "independent_count": 2,
    }  # fmt: skip
    cluster.save()
    Review.objects.create(
        cluster=cluster, reviewer=reviewer, action="verdict", verdict="true", note="Checked."
    )
    [review] = review_service.claim_reviews(cluster_id=cluster.pk)
    item = review["itemReviewed"]
    # The undated page was fetched before the dated one was published: it came first.
    assert item["firstAppearance"]["url"] == early.url
    assert item["firstAppearance"]["dateCreated"] == fetched
    assert "datePublished" not in item["firstAppearance"]
    assert [a["url"] for a in item["appearance"]] == [early.url, late.url]
    assert item["appearance"][1]["datePublished"] == T0.isoformat()


def test_summary_adds_urls_and_keeps_the_count():
    story = builders.story()
    a = builders.article(outlet_obj=builders.outlet("Bay News"))
    cluster = builders.cluster(story, "Forty pilots will be hired.", independent_count=1)
    cluster.provenance = {
        "first": {"article_id": a.pk, "outlet": "Bay News", "at": None, "evidence": "unknown"},
        "appearances": [],
        "copies": [{"article_id": a.pk, "outlet": "Bay News", "of": 0, "how": "credit",
                    "credit": "Reuters"}],
        "origins": [a.pk],
        "independent_count": 1,
    }  # fmt: skip
    data = provenance.summary(cluster)
    assert data["first"]["url"] == a.url
    assert data["copies"] == [
        {"article": a.pk, "outlet": "Bay News", "url": a.url, "of": None, "how": "credit",
         "credit": "Reuters"}
    ]  # fmt: skip
    assert data["independent_count"] == 1
