"""Rendered story rows and the page's shared summary, cached per story version.

A story page is rendering-bound (about 100 KB of HTML per 50 rows), and
sixteen reviewers reading the same story render the same rows. The rows are
kept in Django's cache (local memory on the embedded default; Redis with
`CACHE_URL` under the full stack, so every gunicorn worker and Celery worker
sees the same versions) under a key that carries the story's version. Any
write a reviewer can see bumps the version: a re-analysis (it saves the
story), a triage, a verdict or a match decision (each logs a row), so a stale
fragment is never read again; it simply expires.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save


def _version_key(story_id: int) -> str:
    return f"story-version:{story_id}"


def story_version(story_id: int) -> int:
    """The story's current version; a new one if the cache has none."""
    key = _version_key(story_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns(), None)
        version = cache.get(key) or 0
    return version


def invalidate(story_id: int | None) -> None:
    """New version for the story, once the writing transaction commits."""
    if story_id is None:
        return
    # A nanosecond clock: unique enough, and never reused if the cache was cleared.
    transaction.on_commit(lambda: cache.set(_version_key(story_id), time.time_ns(), None))


def rows_key(story_id: int, status: str, page: str | None) -> str:
    return f"story-rows:{story_id}:{story_version(story_id)}:{status}:{page or 1}"


def cached_rows(story_id: int, status: str, page: str | None, render) -> str:
    """The rows' HTML from the cache, or `render()` stored for next time."""
    return _cached(rows_key(story_id, status, page), render)


def summary_key(story_id: int) -> str:
    return f"story-summary:{story_id}:{story_version(story_id)}"


def cached_summary(story_id: int, build) -> dict:
    """The story page's parts that are the same for every reader (open differences,
    people, charts, counts) from the cache, or `build()` stored for next time."""
    return _cached(summary_key(story_id), build)


def _cached(key: str, build):
    if settings.STORY_ROWS_CACHE_SECONDS <= 0:
        return build()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.STORY_ROWS_CACHE_SECONDS)
    return value


def _story_of(instance) -> int | None:
    for path in ("story_id", "cluster.story_id", "flag.story_id"):
        value = instance
        for part in path.split("."):
            value = getattr(value, part, None)
            if value is None:
                break
        if value is not None:
            return value
    return None


def _on_save(sender, instance, **kwargs) -> None:
    invalidate(instance.pk if sender.__name__ == "Story" else _story_of(instance))


def connect() -> None:
    """Called once from the app's ready(): writes that change what the rows show."""
    from claims.models import ClaimCluster, Flag, MatchSuggestion, Review, Story

    for model in (Story, ClaimCluster, Flag, Review, MatchSuggestion):
        post_save.connect(_on_save, sender=model, dispatch_uid=f"page-cache-{model.__name__}")
