"""What the inspection's lifecycle asks of this app before a move (web/lifecycle)."""

from __future__ import annotations

from inspectorate.web.inspections.models import Inspection


def awaiting_moderation(inspection: Inspection) -> int:
    """How many graded areas await the moderator's decision on their current grade."""
    raise NotImplementedError("being built")
