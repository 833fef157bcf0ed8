"""Case-file reviews on the web: starting one, answering cases, second reviews, results, evidence, sheets.

Reviews are started through the same form a writer uses, from a list of case files or from a small
SYNTHETIC Metropolitan return made once for the module. The cast's writer leads and its reader
reviews the inspections; staff, who may also write, make the second reviews.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspectorate.core.casereview.agreement import cohens_kappa, reading_of
from inspectorate.core.casereview.answers import read_answers
from inspectorate.core.casereview.cases import CaseFile
from inspectorate.core.casereview.export import to_xlsx, to_yaml
from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.published import (
    MPS_2021_CASES,
    MPS_2021_CONTEXT,
    MPS_2021_COUNTS,
    answers_reproducing,
)
from inspectorate.web.inspections.models import Evidence
from inspectorate.web.reviews.models import CaseAnswers, CaseReview, ReviewTemplate, Role
from inspectorate.web.reviews.services import create_review, save_answers

pytestmark = pytest.mark.django_db

# The synthetic return the module's tests are drawn from (tests/conftest.py).
SYNTHETIC = (0.0005, 11)

TEMPLATE = get_template("peel-2021-victim-service")
# One complete first review that every question shown accepts: thrive_applied yes, investigated further...
COMPLETE = answers_reproducing(TEMPLATE, {}, 1)[0]


def _list_url(inspection: Any, fmt: str = "html") -> str:
    name = "inspection-reviews" if fmt == "html" else f"inspection-reviews.{fmt}"
    return reverse(name, kwargs={"code": inspection.code})


def _url(review: CaseReview, name: str = "review", **extra: Any) -> str:
    return reverse(name, kwargs={"code": review.inspection.code, "review_code": review.code, **extra})


def _case_url(review: CaseReview, number: int, fmt: str = "html", second: bool = False) -> str:
    name = "review-case-second" if second else "review-case"
    return _url(review, name if fmt == "html" else f"{name}.{fmt}", number=number)


def case_list(count: int, prefix: str = "CASE") -> bytes:
    lines = ["case_ref,crime_id,offence,reported_on,summary"]
    lines += [
        f"{prefix}-{i:03d},CR-{i:03d},theft,2021-0{1 + i % 9}-1{i % 10},Case {i}" for i in range(1, count + 1)
    ]
    return ("\n".join(lines) + "\n").encode()


def _start(client: Any, inspection: Any, **fields: Any) -> Any:
    data: dict[str, Any] = {
        "template_from": "library",
        "template": "peel-2021-victim-service@2021.1",
        "cases_from": "file",
        "case_file": SimpleUploadedFile("cases.csv", case_list(6), content_type="text/csv"),
        "second_share": "50",
        "seed": "1",
        "reference": "",
    }
    return client.post(_list_url(inspection), {**data, **fields})


@pytest.fixture
def review(cast: Any, writer: Any) -> CaseReview:
    """A review of six listed cases of the draft inspection, half picked for a second review."""
    response = _start(writer, cast.draft)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return CaseReview.objects.get(inspection=cast.draft)


def _post_answers(client: Any, review: CaseReview, number: int, answers: dict[str, Any], *,
                  action: str = "complete", revision: int = 0, second: bool = False) -> Any:  # fmt: skip
    return client.post(
        _case_url(review, number, second=second), {**answers, "revision": revision, "action": action}
    )


def _stored(review: CaseReview, number: int, role: str = Role.FIRST) -> CaseAnswers | None:
    return CaseAnswers.objects.filter(case__review=review, case__number=number, role=role).first()


def _picked(review: CaseReview) -> list[int]:
    return list(review.cases.filter(second_review=True).values_list("number", flat=True))


def _not_picked(review: CaseReview) -> int:
    return review.cases.filter(second_review=False).order_by("number").first().number


# Starting a review ---------------------------------------------------------------------------------


def test_the_writer_gets_the_form_with_the_shipped_template_and_the_forces_datasets(
    cast, writer, with_data, reading
):
    page = reading.html(writer.get(_list_url(cast.draft)))
    assert "No case-file review has been started" in page
    assert '<option value="peel-2021-victim-service@2021.1" selected>' in page
    assert '<option value="synthetic" selected>synthetic (synthetic)</option>' in page
    assert re.search(r'name="start" value="\d{4}-\d{2}-01"', page)
    assert 'name="reference" value="MPS-DRAFT-VSA"' in page
    for name in ("template_file", "case_file", "count", "seed", "offence_groups", "second_share"):
        assert f'name="{name}"' in page


def test_a_writer_starts_a_review_from_a_list_of_case_files(cast, writer, reading):
    response = _start(writer, cast.draft, reference="MPS-DRAFT-VSA-LIST")
    review = CaseReview.objects.get(reference="MPS-DRAFT-VSA-LIST")
    assert response["Location"] == _url(review)
    assert list(review.cases.values_list("case_ref", flat=True)) == [f"CASE-{i:03d}" for i in range(1, 7)]
    assert review.cases.filter(second_review=True).count() == 3
    assert review.source == "case list cases.csv" and not review.synthetic
    assert review.template.version == "2021.1" and review.created_by == cast.users["writer"]
    listing = reading.json(writer.get(_list_url(cast.draft, "json")))
    assert [(r["reference"], r["cases"], r["complete"]) for r in listing["reviews"]] == [
        (review.reference, 6, 0)
    ]
    row = reading.csv(writer.get(_list_url(cast.draft, "csv")))[0]
    assert row["reference"] == review.reference and row["template"] == "peel-2021-victim-service@2021.1"


def test_a_writer_draws_the_cases_from_a_dataset(cast, writer, with_data):
    response = _start(writer, cast.draft, cases_from="dataset", dataset="synthetic", count="5", seed="4",
                      case_file="", offence_groups=["theft"])  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-3000:]
    review = CaseReview.objects.get(inspection=cast.draft)
    assert review.cases.count() == 5 and review.seed == 4 and review.synthetic
    assert set(review.cases.values_list("offence", flat=True)) == {"theft"}
    assert review.source.startswith(
        "synthetic data return metropolitan/synthetic: 5 crimes of theft recorded"
    )


def test_an_uploaded_template_is_compiled_stored_and_pinned(cast, writer):
    changed = TEMPLATE.model_copy(update={"version": "2021.2-web"})
    upload = SimpleUploadedFile("vsa.xlsx", to_xlsx(changed))
    response = _start(writer, cast.draft, template_from="file", template="", template_file=upload)
    assert response.status_code == 302, response.content.decode()[-3000:]
    review = CaseReview.objects.get(inspection=cast.draft)
    assert review.template.version == "2021.2-web" and review.template.source == "vsa.xlsx"
    assert review.template.sha256 == changed.sha256


def _problems(page: str) -> list[str]:
    found = re.search(r'<ul class="problems">(.*?)</ul>', page, re.S)
    assert found, "no list of problems"
    return re.findall(r"<li>(.*?)</li>", found.group(1), re.S)


def test_bad_files_show_every_located_problem_and_store_nothing(cast, writer, reading):
    text = to_yaml(TEMPLATE).replace("${thrive_applied} = 'yes'", "${thrive} = 'yes'")
    text = text.replace("type: select_one outcome", "type: select_one outcomes")
    bad_cases = b"case_ref,colour\nA,red\n"
    response = _start(
        writer,
        cast.draft,
        template_from="file",
        template_file=SimpleUploadedFile("bad.yaml", text.encode()),
        case_file=SimpleUploadedFile("bad.csv", bad_cases),
    )
    assert response.status_code == 200
    page = reading.html(response)
    problems = _problems(page)
    assert "nothing was stored" in page
    assert any(
        p.startswith("bad.yaml:") and "${thrive} is not a question before this one" in p for p in problems
    )
    assert any(p.startswith("bad.yaml:") and "no choice list &#x27;outcomes&#x27;" in p for p in problems)
    assert any(p.startswith("bad.csv:1: colour: not a case-list column") for p in problems), problems
    assert not CaseReview.objects.exists() and not ReviewTemplate.objects.filter(version="2021.1").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"second_share": "150"}, "less than or equal to 100"),
        ({"case_file": ""}, "Choose the case list to send."),
        ({"template_from": "file", "template": ""}, "Choose the template file to send."),
        ({"case_file": SimpleUploadedFile("cases.txt", b"x")}, "a case list is a .csv or .xlsx file"),
    ],
)
def test_an_incomplete_form_is_refused_with_the_reason(cast, writer, reading, fields, message):
    response = _start(writer, cast.draft, **fields)
    assert response.status_code == 200
    assert message in reading.errors(response)
    assert not CaseReview.objects.exists()


def test_a_reader_sees_the_list_without_the_form_and_cannot_start_a_review(cast, client_for, reading):
    reader = client_for("reader")
    page = reading.html(reader.get(_list_url(cast.draft)))
    assert "Start a review" not in page and 'name="case_file"' not in page
    assert _start(reader, cast.draft).status_code == 403
    assert not CaseReview.objects.exists()


def test_the_inspection_page_links_to_its_reviews(cast, client_for, reading):
    page = reading.html(
        client_for("anonymous").get(reverse("inspection", kwargs={"code": cast.published.code}))
    )
    assert f'href="{_list_url(cast.published)}"' in page and "Case-file reviews" in page


# One case at a time ----------------------------------------------------------------------------------


def test_the_case_page_has_every_question_with_its_skip_logic_as_json(cast, writer, review, reading):
    page = reading.html(writer.get(_case_url(review, 1)))
    assert "CASE-001" in page and "Case 1" in page
    for question in TEMPLATE.questions:
        assert f'data-question="{question.name}"' in page
    found = re.search(r'data-question="thrive_accurate" data-type="select_one" data-relevant="([^"]*)"', page)
    assert json.loads(found.group(1).replace("&quot;", '"')) == [
        "cmp",
        "=",
        ["ref", "thrive_applied"],
        ["lit", "yes"],
    ]
    section = re.search(
        r'id="section-investigation" data-section="investigation" data-relevant="([^"]*)"', page
    )
    assert (
        json.loads(section.group(1).replace("&quot;", '"'))
        == TEMPLATE.parsed[("investigation", "relevant")].tree
    )
    assert page.count('type="radio" name="thrive_applied"') == 3
    assert '<textarea id="input-reviewer_note" name="reviewer_note"' in page
    assert 'id="save-complete"' in page and 'id="save-draft"' in page and "review-logic.js" in page


def test_a_draft_keeps_what_is_answered_without_the_required_questions(cast, writer, review):
    response = _post_answers(writer, review, 1, {"thrive_applied": "no"}, action="draft")
    assert response.status_code == 302 and response["Location"] == _case_url(review, 1)
    stored = _stored(review, 1)
    assert stored.answers == {"thrive_applied": "no"} and stored.status == "draft" and stored.revision == 1
    assert stored.reviewer == cast.users["writer"]


def test_complete_enforces_the_required_questions_and_stores_nothing(cast, writer, review, reading):
    response = _post_answers(writer, review, 1, {"thrive_applied": "yes", "attended": "no"})
    assert response.status_code == 200
    page = reading.html(response)
    assert 'id="answers-error"' in page and "Nothing was saved." in page
    assert "This question must be answered." in page
    assert re.search(r'<p class="error" id="error-call_answered_in_time">', page)
    assert not re.search(r'id="error-attended_within_target"', page)  # hidden: attended is no
    assert re.search(r'name="thrive_applied" value="yes" checked', page)  # what was typed stays
    assert _stored(review, 1) is None


def test_a_bad_answer_is_refused_with_its_message_and_nothing_is_stored(cast, writer, review, reading):
    _post_answers(writer, review, 1, {"thrive_applied": "no"}, action="draft")
    response = _post_answers(writer, review, 1, {"thrive_applied": "maybe"}, action="draft", revision=1)
    assert response.status_code == 200
    assert "&#x27;maybe&#x27; is not an answer: use yes, no, na" in reading.html(response)
    assert _stored(review, 1).answers == {"thrive_applied": "no"}


def test_an_answer_the_skip_logic_hides_is_not_stored(cast, writer, review, reading):
    answers = {**COMPLETE, "thrive_applied": "no", "thrive_accurate": "yes"}
    response = _post_answers(writer, review, 1, answers)
    assert response.status_code == 302
    stored = _stored(review, 1)
    assert stored.status == "complete" and "thrive_accurate" not in stored.answers
    page = reading.html(writer.get(response["Location"]))
    assert "Not stored, as the answers before them mean they are not asked" in page


def test_completing_a_case_goes_to_the_next_one_not_complete(cast, writer, review):
    _post_answers(writer, review, 2, COMPLETE)
    response = _post_answers(writer, review, 1, COMPLETE)
    assert response["Location"] == _case_url(review, 3)
    for number in range(3, 7):
        response = _post_answers(writer, review, number, COMPLETE)
    assert response["Location"] == _url(review)
    assert CaseAnswers.objects.filter(case__review=review, status="complete").count() == 6


def test_a_save_made_meanwhile_by_someone_else_is_not_overwritten(cast, client_for, review, reading):
    number = _not_picked(review)
    _post_answers(client_for("staff"), review, number, {"thrive_applied": "yes"}, action="draft")
    response = _post_answers(client_for("writer"), review, number, {"thrive_applied": "no"}, action="draft")
    assert response.status_code == 200
    page = reading.html(response)
    assert "was saved by someone else since this page was opened" in page
    assert 'id="stored-answers"' in page and 'name="revision" value="1"' in page
    assert re.search(r'name="thrive_applied" value="no" checked', page)
    assert (
        _stored(review, number).answers == {"thrive_applied": "yes"} and _stored(review, number).revision == 1
    )


def test_the_case_page_shows_progress_and_links_to_its_neighbours(cast, writer, review, reading):
    _post_answers(writer, review, 1, COMPLETE)
    page = reading.html(writer.get(_case_url(review, 2)))
    assert "1 of 6 cases complete" in page
    assert (
        f'href="{_case_url(review, 1)}" rel="prev"' in page
        and f'href="{_case_url(review, 3)}" rel="next"' in page
    )
    page = reading.html(writer.get(_case_url(review, 6)))
    assert 'rel="next"' not in page


def test_the_case_twins_carry_the_case_and_its_answers(cast, writer, review, reading):
    _post_answers(writer, review, 1, COMPLETE)
    document = reading.json(writer.get(_case_url(review, 1, "json")))
    assert document["case"]["case_ref"] == "CASE-001" and document["role"] == "first"
    assert document["case"]["first"]["answers"] == read_answers(TEMPLATE, COMPLETE, complete=True).answers
    assert document["progress"] == {"complete": 1, "cases": 6}
    row = reading.csv(writer.get(_case_url(review, 1, "csv")))[0]
    assert row["case_ref"] == "CASE-001" and row["status"] == "complete" and row["thrive_applied"] == "yes"


def test_a_reader_sees_the_answers_read_only_and_cannot_save(cast, client_for, review, reading):
    _post_answers(client_for("writer"), review, 1, COMPLETE)
    reader = client_for("reader")
    page = reading.html(reader.get(_case_url(review, 1)))
    assert 'id="answers-form"' not in page and 'type="radio"' not in page
    assert re.search(r'id="stored-thrive_applied">Yes<', page)
    assert re.search(r'id="stored-victim_told_not_investigated"><span class="muted">not asked', page)
    assert _post_answers(reader, review, 1, COMPLETE, revision=1).status_code == 403
    assert _stored(review, 1).revision == 1


def test_a_case_number_outside_the_review_is_404(cast, writer, review):
    for number in (0, 7):
        for fmt in ("html", "json", "csv"):
            assert writer.get(_case_url(review, number, fmt)).status_code == 404


# Second reviews -------------------------------------------------------------------------------------


def test_the_second_review_is_refused_to_the_first_reviewer(cast, writer, review, reading):
    number = _picked(review)[0]
    _post_answers(writer, review, number, COMPLETE)
    page = reading.html(writer.get(_case_url(review, number, second=True)))
    assert "You made the first review of this case" in page and 'id="answers-form"' not in page
    response = _post_answers(writer, review, number, COMPLETE, second=True)
    assert response.status_code == 403
    assert _stored(review, number, Role.SECOND) is None


def test_only_cases_picked_for_it_have_a_second_review(cast, staff, review):
    number = _not_picked(review)
    assert staff.get(_case_url(review, number, second=True)).status_code == 404
    assert _post_answers(staff, review, number, COMPLETE, second=True).status_code == 404


def test_the_second_reviewer_does_not_see_the_first_review_until_theirs_is_complete(
    cast, client_for, review, reading
):
    writer, staff = client_for("writer"), client_for("staff")
    number = _picked(review)[0]
    _post_answers(writer, review, number, {**COMPLETE, "reviewer_note": "FIRST-REVIEW-NOTE"})
    for url in (
        _case_url(review, number, second=True),
        _case_url(review, number),
        _case_url(review, number, "json"),
    ):
        body = staff.get(url).content.decode()
        assert "FIRST-REVIEW-NOTE" not in body, url
    assert "picked for a second review, made blind" in reading.html(staff.get(_case_url(review, number)))
    # The first page offers no form to someone else, who would otherwise overwrite what they cannot see.
    assert _post_answers(staff, review, number, COMPLETE, revision=1).status_code == 403
    # The reader may not review, so sees it; the second review, once complete, lifts the blind.
    assert "FIRST-REVIEW-NOTE" in client_for("reader").get(_case_url(review, number)).content.decode()
    response = _post_answers(staff, review, number, {**COMPLETE, "supervised": "no"}, second=True)
    assert response.status_code == 302
    assert _stored(review, number, Role.SECOND).reviewer == cast.users["staff"]
    assert "FIRST-REVIEW-NOTE" in staff.get(_case_url(review, number)).content.decode()


def test_agreement_is_shown_with_kappa_as_the_core_computes_it(cast, client_for, review, reading):
    writer, staff = client_for("writer"), client_for("staff")
    picked = _picked(review)
    seconds = [COMPLETE, {**COMPLETE, "supervised": "no"}, {**COMPLETE, "supervised": "no", "attended": "no"}]
    for number, second in zip(picked, seconds, strict=True):
        _post_answers(writer, review, number, COMPLETE)
        assert _post_answers(staff, review, number, second, second=True).status_code == 302
    document = reading.json(writer.get(_url(review, "review.json")))
    rows = {row["question"]: row for row in document["results"]["agreement"]}
    firsts = [read_answers(TEMPLATE, COMPLETE, complete=True)] * 3
    again = [read_answers(TEMPLATE, answers, complete=True) for answers in seconds]
    for name in ("supervised", "attended", "attended_within_target", "thrive_applied"):
        a = [reading_of(reading_, name) for reading_ in firsts]
        b = [reading_of(reading_, name) for reading_ in again]
        kappa = cohens_kappa(a, b)
        assert rows[name]["pairs"] == 3 and rows[name]["agreed"] == sum(
            x == y for x, y in zip(a, b, strict=True)
        )
        assert rows[name]["kappa"] == (None if kappa is None else round(kappa, 3))
    assert rows["thrive_applied"]["kappa"] is None and rows["supervised"]["agreed"] == 1
    page = reading.html(writer.get(_url(review)))
    assert re.search(
        r'<tr id="agreement-thrive_applied">.*?<span title="Both reviewers[^>]*>—</span>', page, re.S
    )
    assert document["results"]["progress"]["second_review_complete"] == 3


# Results --------------------------------------------------------------------------------------------


def test_the_results_reproduce_the_published_counts_in_html_json_and_csv(cast, writer, reading):
    """The Metropolitan 2021/22 victim service assessment: 165 cases whose answers give the report's
    N of M for each question (core/casereview/published.py)."""
    cases = [CaseFile(case_ref=f"MPS-{i:03d}") for i in range(1, MPS_2021_CASES + 1)]
    review = create_review(cast.draft, TEMPLATE, cases, source="case list", second_share=0)
    answer_sets = answers_reproducing(TEMPLATE, MPS_2021_COUNTS | MPS_2021_CONTEXT, MPS_2021_CASES)
    for case, answers in zip(review.cases.order_by("number"), answer_sets, strict=True):
        save_answers(case, Role.FIRST, answers, complete=True, user=cast.users["writer"], expected_revision=0)
    document = reading.json(writer.get(_url(review, "review.json")))
    questions = {row["question"]: row for row in document["results"]["questions"]}
    rows = {row["question"]: row for row in reading.csv(writer.get(_url(review, "review.csv")))}
    page = reading.html(writer.get(_url(review)))
    expected = [
        ("thrive_applied", 21, 107),
        ("vulnerability_checked", 54, 97),
        ("repeat_victim_checked", 39, 96),
        ("repeat_victim_recorded", 17, 27),
        ("evidence_advice", 15, 35),
        ("prevention_advice", 31, 43),
        ("allocated_per_policy", 100, 105),
        ("arrest_at_earliest", 24, 26),
    ]
    for name, met, applicable in expected:
        assert (questions[name]["met"], questions[name]["applicable"]) == (met, applicable), name
        assert (rows[name]["met"], rows[name]["applicable"]) == (str(met), str(applicable)), name
        assert float(rows[name]["percent"]) == questions[name]["percent"] == round(100 * met / applicable, 1)
        assert float(rows[name]["lower"]) == questions[name]["lower"]
        result = re.search(rf'<tr id="result-{name}">(.*?)</tr>', page, re.S).group(1)
        assert f"{met} of {applicable}" in result, name
        assert f"{questions[name]['percent']:.1f}%" in result
        assert f"{questions[name]['lower']:.1f}% \u2013 {questions[name]['upper']:.1f}%" in result
    # Hidden, not applicable and missing stay out of M and apart from each other.
    accurate = questions["thrive_accurate"]
    assert (accurate["met"], accurate["applicable"], accurate["hidden_by_skip_logic"]) == (21, 21, 165 - 21)
    assert questions["thrive_applied"]["not_applicable"] == 165 - 107
    assert document["results"]["progress"]["complete"] == 165 and "Provisional" not in page


def test_the_review_page_groups_results_by_section_and_rolls_them_up_by_area(cast, writer, review, reading):
    for number in range(1, 4):
        _post_answers(writer, review, number, COMPLETE)
    page = reading.html(writer.get(_url(review)))
    assert "Provisional." in page and "3 cases whose first review is complete, of 6" in page
    headings = re.findall(r'<h3 id="section-([^"]+)">', page)
    assert headings == [section.name for section in TEMPLATE.sections]
    assert "Investigating crime" in page and 'id="area-investigating"' in page
    document = reading.json(writer.get(_url(review, "review.json")))
    areas = {row["area"]: row for row in document["results"]["areas"]}
    assert (
        areas["investigating"]["title"] == "Investigating crime" and areas["investigating"]["applicable"] > 0
    )
    # The free-text note is told only as a count, in every twin.
    note = next(row for row in document["results"]["questions"] if row["question"] == "reviewer_note")
    assert note["answers"] is None and note["answered"] == 3
    assert "reviewed" not in reading.csv(writer.get(_url(review, "review.csv")))[-1]["answers"]


def test_the_public_sees_results_of_a_published_review_but_never_cases_or_answers(cast, client_for, reading):
    cases = [CaseFile(case_ref=f"SECRET-REF-{i}") for i in range(1, 4)]
    review = create_review(cast.published, TEMPLATE, cases, source="case list", second_share=0.5, seed=1)
    for case in review.cases.all():
        answers = {**COMPLETE, "reviewer_note": "SECRET-NOTE"}
        save_answers(case, Role.FIRST, answers, complete=True, user=cast.users["writer"], expected_revision=0)
    for role in ("anonymous", "outsider", "liaison"):
        client = client_for(role)
        for fmt in ("html", "json", "csv"):
            response = client.get(_url(review, "review" if fmt == "html" else f"review.{fmt}"))
            assert response.status_code == 200
            body = response.content.decode()
            assert "SECRET-REF" not in body and "SECRET-NOTE" not in body and "/cases/" not in body
            assert "3 of 3" in body or fmt != "html"
        for url in (_case_url(review, 1), _case_url(review, 1, "json"), _url(review, "review-sheet-csv")):
            assert client.get(url).status_code == 404
    assert "SECRET-REF-1" in client_for("reader").get(_url(review)).content.decode()


# Evidence -------------------------------------------------------------------------------------------


def test_recording_the_results_as_evidence_creates_then_refreshes_one_record(
    cast, client_for, review, reading
):
    writer = client_for("writer")
    response = writer.post(_url(review, "review-evidence"))
    assert "nothing to record" in reading.html(writer.get(response["Location"]))
    _post_answers(writer, review, 1, COMPLETE)
    assert client_for("reader").post(_url(review, "review-evidence")).status_code == 403
    assert not Evidence.objects.filter(kind="case-review").exists()
    assert writer.post(_url(review, "review-evidence")).status_code == 302
    _post_answers(writer, review, 2, COMPLETE)
    writer.post(_url(review, "review-evidence"))
    evidence = Evidence.objects.get(kind="case-review")
    review.refresh_from_db()
    assert review.evidence == evidence and "2 cases" in evidence.attributed_to
    assert {"investigating", "responding", "victim-service-assessment"} <= set(evidence.area_ids)
    page = reading.html(writer.get(_url(review)))
    evidence_url = reverse("evidence", kwargs={"code": cast.draft.code, "evidence_code": evidence.code})
    assert f'href="{evidence_url}"' in page and "Update the evidence" in page


# The answer sheet -----------------------------------------------------------------------------------


def _sheet(client: Any, review: CaseReview) -> list[dict[str, str]]:
    response = client.get(_url(review, "review-sheet-csv"))
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _as_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _upload(client: Any, review: CaseReview, content: bytes, name: str = "answers.csv") -> Any:
    return client.post(_url(review, "review-sheet-import"), {"sheet": SimpleUploadedFile(name, content)})


def test_the_answer_sheet_downloads_for_the_team(cast, client_for, review):
    for role in ("writer", "reader"):
        rows = _sheet(client_for(role), review)
        assert len(rows) == 6 + 3  # a second row for each case picked for a second review
        assert {row["review"] for row in rows} == {review.reference}
    response = client_for("reader").get(_url(review, "review-sheet-xlsx"))
    assert response["Content-Disposition"] == f'attachment; filename="{review.reference}-answers.xlsx"'
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content), read_only=True)["answers"]
    assert next(sheet.iter_rows(values_only=True))[:3] == ("review", "case_ref", "role")


def test_a_filled_answer_sheet_is_stored(cast, writer, review, reading):
    rows = [row for row in _sheet(writer, review) if row["role"] == "first"]
    for row in rows:
        row.update(
            {name: COMPLETE.get(name, "") for name in row if name in {q.name for q in TEMPLATE.questions}}
        )
        row["status"] = "complete"
    response = _upload(writer, review, _as_csv(rows))
    assert response.status_code == 302, reading.html(response)[-3000:]
    assert CaseAnswers.objects.filter(case__review=review, status="complete").count() == 6
    assert "6 answer sets changed" in reading.html(writer.get(response["Location"]))


def test_a_bad_answer_sheet_lists_every_problem_and_stores_nothing(cast, writer, review, reading):
    rows = [row for row in _sheet(writer, review) if row["role"] == "first"]
    for row in rows:
        row.update(
            {name: COMPLETE.get(name, "") for name in row if name in {q.name for q in TEMPLATE.questions}}
        )
        row["status"] = "complete"
    rows[0]["thrive_applied"] = "maybe"  # line 2
    rows[1]["call_answered_in_time"] = ""  # line 3: required
    rows[2]["case_ref"] = "NOT-A-CASE"  # line 4
    response = _upload(writer, review, _as_csv(rows), name="bad.csv")
    assert response.status_code == 200
    problems = _problems(reading.html(response))
    assert any(p.startswith("bad.csv:2: thrive_applied:") for p in problems), problems
    assert any(p.startswith("bad.csv:3: call_answered_in_time: required") for p in problems), problems
    assert any(p.startswith("bad.csv:4: case_ref:") for p in problems), problems
    assert not CaseAnswers.objects.filter(case__review=review).exists()


def test_a_reader_cannot_import_an_answer_sheet(cast, client_for, review):
    rows = _sheet(client_for("reader"), review)
    assert _upload(client_for("reader"), review, _as_csv(rows)).status_code == 403
    assert _upload(client_for("writer"), review, b"x", name="notes.txt").status_code == 200
    assert not CaseAnswers.objects.filter(case__review=review).exists()


# Who may see what ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["outsider", "anonymous", "liaison"])
def test_those_who_may_not_see_the_draft_get_404_everywhere(cast, client_for, review, role):
    client = client_for(role)
    urls = [_list_url(cast.draft), _list_url(cast.draft, "json"), _url(review), _url(review, "review.json"),
            _case_url(review, 1), _case_url(review, 1, "csv"), _url(review, "review-sheet-xlsx")]  # fmt: skip
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert review.reference.encode() not in response.content
    posts = [(_case_url(review, 1), {**COMPLETE, "revision": 0, "action": "complete"}),
             (_url(review, "review-evidence"), {}), (_url(review, "review-sheet-import"), {})]  # fmt: skip
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert not CaseAnswers.objects.exists() and CaseReview.objects.count() == 1


def test_a_review_is_not_reachable_through_another_inspections_url(cast, staff, review):
    for url in (_url(review), _case_url(review, 1), _url(review, "review-sheet-csv")):
        wrong = url.replace(str(cast.draft.code), str(cast.published.code))
        assert staff.get(wrong).status_code == 404, wrong
