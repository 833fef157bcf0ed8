"""The staff's upload of one published report: read and shown, stored only once confirmed, refused in
one line with nothing stored; staff may upload, others of the inspectorate only see the page, a
force's people and the anonymous nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspectorate.web.inspections.models import Inspection, Origin, Status
from inspectorate.web.stored_files import store_path

pytestmark = pytest.mark.django_db

# A crime data integrity report in the 2016-2019 shape, written for these tests.
REPORT = "\n".join(
    [
        "Essex Police",
        "Crime data integrity inspection 2018",
        "Published 20 March 2018",
        "Essex Police requires improvement at crime recording.",
        "We estimate that the force is recording 89.6 percent (with a confidence interval of +/- 1.7 "
        "percent) of all reported crime (excluding fraud).",
        "Area for improvement",
        "The force should have a decision maker review each cancelled crime.",
        "",
    ]
).encode("utf-8")
UPLOAD, STORE = reverse("report-upload"), reverse("report-store")


@pytest.fixture(autouse=True)
def workspace(settings: Any, tmp_path: Path) -> Path:
    """A workspace of the test's own, so that its files folder starts empty."""
    settings.WORKSPACE = tmp_path
    return tmp_path


def _upload(client: Any, name: str = "essex-cdi-2018.txt", content: bytes = REPORT) -> Any:
    return client.post(UPLOAD, {"report": SimpleUploadedFile(name, content)})


def _kept_files(workspace: Path) -> list[Path]:
    return [p for p in workspace.rglob("*") if p.is_file() and not p.name.startswith(".")]


def _confirmation(page: str) -> dict[str, str]:
    return {
        key: re.search(rf'name="{key}" value="([^"]*)"', page).group(1)  # type: ignore[union-attr]
        for key in ("sha256", "name")
    }


def test_staff_see_the_form_and_the_imported_reports(cast: Any, staff: Any, reading: Any) -> None:
    page = reading.html(staff.get(UPLOAD))
    assert 'type="file"' in page and 'name="report"' in page
    assert 'id="none-imported"' in page


def test_others_of_the_inspectorate_see_the_page_but_not_the_form(client_for: Any, reading: Any) -> None:
    page = reading.html(client_for("reader").get(UPLOAD))
    assert 'id="staff-only"' in page
    assert 'type="file"' not in page


def test_a_forces_people_and_the_anonymous_see_nothing(client_for: Any) -> None:
    assert client_for("outsider").get(UPLOAD).status_code == 403
    anonymous = client_for("anonymous").get(UPLOAD)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]


@pytest.mark.parametrize("role", ["reader", "writer", "outsider"])
def test_only_staff_may_upload_or_store(client_for: Any, workspace: Path, role: str) -> None:
    before = Inspection.objects.count()
    client = client_for(role)
    assert _upload(client).status_code == 403
    assert client.post(STORE, {"sha256": "0" * 64, "name": "x.txt"}).status_code == 403
    assert Inspection.objects.count() == before
    assert _kept_files(workspace) == []


def test_the_anonymous_are_asked_to_sign_in_and_nothing_is_read(client_for: Any, workspace: Path) -> None:
    response = _upload(client_for("anonymous"))
    assert response.status_code == 302 and "/login" in response["Location"]
    assert _kept_files(workspace) == []


def test_a_report_is_shown_then_stored_once_confirmed(cast: Any, staff: Any, reading: Any) -> None:
    before = Inspection.objects.count()
    checked = _upload(staff)
    page = reading.html(checked)
    assert "Check what was read" in page
    assert "Essex Police" in page and "20 March 2018" in page
    assert "Requires improvement" in page
    assert "1 area for improvement" in page
    assert "89.6%" in page
    assert Inspection.objects.count() == before  # nothing stored before it is confirmed
    stored = staff.post(STORE, _confirmation(page))
    inspection = Inspection.objects.get(reference="ESSEX-CDI-2018")
    assert stored.status_code == 302
    assert stored["Location"] == reverse("inspection", kwargs={"code": inspection.code})
    assert (inspection.status, inspection.origin, inspection.force_id) == (
        Status.PUBLISHED,
        Origin.IMPORTED,
        "essex",
    )
    assert "Imported from essex-cdi-2018.txt" in inspection.provenance
    assert inspection.judgments.filter(area_id="crime-recording", grade="requires-improvement").exists()
    # Confirmed twice (a second click), it is refused: the report is stored once.
    again = staff.post(STORE, _confirmation(page))
    assert again.status_code == 400
    assert "essex-cdi-2018.txt: already imported as ESSEX-CDI-2018" in reading.html(again)
    assert Inspection.objects.filter(force_id="essex").count() == 1


def test_a_report_imported_before_is_not_read_again(cast: Any, staff: Any) -> None:
    staff.post(STORE, _confirmation(_upload(staff).content.decode()))
    inspection = Inspection.objects.get(reference="ESSEX-CDI-2018")
    response = _upload(staff, name="renamed.txt")
    assert response.status_code == 302
    assert response["Location"] == reverse("inspection", kwargs={"code": inspection.code})
    assert Inspection.objects.filter(force_id="essex").count() == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "notes.txt",
            b"Notes of a meeting about the rota.\n",
            "notes.txt: not a report of a known programme",
        ),
        ("blob.txt", bytes(range(256)), "blob.txt: is not UTF-8 text"),
        ("cut.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "cut.pdf: not a PDF that can be read"),
    ],
)
def test_a_file_that_is_not_a_readable_report_is_refused_in_one_line(
    cast: Any, staff: Any, reading: Any, workspace: Path, name: str, content: bytes, reason: str
) -> None:
    before = Inspection.objects.count()
    response = _upload(staff, name, content)
    assert response.status_code == 400
    refused = re.search(r'<p class="govuk-body" id="refused">([^<]*)</p>', reading.html(response))
    assert refused is not None and refused.group(1).startswith(reason)
    assert Inspection.objects.count() == before
    assert _kept_files(workspace) == []


def test_a_file_of_another_kind_or_over_the_limit_is_refused_by_the_form(
    cast: Any, staff: Any, reading: Any, monkeypatch: Any
) -> None:
    wrong = _upload(staff, "report.docx")
    assert wrong.status_code == 400
    assert "report.docx: a report is a .txt, .html, .htm or .pdf file" in reading.errors(wrong)
    monkeypatch.setattr("inspectorate.web.imports.forms.LARGEST_REPORT", 100)
    big = _upload(staff)
    assert big.status_code == 400
    assert f"essex-cdi-2018.txt: is {len(REPORT):,} bytes" in reading.errors(big)


def test_storing_a_file_that_was_never_kept_is_refused(cast: Any, staff: Any, reading: Any) -> None:
    response = staff.post(STORE, {"sha256": "a" * 64, "name": "essex.txt"})
    assert response.status_code == 400
    assert "was not uploaded here: upload it again" in reading.html(response)
    bogus = staff.post(STORE, {"sha256": "../../etc/passwd", "name": "essex.txt"})
    assert bogus.status_code == 400


def test_only_a_file_uploaded_here_may_be_confirmed_not_any_stored_file(
    cast: Any, staff: Any, reading: Any, tmp_path: Path
) -> None:
    # A file already in the workspace's store (say, evidence of an inspection still in draft) is
    # named by its SHA-256 there: naming it in the confirmation must not publish it.
    secret = tmp_path / "draft-evidence.txt"
    secret.write_bytes(REPORT)
    kept = store_path(secret)
    response = staff.post(STORE, {"sha256": kept.sha256, "name": "essex.txt"})
    assert response.status_code == 400
    assert "was not uploaded here" in reading.html(response)
    assert not Inspection.objects.filter(origin=Origin.IMPORTED).exists()
    # Uploaded and shown, it may be confirmed once, under the name it was sent with.
    shown = _confirmation(reading.html(_upload(staff, "essex-cdi-2018.txt")))
    stored = staff.post(STORE, {**shown, "name": "something-else.txt"})
    assert stored.status_code == 302
    imported = Inspection.objects.get(origin=Origin.IMPORTED)
    assert "essex-cdi-2018.txt" in imported.provenance and imported.source_sha256 == shown["sha256"]
    again = staff.post(STORE, shown)
    assert again.status_code == 400 and Inspection.objects.filter(origin=Origin.IMPORTED).count() == 1
