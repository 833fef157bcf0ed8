"""Signing in, throttled by django-axes (settings.py: AXES_*): whose address a sign-in comes from,
and the page a user sees when too many of their sign-ins failed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str | None:
    """The address that sent the request. Behind the proxy, the last address of X-Forwarded-For:
    the one the proxy itself saw (the ones before it are whatever the client chose to send); the
    header is not read otherwise, as anyone could then pick a fresh address for every guess."""
    if settings.BEHIND_PROXY:
        forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    address: str | None = request.META.get("REMOTE_ADDR")
    return address


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The lockout page: in the site's look, saying why and for how long (429, Too Many Requests)."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "front/locked_out.html", context, status=429)
