"""The person page's timeline SVG (claims.templatetags.person_tags), without a database."""

import re
from datetime import date

from claims.templatetags.person_tags import PALETTE, bucket_for, timeline_svg, title_colours


def _outlets():
    return [
        {
            "name": "Harbour Herald",
            "points": [
                {"day": date(2025, 3, 1), "title": "Secretary of the Fleet", "n": 3},
                {"day": date(2025, 3, 9), "title": "Harbours Secretary", "n": 1},
            ],
        },
        {
            "name": "Quay <Times>",
            "points": [{"day": date(2025, 3, 5), "title": "Secretary of the Fleet", "n": 1}],
        },
    ]


def test_one_row_per_outlet_one_dot_per_title_and_day():
    svg = timeline_svg(_outlets(), ["Secretary of the Fleet", "Harbours Secretary"])
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('class="timeline__row"') == 2
    assert svg.count("<circle") == 3
    assert "Harbour Herald · Secretary of the Fleet · 1 Mar 2025 · 3 articles" in svg
    # the first day is at the left edge of the plot, the last at the right
    xs = sorted(float(x) for x in re.findall(r'<circle[^>]* cx="([\d.]+)"', svg))
    assert xs[0] == 170.0 and xs[-1] == 730.0
    colours = title_colours(["Secretary of the Fleet", "Harbours Secretary"])
    assert f'fill="{colours["Harbours Secretary"]}"' in svg


def test_names_and_titles_are_escaped():
    svg = timeline_svg(_outlets(), [])
    assert "Quay &lt;Times&gt;" in svg and "<Times>" not in svg


def test_the_grain_keeps_rows_readable_and_unknown_titles_share_a_colour():
    assert bucket_for(date(2025, 1, 1), date(2025, 2, 15)) == "day"
    assert bucket_for(date(2025, 1, 1), date(2025, 9, 1)) == "week"
    assert bucket_for(date(2024, 1, 1), date(2025, 9, 1)) == "month"
    assert bucket_for(None, None) == "day"
    points = [
        {"day": date(2024, 1, 1), "title": "Governor", "n": 7},
        {"day": date(2025, 2, 1), "title": "Senator", "n": 1},
    ]
    svg = timeline_svg([{"name": "A", "points": points}], ["Governor"], "month")
    assert svg.count("<circle") == 2
    assert "A · Governor · January 2024 · 7 articles" in svg
    assert f'fill="{PALETTE[-1]}"' in svg  # "Senator" is not in the legend's colours


def test_no_dated_point_no_chart():
    assert timeline_svg([{"name": "A", "points": [{"day": None, "title": "X", "n": 2}]}], []) == ""
