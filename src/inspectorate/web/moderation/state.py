"""What the inspection's lifecycle asks of this app before a move (web/lifecycle), and the decision
that stands on each graded area: the latest made at the judgment's current revision."""

from __future__ import annotations

from collections.abc import Mapping

from inspectorate.web.inspections.models import Inspection, Judgment
from inspectorate.web.moderation.models import Decision


def stands(decision: Decision | None, judgment: Judgment | None) -> bool:
    """Whether the decision still holds: the team has not changed the grade since it was made. The
    grade is compared too, so that a judgment removed and made again (its revision counted afresh)
    never inherits an old decision by chance."""
    return (
        decision is not None
        and judgment is not None
        and decision.judgment_revision == judgment.revision
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
