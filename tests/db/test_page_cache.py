"""Story rows and the whole story page are rendered once per story version (and reader's
rights); every visible write invalidates them, and each reader's own parts are filled in."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.access import REVIEWERS_GROUP
from claims.models import Flag
from claims.services import page_cache, review, story_edits
from tests.db.test_story_edits import one_event
from tests.e2e.demo_rows import build_demo_story

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit must run


def rows(client, story):
    return client.get(f"/stories/{story.pk}/rows/").content.decode()


def test_second_read_renders_nothing_new(reviewer_client):
    story = build_demo_story()
    first = rows(reviewer_client, story)
    with CaptureQueriesContext(connection) as queries:
        again = rows(reviewer_client, story)
    assert again == first
    assert not any("claims_claim" in q["sql"] for q in queries.captured_queries)


def test_a_triage_invalidates_the_cached_rows(reviewer_client, reviewer):
    story = build_demo_story()
    flag = (
        Flag.objects.filter(story=story, cluster__isnull=False)
        .exclude(kind__in=["corroborated", "single_source"])
        .first()
    )
    before = rows(reviewer_client, story)
    key = page_cache.rows_key(story.pk, "", None)
    assert cache.get(key) == before

    review.triage(flag.pk, "confirm", reviewer)

    assert page_cache.rows_key(story.pk, "", None) != key
    after = rows(reviewer_client, story)
    assert after != before
    assert "confirmed" in after


def test_a_verdict_invalidates_the_story_page(reviewer_client, reviewer):
    story = build_demo_story()
    cluster = story.clusters.filter(is_active=True).order_by("position", "pk").first()
    rows(reviewer_client, story)
    review.record_verdict(cluster.pk, "false", reviewer, "Checked against the record.")
    page = reviewer_client.get(story.get_absolute_url()).content.decode()
    assert "verdict--false" in page


def test_the_summary_is_built_once_per_version_and_a_triage_rebuilds_it(reviewer_client, reviewer):
    story = build_demo_story()
    flag = (
        Flag.objects.filter(story=story, cluster__isnull=False)
        .exclude(kind__in=["corroborated", "single_source"])
        .first()
    )
    reviewer_client.get(story.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        again = reviewer_client.get(story.get_absolute_url()).content.decode()
    assert "Open differences" in again and "People and their titles" in again
    assert not any("claims_flag" in q["sql"] for q in queries.captured_queries)

    open_before = cache.get(page_cache.summary_key(story.pk))["open_flag_count"]
    review.triage(flag.pk, "dismiss", reviewer)
    reviewer_client.get(story.get_absolute_url())
    assert cache.get(page_cache.summary_key(story.pk))["open_flag_count"] == open_before - 1


# --- the whole page, cached per story version and reader's rights ------------------------

READER_TABLES = ("django_session", "auth_user", "auth_group", "claims_story")


def page(client, story, **params):
    response = client.get(story.get_absolute_url(), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<!--slot:" not in html  # every slot filled
    return html


def chip(html):
    return re.search(r'<span class="user-chip"[^>]*>([^<]*)</span>', html).group(1)


def csrf_tokens(html):
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)) | set(
        re.findall(r'"X-CSRFToken": "([^"]+)"', html)
    )


def reader(name, *, reviewer=False, staff=False):
    user = User.objects.create_user(name, password="correct-horse-battery", is_staff=staff)
    if reviewer:
        user.groups.add(Group.objects.get_or_create(name=REVIEWERS_GROUP)[0])
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def local_cache(settings):
    """Local memory, whatever CACHE_URL says: these tests read what the cache holds."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()  # local memory outlives the switch: another test's pages may be in it
    yield cache
    cache.clear()


def cached_pages(local_cache) -> dict:
    return {k: v for k, v in local_cache._cache.items() if ":story-page:" in k}


def test_a_second_read_of_the_page_builds_nothing(reviewer_client):
    story = build_demo_story()
    first = page(reviewer_client, story)
    with CaptureQueriesContext(connection) as queries:
        again = page(reviewer_client, story)
    tables = {re.search(r'FROM "(\w+)"', q["sql"]).group(1) for q in queries.captured_queries}
    assert tables <= set(READER_TABLES), tables  # who reads, may they review, which story
    assert len(queries.captured_queries) <= 4
    assert csrf_tokens(again) and csrf_tokens(again) != csrf_tokens(first)  # masked anew
    strip = lambda html: re.sub(r'(value="|"X-CSRFToken": ")[^"]+', "", html)  # noqa: E731
    assert strip(again) == strip(first)


def test_each_reader_sees_their_own_name_and_csrf_token(reviewer, local_cache):
    story = build_demo_story()
    rita = Client(enforce_csrf_checks=True)
    rita.force_login(reviewer)
    ruth = reader("ruth<b>", reviewer=True)
    first, second = page(rita, story), page(ruth, story)
    assert chip(first) == "rita · reviewer"
    assert chip(second) == "ruth&lt;b&gt; · reviewer"
    assert "rita" not in second
    # The page as cached names nobody and holds no token.
    cached = [str(v) for v in cached_pages(local_cache).values()]
    assert cached and all("rita" not in v and "ruth" not in v for v in cached)
    # Each token is the reader's own: it matches their CSRF cookie, and a form posts with it.
    for client, html in ((rita, first), (ruth, second)):
        secret = client.cookies["csrftoken"].value
        assert {_unmask_cipher_token(t) for t in csrf_tokens(html)} == {secret}
    token = csrf_tokens(first).pop()
    response = rita.post(
        reverse("claims:story_split", args=[story.pk]), {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302  # refused for want of articles, not for the token


def test_rights_decide_the_forms_whoever_read_the_page_first(reviewer_client):
    story = build_demo_story()
    staff, outsider = reader("stan", staff=True), reader("olga")
    as_reviewer = page(reviewer_client, story)
    as_outsider = page(outsider, story)
    as_staff = page(staff, story)
    admin_link = f'href="{reverse("admin:index")}"'
    assert admin_link in as_staff
    assert admin_link not in as_reviewer and admin_link not in as_outsider
    assert 'data-testid="articles-form"' in as_reviewer
    assert 'data-testid="articles-form"' not in as_outsider
    assert "correcting stories is for the reviewers group" in as_outsider
    assert chip(as_outsider) == "olga · read only"
    again = page(reviewer_client, story)
    assert 'data-testid="articles-form"' in again and admin_link not in again


def test_a_triage_changes_the_cached_page(reviewer_client, reviewer):
    story = build_demo_story()
    flag = (
        Flag.objects.open()
        .filter(story=story, cluster__isnull=False)
        .exclude(kind__in=["corroborated", "single_source"])
        .first()
    )
    count = re.compile(r"<span>(\d+) open flags?</span>")
    before = int(count.search(page(reviewer_client, story)).group(1))
    page(reviewer_client, story)
    review.triage(flag.pk, "dismiss", reviewer)
    assert int(count.search(page(reviewer_client, story)).group(1)) == before - 1


def test_a_merge_changes_both_pages_and_a_new_story_joins_the_choices(reviewer_client, reviewer):
    story, _ = one_event(3)
    other, others = one_event(2, axis=5, start=10)
    html = page(reviewer_client, story)
    assert f'<option value="{other.pk}">' in html
    page(reviewer_client, other)

    later, _ = one_event(1, axis=7, start=20)  # a story opened nearby since
    assert f'<option value="{later.pk}">' in page(reviewer_client, story)

    story_edits.merge_stories(story, [other], reviewer)
    html = page(reviewer_client, story)
    assert f"story #{other.pk} merged into this one" in html
    assert others[0].title in html  # its articles are columns of this page now
    assert f'<option value="{other.pk}">' not in html
    response = reviewer_client.get(other.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == story.get_absolute_url()


def test_a_page_with_a_message_shows_it_once_and_is_not_kept(reviewer_client):
    story, _ = one_event(2)
    page(reviewer_client, story)  # cached without a message
    reviewer_client.post(reverse("claims:story_split", args=[story.pk]), {})
    assert "Select at least one article." in page(reviewer_client, story)
    assert "Select at least one article." not in page(reviewer_client, story)
    assert "Select at least one article." not in page(reviewer_client, story)


def test_only_plain_query_strings_are_cached(reviewer_client, local_cache):
    story = build_demo_story()
    page(reviewer_client, story, status="contradicted")
    page(reviewer_client, story, status="contradicted", page="2")
    page(reviewer_client, story, status="x" * 80)
    page(reviewer_client, story, utm="newsletter")
    keys = list(cached_pages(local_cache))
    assert len(keys) == 2
    assert all("contradicted" in k for k in keys)
