"""Dispatch points of the pipeline, called by services after they commit.

Kept apart from services so that services never import tasks at module level
(tasks import services).

The database is the record of what is left to do; the broker only carries the
next step. A send that fails because the broker is unreachable is logged and
dropped: the row stays where it is (a queued job, an article between steps, a
dirty story) and the sweepers (`resume_stalled`, `sweep_dirty_stories`) send
it again once the broker is back. A web request therefore never fails because
Redis is down, and a worker never loses its work for the same reason.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

log = logging.getLogger(__name__)

# Shown on an IngestJob whose task could not be sent.
BROKER_DOWN = "The task queue is unreachable: the job is recorded and will run once it is back."


def send(task, *args, countdown=None, on_failure=None) -> bool:
    """apply_async now; False (logged, `on_failure()` called) if the broker is unreachable."""
    try:
        task.apply_async(args, countdown=countdown)
    except BrokerError as exc:
        log.warning("broker unreachable, %s%r left for the sweeper: %s", task.name, args, exc)
        if on_failure is not None:
            on_failure()
        return False
    return True


def send_on_commit(task, *args, countdown=None, on_failure=None) -> None:
    transaction.on_commit(lambda: send(task, *args, countdown=countdown, on_failure=on_failure))


def start_article(article_id: int) -> None:
    """New or changed article text: extract, embed, assign, analyse."""
    from claims import tasks

    send_on_commit(tasks.extract_claims, article_id)


def fetch_article(article_id: int) -> None:
    from claims import tasks

    send_on_commit(tasks.fetch_article, article_id)


def job_waits(job_id: int) -> None:
    from claims.models import IngestJob

    IngestJob.objects.filter(pk=job_id, status=IngestJob.Status.QUEUED).update(error=BROKER_DOWN)


def run_ingest_job(job_id: int) -> None:
    from claims import tasks

    send_on_commit(tasks.run_ingest_job, job_id, on_failure=lambda: job_waits(job_id))


def request_analysis(story_id: int) -> None:
    """Mark a story dirty and analyse it once the debounce window has passed.

    Ten articles arriving together push `analysis_due_at` forward ten times but
    the analysis claims the story once (see services.analysis.analyse_story).
    """
    from claims import tasks
    from claims.models import Story

    delay = 0 if settings.CELERY_TASK_ALWAYS_EAGER else settings.ANALYSIS_DEBOUNCE_SECONDS
    due = timezone.now() + timedelta(seconds=delay)
    Story.objects.filter(pk=story_id).update(needs_analysis=True, analysis_due_at=due)
    send_on_commit(tasks.analyse_story, story_id, countdown=delay)
