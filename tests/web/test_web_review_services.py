"""The review services the web, the CLI and the demo share: pinned template versions, creation,
answers saved by compare and swap, the blind second review, the answer sheet, and the evidence."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry

from inspectorate.core.casereview.agreement import reading_of
from inspectorate.core.casereview.answers import read_answers
from inspectorate.core.casereview.cases import CaseFile
from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.published import (
    MPS_2021_CASES,
    MPS_2021_CONTEXT,
    MPS_2021_COUNTS,
    answers_reproducing,
)
from inspectorate.core.problems import InputError, ProblemsError
from inspectorate.core.stats.agreement import cohens_kappa
from inspectorate.web.inspections.models import EvidenceKind
from inspectorate.web.reviews.models import AnswerStatus, CaseAnswers, CaseReview, ReviewTemplate, Role
from inspectorate.web.reviews.results import outcome_document, record_evidence, review_outcome
from inspectorate.web.reviews.services import (
    AnswerError,
    StaleAnswers,
    create_review,
    save_answers,
    second_review_picks,
    store_template,
)
from inspectorate.web.reviews.sheets import export_sheet, import_sheet

pytestmark = pytest.mark.django_db

VSA = get_template("peel-2021-victim-service")
CASES = [CaseFile(f"C{i:03d}", offence="burglary") for i in range(1, 21)]


def start(
    cast: Any, reference: str = "TEST-VSA", share: float = 0.25, cases: list[CaseFile] = CASES
) -> CaseReview:
    return create_review(
        cast.draft, VSA, cases, source="a test list", second_share=share, seed=3, reference=reference
    )


def test_a_template_version_is_stored_once_and_never_changed(cast: Any) -> None:
    stored = store_template(VSA, "shipped")
    assert store_template(VSA, "again") == stored and ReviewTemplate.objects.count() == 1
    assert stored.spec == VSA
    changed = VSA.model_copy(update={"title": "Another title"})
    with pytest.raises(
        InputError, match="already stored with other content: a changed template needs a new version"
    ):
        store_template(changed, "edited.xlsx")
    newer = changed.model_copy(update={"version": "2021.2"})
    assert store_template(newer, "edited.xlsx").version == "2021.2"


def test_a_review_is_pinned_to_its_template_and_picks_its_second_reviews(cast: Any) -> None:
    review = start(cast)
    assert review.template.sha256 == VSA.sha256
    assert [case.case_ref for case in review.cases.all()] == [case.case_ref for case in CASES]
    picked = {case.number - 1 for case in review.cases.filter(second_review=True)}
    assert picked == second_review_picks(len(CASES), 0.25, 3) and len(picked) == 5


def test_second_review_picks_are_seeded_and_at_least_one() -> None:
    assert second_review_picks(20, 0.1, 1) == second_review_picks(20, 0.1, 1)
    assert len(second_review_picks(3, 0.01, 1)) == 1 and second_review_picks(3, 0.0, 1) == set()
    with pytest.raises(InputError, match="between 0 and 1"):
        second_review_picks(3, 1.5, 1)


def test_a_template_for_another_framework_or_a_reference_in_use_is_refused(
    cast: Any, ba_inspection: Any
) -> None:
    with pytest.raises(InputError, match=r"is written for peel-2021; .* uses ba-2006"):
        create_review(ba_inspection, VSA, CASES, source="x")
    start(cast, "TEST-TWICE")
    with pytest.raises(InputError, match="'TEST-TWICE' already exists"):
        start(cast, "TEST-TWICE")


def test_a_draft_may_be_partial_and_a_complete_review_may_not(cast: Any) -> None:
    case = start(cast).cases.get(number=1)
    writer = cast.users["writer"]
    saved = save_answers(
        case, Role.FIRST, {"thrive_applied": "yes"}, complete=False, user=writer, expected_revision=0
    )
    assert saved.changed and saved.answers.status == AnswerStatus.DRAFT and saved.answers.revision == 1
    with pytest.raises(AnswerError) as caught:
        save_answers(
            case, Role.FIRST, {"thrive_applied": "yes"}, complete=True, user=writer, expected_revision=1
        )
    assert caught.value.problems["thrive_accurate"] == "This question must be answered."
    with pytest.raises(AnswerError, match="'maybe' is not an answer"):
        save_answers(
            case, Role.FIRST, {"thrive_applied": "maybe"}, complete=False, user=writer, expected_revision=1
        )
    stored = CaseAnswers.objects.get(case=case, role=Role.FIRST)
    assert (stored.answers, stored.revision) == ({"thrive_applied": "yes"}, 1)


def test_a_hidden_answer_is_not_stored(cast: Any) -> None:
    case = start(cast).cases.get(number=1)
    answers = {"thrive_applied": "no", "thrive_accurate": "yes"}
    saved = save_answers(case, Role.FIRST, answers, complete=False, user=None, expected_revision=0)
    assert saved.answers.answers == {"thrive_applied": "no"}


def test_a_save_against_an_old_revision_stores_nothing(cast: Any) -> None:
    case = start(cast).cases.get(number=1)
    save_answers(case, Role.FIRST, {"thrive_applied": "yes"}, complete=False, user=None, expected_revision=0)
    with pytest.raises(StaleAnswers):
        save_answers(
            case, Role.FIRST, {"thrive_applied": "no"}, complete=False, user=None, expected_revision=0
        )
    assert CaseAnswers.objects.get(case=case).answers == {"thrive_applied": "yes"}


def test_the_second_review_is_for_picked_cases_and_someone_else(cast: Any) -> None:
    review = start(cast)
    picked = review.cases.filter(second_review=True).first()
    other = review.cases.filter(second_review=False).first()
    writer, staff = cast.users["writer"], cast.users["staff"]
    save_answers(picked, Role.FIRST, {"attended": "no"}, complete=False, user=writer, expected_revision=0)
    with pytest.raises(InputError, match=r"made the first review .* its second review needs someone else"):
        save_answers(
            picked, Role.SECOND, {"attended": "no"}, complete=False, user=writer, expected_revision=0
        )
    with pytest.raises(InputError, match="was not picked for a second review"):
        save_answers(other, Role.SECOND, {"attended": "no"}, complete=False, user=staff, expected_revision=0)
    saved = save_answers(
        picked, Role.SECOND, {"attended": "yes"}, complete=False, user=staff, expected_revision=0
    )
    assert saved.answers.reviewer == staff
    with pytest.raises(InputError, match=r"made the second review .* its first review needs someone else"):
        save_answers(picked, Role.FIRST, {"attended": "yes"}, complete=False, user=staff, expected_revision=1)


def test_every_change_to_answers_is_in_the_audit_trail(cast: Any) -> None:
    case = start(cast).cases.get(number=1)
    writer = cast.users["writer"]
    save_answers(
        case, Role.FIRST, {"thrive_applied": "yes"}, complete=False, user=writer, expected_revision=0
    )
    save_answers(case, Role.FIRST, {"thrive_applied": "no"}, complete=False, user=writer, expected_revision=1)
    stored = CaseAnswers.objects.get(case=case)
    entries = LogEntry.objects.get_for_object(stored).order_by("timestamp")
    assert entries.count() == 2
    assert "no" in str(entries.last().changes)


def feed_published_counts(cast: Any) -> CaseReview:
    cases = [CaseFile(f"MPS-{i:03d}") for i in range(1, MPS_2021_CASES + 1)]
    review = start(cast, "TEST-VSA-PUBLISHED", share=0.1, cases=cases)
    answer_sets = answers_reproducing(VSA, MPS_2021_COUNTS | MPS_2021_CONTEXT, MPS_2021_CASES)
    for case, answers in zip(review.cases.order_by("number"), answer_sets, strict=True):
        save_answers(case, Role.FIRST, answers, complete=True, user=cast.users["writer"], expected_revision=0)
    return review


def test_the_results_reproduce_the_published_counts_and_measure_agreement(cast: Any) -> None:
    review = feed_published_counts(cast)
    outcome = review_outcome(review)
    found = {result.name: (result.met, result.applicable) for result in outcome.results.questions}
    assert {name: found[name] for name in MPS_2021_COUNTS} == MPS_2021_COUNTS
    assert outcome.progress.complete == MPS_2021_CASES and outcome.agreement[0].pairs == 0
    # The second reviewer reads THRIVE+ the other way in every picked case where it applied.
    staff = cast.users["staff"]
    picked = list(review.cases.filter(second_review=True))
    firsts, seconds = [], []
    for case in picked:
        first = CaseAnswers.objects.get(case=case, role=Role.FIRST).answers
        again = dict(first)
        if again.get("thrive_applied") in ("yes", "no"):
            again["thrive_applied"] = "no" if again["thrive_applied"] == "yes" else "yes"
            again.pop("thrive_accurate", None)
            if again["thrive_applied"] == "yes":
                again["thrive_accurate"] = "yes"
        save_answers(case, Role.SECOND, again, complete=True, user=staff, expected_revision=0)
        firsts.append(read_answers(VSA, first, complete=True))
        seconds.append(read_answers(VSA, again, complete=True))
    agreement = {result.name: result for result in review_outcome(review).agreement}
    thrive = agreement["thrive_applied"]
    expected = cohens_kappa(
        [reading_of(r, "thrive_applied") for r in firsts], [reading_of(r, "thrive_applied") for r in seconds]
    )
    assert thrive.pairs == len(picked) and thrive.kappa == pytest.approx(expected)
    assert agreement["repeat_victim"].agreed == len(picked)
    document = outcome_document(review_outcome(review)).to_json()
    row = next(row for row in document["agreement"] if row["question"] == "thrive_applied")
    assert row["pairs"] == len(picked)


def test_the_evidence_links_every_area_with_an_applicable_check(cast: Any) -> None:
    review = start(cast, "TEST-VSA-EMPTY")
    with pytest.raises(InputError, match="no case is reviewed in full yet"):
        record_evidence(review, None)
    review = feed_published_counts(cast)
    evidence = record_evidence(review, cast.users["writer"])
    assert evidence.kind == EvidenceKind.CASE_REVIEW
    assert set(evidence.area_ids) == {"responding", "protecting-vulnerable", "prevention", "crime-recording",
                                      "investigating", "victim-service-assessment"}  # fmt: skip
    assert "21 of 107 applicable cases" in evidence.description
    assert record_evidence(review, None).pk == evidence.pk  # refreshed, not repeated


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_an_answer_sheet_goes_out_and_back_and_a_bad_one_stores_nothing(cast: Any, tmp_path: Path) -> None:
    review = start(cast)
    writer = cast.users["writer"]
    first = review.cases.get(number=1)
    save_answers(
        first, Role.FIRST, {"thrive_applied": "yes"}, complete=False, user=writer, expected_revision=0
    )
    sheet = tmp_path / "sheet.csv"
    assert export_sheet(review, sheet) == len(CASES) + review.cases.filter(second_review=True).count()
    rows = read(sheet)
    assert (rows[0]["status"], rows[0]["revision"], rows[0]["thrive_applied"]) == ("draft", "1", "yes")
    rows[0] |= {"thrive_accurate": "yes"}
    rows[1] |= {"status": "draft", "attended": "no"}
    write(tmp_path / "good.csv", rows)
    result = import_sheet(review, tmp_path / "good.csv", writer)
    assert (result.changed, result.unchanged) == (2, 0)
    assert CaseAnswers.objects.get(case=first).answers == {"thrive_applied": "yes", "thrive_accurate": "yes"}
    # The same sheet again: its first row's revision is now behind the platform's.
    with pytest.raises(
        ProblemsError, match=r"good.csv:2: revision: 'C001' \(first\) changed in the platform"
    ):
        import_sheet(review, tmp_path / "good.csv", writer)
    rows = read(sheet)
    rows[2] |= {"status": "draft", "attended": "yes"}  # good alone, but refused with the bad row
    rows[3] |= {"status": "draft", "attended": "sometimes"}
    write(tmp_path / "bad.csv", rows)
    with pytest.raises(ProblemsError, match=r"bad\.csv:5: attended: 'sometimes' is not an answer"):
        import_sheet(review, tmp_path / "bad.csv", writer)
    assert not CaseAnswers.objects.filter(case__review=review, case__number=3).exists()


def test_the_answer_sheet_keeps_the_second_review_blind(cast: Any, tmp_path: Path) -> None:
    review = start(cast)
    picked = review.cases.filter(second_review=True).first()
    writer, staff = cast.users["writer"], cast.users["staff"]
    save_answers(picked, Role.FIRST, {"attended": "no"}, complete=False, user=writer, expected_revision=0)

    def rows_for(user: Any, name: str) -> dict[str, dict[str, str]]:
        export_sheet(review, tmp_path / name, user, can_write=True)
        return {row["role"]: row for row in read(tmp_path / name) if row["case_ref"] == picked.case_ref}

    mine = rows_for(writer, "first.csv")
    assert (mine["first"]["status"], mine["first"]["attended"]) == ("draft", "no")
    assert mine["second"]["status"] == "withheld"
    theirs = rows_for(staff, "second.csv")
    assert (theirs["first"]["status"], theirs["first"]["attended"]) == ("withheld", "")
    assert theirs["second"]["status"] == ""
    everything = export_sheet(review, tmp_path / "all.csv")  # the command line: nothing withheld
    assert everything and "withheld" not in (tmp_path / "all.csv").read_text()

    rows = read(tmp_path / "second.csv")
    for row in rows:
        if row["case_ref"] == picked.case_ref:
            row |= {"attended": "yes"}  # the second review, and over the withheld first
            row["status"] = row["status"] or "draft"
    write(tmp_path / "over.csv", rows)
    with pytest.raises(ProblemsError) as caught:
        import_sheet(review, tmp_path / "over.csv", staff)
    assert [p.message for p in caught.value.problems] == [
        "withheld: this review is someone else's, made blind; leave its row blank"
    ]
    for row in rows:
        if row["status"] == "withheld":
            row["status"] = "draft"  # passed off as a draft: refused all the same
    write(tmp_path / "over.csv", rows)
    with pytest.raises(ProblemsError, match=r"'C\d+' \(first\): This case is picked for a second review"):
        import_sheet(review, tmp_path / "over.csv", staff)
    rows = read(tmp_path / "first.csv")
    for row in rows:
        if row["case_ref"] == picked.case_ref and row["role"] == "second":
            row |= {"attended": "yes", "status": "draft"}
    write(tmp_path / "own-second.csv", rows)
    with pytest.raises(ProblemsError, match="You made the first review of this case"):
        import_sheet(review, tmp_path / "own-second.csv", writer)
    assert not CaseAnswers.objects.filter(case=picked, role=Role.SECOND).exists()
