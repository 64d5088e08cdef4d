import pytest
from django.core.management import CommandError, call_command

from claims import pipeline
from claims.models import Article
from tests.db import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(monkeypatch):
    calls = {"articles": [], "stories": []}
    monkeypatch.setattr(pipeline, "start_article", calls["articles"].append)
    monkeypatch.setattr(pipeline, "request_analysis", calls["stories"].append)
    return calls


def test_reprocess_story_requeues_its_articles(started, capsys):
    s = b.story()
    a1 = b.article(story=s, extracted_hash="x", status="analysed")
    a2 = b.article(story=s, extracted_hash="y", status="failed")
    b.article(extracted_hash="z")
    call_command("reprocess", story=s.pk)
    assert sorted(started["articles"]) == sorted([a1.pk, a2.pk])
    assert set(Article.objects.filter(story=s).values_list("extracted_hash", flat=True)) == {""}
    # Back in the state whose next step is extraction (claims.pipeline.NEXT_STEP).
    assert set(Article.objects.filter(story=s).values_list("status", flat=True)) == {"fetched"}
    assert Article.objects.exclude(story=s).get().extracted_hash == "z"
    assert "Queued 2 articles" in capsys.readouterr().out


def test_reprocess_analysis_only_keeps_claims(started):
    s = b.story()
    b.article(story=s, extracted_hash="x")
    call_command("reprocess", "--all", "--analysis-only")
    assert started == {"articles": [], "stories": [s.pk]}
    assert Article.objects.get().extracted_hash == "x"


def test_reprocess_unknown_story_is_a_clear_error(started):
    with pytest.raises(CommandError, match="No story with id 999"):
        call_command("reprocess", story=999)
