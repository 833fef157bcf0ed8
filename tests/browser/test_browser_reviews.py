"""Case-file reviews in a real browser: the skip logic's evaluator, live skip logic and the keyboard.

Headless Debian Chromium. The evaluator of reviews/static/reviews/review-logic.js runs the Python tests'
expression cases and more, so the browser and the server cannot drift apart; then a writer reviews
a case in a draft inspection against Django's live server, which runs in this process.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from inspectorate.core.casereview.cases import CaseFile
from inspectorate.core.casereview.expressions import evaluate, parse
from inspectorate.core.casereview.library import get_template
from inspectorate.web.inspections.models import Inspection, Origin, Status, TeamMember, TeamRole
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from inspectorate.web.reviews.models import CaseAnswers, CaseReview
from inspectorate.web.reviews.services import create_review
from support.browser import BROWSER_MARKS, FAST_HASHERS, PASSWORD, sign_in
from support.keyboard import focused_matches, sign_in_by_keyboard, tab_to
from support.site_walk import axe_violations

SCRIPT = Path(__file__).parents[2] / "src/inspectorate/web/reviews/static/reviews/review-logic.js"

pytestmark = BROWSER_MARKS


def _python_cases() -> Any:
    """The expression tests of the core, by path: the browser must agree with every one of them."""
    path = Path(__file__).parents[1] / "core/casereview/test_casereview_expressions.py"
    spec = importlib.util.spec_from_file_location("casereview_expression_cases", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXPRESSIONS = _python_cases()

# Answers where Python's rules are easy to get wrong in JavaScript: how text reads as a number (float()
# takes underscores, Arabic-Indic digits, inf and a final dot, not hex) and is written back (1e-05).
TRICKY_ANSWERS = {
    "u": "\u0661\u0662",  # 12 in Arabic-Indic digits
    "f": "1_000",
    "e": "1e3",
    "s": "  12\u00a0",
    "h": "0x5",
    "i": "-inf",
    "dot": "5.",
    "d": "2022-01-31\n",
    "m": "a  b\u00a0c",
    "yes": "yes",
}
TRICKY = [
    "${u} = 12",
    "${u} > 11 and ${u} < 13",
    "${f} > 999",
    "${e} = 1000",
    "${s} = 12",
    "${s} = '12'",
    "${h} = 5",
    "${h} != 5",
    "${i} < 0",
    "${i} != ${i}",
    "${dot} = 5",
    "${d} < '2022-02-01'",
    "${d} > '2022-01-30'",
    "count-selected(${m}) = 3",
    "selected(${m}, 'c')",
    "string-length(0.00001) = 5",
    "selected('1e-05 x', 0.00001)",
    "selected('3 4', 3.0)",
    "string-length(${u}) = 2",
    "${yes} = true()",
    "${missing} = false()",
    "1 = '1.0'",
    "'abc' > 1",
    "'abc' != 1",
    "'2022-1-5' < '2022-01-06'",
    "not(${missing})",
    "${missing} < 1",
    "'b' > 'a'",
    "today() >= '2022-03-01'",
    "today() = '2022-03-01'",
    "(${yes} = 'yes' or ${missing}) and not(false())",
]


def js_evaluate(
    page: Any, trees: list[Any], answers: dict[str, str], current: str, today: date
) -> list[bool]:
    return page.evaluate(
        "([trees, answers, current, today]) => "
        "trees.map((tree) => window.reviewLogic.evaluate(tree, answers, current, today))",
        [trees, answers, current, today.isoformat()],
    )


@pytest.fixture
def logic(page: Any) -> Any:
    page.set_content("<!doctype html><html><head><title>logic</title></head><body></body></html>")
    page.add_script_tag(path=str(SCRIPT))
    return page


def test_the_browser_evaluates_every_expression_case_as_python_does(logic: Any) -> None:
    cases = EXPRESSIONS.CASES
    trees = [parse(source).tree for source, _ in cases]
    results = js_evaluate(logic, trees, EXPRESSIONS.ANSWERS, "", EXPRESSIONS.TODAY)
    assert len(cases) > 20
    assert dict(zip([source for source, _ in cases], results, strict=True)) == dict(cases)


def test_the_browser_agrees_with_python_where_the_rules_are_easy_to_get_wrong(logic: Any) -> None:
    today = date(2022, 3, 1)
    expected = [evaluate(parse(source), TRICKY_ANSWERS, today=today) for source in TRICKY]
    results = js_evaluate(logic, [parse(source).tree for source in TRICKY], TRICKY_ANSWERS, "", today)
    assert dict(zip(TRICKY, results, strict=True)) == dict(zip(TRICKY, expected, strict=True))
    assert True in expected and False in expected


@pytest.mark.parametrize(("current", "holds"), [("40", True), ("140", False), ("", False), ("1_0", True)])
def test_the_current_value_is_the_answer_being_checked(logic: Any, current: str, holds: bool) -> None:
    tree = parse(". >= 0 and . <= 100").tree
    assert evaluate(parse(". >= 0 and . <= 100"), {}, current=current) is holds
    assert js_evaluate(logic, [tree], {}, current, date(2022, 3, 1)) == [holds]


# A writer reviews a case ------------------------------------------------------------------------


@pytest.fixture
def review(live_server: Any, settings: Any, transactional_db: Any) -> CaseReview:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    sync_library()
    sync_forces()
    inspection = Inspection.objects.create(
        reference="MPS-BROWSER-VSA",
        title="PEEL assessment (browser test, case-file review)",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
        origin=Origin.RUN_HERE,
    )
    for username, role in (("writer", TeamRole.LEAD), ("reader", TeamRole.REVIEWER)):
        user = User.objects.create_user(username, password=PASSWORD)
        TeamMember.objects.create(inspection=inspection, user=user, role=role)
    cases = [CaseFile(f"VSA-{number}", offence="burglary", summary=f"Case {number}") for number in (1, 2, 3)]
    template = get_template("peel-2021-victim-service")
    return create_review(inspection, template, cases, source="case list", second_share=0)


def case_url(live_server: Any, review: CaseReview, number: int) -> str:
    return f"{live_server.url}/inspections/{review.inspection.code}/reviews/{review.code}/cases/{number}"


def question(page: Any, name: str) -> Any:
    return page.locator(f'[data-question="{name}"]')


def choose(page: Any, name: str, value: str) -> None:
    question(page, name).locator(f'input[value="{value}"]').check()


def focused_question(page: Any) -> str | None:
    return page.evaluate("() => document.activeElement.closest('[data-question]')?.dataset.question ?? null")


def test_answers_show_and_hide_the_questions_they_lead_to(
    page: Any, live_server: Any, review: CaseReview
) -> None:
    sign_in(page, live_server, "writer")
    page.goto(case_url(live_server, review, 1))
    expect(page.locator("h1")).to_contain_text("Case 1")
    expect(question(page, "thrive_accurate")).to_be_hidden()
    choose(page, "thrive_applied", "yes")
    expect(question(page, "thrive_accurate")).to_be_visible()
    choose(page, "thrive_accurate", "no")
    choose(page, "thrive_applied", "no")
    expect(question(page, "thrive_accurate")).to_be_hidden()
    expect(question(page, "thrive_accurate").locator('input[value="no"]')).to_be_disabled()

    expect(page.locator("#section-investigation")).to_be_hidden()
    choose(page, "investigated_further", "yes")
    expect(page.locator("#section-investigation")).to_be_visible()
    expect(question(page, "victim_told_not_investigated")).to_be_hidden()
    choose(page, "investigated_further", "no")
    expect(page.locator("#section-investigation")).to_be_hidden()
    expect(question(page, "victim_told_not_investigated")).to_be_visible()

    for name in ("out_of_court_criteria_met", "victim_wishes_recorded"):
        expect(question(page, name)).to_be_hidden()
    choose(page, "outcome_type", "caution")
    for name in ("out_of_court_criteria_met", "victim_wishes_recorded"):
        expect(question(page, name)).to_be_visible()
    choose(page, "outcome_type", "charge")
    expect(question(page, "victim_wishes_recorded")).to_be_hidden()

    # A draft keeps what is shown; the answer to the question hidden again is not even sent.
    page.keyboard.press("d")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Case 1 saved as a draft.")
    stored = CaseAnswers.objects.get(case__review=review, case__number=1)
    assert stored.status == "draft"
    assert stored.answers == {"thrive_applied": "no", "investigated_further": "no", "outcome_type": "charge"}
    expect(question(page, "thrive_accurate")).to_be_hidden()
    expect(question(page, "thrive_applied").locator('input[value="no"]')).to_be_checked()


def test_a_writer_completes_a_case_with_the_keyboard(page: Any, live_server: Any, review: CaseReview) -> None:
    sign_in(page, live_server, "writer")
    page.goto(case_url(live_server, review, 1))
    expect(page.locator("#progress-text")).to_have_text("0 of 3 cases complete")
    keys = {
        "call_answered_in_time": "y",
        "thrive_applied": "y",  # shows thrive_accurate, which comes next
        "thrive_accurate": "n",
        "vulnerability_checked": "y",
        "repeat_victim_checked": "y",
        "repeat_victim": "n",  # hides repeat_victim_recorded
        "evidence_advice": "a",
        "prevention_advice": "y",
        "attended": "y",
        "attended_within_target": "y",  # hides victim_told_of_delay
        "recorded_correctly": "y",
        "recorded_in_time": "y",
        "allocated_per_policy": "y",
        "investigated_further": "n",  # hides the investigation section, asks victim_told_not_investigated
        "victim_told_not_investigated": "y",
        "outcome_type": "2",  # caution: asks the two out-of-court questions
        "out_of_court_criteria_met": "y",
        "victim_wishes_recorded": "n",
    }
    for name, key in keys.items():
        assert focused_question(page) in (name, None), f"expected to be on {name}"
        page.keyboard.press(key)
    assert focused_question(page) == "reviewer_note"  # a text box: the keys type into it now
    page.keyboard.type("Checked on the force's system")
    page.keyboard.press("Escape")
    expect(page.locator("#save-complete")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(case_url(live_server, review, 2))
    expect(page.locator("#progress-text")).to_have_text("1 of 3 cases complete")
    stored = CaseAnswers.objects.get(case__review=review, case__number=1)
    assert stored.status == "complete" and stored.revision == 1
    letters = {"y": "yes", "n": "no", "a": "na", "2": "caution"}
    assert stored.answers == {
        **{name: letters[key] for name, key in keys.items()},
        "reviewer_note": "Checked on the force's system",
    }
    # [ goes back to case 1, which shows its answers and the questions they lead to.
    page.keyboard.press("[")
    expect(page).to_have_url(case_url(live_server, review, 1))
    expect(question(page, "out_of_court_criteria_met")).to_be_visible()
    expect(question(page, "thrive_accurate").locator('input[value="no"]')).to_be_checked()
    expect(page.locator("#section-investigation")).to_be_hidden()


def test_saving_as_complete_with_questions_unanswered_is_refused_with_each_one(
    page: Any, live_server: Any, review: CaseReview
) -> None:
    sign_in(page, live_server, "writer")
    page.goto(case_url(live_server, review, 2))
    page.keyboard.press("y")
    page.keyboard.press("Enter")
    expect(page.locator("#answers-error")).to_contain_text("Nothing was saved.")
    expect(page.locator("#error-thrive_applied")).to_have_text("Error: This question must be answered.")
    expect(page.locator("#error-thrive_accurate")).to_have_count(0)  # hidden, so not asked
    expect(question(page, "call_answered_in_time").locator('input[value="yes"]')).to_be_checked()
    assert not CaseAnswers.objects.filter(case__review=review).exists()


def test_the_reader_sees_the_case_without_the_form(page: Any, live_server: Any, review: CaseReview) -> None:
    sign_in(page, live_server, "reader")
    page.goto(case_url(live_server, review, 1))
    expect(page.locator("#answers-form")).to_have_count(0)
    expect(page.locator("input[type=radio]")).to_have_count(0)
    expect(page.locator("#review-status")).to_contain_text("not started")


def review_page_url(live_server: Any, review: CaseReview) -> str:
    return f"{live_server.url}/inspections/{review.inspection.code}/reviews/{review.code}"


def test_a_writer_reviews_a_case_with_the_keyboard_alone(
    page: Any, live_server: Any, review: CaseReview
) -> None:
    """Tab, Space, the arrow keys, typing and Enter only: no click, no fill, the focus seen at every stop."""
    sign_in_by_keyboard(
        page, f"{live_server.url}/login/?next={review_page_url(live_server, review)}", "writer", PASSWORD
    )
    expect(page).to_have_url(review_page_url(live_server, review))
    assert axe_violations(page) == []
    tab_to(page, "#continue")
    page.keyboard.press("Enter")
    expect(page).to_have_url(case_url(live_server, review, 1))
    assert axe_violations(page) == []

    # The shortcuts are explained on the page, in a disclosure the keyboard opens.
    tab_to(page, "#shortcuts-help summary")
    page.keyboard.press("Enter")
    expect(page.locator("#shortcuts-help")).to_have_attribute("open", "")

    tab_to(page, "input[name=call_answered_in_time]")
    page.keyboard.press("Space")  # yes
    expect(question(page, "thrive_accurate")).to_be_hidden()
    page.keyboard.press("Tab")
    assert focused_question(page) == "thrive_applied"
    page.keyboard.press("Space")  # yes: asks thrive_accurate, which comes next
    expect(question(page, "thrive_accurate")).to_be_visible()
    page.keyboard.press("Tab")
    assert focused_question(page) == "thrive_accurate"
    page.keyboard.press("ArrowRight")  # no
    assert axe_violations(page) == []  # with the question shown by the skip logic

    tab_to(page, "textarea[name=reviewer_note]")
    page.keyboard.type("Read on the force's system")
    page.keyboard.press("Tab")
    assert focused_matches(page, "#save-complete")
    page.keyboard.press("Tab")
    assert focused_matches(page, "#save-draft")
    page.keyboard.press("Enter")

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Case 1 saved as a draft.")
    stored = CaseAnswers.objects.get(case__review=review, case__number=1)
    assert stored.status == "draft"
    assert stored.answers == {
        "call_answered_in_time": "yes",
        "thrive_applied": "yes",
        "thrive_accurate": "no",
        "reviewer_note": "Read on the force's system",
    }
    expect(question(page, "thrive_accurate").locator('input[value="no"]')).to_be_checked()
    assert axe_violations(page) == []


def test_saving_with_questions_unanswered_is_summarised_for_the_keyboard(
    page: Any, live_server: Any, review: CaseReview
) -> None:
    sign_in(page, live_server, "writer")
    page.goto(case_url(live_server, review, 2))
    page.keyboard.press("y")
    page.keyboard.press("Enter")
    summary = page.locator("#answers-error")
    expect(summary).to_be_focused()
    expect(page).to_have_title(f"Error: {review.reference} case 2 · Inspectorate")
    assert axe_violations(page) == []
    tab_to(page, "#answers-error a[href='#question-thrive_applied']", limit=5)
    page.keyboard.press("Enter")
    expect(page).to_have_url(case_url(live_server, review, 2) + "#question-thrive_applied")
