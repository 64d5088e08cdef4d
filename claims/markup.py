"""HTML for the reviewer pages built from untrusted text: highlights and word diffs.

Pure Python, no Django imports, unit-tested without a database
(tests/unit/test_markup.py). Article text, quotes and flag values are data:
every piece of text passes through `escape`, and the results are `Html`, a str
carrying `__html__`, so Django's templates and format_html take them as safe
without a second escape (the same protocol as Django's SafeString).
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable, Mapping, Sequence

Span = tuple[int, int, str, Mapping[str, object]]  # (start, end, tag, attributes)


class Html(str):
    """Markup that is already escaped."""

    __slots__ = ()

    def __html__(self) -> Html:
        return self


def escape(value: object) -> Html:
    """Escape text; markup that is already `Html` (or Django's SafeString) passes as is."""
    if hasattr(value, "__html__"):
        return Html(value.__html__())
    return Html(html.escape(str(value)))


def element(tag: str, content: object, attrs: Mapping[str, object] | None = None) -> Html:
    attr_html = "".join(f' {escape(k)}="{escape(v)}"' for k, v in (attrs or {}).items())
    return Html(f"<{tag}{attr_html}>{escape(content)}</{tag}>")


# --- highlighting ------------------------------------------------------------------


def mark_spans(text: str, spans: Iterable[Span], base: int = 0) -> Html:
    """Escape `text`, wrapping each (start, end, tag, attrs) span; offsets relative to `base`.

    Spans are clipped to the text; a span overlapping one already placed is dropped.
    """
    out: list[str] = []
    cursor = 0
    for start, end, tag, attrs in sorted(spans, key=lambda s: (s[0], -s[1])):
        start, end = max(start - base, 0), min(end - base, len(text))
        if start < cursor or end <= start:
            continue
        out.append(escape(text[cursor:start]))
        out.append(element(tag, text[start:end], attrs))
        cursor = end
    out.append(escape(text[cursor:]))
    return Html("".join(out))


def term_spans(
    text: str, terms: Iterable[str], tag: str = "mark", attrs: Mapping[str, object] | None = None
) -> list[Span]:
    """Every whole-word, case-insensitive occurrence of each term (longest terms first)."""
    spans: list[Span] = []
    lowered = text.lower()
    for term in sorted({t for t in terms if t and len(t) > 1}, key=len, reverse=True):
        start = lowered.find(term.lower())
        while start != -1:
            end = start + len(term)
            # whole words only: "US" must not light up inside "USA"
            if not (start > 0 and text[start - 1].isalnum()) and not (
                end < len(text) and text[end].isalnum()
            ):
                spans.append((start, end, tag, attrs or {}))
            start = lowered.find(term.lower(), start + 1)
    return spans


def highlight_terms(
    text: str, terms: Iterable[str], attrs: Mapping[str, object] | None = None
) -> Html:
    return mark_spans(text, term_spans(text, terms, "mark", attrs))


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line: article text keeps one paragraph per line."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


EVIDENCE_CONTEXT = 360  # characters of paragraph kept on each side of an evidence sentence


def evidence_html(text: str, sentence: str, start: object, end: object, value: str) -> Html:
    """The evidence sentence inside its paragraph of `text`, the sentence and `value` marked.

    `start`/`end` come from stored JSON: when they are not valid offsets of the
    sentence in `text`, the sentence is looked up; when it is not there at all
    (the article changed or is gone) the sentence is shown on its own.
    """
    span = None
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        span = (start, end)
    if span is None or (sentence and text[span[0] : span[1]].strip() != sentence.strip()):
        found = text.find(sentence) if sentence else -1
        span = (found, found + len(sentence)) if found >= 0 else None
    if span is None:
        inner = highlight_terms(sentence, [value], {"class": "variant"})
        return Html(f'<p class="evidence-para"><mark class="evidence">{inner}</mark></p>')
    lo, hi = span
    para_start, para_end = lo, hi
    for p_start, p_end in paragraph_bounds(text):
        if p_start <= lo < p_end:
            para_start, para_end = p_start, max(p_end, hi)
            break
    limit = EVIDENCE_CONTEXT  # keep long paragraphs readable: trim far context
    lead = "…" if lo - para_start > limit else ""
    tail = "…" if para_end - hi > limit else ""
    para_start = max(para_start, lo - limit)
    para_end = min(para_end, hi + limit)
    inner = highlight_terms(text[lo:hi], [value], {"class": "variant"})
    return Html(
        f'<p class="evidence-para">{lead}{escape(text[para_start:lo])}'
        f'<mark class="evidence">{inner}</mark>{escape(text[hi:para_end])}{tail}</p>'
    )


# --- word diffs ----------------------------------------------------------------------

WORD = re.compile(r"\S+\s*|\s+")  # a word with the spaces after it: marks stay contiguous


def _norm(token: str) -> str:
    """Compare words, not typography: case, quotes and trailing punctuation don't count."""
    return re.sub(r"[^\w\-]", "", token).lower() or token.strip()


def word_diff(reference: str, text: str, min_ratio: float = 0.0) -> Html:
    """`text` with the words that differ from `reference` wrapped in <mark class="diff">.

    Below `min_ratio` similarity the texts are paraphrases, not variants: no marks.
    """
    ref_tokens, tokens = WORD.findall(reference or ""), WORD.findall(text or "")
    matcher = difflib.SequenceMatcher(
        None, [_norm(t) for t in ref_tokens], [_norm(t) for t in tokens], autojunk=False
    )
    if min_ratio and matcher.ratio() < min_ratio:
        return escape(text or "")
    out: list[str] = []
    for op, _a1, _a2, b1, b2 in matcher.get_opcodes():
        chunk = "".join(tokens[b1:b2])
        if op == "equal" or not chunk.strip():
            out.append(escape(chunk))
        else:
            body = chunk.rstrip()
            out.append(element("mark", body, {"class": "diff"}))
            out.append(escape(chunk[len(body) :]))
    return Html("".join(out))


def render_diff_ops(ops: Sequence[tuple[str, str]], context_chars: int = 240) -> Html:
    """[(op, text)] of claims.ingest.diff -> HTML with <ins>/<del>; long unchanged runs elided."""
    out: list[str] = []
    for op, text in ops:
        if op == "insert":
            out.append(element("ins", text))
        elif op == "delete":
            out.append(element("del", text))
        elif len(text) > 2 * context_chars + 40:
            head = text[:context_chars].rsplit(" ", 1)[0] if out else ""
            tail = text[-context_chars:].split(" ", 1)[-1]
            hidden = len(text) - len(head) - len(tail)
            out.append(
                f'{escape(head)} <span class="elided" title="{hidden} unchanged characters">'
                f"…</span> {escape(tail)}"
            )
        else:
            out.append(escape(text))
    return Html("".join(out))
