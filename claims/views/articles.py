"""An article: its text with the claims marked, its revisions and the diff between two."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET

from claims.forms import RevisionCompareForm
from claims.markup import mark_spans, paragraph_bounds, render_diff_ops
from claims.models import Article, ArticleRevision
from claims.services import ingest as ingest_service
from claims.views.common import render_page


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
        ops = ingest_service.revision_diff(article.pk, a.pk, b.pk)
        context["diff"] = render_diff_ops(ops)
        context["diff_counts"] = {
            "insert": sum(len(t.split()) for op, t in ops if op == "insert"),
            "delete": sum(len(t.split()) for op, t in ops if op == "delete"),
        }
        context["rev_a"], context["rev_b"] = a, b
    elif len(revisions) > 1:
        context["rev_a"], context["rev_b"] = revisions[-2], revisions[-1]
    return render_page(request, "claims/article.html", context)
