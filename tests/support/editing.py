"""Posting an edit form as a browser does: with the revision the form was opened at."""

from __future__ import annotations

import re
from typing import Any

REVISION = re.compile(r'<input type="hidden" name="revision" value="(\d+)"')


def revision_in(response: Any) -> int:
    """The revision the edit form on a page carries."""
    match = REVISION.search(response.content.decode())
    assert match, "no revision in the page's form"
    return int(match.group(1))


def opened_revision(client: Any, url: str) -> int:
    """The revision an edit form carries when ``client`` opens it."""
    return revision_in(client.get(url))


def post_edit(client: Any, url: str, data: dict[str, Any]) -> Any:
    """Open the form at ``url``, then post ``data`` with the revision it was opened at."""
    return client.post(url, {**data, "revision": opened_revision(client, url)})
