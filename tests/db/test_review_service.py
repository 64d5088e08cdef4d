"""claims.services.review: triage, verdicts, match decisions, exports."""

import csv
import io
import json

import pytest

from claims.models import Alias, Flag, MatchSuggestion, Review
from claims.services import review
from tests.db import builders as b

pytestmark = pytest.mark.django_db

TITLE_VARIANTS = [
    {
        "value": "Secretary of War",
        "outlets": ["Dialogus", "iNDICA NEWS", "Outlet 004", "Outlet 002"],
        "evidence": [
            {"article": 1, "text": "US Secretary of War Pete Hegseth", "start": 0, "end": 32}
        ],
    },
    {"value": "Defence Secretary", "outlets": ["Outlet 002"], "evidence": []},
]


@pytest.fixture
def title_flag():
    return b.flag(b.story(), kind="title_mismatch", variants=TITLE_VARIANTS)


def test_confirm_sets_status_and_writes_review(title_flag, reviewer):
    decision = review.triage(title_flag.pk, "confirm", reviewer, note="  Real difference. ")
    title_flag.refresh_from_db()
    assert title_flag.status == Flag.Status.CONFIRMED
    assert decision.review.action == "confirm"
    assert decision.review.note == "Real difference."
    assert decision.review.reviewer == reviewer
    assert decision.alias is None


def test_dismiss_then_reopen_keeps_both_in_history(title_flag, reviewer):
    review.triage(title_flag.pk, "dismiss", reviewer)
    review.triage(title_flag.pk, "reopen", reviewer, note="new evidence")
    title_flag.refresh_from_db()
    assert title_flag.status == Flag.Status.OPEN
    assert list(title_flag.reviews.order_by("pk").values_list("action", flat=True)) == [
        "dismiss",
        "reopen",
    ]


def test_same_decision_twice_is_refused(title_flag, reviewer):
    review.triage(title_flag.pk, "dismiss", reviewer)
    with pytest.raises(review.ReviewError, match="already dismissed"):
        review.triage(title_flag.pk, "dismiss", reviewer)
    assert Review.objects.filter(flag=title_flag).count() == 1


def test_equivalent_creates_alias_of_the_flag_kind(title_flag, reviewer):
    decision = review.triage(
        title_flag.pk,
        "equivalent",
        reviewer,
        note="Renamed department.",
        value="Defence Secretary",
        canonical="Secretary of War",
    )
    alias = Alias.objects.get()
    assert (alias.kind, alias.subject, alias.value, alias.canonical) == (
        "title",
        "Pete Hegseth",
        "Defence Secretary",
        "Secretary of War",
    )
    assert alias.created_by == reviewer
    assert decision.alias == alias
    title_flag.refresh_from_db()
    assert title_flag.status == Flag.Status.EQUIVALENT
    assert "Defence Secretary" in decision.review.note
    assert "Renamed department." in decision.review.note


@pytest.mark.parametrize(
    ("kind", "alias_kind"),
    [
        ("name_variant", "name"),
        ("quote_variant", "quote"),
        ("number_mismatch", "number"),
        ("date_mismatch", "date"),
        ("place_mismatch", "place"),
    ],
)
def test_alias_kind_follows_flag_kind(reviewer, kind, alias_kind):
    flag = b.flag(b.story(), kind=kind, variants=[{"value": "a"}, {"value": "b"}])
    review.triage(flag.pk, "equivalent", reviewer, value="a", canonical="b")
    assert Alias.objects.get().kind == alias_kind


def test_equivalent_refused_for_single_source(reviewer):
    flag = b.flag(b.story(), kind="single_source", variants=[{"value": "a"}, {"value": "b"}])
    with pytest.raises(review.ReviewError):
        review.triage(flag.pk, "equivalent", reviewer, value="a", canonical="b")
    assert not Alias.objects.exists()


@pytest.mark.parametrize(
    ("value", "canonical"),
    [("Defence Secretary", "Defence Secretary"), ("Made up", "Secretary of War"), ("", "")],
)
def test_equivalent_needs_two_of_the_flags_values(title_flag, reviewer, value, canonical):
    with pytest.raises(review.ReviewError):
        review.triage(title_flag.pk, "equivalent", reviewer, value=value, canonical=canonical)
    title_flag.refresh_from_db()
    assert title_flag.status == Flag.Status.OPEN
    assert not Alias.objects.exists() and not Review.objects.exists()


def test_triage_is_atomic(title_flag, reviewer, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Review.objects, "create", boom)
    with pytest.raises(RuntimeError):
        review.triage(
            title_flag.pk,
            "equivalent",
            reviewer,
            value="Defence Secretary",
            canonical="Secretary of War",
        )
    title_flag.refresh_from_db()
    assert title_flag.status == Flag.Status.OPEN
    assert not Alias.objects.exists()


def test_unknown_action_refused(title_flag, reviewer):
    with pytest.raises(review.ReviewError):
        review.triage(title_flag.pk, "verdict", reviewer)


def test_verdict_recorded_and_validated(reviewer):
    cluster = b.cluster(b.story())
    rev = review.record_verdict(cluster.pk, "mostly_true", reviewer, "Two ministries confirm.")
    assert (rev.action, rev.verdict, rev.cluster_id) == ("verdict", "mostly_true", cluster.pk)
    with pytest.raises(review.ReviewError):
        review.record_verdict(cluster.pk, "pants_on_fire", reviewer, "x")
    with pytest.raises(review.ReviewError):
        review.record_verdict(cluster.pk, "false", reviewer, "   ")
    assert Review.objects.count() == 1


def test_decide_suggestion(reviewer):
    s = MatchSuggestion.objects.create(
        story=b.story(), text_hash_a="a", text_hash_b="b", text_a="x", text_b="y", similarity=0.8
    )
    review.decide_suggestion(s.pk, "accepted", reviewer)
    s.refresh_from_db()
    assert (s.decision, s.decided_by) == ("accepted", reviewer)
    assert s.decided_at is not None
    with pytest.raises(review.ReviewError):
        review.decide_suggestion(s.pk, "maybe", reviewer)


def _reviewed_cluster(reviewer, verdict="false"):
    story = b.story()
    outlet = b.outlet("Dialogus")
    article = b.article(outlet, url="https://dialogus.example/a", title="Pact signed")
    cluster = b.cluster(story, label="The pact was signed in New Delhi.")
    b.claim(article, "The pact was signed in New Delhi.", cluster=cluster, story=story)
    review.record_verdict(cluster.pk, verdict, reviewer, "It was signed in Kuala Lumpur.")
    return story, cluster


def test_claim_review_shape(reviewer):
    story, cluster = _reviewed_cluster(reviewer)
    b.cluster(story, label="Unreviewed claim.")  # no verdict: not exported
    [item] = review.claim_reviews(story_id=story.pk, base_url="https://desk.example")
    assert item["@context"] == "https://schema.org"
    assert item["@type"] == "ClaimReview"
    assert item["url"] == f"https://desk.example/clusters/{cluster.pk}/"
    assert item["claimReviewed"] == "The pact was signed in New Delhi."
    assert item["author"] == {"@type": "Organization", "name": "Factcheck desk"}
    assert item["datePublished"] == Review.objects.get().created_at.date().isoformat()
    rating = item["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "False",
    }
    claim = item["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["appearance"][0]["url"] == "https://dialogus.example/a"
    assert claim["appearance"][0]["publisher"]["name"] == "Dialogus"
    json.dumps(item)  # serialisable


def test_claim_review_latest_verdict_wins_and_unverifiable_has_no_number(reviewer):
    story, cluster = _reviewed_cluster(reviewer, "true")
    review.record_verdict(cluster.pk, "unverifiable", reviewer, "Sources disagree.")
    [item] = review.claim_reviews(cluster_id=cluster.pk)
    assert item["reviewRating"]["alternateName"] == "Unverifiable"
    assert "ratingValue" not in item["reviewRating"]


def test_story_flags_json_and_csv(reviewer):
    story = b.story()
    flag = b.flag(story, kind="title_mismatch", variants=TITLE_VARIANTS)
    b.flag(story, kind="quote_variant", subject='=HYPERLINK("http://evil")', variants=[])
    b.flag(story, kind="place_mismatch", is_active=False)
    review.triage(flag.pk, "dismiss", reviewer, note="ok")
    data = review.story_flags(story.pk)
    assert data["story"]["id"] == story.pk
    assert len(data["flags"]) == 2
    first = next(f for f in data["flags"] if f["id"] == flag.pk)
    assert first["status"] == "dismissed"
    assert first["last_decision"]["reviewer"] == reviewer.username
    rows = list(csv.reader(io.StringIO(review.story_flags_csv(story.pk))))
    assert rows[0] == review.FLAG_CSV_HEADER
    values = {r[5] for r in rows[1:]}
    assert {"Secretary of War", "Defence Secretary"} <= values
    war = next(r for r in rows if r[5] == "Secretary of War")
    assert war[6] == "Dialogus; iNDICA NEWS; Outlet 004; Outlet 002"
    assert war[7] == "US Secretary of War Pete Hegseth"
    formula = next(r for r in rows if "HYPERLINK" in r[2])
    assert formula[2].startswith("'=")  # spreadsheet formulas neutralised
