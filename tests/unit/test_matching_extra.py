"""`python -m eval.train_matcher --extra FILE`: reviewers' decisions as training pairs."""

import json

from eval import train_matcher


def test_extra_decisions_are_read_and_bad_lines_skipped(tmp_path, capsys):
    path = tmp_path / "decisions.jsonl"
    rows = [
        {"text_a": "The mill reopened.", "text_b": "Work resumed at the mill.", "label": "same"},
        {"text_a": "The mill reopened.", "text_b": "Rain closed the road.", "label": "different"},
        {"text_a": "The mill reopened.", "text_b": "", "label": "same"},
        {"text_a": "The mill reopened.", "text_b": "A third text.", "label": "maybe"},
    ]
    lines = [json.dumps(r) for r in rows] + ["not json", json.dumps({"text_a": "only one"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pairs = train_matcher.read_extra(str(path))
    assert [(p.text_b, p.label) for p in pairs] == [
        ("Work resumed at the mill.", 1),
        ("Rain closed the road.", 0),
    ]
    assert "2 decisions, 4 line(s) skipped" in capsys.readouterr().err
