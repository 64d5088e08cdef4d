"""The person page's timeline: the titles each outlet gave a person over time, as
inline SVG (no script, no CDN). One row per outlet, one dot per title and day
(a week or a month over long spans), its size by the number of articles, its colour by
title; every dot has a tooltip."""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from datetime import date

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

PALETTE = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#4b5563"]
LABEL_W, PLOT_W, ROW_H, TOP, BOTTOM = 170, 560, 30, 14, 34
# The finest grain that keeps a row under about 60 dots: days, then weeks, then months.
BUCKETS = [("day", 60), ("week", 420), ("month", None)]


def bucket_for(first: date | None, last: date | None) -> str:
    """The grain of the timeline for a span: "day", "week" or "month"."""
    if first is None or last is None:
        return "day"
    span = (last - first).days
    return next(name for name, limit in BUCKETS if limit is None or span <= limit)


def title_colours(titles: list[str]) -> dict[str, str]:
    """A colour per title, most used first; titles past the palette share its last colour."""
    return {t: PALETTE[min(i, len(PALETTE) - 1)] for i, t in enumerate(titles)}


@functools.lru_cache(maxsize=4096)
def _when(day: date, bucket: str) -> str:
    if bucket == "month":
        return f"{day:%B %Y}"
    if bucket == "week":
        return f"week of {day:%-d %b %Y}"
    return f"{day:%-d %b %Y}"


def timeline_svg(outlets: list[dict], titles: list[str], bucket: str = "day") -> str:
    """SVG markup for outlets [{name, points: [{day, title, n}]}], each point a
    bucket ("day", "week" or "month", starting on `day`), and the titles in
    legend order. Empty string when no point has a date."""
    days = [p["day"] for o in outlets for p in o["points"] if p.get("day")]
    if not days:
        return ""
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    colours = title_colours(titles)
    height = TOP + ROW_H * len(outlets) + BOTTOM
    width = LABEL_W + PLOT_W + 20

    def x(day: date) -> float:
        if first == last:
            return LABEL_W + PLOT_W / 2
        return LABEL_W + PLOT_W * (day - first).days / span

    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="100%" role="img" aria-label="Titles per outlet over time">'
    ]
    for i, outlet in enumerate(outlets):
        y = TOP + ROW_H * i + ROW_H / 2
        parts.append(
            f'<g class="timeline__row" data-outlet="{escape(outlet["name"])}">'
            f'<text x="{LABEL_W - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12">'
            f"{escape(_short(outlet['name']))}</text>"
            f'<line x1="{LABEL_W}" x2="{LABEL_W + PLOT_W}" y1="{y:.1f}" y2="{y:.1f}"'
            ' stroke="#e5e7eb"/>'
        )
        merged: dict[tuple, int] = defaultdict(int)
        for p in outlet["points"]:
            if p.get("day"):
                merged[(p["day"], p["title"])] += p["n"]
        for (day, title), n in sorted(merged.items()):
            r = min(3 + 2 * math.sqrt(n), 11)
            when = _when(day, bucket)
            tip = f"{outlet['name']} · {title} · {when} · {n} article{'s' if n != 1 else ''}"
            parts.append(
                f'<circle class="timeline__dot" cx="{x(day):.1f}" cy="{y:.1f}" r="{r:.1f}"'
                f' fill="{colours.get(title, PALETTE[-1])}" fill-opacity="0.8"'
                f' data-title="{escape(title)}"><title>{escape(tip)}</title></circle>'
            )
        parts.append("</g>")
    axis_y = TOP + ROW_H * len(outlets) + 6
    parts.append(
        f'<line x1="{LABEL_W}" x2="{LABEL_W + PLOT_W}" y1="{axis_y}" y2="{axis_y}"'
        ' stroke="#9ca3af"/>'
    )
    ticks = _ticks(first, last)
    for i, day in enumerate(ticks):
        # the last label ends at the plot's edge, so it is never cut off
        anchor = "end" if i == len(ticks) - 1 and len(ticks) > 1 else "middle"
        parts.append(
            f'<text x="{x(day):.1f}" y="{axis_y + 16}" text-anchor="{anchor}" font-size="11"'
            f' fill="#4b5563">{day:%-d %b %Y}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _ticks(first: date, last: date, count: int = 4) -> list[date]:
    if first == last:
        return [first]
    step = (last - first) / count
    return [first + step * i for i in range(count + 1)]


def _short(name: str, limit: int = 24) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


@register.simple_tag
def person_timeline(outlets, titles, bucket="day"):
    return mark_safe(timeline_svg(outlets, [t["title"] for t in titles], bucket))  # noqa: S308


@register.filter
def title_colour(title, titles):
    return title_colours([t["title"] for t in titles]).get(title, PALETTE[-1])
