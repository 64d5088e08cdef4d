"""Fixtures of the reliability suite: the bad-input corpus, a local server, fault harness.

Everything here talks to 127.0.0.1 only. The Redis used for fault tests is a
redis-server started by the test itself (random port, its own directory), so
restarting it never touches the machine's Redis that other people use.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from importlib import import_module
from pathlib import Path

import pytest

from tests import services
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


# -- an own Redis server, restartable --------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """redis-server on a random port with an append-only file in its own directory."""

    def __init__(self, directory: Path):
        self.dir = directory
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10) -> RedisServer:
        cmd = [
            shutil.which("redis-server"),
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(self.dir),
            "--appendonly",
            "yes",
            "--appendfsync",
            "always",
            "--save",
            "",
            "--protected-mode",
            "yes",
        ]
        self.log = open(self.dir / "redis.log", "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if services.port_open(self.url, self.port):
                return self
            time.sleep(0.05)
        raise TimeoutError(f"redis-server did not start: {(self.dir / 'redis.log').read_text()}")

    def stop(self, kill: bool = False) -> None:
        if self.proc and self.proc.poll() is None:
            if kill:
                self.proc.kill()
            else:
                self.proc.terminate()  # SIGTERM: redis flushes the AOF and exits
            self.proc.wait(20)
        self.log.close()

    def restart(self, downtime: float = 0.0) -> None:
        self.stop()
        time.sleep(downtime)
        self.start()


@pytest.fixture
def own_redis(tmp_path):
    binary = shutil.which("redis-server")
    services.require("redis-server", bool(binary), "no redis-server binary on PATH")
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()
