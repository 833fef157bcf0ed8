"""`inspectorate cdi` end to end on the demo workspace: sample, worksheet out and back, estimate.

The demo holds the synthetic Metropolitan return and the draft inspection; these tests draw their
own audits on it (each with its own reference) and leave the demo's audit as it was built. The
estimate is checked against a computation made here from the exported worksheet, with numpy.
Run in the test process, on the demo in the test database (see conftest.py).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pytest

pytestmark = pytest.mark.django_db

DRAFT = "MPS-PEEL-DRAFT"
DEMO_AUDIT = "MPS-PEEL-DRAFT-CDI"
Z95 = 1.959963984540054  # scipy.stats.norm.ppf(0.975)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def decide(row: dict[str, str], index: int) -> dict[str, str]:
    """A plausible decision: recorded when the return shows a crime; every tenth is no crime."""
    if index % 10 == 9:
        answers = ("no", "no", "n/a", "n/a", "n/a")
    elif row["crimes_recorded"]:
        answers = ("yes", "yes", "yes" if index % 7 else "no", "yes", "n/a")
    else:
        answers = ("yes", "no", "n/a", "n/a", "n/a")
    names = ("should_record", "recorded", "correctly_classified", "within_24h", "cancellation_correct")
    return row | dict(zip(names, answers, strict=True)) | {"note": f"checked, row {index}"}


def ratio_estimate(rows: list[dict[str, str]], frame_sizes: dict[str, int]) -> tuple[float, float]:
    """The stratified ratio estimate and its +/- (Cochran, Sampling Techniques, 6.11), done here."""
    by_stratum: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in rows:
        if row["should_record"]:
            x = int(row["should_record"] == "yes")
            by_stratum[row["stratum"]].append((x, int(x and row["recorded"] == "yes")))
    weights = {key: frame_sizes[key] / len(pairs) for key, pairs in by_stratum.items()}
    x_total = sum(weights[k] * sum(x for x, _ in pairs) for k, pairs in by_stratum.items())
    y_total = sum(weights[k] * sum(y for _, y in pairs) for k, pairs in by_stratum.items())
    rate = y_total / x_total
    variance = 0.0
    for key, pairs in by_stratum.items():
        n, big_n = len(pairs), frame_sizes[key]
        residuals = np.array([y - rate * x for x, y in pairs], dtype=float)
        if n > 1:
            variance += big_n**2 * (1 - n / big_n) * residuals.var(ddof=1) / n
    return rate, Z95 * (variance**0.5) / x_total


@pytest.fixture(scope="module")
def drawn(cli: Any, demo_workspace: Path) -> dict[str, Any]:
    result = cli(
        "cdi", "sample", DRAFT, "--dataset", "synthetic", "--seed", "11", "--margin", "7",
        "--reference", "TEST-CDI-E2E", "--json", "-w", demo_workspace,
    )  # fmt: skip
    assert result.returncode == 0, result
    return dict(result.json())


def test_the_sample_states_its_design_and_strata(drawn: dict[str, Any]) -> None:
    assert drawn["reference"] == "TEST-CDI-E2E"
    assert drawn["synthetic"] is True
    assert (drawn["period_start"], drawn["period_end"]) == ("2020-10-01", "2021-03-31")
    strata = drawn["strata"]
    assert sum(s["frame_size"] for s in strata) == drawn["frame_size"]
    assert sum(s["sample_size"] for s in strata) == drawn["sampled"] > 0
    assert all(0 < s["sample_size"] <= s["frame_size"] for s in strata if s["frame_size"])
    assert drawn["decided"] == 0
    assert len(drawn["frame_sha256"]) == 64


def test_the_same_seed_draws_the_same_records(
    cli: Any, demo_workspace: Path, tmp_path: Path, drawn: Any
) -> None:
    again = cli(
        "cdi", "sample", DRAFT, "--dataset", "synthetic", "--seed", "11", "--margin", "7",
        "--reference", "TEST-CDI-SAME-SEED", "-w", demo_workspace,
    )  # fmt: skip
    assert again.returncode == 0, again
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    assert cli("cdi", "worksheet", drawn["reference"], "-o", first, "-w", demo_workspace).returncode == 0
    assert cli("cdi", "worksheet", "TEST-CDI-SAME-SEED", "-o", second, "-w", demo_workspace).returncode == 0
    ids = [[row["incident_id"] for row in read_rows(path)] for path in (first, second)]
    assert ids[0] == ids[1]
    assert len(set(ids[0])) == len(ids[0]) == drawn["sampled"]


def test_sample_worksheet_import_estimate_end_to_end(
    cli: Any, demo_workspace: Path, tmp_path: Path, drawn: dict[str, Any]
) -> None:
    exported = tmp_path / "worksheet.csv"
    result = cli("cdi", "worksheet", drawn["reference"], "-o", exported, "-w", demo_workspace)
    assert result.returncode == 0, result
    rows = read_rows(exported)
    assert Counter(row["stratum"] for row in rows) == {
        s["stratum"]: s["sample_size"] for s in drawn["strata"] if s["sample_size"]
    }
    filled = [decide(row, index) for index, row in enumerate(rows)]
    write_rows(tmp_path / "filled.csv", filled)
    result = cli(
        "cdi", "worksheet", drawn["reference"], "--import", tmp_path / "filled.csv", "-w", demo_workspace
    )
    assert result.returncode == 0, result
    assert f"{len(rows)} decisions changed" in result.stdout

    estimate = cli("cdi", "estimate", drawn["reference"], "--json", "-w", demo_workspace)
    assert estimate.returncode == 0, estimate
    document = estimate.json()["estimate"]
    assert (document["decided"], document["undecided"], document["provisional"]) == (len(rows), 0, False)
    frame_sizes = {s["stratum"]: s["frame_size"] for s in drawn["strata"]}
    rate, margin = ratio_estimate(filled, frame_sizes)
    recording = document["measures"]["recording"]
    assert recording["rate"] == pytest.approx(rate, rel=1e-12)
    assert recording["margin"] == pytest.approx(margin, rel=1e-9)
    unrecorded = document["volumes"]["unrecorded"]
    recorded_crimes = document["volumes"]["recorded_crimes"]
    assert unrecorded["value"] == pytest.approx(recorded_crimes * (1 - rate) / rate)
    assert estimate.json()["suggested_grade"]["reasons"]


def test_the_estimate_as_text_and_csv(cli: Any, demo_workspace: Path) -> None:
    text, table = cli.batch(
        [
            ("cdi", "estimate", DEMO_AUDIT, "-w", demo_workspace),
            ("cdi", "estimate", DEMO_AUDIT, "--csv", "-w", demo_workspace),
        ]
    )
    assert text.returncode == 0, text
    assert "Provisional" in text.stdout
    assert "against the 2018 inspection" in text.stdout
    assert "two-sided z-test" in text.stdout
    assert table.returncode == 0, table
    header = table.stdout.splitlines()[0].split(",")
    assert header[:4] == ["audit", "synthetic", "scope", "measure"]


def test_a_filled_xlsx_comes_back(cli: Any, demo_workspace: Path, tmp_path: Path) -> None:
    assert cli("cdi", "sample", DRAFT, "--dataset", "synthetic", "--seed", "5", "--size", "violence=12",
               "--size", "sexual=8", "--size", "other=10", "--reference", "TEST-CDI-XLSX",
               "-w", demo_workspace).returncode == 0  # fmt: skip
    path = tmp_path / "w.xlsx"
    assert cli("cdi", "worksheet", "TEST-CDI-XLSX", "-o", path, "-w", demo_workspace).returncode == 0
    book = openpyxl.load_workbook(path)
    sheet = book["worksheet"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for row in range(2, 6):
        sheet.cell(row, columns["should_record"]).value = "Yes"
        sheet.cell(row, columns["recorded"]).value = " no "
        sheet.cell(row, columns["correctly_classified"]).value = "N/A"
    book.save(path)
    result = cli("cdi", "worksheet", "TEST-CDI-XLSX", "--import", path, "-w", demo_workspace)
    assert result.returncode == 0, result
    assert "4 decisions changed" in result.stdout
    listed = {a["reference"]: a for a in cli("cdi", "list", DRAFT, "--json", "-w", demo_workspace).json()}
    assert listed["TEST-CDI-XLSX"]["decided"] == 4


def test_a_bad_worksheet_is_refused_whole_and_loses_nothing(
    cli: Any, demo_workspace: Path, tmp_path: Path
) -> None:
    before = cli("cdi", "estimate", DEMO_AUDIT, "--csv", "-w", demo_workspace)
    exported = tmp_path / "demo.csv"
    assert cli("cdi", "worksheet", DEMO_AUDIT, "-o", exported, "-w", demo_workspace).returncode == 0
    rows = read_rows(exported)
    undecided = [i for i, row in enumerate(rows) if not row["should_record"]]
    bad = [dict(row) for row in rows]
    bad[undecided[0]] = decide(bad[undecided[0]], 0)  # a good change, refused with the rest
    bad[undecided[1]] = bad[undecided[1]] | {"should_record": "maybe"}
    bad[undecided[2]] = bad[undecided[2]] | {"incident_id": "NOT-IN-THE-SAMPLE"}
    bad.append(dict(rows[0]))
    write_rows(tmp_path / "bad.csv", bad)
    result = cli("cdi", "worksheet", DEMO_AUDIT, "--import", tmp_path / "bad.csv", "-w", demo_workspace)
    assert result.returncode == 1, result
    lines = result.error_lines
    assert (
        f"error: bad.csv:{undecided[1] + 2}: should_record: 'maybe' is not an answer: use yes, no or n/a"
        in lines
    )
    assert (
        f"error: bad.csv:{undecided[2] + 2}: incident_id: 'NOT-IN-THE-SAMPLE' is not in this audit's sample"
        in lines
    )
    repeated = rows[0]["incident_id"]
    duplicate = f"error: bad.csv:{len(bad) + 1}: incident_id: '{repeated}' appears twice: first on line 2"
    assert duplicate in lines
    assert "Traceback" not in result.stderr
    after = cli("cdi", "estimate", DEMO_AUDIT, "--csv", "-w", demo_workspace)
    assert after.stdout == before.stdout


MISTAKES = [
    (("cdi", "estimate", "NO-SUCH-AUDIT"), "no audit 'NO-SUCH-AUDIT'"),
    (("cdi", "sample", DRAFT, "--dataset", "synthetic", "--from", "2021-02-30"), "--from: '2021-02-30'"),
    (("cdi", "sample", DRAFT, "--dataset", "nope"), "has no dataset 'nope'"),
    (("cdi", "sample", DRAFT, "--dataset", "synthetic", "--from", "2018-01-01", "--to", "2018-06-30"),
     "do not cover the audit period"),
    (("cdi", "sample", DRAFT, "--dataset", "synthetic", "--size", "murder=3"), "crime group 'murder'"),
    (("cdi", "worksheet", DEMO_AUDIT), "give --output FILE to export or --import FILE"),
    (("cdi", "set", DEMO_AUDIT, "--previous-overall", "120,3"), "--previous-overall"),
    (("cdi", "set", DEMO_AUDIT), "nothing to set"),
    (("cdi", "set", DEMO_AUDIT, "--previous-overall", "0.895,1.6"), "in percent: 89.5 for 0.895"),
    (("cdi", "worksheet", DEMO_AUDIT, "-o", "/no/such/folder/w.csv"), "no folder /no/such/folder"),
    (("cdi", "sample", DRAFT, "--dataset", "synthetic", "--seed", "-1"), "--seed: -1 should be 0 or more"),
    (("cdi", "sample", DRAFT, "--dataset", "synthetic", "--size", "other=0"), "would leave its"),
]  # fmt: skip


def test_mistakes_are_one_error_line(cli: Any, demo_workspace: Path, one_error_line: Any) -> None:
    # One process for them all: each mistake is refused before anything is written.
    results = cli.batch([(*args, "-w", demo_workspace) for args, _ in MISTAKES])
    for result, (_, fragment) in zip(results, MISTAKES, strict=True):
        one_error_line(result, fragment)


def test_previous_figures_can_be_corrected_one_at_a_time_and_a_seed_is_drawn_when_none_is_given(
    cli: Any, demo_workspace: Path
) -> None:
    drawn = cli("cdi", "sample", DRAFT, "--dataset", "synthetic", "--margin", "9",
                "--reference", "TEST-CDI-SET", "--json", "-w", demo_workspace)  # fmt: skip
    assert drawn.returncode == 0, drawn
    assert isinstance(drawn.json()["design"]["seed"], int)
    steps = [
        ("cdi", "set", "TEST-CDI-SET", "--previous", "2018", "--previous-overall", "89.5,1.6",
         "--previous-sexual", "91,2.9"),
        ("cdi", "set", "TEST-CDI-SET", "--previous-violence", "87.6,2.8"),
        ("cdi", "set", "TEST-CDI-SET", "--recorded-crimes", "763400", "--source", "Home Office, 12 months"),
        ("cdi", "list", DRAFT, "--json"),
    ]  # fmt: skip
    *sets, listed = cli.batch([(*step, "-w", demo_workspace) for step in steps])
    assert all(result.returncode == 0 for result in sets), sets
    audit = next(a for a in listed.json() if a["reference"] == "TEST-CDI-SET")
    assert audit["previous"] == {
        "label": "2018",
        "overall": {"rate": 0.895, "margin": 0.016},
        "violence": {"rate": 0.876, "margin": 0.028},
        "sexual": {"rate": 0.91, "margin": 0.029},
    }
    assert (audit["recorded_crimes"], audit["recorded_crimes_source"]) == (763400, "Home Office, 12 months")
