"""Local files: .txt, .html, .json and .jsonl records.

Each record has the fields outlet, url, published, title, text (only text is
required here; the service decides where an outlet comes from). A bad record
becomes one error message and the good records around it are kept.
No Django imports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath

from claims.ingest.errors import InvalidSource, ParseError
from claims.ingest.extract import extract_html, extract_text, parse_datetime

EXTENSIONS = (".txt", ".html", ".htm", ".json", ".jsonl")
FIELDS = ("outlet", "url", "published", "title", "text")


@dataclass
class Record:
    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: datetime | None = None
    author: str = ""
    language: str = ""
    origin: str = ""  # "name.jsonl:3", for messages


@dataclass
class ParsedFile:
    records: list[Record] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def check_name(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise InvalidSource(
            f"{name}: unsupported file type {suffix or '(none)'}; "
            f"use one of {', '.join(EXTENSIONS)}"
        )
    return suffix


# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
BOMS = [
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
# Signatures of files that are never text, whatever their name says.
MAGIC = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
]


def _decode(name: str, data: bytes) -> str:
    """Text of the file; ParseError for binary data (never decompressed or guessed at)."""
    label = PurePath(name).name
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ParseError(f"{label}: not readable as {encoding}: {exc}") from exc
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise ParseError(f"{label}: this is {what}, not a text file")
    head = data[:8192]
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    if b"\x00" in head or controls > len(head) // 100:
        raise ParseError(f"{label}: binary data, not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Legacy text files: cp1252 decodes any byte sequence.
        return data.decode("cp1252", errors="replace")


def record_from_mapping(item, origin: str) -> Record:
    if not isinstance(item, dict):
        raise ParseError(f"{origin}: expected an object with {', '.join(FIELDS)}")
    for key in FIELDS:
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise ParseError(f"{origin}: field {key!r} must be a string")
    text = (item.get("text") or "").strip()
    if not text:
        raise ParseError(f"{origin}: missing field 'text'")
    published = None
    if item.get("published"):
        published = parse_datetime(item["published"])
        if published is None:
            raise ParseError(
                f"{origin}: 'published' is not an ISO 8601 date: {item['published']!r}"
            )
    url = (item.get("url") or "").strip()
    if url and not url.startswith(("http://", "https://")):
        raise ParseError(f"{origin}: 'url' must be an http(s) URL, not {url!r}")
    return Record(
        text=text,
        title=(item.get("title") or "").strip()[:500],
        outlet=(item.get("outlet") or "").strip()[:200],
        url=url,
        published=published,
        origin=origin,
    )


def parse_file(name: str, data: bytes) -> ParsedFile:
    """Records of one file. Raises only when the whole file is unusable."""
    suffix = check_name(name)
    label = PurePath(name).name
    content = _decode(name, data)
    result = ParsedFile()
    if suffix == ".txt":
        doc = extract_text(content, "")
        result.records.append(Record(text=doc.text, title=doc.title, origin=label))
    elif suffix in (".html", ".htm"):
        doc = extract_html(content, "", any_canonical=True)
        result.records.append(
            Record(
                url=doc.url,
                text=doc.text,
                title=doc.title,
                outlet=doc.sitename,
                published=doc.published,
                author=doc.author,
                language=doc.language,
                origin=label,
            )
        )
    elif suffix == ".json":
        try:
            data_ = json.loads(content)
        except ValueError as exc:
            raise ParseError(f"{label}: invalid JSON: {exc}") from exc
        items = data_ if isinstance(data_, list) else [data_]
        for index, item in enumerate(items, 1):
            origin = f"{label}[{index}]" if isinstance(data_, list) else label
            try:
                result.records.append(record_from_mapping(item, origin))
            except ParseError as exc:
                result.errors.append(str(exc))
    else:
        for number, line in enumerate(content.splitlines(), 1):
            if not line.strip():
                continue
            origin = f"{label}:{number}"
            try:
                item = json.loads(line)
            except ValueError as exc:
                result.errors.append(f"{origin}: invalid JSON: {exc}")
                continue
            try:
                result.records.append(record_from_mapping(item, origin))
            except ParseError as exc:
                result.errors.append(str(exc))
    if not result.records and not result.errors:
        raise ParseError(f"{label}: no records found")
    return result
