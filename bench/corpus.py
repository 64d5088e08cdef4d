"""A corpus bigger than the demo, generated from the demo articles at run time.

Deterministic for a seed. Each *event* retells the demo story with its own
people, place and numbers; each of an event's five articles is one demo
article (one outlet's telling) with its own wording: synonyms and spellings
swapped sentence by sentence, so outlets of an event share some sentences
word for word (as syndicated copy does) and differ in others. Events are
fifty days apart, further than the story window the bench runs with
(STORY_WINDOW_DAYS below, 45 days; the product's default is 180), so each one
is its own story whatever the story step's weights: at
ten days apart the retold events joined one story once the window grew from 7
to 45 days, and the pipeline figure measured one 200-article story's analysis.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "demo"
ARTICLES_PER_EVENT = 5
EVENT_SPACING = timedelta(days=50)
# The story window the bench runs with (bench.common.child_env): shorter than
# EVENT_SPACING, so each retold event is its own story.
STORY_WINDOW_DAYS = 45
# Early enough that the events the stages ingest (the first 40) are all in the past.
FIRST_EVENT = datetime(1990, 1, 1, 9, 0, tzinfo=UTC)

FIRST_NAMES = [
    "Arun",
    "Meera",
    "Vikram",
    "Sunita",
    "Rahul",
    "Kavita",
    "Anil",
    "Priya",
    "Suresh",
    "Lakshmi",
    "Rohan",
    "Deepa",
    "Manoj",
    "Asha",
    "Nikhil",
    "Geeta",
    "Sanjay",
    "Rekha",
]
SURNAMES = [
    "Mehta",
    "Rao",
    "Iyer",
    "Kapoor",
    "Nair",
    "Bose",
    "Reddy",
    "Gupta",
    "Joshi",
    "Menon",
    "Pillai",
    "Verma",
    "Chatterjee",
    "Desai",
    "Kulkarni",
    "Shetty",
    "Malhotra",
    "Sinha",
]
US_FIRST = [
    ("Tom", "Thomas"),
    ("Bill", "William"),
    ("Jim", "James"),
    ("Bob", "Robert"),
    ("Dan", "Daniel"),
    ("Mike", "Michael"),
    ("Rick", "Richard"),
    ("Joe", "Joseph"),
    ("Ted", "Edward"),
    ("Chris", "Christopher"),
    ("Tony", "Anthony"),
    ("Matt", "Matthew"),
]
US_SURNAMES = [
    "Walker",
    "Harper",
    "Bennett",
    "Coleman",
    "Fletcher",
    "Griffin",
    "Hayes",
    "Jennings",
    "Lawson",
    "Morrison",
    "Porter",
    "Sullivan",
    "Turner",
    "Whitaker",
    "Dalton",
    "Mercer",
]
CITIES = [
    ("Jakarta", "Indonesia"),
    ("Manila", "the Philippines"),
    ("Bangkok", "Thailand"),
    ("Hanoi", "Vietnam"),
    ("Singapore", "Singapore"),
    ("Phnom Penh", "Cambodia"),
    ("Vientiane", "Laos"),
    ("Bandar Seri Begawan", "Brunei"),
    ("Tokyo", "Japan"),
    ("Seoul", "South Korea"),
    ("Canberra", "Australia"),
    ("Colombo", "Sri Lanka"),
]
# (word, alternatives): swapped in some sentences of some articles.
WORDING = [
    ("signed", ["inked", "sealed"]),
    ("said", ["stated", "noted"]),
    ("framework", ["agreement", "accord"]),
    ("meeting", ["talks", "discussions"]),
    ("major", ["key", "significant"]),
    ("strengthen", ["bolster", "deepen"]),
    ("cooperation", ["collaboration", "partnership"]),
    ("defence", ["defense"]),
    ("Defence", ["Defense"]),
    ("important", ["significant", "crucial"]),
    ("new", ["fresh"]),
    ("also", ["further"]),
    ("will", ["would"]),
    ("between", ["among"]),
]
SWAP_SENTENCE = 0.5  # share of sentences an outlet words its own way
_SENTENCE = re.compile(r"(?<=[.!?\u201d])\s+(?=[A-Z\u201c\"])")


@dataclass(frozen=True)
class Entry:
    event: int
    text: str
    title: str
    outlet: str
    url: str
    published: datetime


def _demo() -> list[tuple[str, dict]]:
    manifest = json.loads((DEMO / "manifest.json").read_text(encoding="utf-8"))
    return [((DEMO / a["file"]).read_text(encoding="utf-8"), a) for a in manifest["articles"]]


def _event_rules(rng: random.Random) -> list[tuple[re.Pattern, str]]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    (short, long), us_last = rng.choice(US_FIRST), rng.choice(US_SURNAMES)
    city, country = rng.choice(CITIES)
    other = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    envoy = f"{rng.choice(US_FIRST)[0]} {rng.choice(US_SURNAMES)}"
    years = rng.choice([5, 6, 7, 8, 12, 15, 20])
    pct = rng.choice([10, 15, 20, 30, 35, 40])
    nth = rng.randint(5, 19)
    pairs = [
        (r"Rajnath Singh", f"{first} {last}"),
        (r"Rajnath", first),
        (r"\bSingh\b", last),
        (r"Peter Hegseth", f"{long} {us_last}"),
        (r"Pete Hegseth", f"{short} {us_last}"),
        (r"\bHegseth\b", us_last),
        (r"Piyush Goyal", other),
        (r"Sergio Gor", envoy),
        (r"Kuala Lumpur", city),
        (r"\bMalaysia\b", country),
        (r"\b10([- ])(year|yr)", rf"{years}\1\2"),
        (r"\bdecade\b", f"{years} years"),
        (r"\b25%", f"{pct}%"),
        (r"\b50%", f"{pct * 2}%"),
        (r"\b12th\b", f"{nth}th"),
    ]
    return [(re.compile(p), r) for p, r in pairs]


def _reword(text: str, rng: random.Random) -> str:
    out = []
    for paragraph in text.split("\n"):
        sentences = _SENTENCE.split(paragraph)
        for i, sentence in enumerate(sentences):
            if rng.random() < SWAP_SENTENCE:
                for word, alternatives in WORDING:
                    if rng.random() < 0.6:
                        sentence = re.sub(rf"\b{word}\b", rng.choice(alternatives), sentence)
            sentences[i] = sentence
        out.append(" ".join(sentences))
    return "\n".join(out)


def generate(n_articles: int = 2000, seed: int = 7) -> list[Entry]:
    """`n_articles` articles (rounded up to whole events), the same for the same seed."""
    demo = _demo()
    rng = random.Random(seed)
    outlets = [f"Bench Outlet {i:02d}" for i in range(40)]
    entries = []
    events = -(-n_articles // ARTICLES_PER_EVENT)
    for event in range(events):
        rules = _event_rules(rng)
        when = FIRST_EVENT + event * EVENT_SPACING
        for k, (text, meta) in enumerate(demo[:ARTICLES_PER_EVENT]):
            title = meta.get("title", "")
            for pattern, repl in rules:
                text = pattern.sub(repl, text)
                title = pattern.sub(repl, title)
            outlet = outlets[(event + 7 * k) % len(outlets)]
            entries.append(
                Entry(
                    event=event,
                    text=_reword(text, rng),
                    title=title,
                    outlet=outlet,
                    url=f"https://bench-{(event + 7 * k) % len(outlets)}.example/e{event}/{k}",
                    published=when + timedelta(hours=3 * k),
                )
            )
    return entries
