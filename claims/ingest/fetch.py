"""Guarded HTTP fetching with httpx.

Every hop of a redirect chain is checked again: the URL's scheme, the host's
DNS answers (no private, loopback, link-local... addresses), and then the
connection goes to the very IP that was checked (the Host header and TLS SNI
carry the name), so a second DNS answer cannot rebind us to an internal
address. The body is read as a stream and decompressed here, with the size
limit applied to the decompressed bytes, so a gzip bomb costs at most the limit.

No Django imports: `FetchConfig.from_settings()` reads settings at the edge.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

import httpx

from claims.ingest.errors import (
    BadContentType,
    BlockedAddress,
    FetchFailed,
    InvalidSource,
    TooLarge,
    TooManyRedirects,
)

ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"
ACCEPT_FEED = (
    "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"
)
HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/x-rss+xml",
    "application/xml",
    "text/xml",
}
TEXT_TYPES = {"text/plain"}
ALLOWED_TYPES = HTML_TYPES | FEED_TYPES | TEXT_TYPES
# Sniffed after reading: servers that do not say what they send.
UNLABELLED_TYPES = {"", "application/octet-stream", "binary/octet-stream"}
REDIRECT_CODES = {301, 302, 303, 307, 308}
MAX_URL_LENGTH = 2000

Resolver = Callable[[str, int], Iterable[str]]


@dataclass(frozen=True)
class FetchConfig:
    timeout: float = 10.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_loopback: bool = False
    user_agent: str = "factcheck/1.0 (+claim review)"
    # Wall-clock cap on one response, so a server trickling bytes just
    # inside the read timeout cannot hold a worker forever. None: 3 x timeout.
    total_timeout: float | None = None

    @classmethod
    def from_settings(cls, **overrides) -> FetchConfig:
        from django.conf import settings

        values = {
            "timeout": settings.FETCH_TIMEOUT,
            "max_bytes": settings.FETCH_MAX_BYTES,
            "max_redirects": settings.FETCH_MAX_REDIRECTS,
            "allow_loopback": settings.FETCH_ALLOW_LOOPBACK,
            "user_agent": settings.FETCH_USER_AGENT,
        }
        values.update(overrides)
        return cls(**values)


@dataclass
class Response:
    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    charset: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str:
        return self.headers.get("etag", "")

    @property
    def last_modified(self) -> str:
        return self.headers.get("last-modified", "")

    @property
    def is_feed(self) -> bool:
        return looks_like_feed(self.content_type, self.content)

    @property
    def is_html(self) -> bool:
        if self.content_type in HTML_TYPES:
            return True
        if self.content_type in TEXT_TYPES or self.is_feed:
            return False
        head = self.content[:1024].lstrip().lower()
        return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<"))

    def text(self) -> str:
        """The body decoded by the first encoding that fits it: the header's
        charset, the page's own <meta charset>, UTF-8, then windows-1252 (what
        browsers assume of a mislabelled Western page)."""
        for encoding in (self.charset, _meta_charset(self.content), "utf-8"):
            if not encoding:
                continue
            try:
                return self.content.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
        return self.content.decode("cp1252", errors="replace")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _meta_charset(content: bytes) -> str | None:
    found = _META_CHARSET.search(content[:4096])
    return found.group(1).decode("ascii") if found else None


def looks_like_feed(content_type: str, content: bytes) -> bool:
    if content_type in {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}:
        return True
    if content_type in HTML_TYPES or content_type in TEXT_TYPES:
        return False
    head = content[:2048].lstrip().lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
        while head.startswith((b"<!--", b"<?")):
            end = head.find(b"-->" if head.startswith(b"<!--") else b"?>")
            if end < 0:
                break
            head = head[end + 3 :].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf"))


# -- the address guard -----------------------------------------------------------


def blocked_reason(ip: str, *, allow_loopback: bool = False) -> str | None:
    """Why `ip` must not be connected to, or None when it is a public address."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return "an unparseable"
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return "an IPv4-mapped IPv6"
        if addr.sixtofour is not None or addr.teredo is not None:
            return "a tunnelled (6to4/Teredo) IPv6"
        if addr in ipaddress.ip_network("fc00::/7"):
            return "a unique-local (ULA) IPv6"
        if addr in ipaddress.ip_network("64:ff9b::/96"):
            return "a NAT64"
    if addr.is_loopback:
        return None if allow_loopback else "a loopback"
    checks = [
        (addr.is_unspecified, "an unspecified"),
        (addr.is_link_local, "a link-local"),
        (addr.is_multicast, "a multicast"),
        (addr.is_reserved, "a reserved"),
        (addr.is_private, "a private"),
        (not addr.is_global, "a non-public"),
    ]
    for hit, reason in checks:
        if hit:
            return reason
    return None


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


def resolve_public(
    host: str, port: int, *, allow_loopback: bool = False, resolver: Resolver | None = None
) -> list[str]:
    """Resolve `host` and return its addresses, refusing if ANY of them is not public.

    Refusing on any bad answer (not just the first) stops round-robin tricks
    that mix a public and an internal address.
    """
    try:
        ipaddress.ip_address(host)
        answers = [host]
    except ValueError:
        try:
            answers = list(dict.fromkeys((resolver or system_resolver)(host, port)))
        except (OSError, UnicodeError) as exc:
            raise FetchFailed(f"cannot resolve host {host!r}: {exc}", transient=True) from exc
    if not answers:
        raise FetchFailed(f"host {host!r} has no addresses", transient=True)
    for ip in answers:
        reason = blocked_reason(ip, allow_loopback=allow_loopback)
        if reason:
            shown = host if host == ip else f"{host} resolves to {ip}, which is"
            raise BlockedAddress(f"refusing to fetch: {shown} {reason} address")
    return answers


def validate_url(url: str) -> SplitResult:
    """Check a URL's shape (not its address); raise InvalidSource with the reason."""
    url = (url or "").strip()
    if not url:
        raise InvalidSource("no URL given")
    if len(url) > MAX_URL_LENGTH:
        raise InvalidSource(f"URL longer than {MAX_URL_LENGTH} characters")
    if any(ch.isspace() for ch in url):
        raise InvalidSource(f"URL contains whitespace: {url!r}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError on a bad port
    except ValueError as exc:
        raise InvalidSource(f"malformed URL {url!r}: {exc}") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidSource(f"only http and https URLs can be fetched, not {url!r}")
    if not parts.hostname:
        raise InvalidSource(f"URL has no host: {url!r}")
    if parts.username or parts.password:
        raise InvalidSource("URLs with a user name or password are not accepted")
    return parts


# -- fetching ------------------------------------------------------------------


def _ascii_host(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InvalidSource(f"invalid host name {host!r}") from exc


def _pinned(parts: SplitResult, ip: str) -> tuple[str, str]:
    """The URL to request (host replaced by the checked IP) and the Host header."""
    scheme = parts.scheme.lower()
    port = parts.port
    default = 443 if scheme == "https" else 80
    host = _ascii_host(parts.hostname)
    ip_host = f"[{ip}]" if ":" in ip else ip
    host_header = f"[{host}]" if ":" in host else host
    if port and port != default:
        ip_host += f":{port}"
        host_header += f":{port}"
    url = urlunsplit((scheme, ip_host, parts.path or "/", parts.query, ""))
    return url, host_header


def _decompressor(encoding: str):
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        # 32 + MAX_WBITS: accept a gzip or a zlib header.
        return zlib.decompressobj(32 + zlib.MAX_WBITS)
    raise BadContentType(f"unsupported Content-Encoding {encoding!r}")


def _read_limited(response: httpx.Response, url: str, max_bytes: int, deadline: float) -> bytes:
    """The decompressed body, never holding more than max_bytes + one chunk."""
    decoder = _decompressor(response.headers.get("content-encoding", ""))
    out = bytearray()
    raw_total = 0

    def add(data: bytes) -> None:
        out.extend(data)
        if len(out) > max_bytes:
            raise TooLarge(f"{url}: body larger than the limit of {max_bytes:,} bytes")

    try:
        for raw in response.iter_raw(chunk_size=64 * 1024):
            if time.monotonic() > deadline:
                raise FetchFailed(f"{url}: too slow, gave up reading the body", transient=True)
            raw_total += len(raw)
            if raw_total > max_bytes:
                raise TooLarge(f"{url}: body larger than the limit of {max_bytes:,} bytes")
            if decoder is None:
                add(raw)
                continue
            data = decoder.decompress(raw, max_bytes - len(out) + 1)
            add(data)
            while decoder.unconsumed_tail:
                add(decoder.decompress(decoder.unconsumed_tail, max_bytes - len(out) + 1))
        if decoder is not None:
            add(decoder.flush())
    except zlib.error as exc:
        raise FetchFailed(f"{url}: corrupt compressed body ({exc})") from exc
    return bytes(out)


def _media_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _check_type(url: str, media: str) -> None:
    if media == "application/pdf":
        raise BadContentType(
            f"{url} is a PDF (application/pdf): only HTML pages, feeds and plain text "
            "can be ingested; paste the article's text instead"
        )
    if media in ALLOWED_TYPES or media in UNLABELLED_TYPES or media.endswith("+xml"):
        return
    raise BadContentType(
        f"{url} is {media}: only HTML pages, RSS/Atom feeds and plain text can be ingested"
    )


def fetch(
    url: str,
    *,
    config: FetchConfig | None = None,
    accept: str = ACCEPT_HTML,
    etag: str = "",
    modified: str = "",
    resolver: Resolver | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Response:
    """GET `url` under the guard. Returns a Response (status 200..299 or 304).

    Raises InvalidSource, BlockedAddress, TooManyRedirects, BadContentType,
    TooLarge or FetchFailed (with `transient`).
    """
    config = config or FetchConfig()
    timeout = httpx.Timeout(config.timeout, connect=config.timeout)
    deadline = time.monotonic() + (config.total_timeout or 3 * config.timeout)
    seen: list[str] = []
    current = url.strip()
    with httpx.Client(
        timeout=timeout, follow_redirects=False, trust_env=False, transport=transport
    ) as client:
        for _hop in range(config.max_redirects + 1):
            parts = validate_url(current)
            host = _ascii_host(parts.hostname)
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
            ips = resolve_public(
                host, port, allow_loopback=config.allow_loopback, resolver=resolver
            )
            target, host_header = _pinned(parts, ips[0])
            headers = {
                "Host": host_header,
                "User-Agent": config.user_agent,
                "Accept": accept,
                "Accept-Encoding": "gzip, deflate",
            }
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
            try:
                with client.stream(
                    "GET", target, headers=headers, extensions={"sni_hostname": host}
                ) as resp:
                    status = resp.status_code
                    if status in REDIRECT_CODES:
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchFailed(f"{current}: redirect {status} without a Location")
                        seen.append(current)
                        current = urljoin(current, location.strip())
                        if current in seen:
                            raise TooManyRedirects(
                                f"redirect loop: {' -> '.join([*seen, current])}"
                            )
                        continue
                    header_map = {k.lower(): v for k, v in resp.headers.items()}
                    if status == 304:
                        return Response(current, 304, headers=header_map, redirects=seen)
                    if status >= 400 or status < 200:
                        raise FetchFailed(
                            f"{current}: HTTP {status} {resp.reason_phrase}".rstrip(),
                            transient=status >= 500 or status in (408, 425, 429),
                            status=status,
                        )
                    media, charset = _media_type(resp.headers.get("content-type", ""))
                    _check_type(current, media)
                    length = resp.headers.get("content-length", "")
                    if length.isdigit() and int(length) > config.max_bytes:
                        raise TooLarge(
                            f"{current}: body of {int(length):,} bytes is larger than the "
                            f"limit of {config.max_bytes:,} bytes"
                        )
                    body = _read_limited(resp, current, config.max_bytes, deadline)
            except httpx.TimeoutException as exc:
                raise FetchFailed(
                    f"{current}: timed out after {config.timeout:g}s ({type(exc).__name__})",
                    transient=True,
                ) from exc
            except httpx.TransportError as exc:
                raise FetchFailed(
                    f"{current}: {type(exc).__name__}: {exc}", transient=True
                ) from exc
            if body[:5] == b"%PDF-":
                _check_type(current, "application/pdf")
            return Response(
                url=current,
                status=status,
                content=body,
                content_type=media,
                charset=charset,
                headers=header_map,
                redirects=seen,
            )
    raise TooManyRedirects(
        f"more than {config.max_redirects} redirects: {' -> '.join([*seen, current])}"
    )
