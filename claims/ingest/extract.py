"""HTML -> title, author, date, main text, language and canonical URL.

Also the text normaliser behind content hashes: two fetches whose text differs
only by whitespace, typography, encoding damage or a dateline hash the same,
so they never make a revision. No Django imports.
"""

from __future__ import annotations

import copy
import hashlib
import html as htmllib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import courlan
import lxml.html
import trafilatura
from htmldate import find_date

from claims.ingest.errors import ParseError
from claims.nlp.normalize import TYPOGRAPHY_CHARS


@dataclass
class Document:
    url: str
    title: str
    text: str
    author: str = ""
    published: datetime | None = None
    language: str = ""
    sitename: str = ""


# -- URLs ----------------------------------------------------------------------


# courlan drops these as trackers, but some sites number their articles with
# them (`essay.php?eid=731&cid=55`): dropped, every article of such a site would
# fold into one URL, each new one stored as a "revision" of the last.
ID_PARAMS = frozenset({"cid", "clid", "eid", "uid"})


def normalise_url(url: str) -> str:
    """courlan's normalisation (case, default port, tracking parameters), no fragment."""
    url = url.strip()
    try:
        normal = courlan.normalize_url(url)
    except (ValueError, AttributeError):
        normal = url
    return _keep_id_params(normal.split("#", 1)[0], url)


def _keep_id_params(normal: str, original: str) -> str:
    ids = [
        (key, value)
        for key, value in parse_qsl(urlsplit(original).query, keep_blank_values=False)
        if key.lower() in ID_PARAMS
    ]
    if not ids:
        return normal
    parts = urlsplit(normal)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(ids)
    return urlunsplit(parts._replace(query=urlencode(sorted(query.items()))))


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def same_site(a: str, b: str) -> bool:
    """Same host, ignoring www., or one a subdomain of the other (amp., m.)."""
    ha, hb = host_of(a), host_of(b)
    return bool(ha) and (ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha))


def canonical_url(tree, url: str, *, any_site: bool = False) -> str:
    """<link rel=canonical>, else og:url, else the normalised URL itself.

    A canonical link to another site is ignored (unless `any_site`, for local
    files): a fetched page must not be able to claim another outlet's article.
    """
    candidates = tree.xpath(
        "//link[contains(concat(' ', normalize-space(translate(@rel, 'CANONIL', 'canonil')), ' '),"
        " ' canonical ')]/@href | //meta[@property='og:url']/@content"
    )
    for href in candidates:
        href = href.strip()
        if not href:
            continue
        absolute = urljoin(url, href)
        if urlsplit(absolute).scheme in ("http", "https") and (
            any_site or same_site(absolute, url)
        ):
            return normalise_url(absolute)
    return normalise_url(url) if url else ""


# -- dates ---------------------------------------------------------------------

_DATE_XPATHS = [
    "//meta[@property='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate' or @name='publishdate' or @name='date'"
    " or @name='DC.date.issued' or @name='dcterms.created']/@content",
    "//time[@itemprop='datePublished']/@datetime",
]


def parse_datetime(value: str) -> datetime | None:
    """ISO 8601 (what pages and manifests use); naive values are taken as UTC."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _json_ld_dates(tree) -> list[str]:
    found = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    found.append(item["datePublished"])
                stack.extend(v for v in item.values() if isinstance(v, dict | list))
    return found


def published_date(tree, html: str, url: str) -> datetime | None:
    """Full timestamp from the page's metadata, else htmldate's date.

    A bare date is stored at 12:00 UTC, which stays on the same calendar day
    in every time zone from UTC-11 to UTC+11.
    """
    for value in [v for xp in _DATE_XPATHS for v in tree.xpath(xp)] + _json_ld_dates(tree):
        parsed = parse_datetime(value)
        if parsed:
            return parsed
    try:
        found = find_date(html, original_date=True, url=url or None, extensive_search=True)
    except (ValueError, TypeError):
        found = None
    if found:
        try:
            day = date.fromisoformat(found[:10])
        except ValueError:
            return None
        return datetime.combine(day, time(12), tzinfo=UTC)
    return None


# -- extraction ----------------------------------------------------------------


def _tree(html: str):
    try:
        return lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ParseError(f"not an HTML document: {exc}") from exc


def _clean_lines(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _fallback_text(tree) -> str:
    """Paragraph text of a page too short or broken for trafilatura and its baseline."""
    for bad in tree.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside|//form"):
        bad.drop_tree()
    blocks = tree.xpath("//p|//h1|//h2|//h3|//li|//blockquote")
    parts = [" ".join(b.text_content().split()) for b in blocks] or [
        " ".join(tree.text_content().split())
    ]
    return _clean_lines("\n".join(p for p in parts if len(p) > 1))


_BOILERPLATE = "//nav|//header|//footer|//aside"
_SCRIPTS = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.I | re.S)
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|h[1-6]|li|blockquote|article|section|tr)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]*>")


def _flat_text(html: str) -> str:
    """Text of markup too deep for the parser (libxml2 stops at a nesting limit)."""
    body = html.split("</head>", 1)[-1]
    body = _BLOCK_TAGS.sub("\n", _SCRIPTS.sub(" ", body))
    return _clean_lines(htmllib.unescape(_TAGS.sub("", body)))


def _only_boilerplate(tree, text: str) -> bool:
    """True when every line of `text` is navigation, header or footer text."""
    chrome = " ".join(" ".join(e.text_content().split()) for e in tree.xpath(_BOILERPLATE))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return bool(chrome) and all(line in chrome for line in lines if line)


def extract_html(html: str | bytes, url: str, *, any_canonical: bool = False) -> Document:
    """Main text and metadata of a news page. Raises ParseError if it has no text."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not html.strip():
        raise ParseError(f"{url}: empty page")
    tree = _tree(html)
    doc = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False, deduplicate=False
    )
    text = _clean_lines(getattr(doc, "text", None) or "")
    if not text:
        # Pages trafilatura cannot segment (malformed, no <p>): the baseline.
        try:
            _body, baseline_text, _len = trafilatura.baseline(html)
        except (ValueError, TypeError):
            baseline_text = ""
        text = _clean_lines(baseline_text or "")
    if not text:
        text = _fallback_text(copy.deepcopy(tree))
    flat = _flat_text(html)
    if len(flat) > 2 * len(" ".join(tree.text_content().split())) + 200:
        text = flat  # the parser lost most of the page (nesting too deep)
    if not text or _only_boilerplate(tree, text):
        raise ParseError(f"{url or 'the page'}: no article text found in the page")
    title = (getattr(doc, "title", None) or "").strip()
    if not title:
        title = " ".join(tree.xpath("string(//title)").split())
    language = (getattr(doc, "language", None) or "").strip()
    if not language:
        langs = tree.xpath("/html/@lang | //html/@lang")
        language = langs[0].strip() if langs else ""
    return Document(
        url=canonical_url(tree, url, any_site=any_canonical),
        title=title[:500],
        text=text,
        author=(getattr(doc, "author", None) or "").strip()[:300],
        published=published_date(tree, html, url),
        language=language[:12],
        sitename=(getattr(doc, "sitename", None) or "").strip()[:200],
    )


def extract_text(text: str, url: str, title: str = "") -> Document:
    """A plain-text body: the first line is the title unless one is given."""
    text = _clean_lines(text)
    if not text:
        raise ParseError(f"{url}: empty text")
    if not title:
        title = text.split("\n", 1)[0][:500]
    return Document(url=normalise_url(url) if url else "", title=title, text=text)


# -- text that can be stored ---------------------------------------------------

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# C0 and C1 controls but tab and newline; unpaired UTF-16 surrogates.
_UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_VISIBLE_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")


def storable(text: str) -> str:
    """Text as it can be stored and shown: terminal escapes, control characters
    (NUL cannot go into PostgreSQL) and unpaired surrogates (cannot be encoded)
    removed, every kind of line break a newline."""
    text = _ANSI.sub("", text or "")
    text = _LINE_BREAKS.sub("\n", text)
    return _UNSTORABLE.sub("", text)


def is_blank(text: str) -> bool:
    """Nothing but whitespace and invisible characters (zero-width, BOM, soft hyphen)."""
    return not _VISIBLE_SPACE.sub("", text or "")


# -- the hashing normaliser ----------------------------------------------------

# Zero-width characters and soft hyphens vanish too: they never change meaning.
_INVISIBLE = dict.fromkeys(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
_TYPOGRAPHY = str.maketrans({**TYPOGRAPHY_CHARS, **_INVISIBLE})
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00e2][\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u0192\u2122]"
)
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june"
    "|july|august|september|october|november|december"
)
_DATE_WORDS = re.compile(
    rf"\b(?:{_MONTHS}|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|updated|update|published|posted|last|modified|on|at|am|pm|a\.m\.|p\.m\."
    r"|ist|gmt|utc|bst|est|edt|cet|pst|pdt|et|pt|hrs|hours?|minutes?|mins?|ago|\d{1,4}"
    r"|\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
_HAS_DATE = re.compile(rf"\d|\b(?:{_MONTHS})\b", re.IGNORECASE)
# "WASHINGTON, Oct 31 (Reuters) - ", "New Delhi: ", "KUALA LUMPUR (AP) -- "
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*){0,3})"
    rf"(?:,\s*(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+(?:{_MONTHS})\.?(?:\s+\d{{4}})?))?"
    r"\s*(?:\([A-Za-z][A-Za-z .&/]{0,30}\))?\s*(?:-{1,2}|:)\s+",
    re.IGNORECASE,
)


def repair_mojibake(text: str) -> str:
    """UTF-8 that was decoded as cp1252/latin-1 ("â€™"), put back when that is certain."""
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def _is_date_line(line: str) -> bool:
    if not _HAS_DATE.search(line) or len(line) > 80:
        return False
    rest = _DATE_WORDS.sub(" ", line)
    return not re.sub(r"[\s,.:;|/()\-+]", "", rest)


def normalise_for_hash(text: str) -> str:
    """Text reduced to what makes a revision: words and their order.

    Removed: whitespace differences, typographic quotes/dashes, NFKC-equivalent
    characters, zero-width characters, UTF-8 mojibake, lines that are only a
    date or time ("Updated: Nov 1, 2025 10:45 IST") and a leading dateline
    ("WASHINGTON, Oct 31 (Reuters) - ").
    """
    text = repair_mojibake(text or "")
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    lines = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line or _is_date_line(line):
            continue
        line = _DATELINE.sub("", line, count=1) if len(line) > 40 else line
        lines.append(line)
    # Paragraph breaks are whitespace too: re-wrapped text is the same text.
    return " ".join(lines)


def content_hash(title: str, text: str) -> str:
    normal = normalise_for_hash(title) + "\n\n" + normalise_for_hash(text)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()
