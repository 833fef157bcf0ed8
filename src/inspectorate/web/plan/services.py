"""The plan's rules, one home for the pages and the CLI: requests to the force and their answers,
the team's decisions, and activities.

A data return sent in answer is loaded exactly as `inspectorate data load FILE --force FORCE` loads
it (the same ``DataStore.load``: all or nothing, nothing set aside), into the inspected force's
return. A file with any problem is refused with the problems the command prints; the refusal is kept
in the request's log, but neither its bytes nor any of its data are.

Every check a page's form makes on what is typed or sent is made here too (lengths, dates, a file's
size and kind), so that the pages and the CLI refuse alike, each problem one line naming its field.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from inspectorate.core.data.store import DEFAULT_DATASET_NAME, NOTHING_LOADED, LoadReport
from inspectorate.core.problems import InputError, Problem, ProblemsError
from inspectorate.web.inspections.models import Inspection, Status
from inspectorate.web.plan.models import (
    Activity,
    ActivityKind,
    Decision,
    ForceRequest,
    Outcome,
    RequestAnswer,
    RequestKind,
)
from inspectorate.web.stored_files import StoredFile, store_path
from inspectorate.web.workspace import data_store

# The plan is made and answered while the inspection is being planned and in the field.
OPEN_STATUSES = frozenset({Status.PLANNING, Status.FIELDWORK})


class PlanClosed(InputError):
    """A change to the plan of an inspection past its fieldwork."""


class PlanInputError(InputError):
    """Input the plan cannot take, located: ``field`` is the form field it lies in (title, detail,
    due_on, file, note, reason, place, notes); the message starts with what people call it."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


# The longest text each field takes: a record's own column's length, else a stated limit.
TITLE_MAX = 200
PLACE_MAX = 200
DETAIL_MAX = 5000
NOTES_MAX = 5000
NOTE_MAX = 2000
REASON_MAX = 2000
# A force's data return for a year is tens of megabytes as CSV; a document is far smaller.
ANSWER_MAX_BYTES = 512 * 1024 * 1024
ANSWER_MAX_TEXT = "512 MB"
RETURN_SUFFIXES = (".csv", ".parquet")


def plan_open(inspection: Inspection) -> bool:
    return inspection.status in OPEN_STATUSES


def ensure_plan_open(inspection: Inspection) -> None:
    if not plan_open(inspection):
        raise PlanClosed(
            f"{inspection.reference} is at {inspection.get_status_display().lower()}: its plan is "
            "made and answered during planning and fieldwork only"
        )


# Requests ---------------------------------------------------------------------------------------


class RequestStatus(StrEnum):
    REQUESTED = "requested"
    OVERDUE = "overdue"
    ANSWERED = "answered"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"


STATUS_LABELS = {
    RequestStatus.REQUESTED: "Requested",
    RequestStatus.OVERDUE: "Overdue",
    RequestStatus.ANSWERED: "Answered, awaiting the team",
    RequestStatus.ACCEPTED: "Accepted",
    RequestStatus.RETURNED: "Returned, asked again",
    RequestStatus.WITHDRAWN: "Withdrawn",
}


def today() -> datetime.date:
    return timezone.localdate()


def latest_answer(force_request: ForceRequest) -> RequestAnswer | None:
    """The latest answer that was kept (a refused attempt is in the log, but answers nothing)."""
    kept = [a for a in force_request.answers.all() if a.outcome != Outcome.REFUSED]
    return kept[-1] if kept else None


def request_status(force_request: ForceRequest, on: datetime.date | None = None) -> RequestStatus:
    """Withdrawn; accepted; answered (awaiting the team); overdue (past its date, nothing accepted
    nor awaiting the team); returned (asked again); else requested."""
    if force_request.withdrawn:
        return RequestStatus.WITHDRAWN
    answer = latest_answer(force_request)
    if answer is not None and answer.decision == Decision.ACCEPTED:
        return RequestStatus.ACCEPTED
    if answer is not None and not answer.decision:
        return RequestStatus.ANSWERED
    if force_request.due_on < (on or today()):
        return RequestStatus.OVERDUE
    if answer is not None:
        return RequestStatus.RETURNED
    return RequestStatus.REQUESTED


def is_outstanding(force_request: ForceRequest) -> bool:
    """Neither accepted nor withdrawn."""
    return request_status(force_request) not in (RequestStatus.ACCEPTED, RequestStatus.WITHDRAWN)


def _text(text: str, field: str, what: str, limit: int, *, required: bool = False) -> str:
    """The text stripped; refused when required and empty, or longer than ``limit``."""
    text = text.strip()
    if required and not text:
        raise PlanInputError(field, f"{what}: enter {what}")
    if len(text) > limit:
        raise PlanInputError(field, f"{what}: at most {limit:,} characters (this one has {len(text):,})")
    return text


def _required(text: str, field: str, what: str, limit: int) -> str:
    return _text(text, field, what, limit, required=True)


def _due(due_on: datetime.date) -> datetime.date:
    """A request is due today or later: a date already past is a mistake, never a deadline."""
    if due_on < today():
        raise PlanInputError(
            "due_on",
            f"due date: {due_on.strftime('%-d %B %Y')} is in the past; a request is due today "
            f"({today().strftime('%-d %B %Y')}) or later",
        )
    return due_on


def add_request(
    inspection: Inspection,
    *,
    kind: str,
    title: str,
    due_on: datetime.date,
    detail: str = "",
    by: User | None = None,
) -> ForceRequest:
    ensure_plan_open(inspection)
    if kind not in RequestKind.values:
        raise InputError(f"kind: {kind!r} is not one of {', '.join(RequestKind.values)}")
    return ForceRequest.objects.create(
        inspection=inspection,
        kind=kind,
        title=_required(title, "title", "title", TITLE_MAX),
        detail=_text(detail, "detail", "detail", DETAIL_MAX),
        due_on=_due(due_on),
        created_by=by,
    )


def withdraw_request(force_request: ForceRequest, reason: str, by: User | None = None) -> ForceRequest:
    ensure_plan_open(force_request.inspection)
    if force_request.withdrawn:
        raise InputError(f"{force_request.title}: already withdrawn")
    if request_status(force_request) == RequestStatus.ACCEPTED:
        raise InputError(f"{force_request.title}: its answer is accepted, so there is nothing to withdraw")
    reason = _required(reason, "reason", "reason", REASON_MAX)
    force_request.withdrawn = True
    force_request.withdrawal_reason = reason
    force_request.save()
    return force_request


def ensure_answerable(force_request: ForceRequest) -> None:
    ensure_plan_open(force_request.inspection)
    status = request_status(force_request)
    if status in (RequestStatus.ACCEPTED, RequestStatus.WITHDRAWN):
        raise InputError(f"{force_request.title}: the request is {status.value}; it takes no more answers")


@dataclass(frozen=True)
class Refusal:
    """A data return refused: the lines `inspectorate data load` prints for it (without "error: "),
    and the refused attempt kept in the request's log."""

    lines: tuple[str, ...]
    answer: RequestAnswer


class AnswerRefused(InputError):
    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__("\n".join(refusal.lines))


def check_answer_file(force_request: ForceRequest, name: str, size: int) -> None:
    """The checks the upload form makes: a file with something in it, within the size limit, and
    for a data return a CSV or Parquet file."""
    if size == 0:
        raise PlanInputError("file", f"file: {name} is empty")
    if size > ANSWER_MAX_BYTES:
        raise PlanInputError("file", f"file: {name} is larger than {ANSWER_MAX_TEXT}: send it in parts")
    if force_request.kind == RequestKind.DATA_RETURN and not name.lower().endswith(RETURN_SUFFIXES):
        raise PlanInputError("file", f"file: {name}: a data return is a .csv or .parquet file")


def answer_request(
    force_request: ForceRequest,
    source: Path,
    *,
    name: str,
    by: User | None = None,
    content_type: str = "",
    replace: bool = False,
) -> RequestAnswer:
    """Take a file in answer. A data return is loaded into the force's return, all or nothing; when
    it is refused, the attempt is logged with its problems and AnswerRefused raised.

    The order keeps no half-done answer: the file is kept first (under its SHA-256), then a data
    return is loaded, then the answer saved, the load and the save in one transaction. Should the
    save (or its commit) fail, the load is taken back (``DataStore.unload``) and a file this answer
    put in the store removed, so that no rows and no file stand without their record; a refused
    return's file is removed the same way. One window remains: a return sent to replace months
    already loaded cannot be taken back (the files it replaced are gone once it is loaded), so if
    its record then fails to be saved its rows stay loaded without one, and the error is raised;
    sent again, the same file is skipped as already loaded and its answer recorded.
    """
    ensure_answerable(force_request)
    size = source.stat().st_size
    check_answer_file(force_request, name, size)
    stored = store_path(source)
    answer = RequestAnswer(
        request=force_request,
        original_name=name,
        sha256=stored.sha256,
        size=stored.size,
        content_type=content_type,
        uploaded_by=by,
    )
    report: LoadReport | None = None
    try:
        with transaction.atomic():
            if force_request.kind == RequestKind.DATA_RETURN:
                report = _load(force_request.inspection, source, replace)
                answer.outcome = Outcome.LOADED
                answer.dataset = report.dataset
                answer.rows = sum(batch.rows for batch in report.loaded)
                answer.months = sorted({month for batch in report.loaded for month in batch.months})
            else:
                answer.outcome = Outcome.RECEIVED
            answer.save()
    except InputError as exc:
        if report is not None or force_request.kind != RequestKind.DATA_RETURN:
            _take_back(report, stored)  # not the load's refusal: as any other failure
            raise
        _take_back(None, stored)
        refused = RequestAnswer(
            request=force_request,
            original_name=name,
            size=size,
            content_type=content_type,
            uploaded_by=by,
            outcome=Outcome.REFUSED,
            problems=[_problem_record(p) for p in located_problems(exc, name)],
        )
        refused.save()
        raise AnswerRefused(Refusal(tuple(str(exc).splitlines()), refused)) from exc
    except BaseException:
        _take_back(report, stored)
        raise
    return answer


def _take_back(report: LoadReport | None, stored: StoredFile) -> None:
    """Undo what an answer that is not kept did: its load (where it can be), and its file where this
    answer put it in the store (the same bytes kept for another record stay)."""
    if report is not None:
        data_store().unload(report)
    if stored.new:
        stored.path.unlink(missing_ok=True)


def _load(inspection: Inspection, source: Path, replace: bool) -> LoadReport:
    """The call `inspectorate data load FILE --force FORCE [--replace]` makes."""
    return data_store().load(inspection.force_id, DEFAULT_DATASET_NAME, [source], replace=replace)


_LINE = re.compile(r"^(\d+): ")


def located_problems(exc: InputError, name: str) -> list[Problem]:
    """The refusal's problems, each where it lies: those the reader located (file, line, field) as
    they are, and each other line by its file and line where it starts with them. Each one printed is
    the line the command prints."""
    cause: BaseException | None = exc
    located: tuple[Problem, ...] = ()
    while cause is not None:
        if isinstance(cause, ProblemsError):
            located = cause.problems
            break
        cause = cause.__cause__
    shown = {str(problem) for problem in located}
    problems = list(located)
    for text in str(exc).splitlines():
        text = text.removesuffix(f" {NOTHING_LOADED}")
        if text in shown:
            continue
        problems.append(_unlocated(text, name))
    return problems


def _unlocated(text: str, name: str) -> Problem:
    if not text.startswith(f"{name}:"):
        return Problem("", None, "", text)
    rest = text.removeprefix(f"{name}:")
    line: int | None = None
    found = _LINE.match(rest)
    if found:
        line, rest = int(found.group(1)), rest[found.end() :]
    else:
        rest = rest.removeprefix(" ")
    if rest.startswith("header: "):
        return Problem(name, line, "header", rest.removeprefix("header: "))
    return Problem(name, line, "", rest)


def _problem_record(problem: Problem) -> dict[str, str | int | None]:
    return {"file": problem.file, "line": problem.line, "field": problem.path, "message": problem.message}


def stored_problems(answer: RequestAnswer) -> list[Problem]:
    return [Problem(p["file"], p["line"], p["field"], p["message"]) for p in answer.problems]


def decide(answer: RequestAnswer, decision: str, note: str = "", by: User | None = None) -> RequestAnswer:
    """Accept the latest answer, or return it with a note of what is still wanted."""
    force_request = answer.request
    ensure_plan_open(force_request.inspection)
    if decision not in Decision.values:
        raise InputError(f"decision: {decision!r} is not one of {', '.join(Decision.values)}")
    if force_request.withdrawn:
        raise InputError(f"{force_request.title}: the request is withdrawn")
    if answer.decision:
        raise InputError(f"{answer.original_name}: already {answer.get_decision_display().lower()}")
    if latest_answer(force_request) != answer:
        raise InputError(f"{answer.original_name}: a later answer has been sent; decide on that one")
    note = _text(note, "note", "note", NOTE_MAX, required=decision == Decision.RETURNED)
    answer.decision = decision
    answer.decision_note = note
    answer.decided_by = by
    answer.decided_at = timezone.now()
    answer.save()
    return answer


def decide_latest(
    force_request: ForceRequest, decision: str, note: str = "", by: User | None = None
) -> RequestAnswer:
    answer = latest_answer(force_request)
    if answer is None:
        raise InputError(f"{force_request.title}: no answer to decide on yet")
    return decide(answer, decision, note, by)


# Activities -------------------------------------------------------------------------------------


def _check_areas(inspection: Inspection, area_ids: Sequence[str]) -> list[str]:
    known = {place.area.id for place in inspection.spec.walk()}
    unknown = [area for area in area_ids if area not in known]
    if unknown:
        raise InputError(
            f"area: {', '.join(repr(a) for a in unknown)} not in {inspection.framework_id} "
            "(see `inspectorate frameworks show`)"
        )
    return list(dict.fromkeys(area_ids))


def add_activity(
    inspection: Inspection,
    *,
    kind: str,
    title: str,
    on: datetime.date,
    place: str = "",
    area_ids: Sequence[str] = (),
    notes: str = "",
    by: User | None = None,
) -> Activity:
    ensure_plan_open(inspection)
    if kind not in ActivityKind.values:
        raise InputError(f"kind: {kind!r} is not one of {', '.join(ActivityKind.values)}")
    return Activity.objects.create(
        inspection=inspection,
        kind=kind,
        title=_required(title, "title", "title", TITLE_MAX),
        on=on,
        place=_text(place, "place", "place", PLACE_MAX),
        area_ids=_check_areas(inspection, area_ids),
        notes=_text(notes, "notes", "notes", NOTES_MAX),
        created_by=by,
    )


def change_activity(
    activity: Activity,
    *,
    kind: str,
    title: str,
    on: datetime.date,
    place: str = "",
    area_ids: Sequence[str] = (),
    notes: str = "",
) -> Activity:
    ensure_plan_open(activity.inspection)
    if kind not in ActivityKind.values:
        raise InputError(f"kind: {kind!r} is not one of {', '.join(ActivityKind.values)}")
    with transaction.atomic():
        activity.kind = kind
        activity.title = _required(title, "title", "title", TITLE_MAX)
        activity.on = on
        activity.place = _text(place, "place", "place", PLACE_MAX)
        activity.area_ids = _check_areas(activity.inspection, area_ids)
        activity.notes = _text(notes, "notes", "notes", NOTES_MAX)
        activity.save()
    return activity
