"""Flags: agreement, single sources and contradictions between outlets.

Every flag carries its kind, a subject, and its variants: each value with the
outlets that give it and the exact sentences behind it. Values are compared
after `normalise.norm` (case, typography, punctuation, US/UK spelling, dotted
abbreviations) and after the reviewers' aliases, so those differences never
make a flag.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from claims.analysis import (
    ages,
    charges,
    condition,
    events,
    fates,
    figure_pairs,
    figures,
    ordinals,
    parts,
    ranks,
    retold,
    status,
    titles,
    weekdays,
)
from claims.analysis import names as spellings
from claims.analysis.kinds import (
    CORROBORATED,
    DATE_MISMATCH,
    NAME_VARIANT,
    NUMBER_MISMATCH,
    PLACE_MISMATCH,
    POLARITY_MISMATCH,
    QUOTE_VARIANT,
    ROLE_MISMATCH,
    SINGLE_SOURCE,
    TITLE_MISMATCH,
)
from claims.analysis.normalise import (
    dateline_end,
    fingerprint,
    fold,
    norm,
    token_spans,
    tokens,
    word_bounds,
)
from claims.analysis.people import (
    HONORIFICS,
    _alias_map,
    aliased,
    name_tokens,
    same_person,
    title_display,
)
from claims.analysis.stories import is_foreign
from claims.analysis.types import (
    AliasRule,
    ArticleInfo,
    ClaimInput,
    Evidence,
    FlagResult,
    Person,
    PersonTitle,
    Variant,
)
from claims.nlp.dates import find_dates
from claims.nlp.language import detect_language
from claims.nlp.types import QuoteSlot

CONTRADICTIONS = (
    NUMBER_MISMATCH,
    DATE_MISMATCH,
    PLACE_MISMATCH,
    POLARITY_MISMATCH,
    ROLE_MISMATCH,
)
# How much a flag matters to a reviewer (FlagResult.severity).
CONTRADICTION, DISCREPANCY, AGREEMENT = "contradiction", "discrepancy", "agreement"
SEVERITIES = (CONTRADICTION, DISCREPANCY, AGREEMENT)

# A claim only one source carries is flagged when the extractor found it
# check-worthy enough; below this it is context, not a claim to verify.
# The extractor scores context sentences 0.5-0.65 and sentences with named
# people, figures, dates or attributed speech 0.75-1.0 (demo corpus).
SINGLE_SOURCE_MIN_SCORE = 0.7

# Two quotes are "the same quote" when, over the stretch where they overlap,
# this share of the shorter one's words match in order (difflib blocks) and
# at least QUOTE_MIN_MATCH words do. Demo corpus: retellings of one quote match
# 0.84-1.0; different quotes by the same speaker 0.05-0.45. A retelling that
# rewrites a clause of a long quote ("to resign" for "to tell them that I am
# resigning") matches about 0.68 but keeps nine in ten of its words in order
# inside the longer telling; an outlet's paraphrase of a statement ("stay ...
# tonight" for "remain ... this evening") also matches about 0.67 but keeps
# only four in five.
QUOTE_MATCH = 0.7
QUOTE_MATCH_CONTAINED = 0.65
QUOTE_CONTAINED = 0.9
QUOTE_MIN_MATCH = 5
# Outlets (and the attribution step) name one speaker differently ("the King",
# "His Majesty", a pronoun resolved to the wrong person): quotes this close
# are one quote whoever they are attributed to. Different people do not say
# eight words in the same order with nine in ten matching.
QUOTE_SAME_WORDS = 8
QUOTE_SAME_MATCH = 0.9
QUOTE_SAME_MATCH_LONG = 0.8
QUOTE_COVER = 0.6
# Differences closer than this many equal words are reported as one.
QUOTE_GAP = 2


def evidence_of(claim: ClaimInput) -> Evidence:
    d = claim.data
    return Evidence(claim.article_id, d.text, d.start, d.end)


def _variants(items: Iterable[tuple[str, str, ClaimInput]]) -> list[Variant]:
    """(group key, display value, claim) -> one Variant per key, most outlets first."""
    groups: dict[str, dict] = {}
    for key, display, claim in items:
        g = groups.setdefault(key, {"displays": Counter(), "outlets": [], "evidence": []})
        g["displays"][display] += 1
        if claim.outlet not in g["outlets"]:
            g["outlets"].append(claim.outlet)
        ev = evidence_of(claim)
        if ev not in g["evidence"]:
            g["evidence"].append(ev)
    variants = [
        Variant(
            value=sorted(g["displays"].items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
            outlets=g["outlets"],
            evidence=g["evidence"],
        )
        for g in groups.values()
    ]
    variants.sort(key=lambda v: (-len(v.outlets), v.value))
    return variants


def _flag(kind, subject, variants, cluster_fp="", key_subject=None) -> FlagResult:
    """A flag keyed by kind, `key_subject` (the subject unless a steadier key is
    given: a cluster's fingerprint, a speaker) and its values."""
    fp = fingerprint(
        kind, key_subject if key_subject is not None else subject, [v.value for v in variants]
    )
    return FlagResult(kind, subject, fp, variants, cluster_fp)


# --- clusters: agreement and single source -------------------------------------


def cluster_flags(
    label: str,
    cluster_fp: str,
    claims: list[ClaimInput],
    independent: int,
) -> list[FlagResult]:
    outlets = {c.outlet for c in claims}
    items = [("claim", label, c) for c in claims]
    variants = _variants(items)
    if independent >= 2 and len(outlets) >= 2:
        return [_flag(CORROBORATED, label, variants, cluster_fp, key_subject=cluster_fp)]
    if max((c.data.score for c in claims), default=0.0) >= SINGLE_SOURCE_MIN_SCORE:
        return [_flag(SINGLE_SOURCE, label, variants, cluster_fp, key_subject=cluster_fp)]
    return []


# --- clusters: numbers, dates, places, polarity --------------------------------


def _in_dateline(claim: ClaimInput, start: int) -> bool:
    cut = dateline_end(claim.data.text)
    if not cut:
        return False
    offset = start - claim.data.start if start >= claim.data.start else start
    return 0 <= offset < cut


def _disagree(per_outlet: dict[str, set[str]], compatible) -> bool:
    """True when two outlets give values none of which are compatible."""
    outlets = [o for o, vals in per_outlet.items() if vals]
    for i, a in enumerate(outlets):
        for b in outlets[i + 1 :]:
            if not any(compatible(x, y) for x in per_outlet[a] for y in per_outlet[b]):
                return True
    return False


# Dates of one cluster further apart than this are two facts (a shooting and the
# indictment weeks later), not one fact dated two ways; outlets that misdate
# one event are off by a day or a few (a weekday misread, a time zone).
DATE_GAP_DAYS = 7


def _inside_quote(claim: ClaimInput, start: int) -> bool:
    return any(q.start <= start < q.end for q in claim.data.quotes)


def _date_compatible(a: str, b: str) -> bool:
    if a.startswith(b) or b.startswith(a):
        return True
    ra, rb = _date_range(a), _date_range(b)
    if ra is None or rb is None:
        return True  # an impossible date ("0000-03-05") is no evidence of a mismatch
    gap = max((rb[0] - ra[1]).days, (ra[0] - rb[1]).days)
    return gap <= 0 or gap > DATE_GAP_DAYS  # a day inside the week, or two facts


_LATE_BEFORE = re.compile(r"\b(?:late|overnight)\s+(?:on\s+)?$", re.IGNORECASE)
_NIGHT_AFTER = re.compile(r"^\s+(?:night|into)\b", re.IGNORECASE)
_EARLY_BEFORE = re.compile(r"\b(?:early|overnight|before dawn)\s+(?:on\s+)?$", re.IGNORECASE)


def _night_edge(claim: ClaimInput, d) -> str:
    """ "late Saturday", "Saturday night": "late"; "early Sunday": "early"; else ""."""
    at = d.start - claim.data.start
    text = claim.data.text
    before, after = text[max(0, at - 20) : at], text[at + len(d.text) :]
    if _LATE_BEFORE.search(before) or _NIGHT_AFTER.match(after):
        return "late"
    return "early" if _EARLY_BEFORE.search(before) else ""


def _across_midnight(a: str, b: str, edges: dict[str, set[str]]) -> bool:
    """Late on one day and early the next: one night, told from either side of
    midnight ("late Saturday night" / "early Sunday")."""
    ra, rb = _date_range(a), _date_range(b)
    if ra is None or rb is None or ra[0] != ra[1] or rb[0] != rb[1]:
        return False
    (first, day_a), (second, day_b) = sorted(((a, ra[0]), (b, rb[0])))
    if (day_b - day_a).days != 1:
        return False
    return "late" in edges.get(first, set()) and "early" in edges.get(second, set())


def _date_range(iso: str) -> tuple[date, date] | None:
    """The first and last day an ISO date covers: a day, a month ("2019-08") or
    a week ("2019-W38"); None when it names no real day."""
    try:
        if "-W" in iso:
            year, week = iso.split("-W")
            first = date.fromisocalendar(int(year), int(week[:2]), 1)
            # "this week" in American copy began on the Sunday before ISO's Monday
            return first - timedelta(days=1), first + timedelta(days=6)
        if len(iso) >= 10:
            day = date.fromisoformat(iso[:10])
            return day, day
        first = date.fromisoformat(iso[:7] + "-01")
        nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    except ValueError:
        return None


def _looks_like_year(value: float, unit: str) -> bool:
    """2025, or the 2025 of "2025-2035": a calendar year, compared as a date if at all."""
    return unit in ("", "year", "years") and float(value).is_integer() and 1900 <= value <= 2100


def contradiction_flags(
    label: str,
    cluster_fp: str,
    claims: list[ClaimInput],
    articles: dict[int, ArticleInfo],
    aliases: list[AliasRule],
    related_places: set[frozenset],
) -> list[FlagResult]:
    if len({c.outlet for c in claims}) < 2:
        return []
    flags = []

    # numbers: typed figures, compared only when they measure the same thing
    # (claims.analysis.figures); claims extracted before figures were typed
    # fall back to the plain per-unit comparison
    flags += figure_flags(label, cluster_fp, claims, articles, aliases)
    number_alias = _alias_map(aliases, "number")
    by_unit: dict[str, list[tuple[str, str, ClaimInput]]] = defaultdict(list)
    for c in claims:
        if c.data.quantities is not None:
            continue
        for n in c.data.numbers:
            if _looks_like_year(n.value, n.unit):
                continue
            key = norm(aliased(number_alias, label, f"{n.value:g} {n.unit}".strip()))
            by_unit[norm(n.unit)].append((key, n.text, c))
    for items in by_unit.values():
        per_outlet: dict[str, set[str]] = defaultdict(set)
        for key, _, c in items:
            per_outlet[c.outlet].add(key)
        if _disagree(per_outlet, lambda x, y: x == y):
            variants = _variants(items)
            flags.append(
                _flag(NUMBER_MISMATCH, label, variants, cluster_fp, key_subject=cluster_fp)
            )

    # dates, datelines excluded
    date_alias = _alias_map(aliases, "date")
    items = []
    edges: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        for d in c.data.dates:
            # a bare year is too coarse to date one event: years in one
            # cluster are mostly different facts ("since 1950", "in 2005")
            if not d.iso or _in_dateline(c, d.start) or len(d.iso) == 4:
                continue
            if weekdays.dates_a_statement(c, d) or weekdays.dates_a_state(c, d):
                continue  # toll updates or a state seen on different days: not one fact
            if weekdays.dates_a_reference(c, d):
                continue  # "found after the spree on Wednesday": the spree's day
            if d.relative and _inside_quote(c, d.start):
                continue  # "today" in a speech is the day it was given, not published
            items.append((aliased(date_alias, label, d.iso), d.iso, c))
            edges[d.iso].add(_night_edge(c, d))
    per_outlet = defaultdict(set)
    for key, _, c in items:
        per_outlet[c.outlet].add(key)

    def dates_compatible(a: str, b: str) -> bool:
        return _date_compatible(a, b) or _across_midnight(a, b, edges)

    if _disagree(per_outlet, dates_compatible):
        flags.append(
            _flag(DATE_MISMATCH, label, _variants(items), cluster_fp, key_subject=cluster_fp)
        )

    # places, datelines excluded; places named together anywhere in the story
    # ("Kuala Lumpur, Malaysia") are taken as compatible
    place_alias = _alias_map(aliases, "place")
    items = []
    for c in claims:
        for p in c.data.places:
            if p.is_dateline or _in_dateline(c, p.start) or not _locative(c, p.start):
                continue
            if _possessive(c, p):
                continue  # "in the country's history": the place owns, it does not locate
            key = norm(aliased(place_alias, label, p.norm or p.text))
            items.append((key, p.text, c))
    per_outlet = defaultdict(set)
    for key, _, c in items:
        per_outlet[c.outlet].add(key)

    # an outlet whose article names both places ("arrested in Altoona,
    # Pennsylvania" further down) does not see them as different
    texts = {
        c.article_id: " ".join(norm(articles[c.article_id].text).split())
        for c in claims
        if c.article_id in articles and articles[c.article_id].text
    }

    def places_compatible(x, y):
        if x == y or x in y or y in x or frozenset((x, y)) in related_places:
            return True
        if events.level_of(_bare(x)) != events.level_of(_bare(y)):
            return True  # a sea and a country, a town and a state: one may hold the other
        return any(f" {x} " in f" {t} " and f" {y} " in f" {t} " for t in texts.values())

    if _disagree(per_outlet, places_compatible):
        flags.append(
            _flag(PLACE_MISMATCH, label, _variants(items), cluster_fp, key_subject=cluster_fp)
        )

    # polarity
    polar = [("negated" if c.data.negated else "affirmed", "", c) for c in claims]
    negated = [c.data.text for c in claims if c.data.negated]
    affirmed = [c.data.text for c in claims if not c.data.negated]
    if len({k for k, _, _ in polar}) > 1 and status.negation_clash(negated, affirmed):
        items = [
            (k, "does not / will not" if k == "negated" else "does / will", c) for k, _, c in polar
        ]
        flags.append(
            _flag(POLARITY_MISMATCH, label, _variants(items), cluster_fp, key_subject=cluster_fp)
        )
    return flags


def _bare(place: str) -> str:
    return re.sub(r"^the\s+", "", place)


# "in", "at", "near": where it happened. "from" and "to" name where someone
# came from or went ("a flight from Bangkok"), not a place to contradict.
_LOCATIVE = re.compile(r"\b(?:in|at|near|inside|outside)\s+(?:the\s+)?$", re.IGNORECASE)


def _possessive(claim: ClaimInput, place) -> bool:
    offset = place.start - claim.data.start if place.start >= claim.data.start else place.start
    after = claim.data.text[offset + len(place.text) :]
    marks = ("'s", "\u2019s")
    return place.text.endswith(marks) or after.startswith(marks)


def _locative(claim: ClaimInput, start: int) -> bool:
    """A place the claim locates something in ("signed in Kuala Lumpur"), not a
    participant ("India and the US signed") or a name ("the India-US relationship")."""
    offset = start - claim.data.start if start >= claim.data.start else start
    return bool(_LOCATIVE.search(claim.data.text[max(0, offset - 12) : max(0, offset)]))


def related_places(claims: list[ClaimInput]) -> set[frozenset]:
    """Pairs of places one sentence names together (a city and its country)."""
    pairs = set()
    for c in claims:
        names = sorted({norm(p.norm or p.text) for p in c.data.places if not p.is_dateline})
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                pairs.add(frozenset((a, b)))
    return pairs


# --- people: titles and names ---------------------------------------------------


def _title_uses(person: Person, title_alias: dict, articles: dict) -> list[titles.TitleUse]:
    """One use per title per article, dated by the article's publication."""
    uses = []
    for t in person.titles:
        value = aliased(title_alias, person.canonical, t.value)
        by_article: dict[int, list[Evidence]] = {}
        for e in t.evidence:
            by_article.setdefault(e.article_id, []).append(e)
        covered = set()
        for article_id, evidence in by_article.items():
            article = articles.get(article_id)
            if article is None:
                continue
            covered.add(article.outlet)
            told = value
            if all(_takes_office(e.text, t.value) for e in evidence) or _left_office(
                article, person.canonical, t.value
            ):
                told = f"then {value}"  # "Foreign Minister X became prime minister"
            uses.append(
                titles.TitleUse(told, article.outlet, article.published, evidence, t.value)
            )
        for outlet in t.outlets:  # no article known: text only, never a guessed date
            if outlet not in covered:
                evidence = [
                    e for e in t.evidence if e.article_id not in by_article or not articles
                ]
                uses.append(titles.TitleUse(value, outlet, None, evidence, t.value))
    return uses


# A sentence telling that someone took another office: the title it gives the
# person is the one held before ("Foreign Minister X became prime minister").
_TAKES_OFFICE = re.compile(
    r"\b(?:became|becomes|(?:was|is|were) (?:sworn in as|appointed|named|elected)|"
    r"took office as)\s+(?:as\s+)?"
    r"(?:the\s+)?(?:new\s+|next\s+|country's\s+)?(?P<office>(?:[a-z]+\s+){0,2}"
    r"(?:minister|president|premier|chancellor|secretary|governor|mayor|leader|chief))\b",
    re.IGNORECASE,
)


# An article telling that someone left an office ("Dana Whitfield resigns as Acme
# CEO"): the office it gives the person is the one just left, not a claim that
# they still hold it, whatever "former" other outlets write.
_LEFT_AS = re.compile(
    r"\b(?:resign(?:s|ed|ing)?|step(?:s|ped|ping)?\s+down|quit(?:s|ting)?|"
    r"(?:was|were|been|is)\s+(?:ousted|removed|fired|sacked|dismissed))\s+as\s+(?:the\s+)?"
    r"(?P<office>(?:[\w'’.-]+\s+){0,3}[\w'’.-]+)",
    re.IGNORECASE,
)
_HE_OR_SHE = re.compile(r"\b(?:he|she)\s+$", re.IGNORECASE)


def _left_office(article: ArticleInfo, person: str, title: str) -> bool:
    """The article tells that the person (named, or "he"/"she" just before) left this office."""
    key = set(titles.key_of(title).split())
    tokens = name_tokens(person)
    if not key or not tokens:
        return False
    surname = tokens[-1]
    text = f"{article.title}\n{article.text}"
    for match in _LEFT_AS.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()]
        if surname not in fold(before) and not _HE_OR_SHE.search(before):
            continue
        words = match.group("office").split()
        if any(
            key <= set(titles.key_of(" ".join(words[:n])).split())
            for n in range(1, len(words) + 1)
        ):
            return True
    return False


def _takes_office(sentence: str, title: str) -> bool:
    """The title is one held before the change the sentence tells of."""
    match = _TAKES_OFFICE.search(sentence)
    return match is not None and titles.key_of(match.group("office")) != titles.key_of(title)


def title_comparison(
    person: Person,
    aliases: list[AliasRule] = (),
    articles: dict[int, ArticleInfo] | None = None,
    offices: titles.OfficeBook | None = None,
) -> titles.TitleComparison:
    """The person's titles read at each article's publication date (claims.analysis.titles)."""
    uses = _title_uses(person, _alias_map(list(aliases), "title"), articles or {})
    return titles.compare(person.canonical, uses, offices)


def people_flags(
    people: list[Person],
    claims: list[ClaimInput],
    aliases: list[AliasRule],
    articles: dict[int, ArticleInfo] | None = None,
    offices: titles.OfficeBook | None = None,
) -> list[FlagResult]:
    flags = []
    name_alias = _alias_map(aliases, "name")
    for person in people:
        # titles: typed by their relation (same office under another name, a
        # different office, former vs current); short forms and descriptions
        # ("Gov.", "Pentagon chief") are no difference. Each title of the
        # profile is marked with its relation to the main one.
        comparison = title_comparison(person, aliases, articles, offices)
        for t in person.titles:
            t.relation = comparison.relation_of(title_display(t.value))
            group = next(
                (g for g in comparison.groups if title_display(t.value) in g.values), None
            )
            match = group.match if group is not None else None
            t.office = match.office.name if match is not None else ""
        if comparison.flagged and not _one_outlets_offices(comparison):
            variants = [Variant(g.value, g.outlets, g.evidence) for g in comparison.groups]
            flag = _flag(TITLE_MISMATCH, person.canonical, variants)
            flag.detail = comparison.detail()
            # read by with_severity: the relation decides how much it matters
            flag.severity, flag.reason = comparison.severity, comparison.reason
            flags.append(flag)

        # full names written differently ("Peter Hegseth" / "Pete Hegseth")
        by_key: dict[str, list[str]] = defaultdict(list)
        for name in person.names:
            by_key[norm(aliased(name_alias, person.canonical, name))].append(name)
        # accents, a middle name or initial, a rank in front: no difference
        by_key = spellings.merge_same(by_key)
        if len(by_key) > 1:
            items = []
            person_claims = [c for c in claims if c.id in set(person.claim_ids)]
            for key, names in by_key.items():
                wanted = {norm(n) for n in names}
                for c in person_claims:
                    for p in c.data.people:
                        written = {norm(p.name), norm(p.canonical)}
                        hit = next((n for n in names if norm(n) in written), None)
                        if hit and written & wanted and len(name_tokens(hit)) >= 2:
                            items.append((key, hit, c))
            variants = _variants(items)
            # one outlet writing a name two ways is its own slip, not outlets
            # disagreeing on the name
            if len(variants) > 1 and len({o for v in variants for o in v.outlets}) > 1:
                flags.append(_flag(NAME_VARIANT, person.canonical, variants))
    # one person spelled two ways is still one man or one woman
    spelled = _spelled_as(people)
    same: dict[str, list[PersonTitle]] = defaultdict(list)
    for person in people:
        same[spelled.get(person.canonical, person.canonical)] += person.titles
    for name, person_titles in same.items():
        flags += _gender_flags(name, person_titles)
    return flags


# Titles that say whether their holder is a man or a woman (titles.GENDERED reads
# both as one office): one person given both by two outlets is a slip about them.
MENS_TITLES = {"spokesman", "chairman", "congressman", "councilman"}
WOMENS_TITLES = {"spokeswoman", "chairwoman", "congresswoman", "councilwoman"}


def _gender_flags(subject: str, person_titles: list[PersonTitle]) -> list[FlagResult]:
    """ "Ana Ruiz, a spokeswoman" / "the spokesman, Ana Ruiz": a man's title and a
    woman's for one person, from different outlets."""
    by_gender: dict[str, list[PersonTitle]] = defaultdict(list)
    for t in person_titles:
        words = set(tokens(t.value))
        if words & MENS_TITLES:
            by_gender["man"].append(t)
        elif words & WOMENS_TITLES:
            by_gender["woman"].append(t)
    if len(by_gender) < 2:
        return []
    outlets = {g: {o for t in ts for o in t.outlets} for g, ts in by_gender.items()}
    if outlets["man"] == outlets["woman"]:
        return []  # one outlet writing both: its own slip
    variants = [
        Variant(ts[0].value, sorted(outlets[g]), [e for t in ts for e in t.evidence])
        for g, ts in by_gender.items()
    ]
    flag = _flag(TITLE_MISMATCH, subject, variants, key_subject=f"{subject}|gender")
    flag.severity = DISCREPANCY
    flag.reason = f"outlets give {subject} a man's title and a woman's"
    return [flag]


# --- quotes ----------------------------------------------------------------------


class _Quote:
    def __init__(self, claim: ClaimInput, text: str, start: int, speaker: str, order: int):
        self.claim = claim
        self.start = start  # offset of the quote in the article
        self.speaker = speaker
        self.order = order
        # one quotation told over several sentences: (first word, sentence) per piece
        self.parts: list[tuple[int, ClaimInput]] = [(0, claim)]
        self.first_text = text  # the piece in the first sentence
        self._read(text)

    def _read(self, text: str) -> None:
        self.text = text
        # words an editor put in square brackets ("the herd instinct [in Westminster]")
        # are not the speaker's
        inserted = [m.span() for m in _BRACKETED.finditer(text)]
        self.spans = [t for t in token_spans(text) if not any(a <= t[1] < b for a, b in inserted)]
        self.words = [w for w, _, _ in self.spans]
        # too short for the word-by-word comparison (claims.analysis.retold reads it)
        self.short = len(text.split()) < QUOTE_MIN_MATCH

    def extend(self, claim: ClaimInput, text: str, speaker: str) -> None:
        """The next sentence's piece of the same quotation."""
        self.parts.append((len(self.words), claim))
        self.speaker = self.speaker or speaker
        self._read(f"{self.text} {text}")

    def claim_at(self, word: int) -> ClaimInput:
        """The sentence holding the quote's word at this index."""
        return [claim for first, claim in self.parts if first <= word][-1]


_BRACKETED = re.compile(r"\[[^\]]{0,80}\]")
_ELLIPSIS = re.compile(r"…|\.\s?\.\s?\.")


def _speaker_key(speaker: str, people: list[Person]) -> str:
    if not speaker:
        return ""
    toks = name_tokens(speaker)
    for person in people:
        names = [person.canonical, *person.names]
        # "Pete Hegseth", or a signature "Secretary of War Pete Hegseth"
        if any(norm(n) == norm(speaker) or norm(speaker).endswith(" " + norm(n)) for n in names):
            return person.canonical
        if len(toks) == 1 and any(toks[0] in name_tokens(n) for n in names):
            return person.canonical
        # a name the tagger cut short: "Yoon Suk" for "Yoon Suk Yeol"
        if len(toks) >= 2 and any(name_tokens(n)[: len(toks)] == toks for n in names):
            return person.canonical
    return speaker


def _spelled_as(people: list[Person]) -> dict[str, str]:
    """A person the people builder kept apart for a spelling ("Marta Lindquist")
    -> the spelling more outlets use ("Marta Lindqvist"): one speaker's quotes
    are compared with each other whichever way an outlet spells the name (the
    spelling is flagged as a name variant)."""
    out: dict[str, str] = {}
    ranked = sorted(people, key=lambda p: (-len(p.outlets), p.canonical))
    for i, main in enumerate(ranked):
        if main.canonical in out:
            continue
        for other in ranked[i + 1 :]:
            if other.canonical not in out and spellings.spelling_variant(
                main.canonical, other.canonical
            ):
                out[other.canonical] = main.canonical
    return out


def _quotes(
    claims: list[ClaimInput], people: list[Person], order, min_words: int = QUOTE_MIN_MATCH
) -> list[_Quote]:
    """Each sentence's quotes, and a short one joined with the next sentence's piece
    of the same quotation ("It was a war zone. | Nobody had seen water this high.")."""
    pieces: list[tuple[_Quote, QuoteSlot]] = []
    spelled = _spelled_as(people)
    for c in sorted(claims, key=order):
        for q in c.data.quotes:
            speaker = _speaker_key(q.speaker or c.data.speaker, people)
            speaker = spelled.get(speaker, speaker)
            pieces.append((_Quote(c, q.text or "", q.start, speaker, len(pieces)), q))
    quotes = [q for q, _ in pieces if len(q.text.split()) >= min_words]
    quotes += _joined(pieces)
    for n, q in enumerate(sorted(quotes, key=lambda q: q.order)):
        q.order = n
    return quotes


def _joined(pieces: list[tuple[_Quote, QuoteSlot]]) -> list[_Quote]:
    """Two sentences' pieces of one quotation, one of them too short to be compared
    alone, as one quote (each piece is compared on its own as well)."""
    ordered = sorted(pieces, key=lambda p: (p[0].claim.article_id, p[1].start))
    out = []
    for (a, qa), (b, qb) in zip(ordered, ordered[1:], strict=False):
        if a.claim.article_id != b.claim.article_id or not _continues(a, qa, b, qb):
            continue
        if min(len(a.words), len(b.words)) >= QUOTE_SAME_WORDS:
            continue
        unit = _Quote(a.claim, a.text, a.start, a.speaker or b.speaker, a.order)
        unit.extend(b.claim, b.text, b.speaker)
        out.append(unit)
    return out


# Words between two pieces of one speaker's quotation told over two sentences:
# '"It was chaos," the mayor told reporters. | "Nobody knew where to go."'
QUOTE_JOIN_WORDS = 8


# The words right before a quote that introduce it: "X said:", "X said", "she told them,".
_INTRODUCES = re.compile(
    r"(?:[:,]|\b(?:said|says|added|adds|stated|wrote|declared|told(?:\s+\w+){0,2}))$",
    re.IGNORECASE,
)


def _continues(a: _Quote, qa: QuoteSlot, b: _Quote, qb: QuoteSlot) -> bool:
    """Quote qb of sentence b carries on quote qa of the sentence just before: qa
    opens its sentence or follows an attribution ("X said:"), at most a short
    attribution follows it, and b opens with qb. Two quotes of one sentence are
    not joined: the words between them are the outlet's; nor a phrase quoted
    inside the outlet's own words ('vowed a "swift response".')."""
    first, second = a.claim.data, b.claim.data
    if a.claim is b.claim or second.start - first.end > 3:
        return False
    if a.speaker and b.speaker and a.speaker != b.speaker:
        return False
    lead = first.text[: max(0, qa.start - first.start)].rstrip(" \"'“”‘’")
    head = second.text[: max(0, qb.start - second.start)]
    tail = first.text[max(0, qa.end - first.start) :]
    return (
        (not lead or _INTRODUCES.search(lead) is not None)
        and not head.strip(" \"'“”‘’")
        and len(tail.split()) <= QUOTE_JOIN_WORDS
    )


def _anchors(sm, len_a: int, len_b: int) -> list:
    """Matching runs that anchor an alignment: two or more words, or one word at
    both quotes' end or both quotes' start ("… and [strategic] deterrence")."""
    # a short phrase's own first or last word anchors too: "[mandate] that must
    # be honoured" inside "... a mandate which must be honoured by all"
    phrase = min(len_a, len_b) <= QUOTE_FRAGMENT[1]
    return [
        blk
        for blk in sm.get_matching_blocks()
        if blk.size >= 2
        or blk.size == 1
        and (
            blk.a + 1 == len_a
            and blk.b + 1 == len_b
            or blk.a == 0
            and blk.b == 0
            or phrase
            and (0 in (blk.a, blk.b) or blk.a + 1 == len_a or blk.b + 1 == len_b)
        )
    ]


def _overlap_ops(a: list[str], b: list[str]):
    """Opcodes between a and b restricted to where they overlap (truncation is not a
    difference), and the number of words matched."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # the overlap is bounded by runs of two or more matching words, so a stray
    # "the" or "of" does not stretch it over words the other quote never had
    blocks = _anchors(sm, len(a), len(b))
    if not blocks:
        return [], 0
    a0, b0 = blocks[0].a, blocks[0].b
    a1, b1 = blocks[-1].a + blocks[-1].size, blocks[-1].b + blocks[-1].size
    if _swapped_ends(a0, b0):  # "[Our] community will…" / "[This] community will…"
        a0 = b0 = 0
    if _swapped_ends(len(a) - a1, len(b) - b1):  # "…an act of [hate]" / "…of [hatred]"
        a1, b1 = len(a), len(b)
    ops = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        # keep the parts inside [a0, a1) x [b0, b1)
        if i2 <= a0 and j2 <= b0 or i1 >= a1 and j1 >= b1:
            continue
        ops.append((tag, max(i1, a0), min(i2, a1), max(j1, b0), min(j2, b1)))
    matched = sum(blk.size for blk in blocks)
    return ops, matched


# Both tellings end (or begin) with at most this many words past their last
# (first) common run: a word swapped at the edge, not a quote cut short.
QUOTE_EDGE_SWAP = 2


def _swapped_ends(left: int, right: int) -> bool:
    """Word counts outside the common runs, on one edge of two quotes."""
    return 1 <= left <= QUOTE_EDGE_SWAP and 1 <= right <= QUOTE_EDGE_SWAP


def _same_quote(a: _Quote, b: _Quote) -> bool:
    other_speaker = bool(a.speaker and b.speaker and a.speaker != b.speaker)
    if other_speaker and min(len(a.words), len(b.words)) < QUOTE_SAME_WORDS:
        return False
    sm = difflib.SequenceMatcher(None, a.words, b.words, autojunk=False)
    blocks = [blk for blk in sm.get_matching_blocks() if blk.size >= 2]
    matched = sum(blk.size for blk in blocks)
    if matched < QUOTE_MIN_MATCH:
        return not other_speaker and _fragment_retold(a, b, sm)
    a0, a1 = blocks[0].a, blocks[-1].a + blocks[-1].size
    b0, b1 = blocks[0].b, blocks[-1].b + blocks[-1].size
    span = min(a1 - a0, b1 - b0)
    shorter = min(len(a.words), len(b.words))
    ratio = matched / max(a1 - a0, b1 - b0)
    one_swap = a1 - a0 == b1 - b0 == matched + 1  # one word replaced, none added
    if other_speaker and not (
        _told_alike(matched, ratio) or one_swap and matched >= QUOTE_SAME_WORDS
    ):
        return False
    cover = matched / shorter
    one_speaker = bool(a.speaker and a.speaker == b.speaker)
    one_statement = one_speaker and matched >= QUOTE_ONE_SPEAKER_WORDS
    least_cover = QUOTE_COVER_ONE_SPEAKER if one_statement else QUOTE_COVER
    # one speaker's long statement sharing twelve words in order is one statement
    # translated twice, however many words each translation words its own way
    least_match = (
        QUOTE_MATCH_TRANSLATED
        if one_speaker and matched >= 2 * QUOTE_ONE_SPEAKER_WORDS
        else QUOTE_MATCH
    )
    return (
        span >= QUOTE_MIN_MATCH
        and (ratio >= least_match or ratio >= QUOTE_MATCH_CONTAINED and cover >= QUOTE_CONTAINED)
        # most of the shorter quote is in the longer: not two quotes sharing a phrase
        and cover >= least_cover
    )


# One speaker's quote that shares six words or more in order with another outlet's
# quote of the same speaker is one statement told in two translations even when
# those words are only a third of it ("Through this martial law, I will rebuild
# and protect ..." / "Through the declaration of martial law, I will rebuild and
# protect ..."). Chosen on the tune half: 0.3-0.35 found three more, none lost;
# 0.25 and 0.4-0.5 found one or two.
QUOTE_ONE_SPEAKER_WORDS = 6
QUOTE_COVER_ONE_SPEAKER = 0.35
QUOTE_MATCH_TRANSLATED = 0.6


# A short phrase quoted inside an outlet's own sentence ('called it an
# "instruction which must be delivered"') is one quote with a longer telling when
# all its words but one are there, in order.
QUOTE_FRAGMENT = (4, 6)
# Words of the outlet's own around such a phrase, at least.
QUOTE_FRAGMENT_FRAME = 4


def _fragment_retold(a: _Quote, b: _Quote, sm) -> bool:
    short = min((a, b), key=lambda q: len(q.words))
    shorter = len(short.words)
    if not QUOTE_FRAGMENT[0] <= shorter <= QUOTE_FRAGMENT[1]:
        return False
    if len(short.claim.data.text.split()) < shorter + QUOTE_FRAGMENT_FRAME:
        return False  # a whole short sentence quoted: compared joined to the next
    blocks = [blk for blk in sm.get_matching_blocks() if blk.size]
    if not any(blk.size >= 2 for blk in blocks):
        return False
    # one word swapped, at most one added: the phrase and its stretch of the other run
    # about as long ("a moment of great sadness" / "a moment of the greatest sadness")
    span_a = blocks[-1].a + blocks[-1].size - blocks[0].a
    span_b = blocks[-1].b + blocks[-1].size - blocks[0].b
    return sum(blk.size for blk in blocks) >= shorter - 1 and abs(span_a - span_b) <= 1


def _told_alike(matched: int, ratio: float) -> bool:
    """Quotes attributed to two speakers are one quote when this many words match
    in order: eight with nine in ten matching, or twice that with four in five (a
    long quote with a word or two changed is still one quote)."""
    if matched >= 2 * QUOTE_SAME_WORDS:
        return ratio >= QUOTE_SAME_MATCH_LONG
    return matched >= QUOTE_SAME_WORDS and ratio >= QUOTE_SAME_MATCH


def _groups(quotes: list[_Quote]) -> list[list[_Quote]]:
    parent = list(range(len(quotes)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # candidate pairs share a word trigram (keeps this near-linear on big stories)
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        for k in {tuple(q.words[j : j + 3]) for j in range(len(q.words) - 2)}:
            index[k].append(i)
    seen = set()
    for members in index.values():
        if len(members) > 200:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in seen or find(i) == find(j):
                    continue
                seen.add((i, j))
                if _same_quote(quotes[i], quotes[j]):
                    parent[find(j)] = find(i)
    groups: dict[int, list[_Quote]] = defaultdict(list)
    for i, q in enumerate(quotes):
        groups[find(i)].append(q)
    return [g for g in groups.values() if len({q.claim.outlet for q in g}) > 1]


def _regions(ref: _Quote, others: list[_Quote]) -> list[tuple[int, int]]:
    """Reference word ranges [i, j) where some other quote differs."""
    marks = []
    for q in others:
        ops, _ = _overlap_ops(ref.words, q.words)
        for tag, i1, i2, _j1, _j2 in ops:
            if tag != "equal":
                marks.append((i1, i2))
    marks.sort()
    merged: list[list[int]] = []
    for i1, i2 in marks:
        if merged and i1 <= merged[-1][1] + QUOTE_GAP:
            merged[-1][1] = max(merged[-1][1], i2)
        else:
            merged.append([i1, i2])
    return [(a, b) for a, b in merged]


def _map_range(ref: _Quote, q: _Quote, i1: int, i2: int) -> tuple[int, int] | None:
    """The words of q aligned with ref words [i1, i2); None if q does not cover them."""
    if q is ref:
        return i1, i2
    sm = difflib.SequenceMatcher(None, ref.words, q.words, autojunk=False)
    blocks = _anchors(sm, len(ref.words), len(q.words))
    if not blocks:
        return None
    # q must have matched words on both sides of the region (or reach its ends)
    before = [blk for blk in blocks if blk.a < i1]
    after = [blk for blk in blocks if blk.a + blk.size > i2]
    first, last = blocks[0], blocks[-1]
    if before:
        lb = max(before, key=lambda blk: blk.a)
        j1 = lb.b + min(lb.size, i1 - lb.a)
    elif i1 == 0 and _swapped_ends(first.a, first.b):
        j1 = 0
    else:
        return None
    if after:
        ra = min(after, key=lambda blk: blk.a + blk.size)
        j2 = ra.b + max(0, i2 - ra.a)
    elif i2 == len(ref.words) and _swapped_ends(
        len(ref.words) - last.a - last.size, len(q.words) - last.b - last.size
    ):
        j2 = len(q.words)
    else:
        return None
    return (j1, j2) if j1 <= j2 else None


def _text_of(q: _Quote, j1: int, j2: int, pad: int) -> tuple[str, str]:
    """The quote's words j1..j2 grown by `pad` words each side, as written, and the
    same in context with the differing words in brackets."""
    a, b = max(0, j1 - pad), min(len(q.spans), j2 + pad)
    if a >= b:
        return "", ""
    start, end = word_bounds(q.text, q.spans[a][1], q.spans[b - 1][2])
    value = q.text[start:end]
    ctx_a, ctx_b = max(0, a - 4), min(len(q.spans), b + 4)
    c0 = q.spans[ctx_a][1]
    c1 = q.spans[ctx_b - 1][2]
    diff = (
        ("… " if ctx_a else "")
        + q.text[c0:start]
        + "["
        + value
        + "]"
        + q.text[end:c1]
        + (" …" if ctx_b < len(q.spans) else "")
    )
    return value, " ".join(diff.split())


def quote_flags(
    claims: list[ClaimInput], people: list[Person], aliases: list[AliasRule], order
) -> list[FlagResult]:
    quote_alias = _alias_map(aliases, "quote")
    flags = []
    quotes = _quotes(claims, people, order)
    singles = [q for q in quotes if len(q.parts) == 1]
    groups = _groups(singles)
    shorts = [
        q
        for q in _quotes(claims, people, order, retold.SHORT_MIN)
        if q.short and len(q.parts) == 1
    ]
    flags += retold_flags([*singles, *shorts], groups, quote_alias)
    flags += speaker_flags(groups, {p.canonical for p in people})
    for group in groups:
        flags += _wording_flags(group, quote_alias)
    # joined pieces are grouped among themselves, then with whole quotes too (one
    # outlet tells in two sentences what another tells in one: "The bridge is
    # currently closed. Nobody ..." / "The bridge is completely closed and nobody
    # ..."), and show only the differences in a short piece: the long one was
    # compared on its own
    joined = [q for q in quotes if len(q.parts) > 1]
    for group in _groups(joined):
        flags += _wording_flags(group, quote_alias, short_only=True)
    for group in _groups(joined + singles):
        if any(len(q.parts) > 1 for q in group) and any(len(q.parts) == 1 for q in group):
            flags += _wording_flags(group, quote_alias, short_only=True, few_words=True)
    return _dedupe(flags)


# A sentence break is where a quote told in one sentence and in two is most often
# aligned wrongly: between such tellings only a change of a few words is shown.
QUOTE_FEW_WORDS = 3


def _wording_flags(
    group: list[_Quote], quote_alias: dict, short_only=False, few_words=False
) -> list[FlagResult]:
    """One flag per stretch of the quote where tellings differ."""
    # the fullest telling (the earliest of those): differences anywhere in the
    # quote show, not only inside the words a short, early telling kept
    ref = max(group, key=lambda q: (len(q.words), -q.order))
    speaker = _group_speaker(group)
    subject_key = speaker or "unattributed"
    flags = []
    for i1, i2 in _regions(ref, [q for q in group if q is not ref]):
        spans = [(q, *m) for q in group if (m := _map_range(ref, q, i1, i2)) is not None]
        if len({q.claim.outlet for q, _, _ in spans}) < 2:
            continue
        if short_only and not any(
            len(q.parts) > 1 and _in_short_piece(q, j1, j2) for q, j1, j2 in spans
        ):
            continue
        if few_words and any(j2 - j1 > QUOTE_FEW_WORDS for _, j1, j2 in spans):
            continue
        if _optional_words_only(spans) or _same_once_joined(spans):
            continue
        spans = [sp for sp in spans if not _elided(*sp)]
        if len({q.claim.outlet for q, _, _ in spans}) < 2 or _same_once_joined(spans):
            continue
        pad = 1 if any(j1 == j2 for _, j1, j2 in spans) or i1 == i2 else 0
        items = []
        extra: dict[str, tuple[str, str]] = {}
        for q, j1, j2 in spans:
            value, diff = _text_of(q, j1, j2, pad)
            key = norm(aliased(quote_alias, subject_key, value)) if value else ""
            items.append((key, value, q.claim_at(j1)))
            extra.setdefault(key, (diff, q.text))
        variants = _variants(items)
        if len(variants) < 2:
            continue
        for v in variants:
            key = norm(aliased(quote_alias, subject_key, v.value))
            v.diff, v.quote = extra.get(key, ("", ""))
        subject = f"{speaker or 'Unattributed'}: “{_excerpt(ref, i1, i2)}”"
        if _name_spelled_apart([v.value for v in variants]):
            flag = _flag(NAME_VARIANT, subject, variants, key_subject=subject_key)
            flag.reason = "a name inside the quote spelled two ways: " + " / ".join(
                v.value for v in variants
            )
            flags.append(flag)
            continue
        flags.append(_flag(QUOTE_VARIANT, subject, variants, key_subject=subject_key))
    return flags


def _name_spelled_apart(values: list[str]) -> bool:
    """Tellings of a quote that differ only in one capitalised word spelled two
    ways ("my cousins Jenifer and ..." / "Jennifer"): a name's spelling, which a
    reviewer checks as a name, not as the speaker's wording."""
    words = [v.strip(" ,.;:") for v in values]
    if any(not w or " " in w or not w[0].isupper() for w in words):
        return False
    return all(
        a.lower() != b.lower()
        and difflib.SequenceMatcher(None, a, b).ratio() >= spellings.SPELLING
        for i, a in enumerate(words)
        for b in words[:i]
    )


def _in_short_piece(quote: _Quote, i1: int, i2: int) -> bool:
    """Words [i1, i2) touch a piece of a joined quote too short to compare alone."""
    bounds = [first for first, _ in quote.parts] + [len(quote.words)]
    return any(
        b - a < QUOTE_SAME_WORDS and i1 <= b and i2 >= a
        for a, b in zip(bounds, bounds[1:], strict=False)
    )


def retold_flags(
    quotes: list[_Quote], groups: list[list[_Quote]], quote_alias: dict
) -> list[FlagResult]:
    """One statement worded differently by two outlets (claims.analysis.retold): each
    telling whole, since the words do not align."""
    group_of = {id(q): n for n, g in enumerate(groups) for q in g}
    aligned = [group_of.get(id(q)) for q in quotes]
    tellings = [
        retold.Telling(i, q.speaker, q.claim.outlet, q.text, _quote_vector(q))
        for i, q in enumerate(quotes)
    ]
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in retold.pairs(tellings):
        if aligned[i] is not None and aligned[i] == aligned[j]:
            continue
        parent[find(j)] = find(i)
    members: dict[int, list[_Quote]] = defaultdict(list)
    for i, q in enumerate(quotes):
        members[find(i)].append(q)
    flags = []
    for group in members.values():
        if len(group) < 2 or len({q.claim.outlet for q in group}) < 2:
            continue
        speaker = group[0].speaker
        items = [
            (norm(aliased(quote_alias, speaker, q.text)), " ".join(q.text.split()), q.claim)
            for q in group
        ]
        variants = _variants(items)
        if len(variants) < 2:
            continue
        subject = f"{speaker}: “{_excerpt(group[0], 0, 0)}”"
        flags.append(_flag(QUOTE_VARIANT, subject, variants, key_subject=speaker))
    return flags


# A quotation this much of its sentence's words: the sentence's embedding is its meaning.
QUOTE_OF_SENTENCE = 0.7


def _quote_vector(q: _Quote):
    """The embedding of the quote's sentence when the quote is most of it."""
    claim = q.claim
    if claim.embedding is None or len(q.parts) > 1:
        return None
    words = len(claim.data.text.split())
    return claim.embedding if words and len(q.text.split()) >= QUOTE_OF_SENTENCE * words else None


def speaker_flags(groups: list[list[_Quote]], persons: set[str]) -> list[FlagResult]:
    """One quote that outlets put in different mouths ("said Mayor Ann Fox" /
    "Governor Tom Hale told reporters"). Only people the sentence names in full count:
    a "he said" resolved to someone may be the resolver's error, not the outlet's,
    and "the palace" or "a statement" is who published it, not another speaker."""
    flags = []
    for group in groups:
        named = [
            q
            for q in group
            if q.speaker in persons and len(name_tokens(q.speaker)) >= 2 and _names_speaker(q)
        ]
        if not _two_people({q.speaker for q in named}) or len({q.claim.outlet for q in named}) < 2:
            continue
        per_outlet = defaultdict(set)
        for q in named:
            per_outlet[q.claim.outlet].add(q.speaker)
        if any(len(speakers) > 1 for speakers in per_outlet.values()):
            continue  # one outlet gives it to two people: quoted twice, or a reply
        items = [(norm(q.speaker), q.speaker, q.claim) for q in named]
        ref = max(group, key=lambda q: (len(q.words), -q.order))
        flag = _flag(QUOTE_VARIANT, f"Who said “{_excerpt(ref, 0, 0)}”", _variants(items))
        flag.severity = CONTRADICTION
        flag.reason = "outlets attribute one quote to different people"
        flags.append(flag)
    return flags


def _two_people(speakers: set[str]) -> bool:
    """Some two of the speakers are different people, not one name spelled two
    ways ("Farida Osmanova" / "Farida Usmanova" is a name variant, flagged as such)."""
    return any(
        not (spellings.same_name(a, b) or spellings.spelling_variant(a, b))
        for i, a in enumerate(sorted(speakers))
        for b in sorted(speakers)[i + 1 :]
    )


def _names_speaker(q: _Quote) -> bool:
    """The sentence itself names the speaker (a surname at least), outside the quote."""
    text = q.claim.data.text
    at = max(0, q.start - q.claim.data.start)  # the quote's offset in its sentence
    outside = text[:at] + text[at + len(q.first_text) :]
    return any(
        re.search(rf"\b{re.escape(token)}\b", outside, re.IGNORECASE)
        for token in name_tokens(q.speaker)[-1:]
    )


def _group_speaker(group: list[_Quote]) -> str:
    """The speaker most tellings name (one outlet's "he" may resolve wrongly)."""
    named = Counter(q.speaker for q in group if q.speaker)
    return named.most_common(1)[0][0] if named else ""


# Words an outlet's transcript drops or adds without changing what was said:
# the complementiser in "it does appear (that) the victim".
OPTIONAL_QUOTE_WORDS = {"that", "and", "but", "though", "so"}


def _same_once_joined(spans) -> bool:
    """The tellings differ only in where a word is split: "mid-term" / "midterm",
    "half way" / "halfway"."""
    return (
        len(
            {
                "".join(w for w in q.words[j1:j2] if w not in OPTIONAL_QUOTE_WORDS)
                for q, j1, j2 in spans
            }
        )
        == 1
    )


def _elided(q: _Quote, j1: int, j2: int) -> bool:
    """The telling leaves these words out and marks it with an ellipsis ("…"):
    an editor's cut, not other words."""
    if j1 != j2:
        return False
    start = q.spans[j1 - 1][2] if j1 > 0 else 0
    end = q.spans[j1][1] if j1 < len(q.spans) else len(q.text)
    return bool(_ELLIPSIS.search(q.text[start:end]))


def _optional_words_only(spans) -> bool:
    """The tellings differ here only by an optional word."""
    cores = {
        tuple(w for w in q.words[j1:j2] if w not in OPTIONAL_QUOTE_WORDS) for q, j1, j2 in spans
    }
    return len(cores) == 1


def _excerpt(q: _Quote, i1: int, i2: int, words: int = 8) -> str:
    a, b = max(0, i1 - words), min(len(q.spans), i2 + words)
    if a >= b:
        return fold(q.text)[:80]
    text = q.text[q.spans[a][1] : q.spans[b - 1][2]]
    return ("…" if a else "") + " ".join(text.split()) + ("…" if b < len(q.spans) else "")


# --- figures, status, weekdays (claims.analysis.figures, .status, .weekdays) ------


def _reports(claims: list[ClaimInput], articles: dict[int, ArticleInfo]):
    return figure_pairs.reports_of(claims, articles)


def _finding_flag(
    finding: figures.Finding, kind: str, subject: str, cluster_fp: str, aliases, key_subject: str
) -> FlagResult:
    number_alias = _alias_map(aliases, "number")
    items = []
    for key, display, claim in finding.items:
        canonical = aliased(number_alias, subject, display)
        items.append((norm(canonical) if canonical != display else key, display, claim))
    flag = _flag(kind, subject, _variants(items), cluster_fp, key_subject=key_subject)
    flag.severity, flag.reason = finding.severity, finding.reason
    return flag


def figure_flags(
    label: str,
    cluster_fp: str,
    claims: list[ClaimInput],
    articles: dict[int, ArticleInfo],
    aliases: list[AliasRule],
) -> list[FlagResult]:
    """Number mismatches inside one claim cluster: same measure, values apart."""
    flags = []
    now = figures.story_year(articles)
    current = [c for c in claims if not figures.of_another_time(c, now)]
    reports = _reports(current, articles)
    for finding in figures.cluster_findings(reports) + figures.currency_findings(reports):
        flag = _finding_flag(
            finding, NUMBER_MISMATCH, label, cluster_fp, aliases, f"{cluster_fp}|{finding.key}"
        )
        if len(flag.variants) > 1:
            flags.append(flag)
    return flags


def timeline_flags(
    claims: list[ClaimInput], articles: dict[int, ArticleInfo], aliases: list[AliasRule]
) -> tuple[list[dict], list[FlagResult]]:
    """Figures that move over the story (a toll) as timelines, and the reports
    that contradict them: the same time, or beyond the final figure."""
    timelines, findings = figures.timelines(_reports(claims, articles))
    flags = []
    for finding in findings:
        subject = f"Figure: {finding.subject}"
        flag = _finding_flag(finding, NUMBER_MISMATCH, subject, "", aliases, finding.key)
        if len(flag.variants) > 1:
            flags.append(flag)
    return [t.to_dict() for t in timelines], flags


def story_figure_flags(
    claims: list[ClaimInput], articles: dict[int, ArticleInfo], aliases: list[AliasRule]
) -> list[FlagResult]:
    """Counts of one specific thing, and distances from one named place, that
    outlets give differently across the story (figures.story_findings,
    figures.bearing_findings)."""
    flags = []
    reports = _reports(claims, articles)
    for finding in figures.story_findings(reports):
        subject = f"Figure: {finding.subject}"
        key = f"story|{finding.key}"
        flag = _finding_flag(finding, NUMBER_MISMATCH, subject, "", aliases, key)
        if len(flag.variants) > 1:
            flags.append(_one_outlet_each(flag))
    for finding in figures.range_findings(reports) + figures.slip_findings(reports):
        subject = f"Figure: {finding.subject}"
        flag = _finding_flag(
            finding, NUMBER_MISMATCH, subject, "", aliases, f"story|{finding.key}"
        )
        if len(flag.variants) > 1:
            flags.append(flag)
    for finding in [
        *figures.identifier_findings(claims),
        *figures.tally_findings(claims),
        *figures.score_findings(claims),
    ]:
        flag = _finding_flag(
            finding, NUMBER_MISMATCH, f"Figure: {finding.subject}", "", aliases, finding.key
        )
        if len(flag.variants) > 1:
            flags.append(flag)
    # the direction of a distance from a named place ("72 km southwest of X")
    for finding in figures.bearing_findings(reports):
        subject = f"Place: {finding.subject}"
        flag = _flag(PLACE_MISMATCH, subject, _variants(finding.items), key_subject=finding.key)
        flag.severity, flag.reason = finding.severity, finding.reason
        flags.append(flag)
    return flags


def _one_outlet_each(flag: FlagResult) -> FlagResult:
    """Two figures, one outlet each, told in sentences the story never put together:
    on new coverage these often count two different groups ("three buildings
    collapsed" in one town, "6,217" across the country), so the flag asks for a
    look rather than stating a contradiction."""
    if len(flag.variants) == 2 and all(len(v.outlets) == 1 for v in flag.variants):
        if flag.severity == CONTRADICTION:
            flag.severity = DISCREPANCY
            flag.reason += (
                "; one outlet each, in different sentences: they may count different things"
            )
    return flag


def status_flags(claims: list[ClaimInput], articles: dict[int, ArticleInfo]) -> list[FlagResult]:
    """Legal and factual status that outlets state differently (claims.analysis.status)."""
    flags = []
    for clash in status.clashes(_read_dated(claims, articles, status.statuses)):
        items = [(r.label, r.label, r.claim) for r in clash.reports]
        subject = {
            status.ATTACKER: f"{clash.subject.capitalize()}: status",
            status.CAUSE: "Cause of the event",
            status.RESPONSIBILITY: "Claim of responsibility",
        }.get(clash.scale, f"{clash.subject or 'The event'}: {clash.scale} status")
        flag = _flag(POLARITY_MISMATCH, subject, _variants(items))
        flag.severity, flag.reason = CONTRADICTION, clash.reason
        flags.append(flag)
    flags += condition_flags(claims, articles)
    return flags + fate_flags(claims, articles) + charge_flags(claims, articles)


def condition_flags(
    claims: list[ClaimInput], articles: dict[int, ArticleInfo]
) -> list[FlagResult]:
    """One named person in danger of their life in one outlet and out of danger
    in another, at one time (claims.analysis.condition)."""
    flags = []
    for clash in condition.clashes(_read_dated(claims, articles, condition.conditions)):
        items = [(r.label, r.label, r.claim) for r in clash.reports]
        subject = f"{clash.subject}: condition"
        flag = _flag(POLARITY_MISMATCH, subject, _variants(items), key_subject=subject)
        flag.severity = CONTRADICTION if clash.same_hours else DISCREPANCY
        when = "within hours" if clash.same_hours else "the same day"
        flag.reason = f"outlets say {clash.subject} is in danger and out of danger {when}"
        flags.append(flag)
    return flags


def charge_flags(claims: list[ClaimInput], articles: dict[int, ArticleInfo]) -> list[FlagResult]:
    """What one accused is charged with (suspected of, convicted of), named as
    offences that do not fit each other by outlets (claims.analysis.charges)."""
    flags = []
    for clash in charges.clashes(_read_dated(claims, articles, charges.charges)):
        items = [(charges.describe(r.offences),) * 2 + (r.claim,) for r in clash.reports]
        who = "The suspect" if clash.subject == status.THE_SUSPECT else clash.subject
        subject = f"{who}: {clash.stage}"
        key = f"charge|{clash.stage}|{clash.subject}"
        flag = _flag(POLARITY_MISMATCH, subject, _variants(items), key_subject=key)
        flag.severity = CONTRADICTION if clash.same_time else DISCREPANCY
        flag.reason = clash.reason
        flags.append(flag)
    return flags


def _read_dated(claims: list[ClaimInput], articles: dict[int, ArticleInfo], read) -> list:
    """What `read(claim, published)` finds in each claim, with its article's date."""
    found = []
    for c in claims:
        article = articles.get(c.article_id)
        found += read(c, article.published if article else None)
    return found


def fate_flags(claims: list[ClaimInput], articles: dict[int, ArticleInfo]) -> list[FlagResult]:
    """The fate of someone unnamed, of everyone aboard, or whether anyone died,
    stated differently by outlets (claims.analysis.fates)."""
    flags = []
    for clash in fates.clashes(_read_dated(claims, articles, fates.fates)):
        items = [(r.stage, r.stage, r.claim) for r in clash.fates]
        subject = f"Fate: {clash.subject}"
        flag = _flag(
            POLARITY_MISMATCH, subject, _variants(items), key_subject=f"fate|{clash.subject}"
        )
        flag.severity, flag.reason = clash.severity, clash.reason
        flags.append(flag)
    return flags


def weekday_flags(claims: list[ClaimInput], articles: dict[int, ArticleInfo]) -> list[FlagResult]:
    """An article that writes a weekday beside a date it does not fall on."""
    flags = []
    for c in claims:
        article = articles.get(c.article_id)
        for error in weekdays.weekday_errors(c.data.text, article.published if article else None):
            day = error.day.isoformat()
            written = Variant(error.text, [c.outlet], [evidence_of(c)])
            computed = Variant(f"{day} is a {error.actual}", [], [])
            subject = f"{c.outlet}: {error.text}"
            flag = _flag(DATE_MISMATCH, subject, [written, computed], key_subject=f"{c.id}|{day}")
            flag.severity = CONTRADICTION
            flag.reason = (
                f"internal error of one article: it writes {error.written} for {day}, "
                f"which was a {error.actual}"
            )
            flags.append(flag)
    return flags


# Keys of happenings as a reviewer reads them ("broke" is the fire that broke out).
_HAPPENING_WORDS = {"broke": "broke out"}


def event_date_flags(
    claims: list[ClaimInput], articles: dict[int, ArticleInfo] | None = None
) -> list[FlagResult]:
    """One event that outlets date to days a little apart ("arrested on
    Saturday" / "arrested on Sunday"), across the story's sentences; a death
    only as one named person's (a disaster's victims die on many days). An
    article without a publication date reads its month-and-day dates
    ("derailed on February 4") in the year of the story's latest dated
    article; its weekdays are never guessed."""
    reference = _story_reference(articles or {})
    shocks = figures.other_shock_claims(claims)
    days = [
        d
        for c in claims
        for s in _event_dates(c, articles or {}, reference)
        # "yesterday's attack" in a governor's words is the day before he spoke
        if not (s.relative and _inside_quote(c, s.start))
        if (d := weekdays.event_day(c, s)) and weekdays.event_of(d.verb) != "died"
        if not _another_shocks(d.verb, c, shocks)
    ]
    flags = []
    late = _near_midnight(claims)
    for group in weekdays.day_clashes(days):
        verb = group[0].verb
        items = [(d.day, d.day, d.claim) for d in group]
        # the key stays the first verb's (a flag's identity); the words shown are the happening's
        shown = _HAPPENING_WORDS.get(weekdays.event_of(verb), weekdays.event_of(verb))
        flag = _flag(DATE_MISMATCH, f"Date: {shown}", _variants(items), key_subject=f"day|{verb}")
        if len(flag.variants) < 2:
            continue  # one day told several ways ("on Wednesday, March 11"): no clash to show
        flag.severity = CONTRADICTION
        flag.reason = f"outlets give different days for “{shown}”"
        if weekdays.event_of(verb) in late and _a_day_apart(group):
            # "10:15 p.m. Monday" where it happened is Tuesday a few time zones on
            flag.severity = DISCREPANCY
            flag.reason += ", a day apart for a happening near midnight (another time zone?)"
        flags.append(flag)
    deaths = [
        d
        for c in claims
        for d in events.death_dates(c, _event_dates(c, articles or {}, reference))
    ]
    for group in events.death_clashes(deaths):
        named = next(d.subject for d in group if d.subject)
        items = [(d.iso, d.text, d.claim) for d in group]
        subject = f"Date: death of {named.capitalize()}"
        flag = _flag(DATE_MISMATCH, subject, _variants(items), key_subject=subject)
        flag.severity = CONTRADICTION
        flag.reason = "outlets date one person's death to days or months that cannot both be"
        flags.append(flag)
    return flags


def _story_reference(articles: dict[int, ArticleInfo]) -> date | None:
    """The latest publication date of the story's articles, or None."""
    days = [a.published.date() for a in articles.values() if a.published]
    return max(days) if days else None


def _near_midnight(claims: list[ClaimInput]) -> set[str]:
    """Happenings some outlet times late at night or in the small hours ("went
    down about 10:15 p.m.", "struck late Friday", "at 1 a.m."): outlets in a
    time zone a few hours on date them to the next day, so a day's difference
    is shown as a discrepancy, not a contradiction."""
    late = set()
    for c in claims:
        for t in weekdays.event_times(c):
            start, end = t.hours
            if start >= MIDNIGHT_HOURS[0] or end > 24 or end <= MIDNIGHT_HOURS[1]:
                late.add(weekdays.event_of(t.verb))
    return late


# The hours around midnight (from 9 p.m. to 3 a.m.) in which a happening's day
# depends on the time zone it is told in.
MIDNIGHT_HOURS = (21, 3)


def _a_day_apart(group: list) -> bool:
    """All the outlets' days for one happening lie within one day of each other."""
    spans = [_date_range(e.day) for e in group]
    days = [span[0] for span in spans if span is not None and span[0] == span[1]]
    return bool(days) and (max(days) - min(days)).days <= 1


def _event_dates(claim: ClaimInput, articles: dict[int, ArticleInfo], reference) -> list:
    """The claim's dates, and for an article without a publication date its
    month-and-day dates read against the story's reference date."""
    article = articles.get(claim.article_id)
    if reference is None or article is None or article.published is not None:
        return list(claim.data.dates)
    known = {d.start for d in claim.data.dates}
    found = find_dates(claim.data.text, claim.data.start, reference)
    extra = [d for d in found if not d.relative and len(d.iso) == 10 and d.start not in known]
    told = weekdays.days_by_weekday(claim.data.text, reference)
    for slot in extra:
        slot.iso = told.get(slot.start - claim.data.start, slot.iso)
    return list(claim.data.dates) + extra


def event_place_flags(
    claims: list[ClaimInput], articles: dict[int, ArticleInfo]
) -> list[FlagResult]:
    """One event of one subject that outlets put in places of one level that
    cannot both be ("rushed to Mercy Hospital" / "taken to Saint Anne
    Hospital"); a region and a town in it, or places some sentence of the
    story names together, are no clash (claims.analysis.events)."""
    places = [p for c in claims for p in events.event_places(c)]
    texts = [a.text for a in articles.values() if a.text]
    flags = []
    for group in events.place_clashes(places, texts):
        event = group[0].event
        items = [(p.name, p.text, p.claim) for p in group]
        subject = f"Where: {event}"
        flag = _flag(PLACE_MISMATCH, subject, _variants(items), key_subject=subject)
        flag.severity = CONTRADICTION
        flag.reason = f"outlets put what was {event} in different places of one kind"
        if event in events.NEAR_EVENTS:
            flag.severity = DISCREPANCY
            flag.reason = f"outlets name different places for where it {event}"
        flags.append(flag)
    return flags


def part_flags(claims: list[ClaimInput]) -> list[FlagResult]:
    """One event's verb put in different parts of one place by different outlets
    ("struck southern Ashvale" / "struck eastern Ashvale")."""
    flags = []
    struck = [(c, p) for c in claims for p in parts.parts_struck(c.text)]
    for group in parts.part_clashes([(c.outlet, p) for c, p in struck]):
        verb = group[0][1].verb
        items = [(str(p.degrees), p.value, c) for c, p in struck if (c.outlet, p) in group]
        place = group[0][1].written
        subject = {
            parts.LIES: f"Where {place} lies",
            parts.HAPPENED: f"Where it happened: {place}",
        }.get(verb, f"Where {verb}: {place}")
        flag = _flag(PLACE_MISMATCH, subject, _variants(items))
        neighbours = parts.widest(group) <= parts.NEIGHBOUR_DEGREES
        if neighbours and verb == parts.HAPPENED:
            continue  # "in western" / "in south-western Kazakhstan": one large region
        flag.severity = DISCREPANCY if neighbours else CONTRADICTION
        flag.reason = {
            parts.LIES: f"outlets put {place} in different parts of its country",
            parts.HAPPENED: f"outlets put the happening in different parts of {place}",
        }.get(verb, f"outlets say it {verb} different parts of one place")
        flags.append(flag)
    return flags


def event_weekday_flags(claims: list[ClaimInput]) -> list[FlagResult]:
    """One event of one subject that outlets put on different weekdays ("made
    landfall late Wednesday night" / "late Thursday"); a weekday is resolved
    only from the article's own dates, never guessed (claims.analysis.events)."""
    days = []
    for c in claims:
        resolved = {
            d.start: d.iso
            for d in c.data.dates
            if not d.is_dateline and len(d.iso or "") == 10 and _date_range(d.iso)
        }
        days += events.event_days(c, resolved)
    flags = []
    for group in events.day_clashes(days):
        event = group[0].event
        items = [(d.weekday, d.text, d.claim) for d in group]
        subject = f"Day: {event}"
        flag = _flag(DATE_MISMATCH, subject, _variants(items), key_subject=subject)
        flag.severity = CONTRADICTION
        flag.reason = f"outlets put what was {event} on different days of the week"
        flags.append(flag)
    killings = [k for c in claims for k in events.killing_dates(c)]
    for group in events.killing_clashes(killings):
        items = [(f"{k.month}-{k.day}", k.text, k.claim) for k in group]
        flag = _flag(DATE_MISMATCH, "Day: killing", _variants(items), key_subject="Day: killing")
        flag.severity = CONTRADICTION
        flag.reason = "outlets date one person's killing to different days"
        flags.append(flag)
    return flags


# Words every dated sentence shares: they do not make two sentences one fact.
_DATE_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "year", "day", "date",
}  # fmt: skip
# Content words two sentences must share to be about one dated fact.
DATE_SLIP_SHARED = 2


def date_slip_flags(claims: list[ClaimInput]) -> list[FlagResult]:
    """One dated fact whose day an outlet wrote with a digit added, dropped or
    swapped ("February 26, 1952" / "6 February 1952"): full dates with their
    year, in one month, in sentences sharing what happened. Days further
    apart than a slip, or told by the same outlet, are two facts."""
    dated = []
    for c in claims:
        for d in c.data.dates:
            if d.relative or d.is_dateline or len(d.iso) != 10 or not _YEAR.search(d.text):
                continue
            dated.append((c, d))
    given: dict[str, set[str]] = defaultdict(set)
    for c, d in dated:
        given[c.outlet].add(d.iso)
    flags, seen = [], set()
    for i, (a, da) in enumerate(dated):
        for b, db in dated[i + 1 :]:
            if a.outlet == b.outlet:
                continue
            day_slip = da.iso[:7] == db.iso[:7] and _digit_slip(
                da.iso[8:].lstrip("0"), db.iso[8:].lstrip("0")
            )
            year_slip = _year_slip(a, da, b, db, given)
            if not (day_slip or year_slip):
                continue
            shared = (set(a.data.key_terms) & set(b.data.key_terms)) - _DATE_WORDS
            key = frozenset((da.iso, db.iso))
            if len(shared) < DATE_SLIP_SHARED or key in seen:
                continue
            seen.add(key)
            told = [(c, d) for c, d in dated if d.iso in key and _shares_fact(c, a, b)]
            flags.append(_date_slip_flag(told, da, year_slip))
    return flags


def _shares_fact(c: ClaimInput, *others: ClaimInput) -> bool:
    """c's sentence shares what happened with one of the others' (or is one)."""
    return any(
        c is o
        or len((set(c.data.key_terms) & set(o.data.key_terms)) - _DATE_WORDS) >= DATE_SLIP_SHARED
        for o in others
    )


def _date_slip_flag(told: list, da, year_slip: bool) -> FlagResult:
    """Every outlet giving one of the two days of the fact, in sentences sharing it."""
    items = [(d.iso, d.text, c) for c, d in told]
    day = date.fromisoformat(da.iso)
    subject = "Date slip: " + (day.strftime("%d %B") if year_slip else day.strftime("%B %Y"))
    flag = _flag(DATE_MISMATCH, subject, _variants(items), key_subject=subject)
    flag.severity = CONTRADICTION
    flag.reason = (
        "outlets give one day of the year in different years"
        if year_slip
        else "one outlet's day differs by a digit added, dropped or swapped"
    )
    return flag


# Words of a sentence that dates a day by another: a year on, a memorial.
_ANOTHER_YEAR = re.compile(
    r"\b(?:anniversary|anniversaries|years? (?:ago|after|later|on|earlier|before)|"
    r"memorial|remember(?:s|ed)?|commemorat\w*)\b",
    re.IGNORECASE,
)


def _year_slip(a: ClaimInput, da, b: ClaimInput, db, given: dict[str, set[str]]) -> bool:
    """One day of the year written in two years by two outlets ("June 12, 2016" /
    "June 12, 1986"), neither of which gives the other's (an outlet writing both
    tells of a day and its anniversary), in sentences not about another year's."""
    if da.iso[5:] != db.iso[5:] or da.iso[:4] == db.iso[:4]:
        return False
    if db.iso in given[a.outlet] or da.iso in given[b.outlet]:
        return False
    return not any(_ANOTHER_YEAR.search(c.data.text) for c in (a, b))


_YEAR = re.compile(r"\b\d{4}\b")
# Words of a sentence about what is yet to happen: its dates may lie ahead.
_AHEAD = re.compile(
    r"\b(?:will|would|shall|is to|are to|scheduled|expected|due|plans?|until|by|next)\b", re.I
)


def month_slip_flags(
    claims: list[ClaimInput], articles: dict[int, ArticleInfo]
) -> list[FlagResult]:
    """One dated fact whose month an outlet wrote one too late: a day its
    article narrates as past yet dates after its own publication ("before
    going in July 23" in a paper of 3 July), where another outlet gives the
    same day of the month before, in a sentence sharing what happened."""
    reference = _story_reference(articles)
    late, others = [], []
    for c in claims:
        article = articles.get(c.article_id)
        published = article.published.date() if article and article.published else None
        for d in _event_dates(c, articles, reference):
            if d.relative or d.is_dateline or len(d.iso) != 10 or not _date_range(d.iso):
                continue
            others.append((c, d))
            ahead = _AHEAD.search(c.data.text)
            if published and date.fromisoformat(d.iso) > published and not ahead:
                late.append((c, d))
    flags, seen = [], set()
    for a, da in late:
        day = date.fromisoformat(da.iso)
        before = (day.replace(day=1) - timedelta(days=1)).replace(day=1)
        want = f"{before.isoformat()[:7]}-{da.iso[8:]}"
        for b, db in others:
            if b.outlet == a.outlet or db.iso != want:
                continue
            shared = (set(a.data.key_terms) & set(b.data.key_terms)) - _DATE_WORDS
            if len(shared) < DATE_SLIP_SHARED or da.iso in seen:
                continue
            seen.add(da.iso)
            items = [(da.iso, da.text, a), (db.iso, db.text, b)]
            subject = f"Date slip: {day.strftime('%d %B %Y')}"
            flag = _flag(DATE_MISMATCH, subject, _variants(items), key_subject=subject)
            flag.severity = CONTRADICTION
            flag.reason = (
                "one outlet dates a past fact after its own publication, a month "
                "after the day other outlets give"
            )
            flags.append(flag)
    return flags


def _digit_slip(a: str, b: str) -> bool:
    """ "26" / "6", "12" / "21": one digit more or fewer, or two swapped."""
    if a == b or not a or not b:
        return False
    if len(a) == len(b):
        return len(a) == 2 and a == b[::-1]
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and any(
        long_[:k] + long_[k + 1 :] == short for k in range(len(long_))
    )


def _one_outlets_offices(comparison) -> bool:
    """Two different offices that only one outlet's page gives ("King Salman",
    then "Prince Salman" for his son): every outlet giving the other office gives
    the main one too, so no outlets disagree. Two names of one office stay shown
    whoever gives them (a page's own "Defence Secretary" beside the "Secretary of
    War" of a post it embeds)."""
    if comparison.severity != CONTRADICTION:
        return False
    main = set(comparison.groups[0].outlets)
    return all(set(g.outlets) <= main for g in comparison.groups[1:])


def _another_shocks(verb: str, claim: ClaimInput, shocks: set[int]) -> bool:
    """A quake's day or time told in a sentence whose magnitude is an
    aftershock's ("A 4.7 magnitude quake hit around 0800 GMT on Tuesday")."""
    return weekdays.event_of(verb) == "struck" and id(claim) in shocks


def event_time_flags(claims: list[ClaimInput]) -> list[FlagResult]:
    """One event that outlets put at times of day that cannot meet ("struck at
    11am" / "struck on Saturday night"), across the story's sentences."""
    shocks = figures.other_shock_claims(claims)
    times = weekdays.pronoun_starts(
        [
            t
            for c in claims
            for t in weekdays.event_times(c)
            if not _another_shocks(t.verb, c, shocks)
        ]
    )
    several = weekdays.several_happenings([c.data.text for c in claims])
    flags = []
    for group in weekdays.time_clashes(times, several):
        verb = group[0].verb
        # a clock time is its own value: "8:10 p.m." and "8:35 p.m." share their hour
        items = [
            (f"{t.clock if t.clock is not None else t.hours}", t.text, t.claim) for t in group
        ]
        flag = _flag(DATE_MISMATCH, f"Time: {verb}", _variants(items), key_subject=f"time|{verb}")
        minutes = weekdays.minutes_apart(group)
        if minutes is not None:
            flag.severity = DISCREPANCY
            flag.reason = f"outlets give times for “{verb}” up to {minutes} minutes apart"
        elif weekdays.approximate(group):
            flag.severity = DISCREPANCY
            flag.reason = (
                f"outlets give times for “{verb}” an hour or more apart, one time approximate"
            )
        else:
            flag.severity = CONTRADICTION
            flag.reason = f"outlets give different times of day for “{verb}”"
        flags.append(flag)
    return flags


def spelling_flags(
    people: list[Person],
    claims: list[ClaimInput],
    aliases: list[AliasRule],
    claim_cluster: dict[int, str] | None = None,
    articles: dict[int, ArticleInfo] | None = None,
) -> list[FlagResult]:
    """One person spelled two ways that the people builder kept apart
    ("Saeed Saleh" / "Saheed Saleh"): a name variant, unless an alias joins them."""
    name_alias = _alias_map(aliases, "name")
    by_id = {c.id: c for c in claims}
    texts = [c.data.text for c in claims]
    pages = [f"{a.title}\n{a.text}" for a in (articles or {}).values()]
    flags = []
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            if set(a.outlets) == set(b.outlets):
                continue
            other_first = _one_role_other_first_name(a, b, claim_cluster or {}, texts, pages)
            if not (other_first or spellings.spelling_variant(a.canonical, b.canonical)):
                continue
            if norm(aliased(name_alias, a.canonical, b.canonical)) == norm(a.canonical) or norm(
                aliased(name_alias, b.canonical, a.canonical)
            ) == norm(b.canonical):
                continue
            variants = [
                Variant(
                    p.canonical,
                    list(p.outlets),
                    [evidence_of(by_id[c]) for c in p.claim_ids if c in by_id][:5],
                )
                for p in (a, b)
            ]
            variants.sort(key=lambda v: (-len(v.outlets), v.value))
            subject = variants[0].value
            flag = _flag(NAME_VARIANT, subject, variants)
            flag.severity = DISCREPANCY
            flag.reason = f"one person spelled two ways: {a.canonical} / {b.canonical}"
            if other_first:
                flag.reason = (
                    f"one surname and two first names for one post or one fact told: "
                    f"{a.canonical} / {b.canonical}"
                )
            flags.append(flag)
    return flags


def _one_role_other_first_name(
    a: Person,
    b: Person,
    claim_cluster: dict[int, str],
    texts: list[str],
    pages: list[str] = (),
) -> bool:
    """ "Speaker Jacob Marundo" / "John Marundo, the speaker": one surname, two
    first names that are not one name (no nickname, no initial), never written
    by one outlet, and a post both are given or one fact both are told in (a
    claim cluster): an outlet got the first name wrong. Two relatives share a
    surname, seldom a post or a fact told by different outlets."""
    ta, tb = name_tokens(a.canonical), name_tokens(b.canonical)
    if len(ta) != 2 or len(tb) != 2 or ta[1] != tb[1] or ta[0] == tb[0]:
        return False
    if min(len(ta[0]), len(tb[0])) < 3 or set(a.outlets) & set(b.outlets):
        return False
    if (
        same_person(a.canonical, b.canonical)
        or _spelled_alike(ta[0], tb[0])
        or spellings.short_form(ta[0], tb[0])
    ):
        return False  # a nickname ("Bill" / "William", "Abu" / "Abubakar") or a spelling
    if _middle_name(ta[0], tb[0], ta[1], [*a.names, *b.names], texts):
        return False  # "Nikolas Jacob Cruz": one name is the other's middle name
    if _named_together(a.canonical, b.canonical, [*texts, *pages]):
        return False  # one page names both: two people of one family name
    facts_a = {claim_cluster[c] for c in a.claim_ids if claim_cluster.get(c)}
    facts_b = {claim_cluster[c] for c in b.claim_ids if claim_cluster.get(c)}
    return bool(_posts(a) & _posts(b) or facts_a & facts_b)


def _named_together(x: str, y: str, texts: list[str]) -> bool:
    """ "The panel: Mara Okonjo, a geologist, ... and Tessa Okonjo": both names
    on one page, whatever outlet's people they were read into."""
    fx, fy = fold(x), fold(y)
    return any(fx in t and fy in t for t in map(fold, texts))


def _spelled_alike(x: str, y: str) -> bool:
    """ "Alexei" / "Alexey", "Mohamed" / "Mohammed": one first name spelled two ways."""
    return difflib.SequenceMatcher(None, x, y).ratio() >= FIRST_NAME_ALIKE


# Two first names this alike (difflib ratio) are one name spelled two ways.
FIRST_NAME_ALIKE = 0.75


def _middle_name(x: str, y: str, surname: str, written: list[str], texts: list[str]) -> bool:
    """One first name stands as the other's middle name somewhere ("Salvador
    Rolando Ramos", "Kenneth F. McKenzie" beside "Frank McKenzie")."""
    for first, other in ((x, y), (y, x)):
        pattern = re.compile(
            rf"\b{re.escape(first)}\s+(?:{re.escape(other)}|{re.escape(other[0])}\.?)\s+"
            rf"(?:[a-z]\.\s+)?{re.escape(surname)}\b",
            re.IGNORECASE,
        )
        if any(pattern.search(fold(t)) for t in [*written, *texts]):
            return True
    return False


def _posts(person: Person) -> set[str]:
    """The office words of the person's titles ("speaker" of "Parliament speaker")."""
    return {
        word
        for t in person.titles
        if not titles.is_descriptive(t.value)
        for word in titles.key_of(t.value).split()
        if word in titles.OFFICE_WORDS
    }


def listed_spelling_flags(
    people: list[Person],
    articles: dict[int, ArticleInfo],
    aliases: list[AliasRule],
) -> list[FlagResult]:
    """A name spelled two ways where one spelling stands in a list of names with
    ages ("Dana Whitfield, 39;" / "Dana Whitfeld - 39"), or in prose with a
    rare surname or first name of a known person ("Dullas Alahapperuma", whose
    "Dallas" NER read as a city), which the claims, and so the people, seldom
    hold. Pairs of two known people are spelling_flags'."""
    name_alias = _alias_map(aliases, "name")
    known = {spellings.spelling_key(p.canonical) for p in people}
    spelled: dict[str, dict] = {}
    for person in people:
        key = spellings.spelling_key(person.canonical)
        entry = spelled.setdefault(key, _spelling(person.canonical))
        entry["outlets"].update(person.outlets)
    listed = {a.id: spellings.listed_names(a.text) for a in articles.values()}
    # A name NER missed everywhere but one outlet lists with an age is known too:
    # other outlets' prose is searched for its spellings.
    canonicals = [p.canonical for p in people] + [
        n for found in listed.values() for n, _, _ in found
    ]
    for article in articles.values():
        found = list(listed[article.id])
        found += spellings.written_names(article.text, canonicals)
        for name, start, end in found:
            entry = spelled.setdefault(spellings.spelling_key(name), _spelling(name))
            entry["outlets"].add(article.outlet)
            entry["listed"] = True
            if len(entry["evidence"]) < 5:
                entry["evidence"].append(
                    Evidence(article.id, _line_of(article.text, start, end), start, end)
                )
    entries = list(spelled.items())
    # every spelling of one name in one flag: "Mahinda" / "Mahida" / "Mahindaa"
    pairs = (
        (i, j)
        for i, (key_a, a) in enumerate(entries)
        for j, (key_b, b) in enumerate(entries)
        if i < j and _listed_pair(key_a, a, key_b, b, known, name_alias)
    )
    flags = []
    for group in joined_groups(len(entries), pairs):
        members = [entries[i][1] for i in group]
        if len(members) < 2:
            continue
        variants = [Variant(e["name"], sorted(e["outlets"]), e["evidence"]) for e in members]
        variants.sort(key=lambda v: (-len(v.outlets), v.value))
        flag = _flag(NAME_VARIANT, variants[0].value, variants)
        flag.severity = DISCREPANCY
        flag.reason = "one person spelled differently, one spelling in a list of names: " + (
            " / ".join(v.value for v in variants)
        )
        flags.append(flag)
    return flags


def _listed_pair(key_a: str, a: dict, key_b: str, b: dict, known: set, name_alias) -> bool:
    """Two spellings worth a flag: one of them found in a list or in prose (not
    two known people, spelling_flags' pairs), written by different outlets."""
    if not (a["listed"] or b["listed"]) or (key_a in known and key_b in known):
        return False
    if a["outlets"] == b["outlets"] or not _minority_slip(a["outlets"], b["outlets"]):
        return False  # outlets that all write both spellings see no difference
    if not spellings.spelling_variant(a["name"], b["name"]):
        return False
    return not (
        norm(aliased(name_alias, a["name"], b["name"])) == norm(a["name"])
        or norm(aliased(name_alias, b["name"], a["name"])) == norm(b["name"])
    )


def org_name_flags(
    claims: list[ClaimInput], people: list[Person], aliases: list[AliasRule]
) -> list[FlagResult]:
    """A name other than a person's spelled two ways by outlets ("Nordvik Shiping
    Lines" / "Nordvik Shipping Lines", "National Tarvani Jamaat" / "National
    Tarwani Jamaat"): runs of capitalised words, which the small NER model often
    leaves untagged or cuts short; people's names are the people flags'."""
    name_alias = _alias_map(aliases, "name")
    # a run holding a known person's surname is that person's name or title
    persons = {
        w for p in people for n in [p.canonical, *p.names] for w in spellings.tokens(n)[-1:]
    }
    common = {w for c in claims for w in re.findall(r"\b[a-z]{4,}\b", c.data.text)}
    written: dict[str, dict] = {}
    for c in claims:
        for name in spellings.capitalised_runs(c.data.text):
            key = " ".join(spellings.org_tokens(name))
            if not key or persons & set(spellings.tokens(name)):
                continue
            entry = written.setdefault(key, {"names": Counter(), "outlets": set(), "claims": []})
            entry["names"][name] += 1
            entry["outlets"].add(c.outlet)
            entry["claims"].append(c)
    # a differing word must start with the same letter: compare within one initials key
    buckets: dict[str, list[tuple[dict, str]]] = defaultdict(list)
    for key, entry in written.items():
        buckets["".join(w[0] for w in key.split())].append(
            (entry, entry["names"].most_common(1)[0][0])
        )
    flags = []
    for bucket in buckets.values():
        for i, (a, name_a) in enumerate(bucket):
            for b, name_b in bucket[i + 1 :]:
                if not spellings.org_variant(name_a, name_b, common):
                    continue
                if a["outlets"] == b["outlets"] or not _minority_slip(a["outlets"], b["outlets"]):
                    continue
                if norm(aliased(name_alias, name_a, name_b)) == norm(name_a) or norm(
                    aliased(name_alias, name_b, name_a)
                ) == norm(name_b):
                    continue
                items = [(n, n, c) for n, e in ((name_a, a), (name_b, b)) for c in e["claims"]]
                flag = _flag(NAME_VARIANT, f"Name: {name_a}", _variants(items))
                flag.severity = DISCREPANCY
                flag.reason = f"outlets spell a name two ways: {name_a} / {name_b}"
                flags.append(flag)
    return flags


def doubled_letter_flags(
    people: list[Person], claims: list[ClaimInput], aliases: list[AliasRule]
) -> list[FlagResult]:
    """One person's name written by a lone outlet with a consonant single where
    three or more outlets double it, or the other way ("Emanuel" / "Emmanuel",
    "Abate" / "Abbate"): a slip. The people builder takes the two for one name,
    since romanisations differ so too ("Mohamed" / "Mohammed"); those are each
    written by several outlets, and an alias joins a family the admin lists."""
    name_alias = _alias_map(aliases, "name")
    by_id = {c.id: c for c in claims}
    written = [(name, set(outlets), p) for p in people for name, outlets in p.names.items()]
    flags = []
    for i, (a, outlets_a, person_a) in enumerate(written):
        for b, outlets_b, person_b in written[i + 1 :]:
            if not spellings.doubled_apart(a, b):
                continue
            small, large = sorted((outlets_a, outlets_b), key=len)
            if len(small) != 1 or len(large) < DOUBLED_MAJORITY or small <= large:
                continue
            if norm(aliased(name_alias, a, b)) == norm(a) or norm(
                aliased(name_alias, b, a)
            ) == norm(b):
                continue
            told = ((a, outlets_a, person_a), (b, outlets_b, person_b))
            flags.append(_doubled_flag(told, by_id))
    return flags


# Outlets writing a name's usual spelling, at least, for a lone outlet's other one
# to be its slip.
DOUBLED_MAJORITY = 3


def _doubled_flag(told, by_id) -> FlagResult:
    variants = []
    for name, outlets, person in told:
        evidence = [
            evidence_of(by_id[c])
            for c in person.claim_ids
            if c in by_id and name in by_id[c].data.text and by_id[c].outlet in outlets
        ]
        variants.append(Variant(name, sorted(outlets), evidence[:5]))
    variants.sort(key=lambda v: (-len(v.outlets), v.value))
    flag = _flag(NAME_VARIANT, variants[0].value, variants)
    flag.severity = DISCREPANCY
    flag.reason = (
        f"one outlet writes a letter single or doubled where the others do not: "
        f"{variants[0].value} / {variants[1].value}"
    )
    return flag


def _minority_slip(a: set[str], b: set[str]) -> bool:
    """Two spellings' outlets: each has an outlet of its own, or one spelling is
    one outlet's slip ("Rosenbuam" once in an article that writes "Rosenbaum"
    too) where two or more outlets write the other."""
    if not (a <= b or b <= a):
        return True
    small, large = sorted((a, b), key=len)
    return len(small) == 1 and len(large) >= 3


def surname_slip_flags(
    people: list[Person], articles: dict[int, ArticleInfo], aliases: list[AliasRule]
) -> list[FlagResult]:
    """A known person's surname written alone a letter or two off ("McGraw said"
    where the story's outlets write "Steve McCraw"): a name variant, even when the
    outlet writes the right spelling elsewhere too, since a reader may take the
    slip for another person."""
    name_alias = _alias_map(aliases, "name")
    known = [p.canonical for p in people] + [n for p in people for n in p.names]
    texts = {a.id: a.text for a in articles.values()}
    slips: dict[tuple[str, str], list[tuple[int, int, int]]] = defaultdict(list)
    for surname, written, article_id, start, end in spellings.surname_slips(texts, known):
        slips[(surname, written)].append((article_id, start, end))
    flags = []
    for (surname, written), places in slips.items():
        if all(_foreign(articles[i]) for i, _, _ in places):
            continue  # "Szkripal" in a Hungarian page: a transliteration, not a slip
        owner = next((p.canonical for p in people if p.canonical.endswith(surname)), surname)
        if norm(aliased(name_alias, owner, written)) == norm(surname):
            continue  # the reviewers listed the two spellings as one name
        right = _written_by(surname, articles)
        if len({articles[i].outlet for i, _, _ in right}) < 2:
            continue  # a surname one outlet writes is not yet the known spelling
        variants = [_spelling_variant(surname, right, articles)]
        variants.append(_spelling_variant(written, places, articles))
        flag = _flag(NAME_VARIANT, owner, variants)
        flag.severity = DISCREPANCY
        flag.reason = f"a surname written a letter or two off: {surname} / {written}"
        flags.append(flag)
    return flags


def _foreign(article: ArticleInfo) -> bool:
    return is_foreign(detect_language(f"{article.title}\n{article.text}"))


def unshown_slips(slips: list[FlagResult], flags: list[FlagResult]) -> list[FlagResult]:
    """Surname slips a name-variant flag on the full names already shows
    ("Fergus McAllister" / "Fergus MacAllister" holds "McAllister" / "MacAllister")."""
    shown = [
        {v.value.split()[-1] for v in f.variants if v.value.split()}
        for f in flags
        if f.kind == NAME_VARIANT
    ]
    return [
        slip
        for slip in slips
        if not any({v.value for v in slip.variants} <= surnames for surnames in shown)
    ]


def _written_by(word: str, articles: dict[int, ArticleInfo]) -> list[tuple[int, int, int]]:
    pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    found = [(a.id, m) for a in articles.values() for m in pattern.finditer(a.text)]
    return [(article_id, m.start(), m.end()) for article_id, m in found]


def _spelling_variant(value: str, places, articles: dict[int, ArticleInfo]) -> Variant:
    outlets = sorted({articles[i].outlet for i, _, _ in places})
    evidence = [_sentence_at(i, articles[i].text, s, e) for i, s, e in places[:5]]
    return Variant(value, outlets, evidence)


def _sentence_at(article_id: int, text: str, start: int, end: int) -> Evidence:
    """The sentence around a word, as evidence (a line break or ". " ends it)."""
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    return Evidence(article_id, text[left:right][:300], left, right)


def _spelling(name: str) -> dict:
    return {"name": name, "outlets": set(), "evidence": [], "listed": False}


def age_flags(
    people: list[Person], articles: dict[int, ArticleInfo], aliases: list[AliasRule]
) -> list[FlagResult]:
    """One person given different ages by different outlets ("Dana Whitfield, 39" /
    "38-year-old Dana Whitfield"). Names are matched to the story's people, so
    "Dana Whitfield" and "Dana J. Whitfield" are one person."""
    number_alias = _alias_map(aliases, "number")
    by_person: dict[str, dict[int, dict]] = {}
    named = {a.id: ages.stated_ages(a.text) for a in articles.values()}
    surnames = _lone_surnames(people)
    for surname in _shared_surnames(name for found in named.values() for name, *_ in found):
        surnames.pop(surname, None)  # "William Young, 44" and "Aaron Young, 14": "Young (44)"?
    written = {**surnames, **{p.canonical: p.canonical for p in people if " " in p.canonical}}
    for article in articles.values():
        stated = [
            (_person_named(name, people), age, s, e) for name, age, s, e in named[article.id]
        ]
        spans = [(s, e) for _, _, s, e in stated]
        for name, age, start, end in ages.surname_ages(article.text, tuple(surnames)):
            if not any(s < end and start < e for s, e in spans):
                stated.append((surnames[name], age, start, end))
                spans.append((start, end))
        for who, age, start, end in ages.sentence_ages(article.text, written):
            if not any(s <= start < e or start <= s < end for s, e in spans):
                stated.append((who, age, start, end))
        for statement in stated:
            _add_age(by_person, article, *statement)
    for article in articles.values():
        for who, age, start, end in ages.referred_ages(article.text, written):
            # "the 93-year-old" may be the one the copy is about, not the last named
            if any(abs(age - known) <= NEAR_AGE for known in by_person.get(who, {})):
                _add_age(by_person, article, who, age, start, end)
    flags = []
    for who, stated in by_person.items():
        values = {norm(aliased(number_alias, who, str(age))) for age in stated}
        outlets = {o for entry in stated.values() for o in entry["outlets"]}
        if len(values) < 2 or len(outlets) < 2 or not _ages_clash(stated):
            continue
        variants = [Variant(str(age), e["outlets"], e["evidence"]) for age, e in stated.items()]
        variants.sort(key=lambda v: (-len(v.outlets), v.value))
        flag = _flag(NUMBER_MISMATCH, f"Age: {who}", variants)
        flag.severity = DISCREPANCY
        flag.reason = f"outlets give {who} different ages: " + " / ".join(
            v.value for v in variants
        )
        flags.append(flag)
    return flags


# An age read from "the N-year-old" counts only this near an age stated with the
# name: a birthday, a slip or a wrong year, never another person's age.
NEAR_AGE = 3


def _add_age(by_person: dict, article: ArticleInfo, who: str, age: int, start: int, end: int):
    entry = by_person.setdefault(who, {}).setdefault(
        age, {"outlets": [], "evidence": [], "told": []}
    )
    entry["told"].append(article.published)
    if article.outlet not in entry["outlets"]:
        entry["outlets"].append(article.outlet)
    if len(entry["evidence"]) < 5:
        line = _line_of(article.text, start, end)
        entry["evidence"].append(Evidence(article.id, line, start, end))


def order_flags(claims: list[ClaimInput]) -> list[FlagResult]:
    """One thing given two places in an order by two outlets ("the fourth-largest
    city" / "the third-largest city", claims.analysis.ordinals)."""
    places = [p for c in claims for p in ordinals.places_in_order(c)]
    flags = []
    for group in ordinals.clashes(places):
        key = group[0].key
        named = next((p.name for p in group if p.name), "")
        subject = f"Place in order: {named + ', ' if named else ''}{key}"
        items = [(str(p.rank), p.text, p.claim) for p in group]
        flag = _flag(NUMBER_MISMATCH, subject, _variants(items), key_subject=subject)
        flag.severity = DISCREPANCY
        flag.reason = f"outlets rank {named or 'one ' + key.split()[-1]} differently"
        flags.append(flag)
    return flags


def rank_flags(people: list[Person], articles: dict[int, ArticleInfo]) -> list[FlagResult]:
    """One person given two ranks by two outlets ("Capt. Dana Ruiz" / "Lt. Dana
    Ruiz", claims.analysis.ranks); a rank told in full and shortened is one, and
    reports half a year apart may tell a promotion."""
    written = {**_lone_surnames(people), **{p.canonical: p.canonical for p in people}}
    written = {name: who for name, who in written.items() if len(name) >= MIN_LONE_SURNAME}
    told: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for article in articles.values():
        for who, rank, start, end in ranks.ranks_told(article.text, written):
            told[who][rank].append(
                (article, Evidence(article.id, _line_of(article.text, start, end), start, end))
            )
    flags = []
    for who, by_rank in told.items():
        clash = _rank_clash(by_rank)
        if clash is None:
            continue
        variants = [
            Variant(
                rank,
                sorted({a.outlet for a, _ in by_rank[rank]}),
                [e for _, e in by_rank[rank]][:5],
            )
            for rank in clash
        ]
        flag = _flag(TITLE_MISMATCH, f"Rank: {who}", variants, key_subject=f"{who}|rank")
        flag.severity = DISCREPANCY
        flag.reason = f"outlets give {who} different ranks: " + " / ".join(clash)
        flags.append(flag)
    return flags


# Ranks told this many days apart may be one person before and after a promotion.
RANK_SAME_TIME_DAYS = 180


def _rank_clash(by_rank: dict[str, list]) -> tuple[str, str] | None:
    """Two ranks that are not one, told by different outlets at about one time."""
    ranks_told = sorted(by_rank)
    for i, a in enumerate(ranks_told):
        for b in ranks_told[i + 1 :]:
            if ranks.ranks_agree(a, b):
                continue
            for x, _ in by_rank[a]:
                for y, _ in by_rank[b]:
                    if x.outlet == y.outlet:
                        continue
                    if (
                        x.published
                        and y.published
                        and abs((x.published - y.published).days) > RANK_SAME_TIME_DAYS
                    ):
                        continue
                    return a, b
    return None


def _ages_clash(stated: dict[int, dict]) -> bool:
    """Whether two of a person's stated ages cannot both be true on the days they
    were told (an undated page's age is held as written)."""
    told = [(age, when) for age, entry in stated.items() for when in set(entry["told"])]
    return any(ages.ages_clash(a, b) for i, a in enumerate(told) for b in told[:i])


# "Abe, 67," and "Rush, 61," are ages as surely as "Whitfield, 39,": the pattern
# (a capitalised surname the story's people carry, a comma, an age) is narrow.
MIN_LONE_SURNAME = 3
MAX_ACRONYM = 5


def _shared_surnames(names) -> set[str]:
    """Surnames written with an age beside two first names that are no spelling of
    one another: two people of one family."""
    firsts: dict[str, set[str]] = defaultdict(set)
    for name in names:
        words = name.split()
        if len(words) >= 2:
            firsts[words[-1]].add(words[0])
    return {
        surname
        for surname, given in firsts.items()
        if any(
            not spellings.spelling_variant(f"{a} {surname}", f"{b} {surname}")
            for a in given
            for b in given
            if a < b
        )
    }


def _lone_surnames(people: list[Person]) -> dict[str, str]:
    """Surname -> person, for surnames of at least MIN_LONE_SURNAME letters that one person
    of the story carries, or that one person carries in twice as many outlets as
    anyone else ("Whitfield" alone stands for Dana Whitfield)."""
    owners: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        words = person.canonical.split()
        surname = words[-1] if len(words) >= 2 else ""
        # "RCMP" of a "Nova Scotia RCMP" the parser took for a person is no surname
        acronym = surname.isupper() and len(surname) <= MAX_ACRONYM
        if len(surname) >= MIN_LONE_SURNAME and surname[0].isupper() and not acronym:
            owners[words[-1]].append(person)
    out = {}
    for surname, carriers in sorted(owners.items()):
        carriers.sort(key=lambda p: -len(p.outlets))
        if len(carriers) == 1 or len(carriers[0].outlets) > 2 * len(carriers[1].outlets):
            out[surname] = carriers[0].canonical
    return out


def _person_named(name: str, people: list[Person]) -> str:
    """The story's person a written name stands for, else its last two words. A
    rank or title the pattern took in front ("Class Saman Kunan" of "Petty
    Officer 2nd Class Saman Kunan") is dropped word by word until a name fits."""
    words = name.split()
    if len(words) == 1:
        # a first name alone ("his daughter Mila"): the one person of the story it begins
        owners = {p.canonical for p in people if p.canonical.split()[:1] == [name]}
        return owners.pop() if len(owners) == 1 else name
    for first in range(len(words) - 1):
        written = " ".join(words[first:])
        for person in people:
            known = [person.canonical, *person.names]
            if any(same_person(written, k) for k in known):
                return person.canonical
    return " ".join(words[-2:])


def _line_of(text: str, start: int, end: int) -> str:
    """The line (or list item) a listed name stands in, for the reviewer."""
    left = max(text.rfind("\n", 0, start), text.rfind(";", 0, start)) + 1
    stops = [i for i in (text.find("\n", end), text.find(";", end)) if i >= 0]
    right = min(stops) if stops else len(text)
    return text[left:right].strip()[:300]


# Severity of a flag whose comparison did not set one, by kind.
_DEFAULT_SEVERITY = {
    CORROBORATED: (AGREEMENT, "two or more independent outlets tell it"),
    SINGLE_SOURCE: (DISCREPANCY, "only one outlet tells it"),
    NAME_VARIANT: (DISCREPANCY, "outlets spell the name differently"),
    QUOTE_VARIANT: (DISCREPANCY, "outlets quote different words"),
    TITLE_MISMATCH: (DISCREPANCY, "outlets give the person different titles"),
    NUMBER_MISMATCH: (CONTRADICTION, "outlets give different figures"),
    DATE_MISMATCH: (CONTRADICTION, "outlets date it to different days"),
    PLACE_MISMATCH: (CONTRADICTION, "outlets place it in different places"),
    POLARITY_MISMATCH: (CONTRADICTION, "one outlet affirms what another denies"),
    ROLE_MISMATCH: (CONTRADICTION, "outlets swap who did what to whom"),
}


def with_severity(flags: list[FlagResult]) -> list[FlagResult]:
    """Every flag with a severity and a reason in words."""
    for f in flags:
        severity, reason = _DEFAULT_SEVERITY.get(f.kind, (DISCREPANCY, "outlets differ"))
        f.severity = f.severity or severity
        f.reason = f.reason or reason
    return flags


def fold_figure_twins(flags: list[FlagResult]) -> list[FlagResult]:
    """A claim cluster's number flag whose every value, outlet by outlet, a
    story-wide "Figure: ..." flag also gives is one difference shown twice: the
    cluster's is dropped and the figure flag, which says what the number counts
    and may hold more outlets, takes its cluster (so the claim's row still shows it)."""

    def told(f: FlagResult) -> set[tuple[str, str]]:
        return {(norm(v.value), outlet) for v in f.variants for outlet in v.outlets}

    figures = [
        (f, told(f))
        for f in flags
        if f.kind == NUMBER_MISMATCH and f.subject.startswith("Figure: ")
    ]
    out = []
    for f in flags:
        twin = None
        if f.kind == NUMBER_MISMATCH and f.cluster_fingerprint and figures:
            mine = told(f)
            twin = next((g for g, theirs in figures if g is not f and mine <= theirs), None)
        if twin is None:
            out.append(f)
        elif not twin.cluster_fingerprint:
            twin.cluster_fingerprint = f.cluster_fingerprint
    return _fold_date_twins(out, told)


def _fold_date_twins(flags: list[FlagResult], told) -> list[FlagResult]:
    """A story-wide "Date: <verb>" flag and a claim cluster's date flag on the same
    days are one difference shown twice: the one whose days and outlets the other
    holds is dropped (the cluster's keeps the story flag's subject when it stays)."""
    story = [f for f in flags if f.kind == DATE_MISMATCH and f.subject.startswith("Date: ")]
    drop: set[int] = set()
    for f in flags:
        if f.kind != DATE_MISMATCH or not f.cluster_fingerprint or f in story:
            continue
        mine = told(f)
        for g in story:
            if id(g) in drop or {norm(v.value) for v in g.variants} != {
                norm(v.value) for v in f.variants
            }:
                continue
            if told(g) <= mine:
                drop.add(id(g))
                f.subject = g.subject
            else:
                # the same days, some outlets in one flag only: one difference,
                # shown once with every outlet that gives each day
                _merge_variants(g, f)
                drop.add(id(f))
                g.cluster_fingerprint = g.cluster_fingerprint or f.cluster_fingerprint
            break
    return _fold_same_day_flags([f for f in flags if id(f) not in drop])


def _merge_variants(into: FlagResult, other: FlagResult) -> None:
    """Add other's outlets and sentences to into's variants of the same value."""
    by_value = {norm(v.value): v for v in into.variants}
    for v in other.variants:
        mine = by_value.get(norm(v.value))
        if mine is None:
            continue
        mine.outlets += [o for o in v.outlets if o not in mine.outlets]
        mine.evidence += [e for e in v.evidence if e not in mine.evidence]
    into.variants.sort(key=lambda v: (-len(v.outlets), v.value))


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STORY_DATES = ("Date: ", "Day: ")  # by the days sentences resolve to; by weekday


def _fold_same_day_flags(flags: list[FlagResult]) -> list[FlagResult]:
    """Two story date flags on the same sentences, one by weekday ("on Saturday" /
    "on Sunday") and one by the days those resolve to, are one difference: the
    one whose evidence the other holds goes, the dated one kept on a tie."""

    def evidence(f: FlagResult) -> frozenset:
        return frozenset((e.article_id, e.text) for v in f.variants for e in v.evidence)

    def dated(f: FlagResult) -> bool:
        return all(_ISO_DAY.match(v.value) for v in f.variants)

    dates = [f for f in flags if f.kind == DATE_MISMATCH and f.subject.startswith(_STORY_DATES)]
    drop: set[int] = set()
    for f in dates:
        for g in dates:
            if f is g or id(g) in drop or not evidence(f) or not evidence(f) <= evidence(g):
                continue
            if evidence(f) == evidence(g) and dated(f) and not dated(g):
                continue  # the tie goes to the dated flag: g is dropped in its turn
            drop.add(id(f))
            break
    return [f for f in flags if id(f) not in drop]


def joined_groups(count: int, pairs) -> list[list[int]]:
    """The indices 0..count-1 in groups joined by the (i, j) pairs, each group in
    index order, the groups in the order of their first index."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in pairs:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(count):
        groups[root(i)].append(i)
    return list(groups.values())


def merge_name_flags(flags: list[FlagResult]) -> list[FlagResult]:
    """Name-variant flags that share a spelling are one person's: one flag with
    every spelling ("Mahinda" / "Mahida" / "Mahindaa" raised by two rules)."""
    names = [f for f in flags if f.kind == NAME_VARIANT]
    owner: dict[str, int] = {}
    pairs = [
        (owner.setdefault(_spelling_key(v.value), i), i)
        for i, f in enumerate(names)
        for v in f.variants
    ]
    groups = [[names[i] for i in g] for g in joined_groups(len(names), pairs)]
    merged = {id(g[0]): _merged_names(g) for g in groups if len(g) > 1}
    dropped = {id(f) for g in groups if len(g) > 1 for f in g[1:]}
    dropped |= {key for key, flag in merged.items() if flag is None}
    return [merged.get(id(f)) or f for f in flags if id(f) not in dropped]


def _spelling_key(name: str) -> str:
    """A name's spelling without accents and a leading courtesy title ("Mr", "Dr")."""
    words = spellings.fold(name).split()
    while len(words) > 1 and words[0].rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _merged_names(group: list[FlagResult]) -> FlagResult | None:
    by_value: dict[str, Variant] = {}
    for f in group:
        for v in f.variants:
            # accents or a courtesy title only are one spelling ("Moïse" / "Moise",
            # "Mr Holt" / "Holt"): shown once
            kept = by_value.setdefault(_spelling_key(v.value), Variant(v.value, [], []))
            if len(v.value.split()) < len(kept.value.split()):
                kept.value = v.value  # the name as written without the courtesy title
            kept.outlets = sorted(set(kept.outlets) | set(v.outlets))
            seen = {(e.article_id, e.start) for e in kept.evidence}
            kept.evidence += [e for e in v.evidence if (e.article_id, e.start) not in seen][:5]
    variants = sorted(by_value.values(), key=lambda v: (-len(v.outlets), v.value))
    if len(variants) < 2:
        return None  # spellings that differ by accents only
    flag = _flag(NAME_VARIANT, group[0].subject, variants)
    flag.severity = DISCREPANCY
    flag.reason = "one person spelled differently: " + " / ".join(v.value for v in variants)
    return flag


def _dedupe(flags: list[FlagResult]) -> list[FlagResult]:
    seen, out = set(), []
    for f in flags:
        if f.fingerprint not in seen:
            seen.add(f.fingerprint)
            out.append(f)
    return out
