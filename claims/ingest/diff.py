"""Word-level diff of two texts, for the reviewer's revision page. No Django imports."""

from __future__ import annotations

import difflib
import re

# A word or a punctuation mark, with the whitespace after it.
_TOKEN = re.compile(r"(?:\w+(?:['\u2019.-]\w+)*|[^\w\s])\s*")

EQUAL, INSERT, DELETE = "equal", "insert", "delete"


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text), ...] with op in equal/delete/insert, adjacent ops merged.

    Words are compared without their spacing, so a change of whitespace only
    is no change. Joining the equal and insert parts gives `new` (after its
    leading whitespace); equal and delete parts give `old` up to spacing.
    """
    a, b = tokens(old), tokens(new)
    key_a, key_b = [t.rstrip() for t in a], [t.rstrip() for t in b]
    matcher = difflib.SequenceMatcher(None, key_a, key_b, autojunk=False)
    out: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add(EQUAL, "".join(b[j1:j2]))
            continue
        add(DELETE, "".join(a[i1:i2]))
        add(INSERT, "".join(b[j1:j2]))
    return out
