"""Crime data integrity audits on the web: starting one, deciding records, the worksheet, the twins.

Audits are drawn from a small SYNTHETIC Metropolitan return (made once for the module) through the
same form a writer uses; the cast's writer leads and its reader reviews the inspections.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspectorate.core.cdi.extrapolate import UNRECORDED_FORMULA
from inspectorate.core.cdi.frame import default_audit_period
from inspectorate.core.cdi.types import QUESTION_NAMES
from inspectorate.core.data.store import DataStore
from inspectorate.core.workspace import data_store_dir
from inspectorate.web.audits.models import AuditRecord, CdiAudit
from inspectorate.web.inspections.models import Evidence
from support.fieldwork import checked, date_fields, offered, shown_date
from support.review_pages import listed_problems

pytestmark = pytest.mark.django_db

# The synthetic return the module's tests are drawn from (tests/conftest.py).
SYNTHETIC = (0.0005, 7)

# Small fixed sizes per crime group, so that a few decisions finish an audit.
SIZES = {"size_violence": "3", "size_sexual": "2", "size_other": "3"}
# should_record, recorded, correctly_classified, within_24h, cancellation_correct
DUE_AND_RECORDED = ("yes", "yes", "yes", "no", "n/a")
DUE_NOT_RECORDED = ("yes", "no", "n/a", "n/a", "n/a")
# A crime neither due nor recorded cannot have been classified correctly.
IMPOSSIBLE = ("no", "no", "yes", "n/a", "n/a")


def _list_url(inspection: Any, fmt: str = "html") -> str:
    name = "inspection-audits" if fmt == "html" else f"inspection-audits.{fmt}"
    return reverse(name, kwargs={"code": inspection.code})


def _audit_url(audit: CdiAudit, name: str = "audit", **extra: Any) -> str:
    return reverse(name, kwargs={"code": audit.inspection.code, "audit_code": audit.code, **extra})


def _record_url(audit: CdiAudit, number: int, fmt: str = "html") -> str:
    name = "audit-record" if fmt == "html" else f"audit-record.{fmt}"
    return _audit_url(audit, name, number=number)


def _answers(values: tuple[str, ...], note: str = "", revision: int = 0) -> dict[str, Any]:
    return {**dict(zip(QUESTION_NAMES, values, strict=True)), "note": note, "revision": revision}


def _start(client: Any, inspection: Any, **fields: str) -> Any:
    data = {"dataset": "synthetic", "seed": "3", "margin": "5", "expected_rate": "90", "crime_share": "100"}
    return client.post(_list_url(inspection), {**data, **SIZES, **fields})


@pytest.fixture
def audit(cast: Any, writer: Any, with_data: Path) -> CdiAudit:
    """An audit of the draft inspection, started by the writer through the form."""
    response = _start(writer, cast.draft)
    assert response.status_code == 302, response.content.decode()[:3000]
    return CdiAudit.objects.get(inspection=cast.draft)


def _decisions(audit: CdiAudit) -> list[tuple]:
    fields = ("number", *QUESTION_NAMES, "note", "revision")
    return list(AuditRecord.objects.filter(audit=audit).order_by("number").values_list(*fields))


# Starting an audit -----------------------------------------------------------------------------


def test_the_writer_gets_the_form_prefilled_with_the_default_period_and_design(
    cast, writer, with_data, reading
):
    page = reading.html(writer.get(_list_url(cast.draft)))
    assert "No audit has been started" in page
    store = DataStore(data_store_dir(with_data))
    start, end = default_audit_period(store, store.dataset("metropolitan", "synthetic"))
    # GOV.UK date inputs (day, month, year), never the browser's own date picker.
    assert (shown_date(page, "start"), shown_date(page, "end")) == (start, end)
    assert 'type="date"' not in page and 'name="start_day"' in page and "For example, 27 3 2022" in page
    assert re.search(r'name="margin" value="5(\.0)?"', page)
    assert re.search(r'name="expected_rate" value="90(\.0)?"', page)
    assert re.search(r'name="crime_share" value="100(\.0)?"', page)
    assert '<option value="synthetic" selected>synthetic (synthetic)</option>' in page
    for name in ("size_violence", "size_sexual", "size_other", "include_asb", "seed"):
        assert f'name="{name}"' in page


def test_without_data_the_writer_is_told_how_it_is_loaded(cast, writer, reading):
    page = reading.html(writer.get(_list_url(cast.draft)))
    assert 'id="no-data"' in page and "inspectorate data load FILE --force metropolitan" in page
    assert 'name="margin"' not in page


def test_a_writer_starts_an_audit_and_lands_on_its_page(cast, writer, with_data, reading):
    response = _start(writer, cast.draft)
    audit = CdiAudit.objects.get(inspection=cast.draft)
    assert response["Location"] == _audit_url(audit)
    assert audit.synthetic and audit.dataset == "metropolitan/synthetic"
    assert audit.design["seed"] == 3 and audit.design["margin"] == pytest.approx(0.05)
    assert audit.design["sizes"] == {"violence-against-the-person": 3, "sexual-offences": 2, "other": 3}
    assert audit.created_by == cast.users["writer"]
    sampled = audit.records.count()
    assert sampled == sum(audit.strata.values_list("sample_size", flat=True)) > 0
    listing = reading.json(writer.get(_list_url(cast.draft, "json")))
    assert [(a["reference"], a["sampled"], a["decided"]) for a in listing["audits"]] == [
        (audit.reference, sampled, 0)
    ]
    rows = reading.csv(writer.get(_list_url(cast.draft, "csv")))
    assert rows[0]["reference"] == audit.reference and rows[0]["seed"] == "3"
    page = reading.html(writer.get(_list_url(cast.draft)))
    assert f"0 of {sampled} decided" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"margin": "150"}, "150 should be above 0 and below 100 (percent)"),
        ({**date_fields("start", "2021-01-01"), "end_day": "", "end_month": "", "end_year": ""},
         "Give both ends of the period"),
    ],
)  # fmt: skip
def test_a_bad_design_is_refused_in_the_form(cast, writer, with_data, reading, fields, message):
    response = _start(writer, cast.draft, **fields)
    assert response.status_code == 200
    assert message in reading.errors(response)
    assert not CdiAudit.objects.exists()


REAL = "Start of the period must be a real date"
EVERY_BOX = {"", "_month", "_year"}


@pytest.mark.parametrize(
    ("start", "end", "message", "faulty"),
    [
        (("31", "2", "2024"), ("1", "3", "2024"), REAL, EVERY_BOX),
        (("1", "", "2024"), ("", "3", "2024"), "Start of the period must include a month", {"_month"}),
        (("1", "2", "24"), ("1", "3", "2024"), "Start of the period must have a year of 4", {"_year"}),
        (("1", "two", "2024"), ("1", "3", "2024"), REAL, EVERY_BOX),
    ],
)
def test_a_date_typed_wrong_is_named_in_the_summary_and_at_its_boxes(
    cast, writer, with_data, reading, start, end, message, faulty
):
    typed = {
        f"{name}_{part}": value
        for name, date in (("start", start), ("end", end))
        for part, value in zip(("day", "month", "year"), date, strict=True)
    }
    response = _start(writer, cast.draft, **typed)
    assert response.status_code == 200 and not CdiAudit.objects.exists()
    page = reading.html(response)
    assert page.count(message) == 2, "in the error summary and at the field"
    # The summary links to the first box, which carries the field's id; the boxes keep what was typed.
    assert f'<a href="#id_start">{message}' in page
    assert re.search(rf'<input type="text" name="start_day" value="{start[0]}"[^>]*id="id_start">', page)
    error_box = r'class="[^"]*govuk-input--error[^"]*"[^>]*id="id_start{}"'
    marked = {suffix for suffix in EVERY_BOX if re.search(error_box.format(suffix), page)}
    assert marked == faulty
    if message.endswith("a month"):
        assert "End of the period must include a day" in page


def test_one_end_of_the_period_alone_is_refused_at_the_missing_end(cast, writer, with_data, reading):
    response = _start(writer, cast.draft, **date_fields("start", "2021-01-01"))
    assert '<a href="#id_end">Give both ends of the period' in reading.html(response)


def test_an_error_from_drawing_the_sample_is_one_line_in_the_form(cast, writer, with_data, reading):
    """A period without incidents: create_audit refuses it, and the form says why on one line."""
    period = {**date_fields("start", "2001-01-01"), **date_fields("end", "2001-03-31")}
    response = _start(writer, cast.draft, **period)
    assert response.status_code == 200
    errors = reading.errors(response)
    assert errors.strip(), "no error shown"
    assert "\n" not in re.sub(r"<[^>]+>", "", errors).strip()
    assert not CdiAudit.objects.exists()


def test_a_reader_sees_the_list_without_the_form_and_cannot_start_an_audit(
    cast, client_for, with_data, reading
):
    reader = client_for("reader")
    page = reading.html(reader.get(_list_url(cast.draft)))
    assert "Start an audit" not in page and 'name="margin"' not in page
    # The empty list says who would fill it.
    assert "No audit has been started" in page and "lead inspector or an analyst on its team starts" in page
    assert _start(reader, cast.draft).status_code == 403
    assert not CdiAudit.objects.exists()


def test_the_inspection_page_links_to_its_audits(cast, client_for, reading):
    page = reading.html(client_for("writer").get(reverse("inspection", kwargs={"code": cast.draft.code})))
    # The draft's fieldwork is open; a published inspection links to it only if it had some
    # (test_web_permissions_fieldwork.py).
    assert f'href="{_list_url(cast.draft)}"' in page


# The audit's page ------------------------------------------------------------------------------


def test_the_audit_page_shows_the_design_the_strata_progress_and_the_synthetic_banner(
    cast, writer, audit, reading
):
    page = reading.html(writer.get(_audit_url(audit)))
    sampled = audit.records.count()
    assert "Synthetic data." in page and 'class="govuk-inset-text app-synthetic"' in page
    assert audit.frame_sha256 in page and len(audit.frame_sha256) == 64
    assert f'<progress max="{sampled}" value="0"' in page
    assert f"0 of {sampled} records decided" in page
    assert f'href="{_record_url(audit, 1)}" id="continue">Continue auditing' in page
    assert '<nav class="govuk-breadcrumbs' in page and f'href="{_list_url(audit.inspection)}"' in page
    for stratum in audit.strata.all():
        assert f'id="stratum-{stratum.key}"' in page
    assert "Provisional." in page
    assert (
        _audit_url(audit, "audit-worksheet-csv") in page and _audit_url(audit, "audit-worksheet-xlsx") in page
    )
    assert 'enctype="multipart/form-data"' in page and "Record as evidence" in page


def test_the_reader_sees_the_audit_without_any_form(cast, client_for, audit, reading):
    page = reading.html(client_for("reader").get(_audit_url(audit)))
    assert audit.reference in page and "Download the worksheet as CSV" in page
    content = page.split('<main class="govuk-main-wrapper"', 1)[1]
    assert "<form" not in content and "Record as evidence" not in content


def test_the_twins_carry_the_summary_and_the_results(cast, writer, audit, reading):
    document = reading.json(writer.get(_audit_url(audit, "audit.json")))
    assert set(document) == {"summary", "results"}
    assert document["summary"]["reference"] == audit.reference
    assert document["summary"]["sampled"] == audit.records.count()
    assert document["results"]["estimate"]["provisional"] is True
    rows = reading.csv(writer.get(_audit_url(audit, "audit.csv")))
    assert rows and {row["audit"] for row in rows} == {audit.reference}
    assert {"scope", "measure", "estimate", "wilson_lower"} <= set(rows[0])


# Deciding records ------------------------------------------------------------------------------


def test_saving_a_decision_stores_it_and_goes_to_the_next_undecided_record(cast, writer, audit, reading):
    response = writer.post(_record_url(audit, 1), _answers(DUE_AND_RECORDED, note="Checked the log"))
    assert response.status_code == 302
    assert response["Location"] == _record_url(audit, 2)
    record = audit.records.get(number=1)
    assert record.decision.should_record == "yes" and record.within_24h == "no"
    assert record.note == "Checked the log" and record.revision == 1
    assert record.decided_by == cast.users["writer"]
    page = reading.html(writer.get(_record_url(audit, 2)))
    assert f"1 of {audit.records.count()} decided" in page
    # Record 1 shows the stored answers, checked.
    page = reading.html(writer.get(_record_url(audit, 1)))
    assert {("should_record", "yes"), ("within_24h", "no")} <= checked(page)


def test_save_and_next_skips_decided_records_and_ends_on_the_audit_page(cast, writer, audit):
    sampled = audit.records.count()
    writer.post(_record_url(audit, 2), _answers(DUE_NOT_RECORDED))
    response = writer.post(_record_url(audit, 1), _answers(DUE_AND_RECORDED))
    assert response["Location"] == _record_url(audit, 3)
    for number in range(3, sampled + 1):
        response = writer.post(_record_url(audit, number), _answers(DUE_AND_RECORDED))
    assert response["Location"] == _audit_url(audit)
    assert not audit.records.filter(should_record="").exists()


def test_an_impossible_answer_is_refused_with_the_reason_and_nothing_is_stored(cast, writer, audit, reading):
    before = _decisions(audit)
    response = writer.post(_record_url(audit, 1), _answers(IMPOSSIBLE, note="should not be kept"))
    assert response.status_code == 200
    page = reading.html(response)
    assert 'class="govuk-error-summary" id="decision-error"' in page
    assert "<title>Error: " in page
    # Linked to the question the reason names.
    assert 'href="#id_correctly_classified_1">correctly_classified: must be n/a' in page
    assert (
        "correctly_classified: must be n/a or blank unless a crime should have been and was recorded" in page
    )
    assert "Nothing was saved." in page
    assert _decisions(audit) == before
    # The answers given are shown again, to correct.
    assert ("correctly_classified", "yes") in checked(page)


def test_a_decision_saved_meanwhile_by_someone_else_is_not_overwritten(cast, writer, audit, reading):
    writer.post(_record_url(audit, 1), _answers(DUE_AND_RECORDED))
    response = writer.post(_record_url(audit, 1), _answers(DUE_NOT_RECORDED, revision=0))
    assert "saved by someone else" in reading.errors(response)
    assert audit.records.get(number=1).recorded == "yes"


def test_not_applicable_is_offered_only_where_it_can_be_the_answer(cast, writer, audit, reading):
    page = reading.html(writer.get(_record_url(audit, 1)))
    choices = offered(page)
    for name in ("should_record", "recorded"):
        assert (name, "yes") in choices and (name, "n/a") not in choices
    for name in ("correctly_classified", "within_24h", "cancellation_correct"):
        assert (name, "n/a") in choices
    # Each question a fieldset with its legend, numbered for the keys 1 to 5.
    assert (
        page.count('class="app-cdi-question"') == 5
        and page.count('<legend class="govuk-fieldset__legend') == 5
    )
    assert re.search(r"<legend[^>]*>\s*1\. Should", page)
    assert "Keyboard shortcuts" in page and "audit-keys.js" in page


def test_the_record_page_shows_the_incident_and_its_crimes(cast, writer, audit, reading):
    record = audit.records.select_related("stratum").get(number=1)
    page = reading.html(writer.get(_record_url(audit, 1)))
    assert record.incident_id in page and record.opened_at in page
    assert record.stratum.label in page
    for crime_id, _, _ in record.crimes:
        assert crime_id in page
    document = reading.json(writer.get(_record_url(audit, 1, "json")))
    assert document["record"]["incident_id"] == record.incident_id
    assert document["record"]["decision"] == {**dict.fromkeys(QUESTION_NAMES), "note": ""}
    assert document["progress"] == {"decided": 0, "sampled": audit.records.count()}
    row = reading.csv(writer.get(_record_url(audit, 1, "csv")))[0]
    assert row["incident_id"] == record.incident_id and row["should_record"] == ""


def test_a_reader_sees_the_record_read_only_and_cannot_decide_it(cast, client_for, audit, reading):
    reader = client_for("reader")
    writer = client_for("writer")
    writer.post(_record_url(audit, 1), _answers(DUE_AND_RECORDED))
    before = _decisions(audit)
    page = reading.html(reader.get(_record_url(audit, 1)))
    assert 'id="decision-form"' not in page and 'type="radio"' not in page
    assert "Was it recorded?" in page and "Decided by writer" in page
    assert reader.post(_record_url(audit, 1), _answers(DUE_NOT_RECORDED, revision=1)).status_code == 403
    assert _decisions(audit) == before


def test_a_record_number_outside_the_sample_is_404(cast, writer, audit):
    for number in (0, audit.records.count() + 1):
        for fmt in ("html", "json", "csv"):
            assert writer.get(_record_url(audit, number, fmt)).status_code == 404


# Who may see what --------------------------------------------------------------------------------


def _every_url(audit: CdiAudit) -> list[str]:
    return [
        _audit_url(audit),
        _audit_url(audit, "audit.json"),
        _audit_url(audit, "audit.csv"),
        _record_url(audit, 1),
        _record_url(audit, 1, "json"),
        _record_url(audit, 1, "csv"),
        _audit_url(audit, "audit-worksheet-csv"),
        _audit_url(audit, "audit-worksheet-xlsx"),
    ]


@pytest.mark.parametrize("role", ["outsider", "anonymous", "liaison"])
def test_those_who_may_not_see_the_draft_get_404_everywhere(cast, client_for, audit, role):
    client = client_for(role)
    before = _decisions(audit)
    for url in [_list_url(cast.draft), _list_url(cast.draft, "json"), *_every_url(audit)]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert audit.reference.encode() not in response.content
    posts = [
        (_record_url(audit, 1), _answers(DUE_AND_RECORDED)),
        (_list_url(cast.draft), {"dataset": "synthetic", **SIZES}),
        (_audit_url(audit, "audit-figures"), {"recorded_crimes": "5"}),
        (_audit_url(audit, "audit-evidence"), {}),
        (_audit_url(audit, "audit-worksheet-import"), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert _decisions(audit) == before and CdiAudit.objects.count() == 1


def test_an_audit_is_not_reachable_through_another_inspections_url(cast, staff, audit):
    for url in _every_url(audit):
        wrong = url.replace(str(cast.draft.code), str(cast.published.code))
        assert staff.get(wrong).status_code == 404, wrong
    wrong = _record_url(audit, 1).replace(str(cast.draft.code), str(cast.published.code))
    assert staff.post(wrong, _answers(DUE_AND_RECORDED)).status_code == 404
    assert not audit.records.exclude(should_record="").exists()


# The worksheet -----------------------------------------------------------------------------------


def _worksheet_rows(client: Any, audit: CdiAudit) -> list[dict[str, str]]:
    response = client.get(_audit_url(audit, "audit-worksheet-csv"))
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _as_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _upload(client: Any, audit: CdiAudit, content: bytes, name: str = "filled.csv") -> Any:
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(_audit_url(audit, "audit-worksheet-import"), {"worksheet": upload})


def test_the_worksheet_downloads_as_csv_and_xlsx_for_writers_and_readers(cast, client_for, audit):
    sampled = audit.records.count()
    for role in ("writer", "reader"):
        rows = _worksheet_rows(client_for(role), audit)
        assert [int(row["number"]) for row in rows] == list(range(1, sampled + 1))
        assert {row["audit"] for row in rows} == {str(audit.code)}
    response = client_for("reader").get(_audit_url(audit, "audit-worksheet-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{audit.reference}-worksheet.csv"'
    response = client_for("writer").get(_audit_url(audit, "audit-worksheet-xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert response["Content-Disposition"] == f'attachment; filename="{audit.reference}-worksheet.xlsx"'
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    sheet = workbook["worksheet"] if "worksheet" in workbook.sheetnames else workbook.worksheets[0]
    values = [row for row in sheet.iter_rows(values_only=True) if any(cell is not None for cell in row)]
    assert values[0][:3] == ("audit", "number", "incident_id")
    assert len(values) == 1 + sampled


def test_a_filled_worksheet_imports_every_decision(cast, writer, audit, reading):
    rows = _worksheet_rows(writer, audit)
    for row in rows:
        row.update(dict(zip(QUESTION_NAMES, DUE_AND_RECORDED, strict=True)), note="from the worksheet")
    response = _upload(writer, audit, _as_csv(rows))
    assert response.status_code == 302, reading.html(response)[-3000:]
    assert response["Location"] == _audit_url(audit)
    assert not audit.records.filter(should_record="").exists()
    assert set(audit.records.values_list("note", flat=True)) == {"from the worksheet"}
    assert set(audit.records.values_list("revision", flat=True)) == {1}
    page = reading.html(writer.get(response["Location"]))
    assert f"{len(rows)} decisions changed" in page
    assert "Provisional." not in page


def test_a_bad_worksheet_shows_every_problem_and_stores_nothing(cast, writer, audit, reading):
    rows = _worksheet_rows(writer, audit)
    assert len(rows) >= 3
    for row in rows:
        row.update(dict(zip(QUESTION_NAMES, DUE_AND_RECORDED, strict=True)))
    rows[1].update(dict(zip(QUESTION_NAMES, IMPOSSIBLE, strict=True)))  # line 3
    rows[2]["incident_id"] = "NOT-IN-THE-SAMPLE"  # line 4
    rows.append(dict(rows[0]))  # line len(rows) + 1: record 1 again
    before = _decisions(audit)
    response = _upload(writer, audit, _as_csv(rows), name="bad.csv")
    assert response.status_code == 200
    page = reading.html(response)
    problems = listed_problems(page)
    assert "nothing was saved" in page and "<title>Error: " in page
    # Said at the top of the page too, where the eye lands, as the list is beside the form below: in a
    # banner, and in the error summary that leads to the list.
    top = re.search(r'<p class="govuk-notification-banner__heading messages error">(.*?)</p>', page, re.S)
    assert top is not None and "bad.csv: the worksheet was not imported" in top.group(1)
    summary = re.search(r'<div class="govuk-error-summary__body">(.*?)</ul>', page, re.S)
    assert summary is not None and f'href="#import-problems">{len(problems)} problems' in summary.group(1)
    assert any(p.startswith("bad.csv:3: correctly_classified:") for p in problems), problems
    assert any(p.startswith("bad.csv:4: incident_id:") and "NOT-IN-THE-SAMPLE" in p for p in problems), (
        problems
    )
    assert any(f"bad.csv:{len(rows) + 1}: incident_id:" in p and "twice" in p for p in problems), problems
    assert _decisions(audit) == before


def test_a_file_that_is_not_a_worksheet_is_refused(cast, writer, audit, reading):
    response = _upload(writer, audit, b"hello", name="notes.txt")
    assert response.status_code == 200
    assert "a worksheet is a .csv or .xlsx file" in reading.errors(response)
    response = _upload(writer, audit, b"just,some,columns\n1,2,3\n")
    assert 'id="import-problems"' in reading.html(response)
    assert not audit.records.exclude(should_record="").exists()


def test_a_reader_cannot_import_a_worksheet(cast, client_for, audit):
    rows = _worksheet_rows(client_for("reader"), audit)
    for row in rows:
        row.update(dict(zip(QUESTION_NAMES, DUE_AND_RECORDED, strict=True)))
    assert _upload(client_for("reader"), audit, _as_csv(rows)).status_code == 403
    assert not audit.records.exclude(should_record="").exists()


# Figures, results and evidence -------------------------------------------------------------------

FIGURES = {
    "recorded_crimes": "812345",
    "recorded_crimes_source": "ONS Table P1, year ending March 2021",
    "previous_label": "CDI inspection 2018",
    "overall_rate": "89.5",
    "overall_margin": "1.6",
    "violence_rate": "85.6",
    "violence_margin": "2.8",
    "sexual_rate": "",
    "sexual_margin": "",
}


def _decide_all(client: Any, audit: CdiAudit) -> None:
    for number in range(1, audit.records.count() + 1):
        values = DUE_NOT_RECORDED if number == 2 else DUE_AND_RECORDED
        assert client.post(_record_url(audit, number), _answers(values)).status_code == 302


def test_the_figures_form_stores_r_and_the_previous_audit_as_proportions(cast, writer, audit, reading):
    response = writer.post(_audit_url(audit, "audit-figures"), FIGURES)
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.recorded_crimes == 812345
    assert audit.recorded_crimes_source == "ONS Table P1, year ending March 2021"
    assert audit.previous == {
        "label": "CDI inspection 2018",
        "overall": {"rate": pytest.approx(0.895), "margin": pytest.approx(0.016)},
        "violence": {"rate": pytest.approx(0.856), "margin": pytest.approx(0.028)},
    }
    _decide_all(writer, audit)
    page = reading.html(writer.get(_audit_url(audit)))
    assert UNRECORDED_FORMULA in page and "812,345" in page and "ONS Table P1" in page
    assert "two-sided z-test for the difference of two independent estimates" in page
    additional = re.search(r'<p class="govuk-body" id="additional">(.*?)</p>', page, re.S).group(1)
    assert "CDI inspection 2018" in additional and "p_prev = 89.5%" in additional
    assert 'value="89.5"' in page  # the form shows the stored figures again, as percent


@pytest.mark.parametrize(
    ("change", "field_error"),
    [
        ({"recorded_crimes_source": ""}, "Say where R comes from."),
        ({"overall_margin": ""}, "give both the rate and its +/-, or neither"),
        ({"previous_label": ""}, "Name the previous audit"),
        ({"overall_rate": "120"}, "120 should be above 0 and at most 100 (percent)"),
        ({"overall_rate": "0.9"}, "0.9 percent? Give the rate in percent: 90 for 0.9"),
        ({"recorded_crimes": "0"}, "Ensure this value is greater than or equal to 1."),
    ],
)
def test_incomplete_figures_are_refused_and_nothing_is_stored(
    cast, writer, audit, reading, change, field_error
):
    response = writer.post(_audit_url(audit, "audit-figures"), {**FIGURES, **change})
    assert response.status_code == 200
    assert field_error in reading.errors(response)
    audit.refresh_from_db()
    assert audit.previous == {} and audit.recorded_crimes != 812345


def test_recording_the_results_as_evidence_links_the_evidence(cast, client_for, audit, reading):
    writer = client_for("writer")
    _decide_all(writer, audit)
    assert client_for("reader").post(_audit_url(audit, "audit-evidence")).status_code == 403
    assert not Evidence.objects.filter(kind="audit").exists()
    response = writer.post(_audit_url(audit, "audit-evidence"))
    assert response.status_code == 302
    audit.refresh_from_db()
    evidence = audit.evidence
    assert evidence is not None and evidence.area_ids == [audit.area_id]
    page = reading.html(writer.get(response["Location"]))
    evidence_url = reverse("evidence", kwargs={"code": cast.draft.code, "evidence_code": evidence.code})
    assert f'href="{evidence_url}"' in page
    assert "Suggested grade" in page
    behind = "Decisions were saved after it was written"
    assert behind not in page
    record = audit.records.get(number=2)
    answers = _answers(DUE_AND_RECORDED) | {"revision": str(record.revision)}
    assert writer.post(_record_url(audit, 2), answers).status_code == 302
    assert behind in reading.html(writer.get(_audit_url(audit)))
    writer.post(_audit_url(audit, "audit-evidence"))
    assert behind not in reading.html(writer.get(_audit_url(audit)))


def test_the_results_are_the_same_in_html_json_and_csv(cast, writer, audit, reading):
    _decide_all(writer, audit)
    results = reading.json(writer.get(_audit_url(audit, "audit.json")))["results"]["estimate"]
    overall = results["measures"]["recording"]
    assert results["provisional"] is False
    rows = reading.csv(writer.get(_audit_url(audit, "audit.csv")))
    row = next(r for r in rows if r["scope"] == "all" and r["measure"] == "recording")
    assert float(row["estimate"]) == pytest.approx(overall["rate"])
    page = reading.html(writer.get(_audit_url(audit)))
    assert f"<strong>{overall['percent']:.1f}%</strong>" in page
