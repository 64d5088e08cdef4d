"""The public claim-matching sets in `../shared/eval/`, read as plain lists, and
an on-disk cache of their sentence embeddings.

Splits:
* MRPC: the authors' train (3,675 pairs; this copy has no dev split) and test
  (1,725 pairs).
* ClaimMatch has no split of its own: each social-media claim (claim1) comes
  twice, once with its fact-check and once with an unrelated one. Claims are
  split in halves by a hash of their matching fact-check's text, so every
  claim told by the same fact-check falls on one side; `train` is used for
  training and for choosing cut-offs, `test` only for the figures.
* CLEF 2020 CheckThat! Task 2: the organisers' train, dev and test tweets.

The cache (`.cache/eval-embed/`, gitignored) keys each vector by the model's
name and the text's hash, so a second run embeds nothing.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("EVAL_DATA_DIR", ROOT.parent / "shared" / "eval"))
CACHE = ROOT / ".cache" / "eval-embed"

csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class Pair:
    text_a: str
    text_b: str
    label: int  # 1: the same claim


def mrpc(split: str) -> list[Pair]:
    """MRPC `train` or `test`."""
    path = DATA / "mrpc" / f"msr_paraphrase_{split}.txt"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Pair(r[3], r[4], int(r[0])) for r in rows[1:] if len(r) >= 5]


def _claimmatch_rows() -> list[tuple[str, str, int]]:
    path = DATA / "claimmatch" / "ClaimMatchData.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    return [(r[0], r[1], int(r[2])) for r in rows[1:] if len(r) >= 3]


def claimmatch_side(fact_check: str) -> str:
    """ "train" or "test": half of the fact-checks by a hash of their text."""
    digest = hashlib.sha256(fact_check.strip().encode()).digest()
    return "train" if digest[0] % 2 == 0 else "test"


def claimmatch(split: str) -> list[Pair]:
    """ClaimMatch `train` or `test` (see the module docstring for the split)."""
    rows = _claimmatch_rows()
    side = {a: claimmatch_side(b) for a, b, label in rows if label == 1}
    return [Pair(a, b, label) for a, b, label in rows if side.get(a) == split]


@dataclass(frozen=True)
class VerifiedClaim:
    id: str
    claim: str
    title: str


def clef_verified() -> list[VerifiedClaim]:
    path = DATA / "clef2020-task2" / "verified_claims.docs.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [VerifiedClaim(r[0], r[1], r[2] if len(r) > 2 else "") for r in rows[1:] if r]


def clef_queries(split: str) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    """(tweet id, text) and tweet id -> the ids of its verified claims."""
    folder = DATA / "clef2020-task2" / split
    with (folder / "tweets.queries.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    queries = [(r[0], r[1]) for r in rows[1:] if len(r) >= 2]
    qrels: dict[str, set[str]] = {}
    for line in (folder / "tweet-vclaim-pairs.qrels").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3] != "0":
            qrels.setdefault(parts[0], set()).add(parts[2])
    return queries, qrels


# --- embeddings ------------------------------------------------------------------


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class CachedEncoder:
    """`encode(texts)` through the pipeline's embedder, remembered on disk."""

    def __init__(self, embedder=None, folder: Path = CACHE, name: str = "all-minilm-l6-v2"):
        self.folder = folder
        self.name = name
        self._embedder = embedder
        self._index: dict[str, int] = {}
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._load()

    @property
    def embedder(self):
        if self._embedder is None:
            from claims.nlp.embed import get_embedder

            self._embedder = get_embedder()
        return self._embedder

    @property
    def dim(self) -> int:
        return int(self._matrix.shape[1]) if self._matrix.size else self.embedder.dim

    def _paths(self):
        return self.folder / f"{self.name}.npy", self.folder / f"{self.name}.keys.json"

    def _load(self) -> None:
        vectors, keys = self._paths()
        if vectors.exists() and keys.exists():
            names = json.loads(keys.read_text())
            matrix = np.load(vectors)
            if len(names) == len(matrix):
                self._index = {k: i for i, k in enumerate(names)}
                self._matrix = matrix

    def _save(self) -> None:
        vectors, keys = self._paths()
        self.folder.mkdir(parents=True, exist_ok=True)
        names = sorted(self._index, key=self._index.get)
        tmp = vectors.with_suffix(".tmp.npy")
        np.save(tmp, self._matrix)
        os.replace(tmp, vectors)
        keys.write_text(json.dumps(names))

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [_key(t) for t in texts]
        missing = sorted(
            {k: t for k, t in zip(keys, texts, strict=True) if k not in self._index}.items()
        )
        if missing:
            fresh = self.embedder.encode([t for _, t in missing])
            start = len(self._index)
            if self._matrix.size == 0:
                self._matrix = np.zeros((0, fresh.shape[1]), dtype=np.float32)
            self._matrix = np.vstack([self._matrix, fresh.astype(np.float32)])
            for offset, (k, _) in enumerate(missing):
                self._index[k] = start + offset
            self._save()
        if not texts:
            return np.zeros((0, self._matrix.shape[1] if self._matrix.size else 384), np.float32)
        return self._matrix[[self._index[k] for k in keys]]


def all_texts() -> list[str]:
    """Every text the matching evaluation and training embed."""
    texts: list[str] = []
    for split in ("train", "test"):
        for p in mrpc(split) + claimmatch(split):
            texts += [p.text_a, p.text_b]
    verified = clef_verified()
    texts += [v.claim for v in verified] + [v.title for v in verified if v.title]
    texts += [f"{v.title}. {v.claim}" for v in verified if v.title]
    for split in ("train", "dev", "test"):
        texts += [t for _, t in clef_queries(split)[0]]
    for articles in story_articles().values():
        texts += [line for lines in articles for line in lines]
    return texts


def story_articles(sentences: int = 10) -> dict[str, list[list[str]]]:
    """ECB+ coverage of one event, the tune half only (odd topics, as `eval stories`
    tunes on them): event -> each article's body lines (the lead left out, as it
    is the line most often told the same way by two articles)."""
    gold = json.loads((DATA / "ecbplus" / "gold.json").read_text(encoding="utf-8"))
    by_event: dict[str, list[list[str]]] = {}
    with (DATA / "ecbplus" / "ecbplus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            info = gold.get(article["url"], {})
            if not info.get("event") or not int(info.get("topic", 0)) % 2:
                continue
            lines = [s.strip() for s in article["text"].split("\n")[1:]]
            lines = [s for s in lines if 8 <= len(s.split()) <= 60][:sentences]
            if lines:
                by_event.setdefault(info["event"], []).append(lines)
    return by_event


if __name__ == "__main__":
    # Fill the cache: `python -m eval.matching_data`.
    encoder = CachedEncoder()
    todo = list(dict.fromkeys(all_texts()))
    for start in range(0, len(todo), 2000):
        encoder.encode(todo[start : start + 2000])
        print(f"{min(start + 2000, len(todo))}/{len(todo)}", flush=True)
