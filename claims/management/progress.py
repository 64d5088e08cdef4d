"""A terminal progress bar for ingests that run in this process (no broker).

Shown only on a terminal or when asked for (`--progress`): tests and logs see
nothing of it. Articles come from the job's counters; claims are counted in the
database, at most twice a second.
"""

from __future__ import annotations

import time

from tqdm import tqdm

from claims.models import Claim

CLAIMS_EVERY = 0.5  # seconds between two counts of the claims


def wanted(stream, forced: bool) -> bool:
    """A bar on `stream` (a command's OutputWrapper or a file): asked for, or a terminal."""
    isatty = getattr(stream, "isatty", None)
    return forced or bool(isatty and isatty())


def raw(stream):
    """The file under a command's OutputWrapper: tqdm writes its own line endings."""
    return getattr(stream, "_out", stream)


class IngestBar:
    """One bar per job (or per list of articles): articles, claims, elapsed, rate."""

    def __init__(self, stream, *, desc: str = "", total: int | None = None):
        self.stream = raw(stream)
        self.claims_at_start = Claim.objects.count()
        self.counted_at = 0.0
        self.bar = tqdm(
            total=total,
            desc=desc,
            unit=" articles",
            file=self.stream,
            dynamic_ncols=True,
            mininterval=0.2 if getattr(self.stream, "isatty", lambda: False)() else 2.0,
            bar_format="{desc}{percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} "
            "[{elapsed}, {rate_fmt}{postfix}]",
        )
        self._claims(force=True)

    def _claims(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self.counted_at >= CLAIMS_EVERY:
            self.counted_at = now
            claims = Claim.objects.count() - self.claims_at_start
            self.bar.set_postfix_str(f"{claims} claims", refresh=False)

    def job(self, job) -> None:
        """A watcher for services.ingest.watch_jobs: the job's counters as they change."""
        if job.total and self.bar.total != job.total:
            self.bar.total = job.total
        self.advance_to(job.done + job.failed)

    def advance_to(self, count: int) -> None:
        self._claims()
        if count > self.bar.n:
            self.bar.update(count - self.bar.n)
        else:
            self.bar.refresh()

    def close(self) -> None:
        self._claims(force=True)
        self.bar.refresh()
        self.bar.close()
