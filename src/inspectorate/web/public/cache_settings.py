"""Django's CACHES from one setting: the embedded cache by default, Redis by URL. Read by settings.py,
so it imports nothing of the app."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured

# Pages kept in the embedded cache at most (each at most page_cache.MAX_BODY_BYTES, most a few kB);
# beyond it, a third are dropped to make room.
EMBEDDED_MAX_ENTRIES = 1000


def caches_from_url(url: str) -> dict[str, dict[str, Any]]:
    """``redis://`` or ``rediss://``: Django's Redis cache, shared by every process (the server's, the
    command line's, the worker's). Empty: an in-memory cache in each process, no server to run;
    pages stay right across processes all the same, since the page cache keys on what the database
    holds (web/public/page_cache.py)."""
    url = url.strip()
    if not url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "inspectorate-pages",
                "OPTIONS": {"MAX_ENTRIES": EMBEDDED_MAX_ENTRIES},
            }
        }
    if url.startswith(("redis://", "rediss://")):
        return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    raise ImproperlyConfigured(
        f"INSPECTORATE_CACHE_URL={url!r}: give a redis:// or rediss:// URL, or leave it unset for the "
        "embedded cache"
    )
