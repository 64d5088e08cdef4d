"""A ClaimReview feed import queued from the admin runs on a real worker (Redis, PostgreSQL):
the request returns at once, and the curator finds a notice with the counts on the
Notices page when the worker is done."""

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from claims.models import FactCheck, Notification
from tests.celery.conftest import wait_for
from tests.fixtures.http_server import RSS_TYPE, Reply, http_server, rss  # noqa: F401

pytestmark = [pytest.mark.celery, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

IMPORT = "/admin/claims/factcheck/import/"


def page(claim, url):
    node = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim,
        "author": {"@type": "Organization", "name": "Checker Desk"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }
    script = f'<script type="application/ld+json">{json.dumps(node)}</script>'
    return f"<!DOCTYPE html><html><head>{script}</head><body><p>Check</p></body></html>".encode()


def test_a_queued_feed_import_ends_in_a_notice(start_worker, http_server):  # noqa: F811
    start_worker(env={"FETCH_ALLOW_LOOPBACK": "true"})
    http_server.routes["/fc/1"] = Reply(body=page("Bridge tolls end.", "https://c.example/1"))
    http_server.routes["/fc/2"] = Reply(body=b"<html><body><p>No markup.</p></body></html>")
    date = "Mon, 05 Jan 2026 10:00:00 GMT"
    items = [(http_server.url(f"/fc/{n}"), f"Check {n}", date) for n in (1, 2)]
    http_server.routes["/checks.rss"] = Reply(body=rss(items), content_type=RSS_TYPE)
    feed = http_server.url("/checks.rss")
    curator = User.objects.create_superuser("cleo", "cleo@example.org", "correct-horse-battery")
    client = Client()
    client.force_login(curator)

    response = client.post(IMPORT, {"url": feed, "feed": "on"}, follow=True)
    assert f"Import of {feed} queued; you will get a notice" in response.content.decode()

    assert wait_for(lambda: Notification.objects.filter(user=curator).exists(), timeout=240)
    notice = Notification.objects.get(user=curator)
    first, *errors = notice.message.split("\n")
    assert first == f"ClaimReview import of {feed}: 1 imported, 0 updated, 0 unchanged, 1 error."
    assert errors and errors[0].startswith(http_server.url("/fc/2"))
    assert FactCheck.objects.get(url="https://c.example/1").imported_by == curator
    html = client.get(reverse("claims:notifications")).content.decode()
    assert "1 imported, 0 updated, 0 unchanged, 1 error.<br>" in html
