"""The email settings as a new process reads them: the workspace's outbox by default, the console or
SMTP by environment variable, and a backend name that is not one refused in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SHOW = """
import json
from django.conf import settings
print(json.dumps({name: str(getattr(settings, name)) for name in (
    "EMAIL_BACKEND", "EMAIL_FILE_PATH", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL",
    "SITE_URL",
)}))
"""


def _settings(workspace: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value for key, value in os.environ.items() if "INSPECTORATE" not in key and key != "DATABASE_URL"
    }
    env |= {
        "INSPECTORATE_HOME": str(workspace),
        "DJANGO_SETTINGS_MODULE": "inspectorate.web.settings",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_mail_is_written_to_the_workspaces_outbox_by_default(tmp_path: Path) -> None:
    done = _settings(tmp_path)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert seen["EMAIL_FILE_PATH"] == str(tmp_path / "outbox")
    assert seen["SITE_URL"] == "http://127.0.0.1:8000"


def test_smtp_and_the_sites_address_are_set_by_environment_variables(tmp_path: Path) -> None:
    done = _settings(
        tmp_path,
        INSPECTORATE_EMAIL_BACKEND="smtp",
        INSPECTORATE_EMAIL_HOST="smtp.example.org",
        INSPECTORATE_EMAIL_PORT="587",
        INSPECTORATE_EMAIL_USE_TLS="1",
        INSPECTORATE_EMAIL_FROM="Inspections <inspections@example.org>",
        INSPECTORATE_SITE_URL="https://inspect.example.org/",
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (seen["EMAIL_HOST"], seen["EMAIL_PORT"], seen["EMAIL_USE_TLS"]) == (
        "smtp.example.org",
        "587",
        "True",
    )
    assert seen["DEFAULT_FROM_EMAIL"] == "Inspections <inspections@example.org>"
    assert seen["SITE_URL"] == "https://inspect.example.org"


def test_an_unknown_backend_is_refused_naming_the_variable(tmp_path: Path) -> None:
    done = _settings(tmp_path, INSPECTORATE_EMAIL_BACKEND="pigeon")
    assert done.returncode != 0
    assert "INSPECTORATE_EMAIL_BACKEND='pigeon': choose one of file, console, smtp" in done.stderr
