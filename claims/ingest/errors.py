"""Errors of ingestion. Each carries a message a curator can act on.

IngestError subclasses ValueError so form and command code can catch bad input
with one clause; `transient` says whether trying again later may help.
"""


class IngestError(ValueError):
    transient = False


class InvalidSource(IngestError):
    """The URL, file or text cannot be ingested at all (bad scheme, empty text...)."""


class BlockedAddress(IngestError):
    """The host resolves to an address we never connect to (private, loopback...)."""


class TooLarge(IngestError):
    """The body (after decompression) is larger than the limit."""


class BadContentType(IngestError):
    """The server answered with something that is not a page, a feed or text."""


class TooManyRedirects(IngestError):
    """More redirects than the limit, or a redirect loop."""


class FetchFailed(IngestError):
    """Network error or an HTTP error status.

    `transient` is True for timeouts, connection errors, 408/429 and 5xx:
    trying again later may work. A 404 or 410 is permanent.
    """

    def __init__(self, message: str, *, transient: bool = False, status: int | None = None):
        super().__init__(message)
        self.transient = transient
        self.status = status


class ParseError(IngestError):
    """The bytes arrived but are not a feed, a page or a record we can read."""
