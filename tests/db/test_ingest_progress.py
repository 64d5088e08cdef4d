"""The progress bar of an ingest run in this process, and the parse-ahead of its records."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from claims import pipeline
from claims.models import Article, Claim
from claims.services import ingest
from claims.services import nlp as nlp_service

# Committed for real, as `manage.py ingest` runs: each job runs when _submit commits.
pytestmark = pytest.mark.django_db(transaction=True)


def _records(n):
    return "\n".join(
        json.dumps(
            {
                "outlet": "Wire",
                "url": f"https://wire.example/{i}",
                "title": f"Story {i}",
                "text": f"The mayor said {i} bridges would close on Monday.",
            }
        )
        for i in range(n)
    )


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(_records(3) + "\n{broken\n")
    return path


@pytest.fixture
def extraction(monkeypatch):
    """start_article writes one claim per article, as extraction would (no spaCy here)."""

    def start(article_id):
        Claim.objects.create(article_id=article_id, position=0, text="x", start=0, end=1)

    monkeypatch.setattr(pipeline, "start_article", start)
    monkeypatch.setattr(nlp_service, "parse_ahead", lambda records: 0)  # no spaCy here


@pytest.fixture
def _call():
    """call_command("ingest", ...); (stdout, stderr)."""

    def call(*args):
        out, err = StringIO(), StringIO()
        call_command("ingest", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    return call


@pytest.fixture
def submit():
    return lambda data: ingest.submit_file("news.jsonl", data)


def test_progress_bar_counts_records_and_claims(jsonl, extraction, _call):
    out, err = _call(str(jsonl), "--progress")
    assert "3 ingested, 1 failed of 4" in out
    final = err.replace("\r", "\n").strip().splitlines()[-1]
    assert final.startswith("news.jsonl: 100%")
    assert "4/4" in final and "3 claims" in final and " articles" in final


def test_no_bar_unless_asked_or_on_a_terminal(jsonl, extraction, _call):
    out, err = _call(str(jsonl))
    assert "3 ingested, 1 failed of 4" in out
    assert "%|" not in err and "claims" not in err


def test_no_bar_when_a_worker_runs_the_job(jsonl, extraction, settings, monkeypatch, _call):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(pipeline, "run_ingest_job", lambda job_id: None)  # queued for a worker
    out, err = _call(str(jsonl), "--progress")
    assert "queued" in out and err == ""


def test_watchers_see_every_count_and_are_removed(jsonl, extraction, submit):
    seen = []
    with ingest.watch_jobs(lambda job: seen.append((job.total, job.done, job.failed))):
        submit(jsonl.read_bytes())
    assert seen[0] == (4, 0, 0)
    assert seen[-1] == (4, 3, 1)
    assert ingest._watchers == []
    assert Article.objects.count() == 3


def test_eager_file_ingest_parses_its_records_ahead(jsonl, extraction, monkeypatch, submit):
    batches = []
    monkeypatch.setattr(nlp_service, "parse_ahead", lambda records: batches.append(records))
    monkeypatch.setattr(ingest, "PARSE_AHEAD", 2)
    submit(jsonl.read_bytes())
    assert [[r.title for r in batch] for batch in batches] == [["Story 0", "Story 1"], ["Story 2"]]


def test_parse_ahead_reads_records_as_ingest_stores_them(monkeypatch):
    seen = []
    monkeypatch.setattr(nlp_service, "prepare_articles", lambda pairs: seen.extend(pairs) or 0)

    class Record:
        title = "  Two   words "
        text = "\n A line.\x00 \n"

    nlp_service.parse_ahead([Record()])
    assert seen == [("Two words", "A line.")]
