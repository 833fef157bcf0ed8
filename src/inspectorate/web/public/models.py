"""What the public site keeps of its own: a note of each change to what its pages may show, so that a
page kept by the page cache (page_cache.py) is never served after a change, whichever process made it."""

from __future__ import annotations

from django.db import models


class PublicChange(models.Model):
    """One save or delete of a record the public pages may show. Rows are only added (no row is ever
    updated, so that concurrent writers never wait on each other here) and old ones pruned; the page
    cache keys on how many there are and the latest."""

    model = models.CharField(max_length=100)  # the changed record's model label, for whoever looks

    def __str__(self) -> str:
        return f"change {self.pk} ({self.model})"
