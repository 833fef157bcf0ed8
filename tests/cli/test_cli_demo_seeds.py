"""`inspectorate demo --seeds DIR`: where the published reports are, the demo's published
inspections are imported from them (same references, every grade read from the text).

Run in the test process (see conftest.py), on the test's own empty database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TRUTH_GRADED = {  # graded areas each seed's truth lists (reference/seeds-*-truth.json)
    "MPS-BA-2006": 23,
    "MPS-PEEL-2015": 5,
    "MPS-PEEL-2018": 3,
    "MPS-PEEL-2021": 10,
}


@pytest.mark.seeds
@pytest.mark.django_db
def test_the_demo_imports_the_published_reports_when_they_are_there(own_cli, seeds_dir, tmp_path, settings):
    settings.PASSWORD_HASHERS = FAST_HASHER  # the demo users' passwords are not checked here
    workspace = tmp_path / "workspace"
    built = own_cli("demo", "--no-serve", "--seeds", seeds_dir, "-w", workspace)
    assert built.returncode == 0, built
    assert "5 of them imported from the published reports" in built.stdout
    shown = own_cli.batch([("inspections", "show", ref, "--json", "-w", workspace) for ref in TRUTH_GRADED])
    for reference, result in zip(TRUTH_GRADED, shown, strict=True):
        document = result.json()
        assert document["origin"] == "imported", reference
        graded = [j for j in document["judgments"] if j["grade"]]
        assert len(graded) == TRUTH_GRADED[reference], reference
    draft = own_cli("inspections", "show", "MPS-PEEL-DRAFT", "--json", "-w", workspace).json()
    assert draft["origin"] == "run-here"  # the draft is the demo's own, seeds or not

    # The 2021/22 report carries the seed's grades and crime data integrity figures, as its truth lists them.
    report = own_cli("report", "MPS-PEEL-2021", "--format", "json", "-w", workspace).json()
    truth = next(d for d in _truth()["documents"] if d["seed"].startswith("002"))
    graded = {j["title"]: j["grade"] for j in truth["judgments"] if j.get("grade")}
    assert {g["title"]: g["grade_label"] for g in report["grades"] if g["grade_label"]} == graded
    rates = {(f["percent"], f["ci_plus_minus"]) for f in report["figures"] if f["percent"] is not None}
    assert rates == {(f["percent"], f["ci_plus_minus"]) for f in truth["cdi_figures"]}
    counts = {(f["n"], f["m"]) for f in report["figures"] if f["n"] is not None}
    assert counts == {(c["n"], c["m"]) for c in truth["case_review_counts"]}


def _truth() -> dict:
    path = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "seeds-peel-truth.json"
    if not path.is_file():
        pytest.skip(f"ground truth not found at {path.resolve()}")
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_seeds_folder_that_is_not_there_is_one_error_line(plain_cli, one_error_line, tmp_path):
    result = plain_cli("demo", "--no-serve", "--seeds", tmp_path / "nowhere", "-w", tmp_path / "ws")
    one_error_line(result, "nowhere", "no such folder of reports")
