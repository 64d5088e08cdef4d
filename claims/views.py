"""Reviewer pages and JSON endpoints: function views, access from claims.access.

Article text, quotes and flag values are untrusted data. Highlighting is built
from escaped segments (conditional_escape + format_html), never with |safe.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter, defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from claims.access import api_login_required, can_review, reviewer_required
from claims.forms import (
    FeedSubmitForm,
    FileSubmitForm,
    RevisionCompareForm,
    SearchForm,
    SuggestionForm,
    TextSubmitForm,
    TriageForm,
    UrlSubmitForm,
    VerdictForm,
)
from claims.models import (
    Article,
    ArticleRevision,
    Claim,
    ClaimCluster,
    Flag,
    IngestJob,
    MatchSuggestion,
    Review,
    Story,
)
from claims.services import review as review_service

ROWS_PER_PAGE = 50
STATUS_ORDER = ["contradicted", "single_source", "corroborated"]
# Most consequential first: a wrong title or number matters more than a quote's wording.
FLAG_PRIORITY = [
    "title_mismatch",
    "number_mismatch",
    "date_mismatch",
    "place_mismatch",
    "polarity_mismatch",
    "name_variant",
    "quote_variant",
]
CONTRADICTION_KINDS = [k for k in Flag.Kind.values if k not in ("corroborated", "single_source")]


def _page(request, template, context):
    context.setdefault("can_review", can_review(request.user))
    return render(request, template, context)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- safe highlighting ---------------------------------------------------------


def mark_spans(text: str, spans, base: int = 0):
    """Escape `text`, wrapping each (start, end, tag, attrs) span; offsets relative to `base`.

    Spans are clipped to the text; overlapping spans after the first are dropped.
    Every piece of text passes through conditional_escape.
    """
    out, cursor = [], 0
    for start, end, tag, attrs in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = max(start - base, 0), min(end - base, len(text))
        if start < cursor or end <= start:
            continue
        out.append(conditional_escape(text[cursor:start]))
        attr_html = mark_safe(
            "".join(format_html(' {}="{}"', k, v) for k, v in (attrs or {}).items())
        )
        out.append(format_html("<{}{}>{}</{}>", tag, attr_html, text[start:end], tag))
        cursor = end
    out.append(conditional_escape(text[cursor:]))
    return mark_safe("".join(out))


def term_spans(text: str, terms, tag="mark", attrs=None) -> list:
    spans = []
    lowered = text.lower()
    for term in sorted({t for t in terms if t and len(t) > 1}, key=len, reverse=True):
        start = lowered.find(term.lower())
        while start != -1:
            end = start + len(term)
            # whole words only: "US" must not light up inside "USA"
            if not (start > 0 and text[start - 1].isalnum()) and not (
                end < len(text) and text[end].isalnum()
            ):
                spans.append((start, end, tag, attrs or {}))
            start = lowered.find(term.lower(), start + 1)
    return spans


def highlight_terms(text: str, terms, attrs=None):
    return mark_spans(text, term_spans(text, terms, "mark", attrs))


TOKEN = re.compile(r"\w[\w'’\-]*|\s+|[^\w\s]")
WORD = re.compile(r"\S+\s*|\s+")  # a word with the spaces after it: marks stay contiguous


def _norm(token: str) -> str:
    """Compare words, not typography: case, quotes and trailing punctuation don't count."""
    return re.sub(r"[^\w\-]", "", token).lower() or token.strip()


def word_diff(reference: str, text: str, min_ratio: float = 0.0):
    """`text` with the words that differ from `reference` wrapped in <mark class="diff">.

    Below `min_ratio` similarity the texts are paraphrases, not variants: no marks.
    """
    ref_tokens, tokens = WORD.findall(reference or ""), WORD.findall(text or "")
    matcher = difflib.SequenceMatcher(
        None, [_norm(t) for t in ref_tokens], [_norm(t) for t in tokens], autojunk=False
    )
    if min_ratio and matcher.ratio() < min_ratio:
        return conditional_escape(text or "")
    out = []
    for op, _a1, _a2, b1, b2 in matcher.get_opcodes():
        chunk = "".join(tokens[b1:b2])
        if op == "equal" or not chunk.strip():
            out.append(conditional_escape(chunk))
        else:
            body = chunk.rstrip()
            out.append(format_html('<mark class="diff">{}</mark>', body))
            out.append(conditional_escape(chunk[len(body) :]))
    return mark_safe("".join(out))


def paragraph_bounds(text: str):
    """(start, end) of each non-empty line: article text keeps one paragraph per line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def render_diff_ops(ops, context_chars: int = 240):
    """revision_diff output -> HTML with <ins>/<del>; long unchanged runs are elided."""
    out = []
    for op, text in ops:
        if op == "insert":
            out.append(format_html("<ins>{}</ins>", text))
        elif op == "delete":
            out.append(format_html("<del>{}</del>", text))
        elif len(text) > 2 * context_chars + 40:
            head = text[:context_chars].rsplit(" ", 1)[0] if out else ""
            tail = text[-context_chars:].split(" ", 1)[-1]
            out.append(
                format_html(
                    '{} <span class="elided" title="{} unchanged characters">…</span> {}',
                    head,
                    len(text) - len(head) - len(tail),
                    tail,
                )
            )
        else:
            out.append(conditional_escape(text))
    return mark_safe("".join(out))


def local_word_diff(a: str, b: str):
    ta, tb = TOKEN.findall(a), TOKEN.findall(b)
    ops = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal":
            ops.append(("equal", "".join(ta[a1:a2])))
            continue
        if a2 > a1:
            ops.append(("delete", "".join(ta[a1:a2])))
        if b2 > b1:
            ops.append(("insert", "".join(tb[b1:b2])))
    return ops


# --- dashboard -------------------------------------------------------------------


def _count(qs, field="pk", distinct=False):
    return Coalesce(
        Subquery(
            qs.order_by().values("story").annotate(n=Count(field, distinct=distinct)).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def _ingest_status():
    jobs = list(IngestJob.objects.select_related("created_by").order_by("-created_at")[:8])
    failed = list(Article.objects.failed().select_related("outlet").order_by("-updated_at")[:8])
    active = any(j.status in (IngestJob.Status.QUEUED, IngestJob.Status.RUNNING) for j in jobs)
    return {"jobs": jobs, "failed_articles": failed, "ingest_active": active}


@login_required
@require_GET
def dashboard(request):
    stories = Story.objects.live().annotate(
        n_claims=_count(Claim.objects.filter(story=OuterRef("pk"))),
        n_outlets=_count(Article.objects.filter(story=OuterRef("pk")), "outlet", True),
        n_articles=_count(Article.objects.filter(story=OuterRef("pk"))),
    )
    page = Paginator(stories.order_by("-last_seen", "-pk"), 20).get_page(request.GET.get("page"))
    ids = [s.pk for s in page]
    by_story = defaultdict(list)
    rows = (
        Flag.objects.open()
        .filter(story_id__in=ids)
        .values("story_id", "kind")
        .annotate(n=Count("pk"))
        .order_by("story_id", "kind")
    )
    labels = dict(Flag.Kind.choices)
    for row in rows:
        by_story[row["story_id"]].append(
            {"kind": row["kind"], "label": labels.get(row["kind"], row["kind"]), "n": row["n"]}
        )
    for story in page:
        flags = sorted(
            by_story.get(story.pk, []),
            key=lambda f: (f["kind"] in ("corroborated", "single_source"), f["kind"]),
        )
        story.open_flags = flags
        story.n_contradictions = sum(f["n"] for f in flags if f["kind"] in CONTRADICTION_KINDS)
    context = {
        "page": page,
        "url_form": UrlSubmitForm(),
        "text_form": TextSubmitForm(),
        "file_form": FileSubmitForm(),
        "feed_form": FeedSubmitForm(),
        "pending_suggestions": MatchSuggestion.objects.filter(
            decision=MatchSuggestion.Decision.PENDING, is_active=True
        ).count(),
        **_ingest_status(),
    }
    return _page(request, "claims/dashboard.html", context)


@login_required
@require_GET
def ingest_status(request):
    return _page(request, "claims/_ingest_status.html", _ingest_status())


def _ingest_call(request, name, *args, **kwargs):
    """Call claims.services.ingest.<name>; errors become a message for the reviewer."""
    from claims.services import ingest as ingest_service

    func = getattr(ingest_service, name, None)
    if func is None:
        messages.error(request, "Ingestion is not available on this server yet.")
        return None
    try:
        result = func(*args, user=request.user, **kwargs)
    except ValueError as exc:  # IngestError is a ValueError with a reviewer-facing message
        messages.error(request, str(exc))
        return None
    return result


def _form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label or field}: {error}" if field != "__all__" else error)


def _submitted(request, result, what):
    if result is None:
        return
    status = getattr(result, "status", "")
    if status == IngestJob.Status.FAILED:
        messages.error(request, f"{what} failed: {getattr(result, 'error', '')}")
    elif status == IngestJob.Status.QUEUED and getattr(result, "error", ""):
        # Recorded, but the broker was down: resume_stalled sends it later.
        messages.warning(request, f"{what} recorded: {result.error}")
    else:
        messages.success(request, f"{what} queued: {result}")


@reviewer_required
@require_POST
def submit_url(request):
    form = UrlSubmitForm(request.POST)
    if form.is_valid():
        result = _ingest_call(request, "submit_url", form.cleaned_data["url"])
        _submitted(request, result, "URL")
    else:
        _form_errors(request, form)
    return redirect("claims:dashboard")


@reviewer_required
@require_POST
def submit_text(request):
    form = TextSubmitForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        result = _ingest_call(
            request,
            "submit_text",
            data["text"],
            title=data["title"],
            outlet=data["outlet"],
            url=data["url"] or "",
            published=data["published"],
        )
        _submitted(request, result, "Pasted text")
    else:
        _form_errors(request, form)
    return redirect("claims:dashboard")


@reviewer_required
@require_POST
def submit_file(request):
    form = FileSubmitForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        result = _ingest_call(request, "submit_file", upload.name, upload.read())
        _submitted(request, result, "File")
    else:
        _form_errors(request, form)
    return redirect("claims:dashboard")


@reviewer_required
@require_POST
def submit_feed(request):
    form = FeedSubmitForm(request.POST)
    if form.is_valid():
        outlet = form.cleaned_data["outlet"] or None
        result = _ingest_call(request, "submit_feed", form.cleaned_data["url"], outlet=outlet)
        if result is not None:
            messages.success(request, f"Feed added: {result}")
    else:
        _form_errors(request, form)
    return redirect("claims:dashboard")


# --- story -------------------------------------------------------------------------


def _story_or_redirect(pk):
    story = get_object_or_404(Story.objects.defer("centroid"), pk=pk)
    seen = {story.pk}
    while story.merged_into_id and story.merged_into_id not in seen:
        seen.add(story.merged_into_id)
        story = Story.objects.get(pk=story.merged_into_id)
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


def _people(story, columns):
    """Story.people rendered defensively.

    Accepts {name, variants, titles: [{title, outlets}]} and the analysis' own
    {canonical, names: {written: [outlets]}, titles: [{value, outlets}]}.
    """
    outlet_names = [c["outlet"].name for c in columns]
    people = []
    for person in story.people if isinstance(story.people, list) else []:
        if not isinstance(person, dict):
            continue
        name = str(person.get("name") or person.get("canonical") or "").strip()
        if not name:
            continue
        written = person.get("variants") or person.get("names") or []
        if isinstance(written, dict):
            written = list(written)
        variants = [str(v) for v in written if v and str(v) != name]
        by_outlet, distinct = defaultdict(list), []
        for entry in person.get("titles") or []:
            if not isinstance(entry, dict):
                continue
            title = str(entry.get("title") or entry.get("value") or "").strip()
            if not title:
                continue
            if title not in distinct:
                distinct.append(title)
            for outlet in entry.get("outlets") or []:
                if title not in by_outlet[str(outlet)]:
                    by_outlet[str(outlet)].append(title)
        people.append(
            {
                "name": name,
                "variants": variants if isinstance(variants, list) else [],
                "titles": distinct,
                "differs": len(distinct) > 1,
                "cells": [by_outlet.get(o, []) for o in outlet_names],
            }
        )
    people.sort(key=lambda p: (not p["differs"], -len(p["titles"]), p["name"]))
    return people


def _evidence_clusters(flag, by_span) -> list[int]:
    found = []
    for variant in flag.variants if isinstance(flag.variants, list) else []:
        for ev in (variant.get("evidence") or []) if isinstance(variant, dict) else []:
            if not isinstance(ev, dict) or not isinstance(ev.get("start"), int):
                continue
            for start, end, cluster_id in by_span.get(ev.get("article"), []):
                if start < (ev.get("end") or ev["start"] + 1) and ev["start"] < end:
                    if cluster_id not in found:
                        found.append(cluster_id)
    return found


def _flag_rank(flag):
    """Kind first, then the differences that involve the most outlets."""
    kind = FLAG_PRIORITY.index(flag.kind) if flag.kind in FLAG_PRIORITY else 99
    outlets = {
        name
        for variant in flag.variants
        if isinstance(variant, dict)
        for name in variant.get("outlets") or []
    }
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
        for cluster_id in _evidence_clusters(flag, by_span):
            flags[cluster_id].append(flag)
    verdicts = review_service.latest_verdicts(ids)
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
            }
        )
    return {"rows": rows, "rows_page": page, "status": status if status in STATUS_ORDER else ""}


@login_required
@require_GET
def story(request, pk):
    story = _story_or_redirect(pk)
    if story.pk != pk:
        return redirect(story)
    columns, index = _story_columns(story)
    status = request.GET.get("status", "")
    context = {
        "story": story,
        "columns": columns,
        "people": _people(story, columns),
        **_story_rows(story, columns, index, status, request.GET.get("page")),
    }
    counts = dict(
        ClaimCluster.objects.filter(story=story, is_active=True)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    context["status_tabs"] = [("", "All claims", sum(counts.values()))] + [
        (s, ClaimCluster.Status(s).label, counts.get(s, 0)) for s in STATUS_ORDER
    ]
    open_flags = list(
        Flag.objects.open()
        .filter(story=story)
        .exclude(kind="corroborated")
        .only("pk", "kind", "subject", "variants", "status", "cluster_id")
        .order_by("kind", "subject")
    )
    contradictions = sorted(
        (f for f in open_flags if f.is_contradiction),
        key=_flag_rank,
    )
    context["open_flags"] = contradictions[:40]
    context["open_flag_count"] = len(open_flags)
    context["open_contradictions"] = len(contradictions)
    context["open_single_source"] = len(open_flags) - len(contradictions)
    context["flag_kind_counts"] = Counter(f.get_kind_display() for f in open_flags).most_common()
    context["n_claims"] = Claim.objects.filter(story=story).count()
    context["has_verdicts"] = Review.objects.filter(
        cluster__story=story, action=Review.Action.VERDICT
    ).exists()
    if _is_htmx(request) and request.GET.get("rows"):
        return _page(request, "claims/_story_rows.html", context)
    return _page(request, "claims/story.html", context)


@login_required
@require_GET
def story_rows(request, pk):
    story = get_object_or_404(Story, pk=pk)
    columns, index = _story_columns(story)
    context = {
        "story": story,
        "columns": columns,
        **_story_rows(
            story, columns, index, request.GET.get("status", ""), request.GET.get("page")
        ),
    }
    return _page(request, "claims/_story_rows.html", context)


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


# --- flag ----------------------------------------------------------------------------


def _evidence_articles(flag):
    ids, urls = set(), set()
    for variant in flag.variants if isinstance(flag.variants, list) else []:
        for ev in (variant.get("evidence") or []) if isinstance(variant, dict) else []:
            ref = ev.get("article") if isinstance(ev, dict) else None
            if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
                ids.add(int(ref))
            elif isinstance(ref, str) and ref:
                urls.add(ref)
    articles = (
        Article.objects.filter(Q(pk__in=ids) | Q(url__in=urls))
        .select_related("outlet")
        .annotate(n_revisions=Count("revisions"))
    )
    found = {}
    for article in articles:
        found[article.pk] = found[str(article.pk)] = found[article.url] = article
    return found


def _evidence_html(article, ev, value):
    """The evidence sentence inside its paragraph, the sentence and the value marked."""
    text = article.text if article else ""
    sentence = str(ev.get("text") or "")
    start, end = ev.get("start"), ev.get("end")
    valid = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
    if not valid or (sentence and text[start:end].strip() != sentence.strip()):
        found = text.find(sentence) if sentence else -1
        start, end = (found, found + len(sentence)) if found >= 0 else (None, None)
    if start is None:
        return format_html(
            '<p class="evidence-para"><mark class="evidence">{}</mark></p>',
            highlight_terms(sentence, [value], {"class": "variant"}),
        )
    para_start, para_end = start, end
    for p_start, p_end in paragraph_bounds(text):
        if p_start <= start < p_end:
            para_start, para_end = p_start, max(p_end, end)
            break
    limit = 360  # keep long paragraphs readable: trim far context
    lead = "…" if start - para_start > limit else ""
    tail = "…" if para_end - end > limit else ""
    para_start = max(para_start, start - limit)
    para_end = min(para_end, end + limit)
    inner = highlight_terms(text[start:end], [value], {"class": "variant"})
    return format_html(
        '<p class="evidence-para">{}{}<mark class="evidence">{}</mark>{}{}</p>',
        lead,
        text[para_start:start],
        inner,
        text[end:para_end],
        tail,
    )


def _flag_variants(flag):
    variants = [v for v in (flag.variants if isinstance(flag.variants, list) else []) if v]
    variants = [v for v in variants if isinstance(v, dict)]
    variants.sort(key=lambda v: -len(v.get("outlets") or []))
    articles = _evidence_articles(flag)
    values = [str(v.get("value", "")) for v in variants]
    out = []
    for i, variant in enumerate(variants):
        value = values[i]
        reference = values[1] if i == 0 and len(values) > 1 else values[0]
        evidence = []
        for ev in variant.get("evidence") or []:
            if not isinstance(ev, dict):
                continue
            ref = ev.get("article")
            article = articles.get(ref) if isinstance(ref, int | str) else None
            evidence.append({"article": article, "html": _evidence_html(article, ev, value)})
        quote = str(variant.get("quote") or "")
        ref_quote = str(variants[1 if i == 0 and len(variants) > 1 else 0].get("quote") or "")
        long_value = len(value.split()) > 3 and len(values) > 1
        out.append(
            {
                "value": value,
                "value_html": word_diff(reference, value) if long_value else value,
                "quote_html": word_diff(ref_quote, quote) if quote and ref_quote else quote,
                "outlets": [str(o) for o in variant.get("outlets") or []],
                "evidence": evidence,
            }
        )
    return out


def _triage_context(request, flag, form=None, error=None):
    reviews = flag.reviews.select_related("reviewer").order_by("-created_at", "-pk")
    return {
        "flag": flag,
        "values": review_service.variant_values(flag),
        "can_alias": flag.kind in review_service.ALIAS_KIND,
        "reviews": reviews,
        "form": form or TriageForm(),
        "error": error,
        "can_review": can_review(request.user),
    }


@login_required
@require_GET
def flag(request, pk):
    flag = get_object_or_404(Flag.objects.select_related("story", "cluster"), pk=pk)
    context = _triage_context(request, flag)
    context["variants"] = _flag_variants(flag)
    context["total_outlets"] = sum(len(v["outlets"]) for v in context["variants"])
    return _page(request, "claims/flag.html", context)


@reviewer_required
@require_POST
def triage(request, pk):
    flag = get_object_or_404(Flag, pk=pk)
    form = TriageForm(request.POST)
    error = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = review_service.triage(
                flag.pk,
                data["action"],
                request.user,
                note=data["note"],
                value=data["value"],
                canonical=data["canonical"],
            )
        except review_service.ReviewError as exc:
            error = str(exc)
        else:
            flag = decision.flag
            form = None
            message = f"Flag {decision.review.get_action_display().lower()}."
            if decision.alias:
                message = f"Recorded alias {decision.alias}. {message}"
            if not _is_htmx(request):
                messages.success(request, message)
                return redirect(flag)
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    if not _is_htmx(request):
        messages.error(request, error)
        return redirect(flag)
    context = _triage_context(request, flag, form, error)
    if error is None:
        context["saved"] = message
    return _page(request, "claims/_triage.html", context)


# --- cluster ---------------------------------------------------------------------------


def _cluster_context(request, cluster, form=None, error=None):
    verdicts = list(
        cluster.reviews.filter(action=Review.Action.VERDICT)
        .select_related("reviewer")
        .order_by("-created_at", "-pk")
    )
    return {
        "cluster": cluster,
        "verdicts": verdicts,
        "current": verdicts[0] if verdicts else None,
        "form": form or VerdictForm(),
        "error": error,
        "can_review": can_review(request.user),
    }


@login_required
@require_GET
def cluster(request, pk):
    cluster = get_object_or_404(ClaimCluster.objects.select_related("story"), pk=pk)
    claims = (
        cluster.claims.select_related("article__outlet")
        .only(
            "pk",
            "text",
            "kind",
            "speaker",
            "start",
            "end",
            "article__id",
            "article__title",
            "article__url",
            "article__published_at",
            "article__outlet__name",
        )
        .order_by("article__published_at", "pk")
    )
    context = _cluster_context(request, cluster)
    claims = list(claims)
    reference = cluster.label
    for claim in claims:
        claim.diff_html = word_diff(reference, claim.text, min_ratio=0.5)
    context["claims"] = claims
    flags = list(Flag.objects.active().filter(cluster=cluster).order_by("kind"))
    by_span = defaultdict(list)
    for claim in claims:
        by_span[claim.article_id].append((claim.start, claim.end, cluster.pk))
    story_level = Flag.objects.active().filter(
        story_id=cluster.story_id, cluster__isnull=True, kind__in=CONTRADICTION_KINDS
    )
    flags += [f for f in story_level if _evidence_clusters(f, by_span)]
    context["flags"] = sorted(flags, key=lambda f: (not f.is_contradiction, f.kind))
    return _page(request, "claims/cluster.html", context)


@reviewer_required
@require_POST
def verdict(request, pk):
    cluster = get_object_or_404(ClaimCluster, pk=pk)
    form = VerdictForm(request.POST)
    error = None
    if form.is_valid():
        try:
            review_service.record_verdict(
                cluster.pk,
                form.cleaned_data["verdict"],
                request.user,
                form.cleaned_data["rationale"],
            )
        except review_service.ReviewError as exc:
            error = str(exc)
        else:
            form = None
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, "Verdict recorded.")
        return redirect(cluster)
    context = _cluster_context(request, cluster, form, error)
    context["saved"] = error is None
    return _page(request, "claims/_verdict.html", context)


# --- article ---------------------------------------------------------------------------


def _article_paragraphs(article, claims):
    spans = []
    for claim in claims:
        status = claim.cluster.status if claim.cluster_id else "unclustered"
        attrs = {"class": f"claim claim--{status}", "title": f"Claim · {status.replace('_', ' ')}"}
        if claim.cluster_id:
            attrs["href"] = reverse("claims:cluster", args=[claim.cluster_id])
            spans.append((claim.start, claim.end, "a", attrs))
        else:
            spans.append((claim.start, claim.end, "span", attrs))
    paragraphs = []
    for p_start, p_end in paragraph_bounds(article.text):
        inside = [s for s in spans if s[0] < p_end and s[1] > p_start]
        paragraphs.append(mark_spans(article.text[p_start:p_end], inside, base=p_start))
    return paragraphs


def _revision_diff(article, a, b):
    from claims.services import ingest as ingest_service

    func = getattr(ingest_service, "revision_diff", None)
    if func is not None:
        return func(article.pk, a.pk, b.pk)
    return local_word_diff(a.text, b.text)


@login_required
@require_GET
def article(request, pk):
    article = get_object_or_404(Article.objects.select_related("outlet", "story"), pk=pk)
    claims = list(
        article.claims.select_related("cluster").only(
            "pk", "start", "end", "cluster__status", "cluster_id"
        )
    )
    revisions = list(
        ArticleRevision.objects.filter(article=article)
        .only("pk", "title", "fetched_at", "content_hash")
        .order_by("fetched_at", "pk")
    )
    context = {
        "article": article,
        "paragraphs": _article_paragraphs(article, claims),
        "n_claims": len(claims),
        "revisions": revisions,
        "diff": None,
    }
    form = RevisionCompareForm(request.GET or None)
    if form.is_bound and form.is_valid():
        by_pk = {r.pk: r for r in revisions}
        a, b = by_pk.get(form.cleaned_data["a"]), by_pk.get(form.cleaned_data["b"])
        if a is None or b is None:
            raise Http404("No such revision of this article.")
        a, b = (
            ArticleRevision.objects.get(pk=a.pk),
            ArticleRevision.objects.get(pk=b.pk),
        )
        try:
            ops = _revision_diff(article, a, b)
        except ValueError as exc:
            context["diff_error"] = str(exc)
        else:
            context["diff"] = render_diff_ops(ops)
            context["diff_counts"] = {
                "insert": sum(len(t.split()) for op, t in ops if op == "insert"),
                "delete": sum(len(t.split()) for op, t in ops if op == "delete"),
            }
        context["rev_a"], context["rev_b"] = a, b
    elif len(revisions) > 1:
        context["rev_a"], context["rev_b"] = revisions[-2], revisions[-1]
    return _page(request, "claims/article.html", context)


# --- search ----------------------------------------------------------------------------


@login_required
@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "searched": False}
    if not form.is_valid():
        return _page(request, "claims/search.html", context)
    data = form.cleaned_data
    q = data.get("q", "").strip()
    story_id = request.GET.get("story", "")
    story_id = int(story_id) if story_id.isdigit() else None

    claims = Claim.objects.select_related("article__outlet", "cluster").only(
        "pk",
        "text",
        "kind",
        "speaker",
        "cluster__id",
        "cluster__status",
        "cluster__label",
        "article__id",
        "article__title",
        "article__published_at",
        "article__outlet__name",
        "story_id",
    )
    flags = (
        Flag.objects.active()
        .select_related("story")
        .only("pk", "kind", "subject", "status", "variants", "story__title", "story__id")
    )
    if q:
        claims = claims.filter(Q(text__icontains=q) | Q(speaker__icontains=q))
        flags = flags.filter(Q(subject__icontains=q) | Q(variants__icontains=q))
    if data.get("type"):
        claims = claims.filter(kind=data["type"])
    if data.get("outlet"):
        claims = claims.filter(article__outlet=data["outlet"])
        flags = flags.filter(cluster__claims__article__outlet=data["outlet"]).distinct()
    if data.get("since"):
        claims = claims.filter(article__published_at__date__gte=data["since"])
        flags = flags.filter(story__last_seen__date__gte=data["since"])
    if data.get("until"):
        claims = claims.filter(article__published_at__date__lte=data["until"])
        flags = flags.filter(story__first_seen__date__lte=data["until"])
    if story_id:
        claims = claims.filter(story_id=story_id)
        flags = flags.filter(story_id=story_id)
    flag_filter = {}
    if data.get("kind"):
        flag_filter["kind"] = data["kind"]
    if data.get("status"):
        flag_filter["status"] = data["status"]
    if flag_filter:
        flags = flags.filter(**flag_filter)
        claims = claims.filter(
            cluster__in=Flag.objects.active().filter(**flag_filter).values("cluster")
        )
    page = Paginator(
        claims.order_by("-article__published_at", "article_id", "position"), 25
    ).get_page(request.GET.get("page"))
    for claim in page:
        claim.html = highlight_terms(claim.text, [q]) if q else claim.text
    people = []
    if q:
        stories = Story.objects.live().filter(people__icontains=q).only("pk", "title", "people")
        if story_id:
            stories = stories.filter(pk=story_id)
        for story in stories[:20]:
            for person in _people(story, []):
                haystack = " ".join([person["name"], *person["variants"], *person["titles"]])
                if q.lower() in haystack.lower():
                    people.append({**person, "story": story})
    params = request.GET.copy()
    params.pop("page", None)
    context.update(
        {
            "searched": True,
            "q": q,
            "page": page,
            "flags": list(
                flags.annotate(
                    priority=Case(
                        *[When(kind=k, then=Value(i)) for i, k in enumerate(FLAG_PRIORITY)],
                        When(kind="single_source", then=Value(50)),
                        default=Value(90),
                        output_field=IntegerField(),
                    )
                ).order_by("priority", "-story__last_seen", "subject")[:25]
            ),
            "people": people,
            "querystring": params.urlencode(),
            "story_filter": Story.objects.filter(pk=story_id).first() if story_id else None,
        }
    )
    return _page(request, "claims/search.html", context)


# --- match suggestions -----------------------------------------------------------------


@login_required
@require_GET
def suggestions(request):
    qs = MatchSuggestion.objects.filter(is_active=True).select_related("story", "decided_by")
    story_id = request.GET.get("story", "")
    if story_id.isdigit():
        qs = qs.filter(story_id=int(story_id))
    show = request.GET.get("show", "pending")
    if show == "pending":
        qs = qs.filter(decision=MatchSuggestion.Decision.PENDING)
    elif show == "decided":
        qs = qs.exclude(decision=MatchSuggestion.Decision.PENDING)
    page = Paginator(qs.order_by("-similarity", "pk"), 30).get_page(request.GET.get("page"))
    for suggestion in page:
        suggestion.html_a = word_diff(suggestion.text_b, suggestion.text_a, 0.5)
        suggestion.html_b = word_diff(suggestion.text_a, suggestion.text_b, 0.5)
    return _page(request, "claims/suggestions.html", {"page": page, "show": show})


@reviewer_required
@require_POST
def decide_suggestion(request, pk):
    suggestion = get_object_or_404(MatchSuggestion, pk=pk)
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        if _is_htmx(request):
            return HttpResponse("Invalid decision.", status=400)
        messages.error(request, "Pick a decision.")
        return redirect("claims:suggestions")
    suggestion = review_service.decide_suggestion(
        suggestion.pk, form.cleaned_data["decision"], request.user
    )
    if _is_htmx(request):
        suggestion.html_a = word_diff(suggestion.text_b, suggestion.text_a, 0.5)
        suggestion.html_b = word_diff(suggestion.text_a, suggestion.text_b, 0.5)
        return _page(request, "claims/_suggestion.html", {"s": suggestion})
    messages.success(request, f"Marked: {suggestion.get_decision_display().lower()}.")
    return redirect(request.POST.get("next") or reverse("claims:suggestions"))


# --- JSON API ------------------------------------------------------------------------------


def _report(story_id=None):
    from claims.services import analysis

    func = getattr(analysis, "story_report", None)
    if func is not None:
        return func(story_id=story_id)
    # The analysis service is not there yet: the same shape, built from rows.
    stories = Story.objects.live().order_by("-last_seen")
    if story_id is not None:
        stories = stories.filter(pk=story_id)
    report = []
    for story in stories.prefetch_related("flags"):
        report.append(
            {
                "id": story.pk,
                "title": story.title,
                "outlets": sorted(
                    set(Article.objects.filter(story=story).values_list("outlet__name", flat=True))
                ),
                "clusters": ClaimCluster.objects.filter(story=story, is_active=True).count(),
                "flags": [
                    {
                        "kind": f.kind,
                        "subject": f.subject,
                        "status": f.status,
                        "variants": f.variants,
                    }
                    for f in story.flags.all()
                    if f.is_active
                ],
            }
        )
    return {"stories": report}


@api_login_required
@require_GET
def api_stories(request):
    return JsonResponse(_report())


@api_login_required
@require_GET
def api_story(request, pk):
    if not Story.objects.filter(pk=pk).exists():
        return JsonResponse({"error": "no such story"}, status=404)
    return JsonResponse(_report(story_id=pk))
