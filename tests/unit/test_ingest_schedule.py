from datetime import UTC, datetime, timedelta

import pytest

from claims.ingest.diff import word_diff
from claims.ingest.schedule import backoff, next_refetch, refetch_interval

STEPS = [[3, 15], [24, 60], [168, 360], [720, 1440]]


@pytest.mark.parametrize(
    "age_hours, minutes",
    [(0, 15), (2.9, 15), (3, 60), (23, 60), (24, 360), (100, 360), (168, 1440), (719, 1440)],
)
def test_interval_backs_off_with_age(age_hours, minutes):
    assert refetch_interval(timedelta(hours=age_hours), STEPS) == timedelta(minutes=minutes)


def test_never_after_the_last_step():
    assert refetch_interval(timedelta(hours=720), STEPS) is None
    now = datetime(2025, 11, 1, tzinfo=UTC)
    assert next_refetch(now - timedelta(days=60), now, STEPS) is None
    assert next_refetch(now - timedelta(hours=1), now, STEPS) == now + timedelta(minutes=15)
    # A publication date in the future counts as brand new.
    assert next_refetch(now + timedelta(hours=5), now, STEPS) == now + timedelta(minutes=15)


def test_backoff_doubles_and_is_capped():
    base = timedelta(minutes=30)
    assert [backoff(n, base) for n in (1, 2, 3)] == [base, 2 * base, 4 * base]
    assert backoff(10, base) == timedelta(hours=24)
    assert backoff(1000, base) == timedelta(hours=24)


def test_word_diff_title_change():
    old = "US Defence Secretary Pete Hegseth met Rajnath Singh."
    new = "US Secretary of War Pete Hegseth met Rajnath Singh."
    diff = word_diff(old, new)
    assert diff == [
        ("equal", "US "),
        ("delete", "Defence "),
        ("equal", "Secretary "),
        ("insert", "of War "),
        ("equal", "Pete Hegseth met Rajnath Singh."),
    ]
    assert "".join(t for op, t in diff if op != "delete") == new
    assert "".join(t for op, t in diff if op != "insert") == old


def test_word_diff_whitespace_only_is_equal():
    assert word_diff("a  b\nc", "a b c") == [("equal", "a b c")]
    assert word_diff("", "") == []
