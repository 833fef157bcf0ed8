"""What the inspection's lifecycle asks of this app before a move (web/lifecycle)."""

from __future__ import annotations

from inspectorate.web.inspections.models import Inspection


def outstanding_requests(inspection: Inspection) -> int:
    """How many of the inspection's requests to the force are not yet answered and accepted."""
    raise NotImplementedError("being built")
