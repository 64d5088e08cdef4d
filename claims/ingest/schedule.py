"""When to poll and re-fetch next: pure arithmetic on datetimes. No Django imports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

# A failing source waits base x 2**failures, at most this long.
MAX_BACKOFF = timedelta(hours=24)


def refetch_interval(age: timedelta, steps: Sequence[Sequence[float]]) -> timedelta | None:
    """The re-fetch interval for an article of this age; None once past the last step.

    `steps` is [[max_age_hours, interval_minutes], ...] in increasing age, e.g.
    [[3, 15], [24, 60]]: every 15 minutes while under 3 hours old, hourly
    under a day, then never.
    """
    hours = age.total_seconds() / 3600
    for max_age_hours, interval_minutes in sorted(steps):
        if hours < max_age_hours:
            return timedelta(minutes=interval_minutes)
    return None


def next_refetch(
    published: datetime, now: datetime, steps: Sequence[Sequence[float]]
) -> datetime | None:
    interval = refetch_interval(max(now - published, timedelta(0)), steps)
    return now + interval if interval is not None else None


def backoff(failures: int, base: timedelta, cap: timedelta = MAX_BACKOFF) -> timedelta:
    """base x 2**(failures-1) for the n-th consecutive failure, capped."""
    exponent = max(failures - 1, 0)
    if exponent > 30:
        return cap
    return min(base * (2**exponent), cap)
