"""ClaimReview imports in the background: the admin queues URL and feed imports when a
broker is configured, the task's service leaves the importing user a notice with the
counts and the first errors, and the Notices page shows and clears such a notice."""

import json
import time

import lxml.html
import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from claims import pipeline
from claims.models import FactCheck, Notification
from claims.services import claimreview, memory, notify
from tests.fixtures.http_server import RSS_TYPE, Reply, http_server, rss  # noqa: F401

pytestmark = pytest.mark.django_db

IMPORT = "/admin/claims/factcheck/import/"


def review(claim, url, rating="False"):
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim,
        "author": {"@type": "Organization", "name": "Checker Desk"},
        "reviewRating": {"@type": "Rating", "alternateName": rating},
    }


def page(*nodes) -> bytes:
    blocks = "".join(f'<script type="application/ld+json">{json.dumps(n)}</script>' for n in nodes)
    return f"<!DOCTYPE html><html><head>{blocks}</head><body><p>Check</p></body></html>".encode()


BROKEN = {"@type": "ClaimReview", "url": "https://c.example/broken"}


@pytest.fixture(autouse=True)
def indexed(monkeypatch):
    """The claim memory's indexing, recorded (the real one is tested in test_memory)."""
    calls = []
    monkeypatch.setattr(memory, "index_fact_checks", lambda ids: calls.append(ids) or len(ids))
    return calls


@pytest.fixture
def curator(db):
    user = User.objects.create_user("cora", "cora@example.org", "correct-horse-battery")
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_factcheck", "view_factcheck"])
    )
    return user


@pytest.fixture
def curator_client(curator):
    client = Client()
    client.force_login(curator)
    return client


@pytest.fixture
def queued(monkeypatch):
    """A broker is configured; the sender is recorded (no worker here)."""
    calls = []
    monkeypatch.setattr(pipeline, "has_broker", lambda: True)
    monkeypatch.setattr(pipeline, "import_claimreview", lambda *args: calls.append(args) or True)
    return calls


def _messages(response):
    tree = lxml.html.fromstring(response.content)
    return [
        " ".join(li.text_content().split()) for li in tree.xpath("//ul[@class='messagelist']/li")
    ]


# --- the admin -----------------------------------------------------------------------------


def test_with_a_broker_a_url_is_queued_not_fetched(curator_client, curator, queued, http_server):  # noqa: F811
    assert "imported in the background" in curator_client.get(IMPORT).content.decode()
    http_server.routes["/fc"] = Reply(body=page(review("Buses are free.", "https://c.example/b")))
    url = http_server.url("/fc")
    response = curator_client.post(IMPORT, {"url": url, "feed": "on"}, follow=True)
    assert _messages(response) == [
        f"Import of {url} queued; you will get a notice when it is done."
    ]
    assert queued == [(url, True, curator.pk)]
    assert http_server.hits("/fc") == [] and not FactCheck.objects.exists()


def test_an_unreachable_queue_says_nothing_was_imported(curator_client, monkeypatch):
    monkeypatch.setattr(pipeline, "has_broker", lambda: True)
    monkeypatch.setattr(pipeline, "import_claimreview", lambda *args: False)
    response = curator_client.post(IMPORT, {"url": "https://c.example/fc"}, follow=True)
    assert "not queued: the task queue is unreachable" in _messages(response)[0]


def test_with_a_broker_an_uploaded_file_is_still_imported_in_the_request(curator_client, queued):
    document = json.dumps([review("Trams are free.", "https://c.example/t")]).encode()
    upload = SimpleUploadedFile("checks.json", document)
    response = curator_client.post(IMPORT, {"file": upload}, follow=True)
    assert _messages(response)[0].startswith("ClaimReview import: 1 imported")
    assert queued == [] and FactCheck.objects.count() == 1


def test_in_eager_mode_the_real_sender_is_never_reached(curator_client, monkeypatch, http_server):  # noqa: F811
    monkeypatch.setattr(pipeline, "import_claimreview", lambda *a: pytest.fail("queued"))
    http_server.routes["/fc"] = Reply(
        body=page(review("Ferries are free.", "https://c.example/f"))
    )
    assert not pipeline.has_broker()  # the test settings have no broker
    assert "in the background" not in curator_client.get(IMPORT).content.decode()
    response = curator_client.post(IMPORT, {"url": http_server.url("/fc")}, follow=True)
    assert _messages(response)[0].startswith("ClaimReview import: 1 imported")


# --- the task's service --------------------------------------------------------------------


def test_the_importing_user_gets_a_notice_with_counts_and_errors(curator, http_server):  # noqa: F811
    http_server.routes["/fc/1"] = Reply(body=page(review("Rents fell.", "https://c.example/r")))
    http_server.routes["/fc/2"] = Reply(body=page(BROKEN))
    http_server.routes["/fc/3"] = Reply(body=page(review("Fares rose.", "https://c.example/f")))
    items = [
        (http_server.url(f"/fc/{n}"), f"Check {n}", "Mon, 05 Jan 2026 10:00:00 GMT")
        for n in (1, 2, 3)
    ]
    http_server.routes["/checks.rss"] = Reply(body=rss(items), content_type=RSS_TYPE)
    feed = http_server.url("/checks.rss")

    summary = claimreview.import_in_background(feed, feed=True, user_id=curator.pk)
    assert summary.startswith("2 imported, 0 updated, 0 skipped, 1 error")
    notice = Notification.objects.get(user=curator)
    lines = notice.message.split("\n")
    assert notice.recheck is None and notice.read_at is None
    assert (
        lines[0] == f"ClaimReview import of {feed}: 2 imported, 0 updated, 0 unchanged, 1 error."
    )
    assert lines[1].startswith(http_server.url("/fc/2") + " script: no claimReviewed")
    assert FactCheck.objects.get(url="https://c.example/r").imported_by == curator

    claimreview.import_in_background(feed, feed=True, user_id=curator.pk)  # run twice
    again = Notification.objects.filter(user=curator).order_by("-pk").first()
    assert "0 imported, 0 updated, 2 unchanged, 1 error." in again.message
    assert FactCheck.objects.count() == 2


def test_a_long_list_of_errors_fits_in_one_notice(curator):
    report = claimreview.ImportReport(
        imported=1, errors=[f"https://c.example/{n}/{'x' * 300}: timed out" for n in range(9)]
    )
    text = claimreview.notice("https://c.example/feed", report)
    assert len(text) <= 500 and text.endswith("\n… and 7 more.")  # two quoted lines fit
    assert text.count("\n") == 3 and "1 imported, 0 updated, 0 unchanged, 9 errors." in text
    assert len(notify.tell(curator.pk, "y" * 800).message) == 500


def test_a_transient_failure_is_retried_until_the_last_try(curator, http_server):  # noqa: F811
    http_server.routes["/down"] = Reply(503, b"busy", content_type="text/plain")
    url = http_server.url("/down")
    with pytest.raises(claimreview.SourceUnreachable):
        claimreview.import_in_background(url, user_id=curator.pk, retry=True)
    assert not Notification.objects.exists()
    claimreview.import_in_background(url, user_id=curator.pk, retry=False)
    message = Notification.objects.get(user=curator).message
    assert "0 imported" in message and f"\n{url}: " in message and "503" in message


def test_a_permanent_failure_is_not_retried(curator, http_server):  # noqa: F811
    http_server.routes["/gone"] = Reply(404, b"gone", content_type="text/plain")
    claimreview.import_in_background(http_server.url("/gone"), user_id=curator.pk, retry=True)
    assert "1 error." in Notification.objects.get(user=curator).message


def test_a_feed_stops_fetching_at_the_deadline(http_server):  # noqa: F811
    http_server.routes["/fc/1"] = Reply(body=page(review("Rents fell.", "https://c.example/r")))
    items = [(http_server.url("/fc/1"), "Check", "Mon, 05 Jan 2026 10:00:00 GMT")]
    http_server.routes["/late.rss"] = Reply(body=rss(items), content_type=RSS_TYPE)
    report = claimreview.import_url(http_server.url("/late.rss"), deadline=time.monotonic() - 1)
    assert report.imported == 0 and http_server.hits("/fc/1") == []
    assert "1 entries not fetched (out of time" in report.errors[0]


def test_the_task_failing_for_good_still_leaves_a_notice(curator, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(claimreview, "import_in_background", broken)
    task = pipeline.task(pipeline.IMPORT_CLAIMREVIEW)
    result = task.apply(("https://c.example/feed", True, curator.pk), throw=False)
    assert result.failed()
    message = Notification.objects.get(user=curator).message
    assert message.startswith("ClaimReview import of https://c.example/feed failed: RuntimeError")


def test_the_task_runs_the_import_for_its_user(curator, http_server):  # noqa: F811
    http_server.routes["/fc"] = Reply(body=page(review("Parks close.", "https://c.example/p")))
    task = pipeline.task(pipeline.IMPORT_CLAIMREVIEW)
    result = task.apply((http_server.url("/fc"), False, curator.pk))
    assert result.get().startswith("1 imported")
    assert "1 imported" in Notification.objects.get(user=curator).message


# --- the Notices page ----------------------------------------------------------------------


def test_a_notice_without_a_recheck_shows_its_lines_and_is_marked_read(client, curator):
    notify.tell(curator.pk, "ClaimReview import of https://c.example/f: 1 imported.\nline <two>")
    client.force_login(curator)
    html = client.get(reverse("claims:notifications")).content.decode()
    item = lxml.html.fromstring(html).xpath("//li[@data-testid='notice']")[0]
    assert "notice--unread" in item.get("class") and not item.xpath(".//a")
    assert "1 imported.<br>line &lt;two&gt;" in html
    assert client.post(reverse("claims:notifications_read")).status_code == 302
    assert Notification.objects.get(user=curator).read_at is not None
    html = client.get(reverse("claims:notifications")).content.decode()
    assert "notice--unread" not in html and "line &lt;two&gt;" in html
