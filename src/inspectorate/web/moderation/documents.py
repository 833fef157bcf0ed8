"""Moderation as typed documents: an inspection's decisions, and a framework version's grades across
forces. The pages, their JSON and CSV twins and the CLI's ``--json`` share them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils import timezone

from inspectorate.web.inspections.documents import (
    BreachDocument,
    InspectionSummary,
    breaches_for,
    chronological,
    effective_status,
    inspection_summary,
)
from inspectorate.web.inspections.models import Inspection, Status, TeamRole
from inspectorate.web.moderation.deciding import grade_label, proposed_grade
from inspectorate.web.moderation.state import judgments_by_area, latest_decisions, stands
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.registry.models import FrameworkVersion

# Where an inspection stands towards moderation.
BEFORE, AT, AFTER = "before", "at", "after"
BEFORE_MODERATION = frozenset({Status.PLANNING, Status.FIELDWORK})


def stage(inspection: Inspection) -> str:
    """before (planning, fieldwork), at (moderation) or after (the factual-accuracy check onwards)."""
    if inspection.status in BEFORE_MODERATION:
        return BEFORE
    return AT if inspection.status == Status.MODERATION else AFTER


def row_state(at: str, decided: str | None, earlier: bool) -> str:
    """A graded area's state: the standing decision (agreed, moderated) at any stage; without one,
    not-yet before moderation, awaiting at it, and after it regraded (a decision no longer stands: the
    grade goes back to the moderator) or not-moderated (none was ever recorded here)."""
    if decided:
        return decided
    if at == BEFORE:
        return "not-yet"
    if at == AT:
        return "awaiting"
    return "regraded" if earlier else "not-moderated"


class ModerationRow(Row):
    """One graded area of an inspection: the grade the team proposed, the grade now, and the
    moderator's decision on it where one stands."""

    area: str
    """The area's stable id in the framework."""
    code: str
    """The area's code as the programme prints it (1A), if it has one."""
    title: str
    proposed_grade: str | None
    """The grade the team proposed (a level id of the area's scale); null: not graded yet."""
    proposed_grade_label: str | None
    grade: str | None
    """The grade as it stands now: the proposed one, or the one it was moderated to."""
    grade_label: str | None
    state: str
    """agreed or moderated (the decision on the current grade); else, with no decision on it,
    not-yet (the inspection is not yet at moderation), awaiting (at moderation), regraded (past
    moderation, the grade changed since its decision: it goes back to the moderator) or
    not-moderated (past moderation, no decision recorded)."""
    reason: str | None
    """Why the moderator moved the grade (or a note on an agreement)."""
    moderator: str | None
    """The username of who decided."""
    decided_at: str | None
    """When the decision was made (ISO 8601)."""
    regraded: bool
    """True when the team changed the grade after an earlier decision, which no longer stands."""


class ModerationPage(PageDocument):
    ROW = ModerationRow
    inspection: InspectionSummary
    moderators: list[str]
    """The usernames of the inspection's moderators (its team's reviewers)."""
    stage: str
    """before (planning, fieldwork: not yet at moderation), at (moderation) or after."""
    awaiting: int
    """How many graded areas await a decision on their current grade (at moderation only)."""
    summary: str
    """Where moderation stands, in a sentence."""
    areas: list[ModerationRow]
    """Every graded area of the framework, in tree order."""
    breaches: list[BreachDocument]
    """The grading rules the grades and findings do not satisfy: moderation is not closed while
    any stands (the team adds what the rule asks for, or the moderator reconsiders)."""

    def csv_rows(self) -> Sequence[ModerationRow]:
        return self.areas


def moderation_rows(inspection: Inspection) -> list[ModerationRow]:
    judgments = judgments_by_area(inspection)
    latest = latest_decisions(inspection)
    at = stage(inspection)
    rows = []
    for area in inspection.spec.graded_areas():
        judgment, decision = judgments.get(area.id), latest.get(area.id)
        standing = decision if stands(decision, judgment) else None
        proposed = proposed_grade(decision, judgment)
        grade = judgment.grade if judgment else ""
        rows.append(
            ModerationRow(
                area=area.id,
                code=area.code,
                title=area.title,
                proposed_grade=proposed or None,
                proposed_grade_label=grade_label(inspection, area, proposed) or None,
                grade=grade or None,
                grade_label=grade_label(inspection, area, grade) or None,
                state=row_state(at, standing.decision if standing else None, decision is not None),
                reason=(standing.reason or None) if standing else None,
                moderator=standing.moderator.get_username() if standing and standing.moderator else None,
                decided_at=timezone.localtime(standing.decided_at).isoformat() if standing else None,
                regraded=decision is not None and standing is None,
            )
        )
    return rows


def summary(inspection: Inspection, rows: Sequence[ModerationRow], breaches: int) -> str:
    """Where moderation stands, in a sentence (the page and `moderation show` print it)."""
    total = len(rows)
    areas = f"{total} graded area{'s' * (total != 1)}"
    status = Status(inspection.status).label.lower()
    at = stage(inspection)
    if at == BEFORE:
        graded = sum(1 for row in rows if row.grade)
        return (
            f"Not yet at moderation: {inspection.reference} is at {status}; "
            f"{graded} of {areas} graded so far."
        )
    if at == AT:
        awaiting = sum(1 for row in rows if row.state == "awaiting")
        if awaiting:
            return f"{awaiting} of {areas} await a decision."
        if breaches:
            return (
                f"Every grade is decided, but {breaches} grading rule breach{'es' * (breaches != 1)} "
                "must be put right before moderation is closed."
            )
        return "Every grade is decided: moderation can be closed."
    regraded = sum(1 for row in rows if row.state == "regraded")
    if regraded:
        return (
            f"Past moderation ({status}): {regraded} of {areas} changed since the moderator's decision; "
            "they go back to the moderator."
        )
    decided = sum(1 for row in rows if row.state in ("agreed", "moderated"))
    return f"Past moderation ({status}): {decided} of {areas} decided by the moderator."


def moderation_document(inspection: Inspection) -> ModerationPage:
    rows = moderation_rows(inspection)
    moderators = inspection.team.filter(role=TeamRole.REVIEWER).select_related("user")
    breaches = [
        BreachDocument(rule=b.rule_id, area=b.area_id, message=b.message, finding=b.finding_id)
        for b in breaches_for(inspection)
    ]
    return ModerationPage(
        inspection=inspection_summary(inspection),
        moderators=sorted(m.user.get_username() for m in moderators),
        stage=stage(inspection),
        awaiting=sum(1 for row in rows if row.state == "awaiting"),
        summary=summary(inspection, rows, len(breaches)),
        areas=rows,
        breaches=breaches,
    )


# Across forces: one framework version's graded areas, each inspection's grade --------------------


class AcrossArea(Document):
    area: str
    code: str
    title: str


class AcrossInspection(Document):
    """An inspection of the framework version the reader is on the team of (staff: every one): a
    column of the table."""

    code: str
    reference: str
    force: str
    force_name: str
    status: str
    exercise: bool
    """Practice on synthetic data."""


class AcrossCell(Row):
    """One inspection's grade on one area, and whether moderation moved it."""

    area: str
    code: str
    title: str
    inspection: str
    """The inspection's reference."""
    force_name: str
    status: str
    grade: str | None
    """The grade as it stands (a level id); null: not graded."""
    grade_label: str | None
    state: str
    """As on the inspection's moderation page: agreed or moderated (the decision on the current
    grade), else not-yet, awaiting, regraded or not-moderated."""
    moved_from: str | None
    """For a moderated grade: the grade the team proposed (its label)."""
    moved_to: str | None
    """For a moderated grade: the grade it was moderated to (its label)."""
    reason: str | None
    """Why the grade was moved."""


class FrameworkModerationPage(PageDocument):
    ROW = AcrossCell
    framework: str
    framework_title: str
    areas: list[AcrossArea]
    """The framework's graded areas, in tree order: the table's rows."""
    inspections: list[AcrossInspection]
    """Its inspections, by force: the table's columns."""
    cells: list[AcrossCell]
    """Each area's grade in each inspection, area by area."""

    def csv_rows(self) -> Sequence[AcrossCell]:
        return self.cells


def across_document(
    framework: FrameworkVersion, inspections: Iterable[Inspection]
) -> FrameworkModerationPage:
    spec = framework.spec
    areas = spec.graded_areas()
    columns = chronological(inspections)
    rows = {inspection.pk: moderation_rows(inspection) for inspection in columns}
    cells = []
    for index, area in enumerate(areas):
        for inspection in columns:
            row = rows[inspection.pk][index]
            moved = row.state == "moderated"
            cells.append(
                AcrossCell(
                    area=area.id,
                    code=area.code,
                    title=area.title,
                    inspection=inspection.reference,
                    force_name=inspection.force.name,
                    status=effective_status(inspection),
                    grade=row.grade,
                    grade_label=row.grade_label,
                    state=row.state,
                    moved_from=row.proposed_grade_label if moved else None,
                    moved_to=row.grade_label if moved else None,
                    reason=row.reason if moved else None,
                )
            )
    return FrameworkModerationPage(
        framework=framework.id,
        framework_title=spec.title,
        areas=[AcrossArea(area=a.id, code=a.code, title=a.title) for a in areas],
        inspections=[
            AcrossInspection(
                code=str(i.code),
                reference=i.reference,
                force=i.force_id,
                force_name=i.force.name,
                status=effective_status(i),
                exercise=i.exercise,
            )
            for i in columns
        ],
        cells=cells,
    )
