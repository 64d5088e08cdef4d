"""Story assignment, analysis persistence, merging and the report, on the ORM."""

import hashlib
import json
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from django.core.management import call_command

from claims.models import (
    Alias,
    Article,
    Claim,
    ClaimCluster,
    Flag,
    MatchSuggestion,
    Outlet,
    Story,
)
from claims.nlp.types import ClaimData, PersonMention
from claims.services import analysis, review

pytestmark = pytest.mark.django_db
T0 = datetime(2025, 10, 31, 12, 0, tzinfo=UTC)
DIM = 384


def unit(*axes, noise=0.0, seed=0):
    v = np.zeros(DIM, dtype=np.float32)
    for a in axes:
        v[a] = 1.0
    if noise:
        v += np.random.default_rng(seed).normal(scale=noise, size=DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def make_article(outlet, n, hours=0, title="", text=""):
    outlet_row, _ = Outlet.objects.get_or_create(name=outlet)
    return Article.objects.create(
        outlet=outlet_row,
        url=f"https://{outlet.lower().replace(' ', '')}.example/{n}",
        title=title or f"{outlet} story {n}",
        text=text,
        published_at=T0 + timedelta(hours=hours),
        status=Article.Status.EMBEDDED,
    )


def add_claim(article, position, text, vector, *, people=(), score=0.8):
    data = ClaimData(
        text=text,
        start=position * 200,
        end=position * 200 + len(text),
        position=position,
        score=score,
        people=list(people),
    )
    return Claim.objects.create(
        article=article,
        position=position,
        text=text,
        start=data.start,
        end=data.end,
        score=score,
        slots=data.slots(),
        text_hash=hashlib.sha256(text.encode()).hexdigest(),
        embedding=np.asarray(vector, dtype=np.float32).tobytes(),
    )


def hegseth(title):
    return PersonMention(name="Pete Hegseth", canonical="Pete Hegseth", title=title)


def signing_story():
    """Three outlets telling the signing, two titles for Hegseth, one lone claim."""
    a = make_article("Alpha", 1, 0)
    b = make_article("Beta", 2, 1)
    c = make_article("Gamma", 3, 2)
    add_claim(
        a,
        0,
        "Hegseth and Singh signed the framework.",
        unit(0, noise=0.01, seed=1),
        people=[hegseth("Secretary of War")],
    )
    add_claim(
        b,
        0,
        "Singh and Hegseth signed a framework.",
        unit(0, noise=0.01, seed=2),
        people=[hegseth("Secretary of War")],
    )
    add_claim(
        c,
        0,
        "The framework was signed by Singh and Hegseth.",
        unit(0, noise=0.01, seed=3),
        people=[hegseth("Defence Secretary")],
    )
    add_claim(c, 1, "Gamma alone reports 5,000 new jobs.", unit(0, 7), score=0.9)
    return story_of(a, b, c)


def story_of(*articles):
    """One story holding the articles, due for analysis (placing them is services.stories)."""
    story = Story.objects.create(
        title=articles[0].title,
        first_seen=T0,
        last_seen=T0,
        article_count=len(articles),
        needs_analysis=True,
        analysis_due_at=T0,
    )
    ids = [a.pk for a in articles]
    Article.objects.filter(pk__in=ids).update(story=story)
    Claim.objects.filter(article_id__in=ids).update(story=story)
    return story


def analyse(story):
    Story.objects.filter(pk=story.pk).update(needs_analysis=True, analysis_due_at=T0)
    return analysis.analyse_story(story.pk)


def test_analyse_story_claims_once_and_persists():
    story = signing_story()
    assert analysis.analyse_story(story.pk) is True  # dirty and due now
    assert analysis.analyse_story(story.pk) is False  # clean: nothing to do
    story.refresh_from_db()
    assert story.analysed_at and not story.needs_analysis
    assert [p["canonical"] for p in story.people] == ["Pete Hegseth"]
    kinds = set(Flag.objects.filter(story=story, is_active=True).values_list("kind", flat=True))
    assert kinds == {"corroborated", "single_source", "title_mismatch"}
    signing = ClaimCluster.objects.get(story=story, outlet_count=3)
    assert signing.independent_count == 3 and signing.claims.count() == 3
    # Told by three outlets, but they give Hegseth different titles while it is open.
    assert signing.status == "contradicted"
    assert set(Article.objects.values_list("status", flat=True)) == {"analysed"}


def test_triage_recolours_the_claims_a_difference_touches(reviewer):
    story = signing_story()
    analyse(story)
    title = Flag.objects.get(kind="title_mismatch")
    signing = ClaimCluster.objects.get(story=story, outlet_count=3)
    review.triage(title.pk, "dismiss", reviewer)
    signing.refresh_from_db()
    assert signing.status == "corroborated"
    review.triage(title.pk, "reopen", reviewer)
    signing.refresh_from_db()
    assert signing.status == "contradicted"
    analyse(story)  # re-analysis agrees with the reviewer's view
    signing.refresh_from_db()
    assert signing.status == "contradicted"


def test_reanalysis_is_idempotent_and_keeps_reviewer_status():
    story = signing_story()
    analyse(story)
    flags = {f.fingerprint: f.pk for f in Flag.objects.all()}
    clusters = {c.fingerprint: c.pk for c in ClaimCluster.objects.all()}
    title = Flag.objects.get(kind="title_mismatch")
    Flag.objects.filter(pk=title.pk).update(status=Flag.Status.DISMISSED)
    assert analyse(story)
    assert {f.fingerprint: f.pk for f in Flag.objects.all()} == flags
    assert {c.fingerprint: c.pk for c in ClaimCluster.objects.all()} == clusters
    title.refresh_from_db()
    assert title.status == Flag.Status.DISMISSED and title.is_active


def test_alias_suppresses_the_flag_next_time():
    story = signing_story()
    analyse(story)
    flag = Flag.objects.get(kind="title_mismatch")
    Alias.objects.create(
        kind="title", subject=flag.subject, value="Defence Secretary", canonical="Secretary of War"
    )
    analyse(story)
    flag.refresh_from_db()
    assert not flag.is_active


@pytest.fixture
def unsure_model(monkeypatch):
    """The pair model unsure of every grey-zone pair: these tests are about what the
    service keeps of a suggestion, not about which pairs the model offers."""
    from claims.analysis import matching

    def unsure(texts_a, texts_b, *args, **kwargs):
        return [matching.PairDecision(matching.SUGGEST, 0.5, []) for _ in texts_a]

    monkeypatch.setattr(matching, "decide_pairs", unsure)


def test_grey_zone_suggestions_and_decisions_survive(unsure_model):
    a, b = make_article("Alpha", 1), make_article("Beta", 2, 1)
    v = unit(0)
    w = 0.8 * v + 0.6 * unit(5)  # cosine 0.8: grey zone
    add_claim(a, 0, "alpha beta", v)
    add_claim(b, 0, "gamma delta", w)
    story = story_of(a, b)
    analyse(story)
    suggestion = MatchSuggestion.objects.get(story=story)
    assert suggestion.decision == "pending" and 0.76 <= suggestion.similarity < 0.86
    assert ClaimCluster.objects.filter(story=story, is_active=True).count() == 2
    MatchSuggestion.objects.filter(pk=suggestion.pk).update(decision="accepted")
    analyse(story)
    suggestion.refresh_from_db()
    assert suggestion.decision == "accepted"
    active = ClaimCluster.objects.filter(story=story, is_active=True)
    assert [c.outlet_count for c in active] == [2]


def test_an_article_repeating_a_sentence_is_analysed(unsure_model):
    # Regression: the repeated sentence sits in two clusters whose best grey-zone
    # pair is the same two texts; both were inserted and broke the unique
    # constraint of MatchSuggestion (IntegrityError), so the story never finished.
    a, b = make_article("Alpha", 1), make_article("Beta", 2, 1)
    v = unit(0)
    add_claim(a, 0, "alpha beta", v)
    add_claim(a, 2, "alpha beta", v)
    add_claim(b, 0, "gamma delta", 0.8 * v + 0.6 * unit(5))
    story = story_of(a, b)
    assert analyse(story)
    assert MatchSuggestion.objects.filter(story=story).count() == 1
    assert set(Article.objects.values_list("status", flat=True)) == {"analysed"}


def test_reanalysing_an_unchanged_triaged_story_writes_no_cluster_row(reviewer):
    # Regression: the analysis wrote its own cluster status, then the status rule
    # that knows the reviewers' triage wrote another, so every re-analysis rewrote
    # the clusters a triage had recoloured.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    story = signing_story()
    analyse(story)
    title = Flag.objects.get(story=story, kind="title_mismatch")
    review.triage(title.pk, "dismiss", reviewer)
    before = dict(ClaimCluster.objects.filter(story=story).values_list("pk", "status"))
    with CaptureQueriesContext(connection) as queries:
        assert analyse(story)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(("UPDATE", "INSERT")) and '"claims_claimcluster"' in q["sql"]
    ]
    assert writes == []
    assert dict(ClaimCluster.objects.filter(story=story).values_list("pk", "status")) == before


def test_merge_stories_moves_rows_and_keeps_decisions():
    story = signing_story()
    analyse(story)
    other = Story.objects.create(
        title="other", first_seen=T0, last_seen=T0, article_count=1, centroid=unit(3).tobytes()
    )
    x = make_article("Epsilon", 9, 5)
    add_claim(
        x,
        0,
        "Hegseth and Singh signed the framework.",
        unit(0, noise=0.01, seed=9),
        people=[hegseth("Defence Secretary")],
    )
    Article.objects.filter(pk=x.pk).update(story=other)
    Claim.objects.filter(article=x).update(story=other)
    dismissed = Flag.objects.create(
        story=other,
        kind="title_mismatch",
        subject="Pete Hegseth",
        fingerprint=Flag.objects.get(kind="title_mismatch").fingerprint,
        status=Flag.Status.DISMISSED,
    )
    assert analysis.merge_stories(story.pk, [other.pk]) == 1
    other.refresh_from_db()
    assert other.merged_into_id == story.pk
    assert not Flag.objects.filter(pk=dismissed.pk).exists()
    assert Flag.objects.get(story=story, kind="title_mismatch").status == Flag.Status.DISMISSED
    story.refresh_from_db()
    assert story.article_count == 4
    analyse(story)
    assert Flag.objects.get(story=story, kind="title_mismatch").status == Flag.Status.DISMISSED
    assert ClaimCluster.objects.get(story=story, status="corroborated").outlet_count == 4


def test_sweep_analyses_due_stories_only():
    story = signing_story()
    Story.objects.filter(pk=story.pk).update(analysis_due_at=T0 + timedelta(days=3650))
    assert analysis.sweep_dirty_stories() == 0
    Story.objects.filter(pk=story.pk).update(analysis_due_at=T0)
    assert analysis.sweep_dirty_stories() == 1
    assert analysis.sweep_dirty_stories() == 0


def test_story_report_shape_and_command(capsys):
    story = signing_story()
    analyse(story)
    report = analysis.story_report()
    [entry] = report["stories"]
    assert entry["id"] == story.pk and entry["outlets"] == ["Alpha", "Beta", "Gamma"]
    cluster = entry["clusters"][0]
    assert {"id", "label", "status", "outlets", "claims"} <= set(cluster)
    assert {"outlet", "text"} <= set(cluster["claims"][0])
    flag = next(f for f in entry["flags"] if f["kind"] == "title_mismatch")
    assert {"kind", "subject", "status", "variants"} <= set(flag)
    variant = flag["variants"][0]
    assert {"value", "outlets", "evidence"} <= set(variant)
    assert {"article", "text", "start", "end"} <= set(variant["evidence"][0])
    assert analysis.story_report(story.pk)["stories"][0]["id"] == story.pk

    call_command("report", "--json", "--story", str(story.pk))
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(report))
    call_command("report")
    assert "title_mismatch" in capsys.readouterr().out
