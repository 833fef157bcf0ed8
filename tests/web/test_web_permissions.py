"""Who gets what from every view and its .json and .csv twins.

The rules (inspections/access.py, docs/permissions.md):
- staff see and change everything;
- the team sees its inspections; lead, inspector and analyst change them, a reviewer only reads;
- a force's liaison sees its inspections at the factual-accuracy check and once published;
- everyone, signed in or not, sees published inspections; anything else is a 404;
- the history of changes, an audit's records and worksheet, and a case-file review's cases, answers
  and answer sheet are for the team and staff only: a 404 for everyone else who sees the inspection,
  even once it is published (a review's aggregate results are seen by all who see the inspection).
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspectorate.core.casereview.cases import CaseFile
from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.published import answers_reproducing
from inspectorate.core.cdi.types import Answer, Decision, SampleDesign
from inspectorate.web.audits.models import AuditRecord, AuditStratum, CdiAudit
from inspectorate.web.audits.services import crime_recording_area
from inspectorate.web.audits.worksheets import export_worksheet
from inspectorate.web.inspections.models import Evidence, Finding, Judgment
from inspectorate.web.registry.models import PeerGroupVersion
from inspectorate.web.reviews.models import CaseAnswers, CaseReview, Role
from inspectorate.web.reviews.services import create_review, save_answers
from inspectorate.web.reviews.sheets import export_sheet

pytestmark = pytest.mark.django_db

# The synthetic return the module's tests are drawn from (tests/conftest.py).
SYNTHETIC = (0.0005, 5)

ROLES = ("writer", "reader", "outsider", "liaison", "anonymous", "staff")
INSPECTIONS = ("draft", "factual", "published")
FORMATS = ("html", "json", "csv")

# Who sees which inspection (the cast: writer leads and reader reviews all three; outsider is
# affiliated to Kent, liaison to the Metropolitan Police Service, whose inspections these are).
SEES = {
    "writer": {"draft", "factual", "published"},
    "reader": {"draft", "factual", "published"},
    "staff": {"draft", "factual", "published"},
    "liaison": {"factual", "published"},
    "outsider": {"published"},
    "anonymous": {"published"},
}
WRITES = {"writer", "staff"}
TEAM = {"writer", "reader", "staff"}  # the team, of any role, and staff
TEAM_ONLY_ROUTES = ("inspection-history", "audit-record", "review-case")


def _named(name: str, fmt: str) -> str:
    return name if fmt == "html" else f"{name}.{fmt}"


def _inspection_url(
    cast: Any, key: str, route: str, fmt: str = "html", audits: Any = None, reviews: Any = None
) -> str:
    inspection = cast.inspection(key)
    code = inspection.code
    kwargs: dict[str, Any] = {"code": code}
    if route.startswith("audit"):
        kwargs["audit_code"] = audits[key].code
        if route == "audit-record":
            kwargs["number"] = 1
    if route.startswith("review"):
        kwargs["review_code"] = reviews[key].code
        if route == "review-case":
            kwargs["number"] = 1
    if route == "area":
        kwargs["area_id"] = "prevention"
    elif route in ("finding", "finding-delete"):
        kwargs["finding_code"] = cast.findings[key].code
    elif route in ("evidence", "evidence-delete"):
        kwargs["evidence_code"] = cast.evidence[key].code
    return reverse(_named(route, fmt), kwargs=kwargs)


def _expected_read(role: str, key: str, route: str) -> int:
    if key not in SEES[role]:
        return 404
    if route in TEAM_ONLY_ROUTES:
        return 200 if role in TEAM else 404
    return 200


READ_ROUTES = (
    "inspection",
    "inspection-history",
    "inspection-numbers",
    "area",
    "finding",
    "evidence",
    "inspection-audits",
    "audit",
    "audit-record",
    "inspection-reviews",
    "review",
    "review-case",
)


def _tiny_audit(inspection: Any) -> CdiAudit:
    """An audit made without a data store: one stratum, two records, the first one decided."""
    audit = CdiAudit.objects.create(
        reference=f"{inspection.reference}-CDI",
        inspection=inspection,
        area_id=crime_recording_area(inspection),
        dataset="metropolitan/return",
        period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2021, 3, 31),
        design=asdict(SampleDesign(sizes={"violence-against-the-person": 2})),
        frame_size=10,
        frame_sha256="0" * 64,
    )
    stratum = AuditStratum.objects.create(
        audit=audit, crime_group="violence-against-the-person", route="999", frame_size=10, sample_size=2
    )
    for number in (1, 2):
        AuditRecord.objects.create(
            audit=audit,
            stratum=stratum,
            number=number,
            incident_id=f"{inspection.reference}-INC-{number}",
            opened_at="2021-02-01T10:00:00",
            crimes=[[f"{inspection.reference}-CR-{number}", "2021-02-01", "violence-against-the-person"]],
        )
    first = audit.records.get(number=1)
    first.set_decision(Decision(*(Answer(value) for value in ("yes", "yes", "yes", "yes", "n/a"))))
    first.revision = 1
    first.save()
    return audit


@pytest.fixture(scope="module")
def audits(cast: Any, django_db_blocker: Any) -> dict[str, CdiAudit]:
    """An audit in each of the cast's Metropolitan inspections, rolled back with the cast."""
    with django_db_blocker.unblock():
        return {key: _tiny_audit(cast.inspection(key)) for key in INSPECTIONS}


# One complete first review the shipped template accepts.
REVIEW_ANSWERS = answers_reproducing(get_template("peel-2021-victim-service"), {}, 1)[0]


def _tiny_review(inspection: Any, writer: Any) -> CaseReview:
    """A review of two listed cases, none picked for a second review, the first one reviewed."""
    cases = [CaseFile(f"{inspection.reference}-CASE-{number}", offence="theft") for number in (1, 2)]
    review = create_review(
        inspection, get_template("peel-2021-victim-service"), cases, source="case list", second_share=0
    )
    first = review.cases.get(number=1)
    save_answers(first, Role.FIRST, REVIEW_ANSWERS, complete=True, user=writer, expected_revision=0)
    return review


@pytest.fixture(scope="module")
def reviews(cast: Any, django_db_blocker: Any) -> dict[str, CaseReview]:
    """A case-file review in each of the cast's Metropolitan inspections, rolled back with the cast."""
    with django_db_blocker.unblock():
        return {key: _tiny_review(cast.inspection(key), cast.users["writer"]) for key in INSPECTIONS}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("route", READ_ROUTES)
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_inspection_pages_and_twins_answer_each_role_by_the_access_rules(
    cast, audits, reviews, client_for, role, key, route, fmt
):
    response = client_for(role).get(_inspection_url(cast, key, route, fmt, audits, reviews))
    assert response.status_code == _expected_read(role, key, route)
    if response.status_code == 200:
        expected_type = {"html": "text/html", "json": "application/json", "csv": "text/csv"}[fmt]
        assert response["Content-Type"].startswith(expected_type)
        assert cast.inspection(key).reference in response.content.decode() or fmt == "csv"


@pytest.mark.parametrize("route", ["finding-new", "evidence-new"])
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_new_finding_and_evidence_forms_are_for_writers_only(cast, client_for, role, key, route):
    response = client_for(role).get(_inspection_url(cast, key, route))
    if key not in SEES[role]:
        assert response.status_code == 404
    elif role in WRITES:
        assert response.status_code == 200
        assert b'<form method="post"' in response.content
    elif role == "anonymous":
        # Someone not signed in is sent to sign in, and comes back to the form afterwards.
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("route", ["finding-delete", "evidence-delete"])
@pytest.mark.parametrize("role", ["writer", "staff", "anonymous"])
def test_delete_urls_refuse_get(cast, client_for, role, route):
    response = client_for(role).get(_inspection_url(cast, "published", route))
    assert response.status_code == 405
    assert Finding.objects.filter(pk=cast.findings["published"].pk).exists()
    assert Evidence.objects.filter(pk=cast.evidence["published"].pk).exists()


def _snapshot(inspection: Any) -> tuple:
    return (
        sorted(Judgment.objects.filter(inspection=inspection).values_list("area_id", "grade", "summary")),
        sorted(Finding.objects.filter(inspection=inspection).values_list("code", "kind", "text")),
        sorted(Evidence.objects.filter(inspection=inspection).values_list("code", "title")),
    )


def _post_for(cast: Any, key: str, action: str) -> tuple[str, dict[str, Any]]:
    """The URL and form data of one change to an inspection."""
    if action == "judgment":
        return _inspection_url(cast, key, "area"), {"grade": "good", "summary": "Posted"}
    if action in ("finding-new", "finding"):
        data = {"kind": "strength", "areas": ["responding"], "text": "Posted finding"}
        return _inspection_url(cast, key, action), data
    if action in ("evidence-new", "evidence"):
        data = {"kind": "interview", "title": "Posted evidence", "areas": ["responding"]}
        return _inspection_url(cast, key, action), data
    return _inspection_url(cast, key, action), {}


WRITE_ACTIONS = (
    "judgment",
    "finding-new",
    "finding",
    "finding-delete",
    "evidence-new",
    "evidence",
    "evidence-delete",
)


@pytest.mark.parametrize("action", WRITE_ACTIONS)
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_posts_change_an_inspection_only_for_writers(cast, client_for, role, key, action):
    inspection = cast.inspection(key)
    url, data = _post_for(cast, key, action)
    before = _snapshot(inspection)
    response = client_for(role).post(url, data)
    if key not in SEES[role]:
        assert response.status_code == 404
    elif role in WRITES:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"].startswith(reverse("inspection", kwargs={"code": inspection.code}))
    else:
        assert response.status_code == 403
    changed = _snapshot(inspection) != before
    assert changed == (response.status_code == 302)


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
    url = _inspection_url(cast, key, action, "html", audits)
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
    elif role in WRITES:
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
    assert client_for(role).get(_inspection_url(cast, "published", route, "html", audits)).status_code == 405


@pytest.mark.parametrize("route", ["audit", "audit-record"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_audit_pages_and_twins_that_take_no_post_refuse_it_even_from_a_writer(
    cast, audits, client_for, route, fmt
):
    if route == "audit-record" and fmt == "html":
        return  # the record page takes the decision form
    before = _audit_snapshot(cast.draft)
    response = client_for("writer").post(
        _inspection_url(cast, "draft", route, fmt, audits), {"recorded_crimes": 1}
    )
    assert response.status_code == 405
    assert _audit_snapshot(cast.draft) == before


@pytest.mark.parametrize("route", ["audit-worksheet-csv", "audit-worksheet-xlsx"])
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_worksheets_download_for_the_team_and_staff_only(cast, audits, client_for, role, key, route):
    """The worksheet holds every record's incident and crime ids and the auditors' notes."""
    response = client_for(role).get(_inspection_url(cast, key, route, "html", audits))
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
    response = client_for(role).get(_inspection_url(cast, key, "audit", fmt, audits))
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
    names = [route] if route.startswith("audit-worksheet") else [_named(route, fmt) for fmt in FORMATS]
    for name in names:
        response = client_for(role).get(reverse(name, kwargs=kwargs))
        assert response.status_code == 404
        assert cast.draft.reference.encode() not in response.content


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("role", ["reader", "liaison", "anonymous"])
def test_posting_to_a_twin_changes_nothing(cast, client_for, role, fmt):
    url = _inspection_url(cast, "published", "area", fmt)
    before = _snapshot(cast.published)
    response = client_for(role).post(url, {"grade": "inadequate"})
    assert response.status_code == 405  # twins are read-only
    assert _snapshot(cast.published) == before


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
    url = _inspection_url(cast, key, action, "html", reviews=reviews)
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
    elif role in WRITES:
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
    url = _inspection_url(cast, "published", route, reviews=reviews)
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
    response = client_for("writer").post(_inspection_url(cast, "draft", route, fmt, reviews=reviews), data)
    assert response.status_code == 405
    assert _review_snapshot(cast.draft) == before


@pytest.mark.parametrize("route", ["review-sheet-csv", "review-sheet-xlsx"])
@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_answer_sheets_download_for_the_team_and_staff_only(cast, reviews, client_for, role, key, route):
    """The answer sheet holds every case's reference and every reviewer's answers."""
    response = client_for(role).get(_inspection_url(cast, key, route, reviews=reviews))
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
    response = client_for(role).get(_inspection_url(cast, key, "review", fmt, reviews=reviews))
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
    names = [route] if route.startswith("review-sheet") else [_named(route, fmt) for fmt in FORMATS]
    for name in names:
        response = client_for(role).get(reverse(name, kwargs=kwargs))
        assert response.status_code == 404
        assert cast.draft.reference.encode() not in response.content


GLOBAL_PAGES = [
    ("home", {}),
    ("frameworks", {}),
    ("framework", {"framework_id": "peel-2021"}),
    ("forces", {}),
    ("force", {"force_id": "metropolitan"}),
    ("peer-groups", {}),
    ("inspections", {}),
    ("review-templates", {}),
    ("review-template", {"template_id": "peel-2021-victim-service", "version": "2021.1"}),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "kwargs"), GLOBAL_PAGES, ids=[name for name, _ in GLOBAL_PAGES])
@pytest.mark.parametrize("role", ROLES)
def test_reference_pages_and_twins_are_open_to_everyone(cast, client_for, role, name, kwargs, fmt):
    response = client_for(role).get(reverse(_named(name, fmt), kwargs=kwargs))
    assert response.status_code == 200
    expected_type = {"html": "text/html", "json": "application/json", "csv": "text/csv"}[fmt]
    assert response["Content-Type"].startswith(expected_type)


@pytest.mark.parametrize("role", ROLES)
def test_most_similar_group_form_is_for_staff_only(cast, client_for, role):
    client = client_for(role)
    url = reverse("peer-group-new")
    response = client.get(url)
    posted = client.post(url, {"label": "x", "source": "y", "table": "force,peers\nkent,surrey\n"})
    if role == "staff":
        assert response.status_code == 200
        assert posted.status_code == 302
        assert PeerGroupVersion.objects.count() == 1
    else:
        for answer in (response, posted):
            assert answer.status_code == 302
            assert answer["Location"].startswith(reverse("admin:login"))
        assert PeerGroupVersion.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("framework", {"framework_id": "no-such-framework"}),
        ("force", {"force_id": "atlantis"}),
        ("inspection", {"code": "00000000-0000-0000-0000-000000000000"}),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_objects_are_404_in_every_format(cast, staff, name, kwargs, fmt):
    assert staff.get(reverse(_named(name, fmt), kwargs=kwargs)).status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_area_is_404(cast, staff, fmt):
    url = reverse(_named("area", fmt), kwargs={"code": cast.draft.code, "area_id": "no-such-area"})
    assert staff.get(url).status_code == 404


@pytest.mark.parametrize("route", ["finding", "evidence"])
@pytest.mark.parametrize("role", ["anonymous", "outsider", "staff"])
def test_a_draft_finding_or_evidence_cannot_be_reached_through_a_published_inspection(
    cast, client_for, role, route
):
    """Findings and evidence are looked up within the inspection in the URL, never across."""
    if route == "finding":
        kwargs = {"code": cast.published.code, "finding_code": cast.findings["draft"].code}
    else:
        kwargs = {"code": cast.published.code, "evidence_code": cast.evidence["draft"].code}
    for fmt in FORMATS:
        response = client_for(role).get(reverse(_named(route, fmt), kwargs=kwargs))
        assert response.status_code == 404
        assert cast.draft.reference.encode() not in response.content


@pytest.mark.parametrize("route", ["finding-delete", "evidence-delete"])
def test_a_writer_cannot_delete_another_inspections_record_through_the_wrong_url(cast, writer, route):
    if route == "finding-delete":
        kwargs = {"code": cast.draft.code, "finding_code": cast.findings["published"].code}
    else:
        kwargs = {"code": cast.draft.code, "evidence_code": cast.evidence["published"].code}
    assert writer.post(reverse(route, kwargs=kwargs)).status_code == 404
    assert Finding.objects.filter(pk=cast.findings["published"].pk).exists()
    assert Evidence.objects.filter(pk=cast.evidence["published"].pk).exists()


# Which inspections appear in lists --------------------------------------------------------

LISTS = [
    ("inspections", {}),
    ("home", {}),
    ("force", {"force_id": "metropolitan"}),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "kwargs"), LISTS, ids=[name for name, _ in LISTS])
@pytest.mark.parametrize("role", ROLES)
def test_lists_show_exactly_the_inspections_a_user_may_see(cast, client_for, role, name, kwargs, fmt):
    body = client_for(role).get(reverse(_named(name, fmt), kwargs=kwargs)).content.decode()
    for key in INSPECTIONS:
        inspection = cast.inspection(key)
        shown = str(inspection.code) in body
        assert shown == (key in SEES[role]), f"{inspection.reference} shown={shown} to {role}"
        assert (inspection.reference in body) == shown


@pytest.mark.parametrize("role", ROLES)
def test_home_counts_only_visible_inspections(cast, client_for, role, reading):
    data = reading.json(client_for(role).get("/index.json"))
    # The three Metropolitan inspections this user may see, plus the published Kent one.
    assert data["inspections_visible"] == len(SEES[role]) + 1


@pytest.mark.parametrize("role", ["outsider", "anonymous", "liaison"])
def test_filtering_the_list_by_status_does_not_reveal_a_draft(cast, client_for, role, reading):
    for status in ("fieldwork", "planning", "moderation"):
        data = reading.json(client_for(role).get(f"/inspections.json?status={status}&force=metropolitan"))
        assert data["inspections"] == []


def test_a_liaison_sees_only_their_own_forces_factual_accuracy_inspections(cast, client_for, reading):
    """The outsider is Kent's liaison: the Met's factual-accuracy draft stays hidden from them."""
    liaison = reading.json(client_for("liaison").get("/inspections.json"))
    outsider = reading.json(client_for("outsider").get("/inspections.json"))
    assert "MPS-FACTUAL" in {i["reference"] for i in liaison["inspections"]}
    assert "MPS-FACTUAL" not in {i["reference"] for i in outsider["inspections"]}


def test_csrf_is_enforced_on_writes(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["writer"])
    url = _inspection_url(cast, "draft", "area")
    assert client.post(url, {"grade": "good"}).status_code == 403
    assert not Judgment.objects.filter(inspection=cast.draft).exists()


@pytest.mark.parametrize("route", ["area", "finding", "evidence"])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_twins_refuse_post_even_from_a_writer(cast, client_for, route, fmt):
    url = _inspection_url(cast, "draft", route, fmt)
    response = client_for("writer").post(url, {"grade": "inadequate", "text": "x", "title": "x"})
    assert response.status_code == 405
