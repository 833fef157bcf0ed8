"""Changing a published inspection as the platform allows it: through a correction with its reason."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils import timezone

from inspectorate.web.reports.publishing import open_correction, publish


@contextmanager
def correction(
    inspection: Any, reason: str = "The test corrects the record", *, publish_now: bool = True
) -> Iterator[None]:
    """Open a correction, let the block change the working copy, then publish it as the next version,
    public at once (``publish_now=False`` leaves the correction open and unpublished)."""
    open_correction(inspection, reason)
    yield
    if publish_now:
        publish(inspection, None, timezone.now())


def printed_pdf(client: Any, url: str) -> Any:
    """A report's PDF as a reader gets it: asked for, printed by the background job, asked again.
    The first answer must be 202 (being prepared) or the PDF itself."""
    from inspectorate.web.worker import run_queued

    response = client.get(url)
    if response.status_code == 202:
        assert response["Retry-After"], "a PDF being prepared says when to ask again"
        run_queued()
        response = client.get(url)
    return response
