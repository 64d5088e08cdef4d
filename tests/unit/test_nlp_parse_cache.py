"""Paragraphs parsed once per worker: a cached parse extracts exactly what a fresh one does."""

from dataclasses import replace

import pytest

from claims.nlp import extract, language
from claims.nlp.extract import extract_article
from claims.nlp.language import ParseCache, get_nlp
from tests.unit.demo_corpus import NUMBERS, article_input

pytestmark = pytest.mark.slow  # loads the spaCy pipeline


def _fresh(texts):
    return list(get_nlp().pipe(texts, batch_size=16))


def test_cached_parses_extract_the_same_claims(monkeypatch):
    cache = ParseCache(4096)
    monkeypatch.setattr(extract, "parse_paragraphs", _fresh)
    expected = [repr(extract_article(article_input(n))) for n in NUMBERS]
    monkeypatch.setattr(extract, "parse_paragraphs", lambda t: cache.parse(get_nlp(), t))
    first = [repr(extract_article(article_input(n))) for n in NUMBERS]
    assert cache.misses and not cache.hits
    second = [repr(extract_article(article_input(n))) for n in NUMBERS]
    assert cache.hits == cache.misses  # every paragraph of the second pass came from the cache
    assert first == expected and second == expected


def test_a_paragraph_twice_in_one_article_gets_two_docs(monkeypatch):
    cache = ParseCache(4096)
    article = article_input("000")
    lines = [line for line in article.text.split("\n") if line.strip()]
    doubled = replace(article, text="\n".join([*lines, lines[1]]))
    docs = cache.parse(get_nlp(), [lines[1], lines[1]])
    assert docs[0] is not docs[1] and docs[0].to_json() == docs[1].to_json()
    monkeypatch.setattr(extract, "parse_paragraphs", _fresh)
    expected = repr(extract_article(doubled))
    monkeypatch.setattr(extract, "parse_paragraphs", lambda t: cache.parse(get_nlp(), t))
    assert repr(extract_article(doubled)) == expected


def test_cache_is_bounded_and_can_be_off():
    cache = ParseCache(2)
    cache.parse(get_nlp(), ["One line.", "Two lines.", "Three lines."])
    assert len(cache._docs) == 2
    off = ParseCache(0)
    off.parse(get_nlp(), ["One line."])
    off.parse(get_nlp(), ["One line."])
    assert off.hits == 0 and not off._docs
    assert isinstance(language.parse_cache(), ParseCache)


def test_cache_size_is_passed_in_from_settings(settings):
    from django.apps import apps

    settings.NLP_PARSE_CACHE = 7
    try:
        apps.get_app_config("claims").ready()  # what every process does at start-up
        assert language.parse_cache().size == 7
    finally:
        language.configure(language.DEFAULT_CACHE_SIZE)
