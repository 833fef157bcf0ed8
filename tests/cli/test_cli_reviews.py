"""`inspectorate reviews` end to end on the demo workspace: template, cases, answer sheet, results.

The Metropolitan 2021/22 counts are fed in as a filled-in answer sheet, the way a review team
working offline would bring them, and must come out of `reviews results --json` exactly. Run in
the test process; on the demo in the test database, but for the templates (see conftest.py).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.published import (
    MPS_2021_CASES,
    MPS_2021_CONTEXT,
    MPS_2021_COUNTS,
    answers_reproducing,
)

DRAFT = "MPS-PEEL-DRAFT"
DEMO_REVIEW = "MPS-PEEL-DRAFT-VSA"
TEMPLATE = "peel-2021-victim-service"


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_the_shipped_template_exports_and_compiles_back(plain_cli: Any, tmp_path: Path) -> None:
    listed, *_ = plain_cli.batch([("reviews", "template", "list", "--json")])
    assert [row["id"] for row in listed.json()] == [TEMPLATE]
    steps = [
        ("reviews", "template", "export", TEMPLATE, "-o", tmp_path / "vsa.xlsx"),
        ("reviews", "template", "export", TEMPLATE, "-o", tmp_path / "vsa.xml"),
        ("reviews", "template", "compile", tmp_path / "vsa.xlsx", "--json", "-o", tmp_path / "again.yaml"),
        ("reviews", "template", "compile", tmp_path / "again.yaml", "--json"),
    ]
    results = plain_cli.batch(steps)
    assert all(result.returncode == 0 for result in results), results
    assert results[2].json()["sha256"] == results[3].json()["sha256"] == get_template(TEMPLATE).sha256
    assert "<h:title>PEEL 2021/22 victim service assessment" in (tmp_path / "vsa.xml").read_text()


def test_a_bad_template_gets_every_problem_located(plain_cli: Any, tmp_path: Path) -> None:
    plain_cli.batch([("reviews", "template", "export", TEMPLATE, "-o", tmp_path / "vsa.xlsx")])
    book = openpyxl.load_workbook(tmp_path / "vsa.xlsx")
    survey = book["survey"]
    assert survey["B4"].value == "thrive_applied" and survey["B5"].value == "thrive_accurate"
    assert survey["E1"].value == "relevant"
    survey["E5"] = "${thrive} = 'yes'"  # thrive_accurate shown by a name that is not there
    survey["B6"] = "thrive_applied"  # a name used twice
    survey["A7"] = "select_one nolist"
    book.save(tmp_path / "bad.xlsx")
    (result,) = plain_cli.batch([("reviews", "template", "compile", tmp_path / "bad.xlsx")])
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.error_lines == [
        "error: bad.xlsx:5: survey sheet, column E (relevant): ${thrive} is not a question before this one",
        "error: bad.xlsx:6: survey sheet, column B (name): 'thrive_applied' is already used (row 4)",
        "error: bad.xlsx:7: survey sheet, column A (type): no choice list 'nolist' in the choices sheet",
    ]


@pytest.fixture(scope="module")
def seed_review(cli: Any, demo_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A review of 165 listed cases on the draft inspection, with no second reviews."""
    folder = tmp_path_factory.mktemp("seed-review")
    cases = folder / "cases.csv"
    cases.write_text(
        "case_ref,offence\n" + "".join(f"MPS-{i:03d},theft\n" for i in range(1, MPS_2021_CASES + 1))
    )
    started = cli(
        "reviews", "start", DRAFT, "--cases-file", cases, "--second-share", "0", "--seed", "1",
        "--reference", "TEST-VSA-SEED", "--json", "-w", demo_workspace,
    )  # fmt: skip
    assert started.returncode == 0, started
    assert started.json()["cases"] == MPS_2021_CASES and started.json()["second_review_cases"] == 0
    return folder


@pytest.mark.django_db
def test_answers_fed_as_a_sheet_reproduce_the_published_counts(
    cli: Any, demo_workspace: Path, seed_review: Path
) -> None:
    sheet = seed_review / "sheet.csv"
    assert cli("reviews", "answers", "TEST-VSA-SEED", "-o", sheet, "-w", demo_workspace).returncode == 0
    rows = read_rows(sheet)
    assert len(rows) == MPS_2021_CASES and all(row["status"] == "" for row in rows)
    answers = answers_reproducing(get_template(TEMPLATE), MPS_2021_COUNTS | MPS_2021_CONTEXT, MPS_2021_CASES)
    filled = [row | given | {"status": "complete"} for row, given in zip(rows, answers, strict=True)]
    write_rows(seed_review / "filled.csv", filled)
    imported = cli(
        "reviews", "answers", "TEST-VSA-SEED", "--import", seed_review / "filled.csv", "--reviewer", "lead",
        "-w", demo_workspace,
    )  # fmt: skip
    assert imported.returncode == 0, imported
    assert imported.stdout.strip() == "165 answer sets changed, 0 unchanged, 0 blank rows left as they were"
    results = cli("reviews", "results", "TEST-VSA-SEED", "--json", "-w", demo_workspace).json()
    assert results["progress"]["complete"] == MPS_2021_CASES
    found = {row["question"]: (row["met"], row["applicable"]) for row in results["questions"]}
    assert {name: found[name] for name in MPS_2021_COUNTS} == MPS_2021_COUNTS
    thrive = next(row for row in results["questions"] if row["question"] == "thrive_applied")
    assert (thrive["not_applicable"], thrive["hidden_by_skip_logic"], thrive["missing"]) == (58, 0, 0)
    assert (thrive["percent"], thrive["lower"], thrive["upper"]) == (19.6, 13.2, 28.1)  # statsmodels wilson
    table = cli("reviews", "results", "TEST-VSA-SEED", "--csv", "-w", demo_workspace)
    csv_rows = {row["question"]: row for row in csv.DictReader(table.stdout.splitlines())}
    assert (csv_rows["arrest_at_earliest"]["met"], csv_rows["arrest_at_earliest"]["applicable"]) == (
        "24",
        "26",
    )


@pytest.mark.django_db
def test_a_bad_sheet_is_refused_whole_and_loses_nothing(
    cli: Any, demo_workspace: Path, tmp_path: Path, one_error_line: Any
) -> None:
    before = cli("reviews", "results", DEMO_REVIEW, "--csv", "-w", demo_workspace)
    sheet = tmp_path / "demo.csv"
    assert cli("reviews", "answers", DEMO_REVIEW, "-o", sheet, "-w", demo_workspace).returncode == 0
    rows = read_rows(sheet)
    open_rows = [i for i, row in enumerate(rows) if row["status"] == "" and row["role"] == "first"]
    bad = [dict(row) for row in rows]
    good = open_rows[0]
    bad[good] |= {"status": "draft", "thrive_applied": "yes"}  # fine alone, refused with the rest
    bad[open_rows[1]] |= {"status": "draft", "thrive_applied": "maybe"}
    bad[open_rows[2]] |= {"status": "draft", "thrive_applied": "no", "thrive_accurate": "yes"}
    bad[open_rows[3]] |= {"status": "complete", "call_answered_in_time": "yes"}
    bad[open_rows[4]] |= {"case_ref": "NOT-A-CASE", "status": "draft", "attended": "yes"}
    bad.append(dict(rows[0]))
    write_rows(tmp_path / "bad.csv", bad)
    result = cli("reviews", "answers", DEMO_REVIEW, "--import", tmp_path / "bad.csv", "-w", demo_workspace)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.error_lines
    line = open_rows[1] + 2
    assert f"error: bad.csv:{line}: thrive_applied: 'maybe' is not an answer: use yes, no, na" in lines
    line = open_rows[2] + 2
    message = "answered, but the row's other answers hide this question: leave it blank"
    assert f"error: bad.csv:{line}: thrive_accurate: {message}" in lines
    line = open_rows[3] + 2
    required = "required for a complete review: answer it, or mark the row draft"
    assert f"error: bad.csv:{line}: thrive_applied: {required}" in lines
    assert f"error: bad.csv:{open_rows[4] + 2}: case_ref: 'NOT-A-CASE' is not a case of this review" in lines
    repeated = f"'{rows[0]['case_ref']}' ({rows[0]['role']}) appears twice: first on line 2"
    assert f"error: bad.csv:{len(bad) + 1}: case_ref: {repeated}" in lines
    after = cli("reviews", "results", DEMO_REVIEW, "--csv", "-w", demo_workspace)
    assert after.stdout == before.stdout


@pytest.mark.django_db
def test_cases_drawn_from_the_dataset_are_seeded(cli: Any, demo_workspace: Path, tmp_path: Path) -> None:
    def start(reference: str, seed: str) -> list[str]:
        result = cli(
            "reviews", "start", DRAFT, "--dataset", "synthetic", "--cases", "12", "--seed", seed,
            "--group", "burglary", "--reference", reference, "--json", "-w", demo_workspace,
        )  # fmt: skip
        assert result.returncode == 0, result
        assert result.json()["synthetic"] is True and result.json()["second_review_cases"] == 1
        sheet = tmp_path / f"{reference}.csv"
        assert cli("reviews", "answers", reference, "-o", sheet, "-w", demo_workspace).returncode == 0
        return [row["case_ref"] for row in read_rows(sheet) if row["role"] == "first"]

    first, again, other = start("TEST-VSA-A", "5"), start("TEST-VSA-B", "5"), start("TEST-VSA-C", "6")
    assert first == again and first != other and len(set(first)) == 12


@pytest.mark.django_db
def test_the_demo_review_is_listed_and_becomes_evidence(cli: Any, demo_workspace: Path) -> None:
    listed, evidence = cli.batch(
        [
            ("reviews", "list", DRAFT, "--json", "-w", demo_workspace),
            ("reviews", "evidence", DEMO_REVIEW, "-w", demo_workspace),
        ]
    )
    demo = next(row for row in listed.json() if row["reference"] == DEMO_REVIEW)
    assert demo["synthetic"] is True and demo["template"]["id"] == TEMPLATE
    assert demo["progress"]["complete"] > 0 and demo["progress"]["second_review_complete"] > 0
    assert evidence.returncode == 0, evidence
    assert "responding" in evidence.stdout and "investigating" in evidence.stdout


MISTAKES = [
    (("reviews", "results", "NO-SUCH-REVIEW"), "no review 'NO-SUCH-REVIEW'"),
    (("reviews", "start", DRAFT), "give --dataset NAME (with --cases N) or --cases-file FILE"),
    (("reviews", "start", DRAFT, "--dataset", "nope"), "has no dataset 'nope'"),
    (("reviews", "start", DRAFT, "--cases-file", "/no/such/cases.csv"), "no such file"),
    (("reviews", "start", DRAFT, "--dataset", "synthetic", "--template", "nope"), "no review template"),
    (("reviews", "start", DRAFT, "--dataset", "synthetic", "--second-share", "150"), "--second-share: 150"),
    (("reviews", "start", DRAFT, "--dataset", "synthetic", "--cases", "0"), "1 or more"),
    (("reviews", "start", "MPS-PEEL-2015", "--dataset", "synthetic"), "its audits and reviews are closed"),
    (("reviews", "answers", DEMO_REVIEW), "give --output FILE to export or --import FILE"),
    (("reviews", "answers", DEMO_REVIEW, "-o", "/no/such/folder/a.csv"), "no folder /no/such/folder"),
    (("reviews", "answers", DEMO_REVIEW, "-o", "a.txt"), "written as .csv or .xlsx"),
    (("reviews", "results", DEMO_REVIEW, "--json", "--csv"), "not both"),
]  # fmt: skip
TEMPLATE_MISTAKES = [
    (("reviews", "template", "compile", "/no/such/t.xlsx"), "no such file"),
    (("reviews", "template", "export", "nope", "-o", "t.xlsx"), "no review template 'nope'"),
    (("reviews", "template", "export", TEMPLATE, "-o", "t.pdf"), "written as .xlsx or .yaml or .yml or .xml"),
]


@pytest.mark.django_db
def test_mistakes_are_one_error_line(
    cli: Any, plain_cli: Any, demo_workspace: Path, one_error_line: Any
) -> None:
    results = cli.batch([(*args, "-w", demo_workspace) for args, _ in MISTAKES])
    results += plain_cli.batch([args for args, _ in TEMPLATE_MISTAKES])
    for result, (_, fragment) in zip(results, MISTAKES + TEMPLATE_MISTAKES, strict=True):
        one_error_line(result, fragment)


def test_a_template_that_cannot_be_written_is_one_error_line(
    plain_cli: Any, tmp_path: Path, one_error_line: Any
) -> None:
    (tmp_path / "taken.yaml").mkdir()  # a folder where the file should go
    (result,) = plain_cli.batch([("reviews", "template", "export", TEMPLATE, "-o", tmp_path / "taken.yaml")])
    one_error_line(result, "taken.yaml: could not write it")
