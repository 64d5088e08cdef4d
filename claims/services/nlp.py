"""Claim extraction and embedding with the ORM.

Both steps are safe to run twice (late acks redeliver tasks): extraction skips
an article whose claims already come from its current text, embedding only
touches claims without a vector.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict
from datetime import UTC

import numpy as np
from django.db import transaction

from claims.ingest import extract as ingest_extract
from claims.models import Article, Claim, EmbeddingCache
from claims.nlp import embed
from claims.nlp.extract import extract_article, prepare_articles
from claims.nlp.normalize import text_hash
from claims.nlp.types import ArticleInput
from claims.services import rechecks
from claims.services.rows import insert_rows, update_rows

log = logging.getLogger(__name__)

ENCODE_CHUNK = 256  # texts per encode call: bounds memory on huge batches
LOOKUP_CHUNK = 500  # text hashes per IN (...) query
# Article columns extraction never reads (JSON it would decode for nothing; `nlp` it rewrites).
NOT_READ = ("nlp", "story_terms", "story_vector")


def current_hash(article: Article) -> str:
    return article.content_hash or hashlib.sha256(article.text.encode()).hexdigest()


def article_input(article: Article) -> ArticleInput:
    published = article.published_at.astimezone(UTC).date() if article.published_at else None
    return ArticleInput(
        text=article.text, title=article.title, published=published, outlet=str(article.outlet)
    )


def extract_article_claims(article_id: int, force: bool = False) -> int:
    """Replace the article's claims with those of its current text; the count created.

    spaCy runs outside the transaction; the write re-checks under a row lock
    that the text it read is still current, so two workers cannot interleave.
    """
    article = (
        Article.objects.select_related("outlet").defer(*NOT_READ).filter(pk=article_id).first()
    )
    if article is None:
        return 0
    content = current_hash(article)
    if article.extracted_hash == content and not force:
        return 0
    extraction = extract_article(article_input(article))
    with transaction.atomic():
        locked = Article.objects.select_for_update().defer(*NOT_READ).filter(pk=article_id).first()
        if locked is None or current_hash(locked) != content:
            return 0  # deleted or changed meanwhile: the task for the new text wins
        if locked.extracted_hash == content and not force:
            return 0
        old = {
            digest: bytes(vector)
            for digest, vector in Claim.objects.filter(
                article_id=article_id, embedding__isnull=False
            ).values_list("text_hash", "embedding")
        }
        # Decided sentences the new text changed or removed: re-check, not recompute.
        rechecks.record_revision(locked, [c.text for c in extraction.claims], content)
        Claim.objects.filter(article_id=article_id).delete()
        rows = [_claim_row(article_id, claim, old) for claim in extraction.claims]
        insert_rows(Claim, rows)  # their ids are not needed here
        locked.extracted_hash = content
        locked.status = Article.Status.EXTRACTED
        locked.nlp = _article_nlp(extraction)
        fields = ["extracted_hash", "status", "nlp", "updated_at"]
        if not locked.language:
            locked.language = extraction.language
            fields.append("language")
        locked.save(update_fields=fields)
    log.info("article %s: %d claims extracted", article_id, len(rows))
    return len(rows)


def parse_ahead(records) -> int:
    """Parse the paragraphs of records about to be ingested and extracted in this process.

    `records` carry `title` and `text` (file records, demo entries). Their text
    is cleaned as `ingest_document` stores it, so the paragraphs are the ones
    extraction will read; a record that differs after all is parsed again then.
    """
    pairs = []
    for record in records:
        text = ingest_extract.storable(record.text or "").strip()
        title = " ".join(ingest_extract.storable(record.title or "").split())[:500]
        pairs.append((title, text))
    return prepare_articles(pairs)


def _claim_row(article_id: int, claim, old_vectors: dict) -> Claim:
    digest = text_hash(claim.text)
    return Claim(
        article_id=article_id,
        position=claim.position,
        text=claim.text,
        start=claim.start,
        end=claim.end,
        kind=claim.kind,
        speaker=claim.speaker[:200],
        score=claim.score,
        slots=claim.slots(),
        text_hash=digest,
        # An unchanged sentence of the previous revision keeps its vector.
        embedding=old_vectors.get(digest),
    )


def _article_nlp(extraction) -> dict:
    return {
        "language": extraction.language,
        "people": [asdict(p) for p in extraction.people],
        "dateline": asdict(extraction.dateline) if extraction.dateline else None,
    }


def embed_article_claims(article_id: int) -> int:
    """Embed the article's claims that have no vector; the count embedded.

    A sentence text is encoded once: a vector stored on any claim with the same
    text hash (another outlet carrying the same line) is reused, and repeats
    within the batch share one encoding.
    """
    if not Article.objects.filter(pk=article_id).exists():
        return 0
    rows = list(
        Claim.objects.filter(article_id=article_id, embedding__isnull=True).only(
            "id", "text", "text_hash"
        )
    )
    if rows:
        vectors = _known_vectors({r.text_hash for r in rows})
        missing: dict[str, str] = {}  # text hash -> text, for the claims not encoded yet
        for row in rows:
            if row.text_hash not in vectors:
                missing.setdefault(row.text_hash, row.text)
        vectors.update(_encode(missing))
        for row in rows:
            row.embedding = vectors[row.text_hash]
        update_rows(Claim, rows, ["embedding"])
    Article.objects.filter(pk=article_id, status=Article.Status.EXTRACTED).update(
        status=Article.Status.EMBEDDED
    )
    return len(rows)


def _known_vectors(hashes: set[str]) -> dict[str, bytes]:
    """Vectors already computed for these text hashes: the cache, then stored claims."""
    model = embed.model_name(embed.get_embedder())
    found: dict[str, bytes] = {}
    ordered = sorted(hashes)
    for i in range(0, len(ordered), LOOKUP_CHUNK):
        chunk = ordered[i : i + LOOKUP_CHUNK]
        cached = EmbeddingCache.objects.filter(model=model, text_hash__in=chunk)
        for digest, vector in cached.values_list("text_hash", "vector"):
            found[digest] = bytes(vector)
        rest = [h for h in chunk if h not in found]
        if not rest:
            continue
        # Claims embedded before the cache existed (or by a test's own rows).
        pairs = Claim.objects.filter(text_hash__in=rest, embedding__isnull=False).values_list(
            "text_hash", "embedding"
        )
        for digest, vector in pairs:
            found.setdefault(digest, bytes(vector))
    return found


def _encode(texts_by_hash: dict[str, str]) -> dict[str, bytes]:
    """Encode in length-sorted chunks (less padding) and keep each vector in the cache."""
    if not texts_by_hash:
        return {}
    embedder = embed.get_embedder()
    hashes = sorted(texts_by_hash, key=lambda h: len(texts_by_hash[h]))
    out = {}
    for i in range(0, len(hashes), ENCODE_CHUNK):
        chunk = hashes[i : i + ENCODE_CHUNK]
        matrix = embedder.encode([texts_by_hash[h] for h in chunk])
        for digest, vector in zip(chunk, matrix, strict=True):
            out[digest] = embed.to_bytes(vector)
    _remember(embed.model_name(embedder), out)
    return out


def _remember(model: str, vectors: dict[str, bytes]) -> None:
    rows = [EmbeddingCache(model=model, text_hash=h, vector=v) for h, v in vectors.items()]
    # Two workers encoding the same line race harmlessly: the first row stays.
    insert_rows(EmbeddingCache, rows, ignore_conflicts=True)


def encode_texts(texts: list[str]) -> np.ndarray:
    """Unit vectors for any texts (headlines, leads), each distinct text encoded once ever."""
    if not texts:
        return np.zeros((0, embed.get_embedder().dim), dtype=np.float32)
    by_hash = {text_hash(t): t for t in texts}
    vectors = _known_vectors(set(by_hash))
    vectors.update(_encode({h: t for h, t in by_hash.items() if h not in vectors}))
    return np.vstack([embed.from_bytes(vectors[text_hash(t)]) for t in texts])
