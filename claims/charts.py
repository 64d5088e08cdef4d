"""Geometry of the small inline-SVG charts of moving figures (story page).

Pure: a timeline as `report --json` carries it (claims.analysis.figures.Timeline
.to_dict) in, plain numbers and strings out for templates/claims/_timeline_chart.html.
One line per outlet over publication time; superseded reports drawn hollow, the
latest figure marked. No Django, no JavaScript, no CDN.
"""

from __future__ import annotations

from datetime import datetime

WIDTH, HEIGHT = 360, 150
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 44, 12, 12, 26
# Colour-blind-safe palette (Okabe-Ito); outlets past the eighth reuse it.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]


def _when(point: dict) -> datetime | None:
    value = point.get("published")
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def timeline_chart(timeline: dict) -> dict | None:
    """Plot data of one timeline, or None when it has fewer than two dated points."""
    points = [(p, _when(p)) for p in timeline.get("points") or []]
    points = [(p, t) for p, t in points if t and isinstance(p.get("value"), int | float)]
    if len(points) < 2:
        return None
    times = [t.timestamp() for _, t in points]
    values = [float(p["value"]) for p, _ in points]
    t0, t1 = min(times), max(times)
    top = max(values) * 1.1 or 1.0
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM

    def x(ts: float) -> float:
        return round(PAD_LEFT + (plot_w * (ts - t0) / (t1 - t0) if t1 > t0 else plot_w / 2), 1)

    def y(value: float) -> float:
        return round(PAD_TOP + plot_h * (1 - value / top), 1)

    outlets = list(dict.fromkeys(p["outlet"] for p, _ in points))
    series = []
    for i, outlet in enumerate(outlets):
        mine = sorted(((p, t) for p, t in points if p["outlet"] == outlet), key=lambda pt: pt[1])
        marks = [
            {
                "x": x(t.timestamp()),
                "y": y(float(p["value"])),
                "value": _fmt(float(p["value"])),
                "text": p.get("text", ""),
                "status": p.get("status", ""),
                "when": t.strftime("%-d %b %H:%M"),
            }
            for p, t in mine
        ]
        path = " ".join(f"{'M' if j == 0 else 'L'}{m['x']},{m['y']}" for j, m in enumerate(marks))
        series.append(
            {
                "outlet": outlet,
                "colour": COLOURS[i % len(COLOURS)],
                "path": path if len(marks) > 1 else "",
                "marks": marks,
            }
        )
    ordered = sorted(points, key=lambda pt: pt[1])
    overall = " ".join(
        f"{'M' if j == 0 else 'L'}{x(t.timestamp())},{y(float(p['value']))}"
        for j, (p, t) in enumerate(ordered)
    )
    final = float(timeline.get("final") or 0.0)
    ticks = [
        {"y": y(v), "label": _fmt(v)}
        for v in sorted({0.0, round(top / 2), final})
        if 0 <= v <= top
    ]
    first, last = min(t for _, t in points), max(t for _, t in points)
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": PAD_LEFT,
        "right": WIDTH - PAD_RIGHT,
        "bottom": HEIGHT - PAD_BOTTOM,
        "label_y": HEIGHT - 8,
        "final_y": y(final),
        "final": _fmt(final),
        "ticks": ticks,
        "start": first.strftime("%-d %b"),
        "end": last.strftime("%-d %b"),
        "series": series,
        "overall": overall,  # every report in time order, whoever gave it
        "title": timeline.get("label", ""),
        "superseded": [
            {"outlet": p["outlet"], "text": p.get("text", ""), "when": t.strftime("%-d %b %H:%M")}
            for p, t in sorted(points, key=lambda pt: pt[1])
            if p.get("status") == "superseded"
        ],
    }
