"""Django settings. Every setting comes from an environment variable with a safe default.

docs/settings.md lists each variable; a test checks that none is missing from it.
"""

from __future__ import annotations

import os

import dj_database_url
import django_stubs_ext
from django.core.management.utils import get_random_secret_key

from inspectorate.core.workspace import database_file, secret_key_file, workspace_dir

# Generic classes (ModelAdmin[Force], QuerySet[Inspection]) may be subscripted at run time, as the
# type checker reads them.
django_stubs_ext.monkeypatch()

WORKSPACE = workspace_dir()


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if os.environ.get("INSPECTORATE_SECRET_KEY"):
        return os.environ["INSPECTORATE_SECRET_KEY"]
    key_file = secret_key_file(WORKSPACE)
    if key_file.exists():
        return key_file.read_text().strip()
    # No key stored yet (tests, or a read-only look): sessions simply won't outlive the process.
    return get_random_secret_key()


SECRET_KEY = _secret_key()
DEBUG = _env_flag("INSPECTORATE_DEBUG")
ALLOWED_HOSTS = os.environ.get("INSPECTORATE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "inspectorate.web.registry",
    "inspectorate.web.accounts",
    "inspectorate.web.inspections",
    "inspectorate.web.audits",
    "inspectorate.web.reviews",
    "inspectorate.web.reports",
    "inspectorate.web.history",
    "inspectorate.web.numbers",
    "inspectorate.web.public",
    "inspectorate.web.front",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "inspectorate.web.urls"
WSGI_APPLICATION = "inspectorate.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{database_file(WORKSPACE)}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
# Only needed for `manage.py collectstatic` behind another web server.
STATIC_ROOT = os.environ.get("INSPECTORATE_STATIC_ROOT") or None
# Serve the app's static files straight from the package: no collectstatic step to forget.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

AUDITLOG_INCLUDE_ALL_MODELS = False

# Background jobs (findings' embeddings): queued in the database, as configured above, and run by the
# worker that `serve` starts beside the web server, or by `inspectorate worker`. With a Redis URL they
# are queued in Redis and run by RQ's workers (`inspectorate worker`; needs the "redis" extra).
TASKS_REDIS_URL = os.environ.get("INSPECTORATE_TASKS_REDIS_URL", "")
if TASKS_REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
