"""Access audit: every route of the project, found by walking the URL resolver, so a
page added later is covered without editing this file.

- every page but login needs a login (JSON endpoints answer 401);
- every state-changing view needs the reviewers group (or staff) and POST;
- every POST needs a CSRF token, and every rendered POST form carries one;
- the admin needs staff;
- the URL fetcher refuses non-public addresses however they are spelled;
- pasted text and uploads have size limits; secrets come only from the environment.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from claims.ingest import fetch as fetching
from claims.ingest.errors import BlockedAddress, IngestError
from claims.models import (
    Article,
    ArticleRevision,
    IngestJob,
    MatchSuggestion,
    Person,
    Recheck,
    Review,
)
from claims.services import ingest
from tests.e2e.demo_rows import build_demo_story
from tests.fixtures.http_server import FixtureServer, Reply, hegseth_page

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# Routes that are meant to be reached without a login.
PUBLIC = {"login", "logout"}


def routes(resolver=None, prefix="", namespace=""):
    """(name, route pattern) of every URL of the project outside the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            ns = entry.namespace or ""
            yield from routes(
                entry, prefix + str(entry.pattern), f"{namespace}{ns}:" if ns else namespace
            )
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


def claims_routes():
    return [(name, route) for name, route in routes() if name.split(":")[-1] not in PUBLIC]


@pytest.fixture
def demo():
    return build_demo_story()


def _recheck_row(story) -> int:
    """A re-check on the demo story (claims.services.rechecks writes them on revisions)."""
    article = story.articles.first()
    revision = ArticleRevision.objects.create(
        article=article, content_hash="access-fixture", text=article.text
    )
    return Recheck.objects.create(
        story=story,
        cluster=story.clusters.first(),
        article=article,
        revision=revision,
        reason=Recheck.Reason.CHANGED,
        old_text="The framework was signed on Friday.",
        new_text="The framework was signed on Friday, 31 October.",
        key="access-fixture",
    ).pk


@pytest.fixture
def urls(demo):
    """name -> a URL of that route, its <pk> filled with a row of the kind it names."""
    rows = {
        "stories": demo.pk,
        "flags": demo.flags.first().pk,
        "clusters": demo.clusters.first().pk,
        "articles": demo.articles.first().pk,
        "suggestions": MatchSuggestion.objects.first().pk,
        "api": demo.pk,
        "rechecks": _recheck_row(demo),
        "people": Person.objects.get_or_create(name="Pete Hegseth")[0].pk,
    }
    out = {}
    for name, route in claims_routes():
        kwargs = {}
        if "<int:pk>" in route:
            kind = route.strip("/").split("/")[0]
            assert kind in rows, f"add a row for the new route {route!r} to this fixture"
            kwargs["pk"] = rows[kind]
        out[name] = reverse(name, kwargs=kwargs)
    return out


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        "/accounts/login/?next="
    )


def test_the_walk_finds_every_route():
    names = {name for name, _ in claims_routes()}
    assert {"claims:dashboard", "claims:triage", "claims:verdict", "claims:api_story"} <= names
    assert len(names) >= 22


def test_every_route_but_login_needs_a_login(client, urls):
    before = Review.objects.count(), IngestJob.objects.count()
    for name, url in urls.items():
        for method in (client.get, client.post):
            response = method(url)
            if name.startswith("claims:api_"):
                ok = response.status_code in (401, 405)
            else:
                ok = is_login_redirect(response) or response.status_code == 405
            assert ok, (name, method.__name__, response.status_code)
    assert (Review.objects.count(), IngestJob.objects.count()) == before


def _post_only(client, urls):
    """Routes that change state: a GET is refused with 405."""
    return {name: url for name, url in urls.items() if client.get(url).status_code == 405}


def test_state_changes_need_the_reviewers_group(client, outsider, reviewer, urls):
    reviewer_client = Client()
    reviewer_client.force_login(reviewer)
    post_only = _post_only(reviewer_client, urls)
    assert {
        "claims:triage",
        "claims:verdict",
        "claims:decide_suggestion",
        "claims:submit_url",
        "claims:submit_text",
        "claims:submit_file",
        "claims:submit_feed",
    } <= set(post_only)
    jobs = IngestJob.objects.count()
    client.force_login(outsider)
    for name, url in post_only.items():
        assert client.post(url, {"action": "dismiss"}).status_code == 403, name
    # Every other route is a read-only GET page: a POST is refused, not acted on.
    for name, url in urls.items():
        if name not in post_only:
            assert client.post(url).status_code == 405, name
    assert not Review.objects.exists()
    assert IngestJob.objects.count() == jobs


def test_every_post_needs_a_csrf_token(reviewer, urls):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    for name, url in _post_only(client, urls).items():
        assert client.post(url, {"action": "dismiss"}).status_code == 403, name
    assert not Review.objects.exists()


def test_every_rendered_post_form_carries_a_csrf_token(reviewer_client, urls, staff):
    pages = [url for url in urls.values() if reviewer_client.get(url).status_code == 200]
    admin_client = Client()
    admin_client.force_login(staff)
    forms_seen = 0
    for client, page in [(reviewer_client, p) for p in pages] + [
        (admin_client, "/admin/claims/flag/"),
        (Client(), reverse("login")),
    ]:
        response = client.get(page)
        if "html" not in response.get("Content-Type", ""):
            continue
        tree = lxml.html.fromstring(response.content)
        for form in tree.xpath("//form[translate(@method, 'POST', 'post') = 'post']"):
            forms_seen += 1
            assert form.xpath(".//input[@name='csrfmiddlewaretoken']"), (page, form.get("action"))
    assert forms_seen >= 5


def test_the_admin_needs_staff(reviewer_client, staff):
    pages = ["/admin/"] + [
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
        for m in admin.site._registry
    ]
    for page in pages:
        response = reviewer_client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/admin/login/"), page
    client = Client()
    client.force_login(staff)
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_an_inactive_reviewer_is_logged_out(client, reviewer, demo):
    reviewer.is_active = False
    reviewer.save()
    client.force_login(reviewer)
    assert is_login_redirect(client.get(reverse("claims:dashboard")))


# --- the URL fetcher's address guard ------------------------------------------------------


@pytest.fixture
def local_server():
    server = FixtureServer().start()
    server.routes["/page"] = Reply(body=hegseth_page())
    yield server
    server.stop()


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "127.1",  # short form
        "2130706433",  # 127.0.0.1 as one decimal number
        "0x7f.0.0.1",  # hexadecimal
        "localhost",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "0.0.0.0",
    ],
)
def test_the_fetcher_refuses_the_local_server_however_it_is_spelled(local_server, host):
    url = f"http://{host}:{local_server.port}/page"
    config = fetching.FetchConfig(timeout=2)
    with pytest.raises(IngestError) as info:
        fetching.fetch(url, config=config)
    assert isinstance(info.value, BlockedAddress) or "refusing" in str(info.value)
    assert not local_server.requests


@pytest.mark.parametrize(
    "answers",
    [
        ["::1"],
        ["fe80::1%eth0"],
        ["fc00::1"],
        ["::ffff:127.0.0.1"],
        ["169.254.169.254"],
        ["0.0.0.0"],
        ["93.184.216.34", "10.0.0.7"],  # one bad answer among good ones
    ],
)
def test_dns_answers_pointing_inside_are_refused(answers):
    with pytest.raises(BlockedAddress):
        fetching.resolve_public("news.example", 80, resolver=lambda h, p: answers)


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1]/a",
        "http://[fe80::1]/a",
        "http://[fc00::1]/a",
        "http://[::ffff:127.0.0.1]/a",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/a",
        "http://10.1.2.3/a",
    ],
)
def test_submission_of_an_internal_literal_is_refused_before_any_job(url):
    with pytest.raises(IngestError, match="refusing"):
        ingest.submit_url(url)
    assert not IngestJob.objects.exists()


def test_a_redirect_into_the_network_is_refused(local_server, settings):
    """Loopback allowed (as in tests) but a redirect to the metadata address is not."""
    local_server.routes["/hop"] = Reply(302, headers={"Location": "http://169.254.169.254/"})
    config = fetching.FetchConfig(timeout=2, allow_loopback=True)
    with pytest.raises(BlockedAddress):
        fetching.fetch(local_server.url("/hop"), config=config)


# --- size limits ---------------------------------------------------------------------------


def test_pasted_text_over_the_limit_is_refused(reviewer_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20_000
    big = "The minister said the port deal was signed. " * 1000  # 45 KB
    with pytest.raises(IngestError, match="limit"):
        ingest.submit_text(big, title="t", outlet="o")
    response = reviewer_client.post(
        reverse("claims:submit_text"), {"title": "t", "outlet": "o", "text": big}
    )
    assert response.status_code in (302, 400, 413)
    assert not IngestJob.objects.exists()
    assert not Article.objects.exists()


def test_an_upload_over_the_limit_is_refused(reviewer_client, settings):
    settings.INGEST_FILE_MAX_BYTES = 10_000
    data = b"The minister said the port deal was signed.\n" * 1000
    with pytest.raises(IngestError, match="limit"):
        ingest.submit_file("big.txt", data)
    upload = SimpleUploadedFile("big.txt", data, content_type="text/plain")
    response = reviewer_client.post(reverse("claims:submit_file"), {"file": upload})
    assert response.status_code == 302
    assert not IngestJob.objects.exists()


# --- secrets ------------------------------------------------------------------------------


def test_secrets_come_only_from_the_environment():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env.update(DJANGO_SETTINGS_MODULE="factcheck.settings", DEBUG="false")
    code = "import django; django.setup()"
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode != 0 and "SECRET_KEY must be set" in run.stderr
    env["SECRET_KEY"] = "from-the-environment-" + "x" * 40
    code += "; from django.conf import settings; print(settings.SECRET_KEY)"
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.stdout.strip() == env["SECRET_KEY"], run.stderr
    # No credential is written into the code: settings read every one from env
    # (the demo key above is refused outside DEBUG and the test suite).
    settings_src = (ROOT / "factcheck" / "settings.py").read_text()
    assert not re.search(r"PASSWORD\w*\s*=\s*['\"]", settings_src)
    assert not re.search(r"://\w+:[^@/\s]+@", settings_src)  # no user:password@ in a URL
