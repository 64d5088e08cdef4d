"""`manage.py match_pairs` and `manage.py match_claims`: the JSON-lines contract,
bad input reported per line, and the same decision as the story clustering."""

import json
from io import StringIO

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from claims.analysis import cluster, matching
from claims.nlp.embed import get_embedder
from claims.services.matching import match_config

BUDGET = "The city council approved the new budget on Monday after a long debate."
BUDGET_RETOLD = "On Monday, after a long debate, the city council approved the new budget."
FLOOD = "Flooding closed two roads north of the city and cut power to 300 homes."
BRIDGE = "The regional government will rebuild the old stone bridge over the river by 2027."


def _run(name, *args, **options):
    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command(name, *args, stdout=out, stderr=err, **options)
    except CommandError as exc:
        code = exc.returncode
        err.write(str(exc))
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    return lines, err.getvalue(), code


def test_match_pairs_contract(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text(f"{BUDGET}\t{BUDGET_RETOLD}\n{BUDGET}\t{FLOOD}\n", encoding="utf-8")
    lines, err, code = _run("match_pairs", str(path))
    assert code == 0 and err == ""
    assert [set(r) for r in lines] == [{"line", "decision", "score"}] * 2
    assert lines[0]["decision"] == "same" and lines[1]["decision"] == "different"
    assert 0 <= lines[1]["score"] < lines[0]["score"] <= 1


def test_match_pairs_reports_each_bad_line_and_processes_the_rest(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_bytes(
        b"\n".join(
            [
                f"{BUDGET}\t{BUDGET_RETOLD}".encode(),
                b"",
                b"just one column",
                b"caf\xe9\tnot utf-8",
                b"z" * 30_000 + b"\tlong",
                f"{FLOOD}\t{BRIDGE}".encode(),
            ]
        )
    )
    lines, err, code = _run("match_pairs", str(path))
    assert code == 1
    assert [r["line"] for r in lines] == [1, 6]
    assert lines[1]["decision"] == "different"
    for number, words in ((2, "empty line"), (3, "found 1"), (4, "not UTF-8"), (5, "longer")):
        assert f"line {number}: " in err and words in err
    assert "4 line(s) skipped" in err


def test_match_pairs_decides_as_the_story_clustering_does(tmp_path):
    from tests.unit.analysis_builders import claim

    texts = [BUDGET, BUDGET_RETOLD, FLOOD]
    vectors = get_embedder().encode(texts)
    claims = [claim(i, "O", t, v) for i, (t, v) in enumerate(zip(texts, vectors, strict=True))]
    grey = (cluster.SUGGEST_THRESHOLD + cluster.AUTO_THRESHOLD) / 2
    path = tmp_path / "pairs.tsv"
    path.write_text(f"{BUDGET}\t{BUDGET_RETOLD}\n{BUDGET}\t{FLOOD}\n", encoding="utf-8")
    lines, _, _ = _run("match_pairs", str(path))
    for line, (i, j) in zip(lines, ((0, 1), (0, 2)), strict=True):
        s = np.full((2, 2), grey)
        unsure = cluster.decide_grey([claims[i], claims[j]], s, match_config())
        story = "suggest" if unsure[0, 1] else "same" if s[0, 1] > grey else "different"
        assert line["decision"] == story


@override_settings(MATCH_SAME=0.999999, MATCH_SUGGEST=0.5)
def test_match_pairs_reads_the_cut_offs_from_settings(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text(f"{BUDGET}\t{BUDGET_RETOLD}\n", encoding="utf-8")
    [line], _, _ = _run("match_pairs", str(path))
    assert line["decision"] == "suggest"


def test_match_claims_contract_and_bad_lines(tmp_path):
    against = tmp_path / "against.tsv"
    against.write_text(
        f"b1\t{BUDGET}\tDid the council pass the budget?\n"
        f"f1\t{FLOOD}\n"
        f"r1\t{BRIDGE}\n"
        f"f1\tA duplicate id.\n"
        "only-id\n",
        encoding="utf-8",
    )
    queries = tmp_path / "queries.tsv"
    queries.write_bytes(
        f"q1\t{BUDGET_RETOLD}\nq2\tThe old stone bridge is to be rebuilt by 2027.\n".encode()
        + b"q3\tcaf\xe9\n"
    )
    lines, err, code = _run("match_claims", str(queries), against=str(against), top=2)
    assert code == 1
    assert [r["id"] for r in lines] == ["q1", "q2"]
    assert [m["id"] for m in lines[0]["matches"]][0] == "b1"
    assert [m["id"] for m in lines[1]["matches"]][0] == "r1"
    assert all(len(r["matches"]) == 2 for r in lines)
    assert all(0 <= m["score"] <= 1 for r in lines for m in r["matches"])
    assert "duplicate id 'f1'" in err and "line 5: expected 2 to 3" in err
    assert "queries.tsv: line 3: not UTF-8" in err


def test_match_claims_top_must_be_positive(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("a\tb\n")
    with pytest.raises(CommandError):
        call_command("match_claims", str(path), against=str(path), top=0)


def test_rank_keeps_the_nearest_first_when_scores_tie():
    vectors = np.eye(3, dtype=np.float32)
    candidates = [matching.Candidate(str(i), t, vectors[i]) for i, t in enumerate("abc")]
    ranked = matching.rank("a", vectors[0], candidates, top=3)
    assert len(ranked) == 3 and {r.id for r in ranked} == {"0", "1", "2"}
