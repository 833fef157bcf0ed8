"""Signing in is throttled (django-axes, settings.py's AXES_*): after five wrong passwords for one
user name from one address, that pair is refused for the cool-off, even with the right password; other
users, and the same user elsewhere, still sign in."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory, override_settings

from inspectorate.web.front.throttling import client_address

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
LIMIT = 5


@pytest.fixture(autouse=True)
def people(settings: Any) -> None:
    # Hashing is not under test; the default hasher would make each sign-in slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for name in ("alice", "bob"):
        User.objects.create_user(name, password=PASSWORD)


def sign_in(username: str, password: str, address: str = "192.0.2.1", **headers: str) -> int:
    response = Client(REMOTE_ADDR=address, **headers).post(
        "/login/", {"username": username, "password": password}
    )
    return response.status_code


def fail_to_the_limit(username: str, address: str = "192.0.2.1", **headers: str) -> None:
    for _ in range(LIMIT - 1):
        assert sign_in(username, "wrong", address, **headers) == 200  # the form again, with its error
    assert sign_in(username, "wrong", address, **headers) == 429  # the last one straight to the pause


def test_the_throttling_is_on_with_a_limit_of_five() -> None:
    from django.conf import settings

    assert settings.AXES_ENABLED
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_the_right_password_is_refused_after_five_wrong_ones() -> None:
    assert sign_in("alice", PASSWORD) == 302
    fail_to_the_limit("alice")
    assert sign_in("alice", PASSWORD) == 429


def test_the_lockout_page_is_the_site_s_and_says_why_and_for_how_long() -> None:
    fail_to_the_limit("alice")
    response = Client(REMOTE_ADDR="192.0.2.1").post("/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    page = response.content.decode()
    assert ">Sign-in paused</h1>" in page
    assert "after 5 wrong passwords for this username from your" in page
    assert "paused for 15 minutes" in page
    assert 'href="/"' in page
    assert "<header" in page  # the site's own look, base template and all


def test_another_user_from_the_same_address_is_not_locked_out() -> None:
    fail_to_the_limit("alice")
    assert sign_in("bob", PASSWORD) == 302


def test_the_same_user_from_another_address_is_not_locked_out() -> None:
    fail_to_the_limit("alice")
    assert sign_in("alice", PASSWORD, address="192.0.2.2") == 302


def test_a_right_password_before_the_limit_starts_the_count_again() -> None:
    for _ in range(LIMIT - 1):
        sign_in("alice", "wrong")
    assert sign_in("alice", PASSWORD) == 302
    for _ in range(LIMIT - 1):
        sign_in("alice", "wrong")
    assert sign_in("alice", PASSWORD) == 302


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw() -> None:
    # All from the proxy (REMOTE_ADDR), each guess claiming a fresh address of its own in front of
    # the one the proxy appended: the guesses still count against the visitor's real address.
    for n in range(LIMIT):
        forged = {"HTTP_X_FORWARDED_FOR": f"10.0.0.{n}, 198.51.100.7"}
        assert sign_in("alice", "wrong", address="127.0.0.1", **forged) == (200 if n < LIMIT - 1 else 429)
    locked = {"HTTP_X_FORWARDED_FOR": "10.0.0.99, 198.51.100.7"}
    assert sign_in("alice", PASSWORD, address="127.0.0.1", **locked) == 429
    # Another visitor through the same proxy is not.
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    assert sign_in("alice", PASSWORD, address="127.0.0.1", **other) == 302


def test_the_forwarded_address_is_ignored_when_there_is_no_proxy() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.1")
    assert client_address(request) == "192.0.2.1"
    with override_settings(BEHIND_PROXY=True):
        assert client_address(request) == "10.0.0.1"
