"""export_match_decisions: every reviewer's match decision as a JSON-lines training pair."""

import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from claims.models import MatchSuggestion
from eval.matching_data import Pair
from tests.db import builders as b

pytestmark = pytest.mark.django_db


def _suggestion(story, a, b_, decision="pending", user=None, at=None):
    return MatchSuggestion.objects.create(
        story=story,
        text_hash_a=a[:60],
        text_hash_b=b_[:60],
        text_a=a,
        text_b=b_,
        similarity=0.8,
        decision=decision,
        decided_by=user,
        decided_at=at,
    )


@pytest.fixture
def decided(reviewer):
    story = b.story("Harbour")
    _suggestion(
        story,
        "Tolls rise.",
        "Tolls go up.",
        "accepted",
        reviewer,
        datetime(2026, 2, 2, tzinfo=UTC),
    )
    _suggestion(
        story,
        "Ferries stop.",
        "Ferries run «late».",
        "rejected",
        reviewer,
        datetime(2026, 2, 1, tzinfo=UTC),
    )
    _suggestion(story, "Bridge shut.", "Bridge open.")  # pending: not a decision
    return story


def test_decisions_are_written_oldest_first_to_stdout(decided):
    out, err = io.StringIO(), io.StringIO()
    call_command("export_match_decisions", stdout=out, stderr=err)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows == [
        {
            "text_a": "Ferries stop.",
            "text_b": "Ferries run «late».",
            "label": "different",
            "decided_by": "rita",
            "decided_at": "2026-02-01T00:00:00+00:00",
            "story": decided.pk,
        },
        {
            "text_a": "Tolls rise.",
            "text_b": "Tolls go up.",
            "label": "same",
            "decided_by": "rita",
            "decided_at": "2026-02-02T00:00:00+00:00",
            "story": decided.pk,
        },
    ]
    assert "2 decisions (1 same, 1 different) written to stdout" in err.getvalue()


def test_the_file_reads_back_as_training_pairs(decided, tmp_path, reviewer):
    target = tmp_path / "decisions.jsonl"
    target.write_text("old content\n")
    call_command("export_match_decisions", "--out", str(target), stderr=io.StringIO())
    lines = target.read_text(encoding="utf-8").splitlines()
    pairs = [
        Pair(r["text_a"], r["text_b"], int(r["label"] == "same")) for r in map(json.loads, lines)
    ]
    assert [p.label for p in pairs] == [0, 1]
    assert not list(tmp_path.glob(".decisions.jsonl.*"))  # the temporary file is gone
    reviewer.delete()  # decided_by is SET_NULL: the decision stays, unattributed
    call_command("export_match_decisions", "--out", str(target), stderr=io.StringIO())
    assert {json.loads(line)["decided_by"] for line in target.read_text().splitlines()} == {""}


def test_an_unwritable_target_is_a_clear_error(decided, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No such file or directory"):
        call_command("export_match_decisions", "--out", str(tmp_path / "no" / "x.jsonl"))
