"""Wire copy: reprints linked to their source, and independent source counting.

An article is a reprint when it credits a wire agency (Reuters, AP, AFP, PTI,
IANS, ANI) or when most of its text is another article's text. Corroboration
counts sources, not outlets: five outlets running one PTI story are one source.
"""

from __future__ import annotations

import re

from claims.analysis.normalise import tokens
from claims.analysis.types import ArticleInfo, WireLink

AGENCIES = {
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "pti": "PTI",
    "press trust of india": "PTI",
    "ians": "IANS",
    "indo-asian news service": "IANS",
    "ani": "ANI",
    "asian news international": "ANI",
}

_NAMES = r"Reuters|AP|AFP|PTI|IANS|ANI|Associated Press|Press Trust of India|Agence France-Presse"
# "NEW DELHI, Nov 1 (PTI) -", "(Reuters) -", "— AP", "With inputs from PTI", "(IANS)".
_CREDIT = [
    re.compile(rf"\((?P<a>{_NAMES})\)"),
    re.compile(rf"(?:^|\n)\s*(?:By\s+)?(?P<a>{_NAMES})\s*(?:\n|$)"),
    re.compile(rf"[Ww]ith (?:inputs|input|agency inputs) from (?P<a>{_NAMES})"),
    re.compile(rf"(?:--|—|–)\s*(?P<a>{_NAMES})\s*$"),
    re.compile(rf"\b(?:Source|Credit|Courtesy)\s*:\s*(?P<a>{_NAMES})\b"),
]
HEAD_TAIL = 400  # credits sit in the dateline or the last line

# Near-duplicate text: share of one article's word 5-grams found in the other.
# On the demo corpus (five independent write-ups of one event that share long
# quotes and an embedded post) the highest containment between two articles is
# 0.16 (002/003, pinned in tests/unit/test_analysis_wire.py); a reprint with a
# new headline, a dateline and a trimmed ending keeps over 0.8. 0.6 leaves room
# on both sides.
SHINGLE = 5
COPY_CONTAINMENT = 0.6


def agency(credit: str) -> str:
    """The canonical agency name of a credit string, or ""."""
    key = " ".join((credit or "").lower().replace(".", "").split())
    return AGENCIES.get(key, "")


def detect_credit(text: str, stored: str = "") -> str:
    """The wire agency an article credits, from its stored credit or its text."""
    if stored:
        return agency(stored) or stored.strip()
    text = text or ""
    for part in (text[:HEAD_TAIL], text[-HEAD_TAIL:]):
        for pattern in _CREDIT:
            m = pattern.search(part)
            if m:
                return agency(m.group("a"))
    return ""


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    words = tokens(text)
    return {tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1))}


def containment(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _order(article: ArticleInfo):
    published = article.published.timestamp() if article.published else float("inf")
    return (published, article.id)


def find_wire_links(articles: list[ArticleInfo]) -> list[WireLink]:
    """Reprints in a story, each linked to the earliest article it copies."""
    ordered = sorted(articles, key=_order)
    grams = {a.id: shingles(a.text) for a in ordered}
    credits = {a.id: detect_credit(a.text, a.wire_credit) for a in ordered}
    links: list[WireLink] = []
    for i, article in enumerate(ordered):
        best, best_score = None, 0.0
        for earlier in ordered[:i]:
            score = containment(grams[article.id], grams[earlier.id])
            if score > best_score:
                best, best_score = earlier, score
        if best is not None and best_score >= COPY_CONTAINMENT:
            source = best
            while True:  # link to the original, not to another reprint
                parent = next((lk for lk in links if lk.article_id == source.id), None)
                if parent is None or parent.source_id is None:
                    break
                source = next(a for a in ordered if a.id == parent.source_id)
            credit = credits[article.id] or credits[source.id]
            links.append(WireLink(article.id, source.id, credit, round(best_score, 3)))
        elif credits[article.id]:
            same = [e for e in ordered[:i] if credits[e.id] == credits[article.id]]
            source_id = same[0].id if same else None
            links.append(WireLink(article.id, source_id, credits[article.id], 0.0))
    return links


def source_keys(articles: list[ArticleInfo], links: list[WireLink]) -> dict[int, str]:
    """article id -> the independent source it counts as.

    An outlet is one source however many articles it runs; a reprint counts as
    its source; articles crediting one agency count as that agency once.
    """
    by_id = {a.id: a for a in articles}
    link_of = {lk.article_id: lk for lk in links}
    keys: dict[int, str] = {}

    def key(article_id: int, depth: int = 0) -> str:
        if article_id in keys:
            return keys[article_id]
        link = link_of.get(article_id)
        if link and link.source_id in by_id and depth < 20:
            result = key(link.source_id, depth + 1)
        elif link and link.credit:
            result = f"wire:{link.credit}"
        else:
            result = f"outlet:{by_id[article_id].outlet}"
        keys[article_id] = result
        return result

    for article in articles:
        key(article.id)
    # An original that a credited reprint points at shares the agency's key.
    for link in links:
        if link.credit and link.source_id in by_id:
            root = keys[link.source_id]
            for aid, k in list(keys.items()):
                if k == root:
                    keys[aid] = f"wire:{link.credit}"
    return keys


def independent_count(article_ids, keys: dict[int, str]) -> int:
    return len({keys[a] for a in article_ids if a in keys})
