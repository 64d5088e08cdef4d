"""claims.services.stories: every article gets a story, from the key index, on the ORM."""

import hashlib
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from claims.models import Article, EmbeddingCache, Outlet, Story, StoryKey, TermFrequency
from claims.nlp import embed
from claims.nlp.normalize import text_hash
from claims.services import stories
from tests.unit.test_analysis_stories import BACKGROUND, FLOOD, FOLLOW_UP, OTHER_FLOOD

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # spaCy parses the articles
T0 = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


class HashingEmbedder:
    """Bag of hashed words: texts sharing words point the same way."""

    name = "hashing-test"
    dim = 64

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@pytest.fixture(autouse=True)
def hashing_embedder():
    embed.set_embedder(HashingEmbedder())
    yield
    embed.set_embedder(None)


def article(n, title, text, when, outlet="Valley Times"):
    row, _ = Outlet.objects.get_or_create(name=outlet)
    return Article.objects.create(
        outlet=row,
        url=f"https://news.example/{n}",
        title=title,
        text=text,
        published_at=when,
        status=Article.Status.EMBEDDED,
    )


@pytest.fixture
def background():
    return [
        stories.assign_story(article(100 + i, t, x, T0 - timedelta(days=3 - i)).pk)
        for i, (t, x) in enumerate(BACKGROUND)
    ]


def test_an_article_without_claims_gets_a_story_and_counts_once(background):
    obituary = article(
        1, "Former harbour master dies at 91", "He served Eastgate for 30 years.", T0
    )
    story_id = stories.assign_story(obituary.pk)
    assert story_id is not None
    obituary.refresh_from_db()
    assert obituary.story_id == story_id
    assert obituary.story_terms["terms"]
    total = TermFrequency.objects.get(key=TermFrequency.TOTAL).documents
    assert total == len(background) + 1
    # Run again (a redelivered task): same story, nothing counted twice.
    assert stories.assign_story(obituary.pk) == story_id
    assert TermFrequency.objects.get(key=TermFrequency.TOTAL).documents == total
    assert stories.assign_story(999_999) is None


def test_a_follow_up_days_later_joins_and_a_same_kind_event_elsewhere_does_not(background):
    first = stories.assign_story(article(1, *FLOOD, T0, outlet="Northern Post").pk)
    other = stories.assign_story(article(2, *OTHER_FLOOD, T0 + timedelta(days=1)).pk)
    later = stories.assign_story(article(3, *FOLLOW_UP, T0 + timedelta(days=9)).pk)
    assert later == first
    assert other != first
    assert first not in background
    story = Story.objects.get(pk=first)
    assert story.article_count == 2
    assert story.last_seen == T0 + timedelta(days=9)
    # The story is in the index under its identifying keys, with its last_seen.
    keys = set(StoryKey.objects.filter(story=story).values_list("key", flat=True))
    assert "p:brightwater" in keys
    assert set(StoryKey.objects.filter(story=story).values_list("last_seen", flat=True)) == {
        story.last_seen
    }


def test_a_quake_two_months_on_opens_its_own_story_and_keeps_its_fresh_mark(background):
    from claims.nlp.salient import FRESH_KEY
    from tests.unit.test_analysis_stories import NEXT_QUAKE, QUAKE

    first = stories.assign_story(article(1, *QUAKE, T0).pk)
    second = article(2, *NEXT_QUAKE, T0 + timedelta(days=60), outlet="Northern Post")
    assert stories.assign_story(second.pk) != first
    second.refresh_from_db()
    assert FRESH_KEY in second.story_terms["terms"]  # kept with the article's features
    assert FRESH_KEY not in Story.objects.get(pk=first).profile  # never a term of a story


FRENCH_FLOOD = (
    "Inondations à Marlow Creek",
    "Selon les autorités locales, la rivière est sortie de son lit à Marlow Creek, et les "
    "pompiers ont passé toute la nuit à secourir les familles bloquées dans les maisons.\n"
    "Pour la première fois depuis des décennies, les écoles resteront fermées jusqu'à "
    "nouvel ordre, a déclaré Elena Brightwater aux journalistes réunis devant la mairie.\n"
    "Les habitants du quartier de Willowmere attendent toujours des nouvelles de leurs "
    "proches et craignent que les pluies ne reprennent pendant le week-end.",
)


def test_a_page_in_another_language_joins_the_story_whose_names_it_carries(background):
    first = stories.assign_story(article(1, *FLOOD, T0, outlet="Northern Post").pk)
    french = article(2, *FRENCH_FLOOD, T0 + timedelta(days=1), outlet="Le Courrier")
    Article.objects.filter(pk=french.pk).update(language="fr")
    assert stories.assign_story(french.pk) == first
    # read by its names only (claims.analysis.stories.foreign_score)
    assert stories._features_of(Article.objects.get(pk=french.pk)).foreign
    assert not stories._features_of(Article.objects.get(pk=first_article(first))).foreign


def test_a_page_in_another_language_does_not_join_a_story_of_such_pages_alone(background):
    french = article(2, *FRENCH_FLOOD, T0 + timedelta(days=1), outlet="Le Courrier")
    Article.objects.filter(pk=french.pk).update(language="fr")
    alone = stories.assign_story(french.pk)
    assert Story.objects.get(pk=alone).profile["read"] == 0
    again = article(4, *FRENCH_FLOOD, T0 + timedelta(days=1), outlet="La Gazette")
    Article.objects.filter(pk=again.pk).update(language="fr")
    # its names are the English tagger's reading of French words: nothing to join on
    assert stories.assign_story(again.pk) != alone


def test_pages_in_another_language_before_any_english_one_join_its_story(background):
    # two French reports came first, each a story of its own (no foreign page
    # joins a story of such pages alone); the English report that follows joins
    # one, and the story, now read in English, folds the other in
    first = article(2, *FRENCH_FLOOD, T0, outlet="Le Courrier")
    second = article(4, *FRENCH_FLOOD, T0 + timedelta(hours=1), outlet="La Gazette")
    Article.objects.filter(pk__in=[first.pk, second.pk]).update(language="fr")
    alone = [stories.assign_story(first.pk), stories.assign_story(second.pk)]
    assert alone[0] != alone[1]
    english = stories.assign_story(article(1, *FLOOD, T0 + timedelta(hours=6)).pk)
    assert english in alone
    assert set(
        Article.objects.filter(pk__in=[first.pk, second.pk]).values_list("story", flat=True)
    ) == {english}
    [other] = [pk for pk in alone if pk != english]
    assert Story.objects.get(pk=other).merged_into_id == english


def first_article(story_id):
    return Article.objects.filter(story_id=story_id).order_by("pk").values_list("pk", flat=True)[0]


def test_a_story_outside_the_window_is_no_candidate(background, settings):
    settings.STORY_WINDOW_DAYS = 5
    first = stories.assign_story(article(1, *FLOOD, T0).pk)
    later = stories.assign_story(article(3, *FOLLOW_UP, T0 + timedelta(days=9)).pk)
    assert later != first


def test_an_article_already_in_a_story_is_never_moved(background):
    pinned_story = Story.objects.create(title="Chosen by a reviewer")
    pinned = article(1, *FLOOD, T0)
    Article.objects.filter(pk=pinned.pk).update(story=pinned_story, story_locked=True)
    assert stories.assign_story(pinned.pk) == pinned_story.pk


def test_rebuild_story_follows_the_articles_it_holds(background):
    first = stories.assign_story(article(1, *FLOOD, T0).pk)
    later = article(3, *FOLLOW_UP, T0 + timedelta(days=9))
    assert stories.assign_story(later.pk) == first
    Article.objects.filter(pk=later.pk).update(story=None)
    story = Story.objects.get(pk=first)
    stories.rebuild_story(story)
    story.refresh_from_db()
    assert story.article_count == 1
    assert story.last_seen == T0
    Article.objects.filter(story=story).update(story=None)
    stories.rebuild_story(story)
    assert not StoryKey.objects.filter(story=story).exists()


def _claim(art, position, text, score):
    vector = HashingEmbedder().encode([text])[0]
    return art.claims.create(
        position=position,
        text=text,
        start=position * 100,
        end=position * 100 + len(text),
        score=score,
        text_hash=hashlib.sha256(text.encode()).hexdigest(),
        embedding=embed.to_bytes(vector),
    )


def test_a_quote_kept_below_check_worthiness_stays_out_of_the_story_vector():
    # Attributed quotes become claims whatever their score (for the quote
    # comparison); what makes the story is the check-worthy claims.
    flood = article(1, "River bursts its banks in Eastgate", "The river rose overnight.", T0)
    _claim(flood, 0, "The river rose two metres overnight in Eastgate.", 0.9)
    _, before = stories.compute_features(flood)
    _claim(flood, 1, '"We will rebuild every single home," the mayor said.', 0.2)
    _, after = stories.compute_features(flood)
    assert before == after
    _claim(flood, 2, "Forty homes in Eastgate were flooded by the river.", 0.8)
    _, third = stories.compute_features(flood)
    assert third != before


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder that remembers every text it was asked to encode."""

    def __init__(self):
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        return super().encode(texts)


def test_a_headline_and_lead_already_encoded_is_not_encoded_again():
    counting = CountingEmbedder()
    embed.set_embedder(counting)
    sentence = "The river rose two metres overnight in Eastgate."
    # No title and a one-sentence text: the text embedded for the story vector
    # is the article's own claim, whose vector is stored.
    bare = article(1, "", sentence, T0)
    bare.claims.create(
        position=0,
        text=sentence,
        start=0,
        end=len(sentence),
        score=0.9,
        text_hash=text_hash(sentence),
        embedding=embed.to_bytes(HashingEmbedder().encode([sentence])[0]),
    )
    _, vector = stories.compute_features(bare)
    assert vector is not None
    assert counting.seen == []
    # Another outlet carrying the same headline and lead: encoded once in all.
    title = "River bursts its banks in Eastgate"
    first = article(2, title, sentence, T0, outlet="Northern Post")
    copy = article(3, title, sentence, T0, outlet="Coast Herald")
    _, one = stories.compute_features(first)
    _, two = stories.compute_features(copy)
    assert one == two
    assert counting.seen == [f"{title}. {sentence}"]
    # The cached vector is the one a fresh encode gives, byte for byte.
    head = f"{title}. {sentence}"
    cached = EmbeddingCache.objects.get(model="hashing-test", text_hash=text_hash(head))
    assert bytes(cached.vector) == embed.to_bytes(HashingEmbedder().encode([head])[0])


def test_document_frequencies_count_each_key_once_per_article_and_follow_a_new_text():
    first = article(1, "Ferry runs aground off Kessel Point", "The ferry Aurelia ran aground.", T0)
    second = article(2, "Ferry Aurelia refloated at Kessel Point", "Tugs refloated the ferry.", T0)
    for a in (first, second):
        stories.assign_story(a.pk)

    def expected():
        counts = {}
        for a in Article.objects.filter(pk__in=[first.pk, second.pk]):
            for key in a.story_terms["terms"]:
                counts[key] = counts.get(key, 0) + 1
        return counts

    def stored(keys):
        return dict(TermFrequency.objects.filter(key__in=keys).values_list("key", "documents"))

    counts = expected()
    assert any(n == 2 for n in counts.values())  # a key both articles have counts twice
    assert stored(counts) == counts
    assert TermFrequency.objects.get(key=TermFrequency.TOTAL).documents == 2

    # New text: the keys it lost are uncounted, its new keys counted, the total kept.
    old_keys = set(counts)
    Article.objects.filter(pk=first.pk).update(
        title="Harbour crane collapses at Dunmore", text="A crane fell onto the quay."
    )
    stories.assign_story(first.pk)
    counts = expected()
    assert stored(old_keys | set(counts)) == {k: counts.get(k, 0) for k in old_keys | set(counts)}
    assert TermFrequency.objects.get(key=TermFrequency.TOTAL).documents == 2


def test_placing_an_article_writes_its_row_once_besides_the_lock_touch():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    flood = article(1, *FLOOD, T0)
    with CaptureQueriesContext(connection) as queries:
        story_id = stories.assign_story(flood.pk)
    updates = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('UPDATE "claims_article"')
    ]
    assert len(updates) == 2  # the touch that takes the lock, then features and story at once
    stored = Article.objects.get(pk=flood.pk)
    assert stored.story_id == story_id
    assert stored.story_terms["terms"] and stored.story_terms["counted"]
    assert stored.story_vector is not None
    keys = list(
        StoryKey.objects.filter(story_id=story_id).order_by("pk").values_list("key", flat=True)
    )
    assert keys and len(keys) == len(set(keys))


def test_frequencies_read_every_key_asked_and_the_total():
    TermFrequency.objects.bulk_create(
        [TermFrequency(key=f"t:word{i}", documents=i + 1) for i in range(1200)]
        + [TermFrequency(key=TermFrequency.TOTAL, documents=5000)]
    )
    wanted = {f"t:word{i}" for i in range(0, 1200, 1)} | {"t:unseen"}
    found, total = stories.frequencies(wanted)
    assert total == 5000
    assert found == {f"t:word{i}": i + 1 for i in range(1200)}


def test_a_foreign_page_finds_its_story_by_the_names_its_words_may_be(background):
    # A German page: the English tagger read its place as a plain word, and its
    # language's own words, new to this archive, are its rarest keys.
    from claims.analysis import stories as core
    from tests.unit.test_analysis_stories import GERMAN

    first = stories.assign_story(article(1, *FLOOD, T0, outlet="Northern Post").pk)
    terms = {f"t:{w}": 3 for w in GERMAN} | {"t:brightwater": 2}
    page = core.ArticleFeatures(terms, None, T0 + timedelta(days=1), foreign=True)
    df, n = stories.frequencies(page.terms)
    assert first in [s.pk for s in stories.candidates(page, df, n)]
    as_english = core.ArticleFeatures(terms, None, page.when)
    assert first not in [s.pk for s in stories.candidates(as_english, df, n)]
