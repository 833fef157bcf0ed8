"""A report and its published versions as typed documents."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ConfigDict

from inspectorate.core.reports.context import ReportContext, csv_rows
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.reports.models import ReportVersion


class VersionSummary(Document):
    """A published version of an inspection's report."""

    number: int
    embargo_until: str
    """When it became (or becomes) public."""
    public: bool
    published_at: str
    published_by: str | None
    reason: str | None
    """Why it corrects the version before; none for the first."""
    content_sha256: str
    """SHA-256 of the version's canonical JSON: it never changes."""


def version_summary(version: ReportVersion) -> VersionSummary:
    return VersionSummary(
        number=version.number,
        embargo_until=version.embargo_until.isoformat(),
        public=version.is_public(),
        published_at=version.published_at.isoformat(),
        published_by=version.published_by.get_username() if version.published_by else None,
        reason=version.reason or None,
        content_sha256=version.content_hash,
    )


class ReportRow(Row):
    """A grade, finding, indicator or figure of the report, with its section; an indicator has one
    ``compared_KIND`` column per comparator."""

    model_config = ConfigDict(extra="allow")
    section: str
    area: str | None = None
    title: str | None = None
    kind: str | None = None
    text: str | None = None
    value: str | None = None
    direction: str | None = None
    percent: float | None = None
    ci_plus_minus: float | None = None
    n: int | None = None
    m: int | None = None
    count: int | None = None
    period: str | None = None
    method: str | None = None
    source: str | None = None


class ReportPage(ReportContext, PageDocument):
    """A report: its HTML, PDF, JSON and CSV all render from it (core/reports/context.py)."""

    ROW = ReportRow

    def csv_rows(self) -> Sequence[ReportRow]:
        return [ReportRow(**row) for row in csv_rows(self)]
