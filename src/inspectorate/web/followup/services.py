"""Following published findings: one home for the rules the pages and the CLI share.

Every cause of concern, recommendation and area for improvement that a published version of an
inspection's report prints is followed (``ensure_follow_ups``, run as each version is frozen, and
``backfill`` for versions frozen before). Then:

- the inspectorate (staff, and the inspection's lead, inspectors, analysts and auditors) sets a
  finding's details: to whom it is addressed, its timescale (the due date worked out from the
  report's publication date: core/followup/timescales.py) and its owner in the force;
- the inspected force's people post progress updates, with files, and move a finding between open,
  in progress and ready for review (core/followup/states.py);
- the inspectorate gives its verdict (met, partly met, not met, superseded) with its reasons, or
  reopens a finding it has judged.

Each change is one ``FollowUpdate``, made under the followed finding's row lock, all or nothing;
listeners hear of an update or a verdict once it has committed (signals.py). Files are stored first
(web/stored_files.py, under the size limit evidence files have) and taken away again when their
update is not saved.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from django.contrib.auth.models import User
from django.db import DatabaseError, transaction
from django.utils import timezone

from inspectorate.core.findings import FindingKind
from inspectorate.core.followup.states import (
    VERDICTS,
    Actor,
    FollowStatus,
    MoveRefused,
    check_move,
    is_overdue,
)
from inspectorate.core.followup.timescales import Addressee, TimescaleError, resolve
from inspectorate.core.problems import InputError
from inspectorate.core.reports.context import ReportContext, context_from_json
from inspectorate.core.reports.dates import publication_day as printed_day
from inspectorate.web.accounts.roles import force_of
from inspectorate.web.followup.models import FOLLOWED_KINDS, FollowUp, FollowUpdate, UpdateFile, UpdateKind
from inspectorate.web.followup.signals import update_posted, verdict_given
from inspectorate.web.inspections.access import can_write
from inspectorate.web.inspections.documents import FindingDocument, record_findings
from inspectorate.web.inspections.evidence_files import content_type_of, describe_size, kept_name, max_bytes
from inspectorate.web.inspections.models import EvidenceFile, Finding, Inspection, Origin
from inspectorate.web.reports.models import ReportVersion
from inspectorate.web.stored_files import StoredFile, store_file

TEXT_MAX = 10_000
REASONS_MAX = 5_000
LINE_MAX = 200  # FollowUp's addressee_name, timescale and owner_title columns
FOLLOWED = frozenset(kind.value for kind in FOLLOWED_KINDS)
FORCE_MOVES = (FollowStatus.IN_PROGRESS, FollowStatus.READY_FOR_REVIEW)


class FollowUpInputError(InputError):
    """Input a followed finding cannot take; ``field`` is the form field it lies in (text, file,
    status, addressee, addressee_name, timescale, owner, owner_title, verdict, reasons)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


class NotAllowed(InputError):
    """A change the person may not make (a 403 on the pages)."""


def today() -> datetime.date:
    return timezone.localdate()


# What is followed -------------------------------------------------------------------------------


def latest_version(inspection: Inspection) -> ReportVersion | None:
    """The latest published version, under embargo or out of it."""
    return inspection.report_versions.order_by("-number").first()


def followed_items(record: ReportContext) -> list[FindingDocument]:
    """The findings a record prints that are followed, in the report's order (each recommendation
    after its cause of concern); those without a code (never in a version frozen here) are not."""
    return [item for item in record_findings(record) if item.kind in FOLLOWED and item.code]


def publication_date(inspection: Inspection) -> datetime.date | None:
    """The day the report was published: the inspection's date, else its first version's day."""
    if inspection.published_on is not None:
        return inspection.published_on
    first = inspection.report_versions.order_by("number").first()
    return timezone.localdate(first.embargo_until) if first is not None else None


def known_publication_date(inspection: Inspection) -> datetime.date | None:
    """The day the report was published, where it is known: the inspection's date, else the day
    its first version came out of embargo. A report published elsewhere whose date was not printed
    was made public here on the day it was recorded, which is not its publication day: None then
    (a timescale counted from publication, or a response's 56 days, cannot be worked out)."""
    if inspection.published_on is not None:
        return inspection.published_on
    first = inspection.report_versions.order_by("number").first()
    if first is None:
        return None
    if inspection.origin != Origin.RUN_HERE and printed_day(inspection.published_label) is None:
        return None
    return timezone.localdate(first.embargo_until)


def _uuids(codes: Iterable[str]) -> list[uuid.UUID]:
    found = []
    for code in codes:
        try:
            found.append(uuid.UUID(code))
        except ValueError:
            continue
    return found


def ensure_follow_ups(inspection: Inspection) -> int:
    """Follow every followed finding the inspection's latest version prints; how many were new.
    Running it again changes nothing."""
    version = latest_version(inspection)
    if version is None:
        return 0
    codes = _uuids(item.code for item in followed_items(context_from_json(version.context)))
    with transaction.atomic():
        findings = Finding.objects.filter(inspection=inspection, code__in=codes)
        followed = set(FollowUp.objects.filter(finding__in=findings).values_list("finding_id", flat=True))
        made = [FollowUp.objects.create(finding=f) for f in findings if f.pk not in followed]
    return len(made)


def follow_new_version(
    sender: object, instance: ReportVersion, created: bool, raw: bool = False, **kwargs: object
) -> None:
    """Answers a version's save (apps.py): a version just frozen has its findings followed, in the
    transaction that freezes it."""
    if created and not raw:
        ensure_follow_ups(instance.inspection)


def backfill() -> int:
    """Follow the findings of every inspection published before following began; how many."""
    made = 0
    for inspection in Inspection.objects.filter(report_versions__isnull=False).distinct():
        with transaction.atomic():
            locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
            made += ensure_follow_ups(locked)
    return made


def follow_up_for(inspection: Inspection, finding_code: str | uuid.UUID) -> FollowUp | None:
    try:
        code = finding_code if isinstance(finding_code, uuid.UUID) else uuid.UUID(str(finding_code))
    except ValueError:
        return None
    return (
        FollowUp.objects.select_related("finding__inspection__force", "owner", "verdict_by")
        .filter(finding__inspection=inspection, finding__code=code)
        .first()
    )


def overdue(follow_up: FollowUp, on: datetime.date | None = None) -> bool:
    return is_overdue(follow_up.follow_status, follow_up.due_on, on or today())


# Who acts -------------------------------------------------------------------------------------


def judges(user: User, inspection: Inspection) -> bool:
    """Staff, and the inspection's lead, inspectors, analysts and auditors (its moderator reads)."""
    return user.is_active and can_write(user, inspection)


def of_the_force(user: User, inspection: Inspection) -> bool:
    """Someone of the inspected force (active): may post updates."""
    return force_of(user) == inspection.force_id


def _ensure_judge(user: User, inspection: Inspection, what: str) -> None:
    if not judges(user, inspection):
        raise NotAllowed(
            f"{user.get_username()} may not {what} on {inspection.reference}: the inspectorate does "
            "(staff, and the inspection's lead, inspectors, analysts and auditors)"
        )


def _ensure_force(user: User, inspection: Inspection) -> None:
    if not of_the_force(user, inspection):
        raise NotAllowed(
            f"{user.get_username()} may not post updates on {inspection.reference}: "
            f"people of {inspection.force.name} do"
        )


# Checks on what is typed ------------------------------------------------------------------------


def _text(text: str, field: str, limit: int, *, required: bool = False, what: str = "") -> str:
    text = text.strip()
    if required and not text:
        raise FollowUpInputError(field, f"enter {what or field}")
    if len(text) > limit:
        raise FollowUpInputError(field, f"at most {limit:,} characters (this one has {len(text):,})")
    return text


def _status(text: str) -> FollowStatus:
    try:
        return FollowStatus(text.strip())
    except ValueError:
        allowed = ", ".join(s.value for s in FORCE_MOVES)
        raise FollowUpInputError("status", f"{text!r} is not one of {allowed}") from None


def _verdict(text: str) -> FollowStatus:
    try:
        status = FollowStatus(text.strip())
    except ValueError:
        status = None
    if status is None or status not in VERDICTS:
        allowed = ", ".join(v.value for v in _VERDICT_ORDER)
        raise FollowUpInputError("verdict", f"{text!r} is not one of {allowed}")
    return status


_VERDICT_ORDER = (FollowStatus.MET, FollowStatus.PARTLY_MET, FollowStatus.NOT_MET, FollowStatus.SUPERSEDED)


def check_file(name: str, size: int) -> None:
    """Refuse an empty file, or one bigger than the largest the workspace keeps (as evidence files)."""
    if size == 0:
        raise FollowUpInputError("file", f"{name} is empty: choose a file with something in it")
    limit = max_bytes()
    if size > limit:
        raise FollowUpInputError(
            "file",
            f"{name} is more than {describe_size(limit)}: a file sent with an update may be at most "
            f"{describe_size(limit)}",
        )


def _locked(follow_up: FollowUp) -> FollowUp:
    return (
        FollowUp.objects.select_for_update().select_related("finding__inspection__force").get(pk=follow_up.pk)
    )


def _announce(signal_name: str, update: FollowUpdate) -> None:
    signal = verdict_given if signal_name == "verdict" else update_posted
    transaction.on_commit(lambda: signal.send(sender=FollowUpdate, update=update))


# The force's updates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    """A file sent with an update: the name it was sent with, and its bytes."""

    name: str
    chunks: Iterable[bytes]


def post_update(
    follow_up: FollowUp, *, text: str, by: User, status: str = "", files: Sequence[Upload] = ()
) -> FollowUpdate:
    """The force's progress on a finding, with its files, and a move (in progress, ready for review)
    where one is given."""
    inspection = follow_up.finding.inspection
    _ensure_force(by, inspection)
    body = _text(text, "text", TEXT_MAX, required=True, what="what has been done")
    target = _status(status) if status.strip() else None
    if target is not None:
        _check(follow_up.follow_status, target, Actor.FORCE, "status")
    stored = _store(files)
    try:
        with transaction.atomic():
            locked = _locked(follow_up)
            before = locked.follow_status
            if target is not None:
                _check(before, target, Actor.FORCE, "status")
            update = FollowUpdate.objects.create(
                follow_up=locked,
                kind=UpdateKind.STATUS if target is not None else UpdateKind.PROGRESS,
                author=by,
                body=body,
                status_from=before.value if target is not None else "",
                status_to=target.value if target is not None else "",
            )
            for name, kept in stored:
                UpdateFile.objects.create(
                    update=update,
                    original_name=name,
                    sha256=kept.sha256,
                    size=kept.size,
                    content_type=content_type_of(name),
                )
            if target is not None:
                locked.status = target.value
            locked.save()
            _announce("update", update)
    except BaseException:
        _take_back(stored)
        raise
    _refresh(follow_up)
    return update


def _check(status: FollowStatus, target: FollowStatus, actor: Actor, field: str, reason: str = "-") -> None:
    try:
        check_move(status, target, actor, reason)
    except MoveRefused as exc:
        raise FollowUpInputError(field, str(exc)) from None


def _store(files: Sequence[Upload]) -> list[tuple[str, StoredFile]]:
    """Each file in the store, all or none."""
    stored: list[tuple[str, StoredFile]] = []
    try:
        for upload in files:
            kept = store_file(upload.chunks, partial(check_file, upload.name), limit=max_bytes())
            stored.append((kept_name(upload.name), kept))
    except BaseException:
        _take_back(stored)
        raise
    return stored


def _take_back(stored: Sequence[tuple[str, StoredFile]]) -> None:
    """Remove the bytes this update put in the store, unless a record names them meanwhile."""
    for _, kept in stored:
        if kept.new and not _still_named(kept.sha256):
            kept.path.unlink(missing_ok=True)


def _still_named(sha256: str) -> bool:
    try:
        return (
            UpdateFile.objects.filter(sha256=sha256).exists()
            or EvidenceFile.objects.filter(sha256=sha256).exists()
        )
    except DatabaseError:
        return True


def _refresh(follow_up: FollowUp) -> None:
    follow_up.refresh_from_db()


# The inspectorate's details, verdicts and reopening ---------------------------------------------


def set_details(
    follow_up: FollowUp,
    *,
    by: User,
    addressee: str | None = None,
    addressee_name: str | None = None,
    timescale: str | None = None,
    owner: str | None = None,
    owner_title: str | None = None,
) -> FollowUpdate:
    """Change what is given (None leaves a detail as it is; an empty text clears it). A timescale's
    due date is worked out from the report's publication date; the owner is someone of the force."""
    inspection = follow_up.finding.inspection
    _ensure_judge(by, inspection, "change a followed finding's details")
    values: dict[str, object] = {}
    if addressee is not None:
        try:
            values["addressee"] = Addressee(addressee.strip()).value
        except ValueError:
            allowed = ", ".join(a.value for a in Addressee)
            raise FollowUpInputError("addressee", f"{addressee!r} is not one of {allowed}") from None
    if addressee_name is not None:
        values["addressee_name"] = _text(addressee_name, "addressee_name", LINE_MAX)
    if timescale is not None:
        stated = _text(timescale, "timescale", LINE_MAX)
        if stated:
            try:
                resolved = resolve(stated, known_publication_date(inspection))
            except TimescaleError as exc:
                raise FollowUpInputError("timescale", str(exc)) from None
            values["timescale"], values["due_on"] = resolved.text, resolved.due_on
        else:
            values["timescale"], values["due_on"] = "", None
    if owner is not None:
        values["owner"] = _owner(owner, inspection)
    if owner_title is not None:
        values["owner_title"] = _text(owner_title, "owner_title", LINE_MAX)
    with transaction.atomic():
        locked = _locked(follow_up)
        changes = [
            _said(name, getattr(locked, name), value)
            for name, value in values.items()
            if getattr(locked, name) != value
        ]
        if not changes:
            raise InputError("nothing to change: every detail given is as it stands")
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        update = FollowUpdate.objects.create(
            follow_up=locked, kind=UpdateKind.DETAILS, author=by, body="\n".join(changes)
        )
    _refresh(follow_up)
    return update


def _owner(username: str, inspection: Inspection) -> User | None:
    name = username.strip()
    if not name:
        return None
    found = User.objects.select_related("affiliation").filter(username=name).first()
    if found is None:
        raise FollowUpInputError("owner", f"no user {name!r} in this workspace")
    if force_of(found) != inspection.force_id:
        raise FollowUpInputError(
            "owner", f"{name} is not of {inspection.force.name}: a finding's owner is someone of the force"
        )
    return found


_DETAIL_NAMES = {
    "addressee": "Addressed to",
    "addressee_name": "Addressee's name",
    "timescale": "Timescale",
    "due_on": "Due",
    "owner": "Owner",
    "owner_title": "Owner's post",
}


def _said(name: str, before: object, after: object) -> str:
    return f"{_DETAIL_NAMES[name]}: {_shown(name, before)} → {_shown(name, after)}"


def _shown(name: str, value: object) -> str:
    if value is None or value == "":
        return "none"
    if name == "addressee":
        return Addressee(str(value)).label
    if isinstance(value, User):
        return value.get_username()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def give_verdict(
    follow_up: FollowUp,
    *,
    verdict: str,
    reasons: str,
    by: User,
    given_in: Inspection | None = None,
) -> FollowUpdate:
    """The inspectorate's verdict, with its reasons; ``given_in`` the later inspection whose report
    gave it, where one did."""
    inspection = follow_up.finding.inspection
    _ensure_judge(by, inspection, "give verdicts")
    target = _verdict(verdict)
    said = _text(reasons, "reasons", REASONS_MAX, required=True, what="the reasons for the verdict")
    with transaction.atomic():
        locked = _locked(follow_up)
        _check(locked.follow_status, target, Actor.INSPECTORATE, "verdict", said)
        update = write_verdict(locked, target, said, by=by, given_in=given_in)
        _announce("verdict", update)
    _refresh(follow_up)
    return update


def write_verdict(
    locked: FollowUp, verdict: FollowStatus, reasons: str, *, by: User | None, given_in: Inspection | None
) -> FollowUpdate:
    """Set the verdict on a follow-up the caller has locked and checked, and log it as an update
    naming the inspection that gave it (web/followup/visible.py); the caller announces it."""
    before = locked.follow_status
    locked.status = verdict.value
    locked.verdict_reasons = reasons
    locked.verdict_on = today()
    locked.verdict_by = by
    locked.verdict_in = given_in
    locked.save()
    return FollowUpdate.objects.create(
        follow_up=locked,
        kind=UpdateKind.VERDICT,
        author=by,
        body=reasons,
        status_from=before.value,
        status_to=verdict.value,
        given_in=given_in,
    )


def reopen(follow_up: FollowUp, *, reasons: str, by: User) -> FollowUpdate:
    """Open a judged finding again, saying why: the force holds it once more, its verdict kept in the
    log."""
    inspection = follow_up.finding.inspection
    _ensure_judge(by, inspection, "reopen followed findings")
    said = _text(reasons, "reasons", REASONS_MAX, required=True, what="why it is reopened")
    with transaction.atomic():
        locked = _locked(follow_up)
        before = locked.follow_status
        _check(before, FollowStatus.REOPENED, Actor.INSPECTORATE, "reasons", said)
        locked.status = FollowStatus.REOPENED.value
        locked.verdict_reasons = ""
        locked.verdict_on = None
        locked.verdict_by = None
        locked.verdict_in = None
        locked.save()
        update = FollowUpdate.objects.create(
            follow_up=locked,
            kind=UpdateKind.REOPENED,
            author=by,
            body=said,
            status_from=before.value,
            status_to=FollowStatus.REOPENED.value,
        )
        _announce("update", update)
    _refresh(follow_up)
    return update


def force_moves(status: FollowStatus) -> list[FollowStatus]:
    """The moves the force may make from ``status``, for its form."""
    moves = []
    for target in FORCE_MOVES:
        try:
            check_move(status, target, Actor.FORCE, "-")
        except MoveRefused:
            continue
        moves.append(target)
    return moves


def verdicts_from(status: FollowStatus) -> list[FollowStatus]:
    """The verdicts the inspectorate may give from ``status`` (a verdict is changed, not repeated)."""
    return [v for v in _VERDICT_ORDER if v is not status]


def may_reopen(status: FollowStatus) -> bool:
    return status.is_verdict


KIND_LABELS = {kind.value: kind.label for kind in FindingKind}
