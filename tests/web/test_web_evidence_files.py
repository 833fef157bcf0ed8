"""Files kept with evidence: uploaded by the team's writers, stored once under their SHA-256 in the
workspace, downloaded by the team and staff only, removed in the audit trail.

Each test has a workspace of its own (``settings.WORKSPACE``), so the files folder starts empty.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from inspectorate.web.inspections import evidence_files
from inspectorate.web.inspections.evidence_files import attach_file, kept_name, stored_path
from inspectorate.web.inspections.locking import LockedRecord
from inspectorate.web.inspections.models import EvidenceFile
from inspectorate.web.inspections.recording import RecordingError
from support.access import INSPECTIONS, ROLES, SEES, TEAM, may_change

pytestmark = pytest.mark.django_db

MINUTES = b"Minutes of the control room meeting, 4 October 2021.\n"


@pytest.fixture(autouse=True)
def workspace(settings, tmp_path: Path) -> Path:
    settings.WORKSPACE = tmp_path
    return tmp_path


def stored_files(workspace: Path) -> list[Path]:
    """Every file in the store (scratch files included: none may be left)."""
    folder = workspace / "files"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def evidence_urls(cast, key: str, name: str, **extra) -> str:
    evidence = cast.evidence[key]
    return reverse(name, kwargs={"code": evidence.inspection.code, "evidence_code": evidence.code, **extra})


def upload_url(cast, key: str) -> str:
    return evidence_urls(cast, key, "evidence-file-upload")


def keep(cast, key: str, content: bytes = MINUTES, name: str = "minutes.txt") -> EvidenceFile:
    """A file kept with the inspection's evidence by the service, as the team's writer."""
    return attach_file(cast.evidence[key], [content], name=name, uploaded_by=cast.users["writer"])


def file_url(cast, key: str, kept: EvidenceFile, name: str = "evidence-file") -> str:
    return evidence_urls(cast, key, name, file_code=kept.code)


# Uploading ------------------------------------------------------------------------------------


def test_a_writer_keeps_a_file_stored_under_its_sha256(cast, writer, reading, workspace):
    response = writer.post(
        upload_url(cast, "draft"),
        {
            "file": SimpleUploadedFile("minutes.txt", MINUTES, content_type="text/html"),
            "effective_on_day": "4",
            "effective_on_month": "10",
            "effective_on_year": "2021",
        },
    )
    assert response.status_code == 302, reading.errors(response)
    assert response["Location"] == evidence_urls(cast, "draft", "evidence") + "#files"

    kept = EvidenceFile.objects.get(evidence=cast.evidence["draft"])
    sha256 = hashlib.sha256(MINUTES).hexdigest()  # computed here, apart from the store
    assert (kept.original_name, kept.sha256, kept.size) == ("minutes.txt", sha256, len(MINUTES))
    assert kept.content_type == "text/plain"  # from the name's ending, not the sender's word
    assert kept.effective_on.isoformat() == "2021-10-04"
    assert kept.uploaded_by == cast.users["writer"]
    path = workspace / "files" / sha256[:2] / sha256
    assert stored_files(workspace) == [path]
    assert path.read_bytes() == MINUTES

    page = reading.html(writer.get(evidence_urls(cast, "draft", "evidence")))
    assert sha256 in page
    document = reading.json(writer.get(evidence_urls(cast, "draft", "evidence.json")))
    assert [(f["name"], f["sha256"], f["size"], f["effective_on"]) for f in document["kept_files"]] == [
        ("minutes.txt", sha256, len(MINUTES), "2021-10-04")
    ]
    assert document["files"] == 1


def test_an_upload_is_in_the_audit_trail_with_its_hash(cast, writer):
    writer.post(upload_url(cast, "draft"), {"file": SimpleUploadedFile("minutes.txt", MINUTES)})
    kept = EvidenceFile.objects.get(evidence=cast.evidence["draft"])
    entry = LogEntry.objects.get_for_object(kept).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == cast.users["writer"]
    assert entry.changes_dict["sha256"] == ["None", kept.sha256]


def test_the_same_bytes_are_kept_once(cast, workspace):
    first = keep(cast, "draft", name="minutes.txt")
    second = keep(cast, "factual", name="copy-of-minutes.txt")
    assert first.sha256 == second.sha256
    assert first.pk != second.pk
    assert len(stored_files(workspace)) == 1


def test_different_bytes_are_kept_apart(cast, workspace):
    keep(cast, "draft", MINUTES)
    keep(cast, "draft", MINUTES + b"Corrected.\n")
    assert len(stored_files(workspace)) == 2


def test_a_file_over_the_limit_is_refused_naming_it_and_nothing_is_kept(
    cast, writer, reading, settings, workspace
):
    settings.EVIDENCE_FILE_MAX_BYTES = 100
    response = writer.post(upload_url(cast, "draft"), {"file": SimpleUploadedFile("huge.bin", b"x" * 101)})
    assert response.status_code == 200
    # Stopped as it arrives: the rest of it is never written, even to a scratch file.
    refused = "huge.bin is more than 100 bytes: a file kept with evidence may be at most 100 bytes"
    assert refused in reading.errors(response)
    assert reading.html(response).count(refused) == 2  # in the summary, and beside the field
    assert "Error: " in reading.html(response).split("</title>")[0]
    assert not EvidenceFile.objects.exists()
    assert stored_files(workspace) == []


def test_the_service_stops_reading_a_file_over_the_limit(cast, settings, workspace):
    """The CLI and any other caller: refused while it is read, with no scratch file left behind."""
    settings.EVIDENCE_FILE_MAX_BYTES = 1000
    read = []

    def chunks():
        for _ in range(100):
            read.append(1)
            yield b"y" * 500

    with pytest.raises(RecordingError, match=r"^big\.csv is 1000 bytes|^big\.csv is 1 KB"):
        attach_file(cast.evidence["draft"], chunks(), name="big.csv")
    assert len(read) == 3  # 1,500 bytes read, then no more
    assert stored_files(workspace) == []
    assert not EvidenceFile.objects.exists()


def test_the_default_limit_is_25_mb(settings):
    del settings.EVIDENCE_FILE_MAX_BYTES
    assert evidence_files.max_bytes() == 25 * 1024 * 1024


def test_an_empty_file_is_refused(cast, writer, reading, workspace):
    response = writer.post(upload_url(cast, "draft"), {"file": SimpleUploadedFile("empty.txt", b"")})
    assert response.status_code == 200
    assert "empty.txt is empty" in reading.errors(response)
    assert not EvidenceFile.objects.exists()
    assert stored_files(workspace) == []
    with pytest.raises(RecordingError, match=r"^empty\.txt is empty"):
        attach_file(cast.evidence["draft"], [b""], name="empty.txt")
    assert stored_files(workspace) == []


def test_no_file_chosen_is_refused(cast, writer, reading):
    response = writer.post(upload_url(cast, "draft"), {})
    assert response.status_code == 200
    assert "This field is required" in reading.errors(response)


def test_an_impossible_date_is_refused(cast, writer, reading):
    response = writer.post(
        upload_url(cast, "draft"),
        {
            "file": SimpleUploadedFile("minutes.txt", MINUTES),
            "effective_on_day": "31",
            "effective_on_month": "2",
            "effective_on_year": "2021",
        },
    )
    assert response.status_code == 200
    assert "The date the file speaks for must be a real date" in reading.errors(response)
    assert not EvidenceFile.objects.exists()


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\evil.pdf", "evil.pdf"),
        ("/absolute/path/report.docx", "report.docx"),
        ("<script>alert(1)</script>.html", "script_.html"),
        ("rapport d'inspection (final).pdf", "rapport_d_inspection_final_.pdf"),
        ("....", "file"),
        ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
    ],
)
def test_a_name_is_made_safe_and_never_says_where_the_file_goes(cast, workspace, sent, kept):
    assert kept_name(sent) == kept
    record = keep(cast, "draft", name=sent)
    assert record.original_name == kept
    sha256 = hashlib.sha256(MINUTES).hexdigest()
    assert stored_files(workspace) == [workspace / "files" / sha256[:2] / sha256]


def test_a_path_in_an_uploaded_name_goes_nowhere(cast, writer, workspace):
    response = writer.post(
        upload_url(cast, "draft"), {"file": SimpleUploadedFile("../../../outside.txt", MINUTES)}
    )
    assert response.status_code == 302
    assert EvidenceFile.objects.get().original_name == "outside.txt"
    assert not (workspace.parent / "outside.txt").exists()
    assert all(workspace / "files" in p.parents for p in stored_files(workspace))


def test_a_store_path_is_only_ever_a_hash():
    with pytest.raises(ValueError):
        stored_path("../../etc/passwd")
    with pytest.raises(ValueError):
        stored_path("A" * 64)


def test_a_database_failure_leaves_no_file_behind(cast, workspace, monkeypatch):
    def fail(**fields):
        raise IntegrityError("the database refused the record")

    monkeypatch.setattr(EvidenceFile.objects, "create", fail)
    with pytest.raises(IntegrityError):
        keep(cast, "draft")
    assert stored_files(workspace) == []


def test_a_database_failure_keeps_bytes_another_record_names(cast, workspace, monkeypatch):
    keep(cast, "draft")
    monkeypatch.setattr(
        EvidenceFile.objects, "create", lambda **fields: (_ for _ in ()).throw(IntegrityError())
    )
    with pytest.raises(IntegrityError):
        keep(cast, "factual")
    assert len(stored_files(workspace)) == 1
    assert EvidenceFile.objects.count() == 1


def test_a_published_record_takes_no_file(cast, writer, workspace):
    with pytest.raises(LockedRecord):
        keep(cast, "published")
    assert stored_files(workspace) == []
    response = writer.post(upload_url(cast, "published"), {"file": SimpleUploadedFile("m.txt", MINUTES)})
    assert response.status_code == 403


# Who may do what ------------------------------------------------------------------------------


def expected_upload(role: str, key: str) -> int:
    if key not in SEES[role] or role not in TEAM:
        return 404  # evidence is the team's working material: its existence is not told
    return 302 if may_change(role, key) else 403


@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_who_may_upload(cast, client_for, role, key, workspace):
    response = client_for(role).post(upload_url(cast, key), {"file": SimpleUploadedFile("m.txt", MINUTES)})
    assert response.status_code == expected_upload(role, key)
    assert EvidenceFile.objects.exists() == (response.status_code == 302)
    assert bool(stored_files(workspace)) == (response.status_code == 302)


@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_who_may_download(cast, client_for, role, key):
    kept = EvidenceFile.objects.create(
        evidence=cast.evidence[key],
        original_name="minutes.txt",
        sha256=hashlib.sha256(MINUTES).hexdigest(),
        size=len(MINUTES),
        content_type="text/plain",
    )
    path = stored_path(kept.sha256)
    path.parent.mkdir(parents=True)
    path.write_bytes(MINUTES)
    response = client_for(role).get(file_url(cast, key, kept))
    expected = 200 if key in SEES[role] and role in TEAM else 404
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Disposition"] == 'attachment; filename="minutes.txt"'
        assert response["Content-Type"] == "text/plain"
        assert "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content) == MINUTES


@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_who_may_remove(cast, client_for, role, key):
    kept = EvidenceFile.objects.create(
        evidence=cast.evidence[key], original_name="m.txt", sha256="0" * 64, size=1, content_type="text/plain"
    )
    response = client_for(role).post(file_url(cast, key, kept, "evidence-file-remove"))
    assert response.status_code == expected_upload(role, key)
    assert EvidenceFile.objects.filter(pk=kept.pk).exists() == (response.status_code != 302)


@pytest.mark.parametrize("name", ["evidence-file-upload", "evidence-file-remove"])
def test_the_actions_refuse_a_get(cast, writer, name):
    kept = keep(cast, "draft")
    extra = {"file_code": kept.code} if name == "evidence-file-remove" else {}
    assert writer.get(evidence_urls(cast, "draft", name, **extra)).status_code == 405


def test_removing_a_file_is_audited_and_keeps_the_bytes(cast, writer, reading, workspace):
    kept = keep(cast, "draft")
    response = writer.post(file_url(cast, "draft", kept, "evidence-file-remove"))
    assert response.status_code == 302
    assert not EvidenceFile.objects.filter(pk=kept.pk).exists()
    entry = LogEntry.objects.filter(
        content_type__model="evidencefile", object_pk=str(kept.pk), action=LogEntry.Action.DELETE
    ).get()
    assert entry.actor == cast.users["writer"]
    assert kept.sha256 in str(entry.changes)
    assert len(stored_files(workspace)) == 1  # the audit trail names the hash: the bytes stay
    assert reading.json(writer.get(evidence_urls(cast, "draft", "evidence.json")))["kept_files"] == []


def test_a_file_of_other_evidence_is_not_found_through_this_one(cast, writer):
    kept = keep(cast, "factual")
    url = evidence_urls(cast, "draft", "evidence-file", file_code=kept.code)
    assert writer.get(url).status_code == 404
    assert (
        writer.post(evidence_urls(cast, "draft", "evidence-file-remove", file_code=kept.code)).status_code
        == 404
    )
    assert EvidenceFile.objects.filter(pk=kept.pk).exists()


def test_a_file_missing_from_the_workspace_is_not_found(cast, writer, workspace):
    kept = keep(cast, "draft")
    stored_path(kept.sha256).unlink()
    assert writer.get(file_url(cast, "draft", kept)).status_code == 404


def test_the_team_reader_sees_files_but_no_upload_form(cast, client_for, reading):
    keep(cast, "draft")
    page = reading.html(client_for("reader").get(evidence_urls(cast, "draft", "evidence")))
    assert "minutes.txt" in page
    assert 'id="evidence-file-form"' not in page
    assert "evidence-file-remove" not in page and "/remove" not in page
    writer_page = reading.html(client_for("writer").get(evidence_urls(cast, "draft", "evidence")))
    assert 'id="evidence-file-form"' in writer_page
    assert 'enctype="multipart/form-data"' in writer_page


def test_an_upload_without_the_forms_csrf_token_is_refused(cast, workspace):
    """The upload view sets its size limit before the CSRF check reads the upload: the check still runs."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["writer"])
    response = client.post(upload_url(cast, "draft"), {"file": SimpleUploadedFile("m.txt", MINUTES)})
    assert response.status_code == 403
    assert not EvidenceFile.objects.exists()
    assert stored_files(workspace) == []
