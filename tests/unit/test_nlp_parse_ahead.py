"""Paragraphs of many articles parsed ahead in one batch: the same claims, each parsed once."""

from claims.nlp import extract, language
from claims.nlp.extract import extract_article, prepare_articles, split_paragraphs
from claims.nlp.language import ParseCache, get_nlp
from tests.unit.demo_corpus import NUMBERS, article_input


def _fresh(texts):
    return list(get_nlp().pipe(texts, batch_size=16))


def test_parsed_ahead_articles_extract_the_same_claims(monkeypatch):
    articles = [article_input(n) for n in NUMBERS]
    monkeypatch.setattr(extract, "parse_paragraphs", _fresh)
    expected = [repr(extract_article(a)) for a in articles]

    cache = ParseCache(4096)
    monkeypatch.setattr(language, "_cache", cache)
    monkeypatch.setattr(extract, "parse_paragraphs", language.parse_paragraphs)
    parsed = prepare_articles([(a.title, a.text) for a in articles])
    paragraphs = {a.text[s:e] for a in articles for s, e in split_paragraphs(a.text)}
    titles = {a.title.strip() for a in articles}
    assert parsed == len(paragraphs | titles)  # each distinct text once
    assert cache.misses == parsed and cache.hits == 0

    assert [repr(extract_article(a)) for a in articles] == expected
    assert cache.misses == parsed  # extraction parsed nothing more
    assert cache.hits == sum(len(split_paragraphs(a.text)) for a in articles)
    assert prepare_articles([(a.title, a.text) for a in articles]) == 0  # all held already


def test_parse_ahead_skips_other_languages_and_respects_the_bound(monkeypatch):
    cache = ParseCache(3)
    monkeypatch.setattr(language, "_cache", cache)
    french = "Le président a dit que les prix sont en hausse et que la loi est pour tous."
    assert prepare_articles([("", french), ("", "  ")]) == 0
    english = "\n".join(f"The minister said {n} people came to the meeting." for n in range(5))
    assert prepare_articles([("", english)]) == 3  # no more than the cache holds
    assert len(cache._docs) == 3


def test_parse_ahead_does_nothing_with_the_cache_off(monkeypatch):
    monkeypatch.setattr(language, "_cache", ParseCache(0))
    assert prepare_articles([("A title", "The minister said ten people came.")]) == 0
