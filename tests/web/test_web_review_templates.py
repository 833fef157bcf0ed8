"""Review template pages: open to all, with twins, and downloads that compile back to the same template."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse

from inspectorate.core.casereview.cases import CaseFile
from inspectorate.core.casereview.compile import compile_workbook
from inspectorate.core.casereview.library import get_template, templates
from inspectorate.core.casereview.sheets import read_xlsx, read_yaml
from inspectorate.web.reviews.services import create_review

pytestmark = pytest.mark.django_db

TEMPLATE = get_template("peel-2021-victim-service")
KWARGS = {"template_id": TEMPLATE.id, "version": TEMPLATE.version}


def _named(name: str, fmt: str) -> str:
    return name if fmt == "html" else f"{name}.{fmt}"


@pytest.mark.parametrize("role", ["anonymous", "outsider", "writer"])
def test_the_list_shows_the_shipped_templates_to_everyone(cast, client_for, reading, role):
    client = client_for(role)
    page = reading.html(client.get(reverse("review-templates")))
    assert TEMPLATE.title in page and f'href="{reverse("review-template", kwargs=KWARGS)}"' in page
    assert "No version is stored by a review you may see" in page
    # What would fill it, for the reader at hand.
    signed_in = role != "anonymous"
    assert ("A version shows here once a review" in page) is signed_in
    assert ("sign in to see those of yours" in page) is not signed_in
    data = reading.json(client.get(reverse("review-templates.json")))
    assert [(t["id"], t["version"]) for t in data["shipped"]] == [
        (t.id, t.version) for t in templates().values()
    ]
    assert data["stored"] == []
    rows = reading.csv(client.get(reverse("review-templates.csv")))
    assert [(r["where"], r["id"]) for r in rows] == [("shipped", TEMPLATE.id)]


def test_a_version_stored_by_a_review_is_listed_without_telling_of_the_review(cast, client_for, reading):
    changed = TEMPLATE.model_copy(update={"version": "2021.9-test", "title": "A changed questionnaire"})
    create_review(cast.draft, changed, [CaseFile("SECRET-CASE")], source="list", template_source="vsa.xlsx",
                  reference="SECRET-REVIEW")  # fmt: skip
    # Listed to those who see the draft (its team); test_web_visibility checks that no one else does.
    client = client_for("reader")
    page = reading.html(client.get(reverse("review-templates")))
    assert "A changed questionnaire" in page and "vsa.xlsx" in page
    assert "SECRET" not in page and "MPS-DRAFT" not in page
    data = reading.json(client.get(reverse("review-templates.json")))
    assert [(t["id"], t["version"], t["sha256"]) for t in data["stored"]] == [
        (changed.id, "2021.9-test", changed.sha256)
    ]
    detail = client.get(reverse("review-template", kwargs={**KWARGS, "version": "2021.9-test"}))
    assert "A changed questionnaire" in reading.html(detail) and "SECRET" not in reading.html(detail)


def test_a_template_page_shows_every_question_with_its_logic_and_areas(cast, client_for, reading):
    page = reading.html(client_for("anonymous").get(reverse("review-template", kwargs=KWARGS)))
    for question in TEMPLATE.questions:
        assert f'<li id="question-{question.name}">' in page
    accurate = re.search(r'<li id="question-thrive_accurate">(.*?)</dl>', page, re.S).group(1)
    assert "<code>${thrive_applied} = &#x27;yes&#x27;</code>" in accurate
    assert "<code>select_one</code>, required" in accurate and "N of M" in accurate
    assert "Responding to the public" in accurate and "<li><code>yes</code> Yes</li>" in accurate
    assert "Asked only when <code>${investigated_further} = &#x27;yes&#x27;</code>" in page
    assert TEMPLATE.sha256 not in page  # a checksum is for those who use templates, signed in
    assert TEMPLATE.sha256 in reading.html(
        client_for("reader").get(reverse("review-template", kwargs=KWARGS))
    )
    for kind in ("xlsx", "yaml", "xml"):
        assert f'href="{reverse(f"review-template-{kind}", kwargs=KWARGS)}"' in page


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_template_twins_describe_the_same_questions(cast, client_for, reading, fmt):
    response = client_for("anonymous").get(reverse(_named("review-template", fmt), kwargs=KWARGS))
    if fmt == "json":
        data = reading.json(response)
        assert (data["id"], data["version"], data["sha256"]) == (
            TEMPLATE.id,
            TEMPLATE.version,
            TEMPLATE.sha256,
        )
        assert data["shipped"] is True and data["stored"] is None
        assert data["document"] == TEMPLATE.document()
    else:
        rows = reading.csv(response)
        assert [row["name"] for row in rows] == [question.name for question in TEMPLATE.questions]
        accurate = next(row for row in rows if row["name"] == "thrive_accurate")
        assert accurate["relevant"] == "${thrive_applied} = 'yes'" and accurate["choices"] == "yes=Yes;no=No"


def test_the_downloads_compile_back_to_the_same_template(cast, client_for):
    client = client_for("anonymous")
    response = client.get(reverse("review-template-xlsx", kwargs=KWARGS))
    assert response["Content-Disposition"] == f'attachment; filename="{TEMPLATE.id}-{TEMPLATE.version}.xlsx"'
    assert compile_workbook(read_xlsx(response.content, "t.xlsx")).sha256 == TEMPLATE.sha256
    response = client.get(reverse("review-template-yaml", kwargs=KWARGS))
    assert compile_workbook(read_yaml(response.content.decode(), "t.yaml")).sha256 == TEMPLATE.sha256
    response = client.get(reverse("review-template-xml", kwargs=KWARGS))
    assert response["Content-Type"].startswith("application/xml")
    from xml.etree import ElementTree

    root = ElementTree.parse(io.BytesIO(response.content)).getroot()
    assert root.tag.endswith("html") and b"thrive_accurate" in response.content


@pytest.mark.parametrize("name", ["review-template", "review-template.json", "review-template-xlsx"])
def test_an_unknown_template_version_is_404(cast, client_for, name):
    assert client_for("staff").get(reverse(name, kwargs={**KWARGS, "version": "9.9"})).status_code == 404


def test_the_team_tools_link_to_the_templates(cast, client_for, reading):
    page = reading.html(client_for("writer").get("/"))
    tools = re.search(r'<nav aria-label="Team tools menu".*?</nav>', page, re.S)
    assert tools is not None and f'href="{reverse("review-templates")}"' in tools.group(0)
