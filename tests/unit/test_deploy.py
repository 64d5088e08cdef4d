"""Production settings pass `check --deploy`; the compose file is valid."""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

from tests import services

ROOT = Path(__file__).resolve().parents[2]


def run(cmd, **env):
    full_env = {**os.environ, **env}
    # Set by the browser tests in this process; a deployment never has them.
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        full_env.pop(name, None)
    return subprocess.run(cmd, cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_production_settings():
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="false",
        HTTPS="true",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="factcheck.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run(
        [sys.executable, "manage.py", "check"], DEBUG="false", SECRET_KEY="", HTTPS="true"
    )
    assert result.returncode != 0


def test_docker_compose_config_is_valid():
    tool = shutil.which("docker-compose")
    services.require("docker-compose", bool(tool), "apt-get install docker-compose")
    result = run([tool, "config", "-q"], SECRET_KEY="x")
    assert result.returncode == 0, result.stderr
