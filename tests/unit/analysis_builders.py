"""Plain-data builders for the analysis unit tests (no Django)."""

import hashlib
from datetime import UTC, datetime, timedelta

import numpy as np

from claims.analysis.types import ArticleInfo, ClaimInput
from claims.nlp.types import ClaimData, PersonMention, QuoteSlot

T0 = datetime(2025, 10, 31, 12, 0, tzinfo=UTC)
DIM = 16


def vec(*hot, dim=DIM, seed=None) -> np.ndarray:
    """A unit vector with weight on the given axes (or random with a seed)."""
    if seed is not None:
        v = np.random.default_rng(seed).normal(size=dim).astype(np.float32)
    else:
        v = np.zeros(dim, dtype=np.float32)
        for axis in hot:
            v[axis] += 1.0
    return v / np.linalg.norm(v)


def article(id, outlet, hours=0, text="", title="", credit=""):
    return ArticleInfo(id, outlet, T0 + timedelta(hours=hours), title or f"t{id}", text, credit)


_ids = iter(range(1, 10**6))


def claim(article_id, outlet, text, embedding=None, *, position=0, score=0.8, **slots):
    cid = next(_ids)
    data = ClaimData(
        text=text,
        start=position * 100,
        end=position * 100 + len(text),
        position=position,
        score=score,
        **slots,
    )
    return ClaimInput(
        cid,
        article_id,
        outlet,
        text,
        hashlib.sha256(text.encode()).hexdigest(),
        data,
        embedding if embedding is not None else vec(seed=cid),
    )


def person(name, canonical=None, title=""):
    return PersonMention(
        name=name, canonical=canonical or name, title=title, title_norm=title.lower()
    )


def quote(text, speaker):
    return QuoteSlot(text=text, norm=text.lower(), speaker=speaker)
