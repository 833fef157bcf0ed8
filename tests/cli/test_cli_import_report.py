"""`inspectorate import-report`: a report read, shown and stored as a published inspection; the
five seed reports stored with the grades the reference truth gives.

Run in the test process (see conftest.py), each test on its own empty database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

# A crime data integrity inspection report in the 2016-2019 shape, written here for another force.
ESSEX_CDI = "\n".join(
    [
        "Essex Police",
        "Crime data integrity inspection 2018",
        "Published 20 March 2018",
        "Essex Police requires improvement at crime recording.",
        "We estimate that the force is recording 89.6 percent (with a confidence interval of +/- 1.7 "
        "percent) of all reported crime (excluding fraud). This means the force fails to record over "
        "12,100 reported crimes each year.",
        "Cause of concern",
        "The force does not record enough of the crimes reported to it through its control room.",
        "Recommendations",
        "Within three months, the force should:",
        "- check a sample of incident records every week for crimes not recorded; and",
        "- train its control room staff in the crime recording rules.",
        "Area for improvement",
        "The force should make sure cancelled crimes are reviewed by a decision maker.",
        "",
    ]
)


@pytest.mark.django_db
def test_a_report_is_read_shown_and_stored(own_cli: Any, tmp_path: Path) -> None:
    report = tmp_path / "essex-cdi-2018.txt"
    report.write_text(ESSEX_CDI, encoding="utf-8")
    workspace = tmp_path / "ws"
    assert own_cli("init", "-w", workspace).returncode == 0
    shown = own_cli("import-report", report, "--dry-run")
    assert shown.returncode == 0, shown
    assert shown.stdout.splitlines()[0].startswith("essex-cdi-2018.txt: ")
    assert "recording 89.6% +/- 1.7 of all reported crime (excluding fraud) (line 5)" in shown.stdout
    stored = own_cli("import-report", report, "--json", "-w", workspace)
    assert stored.returncode == 0, stored
    document = stored.json()
    assert (document["programme"], document["force_id"], document["date"]) == (
        "cdi-2016",
        "essex",
        "20 March 2018",
    )
    assert [(j["area_id"], j["grade"]) for j in document["judgments"]] == [
        ("crime-recording", "Requires improvement")
    ]
    assert document["stored"]["inspection"] == "ESSEX-CDI-2018"
    assert [f["kind"] for f in document["findings"]] == ["cause-of-concern", "area-for-improvement"]
    assert len(document["findings"][0]["recommendations"]) == 2
    assert document["cdi_volumes"][0]["value"] == 12100
    again = own_cli("import-report", report, "-w", workspace)
    assert again.returncode == 1 and "already imported as ESSEX-CDI-2018" in again.stderr
    show = own_cli("inspections", "show", "ESSEX-CDI-2018", "--json", "-w", workspace)
    assert show.returncode == 0, show
    assert "requires-improvement" in show.stdout


@pytest.mark.django_db
def test_mistakes_are_one_error_line(own_cli: Any, tmp_path: Path, one_error_line: Any) -> None:
    blank = tmp_path / "notes.txt"
    blank.write_text("Some notes about a meeting.\n", encoding="utf-8")
    workspace = tmp_path / "ws"
    assert own_cli("init", "-w", workspace).returncode == 0
    cases = [
        (("import-report", tmp_path / "none.txt"), "no such file"),
        (("import-report", blank, "--force", "atlantis"), "atlantis"),
        (
            ("import-report", blank, "--programme", "peel-1999", "--dry-run"),
            "no reader for programme 'peel-1999'",
        ),
        (("import-report", blank, "-w", workspace), "the programme was not recognised"),
    ]
    for args, fragment in cases:
        one_error_line(own_cli(*args), fragment)


def test_a_report_over_the_size_limit_is_one_error_line(
    own_cli: Any, tmp_path: Path, one_error_line: Any
) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)  # sparse: refused on its size, never read
    one_error_line(
        own_cli("import-report", huge, "--dry-run"),
        "huge.txt: is 20,971,521 bytes; a report's text may be at most 20 MB",
    )


def _truth_grades() -> dict[str, list[tuple[str, str | None]]]:
    truth = SHARED / "reference" / "seeds-peel-truth.json"
    ba = SHARED / "reference" / "seeds-ba2006-truth.json"
    if not truth.is_file() or not ba.is_file() or not (SHARED / "seeds").is_dir():
        pytest.skip(f"the seeds or the reference truth are not found under {SHARED.resolve()}")
    grades = {
        document["seed"]: [(j["title"], j["grade"]) for j in document["judgments"]]
        for document in json.loads(truth.read_text(encoding="utf-8"))["documents"]
    }
    grades["003"] = [(f["framework_title"], f["service_delivery_grade"]) for f in json.loads(ba.read_text())]
    return grades


@pytest.mark.seeds
@pytest.mark.django_db
def test_the_five_seed_reports_store_with_the_truths_grades(own_cli: Any, tmp_path: Path) -> None:
    truth = _truth_grades()
    workspace = tmp_path / "ws"
    assert own_cli("init", "-w", workspace).returncode == 0
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        result = own_cli("import-report", seed, "--json", "-w", workspace)
        assert result.returncode == 0, result
        document = result.json()
        expected = truth.get(seed.name) or truth[seed.name[:3]]
        read = [(" ".join(j["title"].split()), j["grade"]) for j in document["judgments"]]
        if seed.name.startswith("003"):
            # In the frameworks' order, by grade: the report spells 5C both "Road" and "Roads".
            assert [grade for _, grade in read] == [grade for _, grade in expected]
        else:
            wanted = sorted(((" ".join(t.split()), g) for t, g in expected), key=str)
            assert sorted(read, key=str) == wanted, seed.name
        graded = sum(1 for _, grade in expected if grade)
        assert document["stored"]["judgments"] == graded, (seed.name, document["stored"]["warnings"])
