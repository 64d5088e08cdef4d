"""The demo's revised article (demo/revision.json): a demo verdict, then a new revision.

So that a reviewer sees a re-check out of the box, `load_demo` records a verdict
by the demo user on the cluster of one seed sentence, then ingests a second,
edited text of that article (an edit made up for the demo, marked as such in
demo/README.md). The extraction of the new revision finds the verdicted
sentence changed and queues it for re-check (claims.services.rechecks).

Idempotent: once the revision is stored, the seed entry of that article is
skipped (ingesting it again would revert the article), and nothing is redone.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from claims.ingest import extract
from claims.models import Article, ArticleRevision, Claim, Review
from claims.services import ingest
from claims.services import review as review_service

SPEC = "revision.json"
DEMO_USER = "demo"


def spec(folder: Path) -> dict | None:
    path = folder / SPEC
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    data["text"] = (folder / data["file"]).read_text(encoding="utf-8")
    return data


def _article(data: dict) -> Article | None:
    return Article.objects.filter(url=extract.normalise_url(data["url"])).first()


def _loaded(article: Article, data: dict) -> bool:
    text = extract.storable(data["text"]).strip()
    title = " ".join(extract.storable(article.title).split())[:500]
    digest = extract.content_hash(title, text)
    return ArticleRevision.objects.filter(article=article, content_hash=digest).exists()


def superseded(folder: Path, entry: dict) -> bool:
    """True when `entry` is the seed article whose demo revision is already loaded."""
    data = spec(folder)
    if not data or extract.normalise_url(entry.get("url", "")) != extract.normalise_url(
        data["url"]
    ):
        return False
    article = _article(data)
    return article is not None and _loaded(article, data)


def _demo_user():
    """The demo reviewer: ensure_demo_user's account with DEBUG on; without DEBUG an
    account with no usable password (ensure_demo_user gives it one later)."""
    if settings.DEBUG:
        call_command("ensure_demo_user", stdout=StringIO())
        return get_user_model().objects.get(username=DEMO_USER)
    user, created = get_user_model().objects.get_or_create(username=DEMO_USER)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def load(folder: Path) -> str:
    """Record the demo verdict, then ingest the revision; a line for the command's output."""
    data = spec(folder)
    if data is None:
        return "Demo revision: none (no demo/revision.json)."
    article = _article(data)
    if article is None:
        return "Demo revision: its seed article is not loaded."
    if _loaded(article, data):
        return f"Demo revision: already loaded (article #{article.pk})."
    claim = (
        Claim.objects.filter(
            article=article, text__contains=data["verdict"]["sentence"], cluster__isnull=False
        )
        .select_related("cluster")
        .first()
    )
    verdict = "no demo verdict (the sentence is in no cluster)"
    if claim is not None and claim.cluster is not None:
        cluster = claim.cluster
        if not Review.objects.filter(cluster=cluster, action=Review.Action.VERDICT).exists():
            review_service.record_verdict(
                cluster.pk, data["verdict"]["rating"], _demo_user(), data["verdict"]["note"]
            )
        verdict = f"demo verdict on claim #{cluster.pk}"
    _, outcome = ingest.ingest_document(
        text=data["text"],
        title=article.title,
        url=article.url,
        outlet=article.outlet,
        published=article.published_at,
    )
    return f"Demo revision: {verdict}; article #{article.pk} {outcome}."
