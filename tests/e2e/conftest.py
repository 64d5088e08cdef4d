"""Real-browser fixtures: pytest-django's live_server + Playwright driving Debian's Chromium.

Without Chromium or playwright the tests skip loudly (fail under CI=true).
Screenshots go to tests/artifacts/ (gitignored) so a person can look at them.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from tests import services

# Playwright's sync API runs an event loop in this thread; the ORM calls made by
# fixtures and by live_server's handlers are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PASSWORD = "correct-horse-battery"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def _playwright():
    services.require(
        "Chromium",
        services.chromium_available(),
        f"needs {services.CHROMIUM} and the playwright package",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=services.CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1440, "height": 900}, base_url=live_server.url
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shot():
    """shot(page, name): a full-page PNG in tests/artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path))
        page.screenshot(path=str(ARTIFACTS / f"{name}-full.png"), full_page=True)
        return path

    return take


@pytest.fixture
def e2e_reviewer(transactional_db):
    group, _ = Group.objects.get_or_create(name="reviewers")
    user = User.objects.create_user("rita", "rita@example.org", PASSWORD)
    user.groups.add(group)
    return user


@pytest.fixture
def e2e_outsider(transactional_db):
    return User.objects.create_user("otto", "otto@example.org", PASSWORD)


def login(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def _demo_from_command():
    """The analysed demo story from `load_demo`, or None when the pipeline can't produce it."""
    from django.core.management import call_command

    from claims.models import Flag

    try:
        call_command("load_demo", stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
    except Exception:  # noqa: BLE001 - any failure means: use the equivalent rows
        return None
    flag = (
        Flag.objects.filter(kind="title_mismatch", subject__icontains="Hegseth")
        .select_related("story")
        .first()
    )
    if flag is None:
        return None
    values = {str(v.get("value", "")).lower() for v in flag.variants}
    if not {"secretary of war", "defence secretary"} <= values:
        return None
    return flag.story


def _clear_rows():
    from claims.models import Article, IngestJob, Outlet, Story

    Story.objects.all().delete()
    Article.objects.all().delete()
    IngestJob.objects.all().delete()
    Outlet.objects.all().delete()


@pytest.fixture
def demo_story(transactional_db, request):
    """The demo story: from `load_demo` when it yields the Hegseth title flag, else built rows.

    E2E_DEMO=rows forces the built rows; E2E_DEMO=command requires load_demo.
    """
    from tests.e2e.demo_rows import build_demo_story

    mode = os.environ.get("E2E_DEMO", "auto")
    story = None if mode == "rows" else _demo_from_command()
    if story is None and mode == "command":
        pytest.fail("E2E_DEMO=command but load_demo did not produce the Hegseth title flag")
    source = "load_demo"
    if story is None:
        _clear_rows()
        story = build_demo_story()
        source = "demo_rows fixture"
    request.node.user_properties.append(("demo_source", source))
    print(f"demo data: {source}")  # noqa: T201 - shown with -s / in the report
    return story
