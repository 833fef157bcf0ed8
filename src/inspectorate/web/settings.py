"""Django settings. Every setting comes from an environment variable with a safe default.

docs/settings.md lists each variable; a test checks that none is missing from it.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from inspectorate.core.workspace import database_file, secret_key_file, workspace_dir
from inspectorate.web.logs import logging_config
from inspectorate.web.public.cache_settings import caches_from_url

# Generic classes (ModelAdmin[Force], QuerySet[Inspection]) may be subscripted at run time, as the
# type checker reads them.
django_stubs_ext.monkeypatch()

WORKSPACE = workspace_dir()


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: a whole number is needed") from None


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Production: every setting below that makes the site HTTPS-only defaults to on, so that
# `manage.py check --deploy` has nothing to warn of; each can still be turned off on its own.
PRODUCTION = _env_flag("INSPECTORATE_PRODUCTION")


def _secret_key() -> str:
    if os.environ.get("INSPECTORATE_SECRET_KEY"):
        return os.environ["INSPECTORATE_SECRET_KEY"]
    key_file = secret_key_file(WORKSPACE)
    if key_file.exists():
        return key_file.read_text().strip()
    if PRODUCTION:
        # A key made up per process would sign every user out on each restart, and differ per worker.
        raise ImproperlyConfigured(
            f"no secret key: set INSPECTORATE_SECRET_KEY or run `inspectorate init` on {WORKSPACE}"
        )
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
    "axes",
    "crispy_forms",
    "crispy_forms_gds",
    "inspectorate.web.registry",
    "inspectorate.web.accounts",
    "inspectorate.web.inspections",
    "inspectorate.web.audits",
    "inspectorate.web.reviews",
    "inspectorate.web.reports",
    "inspectorate.web.plan",
    "inspectorate.web.moderation",
    "inspectorate.web.factcheck",
    "inspectorate.web.lifecycle",
    "inspectorate.web.followup",
    "inspectorate.web.monitoring",
    "inspectorate.web.responses",
    "inspectorate.web.notifications",
    "inspectorate.web.history",
    "inspectorate.web.imports",
    "inspectorate.web.numbers",
    "inspectorate.web.national",
    "inspectorate.web.public",
    "inspectorate.web.front",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session, CSRF and message middleware, so that it sees every cookie they set.
    "inspectorate.web.public.page_cache.PublicPageCache",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: it turns a sign-in refused for too many failures into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Forms are drawn in the GOV.UK Design System's markup (labels, hints, error messages and summary).
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

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
                "inspectorate.web.front.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{database_file(WORKSPACE)}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers never wait for a writer (WAL); a writer waits its turn (busy timeout, in seconds) instead
    # of failing at once; and a transaction takes the write lock when it starts (IMMEDIATE), so that
    # two transactions that read and then write cannot deadlock halfway through.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "timeout": _env_int("INSPECTORATE_SQLITE_TIMEOUT", 20),
        "transaction_mode": "IMMEDIATE",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

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

# HTTPS. Behind a reverse proxy that terminates it, the proxy's X-Forwarded-Proto says whether the
# visitor's request was secure (and X-Forwarded-For who sent it): trusted only when the operator says
# such a proxy is there, since anyone can send these headers to a server that answers them directly.
BEHIND_PROXY = _env_flag("INSPECTORATE_BEHIND_PROXY")
# The proxy's address, as `serve` sees it: only its headers are believed.
TRUSTED_PROXY = os.environ.get("INSPECTORATE_TRUSTED_PROXY", "127.0.0.1")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# Only for a proxy that changes the Host header, or a form posted from another site of one's own.
CSRF_TRUSTED_ORIGINS = _env_list("INSPECTORATE_CSRF_TRUSTED_ORIGINS")
SESSION_COOKIE_SECURE = _env_flag("INSPECTORATE_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = _env_flag("INSPECTORATE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = _env_int("INSPECTORATE_HSTS_SECONDS", 365 * 24 * 3600 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("INSPECTORATE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
# Asking to be on the browsers' preload list is hard to undo, so it is the operator's to choose; off,
# Django's reminder that the site could be on the list (security.W021) is not a fault to report.
SECURE_HSTS_PRELOAD = _env_flag("INSPECTORATE_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Signing in: failures counted per (user name, address); at the limit, that pair waits out the cool-off.
# Another address, or another user name from this one, may still sign in.
AXES_FAILURE_LIMIT = _env_int("INSPECTORATE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=_env_int("INSPECTORATE_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "inspectorate.web.front.throttling.locked_out"
AXES_CLIENT_IP_CALLABLE = "inspectorate.web.front.throttling.client_address"

# Errors (a 500's traceback with its request's path) and the app's warnings: to stderr, and to a file
# when one is named (relative to the workspace).
_log_file = os.environ.get("INSPECTORATE_LOG_FILE", "").strip()
LOG_FILE: Path | None = (WORKSPACE / _log_file) if _log_file else None
LOGGING: dict[str, Any] = logging_config(LOG_FILE, os.environ.get("INSPECTORATE_LOG_LEVEL", "WARNING"))

AUDITLOG_INCLUDE_ALL_MODELS = False

# Public pages answered to readers who are not signed in are kept for this long (0: not at all) in the
# cache: in memory in each process by default, in Redis by URL (web/public/page_cache.py).
CACHES = caches_from_url(os.environ.get("INSPECTORATE_CACHE_URL", ""))
PAGE_CACHE_SECONDS = _env_int("INSPECTORATE_PAGE_CACHE_SECONDS", 600)

# The largest file the team may keep with a piece of evidence (web/inspections/evidence_files.py).
EVIDENCE_FILE_MAX_BYTES = _env_int("INSPECTORATE_EVIDENCE_FILE_MAX_MB", 25) * 1024 * 1024

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

# Email (web/notifications): written as files to the workspace's outbox unless the operator names
# another backend, so that nothing leaves the machine by default; `smtp` sends through EMAIL_HOST.
_EMAIL_BACKENDS = {
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_email_backend = os.environ.get("INSPECTORATE_EMAIL_BACKEND", "file").strip() or "file"
if _email_backend not in _EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        f"INSPECTORATE_EMAIL_BACKEND={_email_backend!r}: choose one of {', '.join(_EMAIL_BACKENDS)}"
    )
EMAIL_BACKEND = _EMAIL_BACKENDS[_email_backend]
# Relative to the workspace, as the log file is.
EMAIL_FILE_PATH = WORKSPACE / (os.environ.get("INSPECTORATE_EMAIL_FILE_PATH", "").strip() or "outbox")
EMAIL_HOST = os.environ.get("INSPECTORATE_EMAIL_HOST", "localhost")
EMAIL_PORT = _env_int("INSPECTORATE_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("INSPECTORATE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("INSPECTORATE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_flag("INSPECTORATE_EMAIL_USE_TLS")
EMAIL_USE_SSL = _env_flag("INSPECTORATE_EMAIL_USE_SSL")
EMAIL_TIMEOUT = _env_int("INSPECTORATE_EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("INSPECTORATE_EMAIL_FROM", "Inspectorate <inspectorate@localhost>")
# The site's address as its readers reach it: the links in every email start with it.
SITE_URL = os.environ.get("INSPECTORATE_SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
