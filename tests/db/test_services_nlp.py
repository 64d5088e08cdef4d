"""Extraction and embedding with the ORM: once, idempotent, replaced on new text."""

import hashlib
from datetime import UTC, datetime

import numpy as np
import pytest

from claims.models import Article, Claim
from claims.nlp import embed
from claims.services import nlp
from tests.db import builders
from tests.unit.demo_corpus import article_input

pytestmark = pytest.mark.django_db

SHARED = "India and the US signed a 10-year defence framework in Kuala Lumpur on Friday."


class SpyEmbedder:
    dim = 4

    def __init__(self):
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return np.ones((len(texts), self.dim), dtype=np.float32) / 2

    @property
    def texts(self):
        return [t for call in self.calls for t in call]


@pytest.fixture
def spy():
    fake = SpyEmbedder()
    embed.set_embedder(fake)
    yield fake
    embed.set_embedder(None)


def make_article(text, **kw):
    kw.setdefault("published_at", datetime(2025, 11, 1, 4, 0, tzinfo=UTC))
    return builders.article(text=text, **kw)


def demo_article():
    data = article_input("003")
    return make_article(data.text, title=data.title)


def test_extract_then_embed_once(spy):
    article = demo_article()
    created = nlp.extract_article_claims(article.pk)
    article.refresh_from_db()
    assert created == Claim.objects.filter(article=article).count() > 10
    assert article.status == Article.Status.EXTRACTED
    assert article.extracted_hash == article.content_hash
    people = {p["canonical"]: p for p in article.nlp["people"]}
    assert "Rajnath Singh" in people and article.nlp["dateline"]["norm"] == "new delhi"

    claim = Claim.objects.filter(article=article, text__contains="on Friday signed").get()
    assert claim.slots["dates"][1]["iso"] == "2025-10-31"
    assert claim.text_hash and claim.embedding is None

    embedded = nlp.embed_article_claims(article.pk)
    assert embedded == created
    article.refresh_from_db()
    assert article.status == Article.Status.EMBEDDED
    assert all(len(bytes(c.embedding)) == 16 for c in Claim.objects.filter(article=article))

    # Redelivered tasks: nothing to do.
    calls = len(spy.calls)
    assert nlp.extract_article_claims(article.pk) == 0
    assert nlp.embed_article_claims(article.pk) == 0
    assert len(spy.calls) == calls


def test_changed_text_replaces_claims_and_keeps_unchanged_vectors(spy):
    article = make_article(
        SHARED + "\nThe trade talks were stalled after Trump hit goods with 25% tariffs."
    )
    nlp.extract_article_claims(article.pk)
    nlp.embed_article_claims(article.pk)
    first_ids = set(Claim.objects.filter(article=article).values_list("id", flat=True))

    new_text = SHARED + "\nThe trade talks were stalled after Trump hit goods with 50% tariffs."
    Article.objects.filter(pk=article.pk).update(
        text=new_text, content_hash=hashlib.sha256(new_text.encode()).hexdigest()
    )
    spy.calls.clear()
    assert nlp.extract_article_claims(article.pk) == 2
    claims = list(Claim.objects.filter(article=article))
    assert not first_ids & {c.id for c in claims}
    assert any("50%" in c.text for c in claims) and not any("25%" in c.text for c in claims)
    # The unchanged sentence kept its vector; only the new one is encoded.
    assert nlp.embed_article_claims(article.pk) == 1
    assert spy.texts == [claims[1].text]


def test_same_sentence_in_two_articles_is_embedded_once(spy):
    one = make_article(SHARED + "\n" + SHARED.replace("Friday", "Friday, officials said"))
    two = make_article(SHARED)  # another outlet carries the same line
    for article in (one, two):
        nlp.extract_article_claims(article.pk)
    nlp.embed_article_claims(one.pk)
    nlp.embed_article_claims(two.pk)
    assert spy.texts.count(SHARED) == 1
    assert Claim.objects.filter(article=two).get().embedding is not None


def test_duplicates_within_one_batch_share_an_encoding(spy):
    article = make_article(SHARED + "\n" + SHARED)
    assert nlp.extract_article_claims(article.pk) == 2
    assert nlp.embed_article_claims(article.pk) == 2
    assert spy.texts == [SHARED]


def test_missing_article_and_non_english_are_quiet(spy):
    assert nlp.extract_article_claims(999_999) == 0
    assert nlp.embed_article_claims(999_999) == 0
    article = make_article("El ministro firmó el acuerdo con los Estados Unidos en la capital.")
    assert nlp.extract_article_claims(article.pk) == 0
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED and article.language == "es"
    assert spy.calls == []


def test_reviewer_decisions_survive_reextraction(spy, reviewer):
    from claims.models import Alias, Flag

    article = demo_article()
    story = builders.story()
    flag = builders.flag(story)
    Alias.objects.create(kind="title", value="Secretary of War", canonical="Secretary of Defense")
    nlp.extract_article_claims(article.pk)
    nlp.extract_article_claims(article.pk, force=True)
    assert Flag.objects.filter(pk=flag.pk).exists() and Alias.objects.count() == 1


def test_a_sentence_is_encoded_once_even_after_its_claims_are_gone(spy):
    first = make_article(SHARED + " Officials did not say more.")
    nlp.extract_article_claims(first.pk)
    nlp.embed_article_claims(first.pk)
    encoded = len(spy.texts)
    first.delete()  # its claims go with it; the cache keeps the vectors

    again = make_article(SHARED + " Officials did not say more.", url="https://b.example/x")
    nlp.extract_article_claims(again.pk)
    nlp.embed_article_claims(again.pk)

    assert encoded > 0
    assert len(spy.texts) == encoded
    assert Claim.objects.filter(article=again, embedding__isnull=False).exists()


def test_cached_vectors_are_kept_per_model(spy):
    nlp.encode_texts(["A headline nobody embedded before."])
    other = SpyEmbedder()
    other.name = "another-model"
    embed.set_embedder(other)
    nlp.encode_texts(["A headline nobody embedded before."])
    assert other.texts == ["A headline nobody embedded before."]


def test_encode_texts_keeps_order_and_repeats(spy):
    texts = ["Second line, longer than the first.", "First.", "First."]
    vectors = nlp.encode_texts(texts)
    assert vectors.shape == (3, spy.dim)
    assert sorted(spy.texts) == sorted(set(texts))
    assert nlp.encode_texts([]).shape == (0, spy.dim)


@pytest.mark.slow
def test_cached_vectors_equal_a_fresh_encode():
    embed.set_embedder(None)
    texts = ["The minister signed the framework on Friday.", "Ten people were hurt."]
    nlp.encode_texts(texts)  # fills the cache
    from_cache = nlp.encode_texts(texts)
    fresh = embed.get_embedder().encode(texts)
    assert np.array_equal(from_cache, fresh)
