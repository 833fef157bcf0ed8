"""Who is asking: the request types views are written against."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

AnyUser = User | AnonymousUser


class AuthenticatedHttpRequest(HttpRequest):
    """A request from a signed-in user: what views behind ``login_required`` receive."""

    user: User


def signed_in(request: HttpRequest) -> User | None:
    """The signed-in user, or None for an anonymous visitor."""
    return request.user if isinstance(request.user, User) else None
