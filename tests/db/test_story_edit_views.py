"""Story corrections from the story page and the admin: who may, what is logged, what shows."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from claims.models import Article, Story, StoryEdit, StoryKey, StorySeparation
from tests.db.test_story_edits import one_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_stories():
    story, articles = one_event(3)
    other, others = one_event(2, axis=5, start=10)
    return story, articles, other, others


def url(name, story):
    return reverse(f"claims:{name}", args=[story.pk])


def test_anonymous_and_outsiders_cannot_correct(client, outsider, two_stories):
    story, (a, b, c), other, _ = two_stories
    posts = [
        ("story_merge", {"other": other.pk}),
        ("story_move", {"articles": [c.pk], "to": ""}),
        ("story_split", {"articles": [c.pk]}),
    ]
    for name, data in posts:
        response = client.post(url(name, story), data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(outsider)
    for name, data in posts:
        assert client.post(url(name, story), data).status_code == 403
        assert client.get(url(name, story)).status_code == 403
    assert not StoryEdit.objects.exists()
    assert Story.objects.filter(merged_into=None).count() == 2
    page = client.get(url("story", story)).content.decode()
    assert "correcting stories is for the reviewers group" in page
    assert 'data-testid="merge-form"' not in page


def test_the_change_story_permission_is_enough(client, two_stories):
    story, _, other, _ = two_stories
    curator = User.objects.create_user("cora", password="correct-horse-battery")
    curator.user_permissions.add(Permission.objects.get(codename="change_story"))
    client.force_login(curator)
    response = client.post(url("story_merge", story), {"other": other.pk})
    assert response.status_code == 302
    assert StoryEdit.objects.get().user == curator


def test_corrections_need_a_csrf_token(reviewer, two_stories):
    story, (a, b, c), other, _ = two_stories
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    assert client.post(url("story_merge", story), {"other": other.pk}).status_code == 403
    assert client.post(url("story_split", story), {"articles": [c.pk]}).status_code == 403
    assert not StoryEdit.objects.exists()


def test_reviewer_merges_from_the_story_page(reviewer_client, reviewer, two_stories):
    story, _, other, (x, y) = two_stories
    page = reviewer_client.get(url("story", story)).content.decode()
    assert f'<option value="{other.pk}">' in page and "No corrections yet" in page
    response = reviewer_client.post(
        url("story_merge", story), {"other": other.pk, "note": "same flood"}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith(url("story", story))
    page = response.content.decode()
    assert f"Story #{other.pk} merged into this one: 2 articles moved." in page
    assert "same flood" in page and "rita" in page
    other.refresh_from_db()
    assert other.merged_into_id == story.pk
    edit = StoryEdit.objects.get()
    assert (edit.action, edit.story, edit.other_story, edit.user) == (
        "merge",
        story,
        other,
        reviewer,
    )
    # The merged story's page now leads to the story it was merged into.
    assert reviewer_client.get(url("story", other))["Location"] == url("story", story)


def test_a_story_years_away_is_still_offered_for_a_merge(reviewer_client, two_stories):
    # an undated archive page is placed at its fetch time, years after its event
    story, _, other, _ = two_stories
    years = timedelta(days=3 * 365)
    Story.objects.filter(pk=other.pk).update(
        first_seen=story.first_seen + years, last_seen=story.last_seen + years
    )
    for here, there in ((story, other), (other, story)):
        page = reviewer_client.get(url("story", here)).content.decode()
        assert f'<option value="{there.pk}">' in page


def test_reviewer_moves_an_article_to_another_story_and_to_a_new_one(reviewer_client, two_stories):
    story, (a, b, c), other, _ = two_stories
    response = reviewer_client.post(
        url("story_move", story), {"articles": [c.pk], "to": other.pk}, follow=True
    )
    assert "1 article moved to" in response.content.decode()
    assert Article.objects.get(pk=c.pk).story_id == other.pk
    response = reviewer_client.post(
        url("story_move", story), {"articles": [b.pk], "to": ""}, follow=True
    )
    new = Article.objects.get(pk=b.pk).story
    assert new.pk not in (story.pk, other.pk)
    page = response.content.decode()
    assert f'href="/stories/{new.pk}/"' in page
    assert [e.action for e in StoryEdit.objects.order_by("pk")] == ["move", "move"]
    assert StorySeparation.objects.count() == 2
    # The destination's page shows the move in its history, with the pin.
    page = reviewer_client.get(url("story", other)).content.decode()
    assert f"story #{story.pk}</a> into this story" in page and "pinned" in page


def test_reviewer_splits_from_the_story_page(reviewer_client, two_stories):
    story, (a, b, c), _, _ = two_stories
    response = reviewer_client.post(
        url("story_split", story), {"articles": [b.pk, c.pk], "note": "second fire"}, follow=True
    )
    assert "2 articles split off into" in response.content.decode()
    new = Article.objects.get(pk=b.pk).story
    assert (
        Article.objects.get(pk=c.pk).story == new and Article.objects.get(pk=a.pk).story == story
    )
    assert StoryEdit.objects.get().action == "split"


def test_invalid_corrections_are_refused_with_a_message(reviewer_client, two_stories):
    story, (a, b, c), other, (x, _) = two_stories
    cases = [
        ("story_split", {"articles": [a.pk, b.pk, c.pk]}, "Leave at least one article"),
        ("story_split", {}, "Select at least one article."),
        ("story_move", {"articles": [x.pk], "to": ""}, "no longer in this story"),
        ("story_merge", {"other": story.pk}, "gone or already merged"),
        ("story_merge", {"other": 999_999}, "gone or already merged"),
    ]
    for name, data, message in cases:
        response = reviewer_client.post(url(name, story), data, follow=True)
        assert message in response.content.decode(), name
    assert not StoryEdit.objects.exists()
    assert Article.objects.get(pk=x.pk).story == other


def test_admin_merge_and_move_go_through_the_service(client, staff, two_stories):
    story, (a, b, c), other, (x, y) = two_stories
    client.force_login(staff)
    response = client.post(
        reverse("admin:claims_article_changelist"),
        {"action": "move_to_story", "_selected_action": [c.pk], "story": other.pk},
        follow=True,
    )
    assert f"1 article moved to story #{other.pk}." in response.content.decode()
    assert Article.objects.get(pk=c.pk).story_locked
    response = client.post(
        reverse("admin:claims_article_changelist"),
        {"action": "move_to_story", "_selected_action": [b.pk], "story": ""},
        follow=True,
    )
    new = Article.objects.get(pk=b.pk).story
    assert new not in (story, other) and Article.objects.get(pk=a.pk).story == story
    response = client.post(
        reverse("admin:claims_story_changelist"),
        {"action": "merge", "_selected_action": [story.pk, other.pk]},
        follow=True,
    )
    assert "1 story merged." in response.content.decode()
    assert Story.objects.get(pk=other.pk).merged_into_id == story.pk
    assert [(e.action, e.user) for e in StoryEdit.objects.order_by("pk")] == [
        ("move", staff),
        ("move", staff),
        ("merge", staff),
    ]
    # The story's page in the admin lists the corrections that brought articles in.
    page = client.get(reverse("admin:claims_story_change", args=[new.pk])).content.decode()
    assert "Corrections" in page and "Moved article" in page
    # The log is read only.
    edit = StoryEdit.objects.first()
    change = reverse("admin:claims_storyedit_change", args=[edit.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"note": "rewritten"}).status_code == 403
    assert client.get(reverse("admin:claims_storyedit_add")).status_code == 403


def test_admin_move_to_a_missing_story_changes_nothing(client, staff, two_stories):
    story, (a, _, _), _, _ = two_stories
    client.force_login(staff)
    response = client.post(
        reverse("admin:claims_article_changelist"),
        {"action": "move_to_story", "_selected_action": [a.pk], "story": 999_999},
        follow=True,
    )
    assert "No story with that id." in response.content.decode()
    assert Article.objects.get(pk=a.pk).story == story and not StoryEdit.objects.exists()


def give_profile(story, terms):
    """The story's names and terms as the story step would have left them."""
    story.profile = {"terms": terms, "first": None, "last": None}
    story.save(update_fields=["profile"])
    StoryKey.objects.filter(story=story).delete()
    StoryKey.objects.bulk_create(
        StoryKey(story=story, key=key, last_seen=story.last_seen) for key in terms
    )


def test_a_story_of_the_same_event_is_offered_first_with_what_it_shares(reviewer_client):
    story, _ = one_event(3)
    same, _ = one_event(2, axis=5, start=10)
    other, _ = one_event(2, axis=9, start=20)
    give_profile(story, {"p:dara quell": 3.0, "g:tarnford": 3.0, "t:ferry": 2.0, "t:blaze": 2.0})
    give_profile(same, {"p:dara quell": 2.0, "g:tarnford": 2.0, "t:ferry": 1.0, "t:trial": 2.0})
    give_profile(other, {"p:ines varga": 2.0, "g:marlow": 2.0, "t:ferry": 1.0, "t:vote": 2.0})
    page = reviewer_client.get(url("story", story)).content.decode()
    likely = page.split('data-testid="likely-same"')[1].split("</div>")[0]
    assert f'name="other" value="{same.pk}"' in likely
    assert "shares tarnford, dara quell" in likely
    assert f'value="{other.pk}"' not in likely
    # the whole list still offers every story, the likely one first
    options = page.split('id="merge-other"')[1].split("</select>")[0]
    assert options.index(f'value="{same.pk}"') < options.index(f'value="{other.pk}"')
    response = reviewer_client.post(
        url("story_merge", story),
        {"other": same.pk, "note": "Likely the same event: shares dara quell, tarnford"},
    )
    assert response.status_code == 302
    same.refresh_from_db()
    assert same.merged_into_id == story.pk
    assert StoryEdit.objects.get().note.startswith("Likely the same event")


def test_no_likely_story_no_list(reviewer_client):
    story, _ = one_event(3)
    other, _ = one_event(2, axis=9, start=20)
    give_profile(story, {"p:dara quell": 3.0, "g:tarnford": 3.0})
    give_profile(other, {"p:ines varga": 2.0, "g:marlow": 2.0})
    page = reviewer_client.get(url("story", story)).content.decode()
    assert 'data-testid="likely-same"' not in page
    assert f'<option value="{other.pk}">' in page
