"""Every case of tests/fixtures/bad_inputs/cases.json, through the real services.

Each case is submitted the way a reviewer would (uploaded file, pasted text,
URL, feed) with Celery eager and on-commit dispatch executed, so the whole
pipeline (fetch, extract, NLP, story, analysis) runs. The outcome must be the
one recorded in the manifest: a clear error (raised to the submitter or
recorded on the job/article/feed) or a correct article. Nothing may be lost:
every article a case creates ends analysed, or failed with its reason; every
job ends done or failed with its counters adding up.
"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from claims import pipeline
from claims.ingest.errors import IngestError
from claims.models import Article, ArticleRevision, Feed, IngestJob
from claims.services import ingest
from tests.reliability.conftest import load_cases, payload, serve

pytestmark = pytest.mark.django_db

CASES = load_cases()
TERMINAL = {Article.Status.ANALYSED, Article.Status.FAILED}
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
RESULTS: dict[str, dict] = {}


@pytest.fixture(scope="module", autouse=True)
def _summary():
    """Write what every case did (and how many items were lost) as a test artefact."""
    yield
    if RESULTS:
        ARTIFACTS.mkdir(exist_ok=True)
        lost = sum(r.get("lost", 0) for r in RESULTS.values())
        (ARTIFACTS / "bad_inputs.json").write_text(
            json.dumps({"cases": len(RESULTS), "lost": lost, "results": RESULTS}, indent=1)
        )


def test_the_corpus_has_at_least_30_cases_each_with_an_expected_outcome():
    names = [c["name"] for c in CASES]
    assert len(names) >= 30 and len(set(names)) == len(names)
    for case in CASES:
        assert case["via"] in ("file", "text", "url", "feed"), case
        assert case["expect"]["result"] in (
            "error",
            "article",
            "records",
            "duplicate",
            "feed",
            "feed_or_error",
        ), case
        if case["source"].startswith("files/"):
            assert (Path(__file__).parents[1] / "fixtures/bad_inputs" / case["source"]).exists()


class Submission:
    """What one submission left behind: a raised error, or a job / feed."""

    def __init__(self):
        self.raised: str = ""
        self.jobs: list[IngestJob] = []
        self.feeds: list[Feed] = []


def _submit_once(case, source, bad_server, run) -> Submission:
    sub = Submission()
    via = case["via"]
    try:
        if via == "file":
            name = case.get("filename") or Path(source).name
            job = run(ingest.submit_file, name, payload(source).body, outlet="Upload Desk")
            sub.jobs.append(job)
        elif via == "text":
            data = payload(source)
            job = run(
                ingest.submit_text,
                data.text,
                title=data.title,
                outlet=data.outlet,
                url=data.url,
                published=data.published,
            )
            sub.jobs.append(job)
        elif via == "url":
            if source.startswith("literal:"):
                url = source[len("literal:") :]
            else:
                url = serve(bad_server, f"/bad/{case['name']}", source)
                for path, extra in case.get("also", {}).items():
                    serve(bad_server, path, extra)
            sub.jobs.append(run(ingest.submit_url, url))
        else:
            url = serve(bad_server, f"/bad/{case['name']}", source)
            sub.feeds.append(run(ingest.submit_feed, url, outlet="Bad Feeds"))
    except IngestError as exc:
        sub.raised = str(exc)
    for obj in sub.jobs + sub.feeds:
        obj.refresh_from_db()
    return sub


def _errors(sub: Submission, articles) -> str:
    parts = [sub.raised]
    parts += [job.error for job in sub.jobs]
    parts += [feed.last_error for feed in sub.feeds]
    parts += [a.last_error for a in articles]
    return "\n".join(p for p in parts if p)


def _lost(sub: Submission, articles, dispatched: list[int]) -> list[str]:
    """Items that ended nowhere: a job not finished, an article stuck mid-pipeline."""
    lost = []
    for job in sub.jobs:
        if job.status not in (IngestJob.Status.DONE, IngestJob.Status.FAILED):
            lost.append(f"job {job.pk} left {job.status}")
        elif job.done + job.failed != job.total:
            lost.append(f"job {job.pk}: done {job.done} + failed {job.failed} != {job.total}")
        elif job.failed and not job.error:
            lost.append(f"job {job.pk} failed without a message")
    for article in articles:
        if article.status == Article.Status.QUEUED and article.pk in dispatched:
            continue  # a feed entry whose fetch task was dispatched (counted below)
        if article.status not in TERMINAL:
            lost.append(f"article {article.pk} stuck in {article.status}")
        elif article.status == Article.Status.FAILED and not article.last_error:
            lost.append(f"article {article.pk} failed without a reason")
    if len(dispatched) != len(set(dispatched)):
        lost.append("a fetch was dispatched twice")
    return lost


def _assert_inert(client, reviewer, articles, sub):
    client.force_login(reviewer)
    pages = [a.get_absolute_url() for a in articles]
    pages += [a.story.get_absolute_url() for a in articles if a.story_id]
    pages.append("/")
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        tree = lxml.html.fromstring(response.content)
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            handlers = [name for name in element.attrib if name.lower().startswith("on")]
            assert not handlers, (page, element.tag, handlers)
            for name in ("href", "src", "action"):
                assert not element.get(name, "").strip().lower().startswith("javascript:")
            if element.tag == "script":
                assert "alert(" not in (element.text or ""), page
    if any("<script>" in a.text for a in articles):
        html = client.get(articles[0].get_absolute_url()).content.decode()
        assert "&lt;script&gt;" in html


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input(
    case,
    bad_server,
    loopback_fetch,
    django_capture_on_commit_callbacks,
    monkeypatch,
    client,
    reviewer,
):
    expect = case["expect"]
    dispatched: list[int] = []
    if case["via"] == "feed":
        # Entries are queued and their fetch dispatched; fetching 10,000 pages
        # is the ingest suite's business, not this one's.
        monkeypatch.setattr(pipeline, "fetch_article", dispatched.append)
    before = set(Article.objects.values_list("pk", flat=True))

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    sub = _submit_once(case, case["source"], bad_server, run)
    if expect["result"] == "duplicate":
        then = case["source"] if case["then"] == "same" else case["then"]
        if case["via"] == "url":
            second = Submission()
            url = bad_server.url(f"/bad/{case['name']}")
            second.jobs.append(run(ingest.submit_url, url))
        else:
            second = _submit_once(case, then, bad_server, run)
        sub.jobs += second.jobs
        sub.raised = sub.raised or second.raised
    for obj in sub.jobs + sub.feeds:
        obj.refresh_from_db()

    articles = list(Article.objects.exclude(pk__in=before).select_related("story").order_by("pk"))
    errors = _errors(sub, articles)
    lost = _lost(sub, articles, dispatched)
    RESULTS[case["name"]] = {
        "via": case["via"],
        "expected": expect["result"],
        "articles": len(articles),
        "statuses": sorted({a.status for a in articles}),
        "error": errors[:300],
        "lost": len(lost),
    }
    assert not lost, lost

    result = expect["result"]
    if result == "error":
        assert errors, "no error was raised or recorded"
        assert any(f.lower() in errors.lower() for f in expect["fragments"]), errors
        assert all(a.status == Article.Status.FAILED for a in articles), errors
    elif result == "article":
        assert not sub.raised, sub.raised
        assert len(articles) == 1, (errors, [a.url for a in articles])
        article = articles[0]
        assert article.status == Article.Status.ANALYSED, (article.status, errors)
        assert all(job.status == IngestJob.Status.DONE for job in sub.jobs), errors
        for fragment in expect["contains"]:
            assert fragment in article.text, (fragment, article.text[:500])
        for fragment in expect["absent"]:
            assert fragment not in article.text, (fragment, article.text[:500])
            assert fragment not in article.title, (fragment, article.title)
        if expect.get("language"):
            assert article.language == expect["language"]
        if "published" in expect:
            assert article.published_at == expect["published"]
        if expect.get("rendered_inert"):
            _assert_inert(client, reviewer, articles, sub)
    elif result == "records":
        assert (
            len([a for a in articles if a.status != Article.Status.FAILED]) == expect["articles"]
        ), errors
        for fragment in expect["errors"]:
            assert fragment.lower() in errors.lower(), (fragment, errors)
    elif result == "duplicate":
        assert len(articles) == expect["articles"], [a.url for a in articles]
        assert ArticleRevision.objects.filter(article__in=articles).count() == expect["revisions"]
        assert all(job.status == IngestJob.Status.DONE for job in sub.jobs), errors
    elif result in ("feed", "feed_or_error"):
        if result == "feed_or_error" and not articles:
            assert any(f.lower() in errors.lower() for f in expect["fragments"]), errors
        else:
            assert len(articles) == expect["articles"], errors
            assert sorted(dispatched) == [a.pk for a in articles]
            assert all(a.status == Article.Status.QUEUED for a in articles)
