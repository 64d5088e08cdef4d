"""Story corrections on the story page: merge another story in, move articles, split.

Each action is a POST that calls `claims.services.story_edits` and redirects
back to the story page with a message; the panel and the history on the page
come from `corrections_context` (rendered by the `story_corrections` tag).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from claims.access import can_edit_stories, story_editor_required
from claims.forms import ArticleMoveForm, StoryMergeForm, StorySplitForm
from claims.models import Article, Story
from claims.services import story_edits
from claims.services.stories import related_stories
from claims.services.story_edits import StoryEditError

# Stories offered as merge sources and move destinations: live, with articles,
# active within this many days of the story, the most recent first; then, up to
# the limit, the most recent others. A page with no publication date is placed
# at its fetch time, so a story of undated archive pages lies years from its
# event's: it must still be offered both ways.
CANDIDATE_DAYS = 30
MAX_CANDIDATES = 50


def _live_story(pk: int) -> Story:
    story = get_object_or_404(Story.objects.defer("centroid"), pk=pk)
    live = story_edits.live_ids([story.pk])[story.pk]
    return story if live == story.pk else Story.objects.defer("centroid").get(pk=live)


def candidate_stories(story: Story) -> list[Story]:
    """Other live stories a reviewer is likely to mean: those most like this one
    by names and terms first (each with the names they share, `shared`), then
    those close in time, newest first, then the newest of the others."""
    likely = []
    for other, found in related_stories(story):
        if other.article_count:
            other.shared = found.shared
            likely.append(other)
    window = timedelta(days=CANDIDATE_DAYS)
    others = (
        Story.objects.live()
        .exclude(pk=story.pk)
        .filter(Exists(Article.objects.filter(story=OuterRef("pk"))))
        .only("pk", "title", "article_count", "last_seen")
        .order_by("-last_seen", "-pk")
    )
    near = list(
        others.filter(
            last_seen__gte=story.first_seen - window, first_seen__lte=story.last_seen + window
        )[:MAX_CANDIDATES]
    )
    if len(near) < MAX_CANDIDATES:
        near += others.exclude(pk__in=[s.pk for s in near])[: MAX_CANDIDATES - len(near)]
    first = {s.pk for s in likely}
    return (likely + [s for s in near if s.pk not in first])[:MAX_CANDIDATES]


def corrections_context(story: Story, user) -> dict:
    """What the corrections panel and the history of the story page show."""
    context = {
        "story": story,
        "can_edit_stories": can_edit_stories(user),
        "story_history": story_edits.history(story),
    }
    if context["can_edit_stories"]:
        context["edit_articles"] = list(
            Article.objects.filter(story=story)
            .select_related("outlet")
            .only("pk", "title", "url", "published_at", "story_locked", "outlet__name")
            .order_by("published_at", "pk")
        )
        context["edit_candidates"] = candidate_stories(story)
        context["likely_candidates"] = likely(context["edit_candidates"])
    return context


def likely(candidates: list[Story]) -> list[Story]:
    """The candidates offered as likely the same event (those sharing names)."""
    return [s for s in candidates if getattr(s, "shared", None)]


def _back(story: Story):
    return redirect(reverse("claims:story", args=[story.pk]) + "#corrections-h")


def _errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _story_link(story: Story):
    return format_html('<a href="{}">story #{}</a>', story.get_absolute_url(), story.pk)


def _run_edit(request, form, edit):
    """The edit's result on the form's cleaned data; None (the errors shown) if it was refused."""
    if not form.is_valid():
        _errors(request, form)
        return None
    try:
        return edit(form.cleaned_data)
    except StoryEditError as exc:
        messages.error(request, str(exc))
        return None


def _moved(request, result, where: str) -> None:
    """Say where the articles went: '2 articles moved to story #7.', the story linked."""
    plural = "" if result.moved == 1 else "s"
    messages.success(
        request,
        format_html("{} article{} {} {}.", result.moved, plural, where, _story_link(result.story)),
    )


@story_editor_required
@require_POST
def story_merge(request, pk):
    """Merge the chosen story into this one."""
    story = _live_story(pk)
    form = StoryMergeForm(request.POST, story=story)
    result = _run_edit(
        request,
        form,
        lambda data: story_edits.merge_stories(
            story, [data["other"]], request.user, note=data["note"]
        ),
    )
    if result is None:
        return _back(story)
    other = form.cleaned_data["other"]
    messages.success(
        request,
        f"Story #{other.pk} merged into this one: {result.moved} article"
        f"{'' if result.moved == 1 else 's'} moved. The analysis runs again.",
    )
    return _back(result.story)


@story_editor_required
@require_POST
def story_move(request, pk):
    """Move the selected articles of this story to another story, or to a new one."""
    story = _live_story(pk)
    result = _run_edit(
        request,
        ArticleMoveForm(request.POST, story=story),
        lambda data: story_edits.move_articles(
            data["articles"], data["to"], request.user, note=data["note"]
        ),
    )
    if result is not None:
        _moved(request, result, "moved to")
    return _back(story)


@story_editor_required
@require_POST
def story_split(request, pk):
    """Split the selected articles off into a new story, kept apart from this one."""
    story = _live_story(pk)
    result = _run_edit(
        request,
        StorySplitForm(request.POST, story=story),
        lambda data: story_edits.split_story(
            story, [a.pk for a in data["articles"]], request.user, note=data["note"]
        ),
    )
    if result is not None:
        _moved(request, result, "split off into")
    return _back(story)
