"""Notices about re-checks: in-app, and an outbox for e-mail and a signed webhook.

`rechecks_created` runs in the transaction that writes the re-checks: it
writes a `Notification` for every reviewer who decided on an affected item,
and a `Delivery` row per e-mail and per webhook call. The send is dispatched
after commit (`claims.pipeline.deliver`), so a rolled-back revision sends
nothing and a committed one cannot lose its notice: if the worker dies before
or during the send, the task is delivered again (late ack) or the sweeper
(`sweep_deliveries`) sends the row once its lease has run out.

A row is sent by one worker at a time: `deliver` claims it with a conditional
UPDATE on `claimed_until` and marks `sent_at` after the send succeeded. A
receiver that saw a call whose answer never came back may see it again with
the same `X-Factcheck-Delivery` id, and can drop the repeat.

`tell` writes an in-app notice about anything else (a background import that
finished): it has no re-check, links nowhere, and is marked read like the others.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections import defaultdict
from datetime import timedelta

import httpx
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims import pipeline
from claims.models import Delivery, MatchSuggestion, Notification, Recheck, Review

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Factcheck-Signature"
DELIVERY_HEADER = "X-Factcheck-Delivery"
EVENT = "recheck.created"


class DeliveryFailed(Exception):
    """A send that did not succeed; the task retries it with back-off."""


def sign(body: bytes, secret: str) -> str:
    """The signature header's value: sha256=<hex HMAC-SHA256 of the body>."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, signature: str) -> bool:
    return hmac.compare_digest(sign(body, secret), signature or "")


def recipients(recheck: Recheck) -> set[int]:
    """User ids of the reviewers who decided on the re-check's item."""
    q = Q(flag_id=recheck.flag_id) if recheck.flag_id else Q(cluster_id=recheck.cluster_id)
    if recheck.cluster_id:
        q |= Q(flag__cluster_id=recheck.cluster_id)
    users = set(Review.objects.filter(q).values_list("reviewer_id", flat=True))
    if recheck.cluster_id:
        from claims.models import Claim
        from claims.nlp.normalize import text_hash

        hashes = set(
            Claim.objects.filter(cluster_id=recheck.cluster_id).values_list("text_hash", flat=True)
        )
        if recheck.old_text:
            hashes.add(text_hash(recheck.old_text))
        users |= set(
            MatchSuggestion.objects.filter(decision=MatchSuggestion.Decision.ACCEPTED)
            .filter(Q(text_hash_a__in=hashes) | Q(text_hash_b__in=hashes))
            .exclude(decided_by=None)
            .values_list("decided_by_id", flat=True)
        )
    return users


def message(recheck: Recheck) -> str:
    if recheck.cluster is not None:
        what = recheck.cluster.label
    else:
        what = recheck.flag.subject if recheck.flag is not None else ""
    return (
        f"{recheck.get_reason_display()} in {recheck.article.outlet}: "
        f"re-check your decision on “{what[:300]}”"
    )[:500]


def payload(rechecks: list[Recheck], base_url: str = "") -> dict:
    return {
        "event": EVENT,
        "rechecks": [
            {
                "id": r.pk,
                "story": r.story_id,
                "cluster": r.cluster_id,
                "flag": r.flag_id,
                "article": r.article_id,
                "revision": r.revision_id,
                "reason": r.reason,
                "old_text": r.old_text,
                "new_text": r.new_text,
                "url": base_url + r.get_absolute_url(),
            }
            for r in rechecks
        ],
    }


def _key(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def rechecks_created(rechecks: list[Recheck]) -> list[Delivery]:
    """In-app notices and the outbox rows for new re-checks (call inside their transaction)."""
    if not rechecks:
        return []
    base = settings.SITE_URL.rstrip("/")
    by_user: dict[int, list[Recheck]] = defaultdict(list)
    notices = []
    for recheck in rechecks:
        text = message(recheck)
        for user_id in sorted(recipients(recheck)):
            notices.append(Notification(user_id=user_id, recheck=recheck, message=text))
            by_user[user_id].append(recheck)
    Notification.objects.bulk_create(notices, ignore_conflicts=True)

    ids = "-".join(str(r.pk) for r in rechecks)
    rows = []
    if settings.RECHECK_WEBHOOK_URL:
        rows.append(
            Delivery(
                channel=Delivery.Channel.WEBHOOK,
                recipient=settings.RECHECK_WEBHOOK_URL,
                payload=payload(rechecks, base),
                key=_key("webhook", ids),
            )
        )
    if settings.RECHECK_EMAIL and by_user:
        users = get_user_model().objects.in_bulk(list(by_user))
        for user_id, items in by_user.items():
            user = users.get(user_id)
            if user is None or not user.email:
                continue
            lines = [message(r) + f"\n  {base}{r.get_absolute_url()}" for r in items]
            rows.append(
                Delivery(
                    channel=Delivery.Channel.EMAIL,
                    recipient=user.email,
                    payload={
                        "subject": f"{len(items)} decision(s) to re-check",
                        "body": "\n\n".join(lines),
                    },
                    key=_key("email", user_id, ids),
                )
            )
    saved = []
    for row in rows:
        if not Delivery.objects.filter(key=row.key).exists():
            row.save()
            saved.append(row)
    for row in saved:
        pipeline.deliver(row.pk)
    return saved


def _send(delivery: Delivery) -> None:
    if delivery.channel == Delivery.Channel.WEBHOOK:
        body = json.dumps(delivery.payload, sort_keys=True, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            DELIVERY_HEADER: delivery.key,
            "User-Agent": settings.FETCH_USER_AGENT,
        }
        if settings.RECHECK_WEBHOOK_SECRET:
            headers[SIGNATURE_HEADER] = sign(body, settings.RECHECK_WEBHOOK_SECRET)
        try:
            response = httpx.post(
                delivery.recipient,
                content=body,
                headers=headers,
                timeout=settings.RECHECK_WEBHOOK_TIMEOUT,
            )
        except httpx.HTTPError as exc:
            raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code >= 300:
            raise DeliveryFailed(f"HTTP {response.status_code}")
    else:
        try:
            send_mail(
                delivery.payload.get("subject", "Re-check"),
                delivery.payload.get("body", ""),
                settings.DEFAULT_FROM_EMAIL,
                [delivery.recipient],
            )
        except OSError as exc:
            raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from exc


def deliver(delivery_id: int) -> bool:
    """Send one outbox row; True if sent now, False if sent already or taken by another worker.

    Raises DeliveryFailed (the error recorded on the row, the lease released)
    so the task can retry with back-off.
    """
    now = timezone.now()
    lease = now + timedelta(seconds=settings.DELIVERY_LEASE_SECONDS)
    claimed = (
        Delivery.objects.filter(pk=delivery_id, sent_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=lease, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    delivery = Delivery.objects.get(pk=delivery_id)
    try:
        _send(delivery)
    except DeliveryFailed as exc:
        Delivery.objects.filter(pk=delivery_id).update(
            claimed_until=None, last_error=f"{timezone.now():%Y-%m-%d %H:%M:%S} {exc}"[:2000]
        )
        log.warning("delivery %s to %s failed: %s", delivery_id, delivery.recipient, exc)
        raise
    Delivery.objects.filter(pk=delivery_id).update(
        sent_at=timezone.now(), claimed_until=None, last_error=""
    )
    return True


def sweep_deliveries(limit: int = 100) -> int:
    """Dispatch unsent rows nobody holds (lost task, dead worker, retries used up)."""
    now = timezone.now()
    due = now - timedelta(seconds=settings.DELIVERY_SWEEP_AFTER_SECONDS)
    ids = list(
        Delivery.objects.filter(
            sent_at__isnull=True,
            created_at__lte=due,
            attempts__lt=settings.DELIVERY_MAX_ATTEMPTS,
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    with transaction.atomic():
        for pk in ids:
            pipeline.deliver(pk)
    return len(ids)


# --- in-app --------------------------------------------------------------------------

MESSAGE_MAX: int = Notification._meta.get_field("message").max_length or 500


def tell(user_id: int, text: str) -> Notification:
    """An in-app notice about something other than a re-check (a background import
    finished): no link, the text shown as written, line breaks kept."""
    if len(text) > MESSAGE_MAX:
        text = text[: MESSAGE_MAX - 1] + "…"
    return Notification.objects.create(user_id=user_id, message=text)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def for_user(user, limit: int = 50):
    return (
        Notification.objects.filter(user=user)
        .select_related("recheck")
        .order_by("-created_at", "-pk")[:limit]
    )


def mark_read(user, ids=None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
