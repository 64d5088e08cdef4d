"""One profile per person per story, across outlets.

Each article's extraction already resolves a surname to the full name it gave
earlier in the same article (PersonMention.canonical). Here the articles'
people are joined: "Peter Hegseth" (one outlet) and "Pete Hegseth" (another) are
one person when their surnames agree and one first name is a prefix or a known
nickname of the other; a lone "Hegseth" joins the only person of that surname.
The profile keeps every full name and every title each outlet gives.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from claims.analysis.normalise import fold, norm, tokens
from claims.analysis.types import AliasRule, ClaimInput, Evidence, Person, PersonTitle
from claims.nlp.normalize import COUNTRY_WORDS
from claims.nlp.people import TITLE_WORDS
from claims.nlp.types import ClaimData

HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "shri", "smt", "prof", "gen", "lt", "col"}

# First names that are the same person's name written two ways.
NICKNAMES = {
    frozenset(p)
    for p in [
        ("bob", "robert"),
        ("bill", "william"),
        ("mike", "michael"),
        ("jim", "james"),
        ("joe", "joseph"),
        ("tony", "anthony"),
        ("dick", "richard"),
        ("chuck", "charles"),
        ("liz", "elizabeth"),
        ("ted", "edward"),
        ("steve", "stephen"),
        ("dan", "daniel"),
        ("tom", "thomas"),
        ("ben", "benjamin"),
        ("sam", "samuel"),
        ("alex", "alexander"),
    ]
}

# Words that place a title in a country rather than change the office:
# "U.S. Secretary of War" and "Secretary of War" are one title. The country
# words are claims.nlp.normalize's (the extractor drops the same ones).
QUALIFIERS = COUNTRY_WORDS | {
    "the",
    "of",
    "his",
    "her",
    "their",
    "its",
    "country's",
    "nation's",
    "then",
}
# Not titles at all: relations an article gives instead of an office.
NOT_TITLES = {"counterpart", "american counterpart", "us counterpart", "leader", "official"}

_EDGE_QUALIFIER = re.compile(
    r"^(?:(?:the|his|her|their)\s+)?"
    r"(?:U\.?S\.?A?|United States|American|India(?:'s|’s)?|Indian)\s+"
    r"|\s+of\s+the\s+(?:United\s+States|U\.?S\.?A?|India)$",
    re.IGNORECASE,
)


def name_tokens(name: str) -> list[str]:
    return [t for t in tokens(name) if t not in HONORIFICS and not t.startswith("@")]


def title_key(title: str) -> str:
    """The comparison key of a title: word order, country and spelling folded away.

    "Secretary of Defense", "Defence Secretary" and "US Defence Secretary" share
    a key; "Secretary of War" does not.
    """
    words = [t for t in tokens(title) if t not in QUALIFIERS]
    return " ".join(sorted(set(words)))


def title_display(title: str) -> str:
    """The title as written, minus a country qualifier at its edges."""
    text = " ".join((title or "").split())
    previous = None
    while previous != text:
        previous = text
        text = _EDGE_QUALIFIER.sub("", text).strip()
    return text[:1].upper() + text[1:] if text else text


def _first_names_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if frozenset((a, b)) in NICKNAMES:
        return True
    short, long_ = sorted((a, b), key=len)
    # "Pete"/"Peter"; an initial "S"/"Subrahmanyam".
    return len(short) >= 3 and long_.startswith(short) or len(short) == 1 and long_[0] == short


def same_person(a: str, b: str) -> bool:
    """Two full names (two or more words) that name one person."""
    ta, tb = name_tokens(a), name_tokens(b)
    if len(ta) < 2 or len(tb) < 2 or ta[-1] != tb[-1]:
        return False
    return _first_names_match(ta[0], tb[0])


@dataclass
class _Mention:
    claim: ClaimInput
    name: str
    canonical: str
    title: str
    evidence: Evidence | None = None  # where the title is written, if not the claim


@dataclass
class _Group:
    names: Counter = field(default_factory=Counter)  # full name -> mentions
    name_outlets: dict = field(default_factory=lambda: defaultdict(set))
    mentions: list = field(default_factory=list)


def _alias_map(aliases: list[AliasRule], kind: str) -> dict[tuple[str, str], str]:
    """(subject norm or "", value norm) -> canonical value."""
    return {(norm(a.subject), norm(a.value)): a.canonical for a in aliases if a.kind == kind}


def aliased(mapping: dict, subject: str, value: str) -> str:
    subject_norm = norm(subject)
    for key in ((subject_norm, norm(value)), ("", norm(value))):
        if key in mapping:
            return mapping[key]
    # Alias subjects recorded from a flag carry the flag's subject, which may
    # extend the person's name ("Rajnath Singh: “…”"); match on the prefix.
    for (alias_subject, alias_value), canonical in mapping.items():
        if alias_value == norm(value) and alias_subject and alias_subject.startswith(subject_norm):
            return canonical
    return value


def build_people(
    claims: list[ClaimInput], aliases: list[AliasRule] = (), articles: dict | None = None
) -> list[Person]:
    """Join the people every claim mentions into one profile per person."""
    name_alias = _alias_map(list(aliases), "name")
    mentions: list[_Mention] = []
    for claim in claims:
        for p in claim.data.people:
            canonical = p.canonical or p.name
            if not name_tokens(canonical):
                continue
            mentions.append(_Mention(claim, p.name or canonical, canonical, p.title))
    mentions += _speaker_titles(claims, mentions, articles or {})
    mentions += _article_titles(claims, articles or {})

    # Full names first, in order of how many outlets use them, so the most
    # common spelling becomes the profile's canonical name.
    outlets_of: dict[str, set] = defaultdict(set)
    for m in mentions:
        for name in (m.canonical, m.name):
            if len(name_tokens(name)) >= 2:
                outlets_of[_clean(name)].add(m.claim.outlet)
    full_names = sorted(outlets_of, key=lambda n: (-len(outlets_of[n]), -len(n), n))

    groups: list[_Group] = []
    index: dict[str, int] = {}
    for name in full_names:
        target = aliased(name_alias, name, name)
        found = None
        for other, gi in index.items():
            if same_person(name, other) or norm(target) == norm(other):
                found = gi
                break
        if found is None:
            found = len(groups)
            groups.append(_Group())
        index[name] = found

    def resolve(name: str) -> int | None:
        name = _clean(name)
        if name in index:
            return index[name]
        toks = name_tokens(name)
        if not toks:
            return None
        if len(toks) == 1:
            hits = {gi for other, gi in index.items() if toks[0] in name_tokens(other)}
            return hits.pop() if len(hits) == 1 else None
        for other, gi in index.items():
            if same_person(name, other):
                return gi
        return None

    for m in mentions:
        gi = resolve(m.canonical)
        if gi is None:
            gi = resolve(m.name)
        if gi is None:
            continue
        group = groups[gi]
        group.mentions.append(m)
        for name in {_clean(m.canonical), _clean(m.name)}:
            if len(name_tokens(name)) >= 2 and resolve(name) == gi:
                group.names[name] += 1
                group.name_outlets[name].add(m.claim.outlet)

    people = [_profile(g) for g in groups if g.mentions and g.names]
    people.sort(key=lambda p: (-len(p.outlets), p.canonical))
    return people


def _speaker_titles(claims, mentions: list[_Mention], articles: dict) -> list[_Mention]:
    """Titles written in a quote's attribution, e.g. an embedded post signed
    "— Secretary of War Pete Hegseth (@SecWar) October 31, 2025".

    The extractor keeps such a signature as the quote's speaker string; the
    title in front of a known full name is a title this outlet gives the person.
    """
    known = {_clean(m.canonical) for m in mentions if len(name_tokens(m.canonical)) >= 2}
    found, seen = [], set()
    for claim in claims:
        for q in claim.data.quotes:
            speaker = " ".join((q.speaker or "").split())
            for name in known:
                if not speaker.endswith(name) or len(speaker) <= len(name) + 2:
                    continue
                title = speaker[: -len(name)].strip(" ,—-")
                key = (claim.article_id, norm(title), name)
                if not title_key(title) or key in seen or not _has_title_word(title):
                    continue
                seen.add(key)
                found.append(
                    _Mention(claim, name, name, title, _signature(articles, claim, speaker))
                )
    return found


def _has_title_word(text: str) -> bool:
    """ "Secretary of War" is a title; "Recep", before "Tayyip Erdogan", is a first name."""
    return any(
        w.lower() in TITLE_WORDS or w.lower().rstrip(".") in TITLE_WORDS for w in text.split()
    )


def _article_titles(claims: list[ClaimInput], articles: dict) -> list[_Mention]:
    """Titles from the extractor's article-level people (Article.nlp), with the
    sentence (a claim, or else the line of the article) that carries each."""
    found = []
    for article in articles.values():
        for profile in getattr(article, "people", None) or []:
            for t in profile.titles:
                if not t.title:
                    continue
                claim = next(
                    (
                        c
                        for c in claims
                        if c.article_id == article.id and c.data.start <= t.start < c.data.end
                    ),
                    None,
                )
                if claim is None:
                    claim = _line_claim(article, t.start)
                canonical = profile.canonical or t.canonical or t.name
                found.append(_Mention(claim, t.name or canonical, canonical, t.title))
    return found


def _line_claim(article, offset: int) -> ClaimInput:
    """A stand-in claim for the article line at `offset` (not a stored claim: id -1)."""
    text = article.text or ""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    line = text[start:end]
    data = ClaimData(text=line, start=start, end=end, position=-1, score=0.0)
    return ClaimInput(-1, article.id, article.outlet, line, "", data)


def _signature(articles: dict, claim: ClaimInput, speaker: str) -> Evidence | None:
    """The line of the article that carries the attribution, nearest after the quote."""
    article = articles.get(claim.article_id)
    text = getattr(article, "text", "") or ""
    at = text.find(speaker, claim.data.start)
    if at < 0:
        at = text.find(speaker)
    if at < 0:
        return None
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    return Evidence(claim.article_id, text[start:end], start, end)


def _clean(name: str) -> str:
    name = " ".join((name or "").split())
    return re.sub(r"(?:'s|’s)$", "", name)


def _profile(group: _Group) -> Person:
    def rank(name):
        return (-len(group.name_outlets[name]), -group.names[name], -len(name), name)

    canonical = sorted(group.names, key=rank)[0]
    titles: dict[str, dict] = {}
    outlets: list[str] = []
    claim_ids: list[int] = []
    for m in group.mentions:
        if m.claim.outlet not in outlets:
            outlets.append(m.claim.outlet)
        if m.claim.id not in claim_ids and m.claim.id >= 0:
            claim_ids.append(m.claim.id)
        key = title_key(m.title)
        if not key or fold(title_display(m.title)) in NOT_TITLES or key in NOT_TITLES:
            continue
        entry = titles.setdefault(key, {"displays": Counter(), "outlets": [], "evidence": []})
        entry["displays"][title_display(m.title)] += 1
        if m.claim.outlet not in entry["outlets"]:
            entry["outlets"].append(m.claim.outlet)
        d = m.claim.data
        ev = m.evidence or Evidence(m.claim.article_id, d.text, d.start, d.end)
        if ev not in entry["evidence"]:
            entry["evidence"].append(ev)
    person_titles = [
        PersonTitle(
            value=sorted(e["displays"].items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
            norm=key,
            outlets=e["outlets"],
            evidence=e["evidence"],
        )
        for key, e in titles.items()
    ]
    person_titles.sort(key=lambda t: (-len(t.outlets), t.value))
    names = {n: sorted(group.name_outlets[n]) for n in sorted(group.names, key=rank)}
    return Person(canonical, names, person_titles, outlets, claim_ids)
