"""Model constraints and querysets; run on SQLite and again on PostgreSQL."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import Alias, ArticleRevision, Feed, Flag, Review, Story
from tests.db import builders as b

pytestmark = pytest.mark.django_db


def assert_integrity_error(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_article_url_is_unique():
    first = b.article()
    assert_integrity_error(lambda: b.article(url=first.url))


def test_revision_hash_unique_per_article():
    art = b.article()
    ArticleRevision.objects.create(article=art, content_hash="abc", text="one")
    assert_integrity_error(
        lambda: ArticleRevision.objects.create(article=art, content_hash="abc", text="one")
    )
    # The same text on another article is a different revision.
    ArticleRevision.objects.create(article=b.article(), content_hash="abc", text="one")


def test_one_claim_per_article_sentence():
    art = b.article()
    b.claim(art, start=10)
    assert_integrity_error(lambda: b.claim(art, start=10))
    assert b.claim(art, start=50).pk


def test_flag_fingerprint_unique_within_story_only():
    s1, s2 = b.story(), b.story()
    b.flag(s1, fingerprint="fp")
    assert_integrity_error(lambda: b.flag(s1, fingerprint="fp"))
    assert b.flag(s2, fingerprint="fp").pk


def test_cluster_fingerprint_unique_within_story():
    s = b.story()
    b.cluster(s, fingerprint="c1")
    assert_integrity_error(lambda: b.cluster(s, fingerprint="c1"))


def test_review_targets_exactly_one_of_flag_or_cluster(reviewer):
    s = b.story()
    f, c = b.flag(s), b.cluster(s)
    assert_integrity_error(
        lambda: Review.objects.create(flag=f, cluster=c, reviewer=reviewer, action="dismiss")
    )
    assert_integrity_error(lambda: Review.objects.create(reviewer=reviewer, action="dismiss"))
    assert Review.objects.create(flag=f, reviewer=reviewer, action="dismiss").pk


def test_verdict_review_needs_a_rating(reviewer):
    c = b.cluster(b.story())
    assert_integrity_error(
        lambda: Review.objects.create(cluster=c, reviewer=reviewer, action="verdict")
    )
    review = Review.objects.create(cluster=c, reviewer=reviewer, action="verdict", verdict="true")
    assert review.get_verdict_display() == "True"


def test_alias_unique():
    Alias.objects.create(kind="title", subject="Pete Hegseth", value="a", canonical="b")
    assert_integrity_error(
        lambda: Alias.objects.create(
            kind="title", subject="Pete Hegseth", value="a", canonical="b"
        )
    )


def test_feeds_due_respect_activity_and_time():
    now = timezone.now()
    o = b.outlet()
    due = Feed.objects.create(outlet=o, url="https://a.example/feed", next_poll_at=now)
    Feed.objects.create(
        outlet=o, url="https://b.example/feed", next_poll_at=now + timedelta(minutes=5)
    )
    Feed.objects.create(outlet=o, url="https://c.example/feed", next_poll_at=now, is_active=False)
    assert list(Feed.objects.due(now)) == [due]


def test_active_stories_exclude_merged_and_old():
    now = timezone.now()
    recent = b.story(last_seen=now)
    b.story(last_seen=now - timedelta(days=30))
    b.story(last_seen=now, merged_into=recent)
    assert list(Story.objects.active_since(7, now)) == [recent]


def test_open_flags_and_contradictions():
    s = b.story()
    open_title = b.flag(s, kind="title_mismatch")
    b.flag(s, kind="title_mismatch", status="dismissed")
    b.flag(s, kind="title_mismatch", is_active=False)
    corroborated = b.flag(s, kind="corroborated")
    assert set(Flag.objects.open()) == {open_title, corroborated}
    assert list(Flag.objects.open().contradictions()) == [open_title]
    assert open_title.is_contradiction and not corroborated.is_contradiction


def test_ingest_job_progress():
    from claims.models import IngestJob

    job = IngestJob.objects.create(source="x", kind="url", total=4, done=2, failed=1)
    assert job.progress == 75
    assert IngestJob(source="y", kind="url").progress == 0


def test_a_merged_story_lives_on_in_the_end_of_its_chain():
    first, second, third = (Story.objects.create(title=t) for t in ("one", "two", "three"))
    Story.objects.filter(pk=first.pk).update(merged_into=second)
    Story.objects.filter(pk=second.pk).update(merged_into=third)
    assert Story.objects.get(pk=first.pk).surviving_story() == third
    assert third.surviving_story() == third
    # concurrent merges can close a loop: the walk stops where it closes
    Story.objects.filter(pk=third.pk).update(merged_into=first)
    assert Story.objects.get(pk=first.pk).surviving_story() in {first, second, third}
