"""Every page's twins keep their contract: the JSON twin is exactly the page's typed document, and
the CSV twin is exactly that document's rows (web/pages/twins.py, docs/pages.md).

Each page registered with ``twin_paths`` is fetched once, as staff (who may see every page), from the
web tests' cast; a page added without a sample here fails ``test_every_page_with_twins_is_checked``.
"""

from __future__ import annotations

import types
import typing
from typing import Any

import pytest
from django.urls import resolve, reverse

from inspectorate.core.casereview.cases import CaseFile
from inspectorate.core.casereview.library import get_template
from inspectorate.web.pages.documents import PageDocument, Row
from inspectorate.web.pages.twins import TWIN_ROUTES, rows_to_csv
from inspectorate.web.reviews.services import create_review
from support.access import READ_ROUTES, inspection_url
from support.review_pages import picked_numbers

pytestmark = pytest.mark.django_db

INSPECTION_PAGES = READ_ROUTES
OTHER_PAGES: dict[str, dict[str, Any]] = {
    "home": {},
    "frameworks": {},
    "framework": {"framework_id": "peel-2021"},
    "forces": {},
    "force": {"force_id": "metropolitan"},
    "force-history": {"force_id": "metropolitan"},
    "monitoring": {},
    "force-monitoring": {"force_id": "metropolitan"},
    "peer-groups": {},
    "published-reports": {},
    "grades": {},
    "grades-across-programmes": {},
    "open-data": {},
    "open-grades": {},
    "open-figures": {},
    "force-recommendations": {"force_id": "metropolitan"},
    "recommendations": {},
    "open-recommendations": {},
    "inspections": {},
    "review-templates": {},
    "review-template": {"template_id": "peel-2021-victim-service", "version": "2021.1"},
    "people": {},
    "person": {"username": "liaison"},
    "organisations": {},
    "framework-moderation": {"framework_id": "peel-2021"},
    "responses": {},
}
SECOND_REVIEW = "review-case-second"
# Pages of an inspection for its team and staff only, fetched for the draft as staff.
TEAM_PAGES = ("moderation", "factual-accuracy", "plan")
# The earlier findings the draft reviews (none in the cast; tests/web/test_web_earlier_findings.py
# checks the twins with findings in them).
TEAM_PAGES += ("earlier-findings",)
# Pages whose twins their own module checks (they need a record made there): one comment of the
# factual-accuracy check (tests/web/test_web_factcheck.py).
CHECKED_ELSEWHERE = ("factual-accuracy-comment",)
# A request to the force and an activity of the plan (tests/web/plan).
CHECKED_ELSEWHERE += ("plan-request", "plan-activity")
# A published report's response from its local policing body (tests/web/responses).
CHECKED_ELSEWHERE += ("inspection-response",)
# One followed finding's public status page (tests/web/public_followup).
CHECKED_ELSEWHERE += ("force-recommendation",)
# An inspection's followed findings and one of them, once published (tests/web/followup).
CHECKED_ELSEWHERE += ("follow-up", "follow-up-finding")
# The national pages, on the national figures (tests/web/national).
CHECKED_ELSEWHERE += ("national", "national-indicator", "national-force", "national-police-uk")


def _loaded_routes() -> dict[str, Any]:
    import inspectorate.web.urls  # noqa: F401  (registers every page's twins)

    return TWIN_ROUTES


def test_every_page_with_twins_is_checked():
    checked = {*INSPECTION_PAGES, *OTHER_PAGES, *TEAM_PAGES, *CHECKED_ELSEWHERE, SECOND_REVIEW}
    assert set(_loaded_routes()) == checked


CELL_TYPES = {str, int, float, bool, type(None)}


def _flat(annotation: Any) -> bool:
    """A CSV cell: a scalar, a union of scalars, or a list of strings or numbers."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return all(_flat(arg) for arg in typing.get_args(annotation))
    if origin is list:
        return all(arg in (str, int) for arg in typing.get_args(annotation))
    return annotation in CELL_TYPES


@pytest.mark.parametrize("name", sorted(_loaded_routes()))
def test_every_csv_row_type_is_flat(name):
    row: type[Row] = _loaded_routes()[name].document.ROW
    nested = {
        field: info.annotation for field, info in row.model_fields.items() if not _flat(info.annotation)
    }
    assert nested == {}


def _check_twins(client: Any, name: str, kwargs: dict[str, Any]) -> None:
    document_type: type[PageDocument] = _loaded_routes()[name].document
    response = client.get(reverse(f"{name}.json", kwargs=kwargs))
    assert response.status_code == 200, (name, response.status_code)
    data = response.json()
    document = document_type.model_validate(data)
    assert document.to_json() == data, name
    rows = document.csv_rows()
    assert all(isinstance(row, document_type.ROW) for row in rows), name
    response = client.get(reverse(f"{name}.csv", kwargs=kwargs))
    assert response.status_code == 200, (name, response.status_code)
    assert response.content.decode() == rows_to_csv(rows), name


@pytest.mark.parametrize("name", INSPECTION_PAGES)
def test_inspection_pages_twins_are_their_document(cast, staff, audits, reviews, name):
    match = resolve(inspection_url(cast, "draft", name, "json", audits, reviews))
    _check_twins(staff, name, {key: value for key, value in match.kwargs.items() if key != "fmt"})


@pytest.mark.parametrize("name", sorted(OTHER_PAGES))
def test_site_pages_twins_are_their_document(cast, staff, name):
    _check_twins(staff, name, OTHER_PAGES[name])


@pytest.mark.parametrize("name", TEAM_PAGES)
def test_team_pages_twins_are_their_document(cast, staff, name):
    _check_twins(staff, name, {"code": cast.draft.code})


def test_a_second_reviews_twins_are_their_document(cast, staff):
    cases = [CaseFile("CONTRACT-CASE-1", offence="theft")]
    template = get_template("peel-2021-victim-service")
    review = create_review(
        cast.draft, template, cases, source="case list", second_share=1, reference="MPS-DRAFT-CONTRACT"
    )
    kwargs = {"code": cast.draft.code, "review_code": review.code, "number": picked_numbers(review)[0]}
    _check_twins(staff, SECOND_REVIEW, kwargs)
