"""Every data page's .json and .csv twins carry the same rows as its HTML."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from inspectorate.core.frameworks import get_framework
from inspectorate.core.frameworks.library import library
from inspectorate.web.pages.twins import rows_to_csv
from support.editing import post_edit

pytestmark = pytest.mark.django_db


def twin(name: str, fmt: str) -> str:
    return name if fmt == "html" else f"{name}.{fmt}"


def test_inspection_area_rows_are_the_same_in_html_and_csv_and_follow_the_framework(cast, writer, reading):
    area = reverse("area", kwargs={"code": cast.draft.code, "area_id": "responding"})
    post_edit(writer, area, {"grade": "good"})
    kwargs = {"code": cast.draft.code}
    page = reading.html(writer.get(reverse("inspection", kwargs=kwargs)))
    html_areas = re.findall(r'<tr id="area-([^"]+)"', page)
    rows = reading.csv(writer.get(reverse("inspection.csv", kwargs=kwargs)))
    framework_areas = [p.area.id for p in get_framework("peel-2021").walk()]
    assert html_areas == framework_areas
    assert [r["area"] for r in rows] == framework_areas
    data = reading.json(writer.get(reverse("inspection.json", kwargs=kwargs)))
    assert [(j["area"], j["grade"]) for j in data["judgments"]] == [
        (r["area"], r["grade"]) for r in rows if r["grade"]
    ]
    assert data["reference"] == "MPS-DRAFT"
    assert [f["code"] for f in data["findings"]] == [str(cast.findings["draft"].code)]
    assert [e["code"] for e in data["evidence"]] == [str(cast.evidence["draft"].code)]


def test_csv_twins_have_a_header_and_one_row_per_area(cast, writer, reading):
    response = writer.get(reverse("inspection.csv", kwargs={"code": cast.draft.code}))
    assert response["Content-Disposition"] == 'inline; filename="MPS-DRAFT.csv"'
    lines = response.content.decode().splitlines()
    assert lines[0].split(",")[:4] == ["area", "code", "title", "level"]
    assert len(lines) == 1 + sum(1 for _ in get_framework("peel-2021").walk())


def test_inspection_list_twins_carry_the_rows_of_the_html_table(cast, staff, reading):
    page = reading.html(staff.get("/inspections"))
    table = re.search(r"<tbody[^>]*>.*?</tbody>", page, re.S).group(0)
    html_refs = re.findall(r'<td[^>]*><a [^>]*href="/inspections/[0-9a-f-]+">([^<]+)</a></td>', table)
    json_refs = [i["reference"] for i in reading.json(staff.get("/inspections.json"))["inspections"]]
    csv_refs = [r["reference"] for r in reading.csv(staff.get("/inspections.csv"))]
    assert html_refs == json_refs == csv_refs
    assert sorted(html_refs) == ["KENT-PUBLISHED", "MPS-DRAFT", "MPS-FACTUAL", "MPS-PUBLISHED"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("force=metropolitan", {"MPS-DRAFT", "MPS-FACTUAL", "MPS-PUBLISHED"}),
        ("force=kent", {"KENT-PUBLISHED"}),
        ("status=published", {"MPS-PUBLISHED", "KENT-PUBLISHED"}),
        ("force=metropolitan&status=fieldwork", {"MPS-DRAFT"}),
        ("force=atlantis", set()),
    ],
)
def test_json_and_csv_twins_of_a_filtered_list_honour_the_filter(cast, staff, reading, query, expected):
    data = reading.json(staff.get(f"/inspections.json?{query}"))
    assert {i["reference"] for i in data["inspections"]} == expected
    for key, value in (part.split("=") for part in query.split("&")):
        assert data["filters"][key] == value
    assert {r["reference"] for r in reading.csv(staff.get(f"/inspections.csv?{query}"))} == expected


def test_the_html_page_links_its_twins_with_the_same_filter(cast, staff, reading):
    page = reading.html(staff.get("/inspections?force=metropolitan"))
    assert 'href="/inspections.json?force=metropolitan"' in page
    assert 'href="/inspections.csv?force=metropolitan"' in page


def test_the_home_pages_twins_are_index_json_and_csv(cast, staff, reading):
    page = reading.html(staff.get("/"))
    assert 'href="/index.json"' in page and 'href="/index.csv"' in page
    data = reading.json(staff.get("/index.json"))
    assert (data["frameworks"], data["forces"]) == (len(library()), 43)
    assert len(reading.csv(staff.get("/index.csv"))) == len(data["recent_inspections"]) == 4


def test_forces_list_twins_have_43_rows_like_the_html(cast, staff, reading):
    page = reading.html(staff.get("/forces"))
    html_ids = re.findall(r'<t[hd] scope="row"[^>]*><a [^>]*href="/forces/([a-z-]+)">', page)
    json_ids = [f["id"] for f in reading.json(staff.get("/forces.json"))["forces"]]
    csv_ids = [r["id"] for r in reading.csv(staff.get("/forces.csv"))]
    assert len(html_ids) == 43
    assert html_ids == json_ids == csv_ids


def test_framework_twins_list_every_area_in_tree_order(cast, staff, reading):
    spec = get_framework("ba-2006")
    expected = [p.area.id for p in spec.walk()]
    rows = reading.csv(staff.get(reverse("framework.csv", kwargs={"framework_id": "ba-2006"})))
    assert [r["area"] for r in rows] == expected
    data = reading.json(staff.get(reverse("framework.json", kwargs={"framework_id": "ba-2006"})))
    assert data["content_hash"] == spec.content_hash
    assert data["finding_kinds"] == ["strength", "work-in-progress", "area-for-improvement", "good-practice"]
    assert [s["id"] for s in data["scales"]] == ["service-delivery", "direction-of-travel"]
    assert data["inspections"] == 0


def test_framework_list_twins_agree(cast, staff, reading):
    ids = [f["id"] for f in reading.json(staff.get("/frameworks.json"))["frameworks"]]
    assert sorted(ids) == sorted(library())
    assert {"ba-2004", "peel-2016", "peel-2023", "peel-2025", "cdi-2014"} <= set(ids)
    rows = reading.csv(staff.get("/frameworks.csv"))
    assert [r["id"] for r in rows] == ids
    assert {r["id"]: r["inspections"] for r in rows}["peel-2021"] == "4"


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_area_finding_and_evidence_twins_describe_the_same_object(cast, writer, reading, fmt):
    read = reading.json if fmt == "json" else (lambda r: reading.csv(r)[0])
    code = cast.draft.code
    area = read(writer.get(reverse(f"area.{fmt}", kwargs={"code": code, "area_id": "prevention"})))
    assert area["area"] == "prevention"
    finding = read(
        writer.get(
            reverse(f"finding.{fmt}", kwargs={"code": code, "finding_code": cast.findings["draft"].code})
        )
    )
    assert (finding["code"], finding["kind"]) == (str(cast.findings["draft"].code), "strength")
    evidence = read(
        writer.get(
            reverse(f"evidence.{fmt}", kwargs={"code": code, "evidence_code": cast.evidence["draft"].code})
        )
    )
    assert (evidence["code"], evidence["title"]) == (str(cast.evidence["draft"].code), "Plan of MPS-DRAFT")


def test_csv_cells_join_lists_and_write_booleans_and_blanks_plainly():
    text = rows_to_csv([{"a": ["x", "y"], "b": True}, {"a": None, "c": 1}])
    assert text == "a,b,c\nx;y,true,\n,,1\n"


def test_csv_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text_but_numbers_are_not():
    text = rows_to_csv([{"note": '=HYPERLINK("x")', "also": "@SUM(A1)", "change": -2.5, "plain": "a-b"}])
    assert text.splitlines()[1] == '"\'=HYPERLINK(""x"")",\'@SUM(A1),-2.5,a-b'


def test_json_twin_keeps_non_ascii_text(cast, writer, reading):
    kwargs = {"code": cast.draft.code, "finding_code": cast.findings["draft"].code}
    post_edit(
        writer,
        reverse("finding", kwargs=kwargs),
        {"kind": "strength", "areas": ["prevention"], "text": "Café naïve £5 über"},
    )
    response = writer.get(reverse("finding.json", kwargs=kwargs))
    assert "Café naïve £5 über".encode() in response.content
    assert reading.json(response)["text"] == "Café naïve £5 über"
