"""Run the pipeline again for chosen articles or stories: `manage.py reprocess` and the
admin's "Re-run extraction and analysis" and "Re-run analysis" actions."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from claims import pipeline
from claims.models import Article


def reprocess_articles(article_ids: Iterable[int]) -> int:
    """Extract the articles' claims again, then embed and analyse; how many were queued."""
    ids = sorted(set(article_ids))
    # Eager tasks run when the transaction commits; the batch around it analyses
    # each story once after all its articles, not once per article.
    with pipeline.batched_analysis(), transaction.atomic():
        # Back to "fetched" (the state whose next step is extraction); clearing
        # extracted_hash makes the idempotent extraction run again. An article
        # without text yet keeps waiting for its fetch.
        Article.objects.filter(pk__in=ids).exclude(content_hash="").update(
            extracted_hash="", status=Article.Status.FETCHED
        )
        for article_id in ids:
            pipeline.start_article(article_id)
    return len(ids)


def reanalyse_stories(story_ids: Iterable[int]) -> int:
    """Analyse the stories again, claims kept; how many were queued."""
    ids = sorted(set(story_ids))
    with transaction.atomic():
        for story_id in ids:
            pipeline.request_analysis(story_id)
    return len(ids)
