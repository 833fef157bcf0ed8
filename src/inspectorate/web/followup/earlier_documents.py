"""The earlier findings an inspection reviews, as a typed document: the worklist page, its JSON and
CSV twins."""

from __future__ import annotations

from collections.abc import Sequence

from inspectorate.core.followup.states import FollowStatus
from inspectorate.core.reports.context import VERDICT_LABELS, in_kind_order, verdicts_sentence
from inspectorate.web.followup.earlier import (
    as_published,
    latest_updates,
    report_date,
    worklist,
    worklist_open,
)
from inspectorate.web.followup.models import FollowUp
from inspectorate.web.inspections.documents import effective_status, iso_date
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.documents import Document, PageDocument, Row

AWAITING = "awaiting"
AWAITING_LABEL = "Awaiting this inspection's verdict"
AWAITING_WORDS = "awaiting this inspection's verdict"


class WorklistInspection(Document):
    """The inspection that reviews the earlier findings."""

    code: str
    reference: str
    title: str
    force: str
    """The force's police.uk id."""
    force_name: str
    status: str
    """planning, fieldwork, moderation, factual-accuracy, embargoed or published."""


class VerdictCount(Document):
    """How many of the findings under review this inspection has given one verdict, or none yet."""

    key: str
    """met, partly-met, not-met, superseded, or awaiting."""
    label: str
    count: int


class EarlierRow(Row):
    """An earlier finding under review, where it stands, and this inspection's verdict on it."""

    code: str
    """The follow-up's code (the form that records a verdict is found by it)."""
    finding: str
    """The earlier finding's code."""
    report: str
    """The earlier report's reference."""
    report_title: str
    report_published: str | None
    """The earlier report's publication date, as it prints it."""
    kind: str
    """cause-of-concern, recommendation or area-for-improvement."""
    kind_label: str
    text: str
    """The finding as its report published it."""
    addressee: str
    """force, chief-constable, local-policing-body or national-body (core/followup/timescales.py)."""
    addressee_label: str
    """To whom it is addressed, in words, with the body's name where one is given."""
    due_on: str | None
    status: str
    """Where it stands now: open, in-progress, ready-for-review, met, partly-met, not-met, superseded
    or reopened."""
    status_label: str
    latest_update_on: str | None
    """The day of the force's latest progress update."""
    latest_update: str | None
    """What the force said in it."""
    verdict_here: str | None
    """This inspection's verdict (met, partly-met, not-met or superseded); none until it gives one."""
    verdict_reasons: str | None
    """Its reasons."""
    verdict_on: str | None


class EarlierFindingsPage(PageDocument):
    """The earlier findings an inspection reviews: every finding of the force's earlier reports not
    yet met or superseded, and those it has judged; one row each."""

    ROW = EarlierRow

    inspection: WorklistInspection
    open: bool
    """Whether verdicts are recorded now (during planning and fieldwork); read only after."""
    summary: str
    """The counts in one sentence: "Of 12 earlier recommendations and areas for improvement: 7 met,
    3 partly met, 2 not met, 4 awaiting this inspection's verdict"."""
    by_verdict: list[VerdictCount]
    """How many this inspection has judged met, partly met, not met or superseded, and how many
    await its verdict (key awaiting)."""
    findings: list[EarlierRow]

    def csv_rows(self) -> Sequence[EarlierRow]:
        return self.findings


def _addressee(follow_up: FollowUp) -> str:
    label = follow_up.get_addressee_display()
    return f"{label}: {follow_up.addressee_name}" if follow_up.addressee_name else label


def earlier_findings_page(inspection: Inspection) -> EarlierFindingsPage:
    follow_ups = worklist(inspection)
    texts = as_published(follow_ups)
    updates = latest_updates(follow_ups)
    dates: dict[int, str | None] = {}
    rows = []
    for follow_up in follow_ups:
        finding, report = follow_up.finding, follow_up.finding.inspection
        if report.pk not in dates:
            dates[report.pk] = report_date(report)
        update = updates.get(follow_up.pk)
        here = follow_up.verdict_in_id == inspection.pk and follow_up.follow_status.is_verdict
        rows.append(
            EarlierRow(
                code=str(follow_up.code),
                finding=str(finding.code),
                report=report.reference,
                report_title=report.title,
                report_published=dates[report.pk],
                kind=finding.kind,
                kind_label=finding.get_kind_display(),
                text=texts[follow_up.pk],
                addressee=follow_up.addressee,
                addressee_label=_addressee(follow_up),
                due_on=iso_date(follow_up.due_on),
                status=follow_up.status,
                status_label=FollowStatus(follow_up.status).label,
                latest_update_on=update.on.isoformat() if update else None,
                latest_update=update.text if update else None,
                verdict_here=follow_up.status if here else None,
                verdict_reasons=follow_up.verdict_reasons if here else None,
                verdict_on=iso_date(follow_up.verdict_on) if here else None,
            )
        )
    tallies = [
        VerdictCount(key=key, label=label, count=sum(1 for r in rows if r.verdict_here == key))
        for key, label in VERDICT_LABELS.items()
    ]
    tallies.append(
        VerdictCount(key=AWAITING, label=AWAITING_LABEL, count=sum(1 for r in rows if r.verdict_here is None))
    )
    counts = [(AWAITING_WORDS if t.key == AWAITING else t.label.lower(), t.count) for t in tallies]
    return EarlierFindingsPage(
        inspection=WorklistInspection(
            code=str(inspection.code),
            reference=inspection.reference,
            title=inspection.title,
            force=inspection.force_id,
            force_name=inspection.force.name,
            status=effective_status(inspection),
        ),
        open=worklist_open(inspection),
        summary=verdicts_sentence(in_kind_order(r.kind for r in rows), len(rows), counts),
        by_verdict=tallies,
        findings=rows,
    )
