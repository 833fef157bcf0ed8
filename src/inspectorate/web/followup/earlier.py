"""The earlier findings an inspection reviews, and the verdicts its report gives them.

An inspection reviews every followed finding (web/followup/models.py) of its force's earlier
inspections that were published before it started (an exercise's only for another exercise) and
that are not closed (met, or superseded), together with those it has given a verdict itself. The
team records its verdict during planning and fieldwork; the report prints what became of each
finding it judged (core/reports/context.py, ``EarlierFindings``), and a version frozen at publication
keeps them as they were then.

When did an inspection start? One run here, when it was made; one recorded from a published report,
when that report came out (made here later, it still started before anything published after it).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from inspectorate.core.findings import FindingKind
from inspectorate.core.followup.states import VERDICTS, Actor, FollowStatus, MoveRefused, check_move
from inspectorate.core.problems import InputError
from inspectorate.core.reports.context import EarlierFinding, FindingItem
from inspectorate.web.followup.models import FOLLOWED_KINDS, FollowUp, FollowUpdate, UpdateKind
from inspectorate.web.followup.services import write_verdict
from inspectorate.web.followup.signals import verdict_given
from inspectorate.web.inspections.models import Inspection, Origin, Status
from inspectorate.web.reports.record import public_record

# The team records its verdicts while the inspection is planned and in the field; after, the
# worklist is read only, and the report prints what was recorded.
OPEN_STATUSES = frozenset({Status.PLANNING, Status.FIELDWORK})
REASONS_MAX = 5000
CLOSED = tuple(status.value for status in FollowStatus if status.closed)


class VerdictInputError(InputError):
    """A verdict the worklist cannot record; ``field`` is the form field it lies in (verdict, reasons)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def worklist_open(inspection: Inspection) -> bool:
    return inspection.status in OPEN_STATUSES


def started_at(inspection: Inspection) -> datetime.datetime:
    """When the inspection started: made here, when it was made; recorded from a published report,
    when that report came out."""
    if inspection.origin == Origin.RUN_HERE:
        return inspection.created_at
    first = inspection.report_versions.order_by("embargo_until").first()
    if first is not None:
        return min(first.embargo_until, inspection.created_at)
    if inspection.published_on is not None:
        day = datetime.datetime.combine(inspection.published_on, datetime.time())
        return min(timezone.make_aware(day), inspection.created_at)
    return inspection.created_at


def earlier_inspections(inspection: Inspection) -> list[Inspection]:
    """The force's inspections whose first version came out before this one started, oldest first;
    an exercise's only when this is an exercise too."""
    start = started_at(inspection)
    candidates = (
        Inspection.objects.filter(force_id=inspection.force_id)
        .exclude(pk=inspection.pk)
        .annotate(first_out=Min("report_versions__embargo_until"))
        .filter(first_out__lt=start)
    )
    # A real inspection reviews real reports only. An exercise practises on the real ones too, but
    # gives verdicts only on earlier exercises' findings (``practice_only``).
    if not inspection.exercise:
        candidates = candidates.filter(exercise=False)
    first_out: dict[int, datetime.datetime] = dict(candidates.values_list("pk", "first_out"))
    chosen = Inspection.objects.filter(pk__in=first_out).select_related("force")
    return sorted(chosen, key=lambda e: (first_out[e.pk], e.reference))


def reviewed(inspection: Inspection) -> QuerySet[FollowUp]:
    """The followed findings this inspection reviews: the earlier inspections' not closed, and those
    it has given a verdict."""
    return _reviewed_of(inspection, [e.pk for e in earlier_inspections(inspection)])


def _reviewed_of(inspection: Inspection, earlier: Sequence[int]) -> QuerySet[FollowUp]:
    return (
        FollowUp.objects.filter(finding__inspection__in=earlier, finding__kind__in=FOLLOWED_KINDS)
        .filter(~Q(status__in=CLOSED) | Q(verdict_in=inspection))
        .select_related("finding__inspection", "finding__parent", "owner", "verdict_by", "verdict_in")
    )


def worklist(inspection: Inspection) -> list[FollowUp]:
    """The reviewed findings in the order of their reports (oldest first) and of the findings in each."""
    earlier = [e.pk for e in earlier_inspections(inspection)]
    rank = {pk: n for n, pk in enumerate(earlier)}
    found = _reviewed_of(inspection, earlier)
    return sorted(found, key=lambda f: (rank[f.finding.inspection_id], f.finding.position, f.finding.pk))


def judged_here(inspection: Inspection) -> list[FollowUp]:
    """The reviewed findings this inspection has given its verdict on (a verdict still standing)."""
    verdicts = {v.value for v in VERDICTS}
    return [f for f in worklist(inspection) if f.verdict_in_id == inspection.pk and f.status in verdicts]


def awaiting_verdict(inspection: Inspection) -> int:
    """How many of the findings it reviews the inspection has not yet judged."""
    return sum(
        1
        for f in worklist(inspection)
        if not (f.verdict_in_id == inspection.pk and f.follow_status.is_verdict)
    )


def published_texts(inspection: Inspection) -> dict[str, str]:
    """Each finding's text as the inspection's latest public version prints it, by the finding's
    code; empty while none is public."""
    found = public_record(inspection)
    if found is None:
        return {}
    record = found[0]
    items: list[FindingItem] = [*record.observations, *(i for area in record.areas for i in area.findings)]
    texts: dict[str, str] = {}
    for item in items:
        if item.code:
            texts[item.code] = item.text
        texts.update(zip(item.recommendation_codes, item.recommendations, strict=False))
    return texts


def as_published(follow_ups: Sequence[FollowUp]) -> dict[int, str]:
    """Each followed finding's text as its report published it (the working text where the record
    does not carry it), by the follow-up's id."""
    by_report: dict[int, dict[str, str]] = {}
    texts: dict[int, str] = {}
    for follow_up in follow_ups:
        report = follow_up.finding.inspection
        if report.pk not in by_report:
            by_report[report.pk] = published_texts(report)
        texts[follow_up.pk] = by_report[report.pk].get(str(follow_up.finding.code), follow_up.finding.text)
    return texts


def report_date(inspection: Inspection) -> str | None:
    """The earlier report's publication date as its record prints it."""
    found = public_record(inspection)
    if found is not None and found[0].published:
        return found[0].published
    if inspection.published_label:
        return inspection.published_label
    return inspection.published_on.strftime("%-d %B %Y") if inspection.published_on else None


def earlier_items(inspection: Inspection) -> tuple[EarlierFinding, ...]:
    """What the inspection's report says became of the earlier findings it judged."""
    judged = judged_here(inspection)
    texts = as_published(judged)
    dates: dict[int, str | None] = {}
    items = []
    for follow_up in judged:
        report = follow_up.finding.inspection
        if report.pk not in dates:
            dates[report.pk] = report_date(report)
        items.append(
            EarlierFinding(
                code=str(follow_up.finding.code),
                report_reference=report.reference,
                report_title=report.title,
                report_published=dates[report.pk],
                kind=follow_up.finding.kind,
                kind_label=FindingKind(follow_up.finding.kind).label,
                text=texts[follow_up.pk],
                verdict=follow_up.status,
                verdict_label=follow_up.follow_status.label,
                reasons=follow_up.verdict_reasons,
            )
        )
    return tuple(items)


@dataclass(frozen=True)
class LatestUpdate:
    on: datetime.date
    text: str


def latest_updates(follow_ups: Sequence[FollowUp]) -> dict[int, LatestUpdate]:
    """The force's latest progress update on each followed finding that has one, by its id."""
    updates = FollowUpdate.objects.filter(
        follow_up__in=[f.pk for f in follow_ups], kind=UpdateKind.PROGRESS
    ).order_by("follow_up", "-created_at", "-id")
    latest: dict[int, LatestUpdate] = {}
    for update in updates:
        if update.follow_up_id not in latest:
            latest[update.follow_up_id] = LatestUpdate(timezone.localdate(update.created_at), update.body)
    return latest


def practice_only(inspection: Inspection, follow_up: FollowUp) -> bool:
    """An exercise reading a real report's finding: it may read it, never judge it."""
    return inspection.exercise and not follow_up.finding.inspection.exercise


def record_verdict(
    follow_up: FollowUp, inspection: Inspection, verdict: str, reasons: str, by: User | None
) -> FollowUpdate:
    """Record this inspection's verdict on an earlier finding it reviews, with its reasons: the
    finding's status, who gave it, when and in which inspection, logged as an update of kind
    verdict (and so audited). A verdict the same as the one standing confirms it with these reasons.
    Refused, with nothing written, while the worklist is closed, for a finding this inspection does
    not review, or without reasons."""
    try:
        status = FollowStatus(verdict)
    except ValueError:
        status = None
    if status is None or status not in VERDICTS:
        raise VerdictInputError("verdict", "Verdict: choose met, partly met, not met or superseded")
    reasons = reasons.strip()
    if not reasons:
        raise VerdictInputError("reasons", "Reasons: give the reasons for this verdict")
    if len(reasons) > REASONS_MAX:
        raise VerdictInputError("reasons", f"Reasons: at most {REASONS_MAX:,} characters")
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if not worklist_open(locked):
            raise InputError(
                f"{locked.reference} is at {locked.get_status_display().lower()}: verdicts on earlier "
                "findings are recorded during planning and fieldwork only"
            )
        if not reviewed(locked).filter(pk=follow_up.pk).exists():
            raise InputError(f"{locked.reference} does not review this finding")
        if practice_only(locked, follow_up):
            raise InputError(
                f"{locked.reference} is an exercise: it reads the force's real findings but gives "
                "verdicts only on earlier exercises' findings"
            )
        current = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        before = current.follow_status
        if status is not before:
            try:
                check_move(before, status, Actor.INSPECTORATE, reasons)
            except MoveRefused as exc:
                raise VerdictInputError("verdict", f"Verdict: {exc}") from None
        update = write_verdict(current, status, reasons, by=by, given_in=locked)
        transaction.on_commit(lambda: verdict_given.send(sender=FollowUpdate, update=update))
    return update
