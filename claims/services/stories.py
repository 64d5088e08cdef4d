"""Every article gets a story: event features in, a join or a new story out, on the ORM.

The decision is `claims.analysis.stories` (pure); this module feeds it rows:

* the article's features (names and terms of `claims.nlp.salient`, a dense
  vector of headline + lead + claims) are computed once per content hash and
  kept on the article (`story_terms`, `story_vector`); the headline + lead is
  encoded through the embedding cache, like the claims;
* document frequencies for IDF live in `TermFrequency`, counted once per
  article (a changed text moves its counts), so IDF follows the live stream;
* candidate stories come from the `StoryKey` inverted index (a story's most
  identifying keys) within the time window, so the cost per article stays flat
  as the archive grows;
* a story's profile (summed log-tf per key, the mean vector, its time span)
  is updated when an article joins and rebuilt from its articles after a
  merge, a move or a split (`rebuild_story`).

Reviewers' corrections hold: an article already in a story (a pinned one
above all) is never moved, and an automatic merge goes through
`story_edits.auto_merge_plan`, which keeps separated stories apart.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from claims import pipeline
from claims.analysis import stories as core
from claims.models import Article, Claim, Story, StoryKey, TermFrequency
from claims.nlp import embed
from claims.nlp.extract import THRESHOLD as CHECK_WORTHY
from claims.nlp.salient import headline_and_lead, salient
from claims.services.nlp import current_hash, encode_texts
from claims.services.rows import insert_rows

log = logging.getLogger(__name__)

# Index rows read per article (newest first): bounds an undated article's look-up.
MAX_KEY_ROWS = 5000
CHUNK = 900  # keys per IN (...) query (SQLite's default bound on variables is 999)


# --- features --------------------------------------------------------------------------


def _vector(data) -> np.ndarray | None:
    if not data:
        return None
    vector = np.frombuffer(bytes(data), dtype=np.float32)
    return vector if vector.size else None


def _when(article: Article):
    """The publication time; None when unknown (an undated page adds no time feature)."""
    return article.published_at


def compute_features(article: Article) -> tuple[dict, bytes | None]:
    """(story_terms, story_vector) of the article's current text, computed now."""
    found = salient(article.title, article.text)
    rows = list(
        Claim.objects.filter(article_id=article.pk, score__gte=CHECK_WORTHY)
        .exclude(embedding=None)
        .order_by("position")
        .values_list("embedding", "score")
    )
    claims = [(v, s) for e, s in rows if (v := _vector(e)) is not None]
    head_text = headline_and_lead(article.title, found.lead)
    # Through the embedding cache: a headline + lead that a claim of the article
    # already is (no title, a one-sentence lead) or that another outlet carried
    # word for word is not encoded again.
    head = encode_texts([head_text])[0] if head_text else None
    vector = core.article_vector(
        head, [v for v, _ in claims], [s for _, s in claims], config().claim_share
    )
    terms = {"hash": current_hash(article), "terms": found.terms}
    return terms, None if vector is None else embed.to_bytes(vector)


def _features_of(article: Article) -> core.ArticleFeatures:
    terms = (article.story_terms or {}).get("terms") or {}
    return core.ArticleFeatures(
        terms=dict(terms),
        vector=_vector(article.story_vector),
        when=_when(article),
        foreign=core.is_foreign(article.language),
    )


def _fresh(article: Article) -> bool:
    return (article.story_terms or {}).get("hash") == current_hash(article)


# --- document frequencies ---------------------------------------------------------------


def _chunks(keys, size: int = CHUNK):
    keys = sorted(keys)
    for i in range(0, len(keys), size):
        yield keys[i : i + size]


def frequencies(keys) -> tuple[dict[str, int], int]:
    """Document frequency of each key, and the number of articles counted."""
    found: dict[str, int] = {}
    table, key, documents = _tf_names()
    wanted = set(keys) | {TermFrequency.TOTAL}
    # Plain SQL: the ORM's compiling of hundreds of IN parameters cost more than the query.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array parameter: psycopg's client-side binding of hundreds of
            # placeholders cost more than the query.
            cursor.execute(
                f"SELECT {key}, {documents} FROM {table} WHERE {key} = ANY(%s)", [sorted(wanted)]
            )
            found.update(cursor.fetchall())
            total = found.pop(TermFrequency.TOTAL, 0)
            return found, _archive_size(total)
        for chunk in _chunks(wanted):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT {key}, {documents} FROM {table} WHERE {key} IN ({marks})", chunk
            )
            found.update(cursor.fetchall())
    total = found.pop(TermFrequency.TOTAL, 0)
    return found, _archive_size(total)


def _archive_size(total: int) -> int:
    """The article count IDF uses: a small archive counts as `min_docs` articles."""
    return max(total, int(config().weights.min_docs))


def _tf_names() -> tuple[str, str, str]:
    quote = connection.ops.quote_name
    meta = TermFrequency._meta
    return (
        quote(meta.db_table),
        quote(meta.get_field("key").column),
        quote(meta.get_field("documents").column),
    )


def _add(counts: dict[str, int]) -> None:
    """Add `counts` to the keys' document frequencies, a missing key's row created.

    One upsert per chunk (SQLite and PostgreSQL both have ON CONFLICT), where
    an insert of the missing rows then an UPDATE of all of them took two.
    """
    table, key, documents = _tf_names()
    with connection.cursor() as cursor:
        for chunk in _chunks(counts, CHUNK // 2):  # two parameters a row
            values = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({key}, {documents}) VALUES {values} "
                f"ON CONFLICT ({key}) DO UPDATE SET "
                f"{documents} = {table}.{documents} + EXCLUDED.{documents}",
                [p for k in chunk for p in (k, counts[k])],
            )


def _bump(keys, delta: int) -> None:
    for chunk in _chunks(keys):
        if delta > 0:
            TermFrequency.objects.bulk_create(
                [TermFrequency(key=k, documents=0) for k in chunk], ignore_conflicts=True
            )
        TermFrequency.objects.filter(key__in=chunk).update(documents=F("documents") + delta)


def _count(article: Article) -> None:
    """Count the article's keys in the document frequencies, once per text.

    `story_terms["counted"]` holds the keys counted for the article; a new
    text counts its new keys and uncounts the ones it lost. Runs under the
    assignment lock.
    """
    data = article.story_terms or {}
    now = set(data.get("terms") or {})
    before = data.get("counted")
    if before is not None and set(before) == now:
        return
    old = set(before or ())
    added = dict.fromkeys(now - old, 1)
    if before is None:
        added[TermFrequency.TOTAL] = added.get(TermFrequency.TOTAL, 0) + 1
    _add(added)
    _bump(old - now, -1)
    data["counted"] = sorted(now)
    article.story_terms = data


# --- stories ----------------------------------------------------------------------------


def _lock_assignment() -> None:
    from claims.services import analysis

    analysis._lock_assignment()


def _time(value):
    return datetime.fromisoformat(value) if value else None


def _profile(story: Story) -> core.StoryProfile:
    """The story as the decision sees it; its span covers its dated articles only."""
    count = max(story.article_count, 1)
    centroid = _vector(story.centroid)
    data = story.profile or {}
    return core.StoryProfile(
        id=story.pk,
        terms=dict(data.get("terms") or {}),
        vector=None if centroid is None else centroid * count,
        count=story.article_count,
        # profiles saved before the count was kept: every member taken as read
        read=data.get("read", story.article_count),
        first_seen=_time(data.get("first")),
        last_seen=_time(data.get("last")),
    )


def config() -> core.StoryConfig:
    """The story decision's parameters as this deployment sets them (settings.STORY_*)."""
    return core.StoryConfig(
        weights=core.Weights(
            terms=settings.STORY_WEIGHT_TERMS,
            names=settings.STORY_WEIGHT_NAMES,
            dense=settings.STORY_WEIGHT_DENSE,
            gap=settings.STORY_WEIGHT_GAP,
            threshold=settings.STORY_JOIN_THRESHOLD,
            link=settings.STORY_WEIGHT_LINK,
            clash=settings.STORY_CLASH_COST,
            place_clash=settings.STORY_PLACE_CLASH_COST,
            storm_clash=settings.STORY_STORM_CLASH_COST,
            magnitude_clash=settings.STORY_MAGNITUDE_CLASH_COST,
            score_clash=settings.STORY_SCORE_CLASH_COST,
            late=settings.STORY_LATE_COST,
            late_days=settings.STORY_LATE_DAYS,
            merge=settings.STORY_MERGE_SCORE,
            merge_size=settings.STORY_MERGE_SIZE,
            min_docs=settings.STORY_MIN_DOCS,
            core=settings.STORY_CORE_WEIGHT,
            core_dense=settings.STORY_CORE_DENSE,
        ),
        claim_share=settings.STORY_CLAIM_SHARE,
        max_candidates=settings.STORY_MAX_CANDIDATES,
        window_days=settings.STORY_WINDOW_DAYS,
    )


def _window() -> timedelta:
    return timedelta(days=config().window_days)


def candidates(features: core.ArticleFeatures, df, n: int, exclude=()) -> list[Story]:
    """Live stories in the window sharing the article's most identifying keys, best first."""
    keys = core.query_keys(features.terms, df, n, foreign=features.foreign)
    if not keys:
        return []
    missing = set(keys) - set(df)
    if missing:  # a foreign page's words looked up as names: ranked by their own IDF
        df = {**df, **frequencies(missing)[0]}
    window, when = _window(), features.when
    rows = StoryKey.objects.filter(key__in=keys)
    if when is not None:
        rows = rows.filter(last_seen__gte=when - window)
    hits = rows.order_by("-last_seen").values_list("story_id", "key")[:MAX_KEY_ROWS]
    ranked = core.rank_candidates(
        ((sid, key) for sid, key in hits if sid not in exclude), df, n, config().max_candidates
    )
    # What the decision reads of a story, not its people and timelines (large JSON).
    rows = Story.objects.live().filter(pk__in=ranked).only("profile", "centroid", "article_count")
    found = {s.pk: s for s in rows}
    out = []
    for pk in ranked:
        story = found.get(pk)
        if story is None:
            continue
        first = _time((story.profile or {}).get("first"))
        if when is not None and first is not None and first > when + window:
            continue
        out.append(story)
    return out


def _save_profile(story: Story, profile: core.StoryProfile, df, n: int) -> None:
    profile.trim()
    story.profile = {
        "terms": {k: round(v, 4) for k, v in profile.terms.items()},
        "first": profile.first_seen.isoformat() if profile.first_seen else None,
        "last": profile.last_seen.isoformat() if profile.last_seen else None,
        "read": profile.read,
    }
    count = max(profile.count, 1)
    story.centroid = None if profile.vector is None else embed.to_bytes(profile.vector / count)
    story.article_count = profile.count
    if profile.first_seen is not None:
        story.first_seen, story.last_seen = profile.first_seen, profile.last_seen
    story.save(update_fields=["profile", "centroid", "article_count", "first_seen", "last_seen"])
    _index(story, profile, df, n)


def _index(story: Story, profile: core.StoryProfile, df, n: int) -> None:
    StoryKey.objects.filter(story=story).delete()
    keys = profile.index_keys(df, n)
    insert_rows(
        StoryKey,
        [StoryKey(story=story, key=k[:200], last_seen=story.last_seen) for k in keys],
        multirow=True,
    )


def assign_story(article_id: int) -> int | None:
    """Place the article in a story around its publication, or open one; the story id.

    Every article gets a story, with or without claims. None only when the
    article is gone. Safe to run twice: an article already in a story stays.
    """
    # Not the extraction's people and dateline (`nlp`): assignment never reads them.
    article = Article.objects.defer("nlp").filter(pk=article_id).first()
    if article is None:
        return None
    computed = None if _fresh(article) else compute_features(article)
    with transaction.atomic():
        _lock_assignment()
        # First write of the transaction: on SQLite this takes the write lock.
        touched = Article.objects.filter(pk=article_id).update(updated_at=timezone.now())
        if not touched:
            return None
        article = Article.objects.select_for_update().defer("nlp", "text").get(pk=article_id)
        if computed is not None:
            counted = (article.story_terms or {}).get("counted")
            article.story_terms, article.story_vector = computed
            if counted is not None:
                article.story_terms["counted"] = counted
        _count(article)
        if article.story_id:
            article.save(update_fields=["story_terms", "story_vector", "updated_at"])
            story = Story.objects.only("merged_into").get(pk=article.story_id).surviving_story()
            if story.pk != article.story_id:
                article.story = story
                article.save(update_fields=["story", "updated_at"])
        else:
            story = _place(article)  # saves the features with the story: one UPDATE
        Claim.objects.filter(article_id=article_id).exclude(story=story).update(story=story)
        story = Story.objects.only("merged_into").get(pk=story.pk).surviving_story()
        pipeline.request_analysis(story.pk)
    return story.pk


def _place(article: Article) -> Story:
    features = _features_of(article)
    df, n = frequencies(features.terms)
    pool = candidates(features, df, n)
    profiles = [_profile(s) for s in pool]
    more, _ = frequencies({k for p in profiles for k in p.terms} - set(df))
    df.update(more)
    best = core.best_story(features, profiles, df, n, config().weights)
    if best is None:
        when = features.when or article.created_at or timezone.now()
        story = Story.objects.create(
            title=(article.title or article.url)[:500], first_seen=when, last_seen=when
        )
        profile = core.StoryProfile(id=story.pk)
    else:
        story = (
            Story.objects.select_for_update().defer("people", "timelines").get(pk=best.story_id)
        )
        profile = _profile(story)
    profile.add(features)
    _save_profile(story, profile, df, n)
    article.story = story
    article.save(update_fields=["story_terms", "story_vector", "story", "updated_at"])
    weights = config().weights
    if best is not None:
        others = core.same_event(features, profiles, best, df, n, weights)
        if others:
            story = _merge_same_event(story, [o.id for o in others])
    # stories of foreign pages alone that came before any English page of the event
    foreign = core.foreign_before(features, profile, profiles, df, n, weights)
    if foreign:
        story = _merge_same_event(story, [o.id for o in foreign], keep=True)
    return story


def _merge_same_event(story: Story, other_ids: list[int], keep: bool = False) -> Story:
    """Fold the stories the article showed to be its story's event into one
    (`core.same_event`, `core.foreign_before`), as the automatic merge may
    (`story_edits.auto_merge_plan`: never stories a reviewer kept apart, never a
    pinned story as a source)."""
    from claims.services import analysis, story_edits

    plan = story_edits.auto_merge_plan(story.pk, other_ids, keep)
    if plan is None:
        return story
    target, sources = plan
    if analysis.merge_stories(target, sources):
        rebuild_story(Story.objects.get(pk=target))
    return Story.objects.get(pk=target)


def rebuild_story(story: Story) -> None:
    """Recompute a story's profile, vector, count, span and index keys from its articles.

    For corrections (merge, move, split): the profile is the sum over the
    articles it holds now. An emptied story loses its keys, so no later
    article is placed in it.
    """
    profile = core.StoryProfile(id=story.pk)
    articles = list(
        Article.objects.filter(story=story).only(
            "story_terms", "story_vector", "published_at", "created_at"
        )
    )
    for article in articles:
        profile.add(_features_of(article))
    if not articles:
        StoryKey.objects.filter(story=story).delete()
        story.profile, story.centroid, story.article_count = {}, None, 0
        story.save(update_fields=["profile", "centroid", "article_count"])
        return
    df, n = frequencies(profile.terms)
    _save_profile(story, profile, df, n)


def related_stories(story: Story) -> list[tuple[Story, core.Related]]:
    """Live stories most like this one by their names and terms: one event's
    coverage told apart, which a reviewer may merge (the story page offers
    them first). Candidates are the stories sharing this one's index keys."""
    keys = list(StoryKey.objects.filter(story=story).values_list("key", flat=True))
    if not keys:
        return []
    hits = (
        StoryKey.objects.filter(key__in=keys)
        .exclude(story=story)
        .order_by("-last_seen")
        .values_list("story_id", "key")[:MAX_KEY_ROWS]
    )
    df, n = frequencies(keys)
    ranked = core.rank_candidates(hits, df, n, config().max_candidates)
    others = {
        s.pk: s
        for s in Story.objects.live()
        .filter(pk__in=ranked)
        .only("pk", "title", "article_count", "profile", "first_seen", "last_seen")
    }
    profiles = [_profile(s) for s in others.values()]
    df, n = frequencies({k for p in [_profile(story), *profiles] for k in p.terms})
    found = core.related(_profile(story), profiles, df, n, config().weights)
    return [(others[r.story_id], r) for r in found]
