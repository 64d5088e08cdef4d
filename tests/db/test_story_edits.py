"""Reviewers' corrections of stories (merge, move, split): logged, pinned, kept apart.

How later articles follow a correction, through the story step the pipeline
runs, is in test_story_edits_assignment.py.
"""

import pytest
from django.db import IntegrityError, transaction

from claims.models import Article, Claim, ClaimCluster, Flag, Story, StoryEdit, StorySeparation
from claims.services import analysis, story_edits
from claims.services.story_edits import StoryEditError
from tests.db.test_services_analysis import T0, add_claim, analyse, make_article, unit

pytestmark = pytest.mark.django_db


def one_event(n=4, axis=0, start=1):
    """A story of n articles from n outlets, each with a claim about the same thing."""
    story = Story.objects.create(title=f"Event {axis}", first_seen=T0, last_seen=T0)
    articles = []
    for i in range(n):
        a = make_article(f"Outlet {start + i}", start + i, i)
        add_claim(a, 0, f"event {axis} told by {i}", unit(axis, noise=0.01, seed=start + i))
        articles.append(a)
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(story=story)
    Claim.objects.filter(article__in=articles).update(story=story)
    story_edits.refresh_story(story)
    story.refresh_from_db()
    for a in articles:
        a.refresh_from_db()
    return story, articles


def later_article(n, axis=0, hours=10):
    a = make_article(f"Later {n}", 100 + n, hours)
    add_claim(a, 0, f"follow-up {n}", unit(axis, noise=0.01, seed=100 + n))
    return a


def story_of(article):
    return Article.objects.get(pk=article.pk).story_id


def test_move_to_a_new_story_is_logged_pinned_and_kept_apart(reviewer):
    story, (a, b, c, d) = one_event()
    result = story_edits.move_article(d, None, reviewer, note="an opinion piece")
    new = result.story
    assert new.pk != story.pk and result.moved == 1
    d.refresh_from_db()
    assert d.story_id == new.pk and d.story_locked
    assert set(Claim.objects.filter(article=d).values_list("story_id", flat=True)) == {new.pk}
    edit = StoryEdit.objects.get()
    assert (edit.action, edit.story_id, edit.other_story_id) == ("move", new.pk, story.pk)
    assert edit.user == reviewer and edit.article_ids == [d.pk] and edit.note == "an opinion piece"
    assert edit.created_at is not None
    assert story_edits.kept_apart([story.pk, new.pk]) == {frozenset((story.pk, new.pk))}
    story.refresh_from_db()
    new.refresh_from_db()
    assert (story.article_count, new.article_count) == (3, 1)
    assert story.needs_analysis and new.needs_analysis
    assert new.title == d.title


def test_a_moved_article_stays_through_reanalysis(reviewer):
    story, (a, b, c, d) = one_event()
    new = story_edits.move_article(d, None, reviewer).story
    assert analyse(story) and analyse(new)
    assert story_of(d) == new.pk and {story_of(x) for x in (a, b, c)} == {story.pk}
    assert Story.objects.get(pk=story.pk).article_count == 3
    assert set(Claim.objects.filter(article=d).values_list("cluster__story", flat=True)) == {
        new.pk
    }
    assert analyse(story) and analyse(new)
    assert story_of(d) == new.pk


def test_move_to_an_existing_story(reviewer):
    story, (a, b, c) = one_event(3)
    other, (x,) = one_event(1, axis=5, start=10)
    result = story_edits.move_article(c.pk, other.pk, reviewer)
    assert result.story == other
    assert story_of(c) == other.pk
    other.refresh_from_db()
    story.refresh_from_db()
    assert (story.article_count, other.article_count) == (2, 2)
    with pytest.raises(StoryEditError):
        story_edits.move_article(c, other, reviewer)
    assert StoryEdit.objects.count() == 1


def test_moving_a_story_s_only_article_folds_the_emptied_story_in(reviewer):
    story, (a, b) = one_event(2)
    lone, (x,) = one_event(1, start=10)
    analyse(lone)
    flag = Flag.objects.get(story=lone, kind="single_source")
    Flag.objects.filter(pk=flag.pk).update(status=Flag.Status.DISMISSED)
    story_edits.move_article(x, story, reviewer)
    lone.refresh_from_db()
    assert lone.merged_into_id == story.pk
    assert not StorySeparation.objects.exists()
    assert StoryEdit.objects.get().other_story_id == lone.pk
    # The reviewer's decision on the folded story's flag came along.
    assert Flag.objects.get(pk=flag.pk).story_id == story.pk
    assert Story.objects.get(pk=story.pk).article_count == 3


def test_moved_claims_leave_the_old_story_clusters_and_flags(reviewer):
    story, (a, b, c) = one_event(3)
    add_claim(c, 1, "Only this outlet reports 5,000 jobs.", unit(7), score=0.9)
    analyse(story)
    lone = Flag.objects.get(story=story, kind="single_source", is_active=True)
    assert c.outlet.name in str(lone.variants)
    new = story_edits.move_article(c, None, reviewer).story
    assert not Claim.objects.filter(article=c, cluster__story=story).exists()
    analyse(story)
    analyse(new)
    lone.refresh_from_db()
    assert not lone.is_active
    outlets = set(
        ClaimCluster.objects.filter(story=story, is_active=True).values_list(
            "claims__article__outlet__name", flat=True
        )
    )
    assert c.outlet.name not in outlets
    assert Claim.objects.filter(article=c, cluster__story=new).count() == 2


def test_split_is_logged_and_survives_reanalysis(reviewer):
    story, (a, b, c, d) = one_event()
    result = story_edits.split_story(story, [c.pk, d.pk], reviewer, note="two events")
    new = result.story
    edit = StoryEdit.objects.get()
    assert edit.action == "split" and edit.other_story_id == story.pk
    assert sorted(edit.article_ids) == sorted([c.pk, d.pk]) and edit.user == reviewer
    assert {story_of(c), story_of(d)} == {new.pk}
    assert {story_of(a), story_of(b)} == {story.pk}
    assert analyse(story) and analyse(new)
    assert {story_of(c), story_of(d)} == {new.pk}
    assert {story_of(a), story_of(b)} == {story.pk}
    assert Story.objects.filter(pk__in=[story.pk, new.pk], merged_into=None).count() == 2


def test_split_checks_the_articles(reviewer):
    story, (a, b) = one_event(2)
    other, (x,) = one_event(1, axis=5, start=10)
    with pytest.raises(StoryEditError):
        story_edits.split_story(story, [], reviewer)
    with pytest.raises(StoryEditError):
        story_edits.split_story(story, [a.pk, b.pk], reviewer)
    with pytest.raises(StoryEditError):
        story_edits.split_story(story, [x.pk], reviewer)
    assert not StoryEdit.objects.exists()


def test_separation_follows_an_automatic_merge_of_either_side(reviewer):
    story, (a, b, c) = one_event(3)
    new = story_edits.split_story(story, [c.pk], reviewer).story
    # A third story, older, that the kept story is then merged into.
    older = Story.objects.create(
        title="older", first_seen=T0, last_seen=T0, article_count=0, centroid=unit(0).tobytes()
    )
    analysis.merge_stories(older.pk, [story.pk])
    assert story_edits.kept_apart([older.pk, new.pk]) == {frozenset((older.pk, new.pk))}
    assert story_edits.auto_merge_plan(older.pk, [new.pk]) is None


def test_reviewer_merge_is_logged_pins_and_lifts_a_separation(reviewer, staff):
    story, (a, b, c) = one_event(3)
    new = story_edits.split_story(story, [c.pk], reviewer).story
    other, (x, y) = one_event(2, axis=5, start=10)
    result = story_edits.merge_stories(story, [new, other.pk], staff, note="same event")
    assert result.story == story and result.moved == 3
    assert not StorySeparation.objects.exists()
    new.refresh_from_db()
    other.refresh_from_db()
    assert new.merged_into_id == story.pk and other.merged_into_id == story.pk
    assert set(Article.objects.values_list("story_id", flat=True)) == {story.pk}
    assert set(Article.objects.values_list("story_locked", flat=True)) == {True}
    merges = StoryEdit.objects.filter(action="merge").order_by("other_story_id")
    assert [(e.other_story_id, e.user, sorted(e.article_ids)) for e in merges] == [
        (new.pk, staff, [c.pk]),
        (other.pk, staff, sorted([x.pk, y.pk])),
    ]
    assert [e.pk for e in story_edits.history(story)][:2] == sorted(
        [e.pk for e in merges], reverse=True
    )
    story.refresh_from_db()
    assert story.article_count == 5 and story.needs_analysis
    assert analyse(story)
    assert {story_of(z) for z in (a, b, c, x, y)} == {story.pk}


def test_merge_checks_its_input(reviewer):
    story, _ = one_event(2)
    with pytest.raises(StoryEditError):
        story_edits.merge_stories(story, [story], reviewer)
    with pytest.raises(StoryEditError):
        story_edits.merge_stories(story, [], reviewer)
    assert not StoryEdit.objects.exists()


def test_an_automatic_merge_keeps_a_pinned_story_as_its_target(reviewer):
    # An older story, and a newer one holding an article a reviewer put there.
    old, _ = one_event(2)
    Story.objects.filter(pk=old.pk).update(first_seen=T0.replace(year=2024))
    curated = Story.objects.create(title="curated", first_seen=T0, last_seen=T0)
    x = later_article(5)
    story_edits.move_article(x, curated, reviewer)
    StorySeparation.objects.all().delete()  # no separation: only the pin is at work
    assert story_edits.auto_merge_plan(old.pk, [curated.pk]) == (curated.pk, [old.pk])
    assert story_edits.auto_merge_plan(curated.pk, [old.pk]) == (curated.pk, [old.pk])
    # Without the pin, the oldest story is the target.
    Article.objects.filter(pk=x.pk).update(story_locked=False)
    assert story_edits.auto_merge_plan(curated.pk, [old.pk]) == (old.pk, [curated.pk])


def test_two_pinned_stories_are_not_merged_automatically(reviewer):
    s1, (a,) = one_event(1)
    s2 = story_edits.move_article(later_article(1), None, reviewer).story
    Article.objects.filter(pk=a.pk).update(story_locked=True)
    StorySeparation.objects.all().delete()
    assert story_edits.auto_merge_plan(s1.pk, [s2.pk]) is None


def test_separation_pairs_are_stored_once():
    s1, s2 = Story.objects.create(title="1"), Story.objects.create(title="2")
    StorySeparation.objects.create(story_a=s1, story_b=s2)
    with pytest.raises(IntegrityError), transaction.atomic():
        StorySeparation.objects.create(story_a=s2, story_b=s1)


def test_the_story_steps_automatic_merge_folds_small_stories_and_keeps_separations(reviewer):
    from claims.services import stories

    story, (a, b) = one_event(2)
    early, (x,) = one_event(1, axis=3, start=10)
    merged = stories._merge_same_event(story, [early.pk])
    assert merged.pk == story.pk  # the oldest story (the same first_seen: the first made)
    assert {story_of(z) for z in (a, b, x)} == {merged.pk}
    assert Story.objects.get(pk=merged.pk).article_count == 3
    # A story a reviewer split off is never folded back automatically.
    split = story_edits.split_story(merged, [x.pk], reviewer).story
    assert stories._merge_same_event(merged, [split.pk]).pk == merged.pk
    assert story_of(x) == split.pk
