"""Starting an audit and saving decisions: the one way the web, the CLI and the demo do both.

Creating an audit draws the sample from the data store and stores the design, the strata, the
selection and the frame together: the frame file is put in place inside the same transaction
as the rows, so a failure leaves neither behind.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from inspectorate.core.cdi.decisions import decision_problems
from inspectorate.core.cdi.design import audit_period
from inspectorate.core.cdi.frame import audit_frame, default_audit_period, recorded_crime_12_months
from inspectorate.core.cdi.sampling import draw_sample
from inspectorate.core.cdi.types import Decision, FrameRecord, SampleDesign
from inspectorate.core.problems import InputError
from inspectorate.core.workspace import audits_dir
from inspectorate.web.audits.models import AuditRecord, AuditStratum, CdiAudit
from inspectorate.web.inspections.locking import ensure_fieldwork_open
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.inspections.references import check_reference, free_reference
from inspectorate.web.workspace import data_store

CRIME_RECORDING_AREA = "crime-recording"


def crime_recording_area(inspection: Inspection) -> str:
    """The area an audit's results inform: ``crime-recording`` where the framework has it.

    Otherwise the first area whose title speaks of recording crime, else the first graded area.
    """
    places = list(inspection.spec.walk())
    for place in places:
        if place.area.id == CRIME_RECORDING_AREA:
            return place.area.id
    for place in places:
        if "record" in place.area.title.lower() and "crime" in place.area.title.lower():
            return place.area.id
    graded = [place.area.id for place in places if place.area.scale]
    if not graded:
        raise InputError(f"{inspection.framework_id} has no graded area for the audit's results")
    return graded[0]


def next_reference(inspection: Inspection) -> str:
    return free_reference(CdiAudit, inspection, "CDI")


def create_audit(
    inspection: Inspection,
    *,
    dataset_name: str,
    design: SampleDesign,
    start: date | None = None,
    end: date | None = None,
    user: User | None = None,
    include_asb: bool = False,
    area_id: str | None = None,
    reference: str | None = None,
) -> CdiAudit:
    ensure_fieldwork_open(inspection)
    store = data_store()
    dataset = store.dataset(inspection.force_id, dataset_name)
    if dataset is None:
        names = ", ".join(d.name for d in store.datasets(inspection.force_id)) or "none"
        raise InputError(
            f"{inspection.force.name} has no dataset {dataset_name!r} (its datasets: {names}; "
            "see `inspectorate data list`)"
        )
    # Both ends, or neither for the dataset's default: its last six whole months of incidents.
    start, end = audit_period(start, end) or default_audit_period(store, dataset)
    area = area_id or crime_recording_area(inspection)
    if area not in {place.area.id for place in inspection.spec.walk()}:
        raise InputError(f"{inspection.framework_id} has no area {area!r}")
    reference = check_reference(reference or "") or next_reference(inspection)
    if CdiAudit.objects.filter(reference=reference).exists():
        raise InputError(f"there is already an audit {reference!r}")
    frame = audit_frame(store, dataset, start, end, include_asb=include_asb)
    sample = draw_sample(frame, design)
    recorded = recorded_crime_12_months(store, dataset, end)
    folder = audits_dir(settings.WORKSPACE)
    folder.mkdir(parents=True, exist_ok=True)
    audit = CdiAudit(
        reference=reference,
        inspection=inspection,
        area_id=area,
        dataset=dataset.ref,
        synthetic=dataset.synthetic,
        period_start=start,
        period_end=end,
        include_asb=include_asb,
        design=asdict(design),
        frame_size=len(frame),
        recorded_crimes=recorded[0] if recorded else None,
        # The return's own count stands in for the Home Office figure until someone gives that.
        recorded_crimes_source=f"{recorded[1]}; replace it with the Home Office figure" if recorded else "",
        created_by=user,
    )
    final = folder / f"{audit.code}-frame.parquet"
    staged = final.with_suffix(".parquet.partial")
    try:
        try:
            audit.frame_sha256 = _write_frame(frame, staged)
        except OSError as exc:
            where = staged.parent
            raise InputError(f"could not write the audit's frame in {where}: {exc.strerror}") from None
        audit.frame_file = str(final.relative_to(settings.WORKSPACE))
        with transaction.atomic():
            audit.save()
            strata = {}
            for position, stratum in enumerate(sample.strata):
                strata[stratum.key] = AuditStratum.objects.create(
                    audit=audit,
                    crime_group=stratum.crime_group,
                    route=stratum.route,
                    position=position,
                    frame_size=stratum.frame_size,
                    sample_size=stratum.sample_size,
                )
            AuditRecord.objects.bulk_create(
                AuditRecord(
                    audit=audit,
                    stratum=strata[record.stratum],
                    number=number,
                    incident_id=record.incident_id,
                    opened_at=record.opened_at,
                    incident_offence_group=record.incident_offence_group or "",
                    crimes=[list(crime) for crime in record.crimes],
                )
                for number, record in enumerate(sample.records, start=1)
            )
            # The frame takes its name only once the rows are committed (by the outermost
            # transaction, when this one is nested): a rollback leaves no frame behind a missing audit.
            transaction.on_commit(lambda: os.replace(staged, final))
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return audit


def _write_frame(frame: list[FrameRecord], path: Path) -> str:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "incident_id": [r.incident_id for r in frame],
            "opened_at": [r.opened_at for r in frame],
            "crime_group": [r.crime_group for r in frame],
            "route": [r.route for r in frame],
            "incident_offence_group": [r.incident_offence_group for r in frame],
            "crimes_recorded": ["; ".join(crime[0] for crime in r.crimes) for r in frame],
        }
    )
    pq.write_table(table, path)
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class DecisionError(InputError):
    pass


def save_decision(record: AuditRecord, decision: Decision, user: User | None) -> bool:
    """Store a decision if it is possible; returns whether anything changed."""
    ensure_fieldwork_open(record.audit.inspection)
    problems = decision_problems(decision)
    if problems:
        raise DecisionError("; ".join(f"{field}: {message}" for field, message in problems))
    if decision == record.decision:
        return False
    record.set_decision(decision)
    record.revision += 1
    record.decided_by = user
    record.decided_at = timezone.now()
    record.save()
    return True
