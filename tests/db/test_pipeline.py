"""claims.pipeline: dispatch of the next step, and what a failing step leaves behind."""

import json
from collections import Counter

import numpy as np
import pytest

from claims.models import Article, IngestJob, Story
from claims.nlp import embed
from claims.services import ingest, nlp


class ConstantEmbedder:
    """Every sentence on one axis: the records of the file share a story."""

    name = "constant-test"
    dim = 8

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        out[:, 0] = 1.0
        return out


@pytest.fixture
def constant_embedder():
    embed.set_embedder(ConstantEmbedder())
    yield
    embed.set_embedder(None)


def _record(outlet, title, text):
    return {"outlet": outlet, "title": title, "text": text, "published": "2025-03-03T09:00:00Z"}


# transaction=True: each record commits on its own and its on-commit dispatch runs the
# eager tasks right there, as in `manage.py ingest` without a broker.
@pytest.mark.slow  # spaCy parses the records
@pytest.mark.django_db(transaction=True)
def test_a_records_failing_step_is_recorded_and_the_file_goes_on(monkeypatch, constant_embedder):
    # Regression: the exception of one record's eager step rose through the ingest
    # loop, and the records after it were never ingested (158 of 982 on ECB+).
    real_extract = nlp.extract_article_claims

    def extract(article_id, force=False):
        if Article.objects.get(pk=article_id).title == "Broken":
            raise RuntimeError("parser crashed")
        return real_extract(article_id, force)

    monkeypatch.setattr(nlp, "extract_article_claims", extract)
    records = [
        _record(
            "Northern Post",
            "Mill",
            "The Riverside mill will reopen on Monday with 300 workers, the mayor said.",
        ),
        _record("Valley Times", "Broken", "The Riverside mill reopens on Monday, officials said."),
        _record(
            "Coast Herald",
            "Mill again",
            "Mayor Ellen Hart said the Riverside mill would reopen on Monday with 300 jobs.",
        ),
    ]
    data = "\n".join(json.dumps(r) for r in records).encode()

    job = ingest.submit_file("mill.jsonl", data)

    assert (job.status, job.done, job.failed) == (IngestJob.Status.DONE, 3, 0)
    broken = Article.objects.get(title="Broken")
    assert broken.status == Article.Status.FAILED
    assert broken.last_error == "extract_claims failed: RuntimeError: parser crashed"
    others = Article.objects.exclude(pk=broken.pk)
    assert sorted(others.values_list("title", flat=True)) == ["Mill", "Mill again"]
    assert set(others.values_list("status", flat=True)) == {Article.Status.ANALYSED}
    assert set(others.values_list("last_error", flat=True)) == {""}


# --- the one dispatch point ------------------------------------------------------------


def test_every_task_the_pipeline_sends_is_registered():
    from celery import current_app

    from claims import pipeline

    current_app.loader.import_default_modules()
    names = [
        value for key, value in vars(pipeline).items() if key.isupper() and key.isidentifier()
    ]
    names = [n for n in names if isinstance(n, str) and n.startswith("claims.tasks.")]
    assert len(names) >= 8
    missing = [n for n in [*names, *pipeline.NEXT_STEP.values()] if n not in current_app.tasks]
    assert not missing
    assert set(pipeline.NEXT_STEP) <= set(Article.Status.values)


def test_only_the_pipeline_imports_the_tasks():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "claims"
    importing = re.compile(
        r"^\s*(from claims import .*\btasks\b|from claims\.tasks |import claims\.tasks)", re.M
    )
    found = sorted(
        str(path.relative_to(root.parent))
        for path in root.rglob("*.py")
        if importing.search(path.read_text())
    )
    assert found == []


@pytest.fixture
def sent(monkeypatch):
    from claims import pipeline

    calls = []
    monkeypatch.setattr(
        pipeline, "send_on_commit", lambda name, *args, **kw: calls.append((name, args))
    )
    return calls


@pytest.mark.django_db
def test_advance_sends_the_step_of_the_articles_state_once(sent):
    from claims import pipeline
    from tests.db import builders as b

    article = b.article()
    for status, step in [
        ("fetched", pipeline.EXTRACT_CLAIMS),
        ("extracted", pipeline.EMBED_CLAIMS),
        ("embedded", pipeline.ASSIGN_STORY),
    ]:
        Article.objects.filter(pk=article.pk).update(status=status)
        sent.clear()
        pipeline.advance(article.pk)
        assert sent == [(step, (article.pk,))]
        # The step ran and left the article where it was: nothing more is sent.
        sent.clear()
        pipeline.step_done(step, (article.pk,))
        assert sent == []
    for status in ("queued", "analysed", "failed"):
        Article.objects.filter(pk=article.pk).update(status=status)
        pipeline.advance(article.pk)
    pipeline.advance(10**9)  # gone
    assert sent == []
    Article.objects.filter(pk=article.pk).update(status="extracted")
    pipeline.step_done(pipeline.EXTRACT_CLAIMS, (article.pk,))
    assert sent == [(pipeline.EMBED_CLAIMS, (article.pk,))]


# --- eager story analysis: once per batch ------------------------------------------------


@pytest.fixture
def analyses(monkeypatch):
    """Story id of every analysis that ran (the analyse_story task calls the service)."""
    from claims.services import analysis

    real = analysis.analyse_story
    ran = []

    def counted(story_id):
        done = real(story_id)
        if done:
            ran.append(story_id)
        return done

    monkeypatch.setattr(analysis, "analyse_story", counted)
    return ran


@pytest.mark.django_db
def test_a_batch_analyses_each_story_it_asks_for_once_when_it_ends(sent):
    from claims import pipeline
    from tests.db import builders as b

    first, second = b.story(), b.story()
    with pipeline.batched_analysis():
        for story in (first, second, first, first):
            pipeline.request_analysis(story.pk)
        assert sent == []  # put off, but marked dirty for anyone who looks
        assert all(s.needs_analysis for s in Story.objects.filter(pk__in=[first.pk, second.pk]))
    assert sent == [(pipeline.ANALYSE_STORY, (first.pk,)), (pipeline.ANALYSE_STORY, (second.pk,))]
    sent.clear()
    pipeline.request_analysis(first.pk)  # outside a batch: at once, as before
    assert sent == [(pipeline.ANALYSE_STORY, (first.pk,))]


@pytest.mark.django_db
def test_a_batch_that_fails_half_way_still_analyses_what_it_touched(sent):
    from claims import pipeline
    from tests.db import builders as b

    story = b.story()
    with pytest.raises(RuntimeError), pipeline.batched_analysis():
        pipeline.request_analysis(story.pk)
        raise RuntimeError("the database went away")
    assert sent == [(pipeline.ANALYSE_STORY, (story.pk,))]


@pytest.mark.django_db
def test_a_failing_analysis_in_a_batch_stops_no_other(
    monkeypatch, analyses, django_capture_on_commit_callbacks
):
    from claims import pipeline
    from claims.services import analysis
    from tests.db import builders as b

    broken, fine = b.story(), b.story()
    for story in (broken, fine):
        b.article(story=story, status=Article.Status.EMBEDDED)
    counted = analysis.analyse_story

    def analyse(story_id):
        if story_id == broken.pk:
            raise RuntimeError("analysis crashed")
        return counted(story_id)

    monkeypatch.setattr(analysis, "analyse_story", analyse)
    with django_capture_on_commit_callbacks(execute=True), pipeline.batched_analysis():
        pipeline.request_analysis(broken.pk)
        pipeline.request_analysis(fine.pk)

    assert analyses == [fine.pk]
    assert Article.objects.get(story=fine).status == Article.Status.ANALYSED
    waiting = Article.objects.get(story=broken)
    assert waiting.last_error == "analyse_story failed: RuntimeError: analysis crashed"
    assert Story.objects.get(pk=broken.pk).needs_analysis  # left for `reprocess`


@pytest.mark.django_db
def test_with_a_broker_a_batch_leaves_the_debounce_alone(sent, settings, monkeypatch):
    from claims import pipeline
    from tests.db import builders as b

    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(pipeline, "has_broker", lambda: True)
    story = b.story()
    with pipeline.batched_analysis():
        pipeline.request_analysis(story.pk)
        assert sent == [(pipeline.ANALYSE_STORY, (story.pk,))]


MILL = "the Riverside mill will reopen on Monday with {n} workers, Mayor Ellen Hart said."


@pytest.mark.slow  # spaCy parses the records
@pytest.mark.django_db(transaction=True)
def test_eager_file_ingest_analyses_each_story_once_per_batch(
    monkeypatch, constant_embedder, analyses
):
    # Regression: eager tasks analysed a story again after every article that joined
    # it, the whole story each time (100 ECB+ records: 100 analyses of 57 stories).
    real_extract = nlp.extract_article_claims

    def extract(article_id, force=False):
        if Article.objects.get(pk=article_id).title == "Broken":
            raise RuntimeError("parser crashed")
        return real_extract(article_id, force)

    monkeypatch.setattr(nlp, "extract_article_claims", extract)
    monkeypatch.setattr(ingest, "PARSE_AHEAD", 1)
    monkeypatch.setattr(ingest, "ANALYSE_AFTER", 3)
    outlets = ["Northern Post", "Valley Times", "Coast Herald", "Hill Gazette", "Bay News"]
    records = [_record(o, f"Mill {i}", MILL.format(n=100 + i)) for i, o in enumerate(outlets)]
    records.insert(1, _record("Lake Courier", "Broken", MILL.format(n=99)))
    records.insert(4, {"title": "No outlet", "text": "A record nobody published."})
    data = "\n".join(json.dumps(r) for r in records).encode()

    job = ingest.submit_file("mill.jsonl", data)

    assert (job.done, job.failed) == (6, 1)
    # Batches of three records: [Mill 0, Broken, Mill 1], [Mill 2, no outlet, Mill 3], [Mill 4].
    batch_of = {f"Mill {i}": b for i, b in enumerate([0, 0, 1, 1, 2])}
    articles = Article.objects.exclude(title="Broken")
    expected = Counter()
    for story_id, batches in _batches_by_story(articles, batch_of).items():
        expected[story_id] = len(batches)
    assert Counter(analyses) == expected
    assert len(analyses) < articles.count()  # the old path: one analysis per article
    assert set(articles.values_list("status", flat=True)) == {Article.Status.ANALYSED}
    stories = Story.objects.filter(pk__in=articles.values("story"))
    assert not stories.filter(needs_analysis=True).exists()
    assert not stories.filter(analysed_at=None).exists()
    assert Article.objects.get(title="Broken").status == Article.Status.FAILED


def _batches_by_story(articles, batch_of) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for title, story_id in articles.values_list("title", "story_id"):
        found.setdefault(story_id, set()).add(batch_of[title])
    return found


@pytest.mark.slow  # spaCy parses the text
@pytest.mark.django_db(transaction=True)
def test_one_pasted_article_is_analysed_before_the_submit_returns(constant_embedder, analyses):
    job = ingest.submit_text(MILL.format(n=300), title="Mill", outlet="Northern Post")

    assert job.status == IngestJob.Status.DONE
    article = Article.objects.get()
    assert article.status == Article.Status.ANALYSED
    assert analyses == [article.story_id]


@pytest.mark.slow  # spaCy parses the records
@pytest.mark.django_db(transaction=True)
def test_eager_reprocess_analyses_each_story_once(constant_embedder, analyses):
    from claims.services.reprocess import reprocess_articles

    outlets = ["Northern Post", "Valley Times", "Coast Herald"]
    for i, outlet in enumerate(outlets):
        ingest.submit_text(MILL.format(n=400 + i), title=f"Mill {i}", outlet=outlet)
    story_ids = set(Article.objects.values_list("story_id", flat=True))
    analyses.clear()

    reprocess_articles(Article.objects.values_list("pk", flat=True))

    assert sorted(analyses) == sorted(story_ids)  # once each, not once per article
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.ANALYSED}
