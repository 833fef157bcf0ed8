"""What the inspection's lifecycle asks of this app before a move (web/lifecycle), and the decision
that stands on each graded area: the latest, while the grade is still the one it decided."""

from __future__ import annotations

from collections.abc import Mapping

from inspectorate.web.inspections.models import Inspection, Judgment
from inspectorate.web.moderation.models import Decision


def stands(decision: Decision | None, judgment: Judgment | None) -> bool:
    """Whether the decision still holds: the area's grade is the one it decided. A change of the
    grade sends the area back to the moderator; a change of wording alone (an area's summary amended
    after the force's factual-accuracy comment) does not."""
    return (
        decision is not None
        and judgment is not None
        and bool(judgment.grade)
        and decision.grade == judgment.grade
    )


def latest_decisions(inspection: Inspection) -> dict[str, Decision]:
    """Each area's latest decision, whether it still stands or not."""
    latest: dict[str, Decision] = {}
    for decision in Decision.objects.filter(inspection=inspection).select_related("moderator").order_by("id"):
        latest[decision.area_id] = decision
    return latest


def judgments_by_area(inspection: Inspection) -> dict[str, Judgment]:
    return {j.area_id: j for j in Judgment.objects.filter(inspection=inspection)}


def awaiting_areas(
    inspection: Inspection,
    judgments: Mapping[str, Judgment] | None = None,
    latest: Mapping[str, Decision] | None = None,
) -> list[str]:
    """The framework's graded areas (their ids, in tree order) with no decision on their current
    grade: never decided, decided before the team changed the grade, or not graded yet."""
    judgments = judgments_by_area(inspection) if judgments is None else judgments
    latest = latest_decisions(inspection) if latest is None else latest
    return [
        area.id
        for area in inspection.spec.graded_areas()
        if not stands(latest.get(area.id), judgments.get(area.id))
    ]


def awaiting_moderation(inspection: Inspection) -> int:
    """How many graded areas await the moderator's decision on their current grade."""
    return len(awaiting_areas(inspection))


def changed_since_moderation(inspection: Inspection) -> int:
    """How many grades are not as the moderator decided them: an area whose grade was changed or
    cleared since its decision, or graded with no decision at all. Publishing waits for none (the
    team's change at the factual-accuracy check goes back to the moderator first)."""
    judgments = judgments_by_area(inspection)
    latest = latest_decisions(inspection)
    count = 0
    for area in inspection.spec.graded_areas():
        decision, judgment = latest.get(area.id), judgments.get(area.id)
        if (decision is not None and not stands(decision, judgment)) or (
            decision is None and judgment is not None and judgment.grade
        ):
            count += 1
    return count
