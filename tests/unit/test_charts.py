"""Geometry of the moving-figure charts (claims/charts.py), no Django."""

from claims.charts import HEIGHT, WIDTH, timeline_chart


def _timeline(*points):
    return {
        "label": "people dead",
        "final": points[-1][2],
        "points": [
            {"outlet": o, "published": when, "value": v, "text": str(v), "status": s}
            for o, when, v, s in points
        ],
    }


def test_one_line_per_outlet_with_marks_inside_the_box():
    chart = timeline_chart(
        _timeline(
            ("A", "2025-03-01T08:00:00+00:00", 41, "superseded"),
            ("B", "2025-03-02T08:00:00+00:00", 97, "superseded"),
            ("A", "2025-03-07T08:00:00+00:00", 112, "latest"),
        )
    )
    assert [s["outlet"] for s in chart["series"]] == ["A", "B"]
    a = chart["series"][0]
    assert a["path"].startswith("M") and " L" in a["path"]
    assert chart["series"][1]["path"] == ""  # one point: a mark, no line
    marks = [m for s in chart["series"] for m in s["marks"]]
    assert all(0 <= m["x"] <= WIDTH and 0 <= m["y"] <= HEIGHT for m in marks)
    # later is further right, larger is higher
    first, last = a["marks"]
    assert first["x"] < last["x"] and first["y"] > last["y"]
    assert [p["text"] for p in chart["superseded"]] == ["41", "97"]
    assert chart["final"] == "112"


def test_too_few_dated_points_draw_nothing():
    undated = _timeline(("A", None, 41, "superseded"), ("B", "bad", 97, "latest"))
    assert timeline_chart(undated) is None
    assert timeline_chart({"points": []}) is None
