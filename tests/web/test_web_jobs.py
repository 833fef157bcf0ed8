"""Findings' embeddings are made by background jobs, never in a request: a job is queued when a
finding is saved or a report imported (once the transaction commits), the worker runs it, and until
then the history and lineage pages say the recurrence links are being prepared."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.model import ImportedFinding, ImportedReport, Location
from inspectorate.core.recurrence import encoder
from inspectorate.web.inspections.importing import store_report
from inspectorate.web.inspections.models import Finding, FindingVector, Inspection, Status
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.inspections.vectors import embed_findings, queue_waiting
from inspectorate.web.worker import run_queued

pytestmark = pytest.mark.django_db

RISK_2015 = "Call handlers do not always assess the risk to callers when they first make contact."
RISK_2022 = "The force still fails to assess the risk to callers when they first make contact."
AT = Location(3, 10, 40, "Answer 101 calls sooner.")


def queued() -> list[list[int]]:
    """The findings of each embedding job waiting for the worker, oldest first."""
    jobs = DBTaskResult.objects.ready().filter(task_path=embed_findings.module_path).order_by("enqueued_at")
    return [job.args_kwargs["args"][0] for job in jobs]


def _inspection(reference: str, framework: str, start: str) -> Inspection:
    return Inspection.objects.create(
        reference=reference,
        title=reference,
        force_id="dorset",
        framework_id=framework,
        status=Status.FIELDWORK,
        period_start=datetime.date.fromisoformat(start),
    )


@pytest.fixture
def dorset(capture: Any) -> tuple[Finding, Finding]:
    """Two inspections of Dorset, each with a finding on the same matter; their jobs queued, not run."""
    with capture(execute=True):
        earlier = save_finding(
            _inspection("DOR-2015", "peel-2015-effectiveness", "2015-04-01"),
            kind="area-for-improvement",
            area_ids=["q2"],
            text=RISK_2015,
        )
        later = save_finding(
            _inspection("DOR-2022", "peel-2021", "2021-10-01"),
            kind="area-for-improvement",
            area_ids=["responding"],
            text=RISK_2022,
        )
    return earlier, later


@pytest.fixture
def capture(cast: Any, django_capture_on_commit_callbacks: Any) -> Any:
    return django_capture_on_commit_callbacks


@pytest.fixture
def no_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The encoder fails if anything calls it: what runs with this computes no embedding."""

    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("an embedding was computed")

    monkeypatch.setattr(encoder, "default_encoder", refuse)
    monkeypatch.setattr(encoder.Encoder, "encode", refuse)


def history(client: Any, reading: Any, fmt: str = "json") -> Any:
    name = "force-history" if fmt == "html" else f"force-history.{fmt}"
    response = client.get(reverse(name, kwargs={"force_id": "dorset"}))
    return reading.html(response) if fmt == "html" else reading.json(response)


def lineage(client: Any, finding: Finding, fmt: str = "json") -> Any:
    name = "finding-lineage" if fmt == "html" else f"finding-lineage.{fmt}"
    return client.get(reverse(name, kwargs={"code": finding.inspection.code, "finding_code": finding.code}))


def test_saving_a_finding_queues_its_embedding_once_the_transaction_commits(cast, capture):
    with capture() as callbacks:
        finding = save_finding(
            cast.draft, kind="area-for-improvement", area_ids=["responding"], text=RISK_2022
        )
        assert queued() == [], "nothing is queued before the finding is committed"
    for callback in callbacks:
        callback()
    assert queued() == [[finding.pk]]
    assert not FindingVector.objects.filter(finding=finding).exists()


def test_importing_a_report_queues_one_job_for_all_its_findings(cast, capture, tmp_path: Path):
    report = ImportedReport(
        source="kent-2022.txt",
        programme="peel-2021",
        programme_title="PEEL 2021/22",
        framework_version="2021/22",
        force_id="kent",
        force_name="Kent Police",
        date="12 May 2022",
        findings=(
            ImportedFinding(
                FindingKind.AREA_FOR_IMPROVEMENT, "Answer 101 calls sooner.", None, "responding", AT
            ),
            ImportedFinding(
                FindingKind.CAUSE_OF_CONCERN,
                "Crimes reported to the force are often not recorded.",
                None,
                "crime-recording",
                AT,
                recommendations=("The force should audit its crime recording.",),
            ),
        ),
    )
    path = tmp_path / "kent-2022.txt"
    path.write_text("the report as read", encoding="utf-8")
    with capture(execute=True):
        stored = store_report(report, path)
    assert queued() == [sorted(stored.inspection.findings.values_list("pk", flat=True))]


def test_the_history_says_the_links_are_being_prepared_until_the_worker_has_run(dorset, staff, reading):
    _, later = dorset
    waiting = history(staff, reading)["recurrences"]
    assert (waiting["being_prepared"], waiting["links"]) == (2, [])
    assert "Recurrence links are being prepared." in history(staff, reading, "html")
    page = reading.json(lineage(staff, later))
    assert (page["being_prepared"], page["earlier"], page["candidates"]) == (2, [], [])
    assert "being prepared" in reading.html(lineage(staff, later, "html"))

    assert run_queued() == 2

    ready = history(staff, reading)["recurrences"]
    assert ready["being_prepared"] == 0
    assert [(link["earlier"]["text"], link["later"]["text"]) for link in ready["links"]] == [
        (RISK_2015, RISK_2022)
    ]
    assert "being prepared" not in history(staff, reading, "html")
    page = reading.json(lineage(staff, later))
    assert page["being_prepared"] == 0
    assert [link["earlier"]["text"] for link in page["earlier"]] == [RISK_2015]


def test_a_changed_text_waits_for_its_new_embedding(dorset, staff, reading, capture):
    _, later = dorset
    run_queued()
    with capture(execute=True):
        save_finding(
            later.inspection,
            kind="area-for-improvement",
            area_ids=["responding"],
            text="The force should publish its stop and search data every month.",
            finding=later,
        )
    assert queued() == [[later.pk]]
    waiting = history(staff, reading)["recurrences"]
    assert (waiting["being_prepared"], waiting["links"]) == (1, [])
    assert run_queued() == 1
    ready = history(staff, reading)["recurrences"]
    assert (ready["being_prepared"], ready["links"]) == (0, []), "the new text takes up nothing earlier"


def test_no_request_computes_an_embedding(dorset, cast, writer, staff, reading, capture, no_encoder):
    _, later = dorset
    for fmt in ("html", "json", "csv"):
        name = "force-history" if fmt == "html" else f"force-history.{fmt}"
        assert staff.get(reverse(name, kwargs={"force_id": "dorset"})).status_code == 200
        assert lineage(staff, later, fmt).status_code == 200
    with capture(execute=True):
        response = writer.post(
            reverse("finding-new", kwargs={"code": cast.draft.code}),
            {"kind": "area-for-improvement", "areas": ["responding"], "text": RISK_2022},
        )
    assert response.status_code == 302
    added = cast.draft.findings.get(text=RISK_2022)
    assert queued()[-1] == [added.pk], "saved through a page: queued for the worker, not computed"
    assert not FindingVector.objects.filter(finding=added).exists()


def test_the_job_is_idempotent_and_skips_deleted_and_unfollowed_findings(dorset, cast):
    earlier, later = dorset
    strength = save_finding(cast.draft, kind="strength", area_ids=["responding"], text=RISK_2015)
    gone = later.pk
    later.delete()
    assert embed_findings.call([earlier.pk, gone, strength.pk]) == 1
    assert embed_findings.call([earlier.pk]) == 0
    assert list(FindingVector.objects.values_list("finding_id", flat=True)) == [earlier.pk]


def test_the_sweep_queues_whatever_still_waits(dorset):
    _, later = dorset
    run_queued()
    FindingVector.objects.filter(finding=later).delete()  # a job lost with its worker, say
    assert queue_waiting() == 1
    assert queued() == [[later.pk]]
