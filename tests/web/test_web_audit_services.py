"""The audit services the web, the CLI and the demo share: creation that is all or nothing,
decisions that are checked, an earlier audit as the previous one, and the evidence record.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inspectorate.core.cdi.types import Answer, Decision, SampleDesign
from inspectorate.core.problems import InputError
from inspectorate.core.workspace import audits_dir
from inspectorate.web.audits.models import AuditRecord, AuditStratum, CdiAudit
from inspectorate.web.audits.results import audit_results, previous_from_audit, record_evidence
from inspectorate.web.audits.services import DecisionError, create_audit, save_decision
from inspectorate.web.inspections.models import Evidence, Judgment

pytestmark = pytest.mark.django_db

# The synthetic return the module's tests are drawn from (tests/conftest.py).
SYNTHETIC = (0.0005, 11)

YES, NO, NA = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE
SIZES = {"violence-against-the-person": 8, "sexual-offences": 2, "other": 8}


def start(inspection: Any, first: date, last: date, reference: str, seed: int = 1) -> CdiAudit:
    return create_audit(
        inspection,
        dataset_name="synthetic",
        start=first,
        end=last,
        design=SampleDesign(sizes=SIZES, seed=seed),
        reference=reference,
    )


def decide_all(audit: CdiAudit) -> None:
    for index, record in enumerate(audit.records.order_by("number")):
        if record.crimes:
            decision = Decision(YES, YES, YES, YES if index % 3 else NO, NA)
        else:
            decision = Decision(YES, NO, NA, NA, NA)
        assert save_decision(record, decision, None)


def test_a_failure_while_storing_leaves_no_audit_rows_and_no_frame_file(
    cast: Any, with_data: Path, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(AuditRecord.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        start(cast.draft, date(2020, 10, 1), date(2021, 3, 31), "SVC-BROKEN")
    assert not CdiAudit.objects.filter(reference="SVC-BROKEN").exists()
    assert not AuditStratum.objects.filter(audit__reference="SVC-BROKEN").exists()
    # Every file in the audits folder belongs to an audit that exists; no part-written file is left.
    folder = audits_dir(with_data)
    stored = {path.name for path in folder.iterdir()} if folder.exists() else set()
    assert stored <= {f"{audit.code}-frame.parquet" for audit in CdiAudit.objects.all()}


def test_the_frame_file_is_stored_with_its_hash_and_goes_with_its_audit(
    cast: Any, with_data: Path, django_capture_on_commit_callbacks: Any
) -> None:
    import hashlib

    # The frame is put in place, and removed, when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        audit = start(cast.draft, date(2020, 10, 1), date(2021, 3, 31), "SVC-FRAME")
    path = with_data / audit.frame_file
    assert hashlib.sha256(path.read_bytes()).hexdigest() == audit.frame_sha256
    assert not path.with_suffix(".parquet.partial").exists()
    assert audit.frame_size == sum(s.frame_size for s in audit.strata.all())
    assert audit.records.count() == sum(s.sample_size for s in audit.strata.all())
    with django_capture_on_commit_callbacks(execute=True):
        audit.delete()
    assert not path.exists()


def test_an_impossible_decision_is_refused_and_nothing_changes(cast: Any, with_data: Path) -> None:
    audit = start(cast.draft, date(2020, 10, 1), date(2021, 3, 31), "SVC-DECIDE")
    record = audit.records.get(number=1)
    with pytest.raises(DecisionError, match="correctly_classified"):
        save_decision(record, Decision(NO, NO, YES, NA, NA), None)
    record.refresh_from_db()
    assert (record.should_record, record.revision) == ("", 0)
    assert save_decision(record, Decision(YES, NO, NA, NA, NA, "missed"), None)
    assert not save_decision(record, Decision(YES, NO, NA, NA, NA, "missed"), None)
    record.refresh_from_db()
    assert (record.should_record, record.recorded, record.revision) == ("yes", "no", 1)


def test_an_earlier_finished_audit_becomes_the_previous_one(cast: Any, with_data: Path) -> None:
    earlier = start(cast.draft, date(2020, 4, 1), date(2020, 9, 30), "SVC-EARLIER", seed=2)
    later = start(cast.draft, date(2020, 10, 1), date(2021, 3, 31), "SVC-LATER", seed=3)
    with pytest.raises(InputError, match="no recording rate yet"):
        previous_from_audit(later, earlier)
    decide_all(earlier)
    first = earlier.records.get(number=1)
    save_decision(first, Decision(), None)  # cleared again: the audit is unfinished
    with pytest.raises(InputError, match=r"not finished \(1 of its records undecided\)"):
        previous_from_audit(later, earlier)
    save_decision(first, Decision(YES, NO, NA, NA, NA), None)
    with pytest.raises(InputError, match="does not end before"):
        previous_from_audit(earlier, later)
    with pytest.raises(InputError, match="its own previous"):
        previous_from_audit(later, later)
    later.previous = previous_from_audit(later, earlier)
    later.save()
    decide_all(later)
    earlier_rate = audit_results(earlier).estimate.recording
    assert earlier_rate is not None
    assert later.previous["overall"] == {"rate": earlier_rate.rate, "margin": earlier_rate.margin}
    comparison = audit_results(later).estimate.comparisons["all"]
    assert comparison.test.startswith("two-sided z-test")


def test_the_evidence_is_written_once_and_refreshed_and_the_grade_is_left_to_a_person(
    cast: Any, with_data: Path
) -> None:
    audit = start(cast.draft, date(2020, 10, 1), date(2021, 3, 31), "SVC-EVIDENCE")
    with pytest.raises(InputError, match="no decided record yet"):
        record_evidence(audit, None)
    decide_all(audit)
    first = record_evidence(audit, cast.users["writer"])
    second = record_evidence(audit, cast.users["writer"])
    assert first.pk == second.pk
    assert Evidence.objects.filter(cdi_audits=audit).count() == 1
    assert second.area_ids == ["crime-recording"]
    assert second.kind == "audit"
    results = audit_results(audit)
    assert results.grade_label is not None
    assert f"Suggested grade for crime-recording: {results.grade_label}" in second.description
    assert (
        not Judgment.objects.filter(inspection=cast.draft, area_id="crime-recording")
        .exclude(grade="")
        .exists()
    )
