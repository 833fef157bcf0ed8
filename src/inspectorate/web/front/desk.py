"""A signed-in user's desk: their inspections, and what awaits them there.

Everything here is drawn from the inspections the user may see (inspections/access.py), so the home
page says nothing of a draft that its other pages would hide. What awaits whom:

- a lead: each inspection at moderation or the factual-accuracy check with no published version yet,
  whose report can be published (no grading-rule breach) or has breaches to resolve first; and each
  report version whose embargo ends within ``EMBARGO_SOON``;
- a moderator (reviewer): each inspection of theirs at moderation, with its graded areas to read;
- a force's liaison: each of their force's inspections at the factual-accuracy check;
- a lead, inspector or analyst: in each inspection still in progress, the audits with records to
  decide, the case-file reviews with case reviews to complete, and the areas not yet graded;
- staff: every inspection in progress, counted by status.

Each item is a plain sentence with its count and a link to where the work is done.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from inspectorate.web.audits.models import CdiAudit
from inspectorate.web.inspections.access import listed_inspections, visible_inspections
from inspectorate.web.inspections.documents import (
    InspectionSummary,
    breaches_for,
    chronological,
    effective_status,
)
from inspectorate.web.inspections.models import WRITE_ROLES, Inspection, Status, TeamMember, TeamRole
from inspectorate.web.pages.documents import Row
from inspectorate.web.reports.models import ReportVersion
from inspectorate.web.reports.record import summary_for
from inspectorate.web.reviews.models import CaseReview
from inspectorate.web.reviews.results import review_progress

EMBARGO_SOON = datetime.timedelta(days=7)
IN_PROGRESS = (Status.PLANNING, Status.FIELDWORK, Status.MODERATION, Status.FACTUAL_ACCURACY)
# After the fieldwork and its moderation, the report is what comes next.
READY_FOR_REPORT = (Status.MODERATION, Status.FACTUAL_ACCURACY)
LIAISON = "liaison"
# How staff's counts name each status in a sentence: "2 inspections at fieldwork".
STATUS_PHRASES = {
    Status.PLANNING: "in planning",
    Status.FIELDWORK: "at fieldwork",
    Status.MODERATION: "at moderation",
    Status.FACTUAL_ACCURACY: "at the factual-accuracy check",
    Status.EMBARGOED: "under embargo",
}


class MyInspection(InspectionSummary):
    """One of the user's inspections: one they are on the team of, or their force's as its liaison."""

    role: str
    """lead, inspector, analyst or reviewer (their place on the team), or liaison (their force's)."""
    role_label: str
    """The role in plain words: Lead inspector, Moderator (reads only), Force liaison..."""


class Awaiting(Row):
    """One thing that awaits the user: a plain sentence saying how many, and where to see to it."""

    kind: str
    """publish, breaches, embargo-ends, moderation, factual-check, records-to-decide, cases-to-review,
    areas-to-grade or in-progress."""
    text: str
    """A plain sentence, with the count in it."""
    count: int
    """How many: records, case reviews, areas, breaches or inspections; 1 for a report or a check."""
    url: str
    """Where to see to it: the inspection, its report, the audit or review, or a list."""
    inspection: str | None
    """The inspection's reference, where the item is about one."""


def _counted(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count:,} {singular if count == 1 else (plural or singular + 's')}"


def _inspection_url(inspection: Inspection, anchor: str = "") -> str:
    return reverse("inspection", kwargs={"code": inspection.code}) + (f"#{anchor}" if anchor else "")


def my_inspections(user: User) -> list[MyInspection]:
    """The inspections the user is on the team of, with their role, and, for a force's liaison, the
    force's inspections they may see; oldest first by force."""
    places = dict(TeamMember.objects.filter(user=user).values_list("inspection_id", "role"))
    affiliation = getattr(user, "affiliation", None)
    rule = Q(team__user=user)
    if affiliation is not None:
        rule |= Q(force_id=affiliation.force_id)
    mine = []
    for inspection in chronological(listed_inspections(user).filter(rule).distinct()):
        role = places.get(inspection.pk, LIAISON)
        label = TeamRole(role).label if role != LIAISON else "Force liaison"
        mine.append(MyInspection(**dict(summary_for(user, inspection)), role=role, role_label=label))
    return mine


def awaiting(user: User, now: datetime.datetime | None = None) -> list[Awaiting]:
    """What awaits the user, by kind, each kind in the order of the inspections it concerns."""
    now = now or timezone.now()
    visible = visible_inspections(user)
    led = visible.filter(team__user=user, team__role=TeamRole.LEAD)
    writing = visible.filter(status__in=IN_PROGRESS, team__user=user, team__role__in=WRITE_ROLES)
    items = [
        *_reports_to_publish(led),
        *_embargoes_ending(led, now),
        *_to_moderate(
            visible.filter(status=Status.MODERATION, team__user=user, team__role=TeamRole.REVIEWER)
        ),
        *_factual_checks(user, visible),
        *_records_to_decide(writing),
        *_cases_to_review(writing),
        *_areas_to_grade(writing),
    ]
    if user.is_staff:
        items.extend(_in_progress(visible))
    return items


def _reports_to_publish(led: QuerySet[Inspection]) -> Iterable[Awaiting]:
    for inspection in chronological(led.filter(status__in=READY_FOR_REPORT, report_versions__isnull=True)):
        breaches = len(breaches_for(inspection))
        if breaches:
            yield Awaiting(
                kind="breaches",
                text=f"{_counted(breaches, 'grading-rule breach', 'grading-rule breaches')} to resolve "
                f"before the report of {inspection.reference} can be published.",
                count=breaches,
                url=_inspection_url(inspection, "breaches"),
                inspection=inspection.reference,
            )
        else:
            yield Awaiting(
                kind="publish",
                text=f"The report of {inspection.reference} can be published: its grades break no "
                "grading rule.",
                count=1,
                url=_inspection_url(inspection, "report"),
                inspection=inspection.reference,
            )


def _embargoes_ending(led: QuerySet[Inspection], now: datetime.datetime) -> Iterable[Awaiting]:
    versions = ReportVersion.objects.filter(
        inspection__in=led, embargo_until__gt=now, embargo_until__lte=now + EMBARGO_SOON
    ).select_related("inspection")
    for version in sorted(versions, key=lambda v: (v.embargo_until, v.inspection.reference)):
        inspection = version.inspection
        when = timezone.localtime(version.embargo_until).strftime("%-d %B %Y at %H:%M")
        yield Awaiting(
            kind="embargo-ends",
            text=f"The report of {inspection.reference} (version {version.number}) comes out of embargo "
            f"on {when}.",
            count=1,
            url=_inspection_url(inspection, "report"),
            inspection=inspection.reference,
        )


def _to_moderate(reviewing: QuerySet[Inspection]) -> Iterable[Awaiting]:
    for inspection in chronological(reviewing):
        graded = inspection.judgments.exclude(grade="").count()
        yield Awaiting(
            kind="moderation",
            text=f"{inspection.reference} is at moderation: {_counted(graded, 'graded area')} to read.",
            count=graded,
            url=_inspection_url(inspection, "judgments"),
            inspection=inspection.reference,
        )


def _factual_checks(user: User, visible: QuerySet[Inspection]) -> Iterable[Awaiting]:
    affiliation = getattr(user, "affiliation", None)
    if affiliation is None:
        return
    checks = visible.filter(force_id=affiliation.force_id, status=Status.FACTUAL_ACCURACY)
    for inspection in chronological(checks):
        yield Awaiting(
            kind="factual-check",
            text=f"The draft report of {inspection.reference} is at the factual-accuracy check: it awaits "
            f"{inspection.force.name}'s comments.",
            count=1,
            url=reverse("inspection-report", kwargs={"code": inspection.code}),
            inspection=inspection.reference,
        )


def _records_to_decide(writing: QuerySet[Inspection]) -> Iterable[Awaiting]:
    audits = (
        CdiAudit.objects.filter(inspection__in=writing)
        .annotate(undecided=Count("records", filter=Q(records__should_record="")))
        .filter(undecided__gt=0)
        .select_related("inspection")
        .order_by("reference")
    )
    for audit in audits:
        yield Awaiting(
            kind="records-to-decide",
            text=f"{_counted(audit.undecided, 'record')} to decide in the crime data integrity audit "
            f"{audit.reference}.",
            count=audit.undecided,
            url=reverse("audit", kwargs={"code": audit.inspection.code, "audit_code": audit.code}),
            inspection=audit.inspection.reference,
        )


def _cases_to_review(writing: QuerySet[Inspection]) -> Iterable[Awaiting]:
    reviews = CaseReview.objects.filter(inspection__in=writing).select_related("inspection")
    for review in reviews.order_by("reference"):
        progress = review_progress(review)
        first = progress.cases - progress.complete
        second = progress.second_picked - progress.second_complete
        if not first + second:
            continue
        seconds = f" ({_counted(second, 'second review')})" if second else ""
        yield Awaiting(
            kind="cases-to-review",
            text=f"{_counted(first + second, 'case review')} to complete in the case-file review "
            f"{review.reference}{seconds}.",
            count=first + second,
            url=reverse("review", kwargs={"code": review.inspection.code, "review_code": review.code}),
            inspection=review.inspection.reference,
        )


def _areas_to_grade(writing: QuerySet[Inspection]) -> Iterable[Awaiting]:
    for inspection in chronological(writing.distinct()):
        graded = set(inspection.judgments.exclude(grade="").values_list("area_id", flat=True))
        ungraded = sum(
            1 for place in inspection.spec.walk() if place.area.graded and place.area.id not in graded
        )
        if ungraded:
            yield Awaiting(
                kind="areas-to-grade",
                text=f"{_counted(ungraded, 'area')} of {inspection.reference} not yet graded.",
                count=ungraded,
                url=_inspection_url(inspection, "judgments"),
                inspection=inspection.reference,
            )


def _in_progress(visible: QuerySet[Inspection]) -> Iterable[Awaiting]:
    """Every inspection not yet published, by status; an embargoed one whose embargo has ended is
    published (inspections/documents.py, effective_status)."""
    counts: dict[str, int] = {}
    for inspection in visible.exclude(status=Status.PUBLISHED):
        status = effective_status(inspection)
        counts[status] = counts.get(status, 0) + 1
    for status, phrase in STATUS_PHRASES.items():
        count = counts.get(status.value, 0)
        if count:
            yield Awaiting(
                kind="in-progress",
                text=f"{_counted(count, 'inspection')} {phrase}.",
                count=count,
                url=f"{reverse('inspections')}?status={status.value}",
                inspection=None,
            )
