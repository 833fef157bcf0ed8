"""An imported report stored as a published inspection of the workspace: its grades, its
findings, and its crime data integrity and case-review figures as evidence, each saying where in
the report it was read.

Everything goes through ``recording`` (so a grade not on the area's scale is refused as it would
be when typed in) and lands in one transaction: a report stores whole or not at all. What the
reader could not map (a heading with no area, a grade not on the scale) is kept as a warning,
never guessed.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, transaction

from inspectorate.core.frameworks.library import library
from inspectorate.core.ingest.document import read_document
from inspectorate.core.ingest.model import ImportedReport, Location
from inspectorate.core.problems import InputError
from inspectorate.core.reports.dates import publication_day
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
from inspectorate.web.registry.frameworks import store_framework
from inspectorate.web.registry.models import FrameworkVersion
from inspectorate.web.reports.publishing import publish_as_published

# Short names of the programmes, for the inspection's reference: MPS-PEEL-2021, KENT-CDI-2017.
PROGRAMME_SHORT = {
    "ba-2004": "BA",
    "ba-2005": "BA",
    "ba-2006": "BA",
    "core-business-2014": "CORE",
    "crime-inspection-2014": "CRIME",
    "cdi-2014": "CDI",
    "cdi-2016": "CDI",
    "peel-2014": "PEEL",
    "peel-2015": "PEEL",
    "peel-2015-effectiveness": "PEEL",
    "peel-2016": "PEEL",
    "peel-2017": "PEEL",
    "peel-2018": "PEEL",
    "peel-2021": "PEEL",
    "peel-2023": "PEEL",
    "peel-2025": "PEEL",
}


@dataclass(frozen=True)
class StoredImport:
    inspection: Inspection
    judgments: int
    findings: int
    warnings: tuple[str, ...]


def file_digest(path: Path) -> str:
    """The SHA-256 of the file's bytes: what recognises a report imported before, whatever its name."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def imported_as(digest: str) -> Inspection | None:
    """The inspection imported from the file with this SHA-256, if any."""
    return Inspection.objects.filter(source_sha256=digest).first()


def single_year(in_use: str) -> str:
    """The year of a programme run in one year or one round ("2016", "2018/19", "2023-25"), which
    every page of its reports shares; "" for a programme of several inspections a force may have
    had ("2016 to 2020"), where only the report's own printed year tells them apart."""
    return in_use if re.fullmatch(r"\d{4}(?:[/-]\d{2})?", in_use) else ""


def framework_known(programme_id: str) -> bool:
    """Whether a report of this programme can be stored: its framework is in the workspace, or in the
    shipped library (and is then brought in as the report is stored)."""
    return programme_id in library() or FrameworkVersion.objects.filter(id=programme_id).exists()


def _framework(programme_id: str, source: str) -> FrameworkVersion:
    """The workspace's version of the programme's framework. A workspace made before the library
    gained the programme has none yet: the library's is stored then, as `init` would have."""
    stored = FrameworkVersion.objects.filter(id=programme_id).first()
    if stored is not None:
        return stored
    spec = library().get(programme_id)
    if spec is None:
        raise InputError(f"{source}: no framework {programme_id!r} in this workspace or the library")
    store_framework(spec, FrameworkVersion.ORIGIN_LIBRARY)
    return FrameworkVersion.objects.get(id=programme_id)


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
    if not framework_known(report.programme):
        raise InputError(
            f"{report.source}: no framework {report.programme!r} in this workspace or the library"
        )
    digest = file_digest(path)
    already = imported_as(digest)
    if already is not None:
        raise InputError(f"{report.source}: already imported as {already.reference}")
    try:
        return _store(report, path, digest, force, reference=reference, publish=publish)
    except IntegrityError:
        # The same file, or another report taking the same reference, stored at the same moment by
        # another import: nothing of this one was kept (its transaction rolled back).
        twin = imported_as(digest)
        if twin is not None:
            raise InputError(f"{report.source}: already imported as {twin.reference}") from None
        raise InputError(
            f"{report.source}: another report was being stored under the same name at the same moment; "
            "nothing was stored, import it again"
        ) from None


def _store(
    report: ImportedReport, path: Path, digest: str, force: str, *, reference: str | None, publish: bool
) -> StoredImport:
    assert report.programme is not None
    warnings: list[str] = []
    # Its findings' embeddings are made by one background job, queued once the report is stored.
    with transaction.atomic(), one_job():
        framework = _framework(report.programme, report.source)
        inspection = Inspection(
            title=f"{report.programme_title or framework.title}: {report.force_name or force}",
            force_id=force,
            framework=framework,
            status=Status.PUBLISHED,
            # The programme's year as printed: what tells a force's 2017 crime data integrity
            # inspection from its 2018 one, and gathers the pages of one inspection in its history.
            period_label=report.year or single_year(framework.spec.in_use),
            published_label=report.date or "",
            published_on=printed_day(report.date),
            source=f"{report.programme_title or framework.title}, as published",
            provenance=f"Imported from {report.source} (SHA-256 {digest})",
            source_sha256=digest,
            origin=Origin.IMPORTED,
        )
        inspection.reference = reference or _free(reference_base(report, force, framework))
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


def reference_base(report: ImportedReport, force: str, framework: FrameworkVersion) -> str:
    """FORCE-PROGRAMME-YEAR, the year as the report prints it (KENT-CDI-2018, KENT-PEEL-2018-19);
    the framework's first year when the report names none."""
    if report.year:
        year = "-".join(re.findall(r"[0-9A-Za-z]+", report.year)).upper()
    else:
        year = (report.framework_version or framework.version or "")[:4]
    return f"{force.upper()}-{PROGRAMME_SHORT.get(report.programme or '', 'INSPECTION')}-{year}".strip("-")


# A printed date names a day when it holds a day of the month: "15 June 2017", "16/05/2019",
# "2022-08-19"; "February 2016" names only a month.
_DAY = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}|(?<!\d)\d{1,2}(?!\d)")


def printed_day(label: str | None) -> datetime.date | None:
    """The day the report says it was published, when it prints a day (not a month alone)."""
    if not label or _DAY.search(label) is None:
        return None
    return publication_day(label)


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


def _interval(plus_minus: float | None) -> str:
    """The interval as the evidence writes it; nothing where the report printed none with the estimate."""
    return "" if plus_minus is None else f" (+/- {plus_minus:g})"


def _store_figures(inspection: Inspection, report: ImportedReport) -> None:
    _published_figures(inspection, report)
    known = {place.area.id for place in inspection.spec.walk()}
    if report.cdi_figures or report.cdi_volumes:
        lines = [
            f"{figure.percent:g}%{_interval(figure.ci_plus_minus)} of {figure.scope}"
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
