"""What the inspection's lifecycle asks of this app before a move (web/lifecycle)."""

from __future__ import annotations

from inspectorate.web.inspections.models import Inspection
from inspectorate.web.plan.models import ForceRequest
from inspectorate.web.plan.services import is_outstanding


def outstanding_requests(inspection: Inspection) -> int:
    """How many of the inspection's requests to the force are neither accepted nor withdrawn."""
    requests = ForceRequest.objects.filter(inspection=inspection).prefetch_related("answers")
    return sum(1 for force_request in requests if is_outstanding(force_request))
