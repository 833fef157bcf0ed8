"""An imported report stored as a published inspection of the workspace: its grades, its
findings, and its crime data integrity and case-review figures as evidence, each saying where in
the report it was read.

Everything goes through ``recording`` (so a grade not on the area's scale is refused as it would
be when typed in) and lands in one transaction: a report stores whole or not at all. What the
reader could not map (a heading with no area, a grade not on the scale) is kept as a warning,
never guessed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from inspectorate.core.ingest.document import read_document
from inspectorate.core.ingest.model import ImportedReport, Location
from inspectorate.core.problems import InputError
from inspectorate.web.history.stated import record_citations, resolve_citations
from inspectorate.web.inspections.models import (
    EvidenceKind,
    FigureSection,
    Inspection,
    Origin,
    PublishedFigure,
    Status,
)
from inspectorate.web.inspections.recording import (
    RecordingError,
    record_judgment,
    save_evidence,
    save_finding,
)
from inspectorate.web.inspections.vectors import one_job
from inspectorate.web.registry.models import FrameworkVersion
from inspectorate.web.reports.publishing import publish_as_published

# Short names of the programmes, for the inspection's reference: MPS-PEEL-2021, KENT-CDI-2017.
PROGRAMME_SHORT = {
    "ba-2006": "BA",
    "core-business-2014": "CORE",
    "peel-2015-effectiveness": "PEEL",
    "peel-2018": "PEEL",
    "peel-2021": "PEEL",
    "cdi-2016": "CDI",
}


@dataclass(frozen=True)
class StoredImport:
    inspection: Inspection
    judgments: int
    findings: int
    warnings: tuple[str, ...]


def where(at: Location | None) -> str:
    return f"line {at.line}" if at is not None else "place not recorded"


def _level_id(scale_levels: list[tuple[str, str]], label: str) -> str | None:
    wanted = " ".join(label.split()).casefold()
    return next((level_id for level_id, text in scale_levels if text.casefold() == wanted), None)


def store_report(
    report: ImportedReport,
    path: Path,
    *,
    reference: str | None = None,
    force_id: str | None = None,
    publish: bool = True,
) -> StoredImport:
    """A published inspection made from the report, its first version the report as published;
    InputError when it cannot be stored. ``publish=False`` leaves the version to the caller, which
    completes the inspection first (the demo gives it its fixture's title and period)."""
    force = force_id or report.force_id
    if report.programme is None:
        raise InputError(f"{report.source}: the programme was not recognised, so there is nothing to store")
    if force is None:
        raise InputError(f"{report.source}: no force is named in the report; give --force")
    framework = FrameworkVersion.objects.filter(id=report.programme).first()
    if framework is None:
        raise InputError(f"{report.source}: no framework {report.programme!r} in this workspace")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    already = Inspection.objects.filter(provenance__contains=digest).first()
    if already is not None:
        raise InputError(f"{report.source}: already imported as {already.reference}")
    warnings: list[str] = []
    # Its findings' embeddings are made by one background job, queued once the report is stored.
    with transaction.atomic(), one_job():
        inspection = Inspection(
            title=f"{report.programme_title or framework.title}: {report.force_name or force}",
            force_id=force,
            framework=framework,
            status=Status.PUBLISHED,
            published_label=report.date or "",
            source=f"{report.programme_title or framework.title}, as published",
            provenance=f"Imported from {report.source} (SHA-256 {digest})",
            origin=Origin.IMPORTED,
        )
        year = (report.framework_version or framework.version or "")[:4]
        base = f"{force.upper()}-{PROGRAMME_SHORT.get(report.programme, 'INSPECTION')}-{year}".strip("-")
        inspection.reference = reference or _free(base)
        if Inspection.objects.filter(reference=inspection.reference).exists():
            raise InputError(f"an inspection called {inspection.reference!r} already exists")
        inspection.save()
        spec = inspection.spec
        judgments = 0
        for judgment in report.judgments:
            if judgment.area_id is None:
                warnings.append(f"{judgment.title!r} ({where(judgment.at)}): no framework area matches it")
                continue
            area = spec.area(judgment.area_id)
            grade = direction = ""
            if judgment.grade is not None and area.scale:
                levels = [(level.id, level.label) for level in spec.scale(area.scale).levels]
                grade = _level_id(levels, judgment.grade) or ""
                if not grade:
                    warnings.append(
                        f"{judgment.title!r}: grade {judgment.grade!r} is not on the area's scale"
                    )
            if judgment.direction is not None and area.direction_scale:
                levels = [(level.id, level.label) for level in spec.scale(area.direction_scale).levels]
                direction = _level_id(levels, judgment.direction) or ""
                if not direction:
                    warnings.append(
                        f"{judgment.title!r}: direction {judgment.direction!r} is not on its scale"
                    )
            if grade or direction:
                source = f"Read from {report.source}, {where(judgment.grade_at or judgment.at)}."
                try:
                    record_judgment(
                        inspection, judgment.area_id, grade=grade, direction=direction, source=source
                    )
                except RecordingError as exc:
                    warnings.append(f"{judgment.title!r}: {exc}")
                    continue
                judgments += 1
        findings = 0
        for finding in report.findings:
            areas = [finding.area_id] if finding.area_id else []
            note = f"Read from {report.source}, {where(finding.at)}."
            try:
                saved = save_finding(
                    inspection, kind=finding.kind.value, area_ids=areas, text=finding.text, note=note
                )
                for text in finding.recommendations:
                    save_finding(
                        inspection, kind="recommendation", area_ids=areas, text=text, parent=saved, note=note
                    )
            except RecordingError as exc:
                warnings.append(f"finding at {where(finding.at)}: {exc}")
                continue
            findings += 1
        _store_figures(inspection, report)
        # The report's own references to earlier findings, resolved once its dates are final.
        record_citations(inspection, read_document(path).lines)
        if publish:
            publish_as_published(inspection)
            resolve_citations(inspection)
    return StoredImport(inspection, judgments, findings, tuple(warnings))


def _free(base: str) -> str:
    """``base``, else ``base-2``, ``base-3``...: the first reference no inspection has."""
    reference, number = base, 1
    while Inspection.objects.filter(reference=reference).exists():
        number += 1
        reference = f"{base}-{number}"
    return reference


PUBLISHED_METHOD = "As published in the report"


def _published_figures(inspection: Inspection, report: ImportedReport) -> None:
    """Each figure as a row of its own, for reports and open data; where it was read is its source."""
    rows = [
        PublishedFigure(
            section=FigureSection.CRIME_DATA_INTEGRITY,
            measure=f"Recording rate, {figure.scope}",
            percent=figure.percent,
            ci_plus_minus=figure.ci_plus_minus,
            period=figure.year or "",
            provenance=f"{report.source}, {where(figure.at)}",
        )
        for figure in report.cdi_figures
    ]
    rows += [
        PublishedFigure(
            section=FigureSection.CRIME_DATA_INTEGRITY,
            measure=volume.measure,
            value=volume.value,
            provenance=f"{report.source}, {where(volume.at)}",
        )
        for volume in report.cdi_volumes
    ]
    rows += [
        PublishedFigure(
            section=FigureSection.CASE_REVIEW,
            measure=count.measure,
            n=count.n,
            m=count.m,
            provenance=f"{report.source}, {where(count.at)}",
        )
        for count in report.case_review_counts
    ]
    rows += [
        PublishedFigure(
            section=FigureSection.CASE_REVIEW,
            measure=total.measure,
            value=total.count,
            provenance=f"{report.source}, {where(total.at)}",
        )
        for total in report.case_review_totals
    ]
    for position, row in enumerate(rows):
        row.inspection, row.position, row.method = inspection, position, PUBLISHED_METHOD
        row.source = inspection.source  # the report itself; where in it is the team's provenance
        row.save()


def _store_figures(inspection: Inspection, report: ImportedReport) -> None:
    _published_figures(inspection, report)
    known = {place.area.id for place in inspection.spec.walk()}
    if report.cdi_figures or report.cdi_volumes:
        lines = [
            f"{figure.percent:g}% (+/- {figure.ci_plus_minus:g}) of {figure.scope}"
            f"{f' in the {figure.year} inspection' if figure.year else ''} ({where(figure.at)})"
            for figure in report.cdi_figures
        ]
        lines += [f"{volume.value:,}: {volume.measure} ({where(volume.at)})" for volume in report.cdi_volumes]
        areas = [area for area in ("crime-recording",) if area in known]
        save_evidence(
            inspection,
            area_ids=areas,
            kind=EvidenceKind.AUDIT,
            title="Crime data integrity estimates, as published",
            description="\n".join(lines),
            attributed_to=f"Imported from {report.source}",
        )
    if report.case_review_counts or report.case_review_totals:
        lines = [
            f"{count.n} of {count.m}: {count.measure} ({where(count.at)})"
            for count in report.case_review_counts
        ]
        lines += [
            f"{total.count}: {total.measure} ({where(total.at)})" for total in report.case_review_totals
        ]
        areas = [area for area in ("victim-service-assessment",) if area in known]
        save_evidence(
            inspection,
            area_ids=areas,
            kind=EvidenceKind.CASE_REVIEW,
            title="Case-file review counts, as published",
            description="\n".join(lines),
            attributed_to=f"Imported from {report.source}",
        )
