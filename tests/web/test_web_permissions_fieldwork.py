"""Who may start and change crime data integrity audits and case-file reviews, and see their
records, cases, answers, worksheets and answer sheets (the rules: test_web_permissions.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspectorate.web.audits.models import AuditRecord, CdiAudit
from inspectorate.web.audits.worksheets import export_worksheet
from inspectorate.web.inspections.models import Evidence
from inspectorate.web.reviews.models import CaseAnswers, CaseReview
from inspectorate.web.reviews.sheets import export_sheet
from support.access import (
    FORMATS,
    INSPECTIONS,
    ROLES,
    SEES,
    TEAM,
    inspection_url,
    may_change,
    named,
)
from support.fieldwork import REVIEW_ANSWERS

pytestmark = pytest.mark.django_db

# The synthetic return the module's tests are drawn from (tests/conftest.py).
SYNTHETIC = (0.0005, 5)


# Crime data integrity audits --------------------------------------------------------------------


def _audit_snapshot(inspection: Any) -> tuple:
    audits = CdiAudit.objects.filter(inspection=inspection)
    return (
        sorted(audits.values_list("code", "recorded_crimes", "evidence")),
        sorted(
            AuditRecord.objects.filter(audit__inspection=inspection).values_list(
                "incident_id", "should_record", "recorded", "note", "revision"
            )
        ),
        Evidence.objects.filter(inspection=inspection).count(),
    )


def _filled_worksheet(audit: CdiAudit, folder: Path) -> SimpleUploadedFile:
    """The audit's worksheet with its undecided record 2 decided."""
    path = folder / "worksheet.csv"
    export_worksheet(audit, path, "csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[1].update(should_record="no", recorded="no", correctly_classified="n/a", within_24h="n/a")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("worksheet.csv", out.getvalue().encode(), content_type="text/csv")


AUDIT_ACTIONS = (
    "inspection-audits",
    "audit-record",
    "audit-figures",
    "audit-evidence",
    "audit-worksheet-import",
)
# Changes made through the records, which those outside the team may not know of: 404, not 403.
RECORD_ACTIONS = ("audit-record", "audit-worksheet-import")


def _audit_post(cast: Any, audits: Any, key: str, action: str, folder: Path) -> tuple[str, dict[str, Any]]:
    """The URL and form data of one change to an inspection's audits."""
    url = inspection_url(cast, key, action, "html", audits)
    if action == "inspection-audits":
        sizes = {"size_violence": 2, "size_sexual": 1, "size_other": 2}
        return url, {
            "dataset": "synthetic",
            "seed": 1,
            "margin": 5,
            "expected_rate": 90,
            "crime_share": 100,
            **sizes,
        }
    if action == "audit-record":
        url = reverse(
            "audit-record",
            kwargs={"code": cast.inspection(key).code, "audit_code": audits[key].code, "number": 2},
        )
        answers = ("no", "no", "n/a", "n/a", "n/a")
        names = ("should_record", "recorded", "correctly_classified", "within_24h", "cancellation_correct")
        return url, {**dict(zip(names, answers, strict=True)), "note": "", "revision": 0}
    if action == "audit-figures":
        return url, {"recorded_crimes": 1000, "recorded_crimes_source": "Posted"}
    if action == "audit-worksheet-import":
        return url, {"worksheet": _filled_worksheet(audits[key], folder)}
    return url, {}


@pytest.mark.parametrize("action", AUDIT_ACTIONS)
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_posts_change_an_audit_only_for_writers(
    cast, audits, client_for, settings, synthetic_workspace, tmp_path, role, key, action
):
    settings.WORKSPACE = synthetic_workspace
    inspection = cast.inspection(key)
    url, data = _audit_post(cast, audits, key, action, tmp_path)
    before = _audit_snapshot(inspection)
    response = client_for(role).post(url, data)
    if key not in SEES[role] or (action in RECORD_ACTIONS and role not in TEAM):
        assert response.status_code == 404
    elif may_change(role, key):
        body = response.content.decode()
        assert response.status_code == 302, body[body.find("<main>") :][:6000]
        assert response["Location"].startswith(f"/inspections/{inspection.code}/cdi/")
    else:
        assert response.status_code == 403
    changed = _audit_snapshot(inspection) != before
    assert changed == (response.status_code == 302)


@pytest.mark.parametrize("route", ["audit-figures", "audit-evidence", "audit-worksheet-import"])
@pytest.mark.parametrize("role", ["writer", "anonymous"])
def test_audit_change_urls_refuse_get(cast, audits, client_for, role, route):
    assert client_for(role).get(inspection_url(cast, "published", route, "html", audits)).status_code == 405


@pytest.mark.parametrize("route", ["audit", "audit-record"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_audit_pages_and_twins_that_take_no_post_refuse_it_even_from_a_writer(
    cast, audits, client_for, route, fmt
):
    if route == "audit-record" and fmt == "html":
        return  # the record page takes the decision form
    before = _audit_snapshot(cast.draft)
    response = client_for("writer").post(
        inspection_url(cast, "draft", route, fmt, audits), {"recorded_crimes": 1}
    )
    assert response.status_code == 405
    assert _audit_snapshot(cast.draft) == before


@pytest.mark.parametrize("route", ["audit-worksheet-csv", "audit-worksheet-xlsx"])
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_worksheets_download_for_the_team_and_staff_only(cast, audits, client_for, role, key, route):
    """The worksheet holds every record's incident and crime ids and the auditors' notes."""
    response = client_for(role).get(inspection_url(cast, key, route, "html", audits))
    assert response.status_code == (200 if key in SEES[role] and role in TEAM else 404)
    if response.status_code == 200:
        assert response["Content-Disposition"].startswith("attachment;")
    else:
        assert audits[key].records.get(number=1).incident_id.encode() not in response.content


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_the_audit_page_shows_records_and_the_worksheet_to_the_team_and_staff_only(
    cast, audits, client_for, role, key, fmt
):
    """Whoever sees the inspection sees the audit's design and figures, but not what leads to a record."""
    audit = audits[key]
    response = client_for(role).get(inspection_url(cast, key, "audit", fmt, audits))
    if key not in SEES[role]:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert audit.strata.get().label.split(",")[0] in body or fmt == "csv"  # the design is shown
    record_path = f"/inspections/{audit.inspection.code}/cdi/{audit.code}/records/"
    shown = {
        "record links": record_path in body,
        "worksheet": "/worksheet." in body or 'id="worksheet"' in body,
        "incident ids": audit.records.get(number=1).incident_id in body,
        "continue": 'id="continue"' in body,
    }
    if role in TEAM and fmt == "html":
        assert shown == {"record links": True, "worksheet": True, "incident ids": False, "continue": True}
    else:
        assert not any(shown.values()), shown


@pytest.mark.parametrize("route", ["audit", "audit-record", "audit-worksheet-csv"])
@pytest.mark.parametrize("role", ["anonymous", "outsider", "staff"])
def test_a_draft_audit_cannot_be_reached_through_a_published_inspection(
    cast, audits, client_for, role, route
):
    kwargs: dict[str, Any] = {"code": cast.published.code, "audit_code": audits["draft"].code}
    if route == "audit-record":
        kwargs["number"] = 1
    names = [route] if route.startswith("audit-worksheet") else [named(route, fmt) for fmt in FORMATS]
    for name in names:
        response = client_for(role).get(reverse(name, kwargs=kwargs))
        assert response.status_code == 404
        assert cast.draft.reference.encode() not in response.content


# Case-file reviews -----------------------------------------------------------------------------


def _review_snapshot(inspection: Any) -> tuple:
    return (
        sorted(CaseReview.objects.filter(inspection=inspection).values_list("code", "evidence")),
        sorted(
            CaseAnswers.objects.filter(case__review__inspection=inspection).values_list(
                "case__case_ref", "role", "status", "revision"
            )
        ),
        Evidence.objects.filter(inspection=inspection).count(),
    )


def _filled_answer_sheet(review: CaseReview, folder: Path) -> SimpleUploadedFile:
    """The review's answer sheet with its case 2 answered in full."""
    path = folder / "answers.csv"
    export_sheet(review, path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[1].update({**REVIEW_ANSWERS, "status": "complete"})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("answers.csv", out.getvalue().encode(), content_type="text/csv")


REVIEW_ACTIONS = ("inspection-reviews", "review-case", "review-evidence", "review-sheet-import")
# Changes made through the cases, which those outside the team may not know of: 404, not 403.
REVIEW_CASE_ACTIONS = ("review-case", "review-sheet-import")


def _review_post(cast: Any, reviews: Any, key: str, action: str, folder: Path) -> tuple[str, dict[str, Any]]:
    """The URL and form data of one change to an inspection's reviews."""
    url = inspection_url(cast, key, action, "html", reviews=reviews)
    if action == "inspection-reviews":
        cases = SimpleUploadedFile("cases.csv", b"case_ref\nPOSTED-1\nPOSTED-2\n", content_type="text/csv")
        return url, {
            "template_from": "library",
            "template": "peel-2021-victim-service@2021.1",
            "cases_from": "file",
            "case_file": cases,
            "second_share": 0,
            "seed": 1,
        }
    if action == "review-case":
        kwargs = {"code": cast.inspection(key).code, "review_code": reviews[key].code, "number": 2}
        return reverse("review-case", kwargs=kwargs), {**REVIEW_ANSWERS, "revision": 0, "action": "complete"}
    if action == "review-sheet-import":
        return url, {"sheet": _filled_answer_sheet(reviews[key], folder)}
    return url, {}


@pytest.mark.parametrize("action", REVIEW_ACTIONS)
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_posts_change_a_review_only_for_writers(cast, reviews, client_for, tmp_path, role, key, action):
    inspection = cast.inspection(key)
    url, data = _review_post(cast, reviews, key, action, tmp_path)
    before = _review_snapshot(inspection)
    response = client_for(role).post(url, data)
    if key not in SEES[role] or (action in REVIEW_CASE_ACTIONS and role not in TEAM):
        assert response.status_code == 404
    elif may_change(role, key):
        body = response.content.decode()
        assert response.status_code == 302, body[body.find("<main>") :][:6000]
        assert response["Location"].startswith(f"/inspections/{inspection.code}/reviews/")
    else:
        assert response.status_code == 403
    changed = _review_snapshot(inspection) != before
    assert changed == (response.status_code == 302)


@pytest.mark.parametrize("route", ["review-evidence", "review-sheet-import"])
@pytest.mark.parametrize("role", ["writer", "anonymous"])
def test_review_change_urls_refuse_get(cast, reviews, client_for, role, route):
    url = inspection_url(cast, "published", route, reviews=reviews)
    assert client_for(role).get(url).status_code == 405


@pytest.mark.parametrize("route", ["review", "review-case"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_review_pages_and_twins_that_take_no_post_refuse_it_even_from_a_writer(
    cast, reviews, client_for, route, fmt
):
    if route == "review-case" and fmt == "html":
        return  # the case page takes the answers
    before = _review_snapshot(cast.draft)
    data = {**REVIEW_ANSWERS, "revision": 1, "action": "complete"}
    response = client_for("writer").post(inspection_url(cast, "draft", route, fmt, reviews=reviews), data)
    assert response.status_code == 405
    assert _review_snapshot(cast.draft) == before


@pytest.mark.parametrize("route", ["review-sheet-csv", "review-sheet-xlsx"])
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_answer_sheets_download_for_the_team_and_staff_only(cast, reviews, client_for, role, key, route):
    """The answer sheet holds every case's reference and every reviewer's answers."""
    response = client_for(role).get(inspection_url(cast, key, route, reviews=reviews))
    assert response.status_code == (200 if key in SEES[role] and role in TEAM else 404)
    if response.status_code == 200:
        assert response["Content-Disposition"].startswith("attachment;")
    else:
        assert reviews[key].cases.get(number=1).case_ref.encode() not in response.content


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_the_review_page_shows_cases_and_the_sheet_to_the_team_and_staff_only(
    cast, reviews, client_for, role, key, fmt
):
    """Whoever sees the inspection sees the review's results, but never a case reference or an answer."""
    review = reviews[key]
    response = client_for(role).get(inspection_url(cast, key, "review", fmt, reviews=reviews))
    if key not in SEES[role]:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert "thrive_applied" in body  # the results are shown
    shown = {
        "case links": f"/reviews/{review.code}/cases/" in body,
        "answer sheet": "/answers." in body or 'id="answer-sheet"' in body,
        "case references": review.cases.get(number=1).case_ref in body,
        "continue": 'id="continue"' in body,
    }
    if role in TEAM and fmt == "html":
        assert shown == {"case links": True, "answer sheet": True, "case references": True, "continue": True}
    elif role in TEAM and fmt == "json":
        assert shown["case references"] and not shown["answer sheet"]
    else:
        assert not any(shown.values()), shown


@pytest.mark.parametrize("route", ["review", "review-case", "review-sheet-csv"])
@pytest.mark.parametrize("role", ["anonymous", "outsider", "staff"])
def test_a_draft_review_cannot_be_reached_through_a_published_inspection(
    cast, reviews, client_for, role, route
):
    kwargs: dict[str, Any] = {"code": cast.published.code, "review_code": reviews["draft"].code}
    if route == "review-case":
        kwargs["number"] = 1
    names = [route] if route.startswith("review-sheet") else [named(route, fmt) for fmt in FORMATS]
    for name in names:
        response = client_for(role).get(reverse(name, kwargs=kwargs))
        assert response.status_code == 404
        assert cast.draft.reference.encode() not in response.content


# Fieldwork of a published inspection -------------------------------------------------------------

FIELDWORK_LISTS = {"inspection-audits": "Start an audit", "inspection-reviews": "Start a review"}


def _main(response: Any) -> str:
    return str(response.content.decode().split('id="main-content"', 1)[1])


@pytest.mark.parametrize("route", FIELDWORK_LISTS)
def test_a_published_inspection_without_fieldwork_says_why_its_list_is_empty(
    cast, client_for, with_data, route
):
    """Fieldwork closes when the report is published: the writer is not offered a form that would be
    refused, and everyone who sees the inspection is told why the list is empty and stays so."""
    # Without the fieldwork other tests' fixtures leave in it (rolled back after the test).
    CdiAudit.objects.filter(inspection__in=(cast.published, cast.draft)).delete()
    CaseReview.objects.filter(inspection__in=(cast.published, cast.draft)).delete()
    published = reverse(route, kwargs={"code": cast.published.code})
    for role in ("writer", "reader", "anonymous"):
        response = client_for(role).get(published)
        assert response.status_code == 200, role
        content = _main(response)
        assert "before its report was published" in content and "None can be started now" in content
        assert FIELDWORK_LISTS[route] not in content and "<form" not in content
    # While the fieldwork is open, the writer has the form and the reader is told who starts one.
    draft = reverse(route, kwargs={"code": cast.draft.code})
    assert FIELDWORK_LISTS[route] in _main(client_for("writer").get(draft))
    assert "lead inspector or an analyst on its team starts" in _main(client_for("reader").get(draft))
    # Those who may not see the draft's fieldwork still get a 404.
    assert client_for("outsider").get(draft).status_code == 404


@pytest.mark.parametrize("route", FIELDWORK_LISTS)
def test_a_published_inspections_page_links_to_its_fieldwork_only_if_it_had_some(
    cast, audits, reviews, client_for, route
):
    list_address = reverse(route, kwargs={"code": cast.published.code})
    page = reverse("inspection", kwargs={"code": cast.published.code})
    for role in ("writer", "anonymous"):
        assert f'href="{list_address}"' in _main(client_for(role).get(page)), role
    CdiAudit.objects.filter(inspection=cast.published).delete()
    CaseReview.objects.filter(inspection=cast.published).delete()
    for role in ("writer", "anonymous"):
        assert f'href="{list_address}"' not in _main(client_for(role).get(page)), role
    # The draft's fieldwork is open: its page links to the list even when it is empty.
    CdiAudit.objects.filter(inspection=cast.draft).delete()
    CaseReview.objects.filter(inspection=cast.draft).delete()
    draft_list = reverse(route, kwargs={"code": cast.draft.code})
    assert f'href="{draft_list}"' in _main(
        client_for("writer").get(reverse("inspection", kwargs={"code": cast.draft.code}))
    )


@pytest.mark.parametrize("route", ["audit", "review"])
def test_a_published_inspections_fieldwork_offers_no_form_even_to_its_writer(
    cast, audits, reviews, client_for, route
):
    def page(key: str) -> str:
        return _main(client_for("writer").get(inspection_url(cast, key, route, "html", audits, reviews)))

    published = page("published")
    assert "<form" not in published and "so its" in published and "are closed" in published
    assert "<form" in page("draft")
