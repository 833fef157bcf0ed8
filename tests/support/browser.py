"""What the browser tests share: Debian's Chromium, their marks, the team's password and signing in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from support import site_walk

CHROMIUM = Path("/usr/bin/chromium")

# Each browser test module's marks: the browser marker, a skip where there is no Chromium, and a
# database committed for real, since the live server answers from another thread.
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (Debian package chromium)"),
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "a-long-test-password"
# Hashing is not under test; the default hasher would make each sign-in slow.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(page: Any, live_server: Any, username: str) -> None:
    site_walk.sign_in(page, live_server.url, username, PASSWORD)
    expect(page.locator("header .who")).to_contain_text(f"Signed in as {username}")
