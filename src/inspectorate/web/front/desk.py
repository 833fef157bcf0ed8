"""A signed-in user's desk: their inspections, and what awaits them there.

Everything here is drawn from the inspections the user may see (inspections/access.py), so the home
page says nothing of a draft that its other pages would hide. What awaits whom:

- a lead or moderator: each inspection whose next move forward is theirs and ready to make (its
  conditions hold: core/lifecycle.py), such as a report at the factual-accuracy check that can be
  published under embargo, or the breaches to resolve before it can; and, for a lead, each report
  version whose embargo ends within ``EMBARGO_SOON``;
- a moderator (reviewer): each inspection of theirs at moderation, with the graded areas awaiting
  their decision;
- an invited force liaison: the requests of the inspectorate still to answer while the plan is open,
  each draft at the factual-accuracy check, and each report they may read under embargo;
- someone invited from the local policing body: each report they may read under embargo;
- someone of a force: the findings of its reports still to follow up, with how many are overdue
  (web/followup);
- someone of a force's local policing body: each published report of the force whose response is
  still to publish, with its due date (web/responses);
- a lead, inspector, analyst or auditor: in each inspection still in progress, the force's answers to
  review, the factual-accuracy comments to answer, the audits with records to decide, the case-file
  reviews with case reviews to complete, and the areas not yet graded; in each in planning or
  fieldwork, the force's earlier findings still awaiting its verdict (web/followup/earlier.py);
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

from inspectorate.core.lifecycle import Way, moves_from
from inspectorate.web.accounts.roles import is_inspectorate
from inspectorate.web.audits.models import CdiAudit
from inspectorate.web.factcheck.state import unanswered_comments
from inspectorate.web.followup.awaiting import held_by_the_force
from inspectorate.web.followup.earlier import awaiting_verdict, worklist_open
from inspectorate.web.inspections.access import force_contact_role, listed_inspections, visible_inspections
from inspectorate.web.inspections.documents import (
    InspectionSummary,
    chronological,
    effective_status,
    inspection_summary,
)
from inspectorate.web.inspections.models import (
    WRITE_ROLES,
    ContactRole,
    Inspection,
    InspectionContact,
    Status,
    TeamMember,
    TeamRole,
)
from inspectorate.web.lifecycle.service import actors_of, gather_facts, stage_of
from inspectorate.web.moderation.state import awaiting_moderation
from inspectorate.web.pages.documents import Row
from inspectorate.web.plan.models import ForceRequest
from inspectorate.web.plan.services import RequestStatus, plan_open, request_status
from inspectorate.web.reports.models import ReportVersion
from inspectorate.web.reports.record import summary_for
from inspectorate.web.responses.services import responses_awaited
from inspectorate.web.reviews.models import CaseReview
from inspectorate.web.reviews.results import review_progress

EMBARGO_SOON = datetime.timedelta(days=7)
IN_PROGRESS = (Status.PLANNING, Status.FIELDWORK, Status.MODERATION, Status.FACTUAL_ACCURACY)
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
    """lead, inspector, analyst, auditor or reviewer (their place on the team), or liaison or
    local-policing-body (invited from the inspected force's side)."""
    role_label: str
    """The role in plain words: Lead inspector, Moderator, Force liaison, Local policing body..."""
    url: str
    """Where their work on it is: the inspection, or for a liaison before the draft is theirs to
    read, the requests of its plan."""


class Awaiting(Row):
    """One thing that awaits the user: a plain sentence saying how many, and where to see to it."""

    kind: str
    """publish, breaches, embargo-ends, moderation, factual-check, records-to-decide, cases-to-review,
    areas-to-grade, response-due, earlier-findings, follow-up or in-progress."""
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


def counted_invitations(user: User) -> list[InspectionContact]:
    """The user's invitations that count now: as the inspected force's liaison while they are of
    that force, as its local policing body while they are of that body (inspections/access.py)."""
    invited = InspectionContact.objects.filter(user=user).select_related("inspection")
    return [c for c in invited if force_contact_role(user, c.inspection) == c.role]


def my_inspections(user: User) -> list[MyInspection]:
    """The inspections the user is on the team of, or invited to (a force's liaison, the local
    policing body), with their role; oldest first by force. An invited liaison sees an inspection's
    plan from the start, its draft only at the factual-accuracy check: until then the link goes to
    the plan's requests, and nothing of the draft is shown."""
    places: dict[int, str] = {c.inspection_id: c.role for c in counted_invitations(user)}
    if is_inspectorate(user):  # team places count while the person is of the inspectorate
        places |= dict(TeamMember.objects.filter(user=user).values_list("inspection_id", "role"))
    visible = set(listed_inspections(user).filter(pk__in=places).values_list("pk", flat=True))
    mine = []
    invited = Inspection.objects.filter(pk__in=places).select_related("force", "framework")
    for inspection in chronological(invited.prefetch_related("report_versions")):
        role = places[inspection.pk]
        label = TeamRole(role).label if role in TeamRole.values else ContactRole(role).label
        if inspection.pk in visible:
            summary = summary_for(user, inspection)
            url = _inspection_url(inspection)
        elif role == ContactRole.LIAISON:
            summary = inspection_summary(inspection)  # no grade in it: the plan's pages show as much
            url = reverse("plan", kwargs={"code": inspection.code})
        else:
            continue  # the local policing body reads the report under embargo, nothing before
        mine.append(MyInspection(**dict(summary), role=role, role_label=label, url=url))
    return mine


def awaiting(user: User, now: datetime.datetime | None = None) -> list[Awaiting]:
    """What awaits the user, by kind, each kind in the order of the inspections it concerns."""
    now = now or timezone.now()
    visible = visible_inspections(user)
    led = visible.filter(team__user=user, team__role=TeamRole.LEAD)
    steering = visible.filter(team__user=user, team__role__in=(TeamRole.LEAD, TeamRole.REVIEWER))
    writing = visible.filter(status__in=IN_PROGRESS, team__user=user, team__role__in=WRITE_ROLES)
    invited = counted_invitations(user)
    items = [
        *_moves_ready(user, steering),
        *_embargoes_ending(led, now),
        *_to_moderate(
            visible.filter(status=Status.MODERATION, team__user=user, team__role=TeamRole.REVIEWER)
        ),
        *_requests_to_answer(invited),
        *_factual_checks(user, visible),
        *_embargoed_copies(invited, now),
        *_responses_to_publish(user, now),
        *_findings_held(user, now),
        *_answers_to_review(writing),
        *_comments_to_answer(writing),
        *_records_to_decide(writing),
        *_cases_to_review(writing),
        *_areas_to_grade(writing),
        *_earlier_to_judge(writing),
    ]
    if user.is_staff:
        items.extend(_in_progress(visible))
    return items


def _moves_ready(user: User, steering: QuerySet[Inspection]) -> Iterable[Awaiting]:
    """For a lead or moderator: each inspection whose next move forward is theirs to make and whose
    conditions all hold (core/lifecycle.py); for a lead at the factual-accuracy check whose report
    breaks a grading rule, the breaches to resolve before it can be published."""
    for inspection in chronological(steering.filter(status__in=IN_PROGRESS).distinct()):
        actors = actors_of(user, inspection)
        facts = gather_facts(inspection)
        for step in moves_from(stage_of(inspection)):
            if step.back or not step.by & actors:
                continue
            unmet = step.unmet(facts)
            if step.way is Way.PUBLISHING and facts.breaches:
                yield Awaiting(
                    kind="breaches",
                    text=f"{_counted(facts.breaches, 'grading-rule breach', 'grading-rule breaches')} to "
                    f"resolve before the report of {inspection.reference} can be published.",
                    count=facts.breaches,
                    url=_inspection_url(inspection, "breaches"),
                    inspection=inspection.reference,
                )
            elif unmet:
                continue
            elif step.way is Way.PUBLISHING:
                yield Awaiting(
                    kind="publish",
                    text=f"The report of {inspection.reference} can be published under embargo: every "
                    "factual-accuracy comment is answered and its grades break no grading rule.",
                    count=1,
                    url=_inspection_url(inspection, "report"),
                    inspection=inspection.reference,
                )
            else:
                yield Awaiting(
                    kind="move-ready",
                    text=f"{inspection.reference} is ready for its next step: {step.label.lower()}.",
                    count=1,
                    url=reverse("inspection-progress", kwargs={"code": inspection.code}),
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
        waiting = awaiting_moderation(inspection)
        if not waiting:
            continue
        yield Awaiting(
            kind="moderation",
            text=f"{inspection.reference} is at moderation: {_counted(waiting, 'graded area')} "
            "awaiting your decision.",
            count=waiting,
            url=reverse("moderation", kwargs={"code": inspection.code}),
            inspection=inspection.reference,
        )


def _requests_to_answer(invited: list[InspectionContact]) -> Iterable[Awaiting]:
    """For a liaison: the inspectorate's requests not yet answered (requested, returned or
    overdue), while the plan is open."""
    unanswered = (RequestStatus.REQUESTED, RequestStatus.RETURNED, RequestStatus.OVERDUE)
    liaisons = [c for c in invited if c.role == ContactRole.LIAISON]
    for contact in sorted(liaisons, key=lambda c: c.inspection.reference):
        inspection = contact.inspection
        if not plan_open(inspection):
            continue
        waiting = [
            r
            for r in ForceRequest.objects.filter(inspection=inspection, withdrawn=False).prefetch_related(
                "answers"
            )
            if request_status(r) in unanswered
        ]
        if not waiting:
            continue
        overdue = sum(1 for r in waiting if request_status(r) == RequestStatus.OVERDUE)
        first = min(r.due_on for r in waiting).strftime("%-d %B %Y")
        late = f", {overdue:,} overdue" if overdue else ""
        yield Awaiting(
            kind="requests-to-answer",
            text=f"{_counted(len(waiting), 'request')} from the inspectorate to answer for "
            f"{inspection.reference} (the first due on {first}{late}).",
            count=len(waiting),
            url=reverse("plan", kwargs={"code": inspection.code}),
            inspection=inspection.reference,
        )


def _factual_checks(user: User, visible: QuerySet[Inspection]) -> Iterable[Awaiting]:
    checks = visible.filter(
        status=Status.FACTUAL_ACCURACY, contacts__user=user, contacts__role=ContactRole.LIAISON
    ).distinct()
    for inspection in chronological(checks):
        yield Awaiting(
            kind="factual-check",
            text=f"The draft report of {inspection.reference} is at the factual-accuracy check: it awaits "
            f"{inspection.force.name}'s comments.",
            count=1,
            url=reverse("inspection-report", kwargs={"code": inspection.code}),
            inspection=inspection.reference,
        )


def _embargoed_copies(invited: list[InspectionContact], now: datetime.datetime) -> Iterable[Awaiting]:
    """For the force's liaison and the local policing body: each report theirs to read before its
    embargo ends, and not to pass on."""
    versions = ReportVersion.objects.filter(
        inspection__in=[c.inspection_id for c in invited], embargo_until__gt=now
    ).select_related("inspection")
    for version in sorted(set(versions), key=lambda v: (v.embargo_until, v.inspection.reference)):
        inspection = version.inspection
        when = timezone.localtime(version.embargo_until).strftime("%-d %B %Y at %H:%M")
        yield Awaiting(
            kind="embargoed-copy",
            text=f"The report of {inspection.reference} is yours to read under embargo until {when}: "
            "not to be passed on, published or quoted before then.",
            count=1,
            url=reverse("inspection-report", kwargs={"code": inspection.code}),
            inspection=inspection.reference,
        )


def _responses_to_publish(user: User, now: datetime.datetime) -> Iterable[Awaiting]:
    """For someone of a force's local policing body: each published report whose response (section 55
    of the Police Act 1996) is still to publish, with its due date."""
    for inspection, state in responses_awaited(user, timezone.localdate(now)):
        due = state.due_on.strftime("%-d %B %Y") if state.due_on else ""
        late = f", {state.days} days overdue" if state.standing == "overdue" else ""
        yield Awaiting(
            kind="response-due",
            text=f"Your response to the report of {inspection.reference} is due by {due}{late}.",
            count=1,
            url=reverse("inspection-response", kwargs={"code": inspection.code}),
            inspection=inspection.reference,
        )


def _findings_held(user: User, now: datetime.datetime) -> Iterable[Awaiting]:
    """For someone of a force: the findings to follow up of each report of their force (web/followup)."""
    for held in held_by_the_force(user, timezone.localdate(now)):
        late = f", {held.overdue:,} overdue" if held.overdue else ""
        yield Awaiting(
            kind="follow-up",
            text=f"Findings to follow up in {held.inspection.reference}: {held.count:,}{late}.",
            count=held.count,
            url=reverse("follow-up", kwargs={"code": held.inspection.code}),
            inspection=held.inspection.reference,
        )


def _answers_to_review(writing: QuerySet[Inspection]) -> Iterable[Awaiting]:
    for inspection in chronological(writing.distinct()):
        answered = [
            r
            for r in ForceRequest.objects.filter(inspection=inspection, withdrawn=False).prefetch_related(
                "answers"
            )
            if request_status(r) == RequestStatus.ANSWERED
        ]
        if answered:
            yield Awaiting(
                kind="answers-to-review",
                text=f"{_counted(len(answered), 'answer')} from {inspection.force.name} to accept or "
                f"return in {inspection.reference}.",
                count=len(answered),
                url=reverse("plan", kwargs={"code": inspection.code}),
                inspection=inspection.reference,
            )


def _comments_to_answer(writing: QuerySet[Inspection]) -> Iterable[Awaiting]:
    for inspection in chronological(writing.filter(status=Status.FACTUAL_ACCURACY).distinct()):
        waiting = unanswered_comments(inspection)
        if waiting:
            yield Awaiting(
                kind="comments-to-answer",
                text=f"{_counted(waiting, 'factual-accuracy comment')} from {inspection.force.name} to "
                f"answer in {inspection.reference}.",
                count=waiting,
                url=reverse("factual-accuracy", kwargs={"code": inspection.code}),
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


def _earlier_to_judge(writing: QuerySet[Inspection]) -> Iterable[Awaiting]:
    for inspection in chronological(writing.distinct()):
        if not worklist_open(inspection):
            continue
        waiting = awaiting_verdict(inspection)
        if waiting:
            yield Awaiting(
                kind="earlier-findings",
                text=f"{_counted(waiting, 'earlier finding')} of {inspection.force.name} awaiting the "
                f"verdict of {inspection.reference}.",
                count=waiting,
                url=reverse("earlier-findings", kwargs={"code": inspection.code}),
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
