"""Re-checks: a revision that touches a decided sentence is queued, notified, resolved."""

import hashlib
import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from claims.models import (
    ArticleRevision,
    Delivery,
    Flag,
    MatchSuggestion,
    Notification,
    Recheck,
    Review,
)
from claims.services import notify, rechecks
from claims.services import review as review_service
from tests.db import builders

pytestmark = pytest.mark.django_db

FERRY = "The new ferry terminal cost 40 million euros, the harbour authority said on Monday."
FERRY_FIXED = "The new ferry terminal cost 32 million euros, the harbour authority said on Monday."
QUAY = "Work on the rebuilt quay began two years ago and ended in March."
PILOTS = "The port will hire forty new pilots before the summer season starts."
NEW = "Three cruise lines have already booked berths at the terminal for June."


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()


def revised(sentences_before, sentences_after, hours=1):
    """An article whose claims come from `before`, with a new revision `after` stored."""
    before, after = " ".join(sentences_before), " ".join(sentences_after)
    story = builders.story()
    article = builders.article(text=before, story=story, extracted_hash=_digest(before))
    ArticleRevision.objects.create(
        article=article,
        content_hash=_digest(before),
        text=before,
        fetched_at=timezone.now() - timedelta(hours=hours),
    )
    claims, offset = [], 0
    for sentence in sentences_before:
        claims.append(builders.claim(article, sentence, start=offset, story=story))
        offset += len(sentence) + 1
    ArticleRevision.objects.create(article=article, content_hash=_digest(after), text=after)
    article.text, article.content_hash = after, _digest(after)
    article.save(update_fields=["text", "content_hash"])
    return story, article, claims


def in_cluster(story, claim, label=None):
    cluster = builders.cluster(story, label or claim.text)
    claim.cluster = cluster
    claim.save(update_fields=["cluster"])
    return cluster


def test_changed_sentence_under_a_verdict_is_queued_and_its_reviewer_notified(reviewer):
    story, article, (ferry, quay) = revised([FERRY, QUAY], [FERRY_FIXED, QUAY])
    cluster = in_cluster(story, ferry)
    in_cluster(story, quay)  # undecided: its sentence is unchanged anyway
    review_service.record_verdict(cluster.pk, "false", reviewer, "The budget says 32 million.")

    made = rechecks.record_revision(article, [FERRY_FIXED, QUAY], article.content_hash)

    assert [(r.reason, r.cluster_id, r.old_text, r.new_text) for r in made] == [
        ("changed", cluster.pk, FERRY, FERRY_FIXED)
    ]
    recheck = made[0]
    assert recheck.revision.content_hash == article.content_hash
    assert recheck.previous.content_hash == article.extracted_hash
    assert list(rechecks.queue()) == [recheck]
    assert rechecks.open_count() == 1
    [notice] = Notification.objects.filter(user=reviewer)
    assert notice.recheck == recheck
    assert notify.unread_count(reviewer) == 1
    ops = rechecks.diff(recheck)
    assert ("delete", "40 ") in ops and ("insert", "32 ") in ops
    # The same revision seen again (a redelivered task) adds nothing.
    assert rechecks.record_revision(article, [FERRY_FIXED, QUAY], article.content_hash) == []
    assert Recheck.objects.count() == 1


def test_removed_sentence_and_undecided_clusters(reviewer):
    story, article, (ferry, quay, pilots) = revised([FERRY, QUAY, PILOTS], [QUAY])
    decided = in_cluster(story, pilots)
    in_cluster(story, ferry)  # no decision: its removal is not a re-check
    builders.flag(story, cluster=decided, kind="number_mismatch", status=Flag.Status.DISMISSED)

    made = rechecks.record_revision(article, [QUAY], article.content_hash)

    assert [(r.reason, r.cluster_id, r.old_text, r.new_text) for r in made] == [
        ("removed", decided.pk, PILOTS, "")
    ]
    assert made[0].flags_before[0]["status"] == "dismissed"


def test_whitespace_only_change_is_no_recheck(reviewer):
    story, article, (ferry,) = revised([FERRY], [FERRY.replace(" said", "  said")])
    cluster = in_cluster(story, ferry)
    review_service.record_verdict(cluster.pk, "true", reviewer, "Checked.")
    assert rechecks.record_revision(article, [FERRY], article.content_hash) == []


def test_accepted_match_makes_the_cluster_watched(reviewer):
    story, article, (ferry,) = revised([FERRY], [FERRY_FIXED])
    cluster = in_cluster(story, ferry)
    MatchSuggestion.objects.create(
        story=story,
        text_hash_a=ferry.text_hash,
        text_hash_b=_digest("another outlet's wording"),
        text_a=FERRY,
        text_b="another outlet's wording",
        similarity=0.8,
        decision=MatchSuggestion.Decision.ACCEPTED,
        decided_by=reviewer,
        decided_at=timezone.now(),
    )
    [recheck] = rechecks.record_revision(article, [FERRY_FIXED], article.content_hash)
    assert recheck.cluster == cluster
    assert Notification.objects.filter(user=reviewer, recheck=recheck).exists()
    assert [d["what"] for d in rechecks.decisions_before(recheck)] == ["Accepted a match"]


def test_triaged_story_wide_flag_with_the_sentence_as_evidence(reviewer):
    story, article, (ferry,) = revised([FERRY], [FERRY_FIXED])
    flag = builders.flag(
        story,
        status=Flag.Status.CONFIRMED,
        variants=[
            {
                "value": "40 million",
                "outlets": ["A"],
                "evidence": [
                    {"article": article.pk, "text": FERRY, "start": 0, "end": len(FERRY)}
                ],
            }
        ],
    )
    Review.objects.create(flag=flag, reviewer=reviewer, action=Review.Action.CONFIRM)
    [recheck] = rechecks.record_revision(article, [FERRY_FIXED], article.content_hash)
    assert (recheck.flag, recheck.cluster) == (flag, None)
    assert recheck.flags_before[0]["fingerprint"] == flag.fingerprint
    assert Notification.objects.get(user=reviewer).recheck == recheck


def test_added_sentence_in_a_cluster_decided_before_the_revision(reviewer):
    story, article, (ferry,) = revised([FERRY], [FERRY, NEW])
    cluster = in_cluster(story, ferry)
    verdict = review_service.record_verdict(cluster.pk, "true", reviewer, "Checked.")
    Review.objects.filter(pk=verdict.pk).update(created_at=timezone.now() - timedelta(minutes=30))
    # the re-analysis put the new sentence in the decided cluster
    builders.claim(article, NEW, start=len(FERRY) + 1, story=story, cluster=cluster)

    [recheck] = rechecks.record_added(story.pk)
    assert (recheck.reason, recheck.new_text, recheck.old_text) == ("added", NEW, "")
    assert rechecks.record_added(story.pk) == []  # once


def test_resolve_keep_logs_a_review_and_leaves_the_queue(reviewer):
    story, article, (ferry,) = revised([FERRY], [FERRY_FIXED])
    cluster = in_cluster(story, ferry)
    review_service.record_verdict(cluster.pk, "false", reviewer, "The budget says 32 million.")
    [recheck] = rechecks.record_revision(article, [FERRY_FIXED], article.content_hash)

    rechecks.resolve(recheck.pk, reviewer, rechecks.KEEP, note="Still false.")

    recheck.refresh_from_db()
    assert (recheck.status, recheck.resolved_by, recheck.note) == (
        "kept",
        reviewer,
        "Still false.",
    )
    assert list(rechecks.queue()) == []
    latest = review_service.latest_verdicts([cluster.pk])[cluster.pk]
    assert latest.verdict == "false"
    assert f"re-check #{recheck.pk}" in latest.note
    with pytest.raises(rechecks.RecheckError):
        rechecks.resolve(recheck.pk, reviewer, rechecks.KEEP)


def test_resolve_change_records_the_new_verdict(reviewer):
    story, article, (ferry,) = revised([FERRY], [FERRY_FIXED])
    cluster = in_cluster(story, ferry)
    review_service.record_verdict(cluster.pk, "false", reviewer, "The budget says 32 million.")
    [recheck] = rechecks.record_revision(article, [FERRY_FIXED], article.content_hash)
    with pytest.raises(rechecks.RecheckError):
        rechecks.resolve(recheck.pk, reviewer, rechecks.CHANGE)  # no verdict picked
    rechecks.resolve(recheck.pk, reviewer, rechecks.CHANGE, verdict="true", note="Corrected.")
    recheck.refresh_from_db()
    assert recheck.status == "changed"
    assert review_service.latest_verdicts([cluster.pk])[cluster.pk].verdict == "true"


def test_flag_changes_lists_appeared_and_vanished(reviewer):
    story, article, (ferry,) = revised([FERRY], [FERRY_FIXED])
    cluster = in_cluster(story, ferry)
    old = builders.flag(story, cluster=cluster, kind="number_mismatch", status="confirmed")
    Review.objects.create(flag=old, reviewer=reviewer, action=Review.Action.CONFIRM)
    [recheck] = rechecks.record_revision(article, [FERRY_FIXED], article.content_hash)
    # the re-analysis: the number difference went away, a stale copy appeared
    Flag.objects.filter(pk=old.pk).update(is_active=False)
    new = builders.flag(story, cluster=cluster, kind="stale_copy", subject="Bay News")
    changes = rechecks.flag_changes(recheck)
    assert [f["id"] for f in changes["appeared"]] == [new.pk]
    assert [f["id"] for f in changes["vanished"]] == [old.pk]


def test_webhook_and_email_rows_are_written_with_the_recheck_and_sent_after_commit(
    reviewer, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.RECHECK_WEBHOOK_URL = "https://hooks.example/factcheck"
    settings.RECHECK_WEBHOOK_SECRET = "s3cret"
    settings.RECHECK_EMAIL = True
    story, article, (ferry,) = revised([FERRY], [FERRY_FIXED])
    cluster = in_cluster(story, ferry)
    review_service.record_verdict(cluster.pk, "false", reviewer, "The budget says 32 million.")
    sent = []
    monkeypatch.setattr(notify, "_send", lambda delivery: sent.append(delivery.channel))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rechecks.record_revision(article, [FERRY_FIXED], article.content_hash)
    rows = {d.channel: d for d in Delivery.objects.all()}
    assert set(rows) == {"webhook", "email"}
    assert rows["email"].recipient == reviewer.email
    assert rows["webhook"].payload["rechecks"][0]["reason"] == "changed"
    assert sent == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert sorted(sent) == ["email", "webhook"]
    assert Delivery.objects.filter(sent_at__isnull=True).count() == 0
    assert notify.deliver(rows["webhook"].pk) is False  # already sent: not twice
    assert len(sent) == 2


def test_failed_delivery_records_the_error_and_the_sweeper_sends_it_again(settings):
    settings.DELIVERY_SWEEP_AFTER_SECONDS = 0
    row = Delivery.objects.create(
        channel="webhook", recipient="http://127.0.0.1:9/", payload={"event": "x"}, key="k1"
    )
    with pytest.raises(notify.DeliveryFailed):
        notify.deliver(row.pk)
    row.refresh_from_db()
    assert (row.attempts, row.sent_at, row.claimed_until) == (1, None, None)
    assert row.last_error
    dispatched = []
    from claims import pipeline

    original, pipeline.deliver = pipeline.deliver, dispatched.append
    try:
        assert notify.sweep_deliveries() == 1
    finally:
        pipeline.deliver = original
    assert dispatched == [row.pk]


def test_signature_is_hmac_sha256_of_the_body():
    body = json.dumps({"event": "recheck.created"}).encode()
    signature = notify.sign(body, "s3cret")
    assert signature.startswith("sha256=") and len(signature) == 7 + 64
    assert notify.verify(body, "s3cret", signature)
    assert not notify.verify(body + b" ", "s3cret", signature)
    assert not notify.verify(body, "other", signature)


def test_report_json_lists_rechecks_per_story(reviewer):
    story, article, (ferry,) = revised([FERRY], [FERRY_FIXED])
    cluster = in_cluster(story, ferry)
    review_service.record_verdict(cluster.pk, "false", reviewer, "The budget says 32 million.")
    [recheck] = rechecks.record_revision(article, [FERRY_FIXED], article.content_hash)
    out = StringIO()
    call_command("report", "--json", "--story", str(story.pk), stdout=out)
    [data] = json.loads(out.getvalue())["stories"]
    assert [
        {k: r[k] for k in ("cluster", "article", "revision", "reason", "status")}
        for r in data["rechecks"]
    ] == [
        {
            "cluster": cluster.pk,
            "article": article.pk,
            "revision": recheck.revision_id,
            "reason": "changed",
            "status": "open",
        }
    ]


def test_rechecks_move_with_a_story_merge(reviewer):
    from claims.services import analysis

    story, article, (ferry,) = revised([FERRY], [FERRY_FIXED])
    cluster = in_cluster(story, ferry)
    review_service.record_verdict(cluster.pk, "false", reviewer, "The budget says 32 million.")
    [recheck] = rechecks.record_revision(article, [FERRY_FIXED], article.content_hash)
    target = builders.story(title="The same event, opened first")
    kept = builders.cluster(target, "The ferry terminal cost", fingerprint=cluster.fingerprint)

    assert analysis.merge_stories(target.pk, [story.pk]) == 1

    recheck.refresh_from_db()  # not deleted with the folded cluster
    assert (recheck.story_id, recheck.cluster_id) == (target.pk, kept.pk)
