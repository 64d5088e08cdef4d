"""Under CI=true a suite that would be skipped for a missing service fails instead."""

import pytest

from tests import services


def test_missing_service_skips_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="SKIPPED LOUDLY -- Redis unavailable"):
        services.require("Redis", False, "no server")


@pytest.mark.parametrize("value", ["true", "1", "TRUE"])
def test_missing_service_fails_under_ci(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI=true forbids skipping"):
        services.require("Redis", False, "no server")


def test_available_service_neither_skips_nor_fails(monkeypatch):
    monkeypatch.setenv("CI", "true")
    services.require("Redis", True, "unused")


def test_port_probe_sees_a_closed_port():
    assert not services.port_open("redis://127.0.0.1:1", 6379)
