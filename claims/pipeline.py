"""Dispatch points of the pipeline, called by services after they commit.

Kept apart from services so that services never import tasks at module level
(tasks import services).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone


def start_article(article_id: int) -> None:
    """New or changed article text: extract, embed, assign, analyse."""
    from claims import tasks

    tasks.extract_claims.delay_on_commit(article_id)


def fetch_article(article_id: int) -> None:
    from claims import tasks

    tasks.fetch_article.delay_on_commit(article_id)


def run_ingest_job(job_id: int) -> None:
    from claims import tasks

    tasks.run_ingest_job.delay_on_commit(job_id)


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
    transaction.on_commit(lambda: tasks.analyse_story.apply_async((story_id,), countdown=delay))
