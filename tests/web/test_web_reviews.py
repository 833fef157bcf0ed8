"""Case-file reviews on the web: starting one, its results, its evidence, and who may see them
(answering cases, second reviews and the answer sheet: test_web_review_cases.py).

Reviews are started through the same form a writer uses, from a list of case files or from a small
SYNTHETIC Metropolitan return made once for the module. The cast's writer leads and its reader
reviews the inspections; staff, who may also write, make the second reviews.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inspectorate.core.casereview.cases import CaseFile
from inspectorate.core.casereview.export import to_xlsx, to_yaml
from inspectorate.core.casereview.published import (
    MPS_2021_CASES,
    MPS_2021_CONTEXT,
    MPS_2021_COUNTS,
    answers_reproducing,
)
from inspectorate.web.inspections.models import Evidence
from inspectorate.web.reports.publishing import publish
from inspectorate.web.reviews.models import CaseAnswers, CaseReview, ReviewTemplate, Role
from inspectorate.web.reviews.services import create_review, save_answers
from support.fieldwork import REVIEW_ANSWERS, date_fields, shown_date
from support.lifecycle import at_factual_accuracy
from support.review_pages import (
    TEMPLATE,
    case_url,
    list_url,
    listed_problems,
    post_answers,
    review_url,
    start,
)

pytestmark = pytest.mark.django_db

# The synthetic return the module's tests are drawn from (tests/conftest.py).
SYNTHETIC = (0.0005, 11)


# Starting a review ---------------------------------------------------------------------------------


def test_the_writer_gets_the_form_with_the_shipped_template_and_the_forces_datasets(
    cast, writer, with_data, reading
):
    page = reading.html(writer.get(list_url(cast.draft)))
    assert "No case-file review has been started" in page
    assert '<option value="peel-2021-victim-service@2021.1" selected>' in page
    assert '<option value="synthetic" selected>synthetic (synthetic)</option>' in page
    # The default period, as GOV.UK date inputs (day, month, year): from the first of a month.
    first = shown_date(page, "start")
    assert first is not None and first.day == 1 and 'type="date"' not in page
    assert 'name="reference" value="MPS-DRAFT-VSA"' in page
    for name in ("template_file", "case_file", "count", "seed", "offence_groups", "second_share"):
        assert f'name="{name}"' in page
    # GOV.UK markup from crispy-forms-gds: each field in a form group, the radios in a fieldset.
    assert 'class="govuk-form-group"' in page and 'class="govuk-radios__input"' in page


def test_without_data_the_writer_is_told_how_it_is_loaded(cast, writer, reading):
    page = reading.html(writer.get(list_url(cast.draft)))
    assert 'id="no-data"' in page and "inspectorate data load FILE --force metropolitan" in page
    assert 'name="dataset"' not in page and 'name="case_file"' in page


def test_a_writer_starts_a_review_from_a_list_of_case_files(cast, writer, reading):
    response = start(writer, cast.draft, reference="MPS-DRAFT-VSA-LIST")
    review = CaseReview.objects.get(reference="MPS-DRAFT-VSA-LIST")
    assert response["Location"] == review_url(review)
    assert list(review.cases.values_list("case_ref", flat=True)) == [f"CASE-{i:03d}" for i in range(1, 7)]
    assert review.cases.filter(second_review=True).count() == 3
    assert review.source == "case list cases.csv" and not review.synthetic
    assert review.template.version == "2021.1" and review.created_by == cast.users["writer"]
    listing = reading.json(writer.get(list_url(cast.draft, "json")))
    assert [(r["reference"], r["cases"], r["complete"]) for r in listing["reviews"]] == [
        (review.reference, 6, 0)
    ]
    row = reading.csv(writer.get(list_url(cast.draft, "csv")))[0]
    assert row["reference"] == review.reference and row["template"] == "peel-2021-victim-service@2021.1"


def test_a_writer_draws_the_cases_from_a_dataset(cast, writer, with_data):
    response = start(writer, cast.draft, cases_from="dataset", dataset="synthetic", count="5", seed="4",
                      case_file="", offence_groups=["theft"])  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-3000:]
    review = CaseReview.objects.get(inspection=cast.draft)
    assert review.cases.count() == 5 and review.seed == 4 and review.synthetic
    assert set(review.cases.values_list("offence", flat=True)) == {"theft"}
    assert review.source.startswith(
        "synthetic data return metropolitan/synthetic: 5 crimes of theft recorded"
    )


def test_the_period_drawn_from_is_given_in_date_inputs_and_checked(cast, writer, with_data, reading):
    drawn = {"cases_from": "dataset", "dataset": "synthetic", "count": "5", "case_file": ""}
    impossible = start(writer, cast.draft, **drawn, start_day="30", start_month="2", start_year="2021")
    page = reading.html(impossible)
    assert '<a href="#id_start">First day recorded must be a real date</a>' in page
    backwards = start(writer, cast.draft, **drawn, **date_fields("start", "2021-06-01"),
                      **date_fields("end", "2021-01-31"))  # fmt: skip
    assert '<a href="#id_end">The period ends before it starts.</a>' in reading.html(backwards)
    assert not CaseReview.objects.filter(inspection=cast.draft).exists()
    response = start(writer, cast.draft, **drawn, **date_fields("start", "2021-01-01"),
                     **date_fields("end", "2021-06-30"))  # fmt: skip
    assert response.status_code == 302, reading.errors(response)
    assert "recorded 2021-01-01 to 2021-06-30" in CaseReview.objects.get(inspection=cast.draft).source


def test_an_uploaded_template_is_compiled_stored_and_pinned(cast, writer):
    changed = TEMPLATE.model_copy(update={"version": "2021.2-web"})
    upload = SimpleUploadedFile("vsa.xlsx", to_xlsx(changed))
    response = start(writer, cast.draft, template_from="file", template="", template_file=upload)
    assert response.status_code == 302, response.content.decode()[-3000:]
    review = CaseReview.objects.get(inspection=cast.draft)
    assert review.template.version == "2021.2-web" and review.template.source == "vsa.xlsx"
    assert review.template.sha256 == changed.sha256


def test_bad_files_show_every_located_problem_and_store_nothing(cast, writer, reading):
    text = to_yaml(TEMPLATE).replace("${thrive_applied} = 'yes'", "${thrive} = 'yes'")
    text = text.replace("type: select_one outcome", "type: select_one outcomes")
    bad_cases = b"case_ref,colour\nA,red\n"
    response = start(
        writer,
        cast.draft,
        template_from="file",
        template_file=SimpleUploadedFile("bad.yaml", text.encode()),
        case_file=SimpleUploadedFile("bad.csv", bad_cases),
    )
    assert response.status_code == 200
    page = reading.html(response)
    problems = listed_problems(page)
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
    response = start(writer, cast.draft, **fields)
    assert response.status_code == 200
    assert message in reading.errors(response)
    assert not CaseReview.objects.exists()


def test_a_reader_sees_the_list_without_the_form_and_cannot_start_a_review(cast, client_for, reading):
    reader = client_for("reader")
    page = reading.html(reader.get(list_url(cast.draft)))
    assert "Start a review" not in page and 'name="case_file"' not in page
    # The empty list says who would fill it.
    assert "No case-file review has been started" in page
    assert "lead inspector or an analyst on its team starts" in page
    assert start(reader, cast.draft).status_code == 403
    assert not CaseReview.objects.exists()


def test_the_inspection_page_links_to_its_reviews(cast, client_for, reading):
    page = reading.html(client_for("writer").get(reverse("inspection", kwargs={"code": cast.draft.code})))
    # The draft's fieldwork is open; a published inspection links to it only if it had some
    # (test_web_permissions_fieldwork.py).
    assert f'href="{list_url(cast.draft)}"' in page and "Case-file reviews" in page


# Results --------------------------------------------------------------------------------------------


def test_the_results_reproduce_the_published_counts_in_html_json_and_csv(cast, writer, reading):
    """The Metropolitan 2021/22 victim service assessment: 165 cases whose answers give the report's
    N of M for each question (core/casereview/published.py)."""
    cases = [CaseFile(case_ref=f"MPS-{i:03d}") for i in range(1, MPS_2021_CASES + 1)]
    review = create_review(cast.draft, TEMPLATE, cases, source="case list", second_share=0)
    answer_sets = answers_reproducing(TEMPLATE, MPS_2021_COUNTS | MPS_2021_CONTEXT, MPS_2021_CASES)
    for case, answers in zip(review.cases.order_by("number"), answer_sets, strict=True):
        save_answers(case, Role.FIRST, answers, complete=True, user=cast.users["writer"], expected_revision=0)
    document = reading.json(writer.get(review_url(review, "review.json")))
    questions = {row["question"]: row for row in document["results"]["questions"]}
    rows = {row["question"]: row for row in reading.csv(writer.get(review_url(review, "review.csv")))}
    page = reading.html(writer.get(review_url(review)))
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
        result = re.search(rf'<tr class="govuk-table__row" id="result-{name}">(.*?)</tr>', page, re.S).group(
            1
        )
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
        post_answers(writer, review, number, REVIEW_ANSWERS)
    page = reading.html(writer.get(review_url(review)))
    assert "Provisional." in page and "3 cases whose first review is complete, of 6" in page
    headings = re.findall(r'<h3 class="govuk-heading-s" id="section-([^"]+)">', page)
    assert headings == [section.name for section in TEMPLATE.sections]
    assert "Investigating crime" in page and 'id="area-investigating"' in page
    document = reading.json(writer.get(review_url(review, "review.json")))
    areas = {row["area"]: row for row in document["results"]["areas"]}
    assert (
        areas["investigating"]["title"] == "Investigating crime" and areas["investigating"]["applicable"] > 0
    )
    # The free-text note is told only as a count, in every twin.
    note = next(row for row in document["results"]["questions"] if row["question"] == "reviewer_note")
    assert note["answers"] is None and note["answered"] == 3
    assert "reviewed" not in reading.csv(writer.get(review_url(review, "review.csv")))[-1]["answers"]


def test_the_public_sees_results_of_a_published_review_but_never_cases_or_answers(cast, client_for, reading):
    cases = [CaseFile(case_ref=f"SECRET-REF-{i}") for i in range(1, 4)]
    review = create_review(cast.draft, TEMPLATE, cases, source="case list", second_share=0.5, seed=1)
    for case in review.cases.all():
        answers = {**REVIEW_ANSWERS, "reviewer_note": "SECRET-NOTE"}
        save_answers(case, Role.FIRST, answers, complete=True, user=cast.users["writer"], expected_revision=0)
    at_factual_accuracy(cast.draft)  # the review done, the draft checked by the force
    publish(cast.draft, cast.users["writer"], timezone.now())  # the report published
    for role in ("anonymous", "outsider", "liaison"):
        client = client_for(role)
        for fmt in ("html", "json", "csv"):
            response = client.get(review_url(review, "review" if fmt == "html" else f"review.{fmt}"))
            assert response.status_code == 200
            body = response.content.decode()
            assert "SECRET-REF" not in body and "SECRET-NOTE" not in body and "/cases/" not in body
            assert "3 of 3" in body or fmt != "html"
        for url in (case_url(review, 1), case_url(review, 1, "json"), review_url(review, "review-sheet-csv")):
            assert client.get(url).status_code == 404
    assert "SECRET-REF-1" in client_for("reader").get(review_url(review)).content.decode()


# Evidence -------------------------------------------------------------------------------------------


def test_recording_the_results_as_evidence_creates_then_refreshes_one_record(
    cast, client_for, review, reading
):
    writer = client_for("writer")
    response = writer.post(review_url(review, "review-evidence"))
    assert "nothing to record" in reading.html(writer.get(response["Location"]))
    post_answers(writer, review, 1, REVIEW_ANSWERS)
    assert client_for("reader").post(review_url(review, "review-evidence")).status_code == 403
    assert not Evidence.objects.filter(kind="case-review").exists()
    assert writer.post(review_url(review, "review-evidence")).status_code == 302
    post_answers(writer, review, 2, REVIEW_ANSWERS)
    writer.post(review_url(review, "review-evidence"))
    evidence = Evidence.objects.get(kind="case-review")
    review.refresh_from_db()
    assert review.evidence == evidence and "2 cases" in evidence.attributed_to
    assert {"investigating", "responding", "victim-service-assessment"} <= set(evidence.area_ids)
    page = reading.html(writer.get(review_url(review)))
    evidence_url = reverse("evidence", kwargs={"code": cast.draft.code, "evidence_code": evidence.code})
    assert f'href="{evidence_url}"' in page and "Update the evidence" in page


# Who may see what ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["outsider", "anonymous", "liaison"])
def test_those_who_may_not_see_the_draft_get_404_everywhere(cast, client_for, review, role):
    client = client_for(role)
    urls = [
        list_url(cast.draft),
        list_url(cast.draft, "json"),
        review_url(review),
        review_url(review, "review.json"),
        case_url(review, 1),
        case_url(review, 1, "csv"),
        review_url(review, "review-sheet-xlsx"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert review.reference.encode() not in response.content
    posts = [
        (case_url(review, 1), {**REVIEW_ANSWERS, "revision": 0, "action": "complete"}),
        (review_url(review, "review-evidence"), {}),
        (review_url(review, "review-sheet-import"), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert not CaseAnswers.objects.exists() and CaseReview.objects.count() == 1


def test_a_review_is_not_reachable_through_another_inspections_url(cast, staff, review):
    for url in (review_url(review), case_url(review, 1), review_url(review, "review-sheet-csv")):
        wrong = url.replace(str(cast.draft.code), str(cast.published.code))
        assert staff.get(wrong).status_code == 404, wrong
