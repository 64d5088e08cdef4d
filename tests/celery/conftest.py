"""A real Celery worker on Redis, writing to the test's PostgreSQL database."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import kombu.pools
import pytest
import redis
from django.conf import settings
from django.db import connection

from factcheck.celery import app
from tests import services

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.celery]


def worker_env(broker_url: str, extra: dict | None = None) -> dict:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        CELERY_BROKER_URL=broker_url,
        ANALYSIS_DEBOUNCE_SECONDS="0",
        SECRET_KEY="celery-worker-test-key",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    env.update(extra or {})
    return env


class Worker:
    """One `celery worker` process; start() waits until it is ready.

    `env` adds environment variables (e.g. a short CELERY_VISIBILITY_TIMEOUT);
    `concurrency` > 1 runs a prefork pool of that many processes.
    """

    count = 0

    def __init__(self, broker_url: str, log_path: Path, env=None, concurrency: int = 1):
        self.broker_url = broker_url
        self.log_path = log_path
        self.env = env or {}
        self.concurrency = concurrency
        self.proc = None
        Worker.count += 1
        self.name = f"test-{os.getpid()}-{Worker.count}@%h"

    def start(self, timeout=120):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        cmd = [sys.executable, "-m", "celery", "-A", "factcheck", "worker"]
        if self.concurrency > 1:
            cmd += ["--pool=prefork", f"--concurrency={self.concurrency}"]
        else:
            cmd += ["--pool=solo"]
        cmd += ["-Q", "ingest,nlp,analysis", "-l", "info", "-n", self.name]
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=worker_env(self.broker_url, self.env),
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited: {self.log_path.read_text()[-2000:]}")
            if b" ready." in self.log_path.read_bytes():
                return self
            time.sleep(0.2)
        raise TimeoutError(f"worker not ready: {self.log_path.read_text()[-2000:]}")

    def text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def succeeded(self, task_id: str) -> bool:
        return f"[{task_id}] succeeded".encode() in self.log_path.read_bytes()

    def kill(self):
        """SIGKILL, as a crashed machine would: no chance to ack or requeue."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def _reset_pools():
    """Drop this process's broker connections (and the producers holding them)."""
    app.pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    kombu.pools.reset()  # kombu's global pools, keyed by URL, would hand back closed ones


@contextmanager
def use_broker(url: str):
    """Point this process's Celery app at a broker (tests are eager otherwise)."""
    if connection.vendor != "postgresql":
        services.require("PostgreSQL", False, "worker tests need DATABASE_URL=postgres://...")
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    _reset_pools()
    app.conf.update(broker_url=url, task_always_eager=False)
    try:
        yield url
    finally:
        app.conf.update(saved)
        _reset_pools()


@pytest.fixture
def broker(redis_url):
    """The machine's Redis (TEST_REDIS_URL's database, flushed) as this test's broker."""
    redis.Redis.from_url(redis_url).flushdb()
    with use_broker(redis_url) as url:
        yield url


@pytest.fixture
def start_worker(broker, tmp_path):
    workers = []

    def start(env=None, concurrency=1):
        log = tmp_path / f"worker-{len(workers)}.log"
        worker = Worker(broker, log, env=env, concurrency=concurrency).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


# -- an own Redis server, restartable --------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """redis-server on a random port with an append-only file in its own directory.

    appendfsync always: every acknowledged write is on disk, so a restart
    (SIGTERM or SIGKILL) loses no queued task.
    """

    def __init__(self, directory: Path):
        self.dir = directory
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10) -> RedisServer:
        cmd = [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1"]
        cmd += ["--dir", str(self.dir), "--appendonly", "yes", "--appendfsync", "always"]
        cmd += ["--save", "", "--protected-mode", "yes"]
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
    directory = tmp_path / "redis"
    directory.mkdir()
    server = RedisServer(directory).start()
    yield server
    server.stop()


def wait_for(predicate, timeout=120, interval=0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
