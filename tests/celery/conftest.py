"""A real Celery worker on Redis, writing to the test's PostgreSQL database."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from factcheck.celery import app
from tests import services

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.celery]


def worker_env(broker_url: str) -> dict:
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
    return env


class Worker:
    """One `celery worker` process; start() waits until it is ready."""

    def __init__(self, broker_url: str, log_path: Path):
        self.broker_url = broker_url
        self.log_path = log_path
        self.proc = None

    def start(self, timeout=120):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        cmd = [sys.executable, "-m", "celery", "-A", "factcheck", "worker", "--pool=solo"]
        cmd += ["-Q", "ingest,nlp,analysis", "-l", "info", "-n", f"test-{os.getpid()}@%h"]
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=worker_env(self.broker_url), stdout=self.log, stderr=self.log
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited: {self.log_path.read_text()[-2000:]}")
            if b" ready." in self.log_path.read_bytes():
                return self
            time.sleep(0.2)
        raise TimeoutError(f"worker not ready: {self.log_path.read_text()[-2000:]}")

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


@pytest.fixture
def broker(redis_url):
    """Point this process's Celery app at Redis (tests are eager otherwise)."""
    if connection.vendor != "postgresql":
        services.require("PostgreSQL", False, "worker tests need DATABASE_URL=postgres://...")
    redis.Redis.from_url(redis_url).flushdb()
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=redis_url, task_always_eager=False)
    yield redis_url
    app.conf.update(saved)
    app.pool.force_close_all()
    app._pool = None


@pytest.fixture
def start_worker(broker, tmp_path):
    workers = []

    def start():
        worker = Worker(broker, tmp_path / f"worker-{len(workers)}.log").start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def wait_for(predicate, timeout=120, interval=0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
