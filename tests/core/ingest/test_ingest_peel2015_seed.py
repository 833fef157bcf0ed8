"""The PEEL effectiveness 2015 seed (001) against the ground truth: every graded judgment, the
date, and every area for improvement with the question it belongs to."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.document import read_document
from inspectorate.core.ingest.model import ImportedReport
from inspectorate.core.ingest.read import import_report

SEED = "001_7d68ee8392ababee.txt"

pytestmark = pytest.mark.seeds


def _plain(text: str) -> str:
    return " ".join(text.split())


def test_it_is_read_as_peel_2015_effectiveness(report: ImportedReport, truth: dict[str, Any]) -> None:
    assert report.programme == "peel-2015-effectiveness"
    assert report.programme_title == truth["programme"]
    assert report.date == truth["date"]
    assert report.framework_version == "2015"


def test_every_judgment_and_grade_matches_the_truth(report: ImportedReport, truth: dict[str, Any]) -> None:
    expected = [
        (j["level"], j["title"], j["grade"], "overall" if j["number"] is None else f"q{j['number']}")
        for j in truth["judgments"]
    ]
    got = [(j.level, _plain(j.title), j.grade, j.area_id) for j in report.judgments]
    assert got == expected


def test_every_grade_is_located_at_its_printed_label(report: ImportedReport, seed_path: Path) -> None:
    document = read_document(seed_path)
    for judgment in report.judgments:
        assert judgment.grade_at is not None and judgment.at is not None
        assert document.text[judgment.grade_at.start : judgment.grade_at.end] == judgment.grade
        assert judgment.at.line < judgment.grade_at.line <= judgment.at.line + 6


def test_every_area_for_improvement_matches_the_truth(report: ImportedReport, truth: dict[str, Any]) -> None:
    afis = [f for f in report.findings if f.kind is FindingKind.AREA_FOR_IMPROVEMENT]
    expected = [(f"q{a['question_number']}", _plain(a["text"])) for a in truth["areas_for_improvement"]]
    assert [(f.area_id, _plain(f.text)) for f in afis] == expected


def test_there_are_no_causes_of_concern(report: ImportedReport, truth: dict[str, Any]) -> None:
    concerns = [f for f in report.findings if f.kind is FindingKind.CAUSE_OF_CONCERN]
    assert len(concerns) == len(truth["causes_of_concern"]) == 0


def test_nothing_this_reader_looks_for_is_missing(report: ImportedReport) -> None:
    # Every label is printed in the Overview, so no grade needed its sentence.
    assert not [m for m in report.missing if m.startswith(("overall", "question", "Areas"))]


def test_without_the_overview_labels_the_sentences_give_the_same_grades(
    report: ImportedReport, seed_path: Path, tmp_path: Path
) -> None:
    """The Summary of findings of questions 1 and 4 print no label; take the Overview's labels away
    too and each grade must come from a judgment sentence, and say so."""
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    grades = {"Good", "Requires improvement"}
    stripped = [line for line in lines if line.strip() not in grades]
    path = tmp_path / SEED
    path.write_text("\n".join(stripped), encoding="utf-8")
    bare = import_report(path)
    text = read_document(path).text
    assert [j.grade for j in bare.judgments] == [j.grade for j in report.judgments]
    for judgment in bare.judgments:
        assert judgment.grade_at is not None and judgment.grade is not None
        sentence = text[judgment.grade_at.start : judgment.grade_at.end]
        assert judgment.grade.casefold() in sentence.casefold()
    assert sum("no grade label is printed" in m for m in bare.missing) == 5


def test_a_copy_with_lines_wrapped_like_pdftotext_reads_the_same(
    report: ImportedReport, seed_path: Path, tmp_path: Path
) -> None:
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    wrapped = [piece for line in lines for piece in (textwrap.wrap(line, 85) or [""])]
    path = tmp_path / SEED
    path.write_text("\n".join(wrapped), encoding="utf-8")
    copy = import_report(path)
    assert [(j.title, j.grade) for j in copy.judgments] == [(j.title, j.grade) for j in report.judgments]
    assert [(f.area_id, f.text) for f in copy.findings] == [(f.area_id, f.text) for f in report.findings]
