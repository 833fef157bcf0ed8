"""Public pages kept in Django's cache and served again to readers who are not signed in.

Everyone who is not signed in reads the same thing on every page: the published versions out of
embargo, and the registry (docs/permissions.md). So a page answered to one such reader is kept and
answered to the next, until something it may show changes. The key says what it shows from:

- the address, as asked (scheme, host, path with its .json or .csv twin suffix, query string);
- how many report versions are out of embargo *now*, and the latest of them: an embargo that ends
  at 07:00 changes the key at 07:00, with no write to tell anyone;
- how many changes have been noted (``PublicChange``) and the latest: every save or delete of a record
  of the apps the public pages are built from adds one, in the same transaction as the change;
- the national tables loaded into the workspace: their catalog file's identity, which changes with
  every edition loaded or removed (``inspectorate national load``), with no database write.

Both are read in one small query on every request the cache may answer, from the database that
every process shares, so a version published by the command line, or a record saved by the worker,
is seen by the server's next request. A hit costs that query and nothing else. Entries also expire
(``PAGE_CACHE_SECONDS``) as a bound on memory and on any write made past the model layer.

Signed-in readers may see working copies: a request with a session cookie is never answered from the
cache nor kept, nor is one carrying a message to show. Only complete 200 answers are kept: no error
page, redirect, download streamed from a file, answer setting a cookie (a form's CSRF token sets one)
or marked private.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from typing import Any

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connection, models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone

from inspectorate.core.national.store import NationalStore, national_dir
from inspectorate.web.public.models import PublicChange
from inspectorate.web.reports.models import ReportVersion

CACHE_ALIAS = "default"
HEADER = "X-Cache"
# Larger answers (a PDF, the biggest open data) are made again each time rather than held in memory.
MAX_BODY_BYTES = 4 * 1024 * 1024
# The apps whose records the public pages show (inspections, findings, grades, versions, forces,
# frameworks, review templates, an audit's or review's published results, where a published finding
# stands and its verdict, a force's monitoring status, a local policing body's response).
WATCHED_APPS = frozenset(
    {"registry", "inspections", "audits", "reviews", "reports", "followup", "monitoring", "responses"}
)
# Written by the background worker and never shown differently to the public: an embedding feeds the
# team's suggestions only; a rendition is the same page made ahead of time.
UNWATCHED_MODELS = frozenset({"inspections.findingvector", "reports.rendition"})
# Notes kept of changes: older ones are pruned, a batch at a time.
KEPT_CHANGES = 1000

Generation = tuple[object, ...]


def page_cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 600))


def generation(now: datetime.datetime | None = None) -> Generation:
    """What every public page shows from, at ``now``: (changes noted, latest change, versions out of
    embargo, latest of them, the national tables' catalog). One query and one stat."""
    quote = connection.ops.quote_name
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {quote(PublicChange._meta.db_table)}),"
        f" (SELECT MAX(id) FROM {quote(PublicChange._meta.db_table)}),"
        f" COUNT(*), MAX(id) FROM {quote(ReportVersion._meta.db_table)} WHERE embargo_until <= %s"
    )
    moment = connection.ops.adapt_datetimefield_value(now or timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [moment])
        row = cursor.fetchone()
    return (*row, NationalStore(national_dir(settings.WORKSPACE)).fingerprint())


def page_key(request: HttpRequest, now: datetime.datetime | None = None) -> str:
    address = request.build_absolute_uri()
    digest = hashlib.sha256(f"{generation(now)!r} {address}".encode()).hexdigest()
    return f"public-page:{digest}"


def may_use_cache(request: HttpRequest) -> bool:
    """A reader who is not signed in, asking to read, with no message waiting to be shown."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def may_keep(request: HttpRequest, response: HttpResponseBase) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and isinstance(response, HttpResponse)  # not streamed
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
        and len(response.content) <= MAX_BODY_BYTES
        and b"csrfmiddlewaretoken" not in response.content
    )


class PublicPageCache:
    """Middleware: answer from the cache where it may, and keep what it may. It sits outside the
    session, CSRF and message middleware, so that it sees every cookie they set on the way out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        seconds = page_cache_seconds()
        if seconds <= 0 or not may_use_cache(request):
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        key = page_key(request)
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        answered = self.get_response(request)
        if may_keep(request, answered):
            assert isinstance(answered, HttpResponse)
            cache.set(key, (answered.content, list(answered.items())), seconds)
            answered[HEADER] = "miss"
        return answered


def note_change(sender: type[models.Model], **kwargs: Any) -> None:
    """Receiver of a watched model's signals: note a change to a record the public pages may show."""
    if kwargs.get("raw"):
        return  # a fixture being loaded as it was dumped, with its own notes
    noted = PublicChange.objects.create(model=sender._meta.label_lower)
    if noted.pk % KEPT_CHANGES == 0:
        PublicChange.objects.filter(pk__lte=noted.pk - KEPT_CHANGES).delete()


def note_m2m_change(sender: type[models.Model], instance: models.Model, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        note_change(type(instance))


def watched_models() -> list[type[models.Model]]:
    return [
        model
        for model in global_apps.get_models()
        if model._meta.app_label in WATCHED_APPS and model._meta.label_lower not in UNWATCHED_MODELS
    ]


def watch_changes() -> None:
    """Connected model by model, not to every sender: the models left out keep Django's fast deletes
    (a delete with no receiver is one query, not one signal per row)."""
    for model in watched_models():
        uid = f"public-page-cache-{model._meta.label_lower}"
        post_save.connect(note_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(note_change, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(note_m2m_change, sender=through, dispatch_uid=f"{uid}-{field.name}")
