"""Reviewers' and curators' corrections of the story grouping: merge, move, split.

Each correction runs in one transaction, is logged as a `StoryEdit` (who, when,
what), and marks the stories it touched for re-analysis through
`claims.pipeline.request_analysis`. It leaves two records that the automatic
story step consults, so neither re-analysis nor a later article undoes it:

- `Article.story_locked`: the article was put in its story by a person. The
  automatic assignment never re-places it and the automatic merge never folds
  its story into another (a story holding pinned articles can only be a merge
  target): see `locked_article_ids` and `auto_merge_plan`.
- `StorySeparation`: two stories a person kept apart (a split, or a move out
  of one story into another). The automatic merge never joins them again, even
  after either side was merged with a third story: see `kept_apart`.

A reviewer's own merge is the one thing that joins two separated stories; it
removes their separation.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims import pipeline
from claims.models import Article, Claim, Story, StoryEdit, StorySeparation
from claims.services import stories

log = logging.getLogger(__name__)


class StoryEditError(ValueError):
    """A correction that cannot be made as asked (the message says why, for the reviewer)."""


# --- what the automatic story step consults -------------------------------------------


def live_ids(story_ids: Iterable[int]) -> dict[int, int]:
    """Each story id mapped to the live story it was (transitively) merged into."""
    pending = set(story_ids)
    parent: dict[int, int | None] = {}
    while pending:
        rows = Story.objects.filter(pk__in=pending).values_list("pk", "merged_into_id")
        pending = set()
        for pk, merged_into in rows:
            parent[pk] = merged_into
            if merged_into and merged_into not in parent:
                pending.add(merged_into)
    out = {}
    for pk in parent:
        seen, node = {pk}, pk
        while parent.get(node) and parent[node] not in seen:
            node = parent[node]
            seen.add(node)
        out[pk] = node
    return out


def _with_merged(story_ids: Iterable[int]) -> set[int]:
    """The stories and every story merged into them, transitively.

    Separations are written between the stories of the moment; a side merged
    later keeps its old id in the row.
    """
    members = set(story_ids)
    frontier = set(members)
    while frontier:
        frontier = (
            set(Story.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True))
            - members
        )
        members |= frontier
    return members


def kept_apart(story_ids: Iterable[int]) -> set[frozenset[int]]:
    """Pairs of the given live stories that a reviewer kept apart, as frozensets.

    A separation recorded between two stories holds for whatever live stories
    they were merged into since.
    """
    story_ids = set(story_ids)
    if len(story_ids) < 2:
        return set()
    members = _with_merged(story_ids)
    rows = list(
        StorySeparation.objects.filter(
            Q(story_a_id__in=members) | Q(story_b_id__in=members)
        ).values_list("story_a_id", "story_b_id")
    )
    live = live_ids({pk for row in rows for pk in row})
    pairs = set()
    for a, b in rows:
        la, lb = live.get(a, a), live.get(b, b)
        if la != lb and la in story_ids and lb in story_ids:
            pairs.add(frozenset((la, lb)))
    return pairs


def _separations_within(story_ids: Iterable[int]) -> list[int]:
    """Ids of separation rows whose two sides now resolve to stories among `story_ids`."""
    members = _with_merged(story_ids)
    return list(
        StorySeparation.objects.filter(story_a_id__in=members, story_b_id__in=members).values_list(
            "pk", flat=True
        )
    )


def locked_article_ids(article_ids: Iterable[int]) -> set[int]:
    """The given articles that a reviewer pinned to their story."""
    return set(
        Article.objects.filter(pk__in=list(article_ids), story_locked=True).values_list(
            "pk", flat=True
        )
    )


def pinned_story_ids(story_ids: Iterable[int]) -> set[int]:
    """The given stories holding at least one pinned article."""
    return set(
        Article.objects.filter(story_id__in=list(story_ids), story_locked=True)
        .values_list("story_id", flat=True)
        .distinct()
    )


def auto_merge_plan(
    story_id: int, candidate_ids: Iterable[int], keep: bool = False
) -> tuple[int, list[int]] | None:
    """What the automatic merge may do with `story_id` and the stories found close to it.

    Returns (target, sources) or None when nothing may be merged. A candidate
    kept apart from the story, or from a candidate already taken, is dropped;
    a story holding pinned articles is never a source, so at most one of them
    takes part, as the target. Otherwise the target is the oldest story, or
    `story_id` itself with `keep` (pages in another language folded into the
    English story they belong to: its headline names the story).
    """
    candidates = [pk for pk in dict.fromkeys(candidate_ids) if pk != story_id]
    if not candidates:
        return None
    everyone = [story_id, *candidates]
    apart = kept_apart(everyone)
    pinned = pinned_story_ids(everyone)
    group = [story_id]
    for pk in candidates:
        if any(frozenset((pk, other)) in apart for other in group):
            continue
        if pk in pinned and any(other in pinned for other in group):
            continue
        group.append(pk)
    if len(group) < 2:
        return None
    held = [pk for pk in group if pk in pinned]
    if held:
        target = held[0]
    elif keep:
        target = story_id
    else:
        target = (
            Story.objects.filter(pk__in=group)
            .order_by("first_seen", "pk")
            .values_list("pk", flat=True)
        )[0]
    return target, [pk for pk in group if pk != target]


# --- corrections ---------------------------------------------------------------------


@dataclass(frozen=True)
class EditResult:
    edit: StoryEdit
    story: Story  # where the articles are now
    moved: int  # how many articles changed story


def _lock_assignment() -> None:
    from claims.services import analysis

    analysis._lock_assignment()


def refresh_story(story: Story) -> None:
    """Rebuild a story's profile, vector, count, span and index keys from its articles now.

    The story step's own rebuild (`services.stories.rebuild_story`): later
    articles are compared with what the story holds after the correction, and
    an emptied story loses its keys, so no later article is placed in it.
    """
    stories.rebuild_story(story)


def _separate(a: Story, b: Story, edit: StoryEdit) -> None:
    low, high = sorted((a.pk, b.pk))
    StorySeparation.objects.get_or_create(story_a_id=low, story_b_id=high, defaults={"edit": edit})


def _new_story(articles: list[Article]) -> Story:
    first = min(articles, key=lambda a: (a.published_at or a.created_at, a.pk))
    times = [a.published_at or a.created_at for a in articles]
    return Story.objects.create(
        title=(first.title or first.url)[:500], first_seen=min(times), last_seen=max(times)
    )


def _move(articles: list[Article], dest: Story) -> set[int]:
    """Put the articles in `dest`, pinned; their claims leave their old clusters."""
    ids = [a.pk for a in articles]
    Article.objects.filter(pk__in=ids).update(
        story=dest, story_locked=True, updated_at=timezone.now()
    )
    # The old story's clusters are its own; the next analysis of `dest` clusters them.
    Claim.objects.filter(article_id__in=ids).update(story=dest, cluster=None)
    return {a.story_id for a in articles if a.story_id and a.story_id != dest.pk}


def _live_story(story: Story) -> Story:
    live = live_ids([story.pk])[story.pk]
    return story if live == story.pk else Story.objects.get(pk=live)


def move_articles(
    articles: Iterable[Article | int],
    story: Story | int | None,
    user,
    *,
    note: str = "",
    action: str = StoryEdit.Action.MOVE,
) -> EditResult:
    """Move articles to `story` (None: one new story), pinned there; logged.

    Every story they leave is kept apart from the one they join, so an
    automatic merge does not put them back together; a story they leave empty
    is folded into the one they join instead.
    """
    from claims.services import analysis  # it imports this module for auto_merge_plan

    ids = [a.pk if isinstance(a, Article) else int(a) for a in articles]
    if not ids:
        raise StoryEditError("Choose at least one article.")
    with transaction.atomic():
        _lock_assignment()
        rows = list(Article.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        if len(rows) != len(set(ids)):
            raise StoryEditError("An article is gone.")
        if story is None:
            dest = _new_story(rows)
        else:
            dest = story if isinstance(story, Story) else Story.objects.get(pk=story)
            dest = _live_story(dest)
        leaving = [a for a in rows if a.story_id != dest.pk]
        if not leaving:
            raise StoryEditError("Already in that story.")
        sources = {a.story_id for a in leaving if a.story_id}
        source = min(sources) if len(sources) == 1 else None
        edit = StoryEdit.objects.create(
            action=action,
            story=dest,
            other_story_id=source,
            article_ids=[a.pk for a in rows],
            article_titles=[(a.title or a.url)[:200] for a in rows],
            user=user,
            note=note,
        )
        touched = _move(rows, dest)
        for pk in sorted(touched):
            if not Article.objects.filter(story_id=pk).exists():
                # Emptied (a lone article moved to where it belongs): folded into the
                # destination like a merge, so its page leads there and the reviewers'
                # decisions on its clusters and flags come along.
                analysis.merge_stories(dest.pk, [pk])
                continue
            old = Story.objects.get(pk=pk)
            _separate(old, dest, edit)
            refresh_story(old)
            pipeline.request_analysis(old.pk)
        refresh_story(dest)
        pipeline.request_analysis(dest.pk)
    log.info("%s: articles %s to story %s by %s", action, ids, dest.pk, user)
    return EditResult(edit, dest, len(leaving))


def move_article(article: Article | int, story: Story | int | None, user, note: str = ""):
    """Move one article to another story, or to a new story of its own (story=None)."""
    return move_articles([article], story, user, note=note)


def split_story(story: Story | int, article_ids: Iterable[int], user, note: str = ""):
    """Take the chosen articles out of `story` into a new story, kept apart from it."""
    story = story if isinstance(story, Story) else Story.objects.get(pk=story)
    ids = sorted({int(pk) for pk in article_ids})
    held = set(Article.objects.filter(story=story).values_list("pk", flat=True))
    if not ids:
        raise StoryEditError("Choose the articles that make the new story.")
    if not set(ids) <= held:
        raise StoryEditError("Only articles of this story can be split off.")
    if set(ids) == held:
        raise StoryEditError("Leave at least one article in the story.")
    return move_articles(ids, None, user, note=note, action=StoryEdit.Action.SPLIT)


def merge_stories(target: Story | int, sources: Iterable[Story | int], user, note: str = ""):
    """Fold the source stories into the target, pinning every article; logged.

    The fold itself is the automatic merge's (`services.analysis.merge_stories`:
    clusters, flags, reviews and match decisions move with the articles). A
    separation between the merged stories is lifted: the reviewer joined them.
    """
    from claims.services import analysis

    target = target if isinstance(target, Story) else Story.objects.get(pk=target)
    source_ids = sorted({s.pk if isinstance(s, Story) else int(s) for s in sources})
    with transaction.atomic():
        _lock_assignment()
        target = _live_story(target)
        live = live_ids(source_ids)
        source_ids = sorted({live[pk] for pk in source_ids if pk in live} - {target.pk})
        if not source_ids:
            raise StoryEditError("Choose another story to merge into this one.")
        by_story: dict[int, list[tuple[int, str]]] = {pk: [] for pk in source_ids}
        for pk, story_id, title, url in (
            Article.objects.filter(story_id__in=source_ids)
            .order_by("published_at", "pk")
            .values_list("pk", "story_id", "title", "url")
        ):
            by_story[story_id].append((pk, (title or url)[:200]))
        everyone = [target.pk, *source_ids]
        StorySeparation.objects.filter(pk__in=_separations_within(everyone)).delete()
        edits = [
            StoryEdit.objects.create(
                action=StoryEdit.Action.MERGE,
                story=target,
                other_story_id=pk,
                article_ids=[a for a, _ in by_story[pk]],
                article_titles=[t for _, t in by_story[pk]],
                user=user,
                note=note,
            )
            for pk in source_ids
        ]
        Article.objects.filter(story_id__in=everyone).update(story_locked=True)
        analysis.merge_stories(target.pk, source_ids)
        target.refresh_from_db()
        refresh_story(target)
    log.info("merge: stories %s into %s by %s", source_ids, target.pk, user)
    return EditResult(edits[0], target, sum(len(v) for v in by_story.values()))


def history(story: Story | int, limit: int = 50) -> list[StoryEdit]:
    """Corrections that put articles in or took them out of the story, newest first."""
    pk = story.pk if isinstance(story, Story) else int(story)
    return list(
        StoryEdit.objects.filter(Q(story_id=pk) | Q(other_story_id=pk))
        .select_related("user", "story", "other_story")
        .order_by("-created_at", "-pk")[:limit]
    )
