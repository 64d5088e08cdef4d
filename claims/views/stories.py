"""A story: its claim matrix (outlets x claim clusters), people, open flags, and exports."""

from __future__ import annotations

import json
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from claims.access import can_edit_stories, can_review
from claims.analysis.titles import FLAGGED as FLAGGED_RELATIONS
from claims.analysis.titles import RELATION_LABELS
from claims.analysis.variants import read_variants
from claims.charts import timeline_chart
from claims.markup import highlight_terms
from claims.models import Article, Claim, ClaimCluster, Flag, PersonAppearance, Review, Story
from claims.services import memory as memory_service
from claims.services import page_cache
from claims.services import review as review_service
from claims.views.common import CONTRADICTION_KINDS, FLAG_PRIORITY, evidence_clusters
from claims.views.story_edits import candidate_stories, corrections_context, likely

ROWS_PER_PAGE = 50
STATUS_ORDER = ["contradicted", "single_source", "corroborated"]


# What a cached story page reads of its story on every request: where a merged
# story lives on, the "analysed ... ago" slot, the span the merge choices need.
# Not the analysis' JSON (profile, people, timelines): only a cache miss reads it.
HEAD_FIELDS = ("merged_into", "analysed_at", "first_seen", "last_seen")


def _story_or_redirect(pk):
    heads = Story.objects.only(*HEAD_FIELDS)
    story = get_object_or_404(heads, pk=pk)
    seen = {story.pk}
    while story.merged_into_id and story.merged_into_id not in seen:
        seen.add(story.merged_into_id)
        story = heads.get(pk=story.merged_into_id)
    return story


def _story_columns(story):
    """The story's outlets in order of first publication, with their articles."""
    articles = (
        Article.objects.filter(story=story)
        .select_related("outlet")
        .only("pk", "title", "url", "published_at", "outlet__name", "status")
        .order_by("published_at", "pk")
    )
    columns, index = [], {}
    for article in articles:
        if article.outlet_id not in index:
            index[article.outlet_id] = len(columns)
            columns.append({"outlet": article.outlet, "articles": []})
        columns[index[article.outlet_id]]["articles"].append(article)
    return columns, index


def people_rows(story, columns):
    """Story.people (claims.analysis.types.Person.to_dict) as rows: titles per outlet column.

    Each title carries its relation to the person's main title (claims.analysis.titles):
    a short form or a description is shown as such and is no difference.
    """
    outlet_names = [c["outlet"].name for c in columns]
    person_ids = dict(
        PersonAppearance.objects.filter(story=story).values_list("name", "person_id").distinct()
    )
    people = []
    for person in story.people if isinstance(story.people, list) else []:
        name = str(person.get("canonical") or "").strip()
        if not name:
            continue
        variants = [str(v) for v in person.get("names") or {} if v and str(v) != name]
        by_outlet, distinct, relations = defaultdict(list), [], []
        for entry in person.get("titles") or []:
            title = str(entry.get("value") or "").strip()
            if not title:
                continue
            relation = str(entry.get("relation") or "")
            relations.append(relation)
            if title not in distinct:
                distinct.append(title)
            chip = {"title": title, "relation": relation, "label": RELATION_LABELS.get(relation)}
            for outlet in entry.get("outlets") or []:
                if chip not in by_outlet[str(outlet)]:
                    by_outlet[str(outlet)].append(chip)
        typed = any(relations)
        people.append(
            {
                "name": name,
                "person_id": person_ids.get(name),
                "variants": variants,
                "titles": distinct,
                "differs": any(r in FLAGGED_RELATIONS for r in relations)
                if typed
                else len(distinct) > 1,
                "cells": [by_outlet.get(o, []) for o in outlet_names],
            }
        )
    people.sort(key=lambda p: (not p["differs"], -len(p["titles"]), p["name"]))
    return people


def _flag_rank(flag):
    """Kind first, then the differences that involve the most outlets."""
    kind = FLAG_PRIORITY.index(flag.kind) if flag.kind in FLAG_PRIORITY else 99
    outlets = {name for variant in read_variants(flag.variants) for name in variant.outlets}
    return (kind, -len(outlets), flag.subject)


def _story_rows(story, columns, index, status, page_number):
    clusters = ClaimCluster.objects.filter(story=story, is_active=True)
    if status in STATUS_ORDER:
        clusters = clusters.filter(status=status)
    paginator = Paginator(clusters.order_by("position", "pk"), ROWS_PER_PAGE)
    page = paginator.get_page(page_number)
    cluster_list = list(page.object_list)
    ids = [c.pk for c in cluster_list]
    cells = defaultdict(lambda: [[] for _ in columns])
    claims = (
        Claim.objects.filter(cluster_id__in=ids)
        .values(
            "pk",
            "cluster_id",
            "text",
            "kind",
            "speaker",
            "start",
            "end",
            "article_id",
            "article__outlet_id",
        )
        .order_by("article_id", "position")
    )
    by_span = defaultdict(list)  # article id -> [(start, end, cluster id)]
    for claim in claims:
        column = index.get(claim["article__outlet_id"])
        if column is not None:
            cells[claim["cluster_id"]][column].append(claim)
        by_span[claim["article_id"]].append((claim["start"], claim["end"], claim["cluster_id"]))
    flags = defaultdict(list)
    story_level = Flag.objects.active().filter(story=story, cluster__isnull=True)
    cluster_level = Flag.objects.active().filter(cluster_id__in=ids)
    for flag in (cluster_level | story_level.filter(kind__in=CONTRADICTION_KINDS)).order_by(
        "kind", "pk"
    ):
        if flag.cluster_id:
            flags[flag.cluster_id].append(flag)
            continue
        # A flag about a person (no cluster): show it on the rows its evidence comes from.
        for cluster_id in evidence_clusters(flag, by_span):
            flags[cluster_id].append(flag)
    verdicts = review_service.latest_verdicts(ids)
    earlier = memory_service.reviewed_before(ids)
    rows = []
    for cluster in cluster_list:
        terms = [
            value
            for flag in flags[cluster.pk]
            if flag.is_contradiction
            for value in review_service.variant_values(flag)
            if value != flag.subject  # "Pete Hegseth" in a name flag about Pete Hegseth
        ]
        row_cells = []
        for claims_here in cells[cluster.pk]:
            row_cells.append(
                [
                    {**c, "html": highlight_terms(c["text"], terms, {"class": "variant"})}
                    for c in claims_here
                ]
            )
        rows.append(
            {
                "cluster": cluster,
                "cells": row_cells,
                "flags": flags[cluster.pk],
                "flagged": bool(terms),
                "verdict": verdicts.get(cluster.pk),
                "earlier": earlier.get(cluster.pk, []),
            }
        )
    return {"rows": rows, "rows_page": page, "status": status if status in STATUS_ORDER else ""}


@login_required
@require_GET
def story(request, pk):
    story = _story_or_redirect(pk)
    if story.pk != pk:
        return redirect(story)
    rights = _Rights(request.user)
    variant = _page_variant(request, rights)
    if variant is None:  # messages to show once, or an unusual query string
        html = _page_html(request, story, rights)
    else:
        html = page_cache.cached_page(
            story.pk, variant, lambda: _page_html(request, story, rights)
        )
    return HttpResponse(page_cache.fill(html, _per_request(request, story, rights)))


class _Rights:
    """What the reader may do: which forms and links the page has."""

    def __init__(self, user):
        self.review = can_review(user)
        self.edit_stories = can_edit_stories(user)
        self.staff = user.is_staff

    def __str__(self) -> str:
        flags = zip("res", (self.review, self.edit_stories, self.staff), strict=True)
        return "".join(letter if on else "-" for letter, on in flags)


def _page_variant(request, rights: _Rights) -> str | None:
    """What the cached page depends on besides the story version, or None: not cached.

    The page's links and forms carry the query string (a form's `next`), the
    reader's rights decide which forms and links it has; a page with messages
    shows them once and is not kept.
    """
    query = request.GET
    if (
        len(request.META.get("QUERY_STRING", "")) > 64
        or not set(query) <= {"status", "page"}
        or any(len(query.getlist(k)) > 1 for k in query)
        or query.get("status", "") not in ("", *STATUS_ORDER)
        or not query.get("page", "1").isdigit()
        or len(messages.get_messages(request))
    ):
        return None
    return f"{rights}:{request.get_full_path()}"


class _Reader:
    """The signed-in reader as a cached page shows them: the rights its variant
    is keyed on, and a slot for the name each request fills in."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, rights: _Rights):
        self.is_staff = rights.staff

    def get_username(self):
        return page_cache.slot("username")


def _page_html(request, story: Story, rights: _Rights) -> str:
    """The whole page with its per-request parts left as slots (page_cache.fill)."""
    story = Story.objects.defer("centroid", "profile").get(pk=story.pk)
    columns, index = _story_columns(story)
    status = request.GET.get("status", "")
    csrf = page_cache.slot("csrf")
    corrections = corrections_context(story, request.user)
    corrections.update(
        csrf_token=csrf,
        request=request,
        slots={"options": page_cache.slot("move_to"), "merge": page_cache.slot("merge")},
    )
    context = {
        "story": story,
        "columns": columns,
        "rows_html": _rows_html(story, columns, index, status, request.GET.get("page")),
        "status": status if status in STATUS_ORDER else "",
        "can_review": rights.review,
        "user": _Reader(rights),
        "csrf_token": csrf,
        "analysed_ago": page_cache.slot("analysed_ago"),
        "corrections_html": render_to_string("claims/_story_corrections.html", corrections),
    }
    # What every reader sees alike is built once per story version.
    context.update(page_cache.cached_summary(story.pk, lambda: _summary(story, columns)))
    for part in ("summary_html", "charts_html"):
        context[part] = mark_safe(context[part])  # noqa: S308
    return render_to_string("claims/story.html", context, request)


def _per_request(request, story: Story, rights: _Rights) -> dict[str, str]:
    """The slots' values for this reader, now.

    The stories the corrections panel offers to merge with change when a story
    nearby does, not with this one: they are kept only until any story is
    written (page_cache.cached_neighbours).
    """
    token = get_token(request)
    values = {
        "csrf": token,
        "username": escape(request.user.get_username()),
        "analysed_ago": escape(str(naturaltime(story.analysed_at))) if story.analysed_at else "",
        "move_to": "",
        "merge": "",
    }
    if rights.edit_stories:
        candidates = page_cache.cached_neighbours(story.pk, lambda: candidate_stories(story))
        context = {
            "story": story,
            "edit_candidates": candidates,
            "likely_candidates": likely(candidates),
            "csrf_token": token,
        }
        for slot, part in (("move_to", "options"), ("merge", "merge")):
            context["part"] = part
            values[slot] = render_to_string("claims/_story_candidates.html", context)
    return values


def _summary(story: Story, columns) -> dict:
    """Open differences, people, moving figures and the counts of the story page."""
    counts = dict(
        ClaimCluster.objects.filter(story=story, is_active=True)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    open_flags = list(
        Flag.objects.open()
        .filter(story=story)
        .exclude(kind="corroborated")
        .only("pk", "kind", "subject", "variants", "status", "cluster_id", "severity", "reason")
        .order_by("kind", "subject")
    )
    contradictions = sorted((f for f in open_flags if f.is_contradiction), key=_flag_rank)
    context = {
        "story": story,
        "columns": columns,
        "people": people_rows(story, columns),
        "open_flags": contradictions[:40],
        "open_contradictions": len(contradictions),
        "open_single_source": len(open_flags) - len(contradictions),
        # moving figures (a toll) as small charts: story.timelines from the analysis
        "timelines": [
            chart for chart in map(timeline_chart, story.timelines or []) if chart is not None
        ],
    }
    return {
        "summary_html": str(render_to_string("claims/_story_summary.html", context)),
        "charts_html": str(render_to_string("claims/_story_charts.html", context)),
        "status_tabs": [("", "All claims", sum(counts.values()))]
        + [(s, ClaimCluster.Status(s).label, counts.get(s, 0)) for s in STATUS_ORDER],
        "open_flag_count": len(open_flags),
        "n_claims": Claim.objects.filter(story=story).count(),
        "has_verdicts": Review.objects.filter(
            cluster__story=story, action=Review.Action.VERDICT
        ).exists(),
    }


@login_required
@require_GET
def story_rows(request, pk):
    """One page of matrix rows (htmx: the status tabs and the lazy "load more" row)."""
    story = get_object_or_404(Story, pk=pk)
    columns, index = _story_columns(story)
    status, page = request.GET.get("status", ""), request.GET.get("page")
    return HttpResponse(_rows_html(story, columns, index, status, page))


def _rows_html(story, columns, index, status, page) -> str:
    """The matrix rows of one page, rendered once per story version (page_cache)."""

    def render():
        context = {"story": story, "columns": columns}
        context.update(_story_rows(story, columns, index, status, page))
        return render_to_string("claims/_story_rows.html", context)

    return mark_safe(page_cache.cached_rows(story.pk, status, page, render))  # noqa: S308


# --- exports ---------------------------------------------------------------------------


@login_required
@require_GET
def story_flags_json(request, pk):
    get_object_or_404(Story, pk=pk)
    response = JsonResponse(review_service.story_flags(pk), json_dumps_params={"indent": 2})
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="story-{pk}-flags.json"'
    return response


@login_required
@require_GET
def story_flags_csv(request, pk):
    get_object_or_404(Story, pk=pk)
    response = HttpResponse(
        review_service.story_flags_csv(pk), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="story-{pk}-flags.csv"'
    return response


def _jsonld(request, data, filename):
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/ld+json; charset=utf-8",
    )
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def story_claimreview(request, pk):
    get_object_or_404(Story, pk=pk)
    data = review_service.claim_reviews(
        story_id=pk, base_url=request.build_absolute_uri("/").rstrip("/")
    )
    return _jsonld(request, data, f"story-{pk}-claimreview.jsonld")


@login_required
@require_GET
def claimreview_all(request):
    data = review_service.claim_reviews(base_url=request.build_absolute_uri("/").rstrip("/"))
    return _jsonld(request, data, "claimreview.jsonld")
