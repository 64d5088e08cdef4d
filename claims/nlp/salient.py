"""What an article is about, for telling events apart: named entities and content terms.

Pure: text in, plain data out (spaCy through the shared parse cache, so the
paragraphs the claim extractor already parsed are not parsed again).

Keys are prefixed by kind so one vocabulary holds them all:
``p:`` a person (by surname, so "Tara Reid" and "Reid" meet), ``g:`` a place,
``o:`` an organisation, ``e:`` another name (an event, a group, a product),
``t:`` a content lemma. The headline and the lead count double: they say what
the event is. ``k:`` keys are an event's identity where the text states one
in its headline or opening (``k:storm:helene``, ``k:mag:6.8``): two storms or two
earthquakes share their words, places and agencies, rarely their name or magnitude.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from claims.nlp.language import parse_paragraphs
from claims.nlp.places import places_in

MAX_CHARS = 30_000  # enough of a long article to know its event
LEAD_SENTENCES = 3
LEAD_CHARS = 600
HEAD_WEIGHT = 2  # a term of the headline or lead counts this many times

ENTITY_KINDS = {
    "PERSON": "p",
    "GPE": "g",
    "LOC": "g",
    "FAC": "g",
    "ORG": "o",
    "NORP": "e",
    "EVENT": "e",
    "PRODUCT": "e",
    "WORK_OF_ART": "e",
    "LAW": "e",
}
TERM_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
# Words of news prose that name no event: reporting verbs and the like.
FILLER = {
    "say",
    "tell",
    "report",
    "add",
    "accord",
    "include",
    "go",
    "get",
    "make",
    "take",
    "come",
    "know",
    "also",
    "year",
    "time",
    "day",
    "people",
    "news",
    "week",
    "month",
    "new",
    "other",
    "first",
    "last",
    "many",
    "more",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}
# A named storm ("Hurricane Helene", "Tropical Storm Milton", "Typhoon Haiyan").
_STORM = re.compile(
    r"\b(?:Hurricane|Typhoon|Cyclone|Tropical Storm|Storm|Super Typhoon)\s+([A-Z][a-z]{2,})\b"
)
# Words after "Hurricane"/"Storm" that name no storm ("the National Hurricane Center").
NOT_STORMS = {
    "center",
    "centre",
    "season",
    "seasons",
    "warning",
    "warnings",
    "watch",
    "watches",
    "hunter",
    "hunters",
    "category",
    "force",
    "surge",
    "shelter",
    "shelters",
    "relief",
    "damage",
    "recovery",
    "preparedness",
    "tracker",
    "names",
    "prediction",
    "chaser",
    "chasers",
    "drain",
    "drains",
    "system",
}
# An earthquake's magnitude ("a 6.8-magnitude quake", "magnitude of 6. 8", "5.6 on the Richter").
_MAGNITUDE = re.compile(
    r"\b(\d)\.\s?(\d)\s*-?\s*(?:magnitude|on the richter)"
    r"|\bmagnitude\s*-?\s*(?:of\s+)?(\d)\.\s?(\d)\b",
    re.IGNORECASE,
)
# A game's final score beside a word of winning or losing: "beat the Chiefs 20-13",
# "a 91-73 victory". Two games of one team a week apart share teams, places and
# words; the score is the game's own.
_SCORE = re.compile(
    r"\b(?:beat|beats|beaten|defeat|defeated|defeats|won|win|wins|victory|lost|loss|loses|"
    r"rout|routed|edged|topped|triumph|downed|thrashed|upset)\b[^.\n]{0,40}?"
    r"\b(\d{1,3})\s?[-\u2013]\s?(\d{1,3})\b"
    r"|\b(\d{1,3})\s?[-\u2013]\s?(\d{1,3})\s+(?:win|victory|loss|defeat|rout|triumph|upset)\b",
    re.IGNORECASE,
)
# A sudden happening told as this week's news in the headline or opening: a
# quake that "struck on Wednesday", "Sunday's quake", a plane that "crashed
# early Monday". A follow-up weeks later names its happening by its date ("the
# Aug. 24 quake") or by what came since, seldom by a weekday.
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SUDDEN_VERBS = (
    r"struck|jolted|rocked|shook|erupted|exploded|crashed|collapsed|derailed|sank|capsized|"
    r"made\s+landfall|came\s+ashore"
)
_SUDDEN_NOUNS = r"(?:earth)?quake|temblor|blast|explosion|eruption|crash|collapse|derailment"
_FRESH = re.compile(
    rf"\b(?:{_SUDDEN_VERBS})\b[^.\n]{{0,50}}?\b(?:on\s+|early\s+|late\s+)?"
    rf"(?:{_DAYS}|today|yesterday|overnight|last\s+night|this\s+morning)\b"
    rf"|\b{_DAYS}(?:['\u2019]s)?\s+(?:\w+\s+){{0,3}}?(?:{_SUDDEN_NOUNS})\b"
    rf"|\b{_DAYS}\s+(?:{_SUDDEN_VERBS})\b",
)
FRESH_KEY = "k:fresh"
_SPACE = re.compile(r"\s+")
_EDGE = re.compile(r"^(the|a|an)\s+|['\u2019]s$|[^\w]+$|^[^\w]+")


@dataclass
class Salient:
    """An article's event features: key -> count, and its lead sentences."""

    terms: dict[str, float] = field(default_factory=dict)
    lead: str = ""

    def keys(self) -> set[str]:
        return set(self.terms)


def entity_key(label: str, text: str) -> str | None:
    kind = ENTITY_KINDS.get(label)
    if kind is None:
        return None
    name = _SPACE.sub(" ", text.lower()).strip()
    for _ in range(3):
        name = _EDGE.sub("", name).strip()
    if len(name) < 2 or not any(c.isalpha() for c in name):
        return None
    if kind == "p":
        name = name.split()[-1]
        if len(name) < 3:
            return None
    return f"{kind}:{name}"


def _paragraphs(text: str) -> list[str]:
    out, total = [], 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        out.append(line[: MAX_CHARS - total])
        total += len(out[-1])
        if total >= MAX_CHARS:
            break
    return out


def salient(title: str, text: str) -> Salient:
    """Entity and term counts of the article; the headline and lead count double."""
    title = (title or "").strip()
    paragraphs = _paragraphs(text or "")
    texts = ([title] if title else []) + paragraphs
    if not texts:
        return Salient()
    docs = parse_paragraphs(texts)
    counts: Counter[str] = Counter()
    lead: list[str] = []
    lead_chars = 0
    for index, doc in enumerate(docs):
        is_title = bool(title) and index == 0
        for sent in doc.sents:
            head = is_title
            if not is_title and len(lead) < LEAD_SENTENCES and lead_chars < LEAD_CHARS:
                lead.append(sent.text.strip())
                lead_chars += len(lead[-1])
                head = True
            weight = HEAD_WEIGHT if head else 1
            in_entity: set[int] = set()  # token indices inside a named entity
            for ent in sent.ents:
                key = entity_key(ent.label_, ent.text)
                if key:
                    counts[key] += weight
                    in_entity.update(range(ent.start, ent.end))
            for token in sent:
                if token.pos_ not in TERM_POS or token.is_stop or not token.is_alpha:
                    continue
                lemma = token.lemma_.lower()
                if len(lemma) < 3 or lemma in FILLER:
                    continue
                counts[f"t:{lemma}"] += weight
    counts.update(identity_keys(title, opening(text or "")))
    return Salient(terms=place_keys(counts), lead=" ".join(lead))


# Entity kinds the tagger gives a place under: a place, an organisation, another name.
PLACE_KINDS = ("g:", "o:", "e:")


def place_keys(counts: dict[str, float]) -> dict[str, float]:
    """Places as one key whatever kind the tagger gave them ("o:niger", "g:republic
    of niger" -> "g:niger"; "g:abuja, nigeria" -> "g:abuja" and "g:nigeria"); other
    keys as they are."""
    out: Counter[str] = Counter()
    for key, count in counts.items():
        places = places_in(key[2:]) if key[:2] in PLACE_KINDS else []
        if not places:
            out[key] += count
        for place in places:
            out[f"g:{place}"] += count
    return dict(out)


def opening(text: str) -> str:
    """The first LEAD_CHARS of the article's text: where it says what happened."""
    return "\n".join(_paragraphs(text))[:LEAD_CHARS]


def identity_keys(title: str, text: str) -> Counter[str]:
    """Storm names, quake magnitudes and game scores stated in the headline (counted
    double) and text, and whether they tell a sudden happening as this week's news.

    `salient` passes the text's `opening`: the event an article reports is
    named there; a storm or quake it recalls usually comes later.
    """
    counts: Counter[str] = Counter()
    for part, weight in ((title or "", HEAD_WEIGHT), (text or "", 1)):
        for match in _STORM.finditer(part):
            name = match.group(1).lower()
            if name not in NOT_STORMS:
                counts[f"k:storm:{name}"] += weight
        for match in _MAGNITUDE.finditer(part):
            digits = [d for d in match.groups() if d is not None]
            counts[f"k:mag:{digits[0]}.{digits[1]}"] += weight
        for match in _SCORE.finditer(part):
            points = sorted((int(d) for d in match.groups() if d is not None), reverse=True)
            counts[f"k:score:{points[0]}-{points[1]}"] += weight
    if _FRESH.search(title or "") or _FRESH.search(text or ""):
        counts[FRESH_KEY] = 1  # a flag, read apart from the counts (stories.ArticleFeatures)
    return counts


def headline_and_lead(title: str, lead: str) -> str:
    """The text embedded for the article's dense vector."""
    title = (title or "").strip()
    if title and lead:
        return f"{title}. {lead}"
    return title or lead
