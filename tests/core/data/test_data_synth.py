"""The synthetic data-return generator: canonical files, calibration to the seed figures, reproducibility.

Figures are worked out here with plain SQL over the files, not with the indicator engine, so that a fault
in either shows up as a disagreement.

Tolerances: the generator allocates categories (n * share of each, with only the fractional parts left
to chance), so at Metropolitan scale 0.02 (163,331 people; about 13,700 crimes and 126,000 calls a year)
the only noise is a row or two of rounding per category per month. Each tolerance below is several times
that rounding, and far smaller than any real miscalibration such as an off-by-one second or a wrong share.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pytest

from inspectorate.core.data import schema
from inspectorate.core.data.synth import GENERATOR, TABLE_NAMES, SynthSummary, synthesise
from inspectorate.core.data.synth import calibration as cal
from inspectorate.core.data.synth.columns import allocate, categories
from inspectorate.core.forces.population import population_of
from inspectorate.core.problems import InputError

SCALE = 0.02
YEAR = 2015
CURRENT = "recorded_on >= DATE '2014-04-01' AND recorded_on < DATE '2015-04-01'"
PREVIOUS = "recorded_on >= DATE '2013-04-01' AND recorded_on < DATE '2014-04-01'"
NOT_FRAUD = "offence_group IS DISTINCT FROM 'fraud'"


def people(force_id: str = "metropolitan", scale: float = SCALE) -> int:
    figure = population_of(force_id)
    assert figure is not None
    return round(figure.population * scale)


def columns_sql(table: schema.Table) -> str:
    return "{" + ", ".join(f"'{c.name}': '{c.type.value}'" for c in table.columns) + "}"


def connect(directory: Path, file_format: str = "csv") -> duckdb.DuckDBPyConnection:
    """Views over each written file, read with the schema's types and no guessing."""
    con = duckdb.connect()
    for name in TABLE_NAMES:
        table = schema.table(name)
        path = directory / f"{name}.{file_format}"
        if file_format == "csv":
            source = f"read_csv('{path}', columns={columns_sql(table)}, header=true, auto_detect=false)"
        else:
            source = f"read_parquet('{path}')"
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM {source}")
    return con


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


def one(con: duckdb.DuckDBPyConnection, sql: str) -> float:
    row = con.execute(sql).fetchone()
    assert row is not None
    return float(row[0])


@pytest.fixture(scope="module")
def met(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthSummary]:
    out = tmp_path_factory.mktemp("met")
    return out, synthesise("metropolitan", YEAR, out, scale=SCALE, seed=1)


@pytest.fixture(scope="module")
def con(met: tuple[Path, SynthSummary]) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect(met[0])
    yield connection
    connection.close()


# ---- files in the canonical schema ------------------------------------------------------------------


def test_each_table_has_one_file_with_exactly_the_schema_header(met: tuple[Path, SynthSummary]) -> None:
    out, summary = met
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted([f"{name}.csv" for name in TABLE_NAMES] + ["manifest.json"])
    assert "police_uk_outcomes" not in TABLE_NAMES
    for name in TABLE_NAMES:
        first = (out / f"{name}.csv").read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == ",".join(schema.table(name).header), name
        assert summary.files[name] == out / f"{name}.csv"


def test_files_read_back_with_the_schema_types(con: duckdb.DuckDBPyConnection) -> None:
    for name in TABLE_NAMES:
        described = rows(con, f"DESCRIBE {name}")
        assert [(row[0], row[1]) for row in described] == [
            (c.name, c.type.value) for c in schema.table(name).columns
        ]
        # Reading every value proves each one parses as its type.
        assert one(con, f"SELECT count(*) FROM {name}") > 0


def test_row_counts_in_the_summary_and_manifest_are_the_files(
    met: tuple[Path, SynthSummary], con: duckdb.DuckDBPyConnection
) -> None:
    out, summary = met
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for name in TABLE_NAMES:
        counted = int(one(con, f"SELECT count(*) FROM {name}"))
        assert summary.rows[name] == manifest["rows"][name] == counted, name


def test_every_schema_check_selects_no_row(con: duckdb.DuckDBPyConnection) -> None:
    checked = 0
    for name in TABLE_NAMES:
        for check in schema.table(name).checks:
            assert one(con, f"SELECT count(*) FROM {name} WHERE {check.failing_when}") == 0, check
            checked += 1
    assert checked == sum(len(schema.table(name).checks) for name in TABLE_NAMES) > 0


def test_required_columns_vocabularies_and_ranges_hold(con: duckdb.DuckDBPyConnection) -> None:
    for name in TABLE_NAMES:
        for column in schema.table(name).columns:
            where = []
            if column.required:
                where.append(f"{column.name} IS NULL")
            if column.allowed:
                allowed = ", ".join("'" + value.replace("'", "''") + "'" for value in column.allowed)
                where.append(f"{column.name} NOT IN ({allowed})")
            if column.minimum is not None:
                where.append(f"{column.name} < {column.minimum}")
            if column.maximum is not None:
                where.append(f"{column.name} > {column.maximum}")
            for condition in where:
                assert one(con, f"SELECT count(*) FROM {name} WHERE {condition}") == 0, (name, condition)


def test_keys_are_unique_and_synthetic_ids_are_recognisable(con: duckdb.DuckDBPyConnection) -> None:
    for name in TABLE_NAMES:
        key = schema.table(name).key
        if key is None:
            continue
        assert one(con, f"SELECT count(*) - count(DISTINCT {key}) FROM {name}") == 0, name
    for name, key in (("calls", "call_id"), ("incidents", "incident_id"), ("crimes", "crime_id")):
        assert one(con, f"SELECT count(*) FROM {name} WHERE NOT starts_with({key}, 'SYN-')") == 0


def test_stop_search_uses_police_uk_values(con: duckdb.DuckDBPyConnection) -> None:
    self_defined = {r[0] for r in rows(con, "SELECT DISTINCT self_defined_ethnicity FROM stop_search")}
    assert {
        "Black/African/Caribbean/Black British - Caribbean",
        "White - English/Welsh/Scottish/Northern Irish/British",
        "Asian/Asian British - Bangladeshi",
        "Mixed/Multiple ethnic groups - White and Black Caribbean",
        "Other ethnic group - Any other ethnic group",
        "Other ethnic group - Not stated",
        None,
    } <= self_defined
    outcomes = {r[0] for r in rows(con, "SELECT DISTINCT outcome FROM stop_search")}
    assert outcomes == {name for name, _ in cal.SEARCH_OUTCOMES}
    assert "A no further action disposal" in outcomes
    # Vehicle-only searches come on top and carry no person details.
    vehicle = rows(
        con,
        "SELECT count(*), count(gender), count(self_defined_ethnicity) FROM stop_search "
        "WHERE type = 'Vehicle search'",
    )[0]
    assert vehicle[0] > 0 and vehicle[1:] == (0, 0)


def test_records_link_up_and_outcomes_follow_their_crime(con: duckdb.DuckDBPyConnection) -> None:
    # Incidents opened from a call point at an answered call and open after the answer.
    assert (
        one(
            con,
            """
        SELECT count(*) FROM incidents i LEFT JOIN calls c USING (call_id)
        WHERE i.call_id IS NOT NULL AND (c.answered_at IS NULL OR i.opened_at < c.answered_at)""",
        )
        == 0
    )
    assert one(con, "SELECT count(*) FROM incidents WHERE call_id IS NOT NULL") > 0
    # Crimes from incidents point at crime incidents reported when they were opened.
    assert (
        one(
            con,
            """
        SELECT count(*) FROM crimes c LEFT JOIN incidents i USING (incident_id)
        WHERE c.incident_id IS NOT NULL AND (i.category IS DISTINCT FROM 'crime'
              OR c.reported_at <> i.opened_at)""",
        )
        == 0
    )
    # Outcomes belong to recorded non-fraud crimes, on or after recording and before the period ends.
    assert (
        one(
            con,
            """
        SELECT count(*) FROM outcomes o LEFT JOIN crimes c USING (crime_id)
        WHERE c.crime_id IS NULL OR c.offence_group = 'fraud' OR o.outcome_on < c.recorded_on
           OR o.outcome_on >= CASE WHEN c.recorded_on < DATE '2014-04-01' THEN DATE '2014-04-01'
                                   ELSE DATE '2015-04-01' END""",
        )
        == 0
    )
    assert (
        one(
            con,
            "SELECT count(*) FROM outcomes o JOIN crimes c USING (crime_id) "
            "WHERE o.outcome_on > c.recorded_on",
        )
        > 0
    )
    assert one(con, "SELECT count(*) FROM outcomes GROUP BY crime_id ORDER BY 1 DESC LIMIT 1") == 1
    # Survey answers come from victims of earlier victim-based crimes.
    assert (
        one(
            con,
            f"""
        SELECT count(*) FROM survey s LEFT JOIN crimes c USING (crime_id)
        WHERE s.crime_id IS NOT NULL AND (c.crime_id IS NULL OR s.surveyed_on <= c.recorded_on
              OR c.offence_group NOT IN ({", ".join(f"'{g}'" for g in schema.VICTIM_BASED_GROUPS)}))""",
        )
        == 0
    )
    assert one(con, "SELECT count(crime_id) FROM survey") > 0.9 * one(con, "SELECT count(*) FROM survey")


def test_crimes_from_incidents_take_the_incidents_offence_group(con: duckdb.DuckDBPyConnection) -> None:
    # Only crime incidents have a group, and fraud (which reaches Action Fraud) is never one.
    groups = dict(rows(con, "SELECT category, count(offence_group) FROM incidents GROUP BY 1"))
    assert groups.pop("crime") > 0 and set(groups.values()) == {0}
    assert one(con, "SELECT count(*) FROM incidents WHERE category = 'crime' AND offence_group IS NULL") == 0
    assert one(con, "SELECT count(*) FROM incidents WHERE offence_group = 'fraud'") == 0
    differing = """SELECT count(*) FROM crimes c JOIN incidents i USING (incident_id)
                   WHERE c.offence_group IS DISTINCT FROM i.offence_group"""
    assert one(con, differing) == 0
    assert one(con, "SELECT count(*) FROM crimes c JOIN incidents i USING (incident_id)") > 0


def test_crime_incidents_are_recorded_at_the_audit_figures(con: duckdb.DuckDBPyConnection) -> None:
    rates = dict(
        rows(
            con,
            """
        WITH linked AS (SELECT DISTINCT incident_id FROM crimes WHERE incident_id IS NOT NULL),
        crime AS (
            SELECT CASE WHEN offence_group IN ('violence-against-the-person', 'sexual-offences')
                        THEN offence_group ELSE 'other' END AS crime_group, linked.incident_id AS linked
            FROM incidents LEFT JOIN linked USING (incident_id) WHERE category = 'crime')
        SELECT coalesce(crime_group, 'all'), 100 * count(linked) / count(*)
        FROM crime GROUP BY ROLLUP (crime_group)""",
        )
    )
    # About 14,000 crime incidents over two years; sexual offences are only some 300 of them, so
    # rounding month by month can move their rate by a point or so.
    assert rates["all"] == pytest.approx(92.0, abs=0.3)
    assert rates["violence-against-the-person"] == pytest.approx(86.0, abs=0.5)
    assert rates["sexual-offences"] == pytest.approx(95.0, abs=2.0)
    other = float(cal.RECORDING_RATES[cal.NON_FRAUD_GROUPS.index("theft")])
    assert rates["other"] == pytest.approx(other * 100, abs=0.3)


def test_fraud_rows_are_present_without_a_police_uk_type(con: duckdb.DuckDBPyConnection) -> None:
    fraud = rows(con, "SELECT count(*), count(crime_type) FROM crimes WHERE offence_group = 'fraud'")[0]
    assert fraud[0] == pytest.approx(2 * cal.FRAUD_PER_1000 * people() / 1000, abs=2)
    assert fraud[1] == 0
    # Every other group maps to the police.uk type of its kind.
    pairs = set(rows(con, "SELECT DISTINCT offence_group, crime_type FROM crimes WHERE crime_type <> ''"))
    expected = {(g, t) for g, t in cal.CRIME_TYPE_OF_GROUP.items()} | {("theft", t) for t in cal.THEFT_TYPES}
    assert pairs == expected


def test_all_outcome_types_but_nfib_filing_occur(con: duckdb.DuckDBPyConnection) -> None:
    kinds = {int(r[0]) for r in rows(con, "SELECT DISTINCT outcome_type FROM outcomes")}
    assert kinds == set(range(1, 23)) - {19}


# ---- calibration ------------------------------------------------------------------------------------


def per_1000(count: float) -> float:
    return count / people() * 1000


def crimes_where(period: str, extra: str = "TRUE") -> str:
    return f"SELECT count(*) FROM crimes WHERE {NOT_FRAUD} AND {period} AND {extra}"


def test_call_handling_matches_the_2021_22_figures(con: duckdb.DuckDBPyConnection) -> None:
    period = "received_at >= TIMESTAMP '2014-04-01' AND received_at < TIMESTAMP '2015-04-01'"
    calls = one(con, f"SELECT count(*) FROM calls WHERE {period}")
    assert per_1000(calls) == pytest.approx(6_300_000 / 8_166_566 * 1000, abs=0.1)
    within = one(
        con,
        f"""SELECT 100 * avg(CASE WHEN answered_at - received_at <= INTERVAL 10 SECOND
                                             THEN 1 ELSE 0 END)
                          FROM calls WHERE channel = '999' AND answered_at IS NOT NULL AND {period}""",
    )
    # A wrong boundary at 10 s would move this by about 6 points.
    assert within == pytest.approx(63.9, abs=0.3)
    abandoned = one(con, f"SELECT 100 * avg(abandoned::INT) FROM calls WHERE channel = '101' AND {period}")
    assert abandoned == pytest.approx(36.6, abs=0.3)
    mix = dict(rows(con, f"SELECT channel, count(*) / {calls} FROM calls WHERE {period} GROUP BY 1"))
    assert mix == pytest.approx({"999": 0.35, "101": 0.45, "online": 0.20}, abs=0.002)


def test_crime_matches_the_2015_figures(con: duckdb.DuckDBPyConnection) -> None:
    assert per_1000(one(con, crimes_where(CURRENT))) == pytest.approx(84.0, abs=0.05)
    victim_based = ", ".join(f"'{g}'" for g in schema.VICTIM_BASED_GROUPS)
    assert per_1000(one(con, crimes_where(CURRENT, f"offence_group IN ({victim_based})"))) == pytest.approx(
        73.1, abs=0.2
    )
    sexual = per_1000(one(con, crimes_where(CURRENT, "offence_group = 'sexual-offences'")))
    assert sexual == pytest.approx(1.8, abs=0.05)
    abuse = one(
        con,
        f"""SELECT 100 * avg(domestic_abuse::INT) FROM crimes
                         WHERE {NOT_FRAUD} AND domestic_abuse IS NOT NULL AND {CURRENT}""",
    )
    assert abuse == pytest.approx(9.4, abs=0.15)


def test_charge_and_outcome_rates_match_within_each_period(con: duckdb.DuckDBPyConnection) -> None:
    for period, crimes_in in ((CURRENT, crimes_where(CURRENT)), (PREVIOUS, crimes_where(PREVIOUS))):
        crimes = one(con, crimes_in)
        in_period = period.replace("recorded_on", "outcome_on")
        rates = dict(
            rows(
                con,
                f"SELECT outcome_type, 100 * count(*) / {crimes} FROM outcomes WHERE {in_period} GROUP BY 1",
            )
        )
        # The first year has no earlier crimes' outcomes flowing in, and still comes out on target.
        assert rates[1] == pytest.approx(13.3, abs=0.2)
        for outcome in (3, 6, 7, 8):
            assert rates[outcome] == pytest.approx(cal.OUTCOME_PERCENT[outcome], abs=0.15), outcome
        assert rates[18] == pytest.approx(cal.OUTCOME_PERCENT[18], abs=0.3)


def test_asb_searches_satisfaction_and_attendance(con: duckdb.DuckDBPyConnection) -> None:
    asb = one(con, f"SELECT count(*) FROM asb WHERE {CURRENT.replace('recorded_on', 'reported_on')}")
    assert per_1000(asb) == pytest.approx(30.0, abs=0.05)
    searched = "searched_at >= TIMESTAMP '2014-04-01' AND searched_at < TIMESTAMP '2015-04-01'"
    persons = one(con, f"SELECT count(*) FROM stop_search WHERE type <> 'Vehicle search' AND {searched}")
    assert per_1000(persons) == pytest.approx(34.6, abs=0.05)
    # About 137 answers a year, allocated over the year: rounding moves the share by under 1.5 points.
    satisfied = one(
        con,
        f"""
        SELECT 100 * avg((whole_experience IN ('very-satisfied', 'fairly-satisfied'))::INT)
        FROM survey WHERE {CURRENT.replace("recorded_on", "surveyed_on")}""",
    )
    assert satisfied == pytest.approx(79.9, abs=1.5)
    within = dict(
        rows(
            con,
            """
        SELECT response_grade, 100 * avg(CASE WHEN attended_at - opened_at <= to_minutes(target_minutes)
                                              THEN 1 ELSE 0 END)
        FROM incidents WHERE attended_at IS NOT NULL AND target_minutes IS NOT NULL GROUP BY 1""",
        )
    )
    assert within == pytest.approx({"immediate": 80.0, "priority": 70.0, "scheduled": 60.0}, abs=0.5)


def test_black_people_are_searched_several_times_as_often_per_head(con: duckdb.DuckDBPyConnection) -> None:
    residents = dict(rows(con, "SELECT ethnic_group, persons FROM population"))
    assert sum(residents.values()) == people()
    assert residents["Black"] / people() == pytest.approx(0.13, abs=0.001)
    searches = dict(
        rows(
            con,
            """
        SELECT CASE WHEN starts_with(self_defined_ethnicity, 'Black/') THEN 'Black'
                    WHEN starts_with(self_defined_ethnicity, 'White - ') THEN 'White' END AS five, count(*)
        FROM stop_search WHERE type <> 'Vehicle search' GROUP BY 1""",
        )
    )
    ratio = (searches["Black"] / residents["Black"]) / (searches["White"] / residents["White"])
    # Not-stated answers are taken out at random, about 8% of some 3,600 Black and 4,800 White searches.
    assert ratio == pytest.approx(3.5, abs=0.15)


def test_previous_year_uses_the_previous_figures(con: duckdb.DuckDBPyConnection) -> None:
    assert per_1000(one(con, crimes_where(PREVIOUS))) == pytest.approx(81.6, abs=0.05)
    asb = one(con, f"SELECT count(*) FROM asb WHERE {PREVIOUS.replace('recorded_on', 'reported_on')}")
    assert per_1000(asb) == pytest.approx(37.8, abs=0.05)
    abuse = one(
        con,
        f"""SELECT 100 * avg(domestic_abuse::INT) FROM crimes
                         WHERE {NOT_FRAUD} AND {PREVIOUS}""",
    )
    assert abuse == pytest.approx(7.9, abs=0.15)
    # Figures without a previous-year seed stay at the current ones.
    searched = "searched_at >= TIMESTAMP '2013-04-01' AND searched_at < TIMESTAMP '2014-04-01'"
    persons = one(con, f"SELECT count(*) FROM stop_search WHERE type <> 'Vehicle search' AND {searched}")
    assert per_1000(persons) == pytest.approx(34.6, abs=0.05)
    first = rows(con, "SELECT min(received_at), max(received_at) FROM calls")[0]
    assert first is not None
    assert str(first[0]).startswith("2013-04-01") and str(first[1]).startswith("2015-03-31")


def test_manifest_labels_the_data_and_its_calibration(met: tuple[Path, SynthSummary]) -> None:
    manifest = json.loads((met[0] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True
    assert manifest["generator"] == GENERATOR
    assert (manifest["force_id"], manifest["year"], manifest["seed"]) == ("metropolitan", YEAR, 1)
    assert (manifest["period_start"], manifest["period_end"]) == ("2014-04-01", "2015-04-01")
    assert manifest["scale"] == manifest["population_scale"] == SCALE
    entries = manifest["calibration"]
    targets = {(e["indicator"], e.get("breakdown"), e["period"]): e["target"] for e in entries}
    assert targets[("recorded-crime-per-1000", None, "current")] == 84.0
    assert targets[("recorded-crime-per-1000", None, "previous")] == 81.6
    assert targets[("charge-rate", None, "both")] == 13.3
    assert targets[("stop-search-disproportionality", None, "both")] == 3.5
    assert targets[("crime-recording-rate", None, "both")] == 92.0
    assert targets[("crime-recording-rate", "violence-against-the-person", "both")] == 86.0
    assert targets[("crime-recording-rate", "sexual-offences", "both")] == 95.0
    sources = {e["indicator"]: e["source"] for e in manifest["calibration"] if e.get("breakdown") is None}
    assert "6.3 million" in sources["calls-per-1000"] and "308" in sources["calls-per-1000"]
    assert "assumption" in sources["stop-search-disproportionality"]
    assert all(set(e) >= {"indicator", "target", "source"} for e in manifest["calibration"])


# ---- reproducibility, scaling and formats -----------------------------------------------------------


def contents(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_the_same_arguments_give_the_same_bytes(tmp_path: Path, file_format: str) -> None:
    runs = {}
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        synthesise("metropolitan", YEAR, tmp_path / name, scale=0.002, seed=seed, file_format=file_format)
        runs[name] = contents(tmp_path / name)
    assert runs["a"] == runs["b"]
    assert runs["a"][f"calls.{file_format}"] != runs["c"][f"calls.{file_format}"]
    assert runs["a"][f"crimes.{file_format}"] != runs["c"][f"crimes.{file_format}"]


def test_parquet_holds_the_same_records_as_csv(tmp_path: Path) -> None:
    for file_format in ("csv", "parquet"):
        synthesise("metropolitan", YEAR, tmp_path / file_format, scale=0.002, file_format=file_format)
    con = connect(tmp_path / "csv")
    for name in TABLE_NAMES:
        parquet = f"read_parquet('{tmp_path / 'parquet' / f'{name}.parquet'}')"
        types = [row[1] for row in rows(con, f"DESCRIBE SELECT * FROM {parquet}")]
        assert types == [c.type.value for c in schema.table(name).columns], name
        for a, b in ((name, parquet), (parquet, name)):
            differ = one(con, f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})")
            assert differ == 0, name


def test_a_smaller_force_has_proportionally_fewer_rows(
    tmp_path: Path, met: tuple[Path, SynthSummary]
) -> None:
    small = synthesise("cumbria", YEAR, tmp_path, scale=SCALE, seed=1)
    ratio = people("cumbria") / people()
    assert ratio < 0.1
    for name in ("calls", "incidents", "crimes", "asb", "stop_search", "outcomes"):
        assert small.rows[name] == pytest.approx(met[1].rows[name] * ratio, rel=0.01, abs=3), name
    residents = connect(tmp_path).execute("SELECT ethnic_group, persons FROM population").fetchall()
    assert dict(residents)["White"] / people("cumbria") == pytest.approx(0.86, abs=0.001)


def test_without_the_previous_year_only_the_year_asked_for_is_written(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    summary = synthesise(
        "metropolitan",
        YEAR,
        tmp_path,
        scale=0.002,
        include_previous_year=False,
        progress=lambda table, done, total: seen.append((table, done, total)),
    )
    con = connect(tmp_path)
    first, last = rows(con, "SELECT min(recorded_on), max(recorded_on) FROM crimes")[0]
    assert (str(first), str(last)) == ("2014-04-01", "2015-03-31")
    assert summary.covers_from == summary.period_start
    assert json.loads((tmp_path / "manifest.json").read_text())["previous_period_start"] is None
    assert ("population", 1, 1) in seen
    calls = [done for table, done, total in seen if table == "calls" and total == 12]
    assert calls == list(range(1, 13))
    assert {table for table, _, _ in seen} == set(TABLE_NAMES)


def test_writing_the_other_format_replaces_an_earlier_synthetic_run(tmp_path: Path) -> None:
    synthesise("city-of-london", YEAR, tmp_path, scale=0.5, file_format="parquet")
    synthesise("city-of-london", YEAR, tmp_path, scale=0.5, file_format="csv")
    assert not list(tmp_path.glob("*.parquet"))
    other = tmp_path / "other"
    other.mkdir()
    (other / "calls.parquet").write_bytes(b"not ours")
    with pytest.raises(InputError, match="not synthetic output"):
        synthesise("city-of-london", YEAR, other, scale=0.5)
    assert (other / "calls.parquet").read_bytes() == b"not ours"


def test_an_interrupted_run_leaves_neither_files_nor_a_manifest(tmp_path: Path) -> None:
    synthesise("city-of-london", YEAR, tmp_path, scale=0.5)
    assert (tmp_path / "manifest.json").exists()

    def stop(table: str, done: int, total: int) -> None:
        if table == "crimes" and done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        synthesise("city-of-london", YEAR, tmp_path, scale=0.5, seed=2, progress=stop)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"force_id": "atlantis"}, "no force 'atlantis'"),
        ({"scale": 0.0}, "scale must be a number greater than 0"),
        ({"scale": -1.0}, "scale must be"),
        ({"scale": math.nan}, "scale must be"),
        ({"scale": math.inf}, "scale must be"),
        ({"year": 1999}, "year must be a whole year from 2000 to 2100"),
        ({"year": 2101}, "year must be"),
        ({"seed": -1}, "seed must be"),
        ({"file_format": "xlsx"}, "file format must be 'csv' or 'parquet'"),
    ],
)
def test_bad_arguments_are_refused_clearly(
    tmp_path: Path, arguments: dict[str, object], message: str
) -> None:
    call: dict[str, object] = {"force_id": "metropolitan", "year": YEAR, "scale": 0.001, **arguments}
    with pytest.raises(InputError, match=message) as caught:
        synthesise(call.pop("force_id"), call.pop("year"), tmp_path / "out", **call)
    assert isinstance(caught.value, ValueError)
    assert not (tmp_path / "out").exists()


# ---- allocation --------------------------------------------------------------------------------------


def test_allocation_sums_to_n_and_is_unbiased() -> None:
    rng = np.random.default_rng(0)
    weights = (0.639, 0.361)
    for n in (0, 1, 7, 1000):
        counts = allocate(rng, n, weights)
        assert counts.sum() == n and (counts >= np.floor(n * np.array(weights))).all()
    # Eleven rows a month at 63.9% average 7.029 over many months, not the 7 that rounding would give.
    mean = np.mean([allocate(rng, 11, weights)[0] for _ in range(20_000)])
    assert mean == pytest.approx(11 * 0.639, abs=0.01)
    assert sorted(categories(rng, 5, (0.2, 0.8))) == [0, 1, 1, 1, 1]
