"""Which published versions of a report a user may see, and each as a plain summary."""

from __future__ import annotations

from typing import Any

from inspectorate.web.inspections.access import AnyUser, sees_working_copy
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.reports.models import ReportVersion


def visible_versions(user: AnyUser, inspection: Inspection) -> list[ReportVersion]:
    """Every version for those who see the working copy; the others see those out of embargo."""
    versions = list(inspection.report_versions.select_related("published_by"))
    if sees_working_copy(user, inspection):
        return versions
    return [v for v in versions if v.is_public()]


def version_summary(version: ReportVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "embargo_until": version.embargo_until.isoformat(),
        "public": version.is_public(),
        "published_at": version.published_at.isoformat(),
        "published_by": version.published_by.get_username() if version.published_by else None,
        "reason": version.reason or None,
        "content_sha256": version.content_hash,
    }
