"""claims.services.memory: entries kept in step with verdicts and fact-checks, and matches."""

import hashlib
from datetime import date

import numpy as np
import pytest

from claims.models import FactCheck, MemoryEntry
from claims.nlp import embed
from claims.services import memory

pytestmark = pytest.mark.django_db


class WordEmbedder:
    """Bag of hashed words: sentences sharing their words point the same way."""

    name = "memory-test"
    dim = 96

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().replace(".", " ").split():
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@pytest.fixture(autouse=True)
def word_embedder():
    embed.set_embedder(WordEmbedder())
    yield
    embed.set_embedder(None)


def fact_check(claim, **kw):
    kw.setdefault("key", hashlib.sha256(claim.encode()).hexdigest())
    kw.setdefault("source", "test.json")
    return FactCheck.objects.create(claim_reviewed=claim, **kw)


def test_a_fact_check_becomes_an_entry_and_a_second_run_updates_it():
    fc = fact_check(
        "The harbour bridge in Lomsk closed for good in May.",
        rating="Pants on fire",
        verdict="false",
        publisher="Checkers Weekly",
        date_published=date(2026, 5, 4),
    )
    assert memory.index_fact_checks([fc.pk, 10**9]) == 1
    entry = MemoryEntry.objects.get(fact_check=fc)
    assert entry.source == MemoryEntry.Source.FACT_CHECK
    assert (entry.verdict, entry.rating) == ("false", "Pants on fire")
    assert entry.decided_at.date() == date(2026, 5, 4)
    assert entry.model == "memory-test"
    vector = embed.from_bytes(entry.vector)
    assert vector.shape == (96,) and abs(float(np.linalg.norm(vector)) - 1) < 1e-5

    FactCheck.objects.filter(pk=fc.pk).update(verdict="misleading", rating="Half true")
    assert memory.index_fact_checks([fc.pk]) == 1
    assert MemoryEntry.objects.count() == 1
    assert MemoryEntry.objects.get().verdict == "misleading"


def test_a_fact_check_without_a_claim_is_skipped():
    fc = fact_check("   ")
    assert memory.index_fact_checks([fc.pk]) == 0
    assert not MemoryEntry.objects.exists()
