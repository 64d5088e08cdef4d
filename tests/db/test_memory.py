"""claims.services.memory: entries kept in step with verdicts and fact-checks, and matches."""

import hashlib
from datetime import date, timedelta

import numpy as np
import pytest
from django.conf import settings
from django.utils import timezone

from claims import pipeline
from claims.models import ClaimCluster, FactCheck, MemoryEntry, MemoryMatch, Review
from claims.nlp import embed
from claims.services import memory, review
from tests.db import builders

pytestmark = pytest.mark.django_db


class WordEmbedder:
    """Bag of hashed words: sentences sharing their words point the same way."""

    name = "memory-test"
    dim = 96

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().replace(".", " ").split():
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@pytest.fixture(autouse=True)
def word_embedder():
    embed.set_embedder(WordEmbedder())
    yield
    embed.set_embedder(None)


def fact_check(claim, **kw):
    kw.setdefault("key", hashlib.sha256(claim.encode()).hexdigest())
    kw.setdefault("source", "test.json")
    return FactCheck.objects.create(claim_reviewed=claim, **kw)


def test_a_fact_check_becomes_an_entry_and_a_second_run_updates_it():
    fc = fact_check(
        "The harbour bridge in Lomsk closed for good in May.",
        rating="Pants on fire",
        verdict="false",
        publisher="Checkers Weekly",
        date_published=date(2026, 5, 4),
    )
    assert memory.index_fact_checks([fc.pk, 10**9]) == 1
    entry = MemoryEntry.objects.get(fact_check=fc)
    assert entry.source == MemoryEntry.Source.FACT_CHECK
    assert (entry.verdict, entry.rating) == ("false", "Pants on fire")
    assert entry.decided_at.date() == date(2026, 5, 4)
    assert entry.model == "memory-test"
    vector = embed.from_bytes(entry.vector)
    assert vector.shape == (96,) and abs(float(np.linalg.norm(vector)) - 1) < 1e-5

    FactCheck.objects.filter(pk=fc.pk).update(verdict="misleading", rating="Half true")
    assert memory.index_fact_checks([fc.pk]) == 1
    assert MemoryEntry.objects.count() == 1
    assert MemoryEntry.objects.get().verdict == "misleading"


def test_a_fact_check_without_a_claim_is_skipped():
    fc = fact_check("   ")
    assert memory.index_fact_checks([fc.pk]) == 0
    assert not MemoryEntry.objects.exists()


@pytest.fixture(autouse=True)
def fresh_index():
    memory.indexes.clear()
    yield
    memory.indexes.clear()


BRIDGE = "The harbour bridge in Lomsk will close for good in May."
SCHOOL = "Forty schools in the valley will teach in three languages from September."


def verdict(cluster, reviewer, value="false", note="The council says the bridge stays open."):
    return review.record_verdict(cluster.pk, value, reviewer, note)


def test_a_verdict_creates_the_clusters_entry_and_a_later_one_updates_it(
    reviewer, django_capture_on_commit_callbacks
):
    cluster = builders.cluster(builders.story(), label=BRIDGE)
    with django_capture_on_commit_callbacks(execute=True):
        verdict(cluster, reviewer, "false")
    entry = MemoryEntry.objects.get(cluster=cluster)
    assert (entry.source, entry.text, entry.verdict) == ("verdict", BRIDGE, "false")
    expected = WordEmbedder().encode([BRIDGE])[0]
    assert np.allclose(embed.from_bytes(entry.vector), expected)

    with django_capture_on_commit_callbacks(execute=True):
        verdict(cluster, reviewer, "misleading", "Closed for repairs, not for good.")
    assert MemoryEntry.objects.count() == 1
    assert MemoryEntry.objects.get().verdict == "misleading"


def test_a_cluster_whose_verdicts_are_gone_leaves_the_memory(reviewer):
    cluster = builders.cluster(builders.story(), label=BRIDGE)
    verdict(cluster, reviewer)
    assert memory.index_verdict(cluster.pk)
    Review.objects.filter(cluster=cluster).delete()
    assert not memory.index_verdict(cluster.pk)
    assert not MemoryEntry.objects.exists()


def _reviewed(reviewer, label=BRIDGE):
    old = builders.cluster(builders.story("Last month"), label=label)
    verdict(old, reviewer)
    memory.index_verdict(old.pk)
    return old


def test_a_new_storys_cluster_matches_an_earlier_verdict_and_nothing_else(reviewer):
    old = _reviewed(reviewer)
    new_story = builders.story("Today")
    same = builders.cluster(new_story, label=BRIDGE)
    other = builders.cluster(new_story, label=SCHOOL, position=1)
    builders.cluster(new_story, label=BRIDGE + " ", position=2, is_active=False)

    assert memory.match_story(new_story.pk) == 1
    match = MemoryMatch.objects.get()
    assert (match.cluster, match.entry) == (same, old.memory_entry)
    assert match.score >= settings.MEMORY_MATCH_THRESHOLD
    assert not other.memory_matches.exists()


def test_a_cluster_never_matches_its_own_entry_nor_its_storys(reviewer):
    old = _reviewed(reviewer)
    builders.cluster(old.story, label=BRIDGE + " Again.", position=1)
    assert memory.match_story(old.story_id) == 0
    assert not MemoryMatch.objects.exists()


def test_a_fact_check_matches_too(reviewer):
    fc = fact_check(BRIDGE, verdict="false", publisher="Checkers Weekly")
    memory.index_fact_checks([fc.pk])
    story = builders.story()
    cluster = builders.cluster(story, label=BRIDGE)
    assert memory.match_story(story.pk) == 1
    assert MemoryMatch.objects.get().entry.fact_check == fc
    assert cluster.memory_matches.count() == 1


def test_the_task_is_idempotent_and_drops_matches_that_no_longer_hold(reviewer):
    old = _reviewed(reviewer)
    story = builders.story()
    cluster = builders.cluster(story, label=BRIDGE)
    pipeline.send(pipeline.MATCH_MEMORY, story.pk)
    first = list(MemoryMatch.objects.values_list("pk", "cluster_id", "entry_id", "score"))
    assert [row[1:3] for row in first] == [(cluster.pk, old.memory_entry.pk)]
    pipeline.send(pipeline.MATCH_MEMORY, story.pk)
    assert list(MemoryMatch.objects.values_list("pk", "cluster_id", "entry_id", "score")) == first

    ClaimCluster.objects.filter(pk=cluster.pk).update(label=SCHOOL)
    pipeline.send(pipeline.MATCH_MEMORY, story.pk)
    assert not MemoryMatch.objects.exists()


def test_an_index_built_before_a_new_entry_is_rebuilt_once_the_entry_commits(
    reviewer, django_capture_on_commit_callbacks
):
    _reviewed(reviewer, label=SCHOOL)
    story = builders.story()
    builders.cluster(story, label=BRIDGE)
    assert memory.match_story(story.pk) == 0  # builds this process's index
    assert len(memory.indexes.get("memory-test")) == 1

    _reviewed(reviewer)  # written, not committed: other processes cannot see it yet
    assert len(memory.indexes.get("memory-test")) == 1
    with django_capture_on_commit_callbacks(execute=True):
        memory.changed()  # what the entry's commit runs
    assert memory.match_story(story.pk) == 1
    assert len(memory.indexes.get("memory-test")) == 2


def test_verdicts_and_fact_checks_are_held_to_their_own_cut_offs(reviewer, settings):
    _reviewed(reviewer)
    fc = fact_check(BRIDGE, verdict="false", publisher="Checkers Weekly")
    memory.index_fact_checks([fc.pk])
    story = builders.story()
    builders.cluster(story, label=BRIDGE)

    settings.MEMORY_VERDICT_THRESHOLD = 1.01  # no pair-model score reaches it
    assert memory.match_story(story.pk) == 1
    assert MemoryMatch.objects.get().entry.fact_check == fc

    settings.MEMORY_VERDICT_THRESHOLD, settings.MEMORY_MATCH_THRESHOLD = None, 1.01
    assert memory.match_story(story.pk) == 1
    assert MemoryMatch.objects.get().entry.source == MemoryEntry.Source.VERDICT


def test_an_entry_follows_its_clusters_reworded_label_at_the_next_match(reviewer):
    old = _reviewed(reviewer)
    ClaimCluster.objects.filter(pk=old.pk).update(label=SCHOOL)
    memory.match_story(old.story_id)
    entry = MemoryEntry.objects.get(cluster=old)
    assert entry.text == SCHOOL
    assert np.allclose(embed.from_bytes(entry.vector), WordEmbedder().encode([SCHOOL])[0])


def test_a_deleted_fact_check_leaves_every_index_at_the_next_lookup(
    django_capture_on_commit_callbacks,
):
    fc = fact_check(BRIDGE, verdict="false")
    with django_capture_on_commit_callbacks(execute=True):
        memory.index_fact_checks([fc.pk])
    assert len(memory.indexes.get("memory-test")) == 1
    with django_capture_on_commit_callbacks(execute=True):
        fc.delete()
    assert len(memory.indexes.get("memory-test")) == 0


def test_neighbours_under_the_models_cosine_floor_are_not_scored(reviewer, monkeypatch):
    unrelated = "Forty schools teach three languages from September onwards."
    near, far = _reviewed(reviewer), _reviewed(reviewer, label=unrelated)
    story = builders.story()
    builders.cluster(story, label=BRIDGE)
    seen = []
    real_rank = memory.matching.rank

    def rank(query, vector, candidates, *args, **kwargs):
        seen.extend(int(c.id) for c in candidates)
        return real_rank(query, vector, candidates, *args, **kwargs)

    monkeypatch.setattr(memory.matching, "rank", rank)
    assert memory.match_story(story.pk) == 1
    assert seen == [near.memory_entry.pk]  # the school sentence shares no word with it
    assert far.memory_entry.pk not in seen


def test_the_index_is_built_from_the_rows_a_chunk_at_a_time(monkeypatch):
    monkeypatch.setattr(memory, "BUILD_CHUNK", 2)
    checks = [fact_check(f"Claim number {n} about the harbour.") for n in range(5)]
    memory.index_fact_checks([fc.pk for fc in checks])
    index = memory.build_index("memory-test")
    assert len(index) == 5
    query = WordEmbedder().encode(["Claim number 3 about the harbour."])
    ids, _ = index.search(query, 1)
    assert int(ids[0, 0]) == checks[3].memory_entry.pk
    assert len(memory.build_index("another-model")) == 0


def test_a_fact_check_imported_later_reaches_a_recent_story(django_capture_on_commit_callbacks):
    story = builders.story()
    cluster = builders.cluster(story, label=BRIDGE)
    assert memory.match_story(story.pk) == 0
    fc = fact_check(BRIDGE, verdict="false", publisher="Checkers Weekly")
    with django_capture_on_commit_callbacks(execute=True):
        memory.index_fact_checks([fc.pk])
    assert cluster.memory_matches.get().entry.fact_check == fc


def test_a_later_verdict_reaches_recent_stories_but_not_old_ones(
    reviewer, settings, django_capture_on_commit_callbacks
):
    settings.MEMORY_RECHECK_DAYS = 30
    recent = builders.cluster(builders.story("This week"), label=BRIDGE)
    old_story = builders.story("Last year", last_seen=timezone.now() - timedelta(days=90))
    old = builders.cluster(old_story, label=BRIDGE)
    reviewed = builders.cluster(builders.story("Today"), label=BRIDGE)
    with django_capture_on_commit_callbacks(execute=True):
        verdict(reviewed, reviewer)
    assert recent.memory_matches.get().entry == reviewed.memory_entry
    assert not old.memory_matches.exists()
    assert not reviewed.memory_matches.exists()
