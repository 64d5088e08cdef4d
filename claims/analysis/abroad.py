"""Tolls of pages in other languages, as claims only the figure comparisons see.

The extractor gives a page that is not in English no claim (claims.nlp.extract);
claims.nlp.abroad reads the tolls such a page tells. Each sentence holding one
becomes a claim of the story's analysis alone: it joins the toll's timeline and
the story-wide counts, so "al menos 170 muertos" stands beside "148 dead". It is
never stored, clustered or matched: the English models cannot read the rest.

Pure: no Django.
"""

from __future__ import annotations

from claims.analysis.types import ArticleInfo, ClaimInput
from claims.nlp.abroad import LANGUAGES, foreign_tolls
from claims.nlp.language import detect_language
from claims.nlp.types import ClaimData

# Ids of these claims: negative, so they never meet a stored claim's.
_ID_STEP = 10_000


def foreign_claims(articles: dict[int, ArticleInfo]) -> list[ClaimInput]:
    out = []
    for article in articles.values():
        if not article.text or detect_language(article.text) not in LANGUAGES:
            continue
        sentences: dict[tuple[int, int], list] = {}
        for start, end, slot in foreign_tolls(article.text):
            sentences.setdefault((start, end), []).append(slot)
        for position, ((start, end), slots) in enumerate(sorted(sentences.items())):
            text = article.text[start:end]
            data = ClaimData(text, start, end, position, score=0.0, quantities=slots)
            claim_id = -(article.id * _ID_STEP + position + 1)
            out.append(ClaimInput(claim_id, article.id, article.outlet, text, "", data))
    return out
