"""A real deployment's settings (settings.py): production from environment variables, HTTPS behind a
proxy, errors written to the log, SQLite in WAL mode.

Settings are read once, when Django starts, so what depends on the environment is checked in a
fresh Python process with that environment."""

from __future__ import annotations

import json
import logging
import logging.config
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from inspectorate.web.logs import logging_config

REPO = Path(__file__).resolve().parents[2]
HOST = "inspectorate.example.org"
# What the test run or a developer's shell set must not change here (nor any INSPECTORATE_ variable).
SCRUBBED = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")


def production_env(workspace: Path, **more: str) -> dict[str, str]:
    env = {
        key: value for key, value in os.environ.items() if key not in SCRUBBED and "INSPECTORATE" not in key
    }
    return env | {
        "INSPECTORATE_HOME": str(workspace),
        "INSPECTORATE_PRODUCTION": "1",
        "INSPECTORATE_SECRET_KEY": secrets.token_urlsafe(50),
        "INSPECTORATE_ALLOWED_HOSTS": HOST,
        "DJANGO_SETTINGS_MODULE": "inspectorate.web.settings",
        **more,
    }


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=False
    )


# Production ---------------------------------------------------------------------------------


def test_check_deploy_finds_nothing_to_warn_of_in_production(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNING" not in done.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["INSPECTORATE_SECRET_KEY"]
    done = run_python("import django; django.setup()", env)
    assert done.returncode != 0
    assert "no secret key: set INSPECTORATE_SECRET_KEY" in done.stderr


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with its SQLite database made, for the processes that answer requests."""
    path = tmp_path_factory.mktemp("deployment")
    code = "import django; django.setup(); from django.core.management import call_command; " + (
        "call_command('migrate', verbosity=0)"
    )
    done = run_python(code, production_env(path, INSPECTORATE_PRODUCTION="0"))
    assert done.returncode == 0, done.stderr
    return path


# What a browser behind the proxy sends: the login page read, then posted back, over HTTPS.
THROUGH_THE_PROXY = f"""
import json, django
django.setup()
from django.test import Client

proxy = {{"HTTP_X_FORWARDED_PROTO": "https", "HTTP_X_FORWARDED_FOR": "203.0.113.9", "HTTP_HOST": "{HOST}"}}
client = Client(enforce_csrf_checks=True)
page = client.get("/login/", **proxy)
token = client.cookies["csrftoken"]
origin = "https://{HOST}"
posted = client.post("/logout/", {{"csrfmiddlewaretoken": token.value}}, HTTP_ORIGIN=origin, **proxy)
forged = Client(enforce_csrf_checks=True).post("/logout/", {{}}, HTTP_ORIGIN=origin, **proxy)
plain = Client().get("/login/", HTTP_HOST="{HOST}")
print(json.dumps({{
    "page": page.status_code,
    "posted": posted.status_code,
    "forged": forged.status_code,
    "secure_cookie": bool(token["secure"]),
    "hsts": page.headers.get("Strict-Transport-Security", ""),
    "plain": [plain.status_code, plain.headers.get("Location", "")],
}}))
"""


def test_a_post_through_the_https_proxy_passes_the_csrf_check(workspace: Path) -> None:
    done = run_python(THROUGH_THE_PROXY, production_env(workspace, INSPECTORATE_BEHIND_PROXY="1"))
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["page"] == 200
    assert seen["posted"] == 302  # signed out and sent home: the CSRF check passed
    assert seen["forged"] == 403  # the check still runs: no token, no POST
    assert seen["secure_cookie"]
    assert seen["hsts"] == "max-age=31536000; includeSubDomains"
    # Straight to the server, not through the proxy: sent to HTTPS.
    assert seen["plain"] == [301, f"https://{HOST}/login/"]


def test_the_proxy_headers_are_not_believed_unless_the_deployment_says_there_is_a_proxy(
    workspace: Path,
) -> None:
    code = THROUGH_THE_PROXY.split("token =")[0] + "print(page.status_code)"
    done = run_python(code, production_env(workspace))
    assert done.returncode == 0, done.stderr
    # X-Forwarded-Proto ignored: the request is plain HTTP, so it is sent to HTTPS.
    assert done.stdout.strip().splitlines()[-1] == "301"


# Logging ------------------------------------------------------------------------------------


@pytest.fixture
def log_file(tmp_path: Path):
    """The app's logging, as settings.py configures it, writing to a file for one test."""
    path = tmp_path / "inspectorate.log"
    logging.config.dictConfig(logging_config(path))
    yield path
    logging.config.dictConfig(settings.LOGGING)


@pytest.mark.django_db
def test_a_500_writes_one_error_record_with_its_path_and_traceback(
    log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(user: object) -> object:
        raise RuntimeError("the home page broke")

    monkeypatch.setattr("inspectorate.web.front.views.listed_inspections", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    logging.shutdown()
    text = log_file.read_text()
    records = [line for line in text.splitlines() if " ERROR " in line or " WARNING " in line]
    assert len(records) == 1, text
    assert " ERROR django.request /: Internal Server Error: /" in records[0]
    assert records[0][:4].isdigit()  # the time first
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: the home page broke" in text


@pytest.mark.django_db
def test_a_404_is_not_written_as_a_fault_of_the_server(log_file: Path) -> None:
    Client().get("/no-such-page/")
    logging.shutdown()
    assert not log_file.exists() or log_file.read_text() == ""


def test_the_app_s_own_warnings_are_written_with_a_dash_for_no_request(log_file: Path) -> None:
    logging.getLogger("inspectorate.web.worker").warning("the queue is long")
    logging.getLogger("inspectorate.web.worker").info("not written: below the level")
    logging.shutdown()
    lines = log_file.read_text().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith(" WARNING inspectorate.web.worker -: the queue is long")


def test_the_log_file_is_named_relative_to_the_workspace(tmp_path: Path) -> None:
    env = production_env(tmp_path, INSPECTORATE_LOG_FILE="logs.txt", INSPECTORATE_PRODUCTION="0")
    code = "import django; django.setup(); from django.conf import settings; print(settings.LOG_FILE)"
    done = run_python(code, env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tmp_path / "logs.txt")


# SQLite -------------------------------------------------------------------------------------

PRAGMAS = """
import json, django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS probe (x integer)")
    names = ("journal_mode", "busy_timeout")
    pragmas = {name: cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in names}
print(json.dumps({**pragmas, "mode": connection.transaction_mode}))
"""


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_immediate_transactions(tmp_path: Path) -> None:
    env = production_env(tmp_path, INSPECTORATE_PRODUCTION="0")
    done = run_python(PRAGMAS, env)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"journal_mode": "wal", "busy_timeout": 20_000, "mode": "IMMEDIATE"}


# The guide --------------------------------------------------------------------------------------


def test_the_deployment_guide_names_only_settings_that_exist_and_is_linked_from_the_readme() -> None:
    import re

    guide = (REPO / "docs" / "deployment.md").read_text()
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", (REPO / "docs" / "settings.md").read_text()))
    named = set(re.findall(r"\b(INSPECTORATE_[A-Z0-9_]+)", guide))
    assert {"INSPECTORATE_PRODUCTION", "INSPECTORATE_BEHIND_PROXY", "INSPECTORATE_LOG_FILE"} <= named
    assert named - documented == set()
    for section in ("SQLite", "PostgreSQL", "nginx", "Logging", "throttling", "Cache", "Backup and restore"):
        assert section in guide, section
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in guide
    assert "(docs/deployment.md)" in (REPO / "README.md").read_text()
