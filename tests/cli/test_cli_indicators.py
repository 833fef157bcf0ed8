"""`inspectorate data synth` and `inspectorate indicators list/compute`, run in the test process.

Every command line runs in one batch, one after another (see conftest.py): the synthetic return for
the City of London (the smallest force: about 16,000 rows at scale 1) is made and loaded first,
then the commands that read it. The expected figures are worked out here, with the csv module,
from the files `data synth` wrote, following the definitions in docs/indicators.md; they are not
taken from the engine.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

FORCE = "city-of-london"
DATASET = f"{FORCE}/synthetic"
CENSUS_2011 = 7375  # City of London usual residents, Census 2011 (the population synth scales)
CURRENT = (date(2020, 4, 1), date(2021, 4, 1))
PREVIOUS = (date(2019, 4, 1), date(2020, 4, 1))
TABLES = ("calls", "incidents", "crimes", "outcomes", "stop_search", "asb", "survey", "population")

# The thirteen ids of the definitions note, in its order.
INDICATOR_IDS = (
    "calls-per-1000",
    "recorded-crime-per-1000",
    "victim-based-crime-per-1000",
    "asb-per-1000",
    "domestic-abuse-share",
    "outcome-rate",
    "charge-rate",
    "999-answered-within-10s",
    "101-abandoned",
    "attendance-within-target",
    "stop-search-per-1000",
    "stop-search-disproportionality",
    "victim-satisfaction",
)
TARGETS = {"999-answered-within-10s": "Target: at least 90%", "101-abandoned": "Target: under 10%"}

# A published-figures file with the right columns in the wrong order and one missing.
WRONG_HEADER = "indicator,value,comparator,source\nstop-search-per-1000,7.6,england-and-wales,x\n"
# A good one: one England and Wales figure for the year the synthetic return covers.
OWN_FIGURES = (
    "indicator,comparator,period_end,value,source\n"
    "999-answered-within-10s,england-and-wales,2021-03-31,71.5,A test figure\n"
)


@dataclass(frozen=True)
class Run:
    root: Path
    workspace: Path
    results: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.results[name]


def _synth(*extra: str | Path, seed: int = 3) -> tuple[str | Path, ...]:
    return ("data", "synth", "--force", FORCE, "--year", "2021", "--seed", str(seed), *extra)


def _compute(workspace: Path, *extra: str | Path) -> tuple[str | Path, ...]:
    return ("indicators", "compute", "--dataset", DATASET, *extra, "-w", workspace)


@pytest.fixture(scope="module")
def run(plain_cli, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Every command line of this module, in one batch, in the order given."""
    root = tmp_path_factory.mktemp("cli-indicators")
    workspace = root / "workspace"
    workspace.mkdir()
    (root / "wrong-header.csv").write_text(WRONG_HEADER, encoding="utf-8")
    (root / "own-figures.csv").write_text(OWN_FIGURES, encoding="utf-8")
    commands: dict[str, tuple[str | Path, ...]] = {
        # Made and loaded first: everything after reads it.
        "synth": _synth("--json", "-w", workspace),
        "same-a": _synth("--no-load", "--out", root / "same-a", "--json"),
        "same-b": _synth("--no-load", "--out", root / "same-b", "--json"),
        "seed-4": _synth("--no-load", "--out", root / "seed-4", "--json", seed=4),
        "list": ("data", "list", "--json", "-w", workspace),
        "json": _compute(workspace, "--year", "2021", "--json"),
        "csv": _compute(workspace, "--year", "2021", "--csv"),
        "2015": _compute(workspace, "--to", "2015-03", "--json"),
        "own-figures": _compute(
            workspace, "--year", "2021", "--published", root / "own-figures.csv", "--json"
        ),
        "registry": ("indicators", "list", "--json"),
        # Refusals: each must be one error line and exit 1, and write nothing.
        "unknown-dataset": ("indicators", "compute", "--dataset", f"{FORCE}/nope", "-w", workspace),
        "unknown-force": ("data", "synth", "--force", "atlantis", "--year", "2021", "--out", root / "x1"),
        "scale-0": _synth("--scale", "0", "--out", root / "x2", "-w", workspace),
        "bad-to": _compute(workspace, "--to", "2021-13"),
        "wrong-header": _compute(workspace, "--year", "2021", "--published", root / "wrong-header.csv"),
        # More refusals, each one error line and exit 1 (the tests at the end).
        "to-month-00": _compute(workspace, "--to", "2021-00", "--json"),
        "year-0": _compute(workspace, "--year", "0", "--json"),
        "year-1": _compute(workspace, "--year", "1", "--json"),
        "year-and-to": _compute(workspace, "--year", "2021", "--to", "2015-03", "--json"),
        "missing-published": _compute(workspace, "--year", "2021", "--published", root / "no-such.csv"),
        # Last, as it would change the dataset: made again into it with another seed.
        "resynth": _synth("--json", "-w", workspace, seed=4),
    }
    results = plain_cli.batch(list(commands.values()))
    return Run(root, workspace, dict(zip(commands, results, strict=True)))


def ok(result: Any) -> Any:
    assert result.returncode == 0, result
    assert "Traceback" not in result.stderr, result
    return result


# Reading what synth wrote, independently of the engine ----------------------------------------


def rows_of(folder: Path, table: str) -> Iterator[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def timestamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")


def within(period: tuple[date, date], when: datetime | date) -> bool:
    day = when.date() if isinstance(when, datetime) else when
    return period[0] <= day < period[1]


def answered_999_within_10s(folder: Path, period: tuple[date, date]) -> tuple[int, int]:
    """(999 calls answered within 10 s of being received, 999 calls answered), received in period."""
    quick = answered = 0
    for row in rows_of(folder, "calls"):
        if row["channel"] != "999" or not within(period, timestamp(row["received_at"])):
            continue
        if row["answered_at"]:
            answered += 1
            wait = timestamp(row["answered_at"]) - timestamp(row["received_at"])
            quick += wait <= timedelta(seconds=10)
    return quick, answered


def abandoned_101(folder: Path, period: tuple[date, date]) -> tuple[int, int]:
    abandoned = calls = 0
    for row in rows_of(folder, "calls"):
        if row["channel"] == "101" and within(period, timestamp(row["received_at"])):
            calls += 1
            abandoned += row["abandoned"] == "true"
    return abandoned, calls


def ethnic_group(self_defined: str) -> str | None:
    """The five census groups from either police.uk coding scheme (2001: 'Black or Black British -
    ...', 2011: 'Black/African/Caribbean/Black British - ...'); not stated is no group."""
    text = self_defined.strip().lower()
    if not text or "not stated" in text:
        return None
    return next(
        (g for g in ("White", "Black", "Asian", "Mixed", "Other") if text.startswith(g.lower())), None
    )


def person_searches(folder: Path, period: tuple[date, date]) -> dict[str | None, int]:
    counts: dict[str | None, int] = {}
    for row in rows_of(folder, "stop_search"):
        if row["type"] in ("Person search", "Person and Vehicle search") and within(
            period, timestamp(row["searched_at"])
        ):
            group = ethnic_group(row["self_defined_ethnicity"])
            counts[group] = counts.get(group, 0) + 1
    return counts


def residents(folder: Path) -> dict[str, int]:
    return {row["ethnic_group"]: int(row["persons"]) for row in rows_of(folder, "population")}


def domestic_abuse(folder: Path, period: tuple[date, date]) -> tuple[int, int]:
    flagged = known = 0
    for row in rows_of(folder, "crimes"):
        if row["offence_group"] == "fraud" or not within(period, date.fromisoformat(row["recorded_on"])):
            continue
        if row["domestic_abuse"]:
            known += 1
            flagged += row["domestic_abuse"] == "true"
    return flagged, known


def result_of(document: dict[str, Any], indicator: str) -> dict[str, Any]:
    return next(r for r in document["results"] if r["id"] == indicator)


def comparison(result: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(c for c in result["comparisons"] if c["kind"] == kind)


@pytest.fixture(scope="module")
def folder(run: Run) -> Path:
    """The files synth wrote and loaded (in the workspace, as no --out was given)."""
    return Path(ok(run["synth"]).json()["folder"])


@pytest.fixture(scope="module")
def numbers(run: Run) -> dict[str, Any]:
    return ok(run["json"]).json()


# data synth ------------------------------------------------------------------------------------


def test_synth_json_says_synthetic_and_counts_the_rows_it_wrote(run: Run, folder: Path) -> None:
    report = ok(run["synth"]).json()
    assert report["synthetic"] is True
    assert report["dataset"] == DATASET
    assert folder.is_dir() and folder.is_relative_to(run.workspace)
    assert sorted(report["rows"]) == sorted(TABLES)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*(f"{t}.csv" for t in TABLES), "manifest.json"]
    )
    for table in TABLES:
        lines = (folder / f"{table}.csv").read_bytes().splitlines()
        assert lines[0].decode().count(",") >= 1, table  # a header line
        assert report["rows"][table] == len(lines) - 1, table
        assert report["rows"][table] == sum(1 for _ in rows_of(folder, table)), table
    # A small force at scale 1: thousands of calls, a handful of survey answers, five ethnic groups.
    assert report["rows"]["calls"] > 5000
    assert report["rows"]["population"] == 5
    assert sum(residents(folder).values()) == CENSUS_2011
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True and manifest["force_id"] == FORCE and manifest["seed"] == 3
    assert manifest["rows"] == report["rows"]


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_bytes(run: Run, folder: Path) -> None:
    same_a, same_b, seed_4 = (ok(run[name]).json() for name in ("same-a", "same-b", "seed-4"))
    for report, name in ((same_a, "same-a"), (same_b, "same-b"), (seed_4, "seed-4")):
        assert report["synthetic"] is True
        assert report["dataset"] is None  # --no-load
        assert Path(report["folder"]) == run.root / name

    def contents(path: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}

    a, b, other = contents(run.root / "same-a"), contents(run.root / "same-b"), contents(run.root / "seed-4")
    assert len(a) == 9
    assert a == b
    # And the same as the files loaded into the workspace with the same arguments.
    assert a == contents(folder)
    assert same_a["rows"] == same_b["rows"]
    differing = [name for name in a if a[name] != other[name]]
    # Every table of records differs with the seed (population and its split do not depend on it).
    assert set(differing) >= {"calls.csv", "incidents.csv", "crimes.csv", "stop_search.csv", "manifest.json"}
    assert other["population.csv"] == a["population.csv"]


def test_the_loaded_return_is_listed_as_synthetic(run: Run) -> None:
    listed = ok(run["list"]).json()
    assert [d["dataset"] for d in listed] == [DATASET]
    dataset = listed[0]
    assert dataset["synthetic"] is True
    assert dataset["scale"] == 1.0
    assert "seed 3" in dataset["description"]
    synth_rows = run["synth"].json()["rows"]
    assert {name: t["rows"] for name, t in dataset["tables"].items()} == synth_rows
    # Two statistical years: April 2019 to March 2021.
    calls_months = dataset["tables"]["calls"]["months"]
    assert calls_months[0] == "2019-04" and calls_months[-1] == "2021-03" and len(calls_months) == 24


# indicators compute ----------------------------------------------------------------------------


def test_compute_json_is_labelled_synthetic_for_the_year_asked(numbers: dict[str, Any]) -> None:
    assert numbers["synthetic"] is True
    assert numbers["dataset"] == DATASET
    assert numbers["period"] == "12 months to 31 March 2021"
    assert numbers["period_start"] == "2020-04-01" and numbers["period_end"] == "2021-03-31"
    assert numbers["population"] == CENSUS_2011
    assert [r["id"] for r in numbers["results"]] == list(INDICATOR_IDS)


def test_999_and_101_equal_the_figures_counted_from_the_files(numbers: dict[str, Any], folder: Path) -> None:
    quick, answered = answered_999_within_10s(folder, CURRENT)
    result = result_of(numbers, "999-answered-within-10s")
    assert (result["numerator"], result["denominator"]) == (quick, answered)
    assert result["value"] == pytest.approx(100 * quick / answered)
    assert result["unit"] == "percent" and result["reason"] is None
    before_quick, before_answered = answered_999_within_10s(folder, PREVIOUS)
    previous = comparison(result, "previous-period")
    assert previous["label"] == "12 months to 31 March 2020"
    assert previous["value"] == pytest.approx(100 * before_quick / before_answered)

    abandoned, calls = abandoned_101(folder, CURRENT)
    result = result_of(numbers, "101-abandoned")
    assert (result["numerator"], result["denominator"]) == (abandoned, calls)
    assert result["value"] == pytest.approx(100 * abandoned / calls)
    before_abandoned, before_calls = abandoned_101(folder, PREVIOUS)
    assert comparison(result, "previous-period")["value"] == pytest.approx(
        100 * before_abandoned / before_calls
    )


def test_the_targets_are_not_met(numbers: dict[str, Any]) -> None:
    # Calibrated to the Metropolitan Police Service in 2021/22: 63.9% and 36.6%.
    for indicator, target_value, label in (
        ("999-answered-within-10s", 90.0, "Target: at least 90%"),
        ("101-abandoned", 10.0, "Target: under 10%"),
    ):
        result = result_of(numbers, indicator)
        target = comparison(result, "target")
        assert target["label"] == label
        assert target["value"] == target_value
        assert target["met"] is False, indicator
        assert target["difference"] == pytest.approx(result["value"] - target_value)
        assert target["difference_unit"] == "percentage points"
        # Thousands of calls, 25 points off: no doubt about it.
        assert target["significant"] is True and target["p_value"] < 0.001
    # Only those two have a target.
    with_target = {
        r["id"] for r in numbers["results"] if any(c["kind"] == "target" for c in r["comparisons"])
    }
    assert with_target == set(TARGETS)


def test_other_figures_equal_the_files_too(numbers: dict[str, Any], folder: Path) -> None:
    population = sum(residents(folder).values())
    searches = person_searches(folder, CURRENT)
    result = result_of(numbers, "stop-search-per-1000")
    assert result["numerator"] == sum(searches.values())
    assert result["value"] == pytest.approx(sum(searches.values()) / population * 1000)
    # Published for England and Wales in the year ending 31 March 2021.
    assert comparison(result, "england-and-wales")["value"] == 7.6

    people = residents(folder)
    expected = (searches.get("Black", 0) / people["Black"]) / (searches.get("White", 0) / people["White"])
    assert result_of(numbers, "stop-search-disproportionality")["value"] == pytest.approx(expected)

    flagged, known = domestic_abuse(folder, CURRENT)
    result = result_of(numbers, "domestic-abuse-share")
    assert (result["numerator"], result["denominator"]) == (flagged, known)
    assert result["value"] == pytest.approx(100 * flagged / known)


def test_compute_csv_has_a_header_and_a_row_per_indicator_and_comparator(
    run: Run, numbers: dict[str, Any]
) -> None:
    rows = list(csv.reader(io.StringIO(ok(run["csv"]).stdout)))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["dataset", "synthetic", "indicator", "title"]
    assert {"dimension", "key", "value", "comparator", "comparator_value", "met", "significant"} <= set(
        header
    )
    assert all(len(row) == len(header) for row in body)
    records = [dict(zip(header, row, strict=True)) for row in body]
    assert {r["dataset"] for r in records} == {DATASET}
    assert {r["synthetic"].lower() for r in records} == {"true"}
    expected_rows = 0
    for result in numbers["results"]:
        whole = [r for r in records if r["indicator"] == result["id"] and r["dimension"] == ""]
        kinds = [c["kind"] for c in result["comparisons"]]
        assert [r["comparator"] for r in whole] == (kinds or [""]), result["id"]
        for record, compared in zip(whole, result["comparisons"], strict=False):
            if result["value"] is None:
                assert record["value"] == ""
            else:
                assert float(record["value"]) == pytest.approx(result["value"])
            if compared["value"] is not None:
                assert float(record["comparator_value"]) == pytest.approx(compared["value"])
        expected_rows += max(1, len(kinds)) + sum(max(1, len(b["comparisons"])) for b in result["breakdown"])
    assert len(records) == expected_rows
    target = [
        r for r in records if r["indicator"] == "999-answered-within-10s" and r["comparator"] == "target"
    ]
    assert len(target) == 1
    assert target[0]["comparator_label"] == "Target: at least 90%"
    assert target[0]["met"].lower() == "false"


def test_compute_csv_spells_booleans_as_the_csv_twin_does(run: Run) -> None:
    records = list(csv.DictReader(io.StringIO(ok(run["csv"]).stdout)))
    assert {r["synthetic"] for r in records} == {"true"}
    assert {r["met"] for r in records} == {"", "false"}


def test_a_period_before_the_data_gives_every_figure_unavailable_with_a_reason(run: Run) -> None:
    document = ok(run["2015"]).json()
    assert document["period"] == "12 months to 31 March 2015"
    assert document["synthetic"] is True
    assert len(document["results"]) == len(INDICATOR_IDS)
    for result in document["results"]:
        assert result["value"] is None, result["id"]
        assert result["reason"], result["id"]
    assert "no calls in the period" in result_of(document, "calls-per-1000")["reason"]
    assert "no stop and search records" in result_of(document, "stop-search-per-1000")["reason"]
    # The target is still named, but nothing is compared with it.
    target = comparison(result_of(document, "999-answered-within-10s"), "target")
    assert target["met"] is None


def test_published_figures_from_a_file_replace_the_shipped_ones(run: Run, numbers: dict[str, Any]) -> None:
    document = ok(run["own-figures"]).json()
    england = comparison(result_of(document, "999-answered-within-10s"), "england-and-wales")
    assert england["value"] == 71.5
    assert england["source"] == "A test figure"
    assert england["met"] is None
    assert england["difference"] == pytest.approx(
        result_of(numbers, "999-answered-within-10s")["value"] - 71.5
    )
    # The shipped stop-and-search figure is not used alongside the file.
    assert comparison(result_of(document, "stop-search-per-1000"), "england-and-wales")["value"] is None


# indicators list -------------------------------------------------------------------------------


def test_indicators_list_json_lists_the_thirteen_definitions(run: Run) -> None:
    listed = ok(run["registry"]).json()
    assert [row["id"] for row in listed] == list(INDICATOR_IDS)
    assert {row["id"]: row["target"] for row in listed if row["target"]} == TARGETS
    units = {row["id"]: row["unit"] for row in listed}
    assert units["calls-per-1000"] == "per-1000"
    assert units["stop-search-disproportionality"] == "ratio"
    assert units["999-answered-within-10s"] == "percent"
    assert all(row["title"] and row["method"] for row in listed)


def test_the_docs_list_the_same_thirteen_ids() -> None:
    """The list above is the documented one (a check on this test's own copy of it)."""
    docs = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"
    ids = re.findall(r"^### `([a-z0-9-]+)`", docs.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert tuple(ids) == INDICATOR_IDS


# Refusals --------------------------------------------------------------------------------------


def test_refusals_are_one_error_line_and_exit_1(run: Run, one_error_line) -> None:
    one_error_line(run["unknown-dataset"], f"no dataset '{FORCE}/nope'", DATASET)
    one_error_line(run["unknown-force"], "no force 'atlantis'", "city-of-london")
    one_error_line(run["scale-0"], "scale must be a number greater than 0")
    one_error_line(run["bad-to"], "--to '2021-13'", "YYYY-MM")
    one_error_line(
        run["wrong-header"], "wrong-header.csv:1", "header must be indicator,comparator,period_end"
    )
    for name in ("unknown-dataset", "unknown-force", "scale-0", "bad-to", "wrong-header"):
        assert run[name].stdout == "", name
    # Nothing was written for the refused synths.
    assert not (run.root / "x1").exists()
    assert not (run.root / "x2").exists()


def test_month_00_is_refused(run: Run, one_error_line) -> None:
    one_error_line(run["to-month-00"], "--to '2021-00'")


def test_year_0_is_refused(run: Run, one_error_line) -> None:
    one_error_line(run["year-0"], "year")


def test_year_1_is_one_error_line(run: Run, one_error_line) -> None:
    one_error_line(run["year-1"], "year")


def test_year_and_to_together_are_refused(run: Run, one_error_line) -> None:
    one_error_line(run["year-and-to"], "--year", "--to")


def test_a_missing_published_file_is_one_error_line(run: Run, one_error_line) -> None:
    one_error_line(run["missing-published"], "no-such.csv")


def test_synth_again_with_another_seed_replaces_the_dataset(run: Run) -> None:
    report = ok(run["resynth"]).json()
    assert report["dataset"] == DATASET


def test_loading_a_synthetic_return_of_another_scale_is_refused_not_mixed(tmp_path: Path) -> None:
    """Rates use the dataset's scale, so two scales in one dataset would be wrong; `data synth`
    removes its old dataset first, and a plain load is refused with the way out named."""
    from inspectorate.core.data.store import DataStore
    from inspectorate.core.data.synth import synthesise
    from inspectorate.core.problems import InputError

    store = DataStore(tmp_path / "store")
    for scale, seed in ((1, 3), (2, 5)):
        synthesise(FORCE, 2021, tmp_path / f"scale-{scale}", scale=scale, seed=seed)
    store.load(FORCE, "synthetic", [tmp_path / "scale-1"])
    before = store.catalog_file.read_bytes()
    with pytest.raises(InputError, match="at scale 1, not 2; remove it first"):
        store.load(FORCE, "synthetic", [tmp_path / "scale-2"], replace=True)
    assert store.catalog_file.read_bytes() == before
    dataset = store.get_dataset(DATASET)
    assert dataset.scale == 1.0
    assert store.population(dataset) is not None and store.population(dataset)[0] == CENSUS_2011


def test_the_ethnicity_helper_follows_both_census_schemes() -> None:
    """A control for the helper the disproportionality check uses."""
    assert ethnic_group("Black or Black British - Caribbean (B1)") == "Black"
    assert ethnic_group("Black/African/Caribbean/Black British - African") == "Black"
    assert ethnic_group("White - English/Welsh/Scottish/Northern Irish/British") == "White"
    assert ethnic_group("Other ethnic group - Not stated") is None
    assert ethnic_group("Not Stated (NS)") is None
    assert ethnic_group("") is None
    assert within(CURRENT, datetime(2021, 3, 31, 23, 59, 59))
    assert not within(CURRENT, datetime(2021, 4, 1, 0, 0, 0))
