"""Re-checks with a real worker on Redis and PostgreSQL: a revision under a verdict is
queued within one pipeline run, the signed webhook arrives once even when the
receiver fails once, and a worker killed mid-send loses nothing."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.contrib.auth.models import User

import claims.tasks  # noqa: F401  (registers the tasks the pipeline sends by name)
from claims.models import Article, Claim, Delivery, Notification, Recheck
from claims.services import ingest, notify, rechecks
from claims.services import review as review_service
from tests.celery.conftest import free_port, wait_for

pytestmark = [pytest.mark.celery, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DEMO = Path(__file__).resolve().parents[2] / "demo"
SECRET = "celery-test-webhook-secret"
FAST_REDELIVERY = {
    "CELERY_VISIBILITY_TIMEOUT": "3",
    "CELERY_RESTORE_INTERVAL": "1",
    "CELERY_RESTORE_THROTTLE": "1",
}


class Receiver:
    """A local webhook receiver. `fail_first`: answer the first call 500.
    `hold_first`: keep the first call open until `release` is set."""

    def __init__(self, fail_first=False, hold_first=False):
        self.calls: list[dict] = []
        self.answered: list[dict] = []
        self.arrived = threading.Event()
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                call = {"headers": dict(self.headers), "body": body}
                receiver.calls.append(call)
                first = len(receiver.calls) == 1
                receiver.arrived.set()
                if first and hold_first:
                    receiver.release.wait(60)
                    return  # closed without an answer: the sender died meanwhile
                status = 500 if first and fail_first else 200
                try:
                    self.send_response(status)
                    self.end_headers()
                    self.wfile.write(b"ok" if status == 200 else b"try again")
                except OSError:
                    return  # the sender is gone: this call was never answered
                if status == 200:
                    receiver.answered.append(call)

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def worker_env(receiver: Receiver, extra=None) -> dict:
    env = {
        "RECHECK_WEBHOOK_URL": receiver.url,
        "RECHECK_WEBHOOK_SECRET": SECRET,
        "DELIVERY_LEASE_SECONDS": "2",
    }
    env.update(extra or {})
    return env


def seed_and_verdict(reviewer) -> tuple[Article, Claim]:
    """Demo article 003 analysed by the worker, with a verdict on its first sentence."""
    spec = json.loads((DEMO / "revision.json").read_text())
    entry = next(
        e for e in json.loads((DEMO / "manifest.json").read_text())["articles"]
        if e["url"] == spec["url"]
    )  # fmt: skip
    ingest.ingest_document(
        text=(DEMO / entry["file"]).read_text(),
        title=entry["title"],
        url=entry["url"],
        outlet=entry["outlet"],
        published=entry["published"],
    )
    assert wait_for(
        lambda: Article.objects.filter(url=entry["url"], status="analysed").exists(), timeout=300
    )
    article = Article.objects.get(url=entry["url"])
    claim = Claim.objects.get(article=article, text__contains=spec["verdict"]["sentence"])
    assert claim.cluster_id is not None
    review_service.record_verdict(claim.cluster_id, "true", reviewer, "Checked for the test.")
    return article, claim


def revise(article: Article) -> None:
    spec = json.loads((DEMO / "revision.json").read_text())
    _, outcome = ingest.ingest_document(
        text=(DEMO / spec["file"]).read_text(),
        title=article.title,
        url=article.url,
        outlet=article.outlet,
        published=article.published_at,
    )
    assert outcome == "revised"


@pytest.fixture
def reviewer_user(db):
    return User.objects.create_user("vera", "vera@example.org", "correct-horse-battery")


def test_revision_under_a_verdict_is_queued_and_the_webhook_arrives_once(
    start_worker, reviewer_user
):
    with Receiver(fail_first=True) as receiver:
        start_worker(env=worker_env(receiver))
        article, claim = seed_and_verdict(reviewer_user)
        revise(article)

        # one pipeline run: the extraction of the new revision queues the re-check
        assert wait_for(lambda: Recheck.objects.exists(), timeout=300)
        [recheck] = rechecks.queue()
        assert (recheck.cluster_id, recheck.article_id, recheck.reason) == (
            claim.cluster_id,
            article.pk,
            "changed",
        )
        assert "October 31" in recheck.new_text and "October 31" not in recheck.old_text
        assert Notification.objects.filter(user=reviewer_user, recheck=recheck).exists()

        # the receiver failed the first call; the task retried with back-off
        assert wait_for(lambda: len(receiver.answered) == 1, timeout=120)
        delivery = Delivery.objects.get(channel="webhook")
        assert wait_for(
            lambda: Delivery.objects.filter(pk=delivery.pk, sent_at__isnull=False).exists(), 30
        )
        delivery.refresh_from_db()
        assert delivery.attempts == 2
        assert len(receiver.calls) == 2
        for call in receiver.calls:
            signature = call["headers"][notify.SIGNATURE_HEADER]
            assert notify.verify(call["body"], SECRET, signature)
            assert call["headers"][notify.DELIVERY_HEADER] == delivery.key
        body = json.loads(receiver.answered[0]["body"])
        assert [r["id"] for r in body["rechecks"]] == [recheck.pk]
        # nothing else arrives later
        assert not wait_for(lambda: len(receiver.calls) > 2, timeout=5)


def test_worker_killed_between_revision_and_notice_sends_it_once_later(
    start_worker, reviewer_user, settings
):
    with Receiver(hold_first=True) as receiver:
        worker = start_worker(env=worker_env(receiver))
        article, _ = seed_and_verdict(reviewer_user)
        revise(article)
        # The worker wrote the re-check and its outbox row, and is sending it: kill it
        # while the receiver holds the call open, so the send never completes.
        assert receiver.arrived.wait(300)
        assert Recheck.objects.count() == 1
        delivery = Delivery.objects.get(channel="webhook")
        assert delivery.sent_at is None and delivery.attempts == 1
        worker.kill()
        receiver.release.set()

        # A new worker gets the unacked task again (Redis redelivers it); the
        # sweeper would send the row too: either way its lease lets one send through.
        start_worker(env=worker_env(receiver, FAST_REDELIVERY))
        settings.DELIVERY_SWEEP_AFTER_SECONDS = 0
        started = time.monotonic()

        def sent():
            if time.monotonic() - started > 20:
                notify.sweep_deliveries()
            return Delivery.objects.filter(pk=delivery.pk, sent_at__isnull=False).exists()

        assert wait_for(sent, timeout=120, interval=1)
        assert not wait_for(lambda: len(receiver.answered) > 1, timeout=5)
        assert len(receiver.answered) == 1
        ids = {c["headers"][notify.DELIVERY_HEADER] for c in receiver.calls}
        assert ids == {delivery.key}
        assert Recheck.objects.count() == 1
        assert Notification.objects.filter(user=reviewer_user).count() == 1
