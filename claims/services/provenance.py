"""Provenance with the ORM: revision rows into the pure core, and its result back out.

The pure part is `claims.analysis.provenance`; the analysis stores its result
on `ClaimCluster.provenance`. This module reads the revisions the analysis
needs and turns a stored provenance into what pages, the report and the
ClaimReview export show (article URLs, outlet names).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.utils.dateparse import parse_datetime

from claims.analysis.types import RevisionText
from claims.models import Article, ArticleRevision, ClaimCluster


def revision_inputs(articles: list[Article]):
    """(first fetch per article id, earlier revisions per article id) for the analysis.

    The first fetch is the oldest revision's time (the article's own fetch or
    creation time when it has no revision); earlier revisions are every text
    the article had before its current one, oldest first.
    """
    current = {a.pk: a.content_hash for a in articles}
    first: dict[int, datetime] = {}
    earlier: dict[int, list[RevisionText]] = defaultdict(list)
    rows = (
        ArticleRevision.objects.filter(article_id__in=list(current))
        .order_by("article_id", "fetched_at", "pk")
        .values_list("pk", "article_id", "content_hash", "fetched_at")
    )
    older = []
    for pk, article_id, content_hash, fetched_at in rows:
        first.setdefault(article_id, fetched_at)
        if content_hash != current[article_id]:
            older.append((pk, article_id, fetched_at))
    # The texts of earlier revisions only (most articles have none): the current one's
    # text is the article's own.
    texts = (
        dict(
            ArticleRevision.objects.filter(pk__in=[pk for pk, _, _ in older]).values_list(
                "pk", "text"
            )
        )
        if older
        else {}
    )
    for pk, article_id, fetched_at in older:
        earlier[article_id].append(RevisionText(pk, fetched_at, texts[pk]))
    for a in articles:
        first.setdefault(a.pk, a.fetched_at or a.created_at)
    return first, dict(earlier)


def summary(cluster: ClaimCluster, articles: dict[int, Article] | None = None) -> dict:
    """A stored provenance with each article's URL and title: for pages and the report.

    {first: {article, outlet, url, title, at, evidence} | None,
     appearances: [...same...], copies: [{article, outlet, url, of, how, credit}],
     origins: [article ids], independent_count}
    """
    data = cluster.provenance or {}
    ids = {a.get("article_id") for a in data.get("appearances", [])}
    ids |= {c.get("article_id") for c in data.get("copies", [])}
    if articles is None:
        articles = Article.objects.select_related("outlet").in_bulk([i for i in ids if i])

    def place(item: dict) -> dict:
        article = articles.get(int(item.get("article_id") or 0))
        return {
            "article": item.get("article_id"),
            "outlet": item.get("outlet", ""),
            "url": article.url if article else "",
            "title": article.title if article else "",
            "at": item.get("at"),
            "evidence": item.get("evidence", ""),
            "text": item.get("text", ""),
        }

    first = data.get("first")
    return {
        "first": place(first) if first else None,
        "appearances": [place(a) for a in data.get("appearances", [])],
        "copies": [
            {
                "article": c.get("article_id"),
                "outlet": c.get("outlet", ""),
                "url": articles[c["article_id"]].url if c.get("article_id") in articles else "",
                "of": c.get("of") or None,
                "how": c.get("how", ""),
                "credit": c.get("credit", ""),
            }
            for c in data.get("copies", [])
        ],
        "origins": list(data.get("origins", [])),
        "independent_count": data.get("independent_count", cluster.independent_count),
    }


def _creative_work(item: dict) -> dict:
    work = {"@type": "CreativeWork", "url": item["url"]}
    if item.get("title"):
        work["headline"] = item["title"]
    if item.get("outlet"):
        work["publisher"] = {"@type": "Organization", "name": item["outlet"]}
    at = parse_datetime(item["at"]) if item.get("at") else None
    if at is not None:
        work["datePublished" if item.get("evidence") == "published" else "dateCreated"] = (
            at.isoformat()
        )
    return work


def claimreview_appearances(cluster: ClaimCluster) -> dict:
    """schema.org Claim properties: firstAppearance and appearance (each a CreativeWork)."""
    data = summary(cluster)
    out: dict = {}
    if data["first"] and data["first"]["url"]:
        out["firstAppearance"] = _creative_work(data["first"])
    others = [a for a in data["appearances"] if a["url"]]
    if others:
        out["appearance"] = [_creative_work(a) for a in others]
    return out
