"""Every model is in the admin, its pages render, and curation actions work."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from claims.models import Article, ClaimCluster, Feed, Flag, Review
from tests.db import builders as b

pytestmark = pytest.mark.django_db

CLAIMS_MODELS = list(apps.get_app_config("claims").get_models())


def test_every_model_is_registered():
    missing = [m.__name__ for m in CLAIMS_MODELS if not admin.site.is_registered(m)]
    assert not missing


@pytest.mark.parametrize("model", CLAIMS_MODELS, ids=lambda m: m.__name__)
def test_changelist_and_add_pages_render(client, staff, model):
    s = b.story()
    art = b.article(story=s)
    b.claim(art, story=s)
    b.flag(s, variants=[{"value": "Secretary of War", "outlets": ["A"], "evidence": []}])
    client.force_login(staff)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "Hegseth"}).status_code == 200
    add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    # Logs written by the services (story corrections) are read only in the admin.
    addable = admin.site._registry[model].has_add_permission(add.wsgi_request)
    assert add.status_code == (200 if addable else 403)


def test_reviewer_who_is_not_staff_cannot_reach_the_admin(client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("admin:claims_flag_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def _flag_action(client, action, flags):
    return client.post(
        reverse("admin:claims_flag_changelist"),
        {"action": action, "_selected_action": [f.pk for f in flags]},
        follow=True,
    )


def test_dismiss_action_records_a_review(client, staff):
    s = b.story()
    flags = [b.flag(s), b.flag(s)]
    client.force_login(staff)
    response = _flag_action(client, "dismiss", flags)
    assert "2 flags updated." in response.content.decode()
    assert set(Flag.objects.values_list("status", flat=True)) == {"dismissed"}
    assert Review.objects.filter(action="dismiss", reviewer=staff).count() == 2
    # Already dismissed: nothing changes, no second review.
    assert "0 flags updated." in _flag_action(client, "dismiss", flags).content.decode()
    assert Review.objects.count() == 2


def test_flag_actions_recolour_the_cluster_like_a_reviewer_triage(client, staff):
    # Regression: the admin wrote statuses itself, so a dismissed difference kept
    # its cluster red ("contradicted") on every page.
    s = b.story()
    cluster = b.cluster(s, status="contradicted", independent_count=3)
    flag = b.flag(s, kind="number_mismatch", subject="25% vs 50%", cluster=cluster)
    client.force_login(staff)
    _flag_action(client, "dismiss", [flag])
    assert ClaimCluster.objects.get(pk=cluster.pk).status == "corroborated"
    _flag_action(client, "reopen", [flag])
    assert ClaimCluster.objects.get(pk=cluster.pk).status == "contradicted"
    assert list(Review.objects.order_by("pk").values_list("action", flat=True)) == [
        "dismiss",
        "reopen",
    ]


def test_reprocess_actions_queue_like_the_command(client, staff, monkeypatch):
    from claims import pipeline

    started, analysed = [], []
    monkeypatch.setattr(pipeline, "start_article", started.append)
    monkeypatch.setattr(pipeline, "request_analysis", analysed.append)
    s = b.story()
    article = b.article(story=s, extracted_hash="done")
    client.force_login(staff)
    response = client.post(
        reverse("admin:claims_article_changelist"),
        {"action": "reprocess", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "1 article requeued." in response.content.decode()
    assert started == [article.pk]
    assert Article.objects.get(pk=article.pk).extracted_hash == ""
    response = client.post(
        reverse("admin:claims_story_changelist"),
        {"action": "reanalyse", "_selected_action": [s.pk]},
        follow=True,
    )
    assert "1 story queued." in response.content.decode()
    assert analysed == [s.pk]


def test_feed_fetch_now_queues_a_poll(client, staff, monkeypatch):
    from claims import pipeline

    polled = []
    monkeypatch.setattr(pipeline, "send_on_commit", lambda task, *args, **kw: polled.extend(args))
    feed = Feed.objects.create(outlet=b.outlet(), url="https://feeds.example/rss")
    client.force_login(staff)
    response = client.post(
        reverse("admin:claims_feed_changelist"),
        {"action": "fetch_now", "_selected_action": [feed.pk]},
        follow=True,
    )
    assert "1 feed queued." in response.content.decode()
    assert polled == [feed.pk]
