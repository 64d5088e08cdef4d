"""Thin Celery tasks: ids in, one service call. Which task comes next is decided by
claims.pipeline alone (the only module that sends tasks, by name).

Late acks are global (settings), so every task must be safe to run twice:
the services check what is already done and return quietly.
"""

import logging

from celery import Task, shared_task
from django.db import DatabaseError, InterfaceError, OperationalError

from claims import pipeline
from claims.services import (
    analysis,
    claimreview,
    ingest,
    memory,
    nlp,
    notify,
    recovery,
    stories,
)

log = logging.getLogger(__name__)

# Errors worth a retry: a dropped or locked database connection. Network
# errors of a fetch are recorded on the Feed/Article by the service instead.
TRANSIENT = (OperationalError, InterfaceError)
RETRY = {
    "autoretry_for": TRANSIENT,
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 6,
}


class PipelineTask(Task):
    """A step of an article's way through the pipeline. Done, it tells the pipeline
    (which sends the next step); failed for good, its failure is recorded on the
    article (or the story) it was about, by claims.pipeline.step_failed."""

    def __call__(self, *args, **kwargs):
        result = super().__call__(*args, **kwargs)
        pipeline.step_done(self.name, args)
        return result

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        pipeline.step_failed(self.name, args, exc)


@shared_task(bind=True, **RETRY)
def run_ingest_job(self, job_id: int) -> int:
    return ingest.run_ingest_job(job_id, task_id=self.request.id or "")


@shared_task(base=PipelineTask, **RETRY)
def fetch_article(article_id: int) -> str:
    return ingest.fetch_article(article_id)


@shared_task(**RETRY)
def poll_feed(feed_id: int) -> int:
    return ingest.poll_feed(feed_id)


@shared_task(expires=300, **RETRY)
def poll_due_feeds() -> int:
    return ingest.poll_due_feeds()


@shared_task(expires=900, **RETRY)
def refetch_due_articles() -> int:
    return ingest.refetch_due_articles()


@shared_task(base=PipelineTask, **RETRY)
def extract_claims(article_id: int) -> int:
    return nlp.extract_article_claims(article_id)


@shared_task(base=PipelineTask, **RETRY)
def embed_claims(article_id: int) -> int:
    return nlp.embed_article_claims(article_id)


@shared_task(base=PipelineTask, **RETRY)
def assign_story(article_id: int) -> int | None:
    return stories.assign_story(article_id)


@shared_task(base=PipelineTask, **RETRY)
def analyse_story(story_id: int) -> bool:
    return analysis.analyse_story(story_id)


@shared_task(**RETRY)
def match_memory(story_id: int) -> int:
    return memory.match_story(story_id)


@shared_task(**RETRY)
def index_verdict(cluster_id: int) -> bool:
    return memory.index_verdict(cluster_id)


@shared_task(**RETRY)
def index_fact_checks(fact_check_ids: list[int]) -> int:
    return memory.index_fact_checks(fact_check_ids)


class ImportTask(Task):
    """A background import: failed for good, it still tells the user who asked for it."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        source, _feed, user_id = args  # as claims.pipeline.import_claimreview sends them
        try:
            claimreview.import_failed(source, user_id, exc)
        except DatabaseError:  # the failure may be the database itself
            log.exception("could not leave a notice for the failed import of %s", source)


@shared_task(
    base=ImportTask,
    bind=True,
    **{**RETRY, "autoretry_for": (*TRANSIENT, claimreview.SourceUnreachable)},
)
def import_claimreview(self, source: str, feed: bool, user_id: int | None) -> str:
    """Import a page or a feed of ClaimReview; the user gets a notice. A source that
    cannot be fetched for now (timeout, 5xx) is tried again. Safe to run twice: rows
    are keyed, so a second run finds them unchanged."""
    last_try = self.request.is_eager or self.request.retries >= self.max_retries
    return claimreview.import_in_background(source, feed=feed, user_id=user_id, retry=not last_try)


@shared_task(expires=60, **RETRY)
def sweep_dirty_stories() -> int:
    return analysis.sweep_dirty_stories()


@shared_task(expires=300, **RETRY)
def resume_stalled() -> int:
    return recovery.resume_stalled()


@shared_task(
    bind=True,
    autoretry_for=(*TRANSIENT, notify.DeliveryFailed),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def send_delivery(self, delivery_id: int) -> bool:
    """Send one re-check notice; a failed send is retried with back-off, then swept."""
    if self.request.is_eager:  # in-process: a failing receiver must not fail the caller
        try:
            return notify.deliver(delivery_id)
        except notify.DeliveryFailed:
            return False
    return notify.deliver(delivery_id)


@shared_task(expires=60, **RETRY)
def sweep_deliveries() -> int:
    return notify.sweep_deliveries()
