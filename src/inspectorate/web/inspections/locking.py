"""A published inspection's working copy is locked: its published version is the record.

Its grades, findings, evidence and figures change only while a correction is open, which the lead
(or staff) opens with its reason; the next version published carries that reason, and closes it.
Fieldwork (audits, reviews) whose results a version has published stays closed: a correction
changes what the report says, not the samples behind it.
"""

from __future__ import annotations

from inspectorate.core.problems import InputError
from inspectorate.web.inspections.models import Inspection


class LockedRecord(InputError):
    """A change to a published inspection's working copy, with no correction open."""


def is_published(inspection: Inspection) -> bool:
    """Whether a version of the inspection's report has been published (under embargo or not)."""
    return inspection.report_versions.exists()


def is_locked(inspection: Inspection) -> bool:
    return is_published(inspection) and not inspection.correction_reason.strip()


def ensure_open(inspection: Inspection) -> None:
    """Refuse a change to the working copy of a published inspection with no correction open."""
    if is_locked(inspection):
        raise LockedRecord(
            f"{inspection.reference} is published, so its record is locked: "
            "open a correction, with its reason, to change it"
        )


def ensure_fieldwork_open(inspection: Inspection) -> None:
    """Refuse new fieldwork, or changes to it, once the inspection's report is published."""
    if is_published(inspection):
        raise LockedRecord(
            f"{inspection.reference} is published: its audits and reviews are closed, "
            "as their results are part of the published record"
        )
