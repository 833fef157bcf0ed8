"""The factual-accuracy check's rules, one home for the pages and the command line.

- the force's liaison invited to the inspection comments on the draft report while it is at the
  check, on a paragraph, a finding, a judgment, a figure, or the whole;
- the team's writers (lead, inspector, analyst, auditor) and staff answer each comment, at the check:
  accepted, with the amendment made, or not accepted, with the reason;
- the log (every comment and its answer) is read by the team, of any role, staff, and the liaison,
  at the check and after it, publication included; by no one else (not the local policing body).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from inspectorate.core.problems import InputError
from inspectorate.web.factcheck.models import Answer, Comment, Decision
from inspectorate.web.factcheck.targets import find_target
from inspectorate.web.inspections.access import can_write, force_contact_role, on_team
from inspectorate.web.inspections.models import ContactRole, Inspection, Status
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.reports.build import report_context

# The statuses at which and after which the liaison reads the log.
FROM_THE_CHECK = frozenset({Status.FACTUAL_ACCURACY, Status.EMBARGOED, Status.PUBLISHED})


class NotAllowed(InputError):
    """The user may not do this (a 403 on the pages; one line on the command line)."""


def is_liaison(user: AnyUser, inspection: Inspection) -> bool:
    return force_contact_role(user, inspection) == ContactRole.LIAISON


def reads_log(user: AnyUser, inspection: Inspection) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff or on_team(user, inspection):
        return True
    return inspection.status in FROM_THE_CHECK and is_liaison(user, inspection)


def at_the_check(inspection: Inspection) -> bool:
    return inspection.status == Status.FACTUAL_ACCURACY


def may_comment(user: AnyUser, inspection: Inspection) -> bool:
    return at_the_check(inspection) and is_liaison(user, inspection)


def may_answer(user: AnyUser, inspection: Inspection) -> bool:
    return at_the_check(inspection) and can_write(user, inspection)


def add_comment(inspection: Inspection, user: User, on: str, text: str) -> Comment:
    """The liaison's comment on the part of the draft report ``on`` names, quoting it as it stands."""
    if not may_comment(user, inspection):
        if not at_the_check(inspection):
            raise NotAllowed(f"{inspection.reference} is not at the factual-accuracy check: no comments now")
        raise NotAllowed("only the force's liaison invited to the inspection comments on its draft report")
    if not text.strip():
        raise InputError("enter your comment")
    target = find_target(report_context(inspection, with_numbers=False), on)
    return Comment.objects.create(
        inspection=inspection,
        target_kind=target.kind,
        target=target.ref,
        quoted=target.quoted,
        text=text.strip(),
        author=user,
    )


def answer_comment(
    comment: Comment, user: User, decision: str, amendment: str = "", reason: str = ""
) -> Answer:
    """The team's answer: accepted with the amendment made, or not accepted with the reason. Once."""
    inspection = comment.inspection
    if not may_answer(user, inspection):
        if not at_the_check(inspection):
            raise NotAllowed(f"{inspection.reference} is not at the factual-accuracy check: no answers now")
        raise NotAllowed(
            "only the inspection's team (lead, inspector, analyst, auditor) and staff answer comments"
        )
    if decision not in Decision.values:
        raise InputError(f"answer {decision!r}: choose accepted or not-accepted")
    amendment, reason = amendment.strip(), reason.strip()
    if decision == Decision.ACCEPTED and not amendment:
        raise InputError("say what was amended")
    if decision == Decision.NOT_ACCEPTED and not reason:
        raise InputError("give the reason it is not accepted")
    try:
        with transaction.atomic():
            return Answer.objects.create(
                comment=comment,
                decision=decision,
                amendment=amendment if decision == Decision.ACCEPTED else "",
                reason=reason if decision == Decision.NOT_ACCEPTED else "",
                answered_by=user,
            )
    except IntegrityError:  # answered already, or by two people at once: the first answer stands
        raise InputError(_answered(comment)) from None


def _answered(comment: Comment) -> str:
    answer = Answer.objects.select_related("answered_by").get(comment=comment)
    who = answer.answered_by.get_username() if answer.answered_by else "someone"
    return f"this comment was answered already, by {who} on {answer.answered_at:%d %B %Y}"
