import pytest
from django.contrib.auth.models import Group, User
from django.db import connection

from tests import services

REVIEWERS = "reviewers"


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run only when the default database is PostgreSQL."""
    on_postgres = connection.vendor == "postgresql"
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(
                pytest.mark.skip(
                    reason="SKIPPED LOUDLY -- needs DATABASE_URL=postgres://... "
                    "(make test runs this suite a second time on PostgreSQL)"
                )
            )


@pytest.fixture(scope="session", autouse=True)
def _database_reachable(request):
    """Fail (CI) or skip (laptop) early when the configured PostgreSQL is down."""
    if connection.vendor != "postgresql":
        return
    from django.conf import settings

    url = "postgres://{HOST}:{PORT}".format(**settings.DATABASES["default"])
    services.require("PostgreSQL", services.port_open(url, 5432), f"no server at {url}")


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no cached story rows: a test's transaction is rolled back,
    never committed, so the version bump that follows a commit never runs there, and a
    story id reused by the next test would otherwise read the last test's rows."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def redis_url():
    services.require("Redis", services.redis_available(), f"no server at {services.REDIS_URL}")
    return services.REDIS_URL


@pytest.fixture
def reviewer(db):
    group, _ = Group.objects.get_or_create(name=REVIEWERS)
    user = User.objects.create_user("rita", "rita@example.org", "correct-horse-battery")
    user.groups.add(group)
    return user


@pytest.fixture
def staff(db):
    return User.objects.create_user(
        "sam", "sam@example.org", "correct-horse-battery", is_staff=True, is_superuser=True
    )


@pytest.fixture
def outsider(db):
    """Logged in but not in the reviewers group."""
    return User.objects.create_user("otto", "otto@example.org", "correct-horse-battery")


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client
