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
from django.db import DatabaseError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

log = logging.getLogger(__name__)

# Shown on an IngestJob whose task could not be sent.
BROKER_DOWN = "The task queue is unreachable: the job is recorded and will run once it is back."


def send(task, *args, countdown=None, on_failure=None) -> bool:
    """apply_async now; False (logged, `on_failure()` called) if the broker is unreachable.

    Eager (no broker) the task runs here and now, but as on a worker its failure
    stays its own: the task records it (`step_failed`) and the caller carries on,
    so one record's failing step never stops the rest of an ingest file.
    """
    options = {"throw": False} if task.app.conf.task_always_eager else {}
    try:
        task.apply_async(args, countdown=countdown, **options)
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


# Steps whose first argument is an article id; analyse_story takes a story id.
ARTICLE_STEPS = {
    "claims.tasks.fetch_article",
    "claims.tasks.extract_claims",
    "claims.tasks.embed_claims",
    "claims.tasks.assign_story",
}
ANALYSE_STEP = "claims.tasks.analyse_story"


def step_failed(task_name: str, args, exc: BaseException) -> None:
    """Record a step's final failure (retries spent, or an error not worth one) on its row.

    An article's step marks the article failed with the reason (the dashboard
    lists it; `reprocess` or a new revision starts it again). A story's analysis
    leaves the story dirty for the sweeper and notes the reason on its articles
    that wait for it.
    """
    from claims.models import Article

    if not args:
        return
    message = f"{task_name.rsplit('.', 1)[-1]} failed: {type(exc).__name__}: {exc}"[:2000]
    log.error("%s%r: %s", task_name, tuple(args), message)
    try:
        if task_name in ARTICLE_STEPS:
            Article.objects.filter(pk=args[0]).update(
                status=Article.Status.FAILED, last_error=message, updated_at=timezone.now()
            )
        elif task_name == ANALYSE_STEP:
            Article.objects.filter(story_id=args[0]).exclude(
                status__in=[Article.Status.ANALYSED, Article.Status.FAILED]
            ).update(last_error=message)
    except DatabaseError:  # the failure came from the database itself: logged above
        log.exception("could not record the failure of %s%r", task_name, tuple(args))


def job_waits(job_id: int) -> None:
    from claims.models import IngestJob

    IngestJob.objects.filter(pk=job_id, status=IngestJob.Status.QUEUED).update(error=BROKER_DOWN)


def run_ingest_job(job_id: int) -> None:
    from claims import tasks

    send_on_commit(tasks.run_ingest_job, job_id, on_failure=lambda: job_waits(job_id))


def deliver(delivery_id: int) -> None:
    """A re-check notice (e-mail, webhook) to send once its transaction commits.

    Lost sends (broker down, worker killed) are picked up by `sweep_deliveries`.
    """
    from claims import tasks

    send_on_commit(tasks.send_delivery, delivery_id)


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
