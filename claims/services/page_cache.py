"""The story page, its rows and its shared summary, cached per story version.

A story page is rendering-bound (about 100 KB of HTML per 50 rows), and
sixteen reviewers reading the same story render the same rows. The rows are
kept in Django's cache (local memory on the embedded default; Redis with
`CACHE_URL` under the full stack, so every gunicorn worker and Celery worker
sees the same versions) under a key that carries the story's version. Any
write a reviewer can see bumps the version: a re-analysis (it saves the
story), a triage, a verdict or a match decision (each logs a row), so a stale
fragment is never read again; it simply expires.

The whole page is cached too, once per story version and variant (what the
reader may do, the query string): the parts that differ from one reader to the
next are left as slots (`slot`) that `fill` replaces on every request.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import SafeString, mark_safe

# A slot is markup no escaped text can contain (it starts with "<"), so a claim
# quoting one stays text.
_SLOT = re.compile(r"<!--slot:(\w+)-->")


_NEIGHBOURS = "story-neighbours-generation"
NEIGHBOURS_SECONDS = 60


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
    # Any story's write also renews the generation of every story's neighbours.
    transaction.on_commit(
        lambda: cache.set_many(
            {_version_key(story_id): time.time_ns(), _NEIGHBOURS: time.time_ns()}, None
        )
    )


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


def page_key(story_id: int, variant: str) -> str:
    return f"story-page:{story_id}:{story_version(story_id)}:{variant}"


def cached_page(story_id: int, variant: str, render: Callable[[], str]) -> str:
    """The page's HTML, slots unfilled, from the cache or `render()` stored for next time."""
    return _cached(page_key(story_id, variant), render)


def slot(name: str) -> SafeString:
    """A place in a cached page for what differs per request (see `fill`)."""
    return mark_safe(f"<!--slot:{name}-->")  # noqa: S308 - a constant name


def fill(html: str, values: Mapping[str, str]) -> str:
    """Every slot replaced by its value, in one pass: a value is never read as a slot."""
    return _SLOT.sub(lambda m: values[m.group(1)], html)


def cached_neighbours(story_id: int, build: Callable[[], list]) -> list:
    """The stories a story's corrections panel offers (`build()`), kept until any
    story is written, or NEIGHBOURS_SECONDS for writes no signal reports."""
    if settings.STORY_ROWS_CACHE_SECONDS <= 0:
        return build()
    generation = cache.get(_NEIGHBOURS)
    if generation is None:
        cache.add(_NEIGHBOURS, time.time_ns(), None)
        generation = cache.get(_NEIGHBOURS) or 0
    key = f"story-neighbours:{story_id}:{story_version(story_id)}:{generation}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, NEIGHBOURS_SECONDS)
    return value


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


def _on_edit(sender, instance, **kwargs) -> None:
    """A story correction names two stories: both pages list it."""
    invalidate(instance.story_id)
    invalidate(instance.other_story_id)


def connect() -> None:
    """Called once from the app's ready(): writes that change what the page shows.

    An article saved or deleted changes the page's columns (its title, its outlet).
    """
    from claims.models import (
        Article,
        ClaimCluster,
        Flag,
        MatchSuggestion,
        Review,
        Story,
        StoryEdit,
    )

    for model in (Story, ClaimCluster, Flag, Review, MatchSuggestion, Article):
        post_save.connect(_on_save, sender=model, dispatch_uid=f"page-cache-{model.__name__}")
    post_delete.connect(_on_save, sender=Article, dispatch_uid="page-cache-Article-delete")
    post_save.connect(_on_edit, sender=StoryEdit, dispatch_uid="page-cache-StoryEdit")
