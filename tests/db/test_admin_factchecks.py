"""The fact-check admin and its "Import ClaimReview" page: staff with claims.add_factcheck,
CSRF, a file or a URL, counts and per-item errors as messages."""

import json

import lxml.html
import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from claims.models import FactCheck
from claims.services import memory
from tests.fixtures.http_server import Reply, http_server  # noqa: F401

pytestmark = pytest.mark.django_db

LIST = "/admin/claims/factcheck/"
IMPORT = "/admin/claims/factcheck/import/"


def review(claim, url, rating="False"):
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim,
        "author": {"@type": "Organization", "name": "Checker Desk"},
        "reviewRating": {"@type": "Rating", "alternateName": rating},
    }


DOCUMENT = json.dumps(
    [
        review("Parking fees doubled overnight.", "https://c.example/parking"),
        {"@type": "ClaimReview", "url": "https://c.example/empty"},
        review("The pier reopened in June.", "https://c.example/pier", "True"),
    ]
).encode()


@pytest.fixture(autouse=True)
def indexed(monkeypatch):
    calls = []
    monkeypatch.setattr(memory, "index_fact_checks", lambda ids: calls.append(ids) or len(ids))
    return calls


@pytest.fixture
def importer(db):
    """Staff with only the fact-check permissions (not a superuser)."""
    user = User.objects.create_user(
        "ivy", "ivy@example.org", "correct-horse-battery", is_staff=True
    )
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_factcheck", "view_factcheck"])
    )
    client = Client()
    client.force_login(user)
    return client


def _messages(response):
    """The admin's messages, as shown (capitalised)."""
    tree = lxml.html.fromstring(response.content)
    return [
        " ".join(li.text_content().split()) for li in tree.xpath("//ul[@class='messagelist']/li")
    ]


def test_the_list_links_to_the_import_page_for_those_who_may_import(importer, client):
    assert f'href="{IMPORT}"' in importer.get(LIST).content.decode()
    viewer = User.objects.create_user("vic", "v@example.org", "x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_factcheck"))
    client.force_login(viewer)
    assert client.get(LIST).status_code == 200
    assert IMPORT not in client.get(LIST).content.decode()
    assert client.get(IMPORT).status_code == 403
    upload = SimpleUploadedFile("checks.json", DOCUMENT)
    assert client.post(IMPORT, {"file": upload}).status_code == 403
    assert not FactCheck.objects.exists()


def test_a_reviewer_who_is_not_staff_is_sent_to_the_admin_login(reviewer_client):
    response = reviewer_client.get(IMPORT)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_an_uploaded_file_is_imported_with_per_item_errors(importer, indexed):
    page = importer.get(IMPORT)
    form = lxml.html.fromstring(page.content).get_element_by_id("claimreview-import")
    assert form.get("method") == "post" and form.get("enctype") == "multipart/form-data"
    assert form.xpath(".//input[@name='csrfmiddlewaretoken']")
    response = importer.post(
        IMPORT, {"file": SimpleUploadedFile("checks.json", DOCUMENT)}, follow=True
    )
    assert response.redirect_chain[-1][0] == LIST
    shown = _messages(response)
    assert shown[0] == "ClaimReview import: 2 imported, 0 updated, 0 skipped, 1 error."
    assert (
        shown[1] == "File checks.json [1]: no claimReviewed (nor a name or text on itemReviewed)"
    )
    row = FactCheck.objects.get(url="https://c.example/parking")
    assert (row.verdict, row.imported_by.username, row.source) == (
        "false",
        "ivy",
        "file checks.json",
    )
    assert len(indexed) == 1 and len(indexed[0]) == 2
    again = importer.post(
        IMPORT, {"file": SimpleUploadedFile("checks.json", DOCUMENT)}, follow=True
    )
    assert _messages(again)[0].startswith("ClaimReview import: 0 imported, 0 updated, 2 skipped")
    assert "Parking fees doubled overnight." in again.content.decode()


def test_a_page_url_is_fetched_through_the_guard(importer, http_server, settings):  # noqa: F811
    block = json.dumps(review("Trams run all night.", "https://c.example/trams"))
    html = f'<html><head><script type="application/ld+json">{block}</script></head></html>'
    http_server.routes["/fc"] = Reply(body=html.encode())
    response = importer.post(IMPORT, {"url": http_server.url("/fc")}, follow=True)
    assert (
        _messages(response)[0] == "ClaimReview import: 1 imported, 0 updated, 0 skipped, 0 errors."
    )
    settings.FETCH_ALLOW_LOOPBACK = False
    refused = importer.post(IMPORT, {"url": http_server.url("/fc")}, follow=True)
    assert "loopback address" in _messages(refused)[1]
    assert len(http_server.hits("/fc")) == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Give a file or a URL (one of them)."),
        ({"url": "ftp://c.example/x"}, "The URL must start with http:// or https://."),
    ],
)
def test_a_bad_form_is_shown_again_with_its_error(importer, data, message):
    response = importer.post(IMPORT, data)
    assert response.status_code == 200 and message in response.content.decode()


def test_both_a_file_and_a_url_is_refused(importer):
    data = {"url": "https://c.example/x", "file": SimpleUploadedFile("a.json", DOCUMENT)}
    assert "one of them" in importer.post(IMPORT, data).content.decode()


def test_the_import_needs_a_csrf_token(db):
    user = User.objects.create_superuser("sue", "s@example.org", "correct-horse-battery")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    upload = SimpleUploadedFile("checks.json", DOCUMENT)
    assert client.post(IMPORT, {"file": upload}).status_code == 403
    assert not FactCheck.objects.exists()
