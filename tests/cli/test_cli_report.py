"""`inspectorate report ID --format F [-o FILE]` on the demo workspace, and its mistakes.

Run in the test process, on the demo in the test database (see conftest.py); but `report-batch`,
whose worker processes need a database of their own, runs the installed console script on the
demo workspace it built.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest


@pytest.mark.django_db
def test_the_published_2021_report_in_json_has_the_fixtures_grades_and_figures(cli, demo_workspace):
    report = cli("report", "MPS-PEEL-2021", "--format", "json", "-w", demo_workspace).json()
    assert report["layout"] == "peel-2021" and report["draft"] is False
    grades = {g["area_id"]: g["grade_label"] for g in report["grades"]}
    assert grades["responding"] == "Inadequate" and grades["prevention"] == "Good"
    texts = {f["measure"]: f["text"] for f in report["figures"]}
    assert texts["Recording rate, all reported crime (excluding fraud)"] == "91.7% (+/- 2.4)"
    assert texts["Applicable incidents given a THRIVE+ risk assessment"] == "21 of 107"


@pytest.mark.django_db
def test_a_pdf_is_written_to_the_file_and_a_drafts_says_draft(cli, demo_workspace, tmp_path: Path):
    published, draft = tmp_path / "published.pdf", tmp_path / "draft.pdf"
    results = cli.batch(
        [
            ("report", "MPS-BA-2006", "-f", "pdf", "-o", published, "-w", demo_workspace),
            ("report", "MPS-PEEL-DRAFT", "-f", "pdf", "-o", draft, "-w", demo_workspace),
        ]
    )
    for result in results:
        assert result.returncode == 0, result
    text = subprocess.run(["pdftotext", published, "-"], capture_output=True, text=True, check=True).stdout
    assert "Summary of judgements" in text and "DRAFT" not in text
    text = subprocess.run(["pdftotext", draft, "-"], capture_output=True, text=True, check=True).stdout
    assert "DRAFT: not for publication" in text


@pytest.mark.django_db
def test_csv_goes_to_standard_output_with_a_header(cli, demo_workspace):
    result = cli("report", "MPS-PEEL-2015", "-f", "csv", "-w", demo_workspace)
    assert result.returncode == 0, result
    assert result.stdout.splitlines()[0].startswith("section,area,title,value")


@pytest.mark.django_db
def test_mistakes_are_one_line_each(cli, demo_workspace, one_error_line, tmp_path: Path):
    results = cli.batch(
        [
            ("report", "MPS-PEEL-2021", "-f", "pdf", "-w", demo_workspace),
            ("report", "MPS-PEEL-2021", "-f", "pdf", "-o", tmp_path / "report.html", "-w", demo_workspace),
            ("report", "MPS-PEEL-2021", "-o", tmp_path / "nowhere" / "r.html", "-w", demo_workspace),
            ("report", "NO-SUCH", "-w", demo_workspace),
        ]
    )
    one_error_line(results[0], "needs --output")
    one_error_line(results[1], "report.html", "written as .pdf")
    one_error_line(results[2], "no folder")
    one_error_line(results[3], "no inspection 'NO-SUCH'")


def test_report_batch_writes_one_file_per_report_and_format(script, script_demo_workspace, tmp_path: Path):
    result = script(
        "report-batch",
        "-o",
        tmp_path,
        "--formats",
        "html,pdf,json",
        "--framework",
        "peel-2021",
        "-w",
        script_demo_workspace,
    )
    assert result.returncode == 0, result
    names = sorted(p.name for p in tmp_path.iterdir())
    # The published report, the draft and the exercise at each other stage (demo/exercises.py).
    exercises = ("MPS-EX-PLANNING", "MPS-EX-MODERATION", "MPS-EX-FACTUAL", "MPS-EX-EMBARGOED")
    references = sorted(("MPS-PEEL-2021", "MPS-PEEL-DRAFT", *exercises))
    assert names == [f"{ref}.{fmt}" for ref in references for fmt in ("html", "json", "pdf")]
    assert (tmp_path / "MPS-PEEL-2021.pdf").read_bytes().startswith(b"%PDF")
    assert "wrote 18 files for 6 inspections" in result.stdout


@pytest.mark.django_db
def test_report_batch_mistakes_are_one_line_each(cli, demo_workspace, one_error_line, tmp_path: Path):
    results = cli.batch(
        [
            ("report-batch", "-o", tmp_path, "--formats", "html,docx", "-w", demo_workspace),
            ("report-batch", "-o", tmp_path / "nowhere", "-w", demo_workspace),
        ]
    )
    one_error_line(results[0], "docx", "choose from html, pdf, json, csv")
    one_error_line(results[1], "nowhere", "no such folder")


@pytest.mark.django_db
def test_a_version_that_was_never_published_is_one_error_line(cli, demo_workspace, one_error_line):
    result = cli("report", "MPS-PEEL-2021", "--version", "3", "-w", demo_workspace)
    one_error_line(result, "MPS-PEEL-2021 has no published version 3")
