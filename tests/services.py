"""Which external services the suite can reach, and what to do when one is missing.

Outside CI a missing service skips its tests with a loud reason; under CI=true
the same absence fails the run, so a green CI always means they ran.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(service: str, available: bool, reason: str) -> None:
    if available:
        return
    message = f"{service} unavailable: {reason}"
    if in_ci():
        pytest.fail(f"CI=true forbids skipping: {message}", pytrace=False)
    pytest.skip(f"SKIPPED LOUDLY -- {message}")


def port_open(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or default_port), 2):
            return True
    except OSError:
        return False


def redis_available() -> bool:
    return port_open(REDIS_URL, 6379)


def chromium_available() -> bool:
    return bool(shutil.which(CHROMIUM)) and _importable("playwright")


def _importable(name: str) -> bool:
    try:
        __import__(name)
    except ImportError:
        return False
    return True
