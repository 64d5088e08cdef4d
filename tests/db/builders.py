"""Plain builder functions for rows (no factory library until one hurts)."""

import hashlib
from itertools import count

from django.utils import timezone

from claims.models import Article, Claim, ClaimCluster, Flag, Outlet, Story

_seq = count(1)


def outlet(name=None, **kw):
    return Outlet.objects.create(name=name or f"Outlet {next(_seq)}", **kw)


def article(outlet_obj=None, text="Some text.", **kw):
    n = next(_seq)
    kw.setdefault("url", f"https://news.example/{n}")
    kw.setdefault("title", f"Article {n}")
    kw.setdefault("published_at", timezone.now())
    kw.setdefault("content_hash", hashlib.sha256(text.encode()).hexdigest())
    return Article.objects.create(outlet=outlet_obj or outlet(), text=text, **kw)


def story(title="A story", **kw):
    return Story.objects.create(title=title, **kw)


def claim(article_obj, text="Pete Hegseth signed the framework.", start=0, **kw):
    kw.setdefault("position", start)
    kw.setdefault("text_hash", hashlib.sha256(text.encode()).hexdigest())
    return Claim.objects.create(
        article=article_obj, text=text, start=start, end=start + len(text), **kw
    )


def cluster(story_obj, label="The framework was signed.", **kw):
    kw.setdefault("fingerprint", hashlib.sha256(label.encode()).hexdigest()[:32])
    return ClaimCluster.objects.create(story=story_obj, label=label, **kw)


def flag(story_obj, kind="title_mismatch", subject="Pete Hegseth", variants=None, **kw):
    key = f"{kind}:{subject}:{next(_seq)}"
    kw.setdefault("fingerprint", hashlib.sha256(key.encode()).hexdigest()[:32])
    return Flag.objects.create(
        story=story_obj, kind=kind, subject=subject, variants=variants or [], **kw
    )
