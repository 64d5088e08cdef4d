"""Odd inputs: empty, not English, huge. None may crash or blow up memory."""

import time

import pytest

from claims.nlp import extract
from claims.nlp.extract import extract_article
from claims.nlp.language import detect_language
from claims.nlp.types import ArticleInput

pytestmark = pytest.mark.slow  # loads the spaCy pipeline


def test_empty_text():
    for text in ("", "   \n\n  "):
        result = extract_article(ArticleInput(text=text))
        assert result.claims == [] and result.people == [] and result.language == "und"


def test_non_english_gives_an_empty_extraction_with_language():
    spanish = (
        "El ministro de Defensa firmó el acuerdo con los Estados Unidos en Kuala Lumpur "
        "y dijo que la asociación es fundamental para la región."
    )
    assert extract_article(ArticleInput(text=spanish)).language == "es"
    assert extract_article(ArticleInput(text=spanish)).claims == []
    assert detect_language("रक्षा मंत्री राजनाथ सिंह ने समझौते पर हस्ताक्षर किए") == "hi"


def test_huge_text_is_capped(monkeypatch):
    monkeypatch.setattr(extract, "MAX_CHARS", 30_000)
    monkeypatch.setattr(extract, "MAX_SENTENCES", 200)
    line = "India and the US signed a 10-year framework in Kuala Lumpur on Friday. "
    text = (line * 20 + "\n") * 500  # ~720 KB, lines of 1.4 KB
    started = time.monotonic()
    result = extract_article(ArticleInput(text=text))
    assert 0 < len(result.claims) <= 200
    assert max(c.end for c in result.claims) <= 30_000
    assert time.monotonic() - started < 60


def test_one_enormous_line_is_cut_into_chunks():
    text = "Officials signed 12 pacts in Paris on Monday. " * 2_000  # one 92 KB line
    spans = extract.split_paragraphs(text)
    assert len(spans) > 1 and all(e - s <= extract.MAX_CHUNK for s, e in spans)


def test_dutch_hungarian_and_indonesian_pages_are_told_apart_from_english():
    assert detect_language("De politie zegt dat het dak van een woning werd geraakt.") == "nl"
    assert detect_language("A rendőrség szerint az épület teteje már nem volt stabil.") == "hu"
    assert (
        detect_language("Tim penyelamat mengatakan bahwa kapal itu tidak ditemukan di laut.")
        == "id"
    )


def test_norwegian_and_swedish_pages_are_told_apart_from_english():
    norwegian = (
        "Politiet sier at mannen ble funnet i skogen, og at det ikke er klart når han døde."
    )
    swedish = "Polisen säger att mannen hittades i skogen och att det inte är klart när han dog."
    assert detect_language(norwegian) == "no"
    assert detect_language(swedish) == "sv"
