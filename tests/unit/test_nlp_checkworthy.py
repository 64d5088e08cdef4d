"""Precision and recall of the claim detector on a hand-labelled sample.

tests/fixtures/checkworthy.jsonl: sentences of the demo corpus and sentences
written for the sample, each labelled check-worthy or not by hand. Each is
extracted on its own (no article context), which is harder than in an article.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from claims.nlp.extract import extract_article
from claims.nlp.types import ArticleInput

pytestmark = pytest.mark.slow  # loads the spaCy pipeline

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "checkworthy.jsonl"
FLOOR = 0.85


def load():
    return [json.loads(line) for line in SAMPLE.read_text().splitlines() if line.strip()]


def test_sample_is_big_and_balanced_enough():
    rows = load()
    assert len(rows) >= 80
    positives = sum(r["checkworthy"] for r in rows)
    assert 0.3 < positives / len(rows) < 0.7


def test_precision_and_recall_floor():
    tp = fp = fn = 0
    for row in load():
        result = extract_article(ArticleInput(text=row["text"], published=date(2025, 11, 1)))
        predicted = bool(result.claims)
        tp += predicted and row["checkworthy"]
        fp += predicted and not row["checkworthy"]
        fn += not predicted and row["checkworthy"]
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"checkworthy: precision={precision:.3f} recall={recall:.3f} tp={tp} fp={fp} fn={fn}")  # noqa: T201 -- reported
    assert precision >= FLOOR and recall >= FLOOR


@pytest.mark.parametrize(
    "text", ["The death toll rose to 97.", "About 1,500 homes have been destroyed."]
)
def test_a_short_sentence_with_a_figure_is_a_claim(text):
    """A figure counts as a word: a toll of five words is no fragment."""
    assert extract_article(ArticleInput(text=text, published=date(2025, 11, 1))).claims


@pytest.mark.parametrize(
    "text",
    [
        "No injuries were reported.",
        "The attacker was shot dead by officers.",
        "No group has claimed responsibility for the blast.",
        "The cause of the fire is under investigation.",
    ],
)
def test_what_happened_to_people_is_a_claim_however_short(text):
    """Outcomes are what the status comparisons read, even with no name or figure."""
    assert extract_article(ArticleInput(text=text, published=date(2025, 11, 1))).claims


@pytest.mark.parametrize(
    "text",
    ["The flooding could kill hundreds, officials warned.", '"Many of us died inside," she said.'],
)
def test_a_hedged_or_quoted_outcome_is_not_one(text):
    from claims.nlp.extract import states_outcome
    from claims.nlp.language import get_nlp

    assert not states_outcome(get_nlp()(text)[:])
