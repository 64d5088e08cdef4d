"""Reviewer pages: access, triage, verdicts, exports, escaping, and query counts."""

import csv
import io
import json
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import (
    Alias,
    ArticleRevision,
    Claim,
    ClaimCluster,
    Flag,
    MatchSuggestion,
    Review,
)
from claims.services import review
from tests.db import builders as b
from tests.e2e.demo_rows import build_demo_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return build_demo_story()


@pytest.fixture
def title_flag(demo):
    return Flag.objects.get(story=demo, kind="title_mismatch")


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


def page_urls(story):
    flag = story.flags.first()
    cluster = story.clusters.first()
    article = story.articles.first()
    return [
        reverse("claims:dashboard"),
        reverse("claims:ingest_status"),
        story.get_absolute_url(),
        reverse("claims:story_rows", args=[story.pk]),
        reverse("claims:story_flags_json", args=[story.pk]),
        reverse("claims:story_flags_csv", args=[story.pk]),
        reverse("claims:story_claimreview", args=[story.pk]),
        reverse("claims:claimreview_all"),
        flag.get_absolute_url(),
        cluster.get_absolute_url(),
        article.get_absolute_url(),
        reverse("claims:search") + "?q=Hegseth",
        reverse("claims:suggestions"),
    ]


# --- access -----------------------------------------------------------------------


def test_every_page_requires_login(client, demo):
    for url in page_urls(demo):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


def test_api_requires_login_with_401(client, demo):
    for url in ["/api/stories/", f"/api/stories/{demo.pk}/"]:
        response = client.get(url)
        assert response.status_code == 401
        assert response.json() == {"error": "authentication required"}


def test_every_page_renders_for_a_reviewer(reviewer_client, demo):
    for url in page_urls(demo):
        assert reviewer_client.get(url).status_code == 200, url


def test_outsider_reads_but_cannot_act(outsider_client, demo, title_flag):
    assert outsider_client.get(title_flag.get_absolute_url()).status_code == 200
    page = outsider_client.get(title_flag.get_absolute_url()).content.decode()
    assert "Read only" in page and 'value="dismiss"' not in page
    cluster = demo.clusters.first()
    suggestion = MatchSuggestion.objects.first()
    posts = [
        (reverse("claims:triage", args=[title_flag.pk]), {"action": "dismiss"}),
        (reverse("claims:verdict", args=[cluster.pk]), {"verdict": "true", "rationale": "x"}),
        (reverse("claims:decide_suggestion", args=[suggestion.pk]), {"decision": "accepted"}),
        (reverse("claims:submit_url"), {"url": "https://news.example/a"}),
        (reverse("claims:submit_text"), {"title": "t", "outlet": "o", "text": "x"}),
        (reverse("claims:submit_feed"), {"url": "https://news.example/rss"}),
    ]
    for url, data in posts:
        assert outsider_client.post(url, data).status_code == 403, url
    title_flag.refresh_from_db()
    assert title_flag.status == "open"
    assert not Review.objects.exists()


def test_staff_without_group_may_triage(client, staff, title_flag):
    client.force_login(staff)
    response = client.post(reverse("claims:triage", args=[title_flag.pk]), {"action": "confirm"})
    assert response.status_code == 302


def test_reviewer_not_staff_cannot_reach_admin(reviewer_client, client, staff):
    response = reviewer_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert reviewer_client.get("/admin/claims/flag/").status_code == 302
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_state_changes_are_post_only(reviewer_client, title_flag):
    for name, args in [
        ("claims:triage", [title_flag.pk]),
        ("claims:verdict", [title_flag.story.clusters.first().pk]),
        ("claims:submit_url", []),
        ("claims:decide_suggestion", [MatchSuggestion.objects.first().pk]),
    ]:
        assert reviewer_client.get(reverse(name, args=args)).status_code == 405


def test_csrf_enforced_on_triage(reviewer, title_flag):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    url = reverse("claims:triage", args=[title_flag.pk])
    assert client.post(url, {"action": "dismiss"}).status_code == 403
    page = client.get(title_flag.get_absolute_url())
    token = page.cookies["csrftoken"].value
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    assert '"X-CSRFToken"' in page.content.decode()  # htmx sends it as a header
    response = client.post(url, {"action": "dismiss"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302


# --- triage and verdicts ----------------------------------------------------------------


def test_dismiss_persists_with_review_row(reviewer_client, reviewer, title_flag):
    url = reverse("claims:triage", args=[title_flag.pk])
    response = reviewer_client.post(url, {"action": "dismiss", "note": "Style, not substance."})
    assert response.status_code == 302
    assert response["Location"] == title_flag.get_absolute_url()
    title_flag.refresh_from_db()
    assert title_flag.status == "dismissed"
    rev = Review.objects.get(flag=title_flag)
    assert (rev.action, rev.reviewer, rev.note) == ("dismiss", reviewer, "Style, not substance.")
    page = reviewer_client.get(title_flag.get_absolute_url()).content.decode()
    assert "Style, not substance." in page and "rita" in page


def test_equivalent_via_htmx_returns_panel_and_creates_alias(reviewer_client, title_flag):
    response = reviewer_client.post(
        reverse("claims:triage", args=[title_flag.pk]),
        {
            "action": "equivalent",
            "value": "Defence Secretary",
            "canonical": "Secretary of War",
            "note": "Renamed in 2025.",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="triage"' in html and "Marked equivalent" in html
    assert "<html" not in html  # a fragment, swapped in place
    alias = Alias.objects.get()
    assert (alias.kind, alias.subject) == ("title", "Pete Hegseth")
    assert (alias.value, alias.canonical) == ("Defence Secretary", "Secretary of War")
    title_flag.refresh_from_db()
    assert title_flag.status == "equivalent"


def test_triage_error_is_shown_in_place(reviewer_client, title_flag):
    response = reviewer_client.post(
        reverse("claims:triage", args=[title_flag.pk]),
        {"action": "equivalent", "value": "Nope", "canonical": "Secretary of War"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Pick two of the flag" in response.content.decode()
    assert not Alias.objects.exists()


def test_verdict_plain_post_and_htmx(reviewer_client, demo):
    cluster = demo.clusters.order_by("position").first()
    url = reverse("claims:verdict", args=[cluster.pk])
    response = reviewer_client.post(url, {"verdict": "false", "rationale": "Wrong city."})
    assert response.status_code == 302
    response = reviewer_client.post(
        url, {"verdict": "mostly_true", "rationale": "Corrected."}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Mostly true" in response.content.decode()
    assert list(
        Review.objects.filter(cluster=cluster).order_by("pk").values_list("verdict", flat=True)
    ) == ["false", "mostly_true"]
    bad = reviewer_client.post(url, {"verdict": "false"}, HTTP_HX_REQUEST="true")
    assert "This field is required" in bad.content.decode()
    assert Review.objects.filter(cluster=cluster).count() == 2


def test_suggestion_decision(reviewer_client, reviewer):
    story = b.story()
    s = MatchSuggestion.objects.create(
        story=story, text_hash_a="a", text_hash_b="b", text_a="x y", text_b="x z", similarity=0.8
    )
    url = reverse("claims:decide_suggestion", args=[s.pk])
    response = reviewer_client.post(url, {"decision": "rejected"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Different claims" in response.content.decode()
    s.refresh_from_db()
    assert (s.decision, s.decided_by) == ("rejected", reviewer)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("https://evil.example/", "/suggestions/"),
        ("//evil.example/x", "/suggestions/"),
        ("/suggestions/?show=decided", "/suggestions/?show=decided"),
    ],
)
def test_suggestion_decision_redirects_only_inside_the_site(reviewer_client, target, expected):
    s = MatchSuggestion.objects.create(
        story=b.story(),
        text_hash_a="a",
        text_hash_b="b",
        text_a="x y",
        text_b="x z",
        similarity=0.8,
    )
    url = reverse("claims:decide_suggestion", args=[s.pk])
    response = reviewer_client.post(url, {"decision": "rejected", "next": target})
    assert response.status_code == 302 and response["Location"] == expected


# --- exports and API ----------------------------------------------------------------------


def test_flags_exports(reviewer_client, demo):
    data = reviewer_client.get(reverse("claims:story_flags_json", args=[demo.pk])).json()
    kinds = {f["kind"] for f in data["flags"]}
    assert {"title_mismatch", "quote_variant"} <= kinds
    response = reviewer_client.get(reverse("claims:story_flags_csv", args=[demo.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert any(r["value"] == "Defence Secretary" for r in rows)


def test_claimreview_export(reviewer_client, reviewer, demo):
    cluster = demo.clusters.order_by("position").first()
    review.record_verdict(cluster.pk, "mostly_true", reviewer, "Confirmed by both ministries.")
    response = reviewer_client.get(reverse("claims:story_claimreview", args=[demo.pk]))
    assert response["Content-Type"].startswith("application/ld+json")
    [item] = json.loads(response.content)
    assert item["@type"] == "ClaimReview"
    assert item["url"] == f"http://testserver/clusters/{cluster.pk}/"
    assert item["reviewRating"]["ratingValue"] == 4
    assert len(item["itemReviewed"]["appearance"]) == 5
    everything = json.loads(reviewer_client.get(reverse("claims:claimreview_all")).content)
    assert [i["claimReviewed"] for i in everything] == [cluster.label]


def test_api_story_report(reviewer_client, demo):
    data = reviewer_client.get("/api/stories/").json()
    assert [s["id"] for s in data["stories"]] == [demo.pk]
    one = reviewer_client.get(f"/api/stories/{demo.pk}/").json()
    [story] = one["stories"]
    assert story["title"] == demo.title
    assert any(f["kind"] == "title_mismatch" for f in story["flags"])
    assert reviewer_client.get("/api/stories/999999/").status_code == 404


# --- page content ---------------------------------------------------------------------------


def test_story_page_shows_matrix_people_and_flags(reviewer_client, demo):
    html = reviewer_client.get(demo.get_absolute_url()).content.decode()
    for outlet in ["Dialogus", "iNDICA NEWS", "Outlet 002 (unnamed)"]:
        assert outlet in html
    assert "row--contradicted" in html and "row--corroborated" in html
    assert "row--single_source" in html
    assert "Secretary of War" in html and "Defence Secretary" in html
    assert "titles differ" in html
    assert '<mark class="variant">rules-bound</mark>' in html


def test_story_page_lists_flag_values_through_the_reader(reviewer_client):
    story = b.story()
    rows = [{"value": "Chief <Minister>", "outlets": ["A", "B"]}, "not a variant", {"value": 7}]
    b.flag(story, variants=rows)
    html = reviewer_client.get(story.get_absolute_url()).content.decode()
    assert "<q>Chief &lt;Minister&gt;</q>" in html and "×2" in html
    assert "not a variant" not in html


def test_story_status_filter_and_rows_partial(reviewer_client, demo):
    url = reverse("claims:story_rows", args=[demo.pk]) + "?status=single_source"
    html = reviewer_client.get(url).content.decode()
    assert "row--single_source" in html and "row--corroborated" not in html
    assert "<html" not in html


def test_flag_page_shows_values_evidence_and_links(reviewer_client, title_flag):
    html = reviewer_client.get(title_flag.get_absolute_url()).content.decode()
    assert html.count('<article class="variant-card') == 2
    assert '<mark class="evidence">' in html
    assert '<mark class="variant">Secretary of War</mark>' in html
    dialogus = title_flag.story.articles.get(outlet__name="Dialogus")
    assert dialogus.get_absolute_url() in html
    assert f"{dialogus.get_absolute_url()}#revisions" in html  # it has two revisions


def test_article_page_highlights_claims_and_diffs_revisions(reviewer_client, demo):
    article = demo.articles.get(outlet__name="Dialogus")
    html = reviewer_client.get(article.get_absolute_url()).content.decode()
    assert 'class="claim claim--contradicted"' in html
    a, b_ = ArticleRevision.objects.filter(article=article).order_by("fetched_at")
    html = reviewer_client.get(f"{article.get_absolute_url()}?a={a.pk}&b={b_.pk}").content.decode()
    assert "<ins>" in html and "<del>" in html
    assert "Secretary of War" in html
    other = ArticleRevision.objects.exclude(article=article).first()
    bad = f"{article.get_absolute_url()}?a={a.pk}&b={other.pk}"
    assert reviewer_client.get(bad).status_code == 404


def test_search_filters(reviewer_client, demo):
    html = reviewer_client.get("/search/?q=rules-bound").content.decode()
    assert "<mark>rules-bound</mark>" in html
    html = reviewer_client.get("/search/?q=Hegseth").content.decode()
    assert "Pete Hegseth" in html and "titles differ" in html  # people
    quotes = reviewer_client.get("/search/?q=partnership&type=quote").context["page"]
    assert quotes.paginator.count == 4
    assert all(c.kind == "quote" for c in quotes)
    outlet = demo.articles.get(outlet__name="iNDICA NEWS").outlet
    page = reviewer_client.get(f"/search/?q=partnership&outlet={outlet.pk}").context["page"]
    assert {c.article.outlet_id for c in page} == {outlet.pk}
    flagged = reviewer_client.get("/search/?kind=quote_variant&status=open").context
    assert [f.kind for f in flagged["flags"]] == ["quote_variant"]
    assert flagged["page"].paginator.count == 4  # claims of the flagged cluster
    none = reviewer_client.get("/search/?q=partnership&since=2030-01-01").context["page"]
    assert none.paginator.count == 0


def test_merged_story_redirects(reviewer_client, demo):
    old = b.story(title="Duplicate", merged_into=demo)
    response = reviewer_client.get(old.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == demo.get_absolute_url()


def test_dashboard_lists_story_counts_and_ingestion(reviewer_client, demo):
    response = reviewer_client.get("/")
    [story] = list(response.context["page"])
    assert (story.n_outlets, story.n_claims) == (5, Claim.objects.filter(story=demo).count())
    kinds = {f["kind"]: f["n"] for f in story.open_flags}
    assert kinds["title_mismatch"] == 1 and kinds["quote_variant"] == 1
    html = response.content.decode()
    assert "HTTP 403 from wire.example" in html  # failed article with its error
    assert 'aria-valuenow="70"' in html  # running job: (26 + 2) / 40
    assert 'hx-trigger="every 4s"' in html  # polls while a job runs


# --- ingestion forms ----------------------------------------------------------------------


class _Job:
    status = "queued"
    error = ""

    def __str__(self):
        return "job #1"


def test_submit_url_calls_ingest_service(reviewer_client, reviewer, monkeypatch):
    from claims.services import ingest

    calls = []

    def fake_submit_url(url, user=None):
        calls.append((url, user))
        return _Job()

    monkeypatch.setattr(ingest, "submit_url", fake_submit_url)
    response = reviewer_client.post(
        reverse("claims:submit_url"), {"url": "https://news.example/a"}, follow=True
    )
    assert calls == [("https://news.example/a", reviewer)]
    assert "URL queued" in response.content.decode()


def test_submit_errors_are_shown(reviewer_client, monkeypatch):
    from claims.services import ingest

    def refuse(*args, **kwargs):
        raise ValueError("Refusing a private address: 10.0.0.1")

    monkeypatch.setattr(ingest, "submit_url", refuse)
    response = reviewer_client.post(
        reverse("claims:submit_url"), {"url": "https://10.0.0.1/"}, follow=True
    )
    assert "Refusing a private address" in response.content.decode()
    response = reviewer_client.post(reverse("claims:submit_url"), {"url": "nope"}, follow=True)
    assert "Enter a valid URL" in response.content.decode()


def test_submit_text_and_file_pass_fields(reviewer_client, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from claims.services import ingest

    seen = {}
    monkeypatch.setattr(
        ingest,
        "submit_text",
        lambda text, **kw: seen.update(text=text, **kw) or _Job(),
    )
    monkeypatch.setattr(
        ingest,
        "submit_file",
        lambda name, data, user=None: seen.update(name=name, data=data) or _Job(),
    )
    reviewer_client.post(
        reverse("claims:submit_text"),
        {"title": "T", "outlet": "Wire", "text": "Body.", "url": ""},
    )
    assert (seen["text"], seen["title"], seen["outlet"], seen["url"]) == ("Body.", "T", "Wire", "")
    upload = SimpleUploadedFile("a.txt", b"Hello")
    reviewer_client.post(reverse("claims:submit_file"), {"file": upload})
    assert (seen["name"], seen["data"]) == ("a.txt", b"Hello")


# --- safety: article text is data -----------------------------------------------------------

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_script_in_article_renders_inert(reviewer_client, reviewer):
    story = b.story(
        title=f"Story {SCRIPT}",
        people=[{"canonical": SCRIPT, "names": {SCRIPT: []}, "titles": []}],
    )
    outlet = b.outlet(f"Outlet {SCRIPT}")
    text = f"Intro line.\nHe said {SCRIPT} today.\nEnd."
    article = b.article(outlet, text=text, title=SCRIPT, story=story)
    start = text.index("He said")
    cluster = b.cluster(story, label=f"Label {SCRIPT}")
    b.claim(article, f"He said {SCRIPT} today.", start=start, cluster=cluster, story=story)
    flag = b.flag(
        story,
        subject=SCRIPT,
        cluster=cluster,
        variants=[
            {
                "value": SCRIPT,
                "outlets": [outlet.name],
                "evidence": [
                    {
                        "article": article.pk,
                        "text": f"He said {SCRIPT} today.",
                        "start": start,
                        "end": start + len(f"He said {SCRIPT} today."),
                    }
                ],
            },
            {"value": "plain", "outlets": ["other"], "evidence": []},
        ],
    )
    review.triage(flag.pk, "dismiss", reviewer, note=SCRIPT)
    review.record_verdict(cluster.pk, "false", reviewer, SCRIPT)
    urls = [
        "/",
        story.get_absolute_url(),
        flag.get_absolute_url(),
        cluster.get_absolute_url(),
        article.get_absolute_url(),
        "/search/?q=alert",
        "/search/?q=script",
    ]
    for url in urls:
        html = reviewer_client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;alert(" in html, url


# --- performance: a story with 1,000 claims --------------------------------------------------


def _big_story(n_claims=1000, n_outlets=5):
    story = b.story(title=f"Big story {n_claims}")
    outlets = [b.outlet(f"Outlet {i} of {n_claims}") for i in range(n_outlets)]
    articles = [b.article(o, text="x" * 10, story=story) for o in outlets]
    clusters = ClaimCluster.objects.bulk_create(
        ClaimCluster(
            story=story,
            fingerprint=f"fp{i}",
            label=f"Claim number {i}",
            status=["corroborated", "single_source", "contradicted"][i % 3],
            position=i,
            outlet_count=n_outlets,
        )
        for i in range(n_claims // n_outlets)
    )
    Claim.objects.bulk_create(
        Claim(
            article=articles[j % n_outlets],
            story=story,
            cluster=clusters[j // n_outlets],
            position=j,
            text=f"Outlet {j % n_outlets} says claim {j // n_outlets} at 25%.",
            start=j * 100,
            end=j * 100 + 40,
            text_hash=f"h{j}",
        )
        for j in range(n_claims)
    )
    Flag.objects.bulk_create(
        Flag(
            story=story,
            cluster=c,
            kind="number_mismatch",
            subject=c.label,
            fingerprint=f"f{c.pk}",
            variants=[{"value": "25%", "outlets": ["a"]}, {"value": "50%", "outlets": ["b"]}],
        )
        for c in clusters[::3]
    )
    return story


def test_story_with_1000_claims_has_bounded_queries(
    reviewer_client, django_assert_max_num_queries
):
    story = _big_story()
    assert Claim.objects.filter(story=story).count() == 1000
    url = story.get_absolute_url()
    reviewer_client.get(url)  # warm up templates
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = reviewer_client.get(url)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="row row--') == 50  # first page of rows; the rest load lazily
    assert 'hx-trigger="revealed"' in html
    print(f"story page, 1,000 claims: {len(queries)} queries, {elapsed * 1000:.0f} ms")  # noqa: T201
    assert len(queries) <= 14
    with django_assert_max_num_queries(12):
        rows = reviewer_client.get(reverse("claims:story_rows", args=[story.pk]) + "?page=4")
    assert rows.content.decode().count('class="row row--') == 50
    assert 'hx-trigger="revealed"' not in rows.content.decode()  # 200 clusters: last page


def test_query_count_does_not_grow_with_claims(reviewer_client):
    small, big = _big_story(100), _big_story(1000)
    counts = []
    for story in (small, big):
        reviewer_client.get(story.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            reviewer_client.get(story.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1]
