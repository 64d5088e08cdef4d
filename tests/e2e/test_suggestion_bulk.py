"""A reviewer in a real browser accepts all of one cluster's match suggestions at once."""

import pytest

from claims.models import MatchSuggestion
from tests.db import builders as b
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def _story():
    story = b.story("Harbour tolls")
    article = b.article(b.outlet("Outlet A"), story=story)
    tolls, ferries = b.cluster(story, "Tolls rise in May."), b.cluster(story, "Ferries stop.")
    texts = [
        ("Tolls rise in May.", tolls),
        ("Tolls go up in May.", None),
        ("Tolls will rise from May.", None),
        ("Ferries stop.", ferries),
        ("Ferry service ends.", None),
    ]
    claims = [
        b.claim(article, text, cluster=cluster, story=story, start=20 * i)
        for i, (text, cluster) in enumerate(texts)
    ]
    for x, y in ((0, 1), (2, 0), (3, 4)):
        MatchSuggestion.objects.create(
            story=story,
            text_hash_a=claims[x].text_hash,
            text_hash_b=claims[y].text_hash,
            text_a=claims[x].text,
            text_b=claims[y].text,
            similarity=0.8,
        )
    return story, tolls


def test_reviewer_accepts_a_clusters_suggestions_in_one_click(page, shot, e2e_reviewer):
    story, tolls = _story()
    login(page, "rita")
    page.goto(story.get_absolute_url())
    panel = page.locator("#suggestions")
    assert "Match suggestions 3" in " ".join(panel.locator("h2").inner_text().split())
    row = panel.get_by_test_id(f"bulk-cluster-{tolls.pk}")
    assert "Tolls rise in May." in row.inner_text() and "2" in row.inner_text()
    shot(page, "20-suggestions-bulk")

    row.get_by_role("button", name="Accept all 2 suggestions of this claim").click()
    page.wait_for_url(f"**{story.get_absolute_url()}**")
    page.get_by_text("2 suggestions marked: same claim.").wait_for()
    assert "Match suggestions 1" in " ".join(page.locator("#suggestions h2").inner_text().split())
    shot(page, "21-suggestions-bulk-done")

    decided = {s.text_a: (s.decision, s.decided_by) for s in MatchSuggestion.objects.all()}
    assert decided["Tolls rise in May."] == ("accepted", e2e_reviewer)
    assert decided["Tolls will rise from May."] == ("accepted", e2e_reviewer)
    assert decided["Ferries stop."] == ("pending", None)

    # The story's suggestions page shows them decided, with who decided.
    page.goto(f"/suggestions/?story={story.pk}&show=decided")
    assert page.locator("tr.suggestion--accepted").count() == 2
    assert "rita" in page.locator("table.suggestions").inner_text()
