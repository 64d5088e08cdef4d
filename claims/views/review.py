"""A flag with its values and evidence, a claim cluster, and the reviewer's actions on them:
triage (confirm, dismiss, equivalent) and verdicts, both through claims.services.review."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from claims.access import can_review, reviewer_required
from claims.analysis.variants import Variant, read_variants
from claims.forms import TriageForm, VerdictForm
from claims.markup import evidence_html, word_diff
from claims.models import Article, ClaimCluster, Flag, Review
from claims.services import memory as memory_service
from claims.services import review as review_service
from claims.views.common import (
    CONTRADICTION_KINDS,
    evidence_clusters,
    is_htmx,
    render_page,
    run_form,
)


def _evidence_articles(flag_variants: list[Variant]) -> dict[int | str, Article]:
    """The evidence's articles by id and by URL (rows that named them by URL)."""
    ids, urls = set(), set()
    for ev in (ev for variant in flag_variants for ev in variant.evidence):
        if isinstance(ev.article, int):
            ids.add(ev.article)
        elif ev.article:
            urls.add(ev.article)
    articles = (
        Article.objects.filter(Q(pk__in=ids) | Q(url__in=urls))
        .select_related("outlet")
        .annotate(n_revisions=Count("revisions"))
    )
    found: dict[int | str, Article] = {}
    for article in articles:
        found[article.pk] = found[article.url] = article
    return found


def _flag_variants(flag):
    flag_variants = sorted(read_variants(flag.variants), key=lambda v: -len(v.outlets))
    articles = _evidence_articles(flag_variants)
    out = []
    for i, variant in enumerate(flag_variants):
        value = variant.value
        reference = flag_variants[1 if i == 0 and len(flag_variants) > 1 else 0]
        evidence = []
        for ev in variant.evidence:
            article = articles.get(ev.article) if ev.article is not None else None
            html = evidence_html(article.text if article else "", ev.text, ev.start, ev.end, value)
            evidence.append({"article": article, "html": html})
        quote, ref_quote = variant.quote, reference.quote
        long_value = len(value.split()) > 3 and len(flag_variants) > 1
        out.append(
            {
                "value": value,
                "value_html": word_diff(reference.value, value) if long_value else value,
                "quote_html": word_diff(ref_quote, quote) if quote and ref_quote else quote,
                "outlets": list(variant.outlets),
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
    return render_page(request, "claims/flag.html", context)


@reviewer_required
@require_POST
def triage(request, pk):
    flag = get_object_or_404(Flag, pk=pk)
    form = TriageForm(request.POST)
    decision, error = run_form(
        form,
        lambda data: review_service.triage(
            flag.pk,
            data["action"],
            request.user,
            note=data["note"],
            value=data["value"],
            canonical=data["canonical"],
        ),
        review_service.ReviewError,
    )
    if error is None:
        flag = decision.flag
        message = f"Flag {decision.review.get_action_display().lower()}."
        if decision.alias:
            message = f"Recorded alias {decision.alias}. {message}"
        if not is_htmx(request):
            messages.success(request, message)
            return redirect(flag)
    if not is_htmx(request):
        messages.error(request, error)
        return redirect(flag)
    context = _triage_context(request, flag, form if error is not None else None, error)
    if error is None:
        context["saved"] = message
    return render_page(request, "claims/_triage.html", context)


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
    flags += [f for f in story_level if evidence_clusters(f, by_span)]
    context["flags"] = sorted(flags, key=lambda f: (not f.is_contradiction, f.kind))
    context["earlier"] = memory_service.reviewed_before([cluster.pk]).get(cluster.pk, [])
    return render_page(request, "claims/cluster.html", context)


@reviewer_required
@require_POST
def verdict(request, pk):
    cluster = get_object_or_404(ClaimCluster, pk=pk)
    form = VerdictForm(request.POST)
    _, error = run_form(
        form,
        lambda data: review_service.record_verdict(
            cluster.pk, data["verdict"], request.user, data["rationale"]
        ),
        review_service.ReviewError,
    )
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, "Verdict recorded.")
        return redirect(cluster)
    context = _cluster_context(request, cluster, form if error is not None else None, error)
    context["saved"] = error is None
    return render_page(request, "claims/_verdict.html", context)
