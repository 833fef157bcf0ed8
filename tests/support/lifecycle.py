"""An inspection brought to a stage as the tests need it: straight in the database, as if its moves
had been made (web/lifecycle), so that a test of publishing need not play the whole life first."""

from __future__ import annotations

from typing import Any

from inspectorate.web.inspections.models import Inspection, Judgment, Status
from inspectorate.web.moderation.models import Decision, DecisionKind


def at_stage(inspection: Any, status: str) -> Any:
    Inspection.objects.filter(pk=inspection.pk).update(status=status)
    inspection.status = status
    return inspection


def at_factual_accuracy(inspection: Any) -> Any:
    """At the factual-accuracy check, as it would be after moderation: each grade the test gave agreed
    by the moderator, so that a first version of its report may be published (the gate in
    web/lifecycle) once every comment is answered and no grading rule is breached."""
    moderated(inspection)
    return at_stage(inspection, Status.FACTUAL_ACCURACY)


def moderated(inspection: Any) -> None:
    """Every grade the inspection has, agreed by the moderator as it stands."""
    for judgment in Judgment.objects.filter(inspection=inspection).exclude(grade=""):
        Decision.objects.create(
            inspection=inspection,
            area_id=judgment.area_id,
            proposed_grade=judgment.grade,
            decision=DecisionKind.AGREED,
            grade=judgment.grade,
            judgment_revision=judgment.revision,
        )
