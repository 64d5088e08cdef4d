"""Bulk decisions on match suggestions: a story's, or a cluster's, in one go."""

import pytest

from claims.models import MatchSuggestion
from claims.services import review
from tests.db import builders as b

pytestmark = pytest.mark.django_db


def _suggestion(story, a, b_, **kw):
    return MatchSuggestion.objects.create(
        story=story, text_hash_a=a, text_hash_b=b_, text_a=a, text_b=b_, similarity=0.8, **kw
    )


def test_accept_a_story_and_reject_a_cluster(reviewer):
    story, other_story = b.story(), b.story("Another")
    one = _suggestion(story, "h1", "h2")
    two = _suggestion(story, "h3", "h4")
    done = _suggestion(story, "h5", "h6", decision="rejected")
    elsewhere = _suggestion(other_story, "h1", "h2")
    assert review.decide_suggestions("accepted", reviewer, story_id=story.pk) == 2
    for s in (one, two, done, elsewhere):
        s.refresh_from_db()
    assert (one.decision, one.decided_by, two.decision) == ("accepted", reviewer, "accepted")
    assert one.decided_at is not None
    assert done.decision == "rejected" and elsewhere.decision == "pending"

    cluster = b.cluster(other_story)
    article = b.article(b.outlet("Outlet A"))
    claim = b.claim(article, "Claim text one.", cluster=cluster, story=other_story)
    mine = _suggestion(other_story, claim.text_hash, "zz")
    assert review.decide_suggestions("rejected", reviewer, cluster_id=cluster.pk) == 1
    mine.refresh_from_db()
    elsewhere.refresh_from_db()
    assert mine.decision == "rejected" and elsewhere.decision == "pending"


def test_bulk_decision_needs_one_target_and_a_known_decision(reviewer):
    story = b.story()
    with pytest.raises(review.ReviewError):
        review.decide_suggestions("maybe", reviewer, story_id=story.pk)
    with pytest.raises(review.ReviewError):
        review.decide_suggestions("accepted", reviewer)
    with pytest.raises(review.ReviewError):
        review.decide_suggestions("accepted", reviewer, cluster_id=999_999)
