"""What a user reads of an inspection: the working copy, or the published record.

The inspection's team, staff, and its force's liaison at the factual-accuracy check see the working
copy. The inspection's invited contacts (its force's liaison, its local policing body) read a version
under embargo before it ends, marked on every page as embargoed, for their organisation only and not
to be passed on, published or quoted before then (``as_read_by``). Everyone else sees the latest
published version whose embargo has ended, and nothing else: on the inspection and area pages,
findings, history, lineage, the grades table, open data, reports, and every twin. A version never
changes; a correction is a new version with its reason.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from inspectorate.core.reports.context import ReportContext, context_from_json
from inspectorate.web.inspections.access import force_contact_role, reads_under_embargo, sees_working_copy
from inspectorate.web.inspections.documents import InspectionSummary, inspection_summary, record_summary
from inspectorate.web.inspections.models import ContactRole, Inspection, Status
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.reports.models import ReportVersion


def visible_versions(user: AnyUser, inspection: Inspection) -> list[ReportVersion]:
    """Every version for those who see the working copy; the others see those out of embargo."""
    versions = list(inspection.report_versions.select_related("published_by"))
    if sees_working_copy(user, inspection) or reads_under_embargo(user, inspection):
        return versions
    return [v for v in versions if v.is_public()]


def embargo_notice(user: AnyUser, inspection: Inspection, version: ReportVersion) -> str:
    """What every page of a copy read before its embargo ends says: until when, for whom, and that
    it is not to be passed on."""
    when = embargo_time(version.embargo_until)
    return (
        f"Embargoed until {when} (UK time). This copy is for {_organisation(user, inspection)} only: "
        "it may not be passed on, published or quoted before then."
    )


def _organisation(user: AnyUser, inspection: Inspection) -> str:
    name = getattr(getattr(user, "affiliation", None), "organisation_name", None)
    if isinstance(name, str) and name:
        return name
    if force_contact_role(user, inspection) == ContactRole.LOCAL_POLICING_BODY:
        return f"the local policing body for {inspection.force.name}"
    return inspection.force.name


def embargo_time(embargo_until: datetime.datetime | str | None) -> str:
    """When an embargo ends, in UK time, as pages say it: "5 January 2027 at 09:00"."""
    if embargo_until is None:
        return ""
    when = datetime.datetime.fromisoformat(embargo_until) if isinstance(embargo_until, str) else embargo_until
    return timezone.localtime(when).strftime("%-d %B %Y at %H:%M")


def as_read_by(user: AnyUser, inspection: Inspection, version: ReportVersion) -> ReportContext:
    """A version's report as this user reads it: an invited contact reading it before its embargo
    ends reads it marked with the notice; everyone else, as published."""
    context = context_from_json(version.context)
    if version.is_public() or sees_working_copy(user, inspection):
        return context
    # Under embargo, not yet published: its status says so until the embargo ends (the version as
    # frozen says "published", as it will be then).
    notice = embargo_notice(user, inspection, version)
    return context.model_copy(update={"embargo_notice": notice, "status": Status.EMBARGOED.value})


def embargoed_record(user: AnyUser, inspection: Inspection) -> tuple[ReportContext, ReportVersion] | None:
    """What an invited contact reads before the embargo ends: the latest version, marked with the
    notice. None for everyone else (those who see the working copy, those who wait for the public
    record), and once every embargo has ended."""
    if sees_working_copy(user, inspection) or not reads_under_embargo(user, inspection):
        return None
    latest = inspection.report_versions.order_by("-number").first()
    if latest is None:
        return None
    return as_read_by(user, inspection, latest), latest


def public_versions(inspection: Inspection) -> list[ReportVersion]:
    """The versions out of embargo, oldest first."""
    now = timezone.now()
    return [v for v in inspection.report_versions.all() if v.embargo_until <= now]


def public_record(inspection: Inspection) -> tuple[ReportContext, ReportVersion] | None:
    """The latest version out of embargo, as its frozen report; None while there is none."""
    versions = public_versions(inspection)
    if not versions:
        return None
    latest = versions[-1]
    return context_from_json(latest.context), latest


def record_for(user: AnyUser, inspection: Inspection) -> ReportContext | None:
    """None when the user sees the working copy; else the published record they read.

    Raises ``LookupError`` for a user who may see neither (an inspection not yet public): callers
    have made sure the inspection is visible to them, so this is a 404 that should not happen.
    """
    if sees_working_copy(user, inspection):
        return None
    found = embargoed_record(user, inspection) or public_record(inspection)
    if found is None:
        raise LookupError(f"{inspection.reference} has no published version out of embargo")
    return found[0]


def differences(working: ReportContext, published: ReportContext) -> list[str]:
    """Where the working copy differs from a published version, in plain words, for the team's banner."""
    found = []
    before = {line.area_id: line for line in published.grades}
    after = {line.area_id: line for line in working.grades}
    titles = {section.grade.area_id: section.grade.title for section in working.areas}
    for area in dict.fromkeys([*before, *after]):
        old, new = before.get(area), after.get(area)
        old_grade = (old.grade_label, old.direction_label) if old else (None, None)
        new_grade = (new.grade_label, new.direction_label) if new else (None, None)
        if old_grade != new_grade:
            found.append(f"{titles.get(area, area)}: {_grade(old_grade)} published, {_grade(new_grade)} now")
        elif (old.summary if old else None) != (new.summary if new else None):
            found.append(f"{titles.get(area, area)}: its summary has changed")
    published_texts = _finding_texts(published)
    working_texts = _finding_texts(working)
    added, removed = len(working_texts - published_texts), len(published_texts - working_texts)
    if added or removed:
        found.append(f"findings: {added} new or changed, {removed} removed or changed since publication")
    return found


def _grade(grade: tuple[str | None, str | None]) -> str:
    return " ".join(part for part in grade if part) or "no grade"


def _finding_texts(record: ReportContext) -> set[tuple[str, str]]:
    items = [*record.observations, *(item for section in record.areas for item in section.findings)]
    texts = {(item.kind, item.text) for item in items}
    texts |= {("recommendation", text) for item in items for text in item.recommendations}
    return texts


def summary_for(user: AnyUser, inspection: Inspection) -> InspectionSummary:
    """The inspection as a list shows it to this user: as recorded, or as published, or (for an
    invited contact before the embargo ends) as embargoed, never yet published."""
    if sees_working_copy(user, inspection):
        return inspection_summary(inspection)
    found = embargoed_record(user, inspection) or public_record(inspection)
    return record_summary(inspection, found[0]) if found else inspection_summary(inspection)
