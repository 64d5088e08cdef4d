"""A reviewer in a real browser: log in, read the demo story, triage, rate, export."""

import json

import pytest

from claims.models import Alias, ArticleRevision, ClaimCluster, Flag, Review
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def _title_flag(story):
    return Flag.objects.get(story=story, kind="title_mismatch", subject__icontains="Hegseth")


def test_pages_render_and_screenshots(page, shot, e2e_reviewer, demo_story):
    page.goto("/accounts/login/")
    shot(page, "01-login")
    login(page, "rita")
    page.get_by_role("heading", name="Stories").wait_for()
    shot(page, "02-dashboard")

    page.get_by_role("link", name=demo_story.title).click()
    page.get_by_role("heading", name="Claims by outlet").wait_for()
    shot(page, "03-story")
    page.evaluate("document.getElementById('matrix-h').scrollIntoView()")
    shot(page, "03b-story-matrix")

    flag = _title_flag(demo_story)
    page.goto(flag.get_absolute_url())
    shot(page, "04-flag-title")

    cluster = ClaimCluster.objects.filter(story=demo_story).order_by("-outlet_count").first()
    page.goto(cluster.get_absolute_url())
    shot(page, "05-cluster")

    article = demo_story.articles.order_by("published_at").first()
    page.goto(article.get_absolute_url())
    shot(page, "06-article")
    revisions = list(article.revisions.order_by("fetched_at"))
    if len(revisions) == 1:  # the outlet edits its copy: a second revision
        edited = revisions[0].text.replace("Secretary of War", "Defence Secretary", 1)
        revisions.append(
            ArticleRevision.objects.create(
                article=article,
                content_hash="edited",
                title=revisions[0].title,
                text=edited.replace("on Friday", "on Friday, 31 October", 1),
            )
        )
    if len(revisions) > 1:
        page.goto(f"{article.get_absolute_url()}?a={revisions[0].pk}&b={revisions[-1].pk}#diff")
        shot(page, "07-article-diff")

    quote = Flag.objects.filter(story=demo_story, kind="quote_variant").first()
    page.goto(quote.get_absolute_url())
    shot(page, "04b-flag-quote")

    page.goto("/search/?q=Hegseth")
    shot(page, "08-search")
    page.goto("/suggestions/?show=all")
    shot(page, "09-suggestions")


def test_reviewer_triages_and_exports(page, shot, e2e_reviewer, demo_story):
    login(page, "rita")
    page.goto(demo_story.get_absolute_url())

    # The Hegseth title flag, with both titles, is on the story page.
    flags = page.locator("#flags-h").locator("xpath=..")
    hegseth = flags.locator("li", has_text="Title mismatch").filter(has_text="Hegseth")
    assert "Secretary of War" in hegseth.inner_text()
    assert "Defence Secretary" in hegseth.inner_text()
    people = page.locator("table.people")
    assert "Secretary of War" in people.inner_text()
    assert "Defence Secretary" in people.inner_text()

    # Open it: both values side by side, each with its evidence sentences.
    hegseth.get_by_role("link").click()
    page.wait_for_url("**/flags/*/")
    cards = page.locator(".variant-card")
    assert cards.count() >= 2
    text = " ".join(cards.all_inner_texts())
    assert "Secretary of War" in text and "Defence Secretary" in text
    assert page.locator("mark.evidence").count() >= 2

    # Mark "Defence Secretary" = "Secretary of War", in place (htmx), then reload.
    page.get_by_label("Note").fill("Same office: the department was renamed in 2025.")
    page.get_by_label("Value", exact=True).select_option("Defence Secretary")
    page.get_by_label("Same as").select_option("Secretary of War")
    page.get_by_role("button", name="Mark equivalent").click()
    page.locator("#triage .message--success").wait_for()
    shot(page, "10-flag-after-alias")
    page.reload()
    assert page.get_by_test_id("flag-status").inner_text() == "Marked equivalent"
    assert "Same office" in page.locator(".history").inner_text()
    flag = _title_flag(demo_story)
    assert flag.status == "equivalent"
    alias = Alias.objects.get(kind="title", subject=flag.subject)
    assert (alias.value, alias.canonical) == ("Defence Secretary", "Secretary of War")

    # Dismiss another flag (the quote variant) and see it persist after reload.
    quote = Flag.objects.filter(story=demo_story, kind="quote_variant").first()
    page.goto(quote.get_absolute_url())
    page.get_by_label("Note").fill("Wording differs, meaning does not.")
    page.get_by_role("button", name="Dismiss").click()
    page.locator("#triage .message--success").wait_for()
    page.reload()
    assert page.get_by_test_id("flag-status").inner_text() == "Dismissed"
    assert Review.objects.filter(flag=quote, action="dismiss").exists()

    # Rate the claim cluster and export ClaimReview.
    cluster = ClaimCluster.objects.filter(story=demo_story).order_by("position").first()
    page.goto(cluster.get_absolute_url())
    page.get_by_label("Mostly true").check()
    page.get_by_label("Rationale").fill("Signing confirmed by both ministries' statements.")
    page.get_by_role("button", name="Record verdict").click()
    page.get_by_test_id("verdict").wait_for()
    shot(page, "11-cluster-verdict")
    page.reload()
    assert page.get_by_test_id("verdict").inner_text() == "Mostly true"

    page.goto(demo_story.get_absolute_url())
    href = page.get_by_role("link", name="ClaimReview JSON-LD").get_attribute("href")
    response = page.request.get(href)
    assert response.ok
    assert "ld+json" in response.headers["content-type"]
    data = json.loads(response.text())
    review = next(r for r in data if r["claimReviewed"] == cluster.label)
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Mostly true"
    assert review["itemReviewed"]["appearance"]
    page.goto(href)
    shot(page, "12-claimreview-export")


def test_outsider_reads_but_cannot_triage(page, e2e_outsider, demo_story):
    login(page, "otto")
    flag = _title_flag(demo_story)
    page.goto(flag.get_absolute_url())
    assert page.get_by_text("Read only: triage is for the reviewers group.").is_visible()
    assert page.get_by_role("button", name="Dismiss").count() == 0
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"/flags/{flag.pk}/triage/",
        form={"action": "dismiss"},
        headers={"X-CSRFToken": token, "Referer": page.url},
        max_redirects=0,
    )
    assert response.status == 403
    assert "reviewers group" in response.text()  # refused by access rules, not by CSRF
    flag.refresh_from_db()
    assert flag.status == "open"
