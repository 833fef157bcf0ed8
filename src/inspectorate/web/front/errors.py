"""The error pages: 403, 404 and 500 in the site's look, each with a way back, and their twins.

A twin's error answers in its own format (``{"error": "not found"}`` for a .json address, a line of
plain text for a .csv one), so that a script reading JSON never has to parse an HTML page.

A 404 says the same whatever the reason: an inspection that is hidden from this user and one that
never existed must answer alike, so the page never shows the exception's message (it may name what
was looked for). A 403 comes only after the user was allowed to see the page, so its reason is shown.

The 500 page is a plain template rendered without the request: no user, no session, no database,
nothing but static files, as whatever broke may be any of those.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

logger = logging.getLogger(__name__)

# The last resort, should the 500 template itself fail to render.
BARE_500 = '<!doctype html><title>Server error</title><h1>Server error</h1><p><a href="/">Home</a></p>'


def _twin(request: HttpRequest, status: int, error: str) -> HttpResponse | None:
    """The error as a .json or .csv address expects it; None for any other address."""
    path = getattr(request, "path", "")
    if path.endswith(".json"):
        return JsonResponse({"error": error}, status=status)
    if path.endswith(".csv"):
        return HttpResponse(f"{error}\n", content_type="text/plain; charset=utf-8", status=status)
    return None


def _came_from(request: HttpRequest) -> str | None:
    """The page the user came from (path and query), when it is on this site."""
    referer: str = request.META.get("HTTP_REFERER", "")
    if not referer:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    if not url_has_allowed_host_and_scheme(referer, allowed_hosts={host}, require_https=request.is_secure()):
        return None
    parts = urlsplit(referer)
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    # Reading this same page again would fail again; a form posted to itself is worth going back to.
    if parts.path == request.path and request.method in ("GET", "HEAD"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _sign_in(request: HttpRequest) -> str | None:
    """Where to sign in and come back here, for someone not signed in."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return None
    return f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}"


def forbidden(request: HttpRequest, exception: Exception) -> HttpResponse:
    twin = _twin(request, 403, "forbidden")
    if twin is not None:
        return twin
    reason = str(exception) or None
    context = {"came_from": _came_from(request), "sign_in": _sign_in(request), "reason": reason}
    return render(request, "403.html", context, status=403)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    twin = _twin(request, 404, "not found")
    if twin is not None:
        return twin
    context = {"came_from": _came_from(request), "sign_in": _sign_in(request)}
    return render(request, "404.html", context, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    twin = _twin(request, 500, "server error")
    if twin is not None:
        return twin
    try:
        back = _came_from(request)
    except Exception:  # the request may be what is broken
        back = None
    try:
        body = loader.get_template("500.html").render({"came_from": back})
    except Exception:
        logger.exception("The 500 page itself failed to render")
        body = BARE_500
    return HttpResponse(body, status=500)
