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
