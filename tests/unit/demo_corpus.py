"""The five demo articles as ArticleInput, extracted once per test session."""

import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from claims.nlp.extract import extract_article
from claims.nlp.types import ArticleExtraction, ArticleInput

DEMO = Path(__file__).resolve().parents[2] / "demo"


@cache
def manifest() -> dict:
    return json.loads((DEMO / "manifest.json").read_text())


def article_input(number: str) -> ArticleInput:
    """ "000".."004" -> the article as the extractor sees it."""
    entry = next(a for a in manifest()["articles"] if Path(a["file"]).name.startswith(number))
    published = datetime.fromisoformat(entry["published"]).astimezone(UTC).date()
    return ArticleInput(
        text=(DEMO / entry["file"]).read_text(),
        title=entry["title"],
        published=published,
        outlet=entry["outlet"],
    )


@cache
def extraction(number: str) -> ArticleExtraction:
    return extract_article(article_input(number))


NUMBERS = ["000", "001", "002", "003", "004"]
