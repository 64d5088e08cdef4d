"""Where a claim came from: first appearance, copies, independent origins, stale copies.

Plain data in, plain data out (no Django). For one claim cluster:

- the **first appearance** is the member article that is earliest by its
  publication time, or by its first fetch when the page gave no date (the
  evidence of the time is recorded with it: "published" or "first_fetch");
- a member is a **copy** of another when its article reprints the other's
  (wire link, `claims.analysis.wire`), when its sentence credits another outlet
  of the story or a wire agency ("according to Reuters", "told NDTV",
  "(AP)"), or when its own words (quotes left out: two outlets quoting one
  speaker both heard the speaker) are near-verbatim the other's;
- the **independent origins** are what is left when every copy is folded into
  what it copies, one outlet counting once: that number is what "corroborated"
  means and what pages show as the count of sources.

A **stale copy** is an article still carrying a sentence that an earlier
article, its origin, has since removed or reworded in a new revision.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields
from datetime import datetime

from claims.analysis import wire
from claims.analysis.compare import DISCREPANCY
from claims.analysis.kinds import STALE_COPY
from claims.analysis.normalise import fingerprint, short_hash, tokens
from claims.analysis.types import (
    ArticleInfo,
    ClaimInput,
    Evidence,
    FlagResult,
    RevisionText,
    Variant,
    WireLink,
)

PUBLISHED, FIRST_FETCH, UNKNOWN = "published", "first_fetch", "unknown"
WIRE, CREDIT, WORDING = "wire", "credit", "wording"

# Near-verbatim reuse of a sentence, measured on the words outside quotation
# marks: difflib's ratio over word tokens. Two outlets writing the same fact
# in their own words ("signed a 10-year framework on Friday") share the nouns
# but not the run of the sentence, and stay under 0.7 in the demo corpus;
# a copied sentence with a word or two changed stays above 0.9.
COPY_RATIO = 0.85
# Fewer own words than this (a bare 'Singh said: "..."') prove nothing either way.
COPY_MIN_WORDS = 8
# A corrected sentence is looked for in other articles only when it is this
# long: short sentences ("The talks ended.") recur without being copied.
STALE_MIN_WORDS = 8
# The origin's new wording of a corrected sentence: its closest sentence at
# least this similar; below it, the sentence counts as removed.
REWORDED_RATIO = 0.5

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]{12,}’")
_NAME = r"(?:the\s+)?(?P<src>[A-Z][\w&.'’-]*(?:\s+(?:of\s+)?[A-Z][\w&.'’-]*){0,4})"
_CREDITS = [
    re.compile(rf"\baccording to {_NAME}"),
    re.compile(rf"\b(?:told|said to|speaking to|in an interview with) {_NAME}"),
    re.compile(rf"\b(?:as )?(?:first )?reported by {_NAME}"),
    re.compile(rf"{_NAME},? (?:first )?reported\b"),
    re.compile(rf"\((?P<src>{wire._NAMES})\)"),
    re.compile(rf"(?:--|—|–)\s*(?P<src>{wire._NAMES})\s*$"),
]
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’)]*|$)")


def _shallow(item) -> dict:
    """The dataclass's fields as a dict, as `asdict` gives for these flat records
    (plain values only), without its deep copy: a story's analysis writes thousands."""
    return {f.name: getattr(item, f.name) for f in fields(item)}


@dataclass
class Appearance:
    article_id: int
    outlet: str
    at: datetime | None
    evidence: str  # published | first_fetch | unknown
    claim_id: int = 0
    text: str = ""

    def to_dict(self) -> dict:
        data = _shallow(self)
        data["at"] = self.at.isoformat() if self.at else None
        return data


@dataclass
class Copy:
    article_id: int
    outlet: str
    of: int  # the article it copies (a member of the cluster), or 0 when outside it
    how: str  # wire | credit | wording
    credit: str = ""  # the agency or outlet named, if any
    similarity: float = 0.0

    def to_dict(self) -> dict:
        return _shallow(self)


@dataclass
class Provenance:
    first: Appearance | None
    appearances: list[Appearance]
    copies: list[Copy]
    origins: list[int]  # article id of each independent origin, earliest first
    independent_count: int

    def to_dict(self) -> dict:
        return {
            "first": self.first.to_dict() if self.first else None,
            "appearances": [a.to_dict() for a in self.appearances],
            "copies": [c.to_dict() for c in self.copies],
            "origins": list(self.origins),
            "independent_count": self.independent_count,
        }


# --- time ----------------------------------------------------------------------------


def when(article: ArticleInfo) -> tuple[datetime | None, str]:
    """The article's time and its evidence: publication date, else first fetch."""
    if article.published is not None:
        return article.published, PUBLISHED
    if article.fetched is not None:
        return article.fetched, FIRST_FETCH
    return None, UNKNOWN


def _order_key(article: ArticleInfo):
    at, _ = when(article)
    return (at is None, at.timestamp() if at else 0.0, article.id)


# --- copies --------------------------------------------------------------------------


def own_words(text: str) -> list[str]:
    """The sentence's words outside quotation marks."""
    return tokens(_QUOTED.sub(" ", text or ""))


def _is_quote(claim: ClaimInput) -> bool:
    if getattr(claim.data, "kind", "") == "quote":
        return True
    text = claim.text or ""
    # An odd number of quotation marks: the sentence is part of a longer quote.
    return (text.count('"') % 2 == 1) or (text.count("“") != text.count("”"))


def wording_ratio(a: str, b: str) -> float:
    """Similarity of two sentences' own words (0 when either has too few)."""
    wa, wb = own_words(a), own_words(b)
    if min(len(wa), len(wb)) < COPY_MIN_WORDS:
        return 0.0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _key(name: str) -> str:
    name = " ".join((name or "").lower().replace(".", "").split())
    return name[4:] if name.startswith("the ") else name


def credited(text: str, outlets: list[str]) -> list[str]:
    """Outlets of the story and wire agencies the sentence credits, as named there."""
    known = {_key(o): o for o in outlets}
    found = []
    for pattern in _CREDITS:
        for m in pattern.finditer(text or ""):
            words = m.group("src").split()
            # "according to Reuters on Friday": try the longest name first.
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n]).rstrip(".,;:'’")
                agency = wire.agency(name)
                if agency or _key(name) in known:
                    found.append(agency or known[_key(name)])
                    break
    return list(dict.fromkeys(found))


class _Groups:
    def __init__(self, items):
        self.parent = {i: i for i in items}

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def trace(
    members: list[ClaimInput],
    articles: dict[int, ArticleInfo],
    links: list[WireLink] | None = None,
    keys: dict[int, str] | None = None,
) -> Provenance:
    """First appearance, copies and independent origins of one claim cluster.

    `links` and `keys` are the story's wire links and source keys
    (`wire.find_wire_links`, `wire.source_keys`); without them only credits
    and wording are used.
    """
    links = links or []
    keys = keys or {}
    firsts: dict[int, ClaimInput] = {}
    for claim in members:
        if claim.article_id in articles:
            firsts.setdefault(claim.article_id, claim)
    order = sorted(firsts, key=lambda aid: _order_key(articles[aid]))
    if not order:
        return Provenance(None, [], [], [], 0)
    rank = {aid: i for i, aid in enumerate(order)}
    appearances = []
    for aid in order:
        at, evidence = when(articles[aid])
        claim = firsts[aid]
        appearances.append(
            Appearance(aid, articles[aid].outlet, at, evidence, claim.id, claim.text)
        )

    # Nodes: member articles, and outside sources credited ("wire:Reuters").
    groups = _Groups([*order])
    copies: dict[int, Copy] = {}

    def node(name: str) -> str:
        if name not in groups.parent:
            groups.parent[name] = name
        return name

    def copy(aid: int, of, how: str, credit: str = "", similarity: float = 0.0) -> None:
        target = of if isinstance(of, int) else 0
        if aid not in copies:
            copies[aid] = Copy(aid, articles[aid].outlet, target, how, credit, similarity)

    # One outlet is one source, however many of its articles carry the claim.
    by_outlet: dict[str, int] = {}
    for aid in order:
        first = by_outlet.setdefault(articles[aid].outlet, aid)
        groups.union(first, aid)

    # Wire copy at article level.
    link_of = {lk.article_id: lk for lk in links}
    for aid in order:
        link = link_of.get(aid)
        if link is None:
            continue
        if link.source_id in rank and link.source_id != aid:
            groups.union(link.source_id, aid)
            copy(aid, link.source_id, WIRE, link.credit, link.similarity)
        elif link.credit:
            groups.union(node(f"wire:{link.credit}"), aid)
            copy(aid, 0, WIRE, link.credit)
    for aid in order:  # articles whose source key is an agency (credited in the text)
        key = keys.get(aid, "")
        if key.startswith("wire:"):
            groups.union(node(key), aid)

    # Credits inside the sentence.
    outlets = list(dict.fromkeys(a.outlet for a in articles.values()))
    agency_of = {aid: wire.agency(articles[aid].outlet) for aid in order}
    for aid in order:
        for name in credited(firsts[aid].text, outlets):
            if name == articles[aid].outlet:
                continue
            target = next(
                (o for o in order if o != aid and articles[o].outlet == name), None
            ) or next((o for o in order if o != aid and agency_of[o] == name), None)
            if target is not None:
                groups.union(target, aid)
                copy(aid, target, CREDIT, name)
            else:
                groups.union(node(f"wire:{wire.agency(name) or name}"), aid)
                copy(aid, 0, CREDIT, name)

    # Near-verbatim own words: the later copies the earlier. A quoted sentence
    # (also one inside a quote that spans sentences) is the speaker's words.
    for i, aid in enumerate(order):
        if _is_quote(firsts[aid]):
            continue
        best, best_ratio = None, 0.0
        for earlier in order[:i]:
            if articles[earlier].outlet == articles[aid].outlet or _is_quote(firsts[earlier]):
                continue
            ratio = wording_ratio(firsts[aid].text, firsts[earlier].text)
            if ratio > best_ratio:
                best, best_ratio = earlier, ratio
        if best is not None and best_ratio >= COPY_RATIO:
            groups.union(best, aid)
            copy(aid, best, WORDING, "", round(best_ratio, 3))

    roots: dict = {}
    for aid in order:
        roots.setdefault(groups.find(aid), aid)
    origins = list(roots.values())
    return Provenance(
        first=appearances[0],
        appearances=appearances,
        copies=sorted(copies.values(), key=lambda c: rank[c.article_id]),
        origins=origins,
        independent_count=len(origins),
    )


# --- stale copies --------------------------------------------------------------------


def sentences(text: str) -> list[tuple[str, int, int]]:
    """(sentence, start, end) of a text, split at sentence ends and line breaks."""
    out = []
    for m in _SENTENCE.finditer(text or ""):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            start = m.start() + lead
            out.append((body, start, start + len(body)))
    return out


def _norm(sentence: str) -> str:
    return " ".join(tokens(sentence))


def _find(text: str, sentence: str) -> tuple[str, int, int] | None:
    want = _norm(sentence)
    for s, start, end in sentences(text):
        if _norm(s) == want:
            return s, start, end
    return None


def corrections(current: str, earlier: list[RevisionText]) -> list[tuple[str, str, int, int]]:
    """Sentences of earlier revisions that the current text no longer has.

    Each as (old sentence, new wording or "" if removed, start, end of the new
    wording in the current text).
    """
    now = sentences(current)
    have = {_norm(s) for s, _, _ in now}
    out, seen = [], set()
    for revision in earlier:
        for old, _, _ in sentences(revision.text):
            key = _norm(old)
            if key in have or key in seen or len(key.split()) < STALE_MIN_WORDS:
                continue
            seen.add(key)
            words = key.split()
            best, best_ratio = None, 0.0
            for s, start, end in now:
                ratio = difflib.SequenceMatcher(None, words, _norm(s).split()).ratio()
                if ratio > best_ratio:
                    best, best_ratio = (s, start, end), ratio
            if best is not None and best_ratio >= REWORDED_RATIO:
                out.append((old, *best))
            else:
                out.append((old, "", 0, 0))
    return out


def stale_copies(
    articles: list[ArticleInfo], revisions: dict[int, list[RevisionText]]
) -> list[FlagResult]:
    """A flag for each article still carrying a sentence its origin has corrected.

    `revisions`: article id -> its earlier revisions (not the current text).
    The origin is the article that changed; a copy is a later article (by
    publication, else first fetch) whose current text still has the old
    sentence word for word. A copy that carries the new wording is not
    flagged.
    """
    by_id = {a.id: a for a in articles}
    flags = []
    for origin_id, earlier in sorted(revisions.items()):
        origin = by_id.get(origin_id)
        if origin is None or not earlier:
            continue
        for old, new, start, end in corrections(origin.text, earlier):
            for other in sorted(articles, key=_order_key):
                if other.id == origin.id or other.outlet == origin.outlet:
                    continue
                if _order_key(other) < _order_key(origin):
                    continue  # earlier than the origin: not its copy
                found = _find(other.text, old)
                if found is None:
                    continue
                text, s_start, s_end = found
                variants = [
                    Variant(
                        value=text,
                        outlets=[other.outlet],
                        evidence=[Evidence(other.id, text, s_start, s_end)],
                    ),
                    Variant(
                        value=new or "(sentence removed)",
                        outlets=[origin.outlet],
                        evidence=[Evidence(origin.id, new, start, end)] if new else [],
                    ),
                ]
                subject = f"{other.outlet} still carries wording {origin.outlet} corrected"
                fp = fingerprint(
                    STALE_COPY, short_hash(str(other.id), str(origin.id)), [_norm(old)]
                )
                reason = f"{other.outlet} still has a sentence {origin.outlet} " + (
                    "has since reworded" if new else "has since removed"
                )
                flags.append(
                    FlagResult(
                        STALE_COPY, subject, fp, variants, severity=DISCREPANCY, reason=reason
                    )
                )
    return flags
