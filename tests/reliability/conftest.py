"""Fixtures of the reliability suite: the bad-input corpus, a local server, own Redis.

Everything here talks to 127.0.0.1 only. The Redis used for fault tests is a
redis-server started by the test itself (random port, its own directory), so
restarting it never touches the machine's Redis that other people use.
"""

from __future__ import annotations

import json
from importlib import import_module
from pathlib import Path

import pytest

# The restartable own Redis server lives with the worker fixtures.
from tests.celery.conftest import RedisServer, own_redis  # noqa: F401
from tests.fixtures.http_server import FixtureServer, Reply

BAD_INPUTS = Path(__file__).resolve().parents[1] / "fixtures" / "bad_inputs"


# -- the bad-input corpus ----------------------------------------------------------


def load_cases() -> list[dict]:
    return json.loads((BAD_INPUTS / "cases.json").read_text())["cases"]


def payload(source: str, base: str = ""):
    """The Payload of a case's source: files/<path> or gen:<function>."""
    generate = import_module("tests.fixtures.bad_inputs.generate")
    if source.startswith("gen:"):
        return getattr(generate, source[4:])(base)
    if source.startswith("files/"):
        return generate.Payload(body=(BAD_INPUTS / source).read_bytes())
    raise ValueError(f"unknown source {source!r}")


@pytest.fixture(scope="session")
def bad_server():
    """A local HTTP server; tests add routes under /bad/ (see serve())."""
    server = FixtureServer().start()
    server.routes = {}
    yield server
    server.stop()


def serve(server: FixtureServer, path: str, source: str) -> str:
    data = payload(source, f"http://127.0.0.1:{server.port}")
    headers = dict(data.headers)
    content_type = headers.pop("Content-Type", "")
    server.routes[path] = Reply(
        status=data.status, body=data.body, headers=headers, content_type=content_type
    )
    return server.url(path)


@pytest.fixture
def loopback_fetch(settings):
    """The fetcher may reach the local server (and only loopback is ever used)."""
    settings.FETCH_ALLOW_LOOPBACK = True
    settings.FETCH_TIMEOUT = 2.0
    return settings
