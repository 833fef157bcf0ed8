"""The follow-up pages as typed documents: their JSON and CSV twins and the CLI's --json share them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.urls import reverse
from django.utils import timezone

from inspectorate.core.followup.states import FollowStatus
from inspectorate.core.followup.timescales import Addressee
from inspectorate.core.reports.context import ReportContext
from inspectorate.web.followup.models import FollowUp, FollowUpdate
from inspectorate.web.followup.services import followed_items, overdue, publication_date, today
from inspectorate.web.followup.visible import (
    UPDATES_SEEN,
    hidden,
    public_status,
    shown_updates,
    working_status,
)
from inspectorate.web.inspections.documents import FindingDocument
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.documents import Document, PageDocument, Row


class FollowInspection(Document):
    """The inspection whose findings are followed."""

    code: str
    reference: str
    title: str
    force: str
    """The force's police.uk id."""
    force_name: str
    published_on: str | None
    """The day the report was published: the date timescales such as "within six months" count from."""
    exercise: bool
    """Practice on synthetic data: its follow-up is never public."""
    embargo_notice: str | None
    """For a reader of the report before its embargo ends: until when, and that it is not passed on."""


def follow_inspection(inspection: Inspection, record: ReportContext) -> FollowInspection:
    published = publication_date(inspection)
    return FollowInspection(
        code=str(inspection.code),
        reference=inspection.reference,
        title=record.title,
        force=inspection.force_id,
        force_name=inspection.force.name,
        published_on=published.isoformat() if published else None,
        exercise=inspection.exercise,
        embargo_notice=record.embargo_notice,
    )


class FollowRow(Row):
    """A followed finding and where it stands."""

    finding: str
    """The finding's code."""
    kind: str
    """cause-of-concern, recommendation or area-for-improvement."""
    kind_label: str
    text: str
    """As the report prints it."""
    parent: str | None
    """A recommendation's cause of concern (its code)."""
    addressee: str
    """force, chief-constable, local-policing-body or national-body."""
    addressee_label: str
    addressee_name: str | None
    """The body's own name, where one is given."""
    timescale: str | None
    """As the report gives it, e.g. "within six months"."""
    due_on: str | None
    overdue: bool
    """Past its due date while the force still holds it (open, in progress, reopened)."""
    owner: str | None
    """The owner in the force (a username)."""
    owner_name: str | None
    owner_title: str | None
    """The owner's post in the force."""
    status: str
    """open, in-progress, ready-for-review, met, partly-met, not-met, superseded or reopened."""
    status_label: str
    verdict_reasons: str | None
    verdict_on: str | None
    verdict_by: str | None
    updates: int
    """Entries in its log."""


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def follow_row(
    follow_up: FollowUp, item: FindingDocument, on: datetime.date, *, inspectorate: bool = True
) -> FollowRow:
    """``inspectorate``: the reader sees the working status, with the verdicts later inspections'
    teams have given before publishing; anyone else sees it without them (followup/visible.py)."""
    seen = working_status(follow_up) if inspectorate else public_status(follow_up)
    status = seen.status
    owner = follow_up.owner
    return FollowRow(
        finding=item.code,
        kind=item.kind,
        kind_label=item.kind_label,
        text=item.text,
        parent=item.parent,
        addressee=follow_up.addressee,
        addressee_label=Addressee(follow_up.addressee).label,
        addressee_name=follow_up.addressee_name or None,
        timescale=follow_up.timescale or None,
        due_on=_iso(follow_up.due_on),
        overdue=overdue(follow_up, on),
        owner=owner.get_username() if owner else None,
        owner_name=(owner.get_full_name() or None) if owner else None,
        owner_title=follow_up.owner_title or None,
        status=status.value,
        status_label=status.label,
        verdict_reasons=(seen.verdict_reasons or None) if status.is_verdict or inspectorate else None,
        verdict_on=_iso(seen.verdict_on),
        verdict_by=(
            follow_up.verdict_by.get_username()
            if follow_up.verdict_by and (inspectorate or seen == working_status(follow_up))
            else None
        ),
        updates=len(follow_up.updates.all()) if inspectorate else len(shown_updates(follow_up)),
    )


def followed(inspection: Inspection, record: ReportContext) -> list[tuple[FollowUp, FindingDocument]]:
    """Each followed finding the record prints, with its follow-up, in the report's order."""
    follow_ups = {
        str(f.finding.code): f
        for f in FollowUp.objects.filter(finding__inspection=inspection)
        .select_related("finding", "owner", "verdict_by", "verdict_in")
        .prefetch_related(UPDATES_SEEN)
    }
    return [(follow_ups[item.code], item) for item in followed_items(record) if item.code in follow_ups]


class StatusCount(Document):
    status: str
    """A status, or overdue."""
    label: str
    count: int


class FollowUpListPage(PageDocument):
    """An inspection's followed findings: what each asks, of whom, by when, and where it stands."""

    ROW = FollowRow
    inspection: FollowInspection
    today: str
    """The date overdue is worked out on."""
    status: str | None
    """The filter: a status, or overdue; none for every followed finding."""
    counts: list[StatusCount]
    """How many findings are at each status (and overdue), whatever the filter."""
    findings: list[FollowRow]

    def csv_rows(self) -> Sequence[FollowRow]:
        return self.findings


OVERDUE = "overdue"
FILTERS = (*(s.value for s in FollowStatus), OVERDUE)


def list_page(
    inspection: Inspection, record: ReportContext, status: str | None = None, *, inspectorate: bool = True
) -> FollowUpListPage:
    on = today()
    rows = [follow_row(f, item, on, inspectorate=inspectorate) for f, item in followed(inspection, record)]
    counts = [
        StatusCount(status=s.value, label=s.label, count=sum(r.status == s.value for r in rows))
        for s in FollowStatus
    ]
    counts.append(StatusCount(status=OVERDUE, label="Overdue", count=sum(r.overdue for r in rows)))
    if status == OVERDUE:
        shown = [r for r in rows if r.overdue]
    elif status in FILTERS:
        shown = [r for r in rows if r.status == status]
    else:
        status, shown = None, rows
    return FollowUpListPage(
        inspection=follow_inspection(inspection, record),
        today=on.isoformat(),
        status=status,
        counts=counts,
        findings=shown,
    )


class UpdateRow(Row):
    """One entry in a followed finding's log."""

    code: str
    kind: str
    """progress, status (a move with progress), verdict, reopened or details."""
    kind_label: str
    at: str
    author: str | None
    body: str
    """What was done, the verdict's reasons, why it was reopened, or the details changed."""
    status_from: str | None
    status_to: str | None
    files: list[str]
    """The files sent with it, by name."""
    downloads: list[str]
    """Where each file is downloaded, in the same order."""


def update_row(update: FollowUpdate, inspection_code: str, finding_code: str) -> UpdateRow:
    files = list(update.files.all())
    return UpdateRow(
        code=str(update.code),
        kind=update.kind,
        kind_label=update.get_kind_display(),
        at=timezone.localtime(update.created_at).isoformat(),
        author=update.author.get_username() if update.author else None,
        body=update.body,
        status_from=update.status_from or None,
        status_to=update.status_to or None,
        files=[f.original_name for f in files],
        downloads=[
            reverse(
                "follow-up-file",
                kwargs={"code": inspection_code, "finding_code": finding_code, "file_code": f.code},
            )
            for f in files
        ],
    )


class FollowUpPage(FollowRow, PageDocument):
    """A followed finding: its details, and the log of updates, verdicts and changes."""

    ROW = UpdateRow
    inspection: FollowInspection
    today: str
    log: list[UpdateRow]
    """Oldest first."""

    def csv_rows(self) -> Sequence[UpdateRow]:
        return self.log


def detail_page(
    follow_up: FollowUp, item: FindingDocument, record: ReportContext, *, inspectorate: bool = True
) -> FollowUpPage:
    on = today()
    inspection = follow_up.finding.inspection
    updates = list(follow_up.updates.select_related("author", "given_in").prefetch_related("files"))
    if not inspectorate:
        updates = [u for u in updates if not hidden(u)]
    return FollowUpPage(
        **dict(follow_row(follow_up, item, on, inspectorate=inspectorate)),
        inspection=follow_inspection(inspection, record),
        today=on.isoformat(),
        log=[update_row(u, str(inspection.code), item.code) for u in updates],
    )
