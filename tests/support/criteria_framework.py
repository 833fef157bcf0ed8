"""A small framework with criteria, for the tests of evidence and findings marked against them: two
graded areas with criteria (one dominant, one written for a grade) and an ungraded one without."""

from __future__ import annotations

from typing import Any

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks.spec import Area, Criterion, Framework, Scale, ScaleLevel
from inspectorate.web.inspections.models import Inspection, Status, TeamMember, TeamRole
from inspectorate.web.registry.frameworks import store_framework

CRITERIA_FRAMEWORK = Framework(
    id="test-criteria",
    programme="Test programme",
    title="A framework with criteria",
    version="1",
    finding_kinds=(
        FindingKind.CAUSE_OF_CONCERN,
        FindingKind.RECOMMENDATION,
        FindingKind.AREA_FOR_IMPROVEMENT,
        FindingKind.STRENGTH,
    ),
    scales=(
        Scale(
            id="grades",
            name="Grades",
            levels=(
                ScaleLevel(id="good", label="Good"),
                ScaleLevel(id="adequate", label="Adequate"),
                ScaleLevel(id="inadequate", label="Inadequate"),
            ),
        ),
    ),
    areas=(
        Area(
            id="answering",
            code="1A",
            level="question",
            title="Answering calls",
            scale="grades",
            criteria=(
                Criterion(
                    id="answers-quickly", text="The force answers emergency calls quickly.", dominant=True
                ),
                Criterion(
                    id="assesses-risk", text="Call handlers assess the risk to each caller.", grade="good"
                ),
            ),
        ),
        Area(
            id="recording",
            code="1B",
            level="question",
            title="Recording crime",
            scale="grades",
            criteria=(Criterion(id="records-accurately", text="The force records crime accurately."),),
        ),
        Area(id="context", level="section", title="Context"),
    ),
)

PLAIN_FRAMEWORK = CRITERIA_FRAMEWORK.model_copy(
    update={
        "id": "test-no-criteria",
        "title": "A framework without criteria",
        "areas": tuple(area.model_copy(update={"criteria": ()}) for area in CRITERIA_FRAMEWORK.areas),
    }
)


def criteria_inspection(
    users: dict[str, Any], reference: str = "MPS-CRITERIA", status: str = Status.FIELDWORK
) -> Inspection:
    """A Metropolitan inspection on the framework with criteria: led by writer, moderated by reader."""
    store_framework(CRITERIA_FRAMEWORK)
    inspection = Inspection.objects.create(
        reference=reference,
        title=f"Inspection {reference}",
        force_id="metropolitan",
        framework_id=CRITERIA_FRAMEWORK.id,
        status=status,
    )
    TeamMember.objects.create(inspection=inspection, user=users["writer"], role=TeamRole.LEAD)
    TeamMember.objects.create(inspection=inspection, user=users["reader"], role=TeamRole.REVIEWER)
    return inspection
