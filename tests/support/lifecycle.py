"""An inspection brought to a stage as the tests need it: straight in the database, as if its moves
had been made (web/lifecycle), so that a test of publishing need not play the whole life first."""

from __future__ import annotations

from typing import Any

from inspectorate.web.inspections.models import Inspection, Status


def at_stage(inspection: Any, status: str) -> Any:
    Inspection.objects.filter(pk=inspection.pk).update(status=status)
    inspection.status = status
    return inspection


def at_factual_accuracy(inspection: Any) -> Any:
    """At the factual-accuracy check: a first version of its report may be published (the gate in
    web/lifecycle), once every comment is answered and no grading rule is breached."""
    return at_stage(inspection, Status.FACTUAL_ACCURACY)
