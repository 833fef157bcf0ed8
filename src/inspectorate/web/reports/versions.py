"""Which published versions of a report a user may see."""

from __future__ import annotations

from inspectorate.web.inspections.access import sees_working_copy
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.reports.models import ReportVersion


def visible_versions(user: AnyUser, inspection: Inspection) -> list[ReportVersion]:
    """Every version for those who see the working copy; the others see those out of embargo."""
    versions = list(inspection.report_versions.select_related("published_by"))
    if sees_working_copy(user, inspection):
        return versions
    return [v for v in versions if v.is_public()]
