"""The PEEL 2018 efficiency page seed (004) against the ground truth: the pillar and question
grades, the one area for improvement, and the page's chrome and fragments left unread."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.model import ImportedReport
from inspectorate.core.ingest.read import import_report

SEED = "004_36f156240a9cf93e.txt"

pytestmark = pytest.mark.seeds


def _plain(text: str) -> str:
    return " ".join(text.split())


def test_it_is_read_as_peel_2018_with_no_publication_date(
    report: ImportedReport, truth: dict[str, Any]
) -> None:
    assert report.programme == "peel-2018"
    assert report.framework_version == "2018"
    assert report.date is truth["date"] is None
    assert any(truth["last_updated"] in m for m in report.missing)


def test_every_judgment_and_grade_matches_the_truth(report: ImportedReport, truth: dict[str, Any]) -> None:
    expected = [
        (
            j["level"],
            j["title"],
            j["grade"],
            "efficiency" if j["number"] is None else f"efficiency.q{j['number']}",
        )
        for j in truth["judgments"]
    ]
    # The pillar question's non-breaking spaces are ordinary spaces once the text is normalised.
    got = [(j.level, j.title, j.grade, j.area_id) for j in report.judgments]
    assert got == expected


def test_the_area_for_improvement_matches_the_truth(report: ImportedReport, truth: dict[str, Any]) -> None:
    afis = [f for f in report.findings if f.kind is FindingKind.AREA_FOR_IMPROVEMENT]
    expected = [
        (f"efficiency.q{a['question_number']}", _plain(a["text"])) for a in truth["areas_for_improvement"]
    ]
    assert [(f.area_id, _plain(f.text)) for f in afis] == expected
    assert len(report.findings) == len(truth["areas_for_improvement"]) + len(truth["causes_of_concern"])


def test_the_chrome_and_the_empty_summaries_leave_nothing_else_missing(report: ImportedReport) -> None:
    assert [m for m in report.missing if not m.startswith("date:")] == []
    for judgment in report.judgments:
        assert judgment.grade_at is not None and judgment.grade_at.quote == "Good"


def test_a_copy_with_lines_wrapped_like_pdftotext_reads_the_same(
    report: ImportedReport, seed_path: Path, tmp_path: Path
) -> None:
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    wrapped = [piece for line in lines for piece in (textwrap.wrap(line, 60) or [""])]
    path = tmp_path / SEED
    path.write_text("\n".join(wrapped), encoding="utf-8")
    copy = import_report(path)
    assert [(j.title, j.grade) for j in copy.judgments] == [(j.title, j.grade) for j in report.judgments]
    assert [(f.area_id, f.text) for f in copy.findings] == [(f.area_id, f.text) for f in report.findings]
