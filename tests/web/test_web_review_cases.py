"""Case-file reviews on the web, case by case: answering, drafts, the blind second review and the
answer sheet (starting reviews and their results: test_web_reviews.py)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inspectorate.core.casereview.agreement import reading_of
from inspectorate.core.casereview.answers import read_answers
from inspectorate.core.stats.agreement import cohens_kappa
from inspectorate.web.reviews.models import CaseAnswers, CaseReview, Role
from support.fieldwork import REVIEW_ANSWERS, checked
from support.review_pages import (
    TEMPLATE,
    case_url,
    first_not_picked,
    listed_problems,
    picked_numbers,
    post_answers,
    review_url,
    stored_answers,
)

pytestmark = pytest.mark.django_db

# The synthetic return the module's tests are drawn from (tests/conftest.py).
SYNTHETIC = (0.0005, 11)


# One case at a time ----------------------------------------------------------------------------------


def test_the_case_page_has_every_question_with_its_skip_logic_as_json(cast, writer, review, reading):
    page = reading.html(writer.get(case_url(review, 1)))
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
    response = post_answers(writer, review, 1, {"thrive_applied": "no"}, action="draft")
    assert response.status_code == 302 and response["Location"] == case_url(review, 1)
    stored = stored_answers(review, 1)
    assert stored.answers == {"thrive_applied": "no"} and stored.status == "draft" and stored.revision == 1
    assert stored.reviewer == cast.users["writer"]


def test_complete_enforces_the_required_questions_and_stores_nothing(cast, writer, review, reading):
    response = post_answers(writer, review, 1, {"thrive_applied": "yes", "attended": "no"})
    assert response.status_code == 200
    page = reading.html(response)
    assert 'class="govuk-error-summary" id="answers-error"' in page and "Nothing was saved." in page
    assert "<title>Error: " in page
    assert "This question must be answered." in page
    # In the summary, each linked to its question; beside the question, tied to its fieldset.
    assert 'href="#question-call_answered_in_time">' in page
    assert re.search(r'<p class="govuk-error-message" id="error-call_answered_in_time">', page)
    assert re.search(r'aria-describedby="[^"]*error-call_answered_in_time"', page)
    assert not re.search(r'id="error-attended_within_target"', page)  # hidden: attended is no
    assert ("thrive_applied", "yes") in checked(page)  # what was typed stays
    assert stored_answers(review, 1) is None


def test_a_bad_answer_is_refused_with_its_message_and_nothing_is_stored(cast, writer, review, reading):
    post_answers(writer, review, 1, {"thrive_applied": "no"}, action="draft")
    response = post_answers(writer, review, 1, {"thrive_applied": "maybe"}, action="draft", revision=1)
    assert response.status_code == 200
    assert "&#x27;maybe&#x27; is not an answer: use yes, no, na" in reading.html(response)
    assert stored_answers(review, 1).answers == {"thrive_applied": "no"}


def test_an_answer_the_skip_logic_hides_is_not_stored(cast, writer, review, reading):
    answers = {**REVIEW_ANSWERS, "thrive_applied": "no", "thrive_accurate": "yes"}
    response = post_answers(writer, review, 1, answers)
    assert response.status_code == 302
    stored = stored_answers(review, 1)
    assert stored.status == "complete" and "thrive_accurate" not in stored.answers
    page = reading.html(writer.get(response["Location"]))
    assert "Not stored, as the answers before them mean they are not asked" in page


def test_completing_a_case_goes_to_the_next_one_not_complete(cast, writer, review):
    post_answers(writer, review, 2, REVIEW_ANSWERS)
    response = post_answers(writer, review, 1, REVIEW_ANSWERS)
    assert response["Location"] == case_url(review, 3)
    for number in range(3, 7):
        response = post_answers(writer, review, number, REVIEW_ANSWERS)
    assert response["Location"] == review_url(review)
    assert CaseAnswers.objects.filter(case__review=review, status="complete").count() == 6


def test_a_save_made_meanwhile_by_someone_else_is_not_overwritten(cast, client_for, review, reading):
    number = first_not_picked(review)
    post_answers(client_for("staff"), review, number, {"thrive_applied": "yes"}, action="draft")
    response = post_answers(client_for("writer"), review, number, {"thrive_applied": "no"}, action="draft")
    assert response.status_code == 200
    page = reading.html(response)
    assert "was saved by someone else since this page was opened" in page
    assert 'id="stored-answers"' in page and 'name="revision" value="1"' in page
    assert ("thrive_applied", "no") in checked(page)
    assert (
        stored_answers(review, number).answers == {"thrive_applied": "yes"}
        and stored_answers(review, number).revision == 1
    )


def test_the_case_page_shows_progress_and_links_to_its_neighbours(cast, writer, review, reading):
    post_answers(writer, review, 1, REVIEW_ANSWERS)
    page = reading.html(writer.get(case_url(review, 2)))
    assert "1 of 6 cases complete" in page
    assert (
        f'href="{case_url(review, 1)}" rel="prev"' in page
        and f'href="{case_url(review, 3)}" rel="next"' in page
    )
    page = reading.html(writer.get(case_url(review, 6)))
    assert 'rel="next"' not in page


def test_the_case_twins_carry_the_case_and_its_answers(cast, writer, review, reading):
    post_answers(writer, review, 1, REVIEW_ANSWERS)
    document = reading.json(writer.get(case_url(review, 1, "json")))
    assert document["case"]["case_ref"] == "CASE-001" and document["role"] == "first"
    assert (
        document["case"]["first"]["answers"] == read_answers(TEMPLATE, REVIEW_ANSWERS, complete=True).answers
    )
    assert document["progress"] == {"complete": 1, "cases": 6}
    row = reading.csv(writer.get(case_url(review, 1, "csv")))[0]
    assert row["case_ref"] == "CASE-001" and row["status"] == "complete" and row["thrive_applied"] == "yes"


def test_a_reader_sees_the_answers_read_only_and_cannot_save(cast, client_for, review, reading):
    post_answers(client_for("writer"), review, 1, REVIEW_ANSWERS)
    reader = client_for("reader")
    page = reading.html(reader.get(case_url(review, 1)))
    assert 'id="answers-form"' not in page and 'type="radio"' not in page
    assert re.search(r'id="stored-thrive_applied">Yes<', page)
    assert re.search(r'id="stored-victim_told_not_investigated"><span class="app-muted">not asked', page)
    assert post_answers(reader, review, 1, REVIEW_ANSWERS, revision=1).status_code == 403
    assert stored_answers(review, 1).revision == 1


def test_a_case_number_outside_the_review_is_404(cast, writer, review):
    for number in (0, 7):
        for fmt in ("html", "json", "csv"):
            assert writer.get(case_url(review, number, fmt)).status_code == 404


# Second reviews -------------------------------------------------------------------------------------


def test_the_second_review_is_refused_to_the_first_reviewer(cast, writer, review, reading):
    number = picked_numbers(review)[0]
    post_answers(writer, review, number, REVIEW_ANSWERS)
    page = reading.html(writer.get(case_url(review, number, second=True)))
    assert "You made the first review of this case" in page and 'id="answers-form"' not in page
    response = post_answers(writer, review, number, REVIEW_ANSWERS, second=True)
    assert response.status_code == 403
    assert stored_answers(review, number, Role.SECOND) is None


def test_with_no_second_review_left_for_them_the_first_reviewer_is_told_why(cast, writer, review, reading):
    page = reading.html(writer.get(review_url(review)))
    assert 'id="continue-second"' in page and 'id="no-second-review"' not in page
    assert 'id="no-agreement"' in page and "reviewed by two members of the team" in page
    for number in picked_numbers(review):
        post_answers(writer, review, number, REVIEW_ANSWERS)
    page = reading.html(writer.get(review_url(review)))
    assert 'id="continue-second"' not in page
    assert 'id="no-second-review"' in page and "by someone other than the case's first reviewer" in page


def test_only_cases_picked_for_it_have_a_second_review(cast, staff, review):
    number = first_not_picked(review)
    assert staff.get(case_url(review, number, second=True)).status_code == 404
    assert post_answers(staff, review, number, REVIEW_ANSWERS, second=True).status_code == 404


def test_the_second_reviewer_does_not_see_the_first_review_until_theirs_is_complete(
    cast, client_for, review, reading
):
    writer, staff = client_for("writer"), client_for("staff")
    number = picked_numbers(review)[0]
    post_answers(writer, review, number, {**REVIEW_ANSWERS, "reviewer_note": "FIRST-REVIEW-NOTE"})
    for url in (
        case_url(review, number, second=True),
        case_url(review, number),
        case_url(review, number, "json"),
    ):
        body = staff.get(url).content.decode()
        assert "FIRST-REVIEW-NOTE" not in body, url
    assert "picked for a second review, made blind" in reading.html(staff.get(case_url(review, number)))
    # The first page offers no form to someone else, who would otherwise overwrite what they cannot see.
    assert post_answers(staff, review, number, REVIEW_ANSWERS, revision=1).status_code == 403
    # The reader may not review, so sees it; the second review, once complete, lifts the blind.
    assert "FIRST-REVIEW-NOTE" in client_for("reader").get(case_url(review, number)).content.decode()
    response = post_answers(staff, review, number, {**REVIEW_ANSWERS, "supervised": "no"}, second=True)
    assert response.status_code == 302
    assert stored_answers(review, number, Role.SECOND).reviewer == cast.users["staff"]
    assert "FIRST-REVIEW-NOTE" in staff.get(case_url(review, number)).content.decode()


def test_agreement_is_shown_with_kappa_as_the_core_computes_it(cast, client_for, review, reading):
    writer, staff = client_for("writer"), client_for("staff")
    picked = picked_numbers(review)
    seconds = [
        REVIEW_ANSWERS,
        {**REVIEW_ANSWERS, "supervised": "no"},
        {**REVIEW_ANSWERS, "supervised": "no", "attended": "no"},
    ]
    for number, second in zip(picked, seconds, strict=True):
        post_answers(writer, review, number, REVIEW_ANSWERS)
        assert post_answers(staff, review, number, second, second=True).status_code == 302
    document = reading.json(writer.get(review_url(review, "review.json")))
    rows = {row["question"]: row for row in document["results"]["agreement"]}
    firsts = [read_answers(TEMPLATE, REVIEW_ANSWERS, complete=True)] * 3
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
    page = reading.html(writer.get(review_url(review)))
    assert re.search(
        r'id="agreement-thrive_applied">.*?<span title="Both reviewers[^>]*>—</span>',
        page,
        re.S,
    )
    assert document["results"]["progress"]["second_review_complete"] == 3


# The answer sheet -----------------------------------------------------------------------------------


def _sheet(client: Any, review: CaseReview) -> list[dict[str, str]]:
    response = client.get(review_url(review, "review-sheet-csv"))
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _as_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _upload(client: Any, review: CaseReview, content: bytes, name: str = "answers.csv") -> Any:
    return client.post(
        review_url(review, "review-sheet-import"), {"sheet": SimpleUploadedFile(name, content)}
    )


def test_the_answer_sheet_downloads_for_the_team(cast, client_for, review):
    for role in ("writer", "reader"):
        rows = _sheet(client_for(role), review)
        assert len(rows) == 6 + 3  # a second row for each case picked for a second review
        assert {row["review"] for row in rows} == {review.reference}
    response = client_for("reader").get(review_url(review, "review-sheet-xlsx"))
    assert response["Content-Disposition"] == f'attachment; filename="{review.reference}-answers.xlsx"'
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content), read_only=True)["answers"]
    assert next(sheet.iter_rows(values_only=True))[:3] == ("review", "case_ref", "role")


def test_a_filled_answer_sheet_is_stored(cast, writer, review, reading):
    rows = [row for row in _sheet(writer, review) if row["role"] == "first"]
    for row in rows:
        row.update(
            {
                name: REVIEW_ANSWERS.get(name, "")
                for name in row
                if name in {q.name for q in TEMPLATE.questions}
            }
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
            {
                name: REVIEW_ANSWERS.get(name, "")
                for name in row
                if name in {q.name for q in TEMPLATE.questions}
            }
        )
        row["status"] = "complete"
    rows[0]["thrive_applied"] = "maybe"  # line 2
    rows[1]["call_answered_in_time"] = ""  # line 3: required
    rows[2]["case_ref"] = "NOT-A-CASE"  # line 4
    response = _upload(writer, review, _as_csv(rows), name="bad.csv")
    assert response.status_code == 200
    problems = listed_problems(reading.html(response))
    assert any(p.startswith("bad.csv:2: thrive_applied:") for p in problems), problems
    assert any(p.startswith("bad.csv:3: call_answered_in_time: required") for p in problems), problems
    assert any(p.startswith("bad.csv:4: case_ref:") for p in problems), problems
    assert not CaseAnswers.objects.filter(case__review=review).exists()


def test_a_reader_cannot_import_an_answer_sheet(cast, client_for, review):
    rows = _sheet(client_for("reader"), review)
    assert _upload(client_for("reader"), review, _as_csv(rows)).status_code == 403
    assert _upload(client_for("writer"), review, b"x", name="notes.txt").status_code == 200
    assert not CaseAnswers.objects.filter(case__review=review).exists()
