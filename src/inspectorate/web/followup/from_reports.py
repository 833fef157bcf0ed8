"""A later report's own word on an earlier finding, as that finding's verdict.

When a published report says what became of an earlier finding ("the force is still not wholly
compliant", "we are disappointed that this hasn't improved"), read on import as a stated citation
(web/history/stated.py), the earlier finding's follow-up takes that verdict: in the later inspection,
on its publication date, with reasons in our words naming the report and where it says so. A
person's verdict given since that report was published stands; so does a verdict an even later
report gave. Each verdict so given is logged as a ``FollowUpdate`` of kind verdict with no author.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from inspectorate.core.followup.states import FollowStatus
from inspectorate.core.reports.dates import publication_day
from inspectorate.web.followup.models import FollowUp, FollowUpdate, UpdateKind
from inspectorate.web.followup.services import known_publication_date
from inspectorate.web.inspections.models import Finding, Inspection

VERDICT_OF = {
    "met": FollowStatus.MET,
    "partly-met": FollowStatus.PARTLY_MET,
    "not-met": FollowStatus.NOT_MET,
}


def report_day(inspection: Inspection) -> datetime.date | None:
    """When the later report was published: its date, else the date its label gives, else (for a
    report run here) the day its first version came out; None for a report published elsewhere
    that printed no date, as the day it was recorded here is not its publication day."""
    if inspection.published_on:
        return inspection.published_on
    day = publication_day(inspection.published_label.strip()) if inspection.published_label else None
    if day is not None:
        return day
    return known_publication_date(inspection)


def reasons_for(later: Inspection, outcome: str, line: int | None) -> str:
    label = VERDICT_OF[outcome].label.lower()
    where = f"line {line} of the report" if line is not None else "one of its findings"
    return (
        f"Given by the report of {later.reference} ({later.title}): read as {label} from what it says "
        f"of this finding ({where})."
    )


def verdict_from_report(
    earlier: Finding, later: Inspection, outcome: str, *, line: int | None = None
) -> FollowUpdate | None:
    """Set ``earlier``'s verdict from what the later report states; None when nothing changes:
    no outcome stated, the finding not followed, or a person (or a later report) has judged since."""
    status = VERDICT_OF.get(outcome)
    if status is None:
        return None
    day = report_day(later)
    with transaction.atomic():
        follow_up = FollowUp.objects.select_for_update().filter(finding=earlier).first()
        if follow_up is None:
            return None
        # A person's verdict or reopening stands over what a report said before it.
        judged = FollowUpdate.objects.filter(
            follow_up=follow_up, kind__in=[UpdateKind.VERDICT, UpdateKind.REOPENED]
        )
        by_people = judged.filter(author__isnull=False)
        if day is None and by_people.exists():
            return None
        if day is not None and by_people.filter(created_at__date__gte=day).exists():
            return None
        by_a_report = follow_up.verdict_in_id is not None and follow_up.verdict_by_id is None
        if by_a_report and follow_up.verdict_on and day is not None and follow_up.verdict_on > day:
            return None  # an even later report has spoken
        reasons = reasons_for(later, outcome, line)
        if follow_up.status == status.value and follow_up.verdict_in_id == later.pk:
            return None  # read again: the same verdict from the same report
        before = follow_up.status
        follow_up.status = status.value
        follow_up.verdict_reasons = reasons
        follow_up.verdict_on = day
        follow_up.verdict_by = None
        follow_up.verdict_in = later
        follow_up.save()
        return FollowUpdate.objects.create(
            follow_up=follow_up,
            kind=UpdateKind.VERDICT,
            author=None,
            body=reasons,
            status_from=before,
            status_to=status.value,
            given_in=later,
        )
