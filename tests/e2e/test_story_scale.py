"""A story with 1,000 claims in a real browser: rows load in pages as the reader scrolls."""

import time

import pytest

from tests.db.test_views import _big_story
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def test_rows_load_lazily_and_tabs_filter_in_place(page, shot, e2e_reviewer):
    story = _big_story(1000)
    login(page, "rita")
    started = time.perf_counter()
    page.goto(story.get_absolute_url())
    page.locator("tr.row").first.wait_for()
    print(f"story page with 1,000 claims loaded in {time.perf_counter() - started:.2f}s")  # noqa: T201
    assert page.locator("tr.row").count() == 50
    shot(page, "13-story-1000-claims")

    page.locator("tr.load-more").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelectorAll('tr.row').length >= 100")
    page.locator("tr.load-more").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelectorAll('tr.row').length >= 150")

    page.get_by_role("link", name="Contradicted").click()
    only_contradicted = (
        "[...document.querySelectorAll('tr.row')]"
        ".every(r => r.classList.contains('row--contradicted'))"
    )
    page.wait_for_function(only_contradicted)
    assert page.url.endswith("?status=contradicted")
    current = page.locator(".tabs .tab[aria-current=true]")
    assert current.inner_text().startswith("Contradicted")
    assert page.locator("tr.row").count() == 50
