"""The responses' pages as typed documents: their JSON and CSV twins and the CLI's --json share them.

Both pages are public: they hold only what the published record prints (each finding's text as
the latest public version prints it) and what the body published, never who recorded it.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from inspectorate.core.followup.accountability import ResponseState, Standing
from inspectorate.web.followup.services import known_publication_date
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.public.reports import public_reports
from inspectorate.web.responses.models import LocalResponse, ResponseStatement, Stance
from inspectorate.web.responses.services import (
    body_name,
    followed_findings,
    response_of,
    state_of,
)


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


class ResponseRow(Row):
    """A published report and where its local policing body's response stands."""

    code: str
    """The inspection's code."""
    reference: str
    title: str
    """The report's title as published."""
    force: str
    """The force's police.uk id."""
    force_name: str
    body: str
    """The force's local policing body (its name today)."""
    origin: str
    """run-here (the inspection was run in this platform), imported or fixture (published elsewhere)."""
    published_on: str | None
    """The report's publication day, where it is known."""
    due_on: str | None
    """The 56th day from publication (section 55(5A)); none for a report published before 2 May 2017."""
    responded_on: str | None
    """The day the body published its response, where one is recorded."""
    standing: str
    """responded, responded-late, due, overdue (a report run here, past its due date with no
    response recorded) or not-recorded (no response recorded, and none can be called overdue)."""
    standing_label: str
    days: int | None
    """Days left while due; days overdue; days late for a response published late."""
    note: str | None
    """Why a missing response is not called overdue."""
    address: str | None
    """Where the response is published."""


def response_row(inspection: Inspection, title: str, on: datetime.date) -> ResponseRow:
    response = response_of(inspection)
    state = state_of(inspection, on, response)
    return ResponseRow(
        code=str(inspection.code),
        reference=inspection.reference,
        title=title,
        force=inspection.force_id,
        force_name=inspection.force.name,
        body=body_name(inspection),
        origin=inspection.origin,
        published_on=_iso(known_publication_date(inspection)),
        due_on=_iso(state.due_on),
        responded_on=_iso(response.published_on) if response else None,
        standing=state.standing.value,
        standing_label=state.standing.label,
        days=state.days,
        note=state.note or None,
        address=response.address if response else None,
    )


class ResponsesPage(PageDocument):
    """Every published report and its local policing body's response: due, published, or overdue."""

    ROW = ResponseRow
    today: str
    """The day standings are worked out on."""
    overdue_only: bool
    """Only the overdue responses (?overdue=1)."""
    overdue: int
    """How many responses are overdue, whatever the filter."""
    reports: list[ResponseRow]
    """By force, oldest first."""

    def csv_rows(self) -> Sequence[ResponseRow]:
        return self.reports


def responses_page(on: datetime.date, *, overdue_only: bool) -> ResponsesPage:
    rows = [response_row(r.inspection, r.report.title, on) for r in public_reports()]
    overdue = [r for r in rows if r.standing == Standing.OVERDUE.value]
    return ResponsesPage(
        today=on.isoformat(),
        overdue_only=overdue_only,
        overdue=len(overdue),
        reports=overdue if overdue_only else rows,
    )


class StatementRow(Row):
    """A finding of the published report and what the response says of it."""

    finding: str
    """The finding's code."""
    kind: str
    """cause-of-concern, recommendation or area-for-improvement."""
    kind_label: str
    text: str | None
    """As the published record prints it; none for a finding the latest version no longer prints."""
    parent: str | None
    """The cause of concern a recommendation belongs to (its code)."""
    stance: str | None
    """accepted, partly-accepted, not-accepted or noted; none where the response says nothing of it."""
    stance_label: str | None
    statement: str | None
    """What the response says of it, in summary."""


class PublishedResponse(Document):
    published_on: str
    address: str
    summary: str
    """What the response says, in our words."""


class InspectionResponsePage(PageDocument):
    """A published report's response from its local policing body: its deadline, and what the
    response says of each finding."""

    ROW = StatementRow
    report: ResponseRow
    response: PublishedResponse | None
    statements: list[StatementRow]
    """Every cause of concern, recommendation and area for improvement the report prints, in its
    order, then any statement on a finding the latest version no longer prints."""

    def csv_rows(self) -> Sequence[StatementRow]:
        return self.statements


def _statement_row(finding: StatementRow, statement: ResponseStatement | None) -> StatementRow:
    if statement is None:
        return finding
    return finding.model_copy(
        update={
            "stance": statement.stance,
            "stance_label": Stance(statement.stance).label,
            "statement": statement.statement,
        }
    )


def _finding(code: str, kind: str, kind_label: str, text: str | None, parent: str | None) -> StatementRow:
    return StatementRow(
        finding=code,
        kind=kind,
        kind_label=kind_label,
        text=text,
        parent=parent,
        stance=None,
        stance_label=None,
        statement=None,
    )


def inspection_response_page(inspection: Inspection, title: str, on: datetime.date) -> InspectionResponsePage:
    response: LocalResponse | None = response_of(inspection)
    said = {str(s.finding.code): s for s in response.statements.select_related("finding")} if response else {}
    rows = []
    for finding in followed_findings(inspection):
        printed = _finding(finding.code, finding.kind, finding.kind_label, finding.text, finding.parent)
        rows.append(_statement_row(printed, said.pop(finding.code, None)))
    for code, statement in said.items():
        kind = statement.finding.finding_kind
        rows.append(_statement_row(_finding(code, kind.value, kind.label, None, None), statement))
    return InspectionResponsePage(
        report=response_row(inspection, title, on),
        response=PublishedResponse(
            published_on=response.published_on.isoformat(), address=response.address, summary=response.summary
        )
        if response
        else None,
        statements=rows,
    )


def state_line(state: ResponseState) -> str:
    """The standing in a few words, as the report page and the list say it."""
    if state.standing is Standing.DUE:
        return "due today" if state.days == 0 else f"due in {state.days} day{'s' if state.days != 1 else ''}"
    if state.standing is Standing.OVERDUE:
        return f"overdue by {state.days} day{'s' if state.days != 1 else ''}"
    return state.standing.label.lower()
