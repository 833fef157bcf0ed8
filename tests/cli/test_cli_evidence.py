"""`inspectorate evidence`: add, list and attach, through the same service as the web pages."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User

from inspectorate.web.inspections.models import Evidence, EvidenceFile
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.registry.forces import sync_forces
from support.cli import assert_one_error_line
from support.criteria_framework import criteria_inspection

pytestmark = pytest.mark.django_db

POLICY = b"Call handling policy, version 3.\n"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "workspace"
    folder.mkdir()
    return folder


@pytest.fixture
def inspection(workspace):
    sync_forces()
    users = {name: User.objects.create_user(name) for name in ("writer", "reader", "outsider")}
    return criteria_inspection(users)


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    path = tmp_path / "policy.txt"
    path.write_bytes(POLICY)
    return path


def test_add_records_evidence_with_its_links_and_file(own_cli, workspace, inspection, policy):
    finding = save_finding(inspection, kind="strength", area_ids=["answering"], text="Quick answers")
    result = own_cli(
        "evidence", "add", "MPS-CRITERIA", "--kind", "interview", "--title", "Supervisor",
        "--description", "Said calls are answered in time", "--area", "answering",
        "--criterion", "answers-quickly", "--criterion", "assesses-risk", "--finding", str(finding.code),
        "--file", policy, "--effective-date", "2021-10-04", "--as", "writer", "-w", workspace,
    )  # fmt: skip
    assert result.returncode == 0, result
    evidence = Evidence.objects.get(inspection=inspection)
    assert result.stdout.splitlines()[0] == f"added evidence {evidence.code}: Supervisor"
    sha256 = hashlib.sha256(POLICY).hexdigest()
    assert result.stdout.splitlines()[1] == f"kept policy.txt ({len(POLICY)} bytes, SHA-256 {sha256})"
    assert (evidence.kind, evidence.area_ids) == ("interview", ["answering"])
    assert evidence.criterion_ids == ["answers-quickly", "assesses-risk"]
    assert list(evidence.findings.all()) == [finding]
    assert evidence.created_by.username == "writer"
    kept = EvidenceFile.objects.get(evidence=evidence)
    assert (kept.sha256, kept.effective_on.isoformat(), kept.uploaded_by.username) == (
        sha256,
        "2021-10-04",
        "writer",
    )
    assert (workspace / "files" / sha256[:2] / sha256).read_bytes() == POLICY
    # Its creation and its link to the finding, each by the user named.
    assert {e.actor.username for e in LogEntry.objects.get_for_object(evidence)} == {"writer"}
    assert LogEntry.objects.get_for_object(kept).get().actor.username == "writer"

    listed = own_cli("evidence", "list", "MPS-CRITERIA", "--json", "-w", workspace)
    assert listed.returncode == 0, listed
    [item] = json.loads(listed.stdout)
    assert (item["code"], item["findings"], item["criteria"]) == (
        str(evidence.code),
        [str(finding.code)],
        ["answers-quickly", "assesses-risk"],
    )
    assert [(f["name"], f["sha256"], f["size"]) for f in item["kept_files"]] == [
        ("policy.txt", sha256, len(POLICY))
    ]
    table = own_cli("evidence", "list", "MPS-CRITERIA", "-w", workspace)
    assert "Supervisor" in table.stdout and sha256[:12] in table.stdout


def test_attach_keeps_a_file_with_existing_evidence(own_cli, workspace, inspection, policy):
    own_cli(
        "evidence",
        "add",
        "MPS-CRITERIA",
        "--kind",
        "document",
        "--title",
        "Policy",
        "--as",
        "writer",
        "-w",
        workspace,
    )
    evidence = Evidence.objects.get(inspection=inspection)
    result = own_cli(
        "evidence", "attach", "MPS-CRITERIA", str(evidence.code), policy, "--as", "writer", "-w", workspace
    )
    assert result.returncode == 0, result
    again = own_cli(
        "evidence", "attach", "MPS-CRITERIA", str(evidence.code), policy, "--as", "writer", "-w", workspace
    )
    assert again.returncode == 0, again
    assert EvidenceFile.objects.filter(evidence=evidence).count() == 2
    assert len([p for p in (workspace / "files").rglob("*") if p.is_file()]) == 1  # the same bytes, once


@pytest.mark.parametrize(
    ("extra", "fragments"),
    [
        (["--criterion", "nope"], ["--criterion: test-criteria has no criterion 'nope'"]),
        (
            ["--finding", "7d1b2b4e-0000-4000-8000-000000000000"],
            ["--finding: MPS-CRITERIA has no finding 7d1b"],
        ),
        (["--area", "nowhere"], ["test-criteria has no area 'nowhere'"]),
        (["--kind", "rumour"], ["'rumour' is not a kind of evidence"]),
        (["--effective-date", "2021-10-04"], ["--effective-date: give it with --file"]),
    ],
)
def test_add_refuses_a_bad_value_naming_its_option_and_records_nothing(
    own_cli, workspace, inspection, extra, fragments
):
    args = [
        "evidence",
        "add",
        "MPS-CRITERIA",
        "--kind",
        "document",
        "--title",
        "T",
        "--as",
        "writer",
        "-w",
        workspace,
    ]
    result = own_cli(*args, *extra)
    assert_one_error_line(result, *fragments)
    assert not Evidence.objects.exists()


def test_a_file_too_big_records_neither_file_nor_evidence(own_cli, workspace, inspection, tmp_path, settings):
    settings.EVIDENCE_FILE_MAX_BYTES = 10
    big = tmp_path / "big.csv"
    big.write_bytes(b"z" * 11)
    result = own_cli(
        "evidence", "add", "MPS-CRITERIA", "--kind", "data", "--title", "Extract", "--file", big,
        "--as", "writer", "-w", workspace,
    )  # fmt: skip
    assert_one_error_line(
        result, "--file: big.csv is 11 bytes: a file kept with evidence may be at most 10 bytes"
    )
    assert not Evidence.objects.exists()
    assert not (workspace / "files").exists() or not any(
        p.is_file() for p in (workspace / "files").rglob("*")
    )


def test_an_empty_file_is_refused(own_cli, workspace, inspection, tmp_path):
    own_cli(
        "evidence",
        "add",
        "MPS-CRITERIA",
        "--kind",
        "document",
        "--title",
        "Policy",
        "--as",
        "writer",
        "-w",
        workspace,
    )
    evidence = Evidence.objects.get()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = own_cli(
        "evidence", "attach", "MPS-CRITERIA", str(evidence.code), empty, "--as", "writer", "-w", workspace
    )
    assert_one_error_line(result, "--file: empty.txt is empty")
    assert not EvidenceFile.objects.exists()


@pytest.mark.parametrize(
    ("username", "fragment"),
    [
        ("reader", "--as: reader may not change MPS-CRITERIA"),
        ("outsider", "--as: outsider may not change MPS-CRITERIA"),
        ("nobody", "--as: no user 'nobody'"),
    ],
)
def test_only_a_writer_may_add(own_cli, workspace, inspection, username, fragment):
    result = own_cli(
        "evidence",
        "add",
        "MPS-CRITERIA",
        "--kind",
        "document",
        "--title",
        "T",
        "--as",
        username,
        "-w",
        workspace,
    )
    assert_one_error_line(result, fragment)
    assert not Evidence.objects.exists()


def test_attach_names_unknown_evidence_and_missing_files(own_cli, workspace, inspection, policy, tmp_path):
    result = own_cli(
        "evidence", "attach", "MPS-CRITERIA", "not-a-code", policy, "--as", "writer", "-w", workspace
    )
    assert_one_error_line(result, "no evidence 'not-a-code' in MPS-CRITERIA")
    missing = tmp_path / "missing.pdf"
    result = own_cli("evidence", "attach", "MPS-CRITERIA", "x", missing, "--as", "writer", "-w", workspace)
    assert_one_error_line(result, f"{missing}: no such file")
