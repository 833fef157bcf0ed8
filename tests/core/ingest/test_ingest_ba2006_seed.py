"""The 2006 baseline assessment reader on the seed report (Metropolitan Police Service, October
2006) against its ground truth: every framework's grade, direction of travel, and numbers of
strengths and areas for improvement, with the traps the seed's extraction notes (page footers in
mid-bullet, sub-headings, blank lines between bullets, good practice boxes)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.document import Document, read_document
from inspectorate.core.ingest.model import ImportedReport
from inspectorate.core.ingest.read import import_document

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
SEED = SHARED / "seeds" / "003_e0f667914e9e5daf.txt"
TRUTH = SHARED / "reference" / "seeds-ba2006-truth.json"

pytestmark = pytest.mark.seeds

# From the seed's extraction (seeds-ba2006.md, section c): work in progress bullets and good
# practice boxes per framework; every other framework has none.
WORK_IN_PROGRESS = {"2a": 1, "3b": 1, "3e": 4, "5b": 1, "5c": 1, "6a": 1, "6f": 1, "7a": 1, "7b": 1}
GOOD_PRACTICE = {"3a": 1, "3b": 1, "5c": 1}


@pytest.fixture(scope="module")
def seed() -> tuple[Document, ImportedReport]:
    if not SEED.is_file():
        pytest.skip(f"the seed report is not at {SEED}")
    document = read_document(SEED)
    return document, import_document(document)


@pytest.fixture(scope="module")
def truth() -> list[dict[str, Any]]:
    if not TRUTH.is_file():
        pytest.skip(f"the ground truth is not at {TRUTH}")
    rows: list[dict[str, Any]] = json.loads(TRUTH.read_text(encoding="utf-8"))
    return rows


def _count(report: ImportedReport, area_id: str, kind: FindingKind) -> int:
    return sum(1 for f in report.findings if f.area_id == area_id and f.kind is kind)


def test_the_seed_is_read_whole(seed: tuple[Document, ImportedReport]) -> None:
    _, report = seed
    assert (report.programme, report.framework_version) == ("ba-2006", "2006")
    assert (report.force_id, report.date) == ("metropolitan", "October 2006")
    assert report.missing == ()


def test_every_grade_and_direction_matches_the_truth(
    seed: tuple[Document, ImportedReport], truth: list[dict[str, Any]]
) -> None:
    _, report = seed
    read = {j.area_id: (j.grade, j.direction) for j in report.judgments}
    expected = {
        row["code"].lower(): (row["service_delivery_grade"], row["direction_of_travel"]) for row in truth
    }
    assert read == expected
    assert len(expected) == 23


def test_every_framework_maps_to_its_area_by_code_and_title(
    seed: tuple[Document, ImportedReport], truth: list[dict[str, Any]]
) -> None:
    _, report = seed
    titles = {j.area_id: j.title for j in report.judgments}
    for row in truth:
        assert titles[row["code"].lower()] == row["framework_title"].replace(
            "Road Policing", "Roads Policing"
        )
    assert all(j.level == "framework" and j.grade_at is not None for j in report.judgments)


def test_strength_and_improvement_counts_match_the_truth(
    seed: tuple[Document, ImportedReport], truth: list[dict[str, Any]]
) -> None:
    _, report = seed
    for row in truth:
        area_id = row["code"].lower()
        # None in the truth: the framework has no such list (1D prints only its national position).
        assert _count(report, area_id, FindingKind.STRENGTH) == (row["strengths_count"] or 0), row["code"]
        assert _count(report, area_id, FindingKind.AREA_FOR_IMPROVEMENT) == (
            row["areas_for_improvement_count"] or 0
        ), row["code"]


def test_work_in_progress_and_good_practice_are_read_per_framework(
    seed: tuple[Document, ImportedReport], truth: list[dict[str, Any]]
) -> None:
    _, report = seed
    for row in truth:
        area_id = row["code"].lower()
        assert _count(report, area_id, FindingKind.WORK_IN_PROGRESS) == WORK_IN_PROGRESS.get(area_id, 0)
        assert _count(report, area_id, FindingKind.GOOD_PRACTICE) == GOOD_PRACTICE.get(area_id, 0)
    totals = Counter(f.kind for f in report.findings)
    assert totals == {
        FindingKind.STRENGTH: 586,
        FindingKind.AREA_FOR_IMPROVEMENT: 181,
        FindingKind.WORK_IN_PROGRESS: 12,
        FindingKind.GOOD_PRACTICE: 3,
    }


def test_page_footers_neither_add_findings_nor_cut_them(seed: tuple[Document, ImportedReport]) -> None:
    document, report = seed
    # A bullet's rest after a footer is never a finding of its own (it would start in lower case) ...
    assert not [f for f in report.findings if f.text[:1].islower()]
    # ... nor is the footer ever part of a finding's text, though many findings run across one.
    footer = re.compile(r"\n\s*October 2006\s*\n")
    spanning = [f for f in report.findings if footer.search(document.text[f.at.start : f.at.end])]
    assert len(spanning) > 30
    for finding in report.findings:  # the month is only ever named as a deadline ("by ...")
        assert not re.search(r"(?<![Bb]y )October 2006", finding.text), finding.at.line


def test_findings_carry_their_framework_and_location(seed: tuple[Document, ImportedReport]) -> None:
    document, report = seed
    # Every framework but 1D, which prints only its national position, has findings.
    assert {f.area_id for f in report.findings} == {j.area_id for j in report.judgments} - {"1d"}
    for finding in report.findings:
        printed = " ".join(document.text[finding.at.start : finding.at.end].split())
        # A good practice box's finding puts a colon after its title.
        assert printed[:40] == finding.text.replace(":", "", 1)[:40] or printed[:40] == finding.text[:40]
    fifth = {f.area_title for f in report.findings if f.area_id == "5c"}
    assert fifth == {"Strategic Road Policing"}  # the section's heading, as printed
