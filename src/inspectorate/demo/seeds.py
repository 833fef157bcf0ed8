"""The demo's published inspections read from the seed reports, where they are on this machine.

A machine with the five published Metropolitan reports (../shared/seeds beside the project, or
INSPECTORATE_SEEDS) imports them, so the demo's history is what the reports say, every grade and
finding located in its text. Each import takes the fixture inspection's reference, period and
summary (facts and our own words), so the rest of the demo finds the same inspections either way,
and the few findings the fixture marks ``kept_when_imported``: points a report makes without a
label that a later report says it raised (the importer reads labelled findings only).
Without the reports the fixture alone is used.
"""

from __future__ import annotations

from pathlib import Path

from inspectorate.core.fixtures import RecordedInspection
from inspectorate.core.ingest.model import ImportedReport
from inspectorate.core.ingest.read import import_report
from inspectorate.web.inspections.importing import store_report
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.reports.publishing import publish_as_published


def read_seeds(directory: Path) -> dict[str, tuple[Path, ImportedReport]]:
    """Framework id -> the report of that programme in ``directory`` (text, HTML or PDF files)."""
    found: dict[str, tuple[Path, ImportedReport]] = {}
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() not in {".txt", ".html", ".htm", ".pdf"} or not path.is_file():
            continue
        report = import_report(path, "metropolitan")
        if report.programme is not None:
            found.setdefault(report.programme, (path, report))
    return found


def import_seed(
    force_id: str, recorded: RecordedInspection, path: Path, report: ImportedReport
) -> Inspection:
    stored = store_report(report, path, reference=recorded.reference, force_id=force_id, publish=False)
    inspection = stored.inspection
    inspection.title = recorded.title
    inspection.period_label = recorded.period_label or ""
    inspection.period_start = recorded.period_start
    inspection.period_end = recorded.period_end
    inspection.published_label = inspection.published_label or recorded.published_label or ""
    inspection.published_on = recorded.published_on
    inspection.summary = recorded.summary or ""
    inspection.save()
    for finding in recorded.findings:
        if finding.kept_when_imported:
            save_finding(
                inspection,
                kind=finding.kind.value,
                area_ids=finding.areas,
                text=finding.text,
                note=finding.note or "",
            )
    publish_as_published(inspection)
    return inspection
