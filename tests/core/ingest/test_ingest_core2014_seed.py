"""The 2014 'Core business' letter seed (000) against the ground truth: its date and its three
ungraded areas, with no areas for improvement."""

from __future__ import annotations

from typing import Any

import pytest

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.model import ImportedReport

SEED = "000_02b487485919232c.txt"

pytestmark = pytest.mark.seeds


def test_it_is_read_as_the_core_business_letter(report: ImportedReport, truth: dict[str, Any]) -> None:
    assert report.programme == "core-business-2014"
    assert report.programme_title == truth["programme"]
    assert report.date == truth["date"]


def test_every_area_matches_the_truth_and_none_is_graded(
    report: ImportedReport, truth: dict[str, Any]
) -> None:
    assert truth["graded"] is False
    expected = [(j["level"], j["title"], j["grade"]) for j in truth["judgments"]]
    assert [(j.level, j.title, j.grade) for j in report.judgments] == expected
    assert all(j.area_id is not None for j in report.judgments)


def test_it_has_no_areas_for_improvement_or_concerns(report: ImportedReport, truth: dict[str, Any]) -> None:
    kinds = [f.kind for f in report.findings]
    assert kinds.count(FindingKind.AREA_FOR_IMPROVEMENT) == len(truth["areas_for_improvement"]) == 0
    assert kinds.count(FindingKind.CAUSE_OF_CONCERN) == len(truth["causes_of_concern"]) == 0


def test_only_the_unlabelled_findings_are_reported_missing(report: ImportedReport) -> None:
    assert [m for m in report.missing if not m.startswith(("force:", "date:"))] == [
        "findings: the letter's key findings are not labelled as strengths, areas for improvement "
        "or good practice, so none are imported"
    ]
