"""Resume work whose task was lost: the database says what is left to do.

A task can be lost when the broker was unreachable at the moment it was sent
(claims.pipeline logs and drops the send) or when a job's worker died after
claiming it. Each row found here is claimed with a conditional UPDATE on its
`updated_at` (the row count decides the owner), then its next task is sent
again; every task is idempotent, so a row that was merely slow costs a no-op.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from claims import pipeline
from claims.models import Article, IngestJob

BATCH = 200


def resume_stalled(
    now: datetime | None = None, stalled_after: float | None = None, limit: int = BATCH
) -> int:
    """Send again the task of stalled jobs and articles; returns how many were sent."""
    now = now or timezone.now()
    if stalled_after is None:
        stalled_after = settings.STALLED_AFTER_SECONDS
    cutoff = now - timedelta(seconds=stalled_after)
    # A running job is reclaimable by run_ingest_job only after this (its worker died).
    dead = now - timedelta(seconds=2 * settings.CELERY_TASK_TIME_LIMIT)
    sent = 0
    jobs = (
        IngestJob.objects.filter(
            Q(status=IngestJob.Status.QUEUED, updated_at__lt=cutoff)
            | Q(status=IngestJob.Status.RUNNING, updated_at__lt=dead)
        )
        .order_by("updated_at")
        .values_list("pk", "status", "updated_at")[:limit]
    )
    for pk, status, updated in list(jobs):
        # Back to queued (a dead worker's job), so run_ingest_job claims it at once.
        claimed = IngestJob.objects.filter(pk=pk, status=status, updated_at=updated).update(
            status=IngestJob.Status.QUEUED, updated_at=now, error=""
        )
        if claimed:
            sent += pipeline.resend_job(pk)
    articles = (
        Article.objects.filter(
            status__in=list(pipeline.NEXT_STEP),
            updated_at__lt=cutoff,
        )
        .order_by("updated_at")
        .values_list("pk", "status", "updated_at")[:limit]
    )
    for pk, status, updated in list(articles):
        if Article.objects.filter(pk=pk, status=status, updated_at=updated).update(updated_at=now):
            sent += pipeline.resend_article(pk, status)
    return sent
