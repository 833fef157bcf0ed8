"""Reading a published report: which programme wrote it, then that programme's reader.

Each programme module (``programmes/``) offers ``PROGRAMME`` (see ``contract``): how to recognise
its reports and how to read their structure (grades, findings, date). What every report shares (the
force, crime data integrity figures, case-review counts) is read here by ``common``. A report no
programme recognises is still read for those, and says that its programme is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from inspectorate.core.ingest import common, publisher
from inspectorate.core.ingest.contract import Programme, ProgrammeReading
from inspectorate.core.ingest.document import Document, read_document
from inspectorate.core.ingest.model import ImportedReport
from inspectorate.core.ingest.programmes.peel2021.text import publication_date
from inspectorate.core.ingest.programmes.registry import PROGRAMMES
from inspectorate.core.problems import InputError


def programmes() -> Sequence[Programme]:
    """Every programme with a reader, the most specific first (a PEEL report may quote an older
    programme's name, never the other way round)."""
    return PROGRAMMES


def recognise(document: Document) -> Programme | None:
    return next((programme for programme in programmes() if programme.recognises(document)), None)


def import_document(
    document: Document, force_id: str | None = None, programme_id: str | None = None
) -> ImportedReport:
    """Everything the reader can find in ``document``, with what it could not."""
    if programme_id is not None:
        programme = next((p for p in programmes() if p.framework_id == programme_id), None)
        if programme is None:
            known = ", ".join(p.framework_id for p in programmes())
            raise InputError(f"no reader for programme {programme_id!r} (readers: {known})")
        voice = None
    else:
        voice = publisher.outside_voice(document)
        programme = recognise(document) if voice is None else None
    missing: list[str] = []
    reading = ProgrammeReading(framework_version=None, date=None)
    if voice is not None:
        missing.append(
            "programme: the text is not the inspectorate's own report (a commissioner's page or a news "
            f"item: '{voice.at.quote}'), so no programme is recognised and its grades are not read"
        )
    elif programme is None:
        missing.append("programme: no programme's wording was recognised, so no grades or findings were read")
        # The inspectorate's own report of a programme without a reader still prints its date.
        printed = publication_date(document, len(document.lines))
        reading = ProgrammeReading(framework_version=None, date=printed[0] if printed else None)
    else:
        reading = programme.read(document)
        missing.extend(reading.missing)
    force_name: str | None = None
    if force_id is not None:
        from inspectorate.core.forces.reference import get_force

        force_name = get_force(force_id).name
    else:
        found = common.find_force(document)
        if found is None:
            missing.append("force: no force of England and Wales is named; give --force")
        else:
            force_id, force_name, _ = found
    if reading.date is None and not any(item.startswith("date:") for item in missing):
        missing.append("date: no publication date was found")
    return ImportedReport(
        source=document.source,
        programme=programme.framework_id if programme else None,
        programme_title=programme.title if programme else None,
        framework_version=reading.framework_version,
        force_id=force_id,
        force_name=force_name,
        date=reading.date,
        judgments=reading.judgments,
        findings=reading.findings,
        cdi_figures=tuple(common.cdi_figures(document)),
        cdi_volumes=tuple(common.cdi_volumes(document)),
        case_review_counts=tuple(common.case_review_counts(document)),
        case_review_totals=tuple(common.case_review_totals(document)),
        missing=tuple(missing),
        year=reading.year,
    )


def import_report(path: Path, force_id: str | None = None, programme_id: str | None = None) -> ImportedReport:
    """Read the report at ``path`` (text, HTML or PDF)."""
    return import_document(read_document(path), force_id, programme_id)
