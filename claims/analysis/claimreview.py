"""Published fact-checks read from schema.org ClaimReview JSON-LD. No Django.

`parse_json(data)` reads one JSON document (bytes or text): a ClaimReview
object, a list of them, an `@graph`, a DataFeed, or any object that nests
them (a WebPage's mainEntity...). `parse_html(html)` reads the
`<script type="application/ld+json">` blocks of a page. Both return the
fact-checks found and one error per item that could not be read (no claim,
a bad date, a node with a claim that is not a ClaimReview...), so a bad item
never stops the others.

A publisher's rating is kept in its own words; `verdict_for` maps it onto our
verdicts (claims.models.Review.Verdict values) where the words, or a numeric
rating on a stated scale, say it plainly, and leaves it unmapped otherwise.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import lxml.etree
import lxml.html

MAX_DOCUMENT_BYTES = 10_000_000
MAX_CLAIM_CHARS = 5_000
MAX_LINE_BYTES = 1_000_000  # one line of JSON Lines
MAX_ITEMS = 10_000
# Deeper JSON than this is not a fact-check feed (and would exhaust the stack).
MAX_DEPTH = 40
SCHEMA_PREFIXES = ("schema:", "http://schema.org/", "https://schema.org/")

# Our verdicts, as claims.models.Review.Verdict values (this module has no Django).
TRUE, MOSTLY_TRUE, MIXED = "true", "mostly_true", "mixed"
MISLEADING, FALSE, UNVERIFIABLE = "misleading", "false", "unverifiable"

# Publishers' words for their ratings -> our verdict. Only words whose meaning
# is plain; "satire", "outdated", "explainer"... stay as text without a verdict.
# "Mostly false" sits at 2 of 5 like our "misleading" (review.RATING_VALUE).
RATING_WORDS = {
    TRUE: [
        "true", "correct", "accurate", "verified", "confirmed", "geppetto checkmark",
        "verdadero", "verdadeiro", "vrai", "richtig", "wahr", "vero",
    ],
    MOSTLY_TRUE: [
        "mostly true", "mostly correct", "mostly accurate", "largely true",
        "largely accurate", "one pinocchio", "mostly-true",
    ],
    MIXED: [
        "half true", "half-true", "mixture", "mixed", "partly true", "partly false",
        "partially true", "partially false", "partly correct", "half right",
        "two pinocchios", "en partie vrai", "teilweise falsch",
    ],
    MISLEADING: [
        "misleading", "mostly false", "mostly-false", "missing context", "lacks context",
        "needs context", "out of context", "exaggerated", "exaggeration", "distorted",
        "cherry-picked", "three pinocchios", "engañoso", "enganoso", "trompeur",
        "irreführend", "fuorviante", "sin contexto",
    ],
    FALSE: [
        "false", "incorrect", "inaccurate", "wrong", "fake", "fabricated", "hoax",
        "not true", "pants on fire", "four pinocchios", "baseless",
        "falso", "faux", "falsch", "fake news",
    ],
    UNVERIFIABLE: [
        "unverifiable", "unproven", "unverified", "unsupported", "unsubstantiated",
        "no evidence", "cannot be verified", "can't be verified", "not verifiable",
        "insufficient evidence", "inconclusive", "research in progress",
    ],
}  # fmt: skip
_WORD_VERDICT = {word: verdict for verdict, words in RATING_WORDS.items() for word in words}


@dataclass(frozen=True)
class FactCheckItem:
    key: str
    claim_reviewed: str
    rating: str = ""
    verdict: str = ""
    publisher: str = ""
    claimant: str = ""
    url: str = ""
    date_published: date | None = None
    where: str = ""


@dataclass(frozen=True)
class ItemError:
    where: str  # "document", "[3]", "@graph[2]", "script 2 [0]"...
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ParseResult:
    items: list[FactCheckItem] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)

    def extend(self, other: ParseResult) -> None:
        self.items.extend(other.items)
        self.errors.extend(other.errors)


class _Bad(ValueError):
    """One item's problem: becomes an ItemError."""


# --- keys, words, values ---------------------------------------------------------------


def fact_check_key(url: str, claim: str, publisher: str = "") -> str:
    """The FactCheck key: the review's URL and its claim (the publisher stands in for
    a missing URL, so two publishers' URL-less reviews of one claim stay two)."""
    claim = " ".join(claim.split()).casefold()
    where = url.strip() or f"publisher:{publisher.strip().casefold()}"
    return hashlib.sha256(f"{where}\n{claim}".encode()).hexdigest()


def _local(name: str) -> str:
    for prefix in SCHEMA_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _types(node: dict) -> list[str]:
    value = node.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return [_local(v) for v in values if isinstance(v, str)]


def _get(node: dict, name: str):
    """A property by its schema.org name, however the key is prefixed."""
    for key in (name, *(prefix + name for prefix in SCHEMA_PREFIXES)):
        if key in node:
            return node[key]
    return None


def _first(value):
    """JSON-LD allows a list, or an {"@value": ...} object, wherever one value goes."""
    if isinstance(value, list):
        value = next((v for v in value if v not in (None, "", [], {})), None)
    if isinstance(value, dict) and "@value" in value:
        value = value["@value"]
    return value


def _text(value, what: str, limit: int = 200) -> str:
    value = _first(value)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Bad(f"{what} is not text")
    return " ".join(html.unescape(str(value)).split())[:limit]


def _name(value, what: str) -> str:
    """An Organization's or a Person's name, or a plain string."""
    value = _first(value)
    if isinstance(value, dict):
        return _text(_get(value, "name"), f"{what} name")
    return _text(value, what)


def _schema_context(context) -> bool:
    if isinstance(context, str):
        return "schema.org" in context
    if isinstance(context, list):
        return any(_schema_context(c) for c in context)
    if isinstance(context, dict):
        return any(_schema_context(v) for v in context.values())
    return False


# --- ratings ---------------------------------------------------------------------------


def _words(text: str) -> str:
    return " ".join(text.casefold().strip(" \t\"'“”‘’«».!:;").split())


def _number(value) -> float | None:
    value = _first(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _scale_verdict(value: float, best: float, worst: float) -> str:
    """A rating on the publisher's stated scale, in five equal bands (1..5 maps as
    review.RATING_VALUE: 5 true ... 1 false)."""
    share = (value - worst) / (best - worst)
    for floor, verdict in (
        (0.875, TRUE),
        (0.625, MOSTLY_TRUE),
        (0.375, MIXED),
        (0.125, MISLEADING),
    ):
        if share >= floor:
            return verdict
    return FALSE


def verdict_for(text: str, value=None, best=None, worst=None) -> str:
    """Our verdict for a publisher's rating, or "" when it does not map plainly.

    The words decide first. A number is used only when the words are missing
    or unknown and the publisher states both ends of its scale (schema.org's
    defaults of 5 and 1 are often not what the site meant).
    """
    verdict = _WORD_VERDICT.get(_words(text or ""))
    if verdict:
        return verdict
    value, best, worst = _number(value), _number(best), _number(worst)
    if value is None or best is None or worst is None or best == worst:
        return ""
    if not min(best, worst) <= value <= max(best, worst):
        return ""
    return _scale_verdict(value, best, worst)


def _rating(node: dict) -> tuple[str, str]:
    """(the publisher's words, our verdict) from reviewRating."""
    rating = _first(_get(node, "reviewRating"))
    if rating is None:
        return "", ""
    if not isinstance(rating, dict):
        raise _Bad("reviewRating is not a Rating object")
    words = _text(_get(rating, "alternateName"), "reviewRating alternateName")
    words = words or _text(_get(rating, "name"), "reviewRating name")
    value = _get(rating, "ratingValue")
    best, worst = _get(rating, "bestRating"), _get(rating, "worstRating")
    verdict = verdict_for(words, value, best, worst)
    if not words and _number(value) is not None:
        shown = f"{_number(value):g}"
        if _number(best) is not None:
            shown += f" of {_number(best):g}"
        words = shown
    return words, verdict


# --- dates -----------------------------------------------------------------------------

_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")


def parse_date(value, today: date) -> date | None:
    """datePublished as a date; raises _Bad for a value that is not one, or is in the future."""
    value = _first(value)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise _Bad(f"datePublished {value!r} is not a date")
    text = value.strip()
    parsed = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt).replace(tzinfo=UTC).date()
                break
            except ValueError:
                continue
    if parsed is None:
        raise _Bad(f"datePublished {text[:60]!r} is not a date (expected e.g. 2025-10-31)")
    # A day of slack: the publisher's time zone may be ahead of ours.
    if parsed > today + timedelta(days=1):
        raise _Bad(f"datePublished {parsed.isoformat()} is in the future")
    return parsed


# --- one ClaimReview -------------------------------------------------------------------


def _claim(node: dict, reviewed) -> str:
    claim = _text(_get(node, "claimReviewed"), "claimReviewed", limit=MAX_CLAIM_CHARS + 1)
    if not claim and isinstance(reviewed, dict):
        # Some publishers state the claim only on the reviewed Claim itself.
        for name in ("name", "text", "headline"):
            claim = _text(_get(reviewed, name), f"itemReviewed {name}", MAX_CLAIM_CHARS + 1)
            if claim:
                break
    if not claim:
        raise _Bad("no claimReviewed (nor a name or text on itemReviewed)")
    if len(claim) > MAX_CLAIM_CHARS:
        raise _Bad(f"claimReviewed longer than {MAX_CLAIM_CHARS:,} characters")
    return claim


def _url(node: dict, default_url: str) -> str:
    url = _text(_get(node, "url"), "url", limit=2001) or default_url
    if url and (len(url) > 2000 or not re.match(r"https?://[^\s/]+", url)):
        raise _Bad(f"url {url[:80]!r} is not an http(s) address")
    return url


def _claimant(reviewed) -> str:
    if not isinstance(reviewed, dict):
        return ""
    return _name(_get(reviewed, "author"), "itemReviewed author")


def read_claim_review(
    node: dict, where: str, *, default_url: str = "", today: date
) -> FactCheckItem:
    """One ClaimReview node as a FactCheckItem; raises _Bad with the reason."""
    reviewed = _first(_get(node, "itemReviewed"))
    claim = _claim(node, reviewed)
    publisher = _name(_get(node, "author"), "author") or _name(
        _get(node, "publisher"), "publisher"
    )
    url = _url(node, default_url)
    words, verdict = _rating(node)
    return FactCheckItem(
        key=fact_check_key(url, claim, publisher),
        claim_reviewed=claim,
        rating=words,
        verdict=verdict,
        publisher=publisher,
        claimant=_claimant(reviewed),
        url=url,
        date_published=parse_date(_get(node, "datePublished"), today),
        where=where,
    )


# --- walking a document ----------------------------------------------------------------


@dataclass
class _Walk:
    default_url: str
    today: date
    result: ParseResult = field(default_factory=ParseResult)

    def error(self, where: str, message: str) -> None:
        self.result.errors.append(ItemError(where, message))

    def node(self, value, where: str, depth: int, schema: bool) -> int:
        """Read the ClaimReviews in `value`; how many were found (read or not)."""
        if depth > MAX_DEPTH:
            self.error(where, f"nested deeper than {MAX_DEPTH} levels")
            return 0
        if isinstance(value, list):
            return sum(
                self.node(v, f"{where}[{i}]", depth + 1, schema) for i, v in enumerate(value)
            )
        if not isinstance(value, dict):
            return 0
        if "@context" in value:
            schema = _schema_context(value["@context"])
        types = _types(value)
        if "ClaimReview" in types or _get(value, "claimReviewed") is not None:
            self.claim_review(value, where, types, schema)
            return 1
        found = 0
        for key, child in value.items():
            if key != "@context" and isinstance(child, dict | list):
                found += self.node(child, f"{where}.{_local(key)}".lstrip("."), depth + 1, schema)
        return found

    def claim_review(self, value: dict, where: str, types: list[str], schema: bool) -> None:
        where = where or "document"
        if "ClaimReview" not in types:
            shown = ", ".join(types) or "none"
            self.error(where, f"has claimReviewed but @type is {shown}, not ClaimReview")
        elif not schema:
            self.error(where, "its @context is not schema.org")
        elif len(self.result.items) >= MAX_ITEMS:
            self.error(where, f"more than {MAX_ITEMS:,} fact-checks in one document")
        else:
            try:
                item = read_claim_review(
                    value, where, default_url=self.default_url, today=self.today
                )
            except _Bad as exc:
                self.error(where, str(exc))
            else:
                self.result.items.append(item)

    def top(self, value, prefix: str = "") -> None:
        """A file's entries: each one that holds no ClaimReview is an error of its own."""
        entries = value if isinstance(value, list) else [value]
        for i, entry in enumerate(entries):
            where = f"{prefix}[{i}]" if isinstance(value, list) else prefix
            if self.node(entry, where, 1, schema=True) == 0 and isinstance(value, list):
                self.error(where, f"{_describe(entry)}, not a ClaimReview")
        if isinstance(value, dict) and not self.result.items and not self.result.errors:
            self.error(prefix or "document", f"{_describe(value)}: no ClaimReview in it")


def _describe(entry) -> str:
    if isinstance(entry, dict):
        types = _types(entry)
        return f"@type {', '.join(types)}" if types else "an object without @type"
    return f"a JSON {type(entry).__name__}"


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _Bad(f"larger than the limit of {MAX_DOCUMENT_BYTES:,} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Bad(f"not UTF-8 text (byte {exc.start}): JSON must be UTF-8") from exc


def _load(text: str):
    if len(text) > MAX_DOCUMENT_BYTES:
        raise _Bad(f"larger than the limit of {MAX_DOCUMENT_BYTES:,} bytes")
    if not text.strip():
        raise _Bad("empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Bad(f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from exc
    except RecursionError as exc:
        raise _Bad(f"nested deeper than {MAX_DEPTH} levels") from exc


def parse_json(
    data: bytes | str, *, default_url: str = "", today: date | None = None
) -> ParseResult:
    """The fact-checks of one JSON document, or of JSON Lines (one value a line), and an
    error per item (or line) that could not be read."""
    walk = _Walk(default_url, today or datetime.now(UTC).date())
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) <= MAX_DOCUMENT_BYTES and _is_json_lines(raw):
        _json_lines(walk, raw)
        return walk.result
    try:
        value = _load(_decode(data))
    except _Bad as exc:
        walk.error("document", str(exc))
        return walk.result
    walk.top(value)
    return walk.result


def _is_json_lines(raw: bytes) -> bool:
    """More than one line, and the first one is a whole JSON object or list on its own."""
    lines = raw.removeprefix(b"\xef\xbb\xbf").strip().split(b"\n")
    if len(lines) < 2 or not lines[0].strip().startswith((b"{", b"[")):
        return False
    try:
        json.loads(lines[0])
    except (ValueError, RecursionError):
        return False
    return True


def _json_lines(walk: _Walk, raw: bytes) -> None:
    lines = raw.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    if lines and not lines[-1].strip():
        lines.pop()  # the file's final newline
    for number, line in enumerate(lines, 1):
        where = f"line {number}"
        if len(line) > MAX_LINE_BYTES:
            walk.error(where, f"longer than {MAX_LINE_BYTES:,} bytes")
            continue
        try:
            value = _load(_decode(line.rstrip(b"\r")))
        except _Bad as exc:
            walk.error(where, str(exc))
            continue
        if walk.node(value, where, 1, schema=True) == 0:
            walk.error(where, f"{_describe(value)}, not a ClaimReview")


def _html_tree(page: bytes | str):
    if isinstance(page, bytes):
        return lxml.html.fromstring(page)
    try:
        return lxml.html.fromstring(page)
    except ValueError:  # a str that declares its own encoding: lxml wants bytes
        return lxml.html.fromstring(page.encode("utf-8"))


def parse_html(
    page: bytes | str, *, default_url: str = "", today: date | None = None
) -> ParseResult:
    """The fact-checks of a page's JSON-LD blocks; other JSON-LD (articles,
    breadcrumbs) is ignored, a block that is not JSON is an error of its own."""
    walk = _Walk(default_url, today or datetime.now(UTC).date())
    try:
        tree = _html_tree(page)
    except (ValueError, lxml.etree.ParserError) as exc:
        walk.error("page", f"not HTML: {exc}")
        return walk.result
    scripts = tree.xpath("//script[translate(@type, 'LDJSON', 'ldjson')='application/ld+json']")
    for n, script in enumerate(scripts, 1):
        where = f"script {n}" if len(scripts) > 1 else "script"
        try:
            value = _load(script.text or "")
        except _Bad as exc:
            walk.error(where, str(exc))
            continue
        walk.node(value, where, 1, schema=True)
    if not walk.result.items and not walk.result.errors:
        walk.error("page", "no ClaimReview JSON-LD on the page")
    return walk.result
