"""Batch claim matching for `manage.py match_pairs` and `manage.py match_claims`.

Both run the pipeline's own code: the embedder of `claims.nlp.embed`, the
features and models of `claims.analysis.matching`, and the vector index of the
claim memory (`claims.analysis.memory`). Input is tab-separated text, read
line by line: a bad line (empty, the wrong number of columns, longer than
MAX_LINE_BYTES, not UTF-8) is reported with its number and skipped, and the
rest is processed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np

from claims.analysis import matching
from claims.analysis.memory import VectorIndex

MAX_LINE_BYTES = 20_000
ENCODE_BATCH = 512


@dataclass
class Row:
    line: int
    fields: list[str]


@dataclass
class LineError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def _lines(stream: BinaryIO) -> Iterator[tuple[bytes, int]]:
    """(line without its end, its length in bytes); a line past MAX_LINE_BYTES is
    skipped to its end without being held in memory, and comes back empty."""
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 2)
        if not raw:
            return
        length = len(raw.rstrip(b"\r\n"))
        if length > MAX_LINE_BYTES:
            while not raw.endswith(b"\n"):
                raw = stream.readline(1 << 16)
                if not raw:
                    break
                length += len(raw.rstrip(b"\r\n"))
            yield b"", length
            continue
        yield raw.rstrip(b"\r\n"), length


def read_tsv(
    stream: BinaryIO | bytes, columns: int | tuple[int, int], names: str
) -> tuple[list[Row], list[LineError]]:
    """Rows of `columns` tab-separated non-empty fields (a (min, max) range allowed)."""
    if isinstance(stream, bytes):
        stream = io.BytesIO(stream)
    low, high = (columns, columns) if isinstance(columns, int) else columns
    rows, errors = [], []
    for number, (raw, length) in enumerate(_lines(stream), start=1):
        if length > MAX_LINE_BYTES:
            errors.append(LineError(number, f"longer than {MAX_LINE_BYTES} bytes ({length})"))
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            errors.append(LineError(number, f"not UTF-8 (byte {exc.start + 1})"))
            continue
        if not line.strip():
            errors.append(LineError(number, "empty line"))
            continue
        fields = line.split("\t")
        if not low <= len(fields) <= high:
            want = str(low) if low == high else f"{low} to {high}"
            errors.append(
                LineError(
                    number,
                    f"expected {want} tab-separated columns ({names}), found {len(fields)}",
                )
            )
            continue
        blank = [i + 1 for i, f in enumerate(fields[:low]) if not f.strip()]
        if blank:
            errors.append(LineError(number, f"column {blank[0]} is empty ({names})"))
            continue
        rows.append(Row(number, [f.strip() for f in fields]))
    return rows, errors


def _encode(embedder, texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    parts = [
        embedder.encode(texts[i : i + ENCODE_BATCH]) for i in range(0, len(texts), ENCODE_BATCH)
    ]
    return np.vstack(parts).astype(np.float32)


def match_config() -> matching.MatchConfig:
    """The same-claim cut-offs of settings MATCH_*."""
    from django.conf import settings

    return matching.MatchConfig(
        same=settings.MATCH_SAME,
        suggest=settings.MATCH_SUGGEST,
        story_auto=settings.MATCH_STORY_AUTO,
        story_suggest=settings.MATCH_STORY_SUGGEST,
        story_join=settings.MATCH_STORY_JOIN,
        max_suggestions=settings.MATCH_MAX_SUGGESTIONS,
    )


def match_pairs(rows: list[Row], embedder=None, matcher=None, config=None) -> list[dict]:
    """One {"line", "decision", "score"} per row of (text_a, text_b), decided as
    the story clustering decides (same model, same cut-offs: `match_config`)."""
    from claims.nlp.embed import get_embedder

    embedder = embedder or get_embedder()
    a = [matching.clean(r.fields[0]) for r in rows]
    b = [matching.clean(r.fields[1]) for r in rows]
    vectors = _encode(embedder, a + b)
    decisions = matching.decide_pairs(
        a, b, vectors[: len(a)], vectors[len(a) :], matcher, config or match_config()
    )
    return [
        {"line": r.line, "decision": d.decision, "score": d.score}
        for r, d in zip(rows, decisions, strict=True)
    ]


def match_claims(
    queries: list[Row], against: list[Row], top: int = 5, embedder=None, matcher=None
) -> tuple[list[dict], list[LineError]]:
    """For each query (id, text): its `top` matches among `against` (id, text[, title]).

    The candidates are indexed and searched as the claim memory does it, then
    re-ranked by the memory model. An id given twice in `against` keeps its
    first row; the later ones are reported.
    """
    from claims.nlp.embed import get_embedder

    embedder = embedder or get_embedder()
    errors, seen, entries = [], set(), []
    for row in against:
        if row.fields[0] in seen:
            errors.append(LineError(row.line, f"duplicate id {row.fields[0]!r} (kept the first)"))
            continue
        seen.add(row.fields[0])
        title = row.fields[2] if len(row.fields) > 2 else ""
        entries.append((row.fields[0], matching.memory_text(row.fields[1], title)))
    vectors = _encode(embedder, [text for _, text in entries])
    index = VectorIndex(embedder.dim, expected=len(entries))
    index.add(np.arange(len(entries)), vectors)
    # Queries as written: a post's signature and handles help find its fact-check.
    q_texts = [r.fields[1] for r in queries]
    q_vectors = _encode(embedder, q_texts)
    ids, _ = index.search(q_vectors, matching.RERANK_DEPTH)
    results = []
    for row, text, vector, found in zip(queries, q_texts, q_vectors, ids, strict=True):
        candidates = [
            matching.Candidate(entries[i][0], entries[i][1], vectors[i]) for i in found if i >= 0
        ]
        ranked = matching.rank(text, vector, candidates, top=top, matcher=matcher)
        results.append(
            {
                "id": row.fields[0],
                "matches": [{"id": r.id, "score": r.score} for r in ranked],
            }
        )
    return results, errors
