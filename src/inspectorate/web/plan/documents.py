"""The plan's pages as typed documents: their JSON and CSV twins and the CLI's --json share them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.urls import reverse
from django.utils import timezone

from inspectorate.web.inspections.documents import effective_status
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.plan.models import Activity, ForceRequest, RequestAnswer
from inspectorate.web.plan.services import STATUS_LABELS, request_status, stored_problems, today


class PlanInspection(Document):
    """The inspection a plan belongs to, as much as the force's liaison may read."""

    code: str
    reference: str
    """A short name, e.g. MPS-PEEL-2021."""
    title: str
    force: str
    """The force's police.uk id."""
    force_name: str
    status: str
    """planning, fieldwork, moderation, factual-accuracy, embargoed or published."""


def plan_inspection(inspection: Inspection) -> PlanInspection:
    return PlanInspection(
        code=str(inspection.code),
        reference=inspection.reference,
        title=inspection.title,
        force=inspection.force_id,
        force_name=inspection.force.name,
        status=effective_status(inspection),
    )


class RequestRow(Row):
    """A request to the force and where it stands."""

    code: str
    kind: str
    """data-return, document or information."""
    kind_label: str
    """The kind as the pages show it: Data return, Document or Information."""
    title: str
    due_on: str
    status: str
    """requested, overdue (past its date with nothing accepted or awaiting the team), answered
    (awaiting the team), accepted, returned (asked again) or withdrawn."""
    status_label: str
    answers: int
    """Files sent in answer and kept (refused attempts not counted)."""
    created_by: str | None


def request_row(force_request: ForceRequest, on: datetime.date) -> RequestRow:
    status = request_status(force_request, on)
    kept = [a for a in force_request.answers.all() if a.outcome != "refused"]
    return RequestRow(
        code=str(force_request.code),
        kind=force_request.kind,
        kind_label=force_request.get_kind_display(),
        title=force_request.title,
        due_on=force_request.due_on.isoformat(),
        status=status.value,
        status_label=STATUS_LABELS[status],
        answers=len(kept),
        created_by=force_request.created_by.get_username() if force_request.created_by else None,
    )


class ActivityRow(Row):
    """A piece of fieldwork the team plans."""

    code: str
    kind: str
    """interview, focus-group, reality-testing, unannounced-visit, observation, case-file-review,
    audit or other."""
    kind_label: str
    """The kind as the pages show it (Focus group, Case-file review)."""
    title: str
    on: str
    """The day it takes place."""
    place: str
    areas: list[str]
    """The framework areas it bears on (their ids)."""
    created_by: str | None


def activity_row(activity: Activity) -> ActivityRow:
    return ActivityRow(
        code=str(activity.code),
        kind=activity.kind,
        kind_label=activity.get_kind_display(),
        title=activity.title,
        on=activity.on.isoformat(),
        place=activity.place,
        areas=list(activity.area_ids),
        created_by=activity.created_by.get_username() if activity.created_by else None,
    )


class PlanRow(Row):
    """One request or activity of the plan."""

    item: str
    """request or activity."""
    code: str
    kind: str
    title: str
    date: str
    """A request's due date, an activity's day."""
    status: str | None
    """A request's status (see the request page); none for an activity."""
    place: str | None
    areas: list[str]


class PlanPage(PageDocument):
    """An inspection's fieldwork plan: its requests to the force and the team's activities."""

    ROW = PlanRow
    inspection: PlanInspection
    today: str
    """The date statuses are worked out on (a request past its due date is overdue)."""
    open: bool
    """Whether the plan is still made and answered (planning and fieldwork)."""
    requests: list[RequestRow]
    activities_shown: bool
    """False for the force's liaison, who sees the requests only."""
    activities: list[ActivityRow]
    """By date."""

    def csv_rows(self) -> Sequence[PlanRow]:
        rows = [
            PlanRow(
                item="request",
                code=r.code,
                kind=r.kind,
                title=r.title,
                date=r.due_on,
                status=r.status,
                place=None,
                areas=[],
            )
            for r in self.requests
        ]
        rows += [
            PlanRow(
                item="activity",
                code=a.code,
                kind=a.kind,
                title=a.title,
                date=a.on,
                status=None,
                place=a.place,
                areas=a.areas,
            )
            for a in self.activities
        ]
        return rows


def plan_page(inspection: Inspection, *, activities_shown: bool, open: bool) -> PlanPage:
    on = today()
    requests = (
        ForceRequest.objects.filter(inspection=inspection)
        .select_related("created_by")
        .prefetch_related("answers")
    )
    activities = (
        Activity.objects.filter(inspection=inspection).select_related("created_by")
        if activities_shown
        else []
    )
    return PlanPage(
        inspection=plan_inspection(inspection),
        today=on.isoformat(),
        open=open,
        requests=[request_row(r, on) for r in requests],
        activities_shown=activities_shown,
        activities=[activity_row(a) for a in activities],
    )


class AnswerRow(Row):
    """A file sent in answer, and what became of it."""

    code: str
    original_name: str
    """The file's name as it was sent."""
    size: int
    sha256: str | None
    """Where the kept file is stored (none for a refused data return: its bytes were not kept)."""
    download: str | None
    """Where the kept file is downloaded, as it was sent (none for a refused data return)."""
    uploaded_by: str | None
    uploaded_at: str
    outcome: str
    """loaded (a data return, into the force's dataset), refused (a data return with problems:
    nothing kept), or received (a document or information)."""
    dataset: str | None
    rows: int | None
    months: list[str]
    problems: list[str]
    """A refused data return's problems, each as FILE:LINE: FIELD: MESSAGE."""
    decision: str | None
    """accepted or returned, once the team has decided."""
    decision_note: str | None
    decided_by: str | None
    decided_at: str | None


def _download_url(answer: RequestAnswer) -> str:
    codes = {"code": answer.request.inspection.code, "request_code": answer.request.code}
    return reverse("plan-answer-download", kwargs={**codes, "answer_code": answer.code})


def answer_row(answer: RequestAnswer) -> AnswerRow:
    return AnswerRow(
        code=str(answer.code),
        original_name=answer.original_name,
        size=answer.size,
        sha256=answer.sha256 or None,
        download=_download_url(answer) if answer.sha256 else None,
        uploaded_by=answer.uploaded_by.get_username() if answer.uploaded_by else None,
        uploaded_at=timezone.localtime(answer.created_at).isoformat(),
        outcome=answer.outcome,
        dataset=answer.dataset or None,
        rows=answer.rows,
        months=list(answer.months),
        problems=[str(problem) for problem in stored_problems(answer)],
        decision=answer.decision or None,
        decision_note=answer.decision_note or None,
        decided_by=answer.decided_by.get_username() if answer.decided_by else None,
        decided_at=timezone.localtime(answer.decided_at).isoformat() if answer.decided_at else None,
    )


class RequestPage(RequestRow, PageDocument):
    """A request to the force, its answers and the team's decisions."""

    ROW = AnswerRow
    inspection: PlanInspection
    detail: str
    withdrawal_reason: str | None
    log: list[AnswerRow]
    """Every file sent, oldest first, refused attempts included."""

    def csv_rows(self) -> Sequence[AnswerRow]:
        return self.log


def request_page(force_request: ForceRequest) -> RequestPage:
    answers = force_request.answers.select_related("uploaded_by", "decided_by")
    return RequestPage(
        **dict(request_row(force_request, today())),
        inspection=plan_inspection(force_request.inspection),
        detail=force_request.detail,
        withdrawal_reason=force_request.withdrawal_reason or None,
        log=[answer_row(a) for a in answers],
    )


class ActivityPage(ActivityRow, PageDocument):
    """A planned activity of the team."""

    ROW = ActivityRow
    inspection: PlanInspection
    notes: str

    def csv_rows(self) -> Sequence[ActivityRow]:
        return [ActivityRow(**self.model_dump(include=set(ActivityRow.model_fields)))]


def activity_page(activity: Activity) -> ActivityPage:
    return ActivityPage(
        **dict(activity_row(activity)),
        inspection=plan_inspection(activity.inspection),
        notes=activity.notes,
    )
