"""Writing docs/benchmarks.md from the runs: machine, data, method, results, targets, profile."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from bench_common import (
    FORCE,
    IMPLEMENTATIONS,
    IMPORT_STEP,
    INDICATORS_STEP,
    INSIDE,
    LOAD_STEP,
    PARSE_STEP,
    QUERY_STEP,
    REFERENCE_COPY_STEP,
    TABLES,
    TARGET_APPEND,
    TARGET_LOAD_VS_REFERENCE,
    TARGET_MEMORY,
    TARGET_VS_PANDAS,
    TARGET_VS_REFERENCE,
    TITLES,
    VALUES_STEP,
    VIEWS_STEP,
    WRITE_STEP,
    Run,
    default_data_dir,
)
from figures import FIGURES_FILE, published_figures

# ---- the report ---------------------------------------------------------------------------------


def _machine() -> list[tuple[str, str]]:
    import duckdb
    import numpy
    import pandas
    import pyarrow
    import scipy
    import statsmodels

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return [
        ("CPU", f"{os.cpu_count()} cores ({cpu})"),
        ("Memory", f"{memory / 1024 / 1024:.1f} GiB"),
        ("System", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("DuckDB", duckdb.__version__),
        ("pandas", pandas.__version__),
        ("pyarrow", pyarrow.__version__),
        ("NumPy", numpy.__version__),
        ("SciPy / statsmodels", f"{scipy.__version__} / {statsmodels.__version__}"),
    ]


def _mib(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB"


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def _median(runs: list[Run], value: Callable[[Run], float]) -> float:
    return statistics.median(value(run) for run in runs)


def render(
    args: argparse.Namespace,
    data: Path,
    extra: Path,
    runs: dict[str, list[Run]],
    profiles: dict[str, Run],
    numbers: int,
    appended_numbers: int,
) -> str:
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    extra_rows = sum(int(n) for n in json.loads((extra / "manifest.json").read_text())["rows"].values())
    rows = {table: int(manifest["rows"][table]) for table in TABLES}
    year_end = date(args.year, 3, 31)
    covering = sum(1 for _, end in published_figures(args.data_dir / FIGURES_FILE) if end == year_end)
    sizes = {table: (data / f"{table}.csv").stat().st_size for table in TABLES}
    lines: list[str] = []

    def out(text: str = "") -> None:
        """A Markdown block; prose wrapped in the source becomes one line per paragraph."""
        if text.startswith(("|", "#", "```")) or not text:
            lines.append(text)
        else:
            lines.append(" ".join(text.split()))

    def median_time(name: str, step: str | None = None) -> float:
        if step is None:
            return _median(runs[name], lambda r: r.seconds)
        return _median(runs[name], lambda r: r.steps.get(step, 0.0))

    out("# Benchmarks")
    out()
    out(f"""How fast the indicator engine is on a Metropolitan Police Service sized year, against a
        hand-written DuckDB SQL reference (the near-the-limit floor) and a straightforward pandas
        implementation of the same indicators. This page is written by
        `benchmarks/indicators_bench.py`; every number on it comes from the run of
        {datetime.now(UTC):%d %B %Y at %H:%M} UTC (`--scale {args.scale:g} --runs {args.runs}`).""")
    out()
    out("## Machine")
    out()
    out("| | |")
    out("|---|---|")
    for name, value in _machine():
        out(f"| {name} | {value} |")
    out()
    out("## Data")
    out()
    out(f"""A synthetic return for `{FORCE}` from `synthesise({FORCE!r}, {args.year}, ...,
        scale={args.scale:g}, seed=0, include_previous_year=True)`. The files hold **two statistical
        years**, from {manifest.get("previous_period_start")} to the end of March {args.year} (the year
        ending 31 March {args.year} and the year before it, so that the previous-period comparator has
        data); the rows below are both years together.""")
    out()
    out("| Table | Rows (two years) | CSV size |")
    out("|---|---:|---:|")
    for table in TABLES:
        out(f"| {table} | {rows[table]:,} | {sizes[table] / 1e6:,.1f} MB |")
    out(f"| **all** | **{sum(rows.values()):,}** | **{sum(sizes.values()) / 1e6:,.1f} MB** |")
    out()
    out(f"""A year is {rows["calls"] // 2:,} contacts, {rows["incidents"] // 2:,} incidents and
        {rows["crimes"] // 2:,} crimes. (The generator is calibrated to 84 crimes per 1,000 people plus a
        little fraud, which at full scale is 0.7 million crimes a year rather than the 0.9 million first
        expected.) The month appended in the last measurement is April {args.year}: {extra_rows:,} rows in
        seven files, the first month of `synthesise(..., {args.year + 1}, seed=1,
        include_previous_year=False)` with its ids renamed so that they do not repeat the loaded
        ones.""")
    out()
    out("## Method")
    out()
    times = "once" if args.runs == 1 else f"{args.runs} times"
    out(f"""- Each implementation ran {times}, **each run in a fresh Python process** (the
        script calling itself with `--worker`), the implementations taking turns. Tables give the
        median, with min and max.""")
    out("""- *Time* is the wall time of the work inside the process, from just after `duckdb` and the
        project (or pandas) are imported to the last test. *Process* is the whole child as the parent
        saw it, interpreter start and imports included. *CPU* is the child's user plus system time.
        The CSV files are in the page cache for every run.""")
    out("- *Peak memory* is the child's peak resident set size (`ru_maxrss` from `wait4` as it exits).")
    out(f"""- Before each run the parent waits (up to {args.quiet_wait:g} s) until other processes use
        under 0.3 cores; *other load* is the CPU other processes used during the run, in cores, and a
        run during which they used more than {args.max_other_load:g} is done again (up to
        {args.retries} times).""")
    out(f"""- All implementations must give the same {numbers:,} numbers to within 1e-9 relative: every
        indicator's value, numerator and denominator and every breakdown row, and for every comparison
        the comparator's value, the difference, the p-value and (for targets) whether it is met. The
        previous year's values come in as the previous-period comparator, and its counts through that
        test's p-value. The parent checks every run against the engine's first and stops, listing
        them, if any number differs.""")
    out()
    out("What each implementation does:")
    out()
    out(f"""1. **Engine**: a fresh `DataStore` in a temporary folder; `store.load(...)` of the eight CSV
        files (each CSV parsed with its types, rejected lines collected, and streamed into one zstd
        Parquet file, format version 2, which becomes its batch; then over that file required fields,
        vocabularies, ranges and cross-column checks with the rows per month in one scan, and
        repeated keys by sorting the keys' hashes; the SHA-256 of each file in a thread; the
        catalog); then `force_numbers(store, dataset, Period.statistical_year({args.year}))`, the call
        behind `inspectorate indicators compute`: both years' values from one pass over each table,
        and every comparator (previous period; the 999 and 101 targets; England and Wales, worked out
        from the shipped national tables where they cover a period and copied from published reports
        where they do not, {covering} of which cover this year; the most similar group, which has no
        figure as no groups are given) with its significance test. The references are given the same
        England and Wales figures, worked out once by the parent and read from a small file.""")
    out("""2. **SQL reference**: `COPY (SELECT * FROM read_csv(..., columns = {...})) TO ... (FORMAT
        parquet, COMPRESSION zstd)` for each file, with no checks; one hand-written aggregate query per
        table over the Parquet files (counts by month and breakdown key, with `FILTER` clauses); then
        the indicators and the same tests (statsmodels and scipy called directly) in a few lines of
        Python.""")
    out("""3. **pandas**: `pandas.read_csv` for each file with dtypes and `parse_dates`;
        `DataFrame.to_parquet` (pyarrow, zstd); boolean masks and `value_counts` for each period; then
        the same indicator and test code as the SQL reference.""")
    out(f"""4. **Append**: a copy of the store left by an engine run (both years loaded); in a fresh
        process one more month is loaded, with validation, and every indicator and comparison
        recomputed with `force_numbers(store, dataset)` (no period given, as on the command line
        without `--year`: the 12 months to the new month). Its {appended_numbers:,} numbers are checked
        against the SQL reference's queries over the same Parquet files.""")
    out()
    out("## Results")
    out()
    out("| | Time (median) | min | max | Process | CPU | Peak memory | Other load |")
    out("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in (*IMPLEMENTATIONS, "append"):
        found = runs[name]
        if not found:
            continue
        seconds = [run.seconds for run in found]
        cells = [
            f"**{_s(statistics.median(seconds))}**",
            _s(min(seconds)),
            _s(max(seconds)),
            _s(_median(found, lambda r: r.process_seconds)),
            _s(_median(found, lambda r: r.cpu_seconds)),
            _mib(_median(found, lambda r: r.peak_kib)),
            f"{max(r.other_load for r in found):.2f}",
        ]
        out(f"| {TITLES[name]} | {' | '.join(cells)} |")
    out()
    out("Time by step (medians, seconds):")
    out()
    for name in (*IMPLEMENTATIONS, "append"):
        if runs[name]:
            listed = "; ".join(f"{step} {median_time(name, step):.2f}" for step in runs[name][0].steps)
            out(f"- {TITLES[name]}: {listed}.")
    out()
    out("## Against the targets")
    out()
    out("| Target | Measured | |")
    out("|---|---:|---|")
    engine = median_time("engine")
    targets: list[tuple[str, float, bool]] = []
    if runs["sql"]:
        ratio = engine / median_time("sql")
        targets.append(
            (
                f"Engine within {TARGET_VS_REFERENCE:g}x of the SQL reference's time",
                ratio,
                ratio <= TARGET_VS_REFERENCE,
            )
        )
        ratio = median_time("engine", LOAD_STEP) / median_time("sql", REFERENCE_COPY_STEP)
        targets.append(
            (
                f"Engine's load (every check, the catalog) within {TARGET_LOAD_VS_REFERENCE:g}x of the "
                "reference's CSV to Parquet",
                ratio,
                ratio <= TARGET_LOAD_VS_REFERENCE,
            )
        )
    if runs["pandas"]:
        ratio = median_time("pandas") / engine
        targets.append(
            (f"Engine at least {TARGET_VS_PANDAS:g}x faster than pandas", ratio, ratio >= TARGET_VS_PANDAS)
        )
    if runs["sql"]:
        ratio = _median(runs["engine"], lambda r: r.peak_kib) / _median(runs["sql"], lambda r: r.peak_kib)
        targets.append(
            (
                f"Engine peak memory within {TARGET_MEMORY:g}x of the reference's",
                ratio,
                ratio <= TARGET_MEMORY,
            )
        )
    ratio = median_time("append") / engine
    targets.append(
        (
            f"Append a month and recompute in at most {TARGET_APPEND:g} of a full run",
            ratio,
            ratio <= TARGET_APPEND,
        )
    )
    for label, ratio, met in targets:
        shown = f"{ratio:.3f}" if label.startswith("Append") else f"{ratio:.2f}x"
        out(f"| {label} | {shown} | {'met' if met else '**not met**'} |")
    out()
    out(f"""The targets are for 2 cores; this machine has {os.cpu_count()}, and DuckDB used them all
        (its default).""")
    out()
    out("## Where the engine's time goes")
    out()
    out("""One more run of each, with every DuckDB statement the engine runs timed (told apart by its
        text) and the Python steps around them; the wrappers cost a little, so the totals are a shade
        above the timed runs. Hashing runs in a thread beside the parsing, so its time overlaps the
        parsing's.""")
    out()
    out("| Step | Full run (s) | Share | Append (s) | Share |")
    out("|---|---:|---:|---:|---:|")
    tables = {name: _profile_rows(profile) for name, profile in profiles.items()}
    totals = {
        name: sum(seconds for step, seconds in found.items() if not step.startswith(INSIDE))
        for name, found in tables.items()
    }
    for step in tables["engine"]:
        shares = []
        for name in ("engine", "append"):
            spent = tables[name].get(step, 0.0)
            shares += [f"{spent:.2f}", f"{100 * spent / totals[name]:.0f}%"]
        out(f"| {step} | {' | '.join(shares)} |")
    out(f"| **total** | **{totals['engine']:.2f}** | | **{totals['append']:.2f}** | |")
    out()
    if runs["sql"]:
        profile = tables["engine"]
        reference_io = median_time("sql", REFERENCE_COPY_STEP)
        parsed = profile.get(PARSE_STEP, 0.0) + profile.get(WRITE_STEP, 0.0)
        reference_rest = sum(
            median_time("sql", step) for step in ("aggregate queries", IMPORT_STEP, "indicators and tests")
        )
        out("Side by side with the reference (medians of the timed runs; the profile where marked):")
        out()
        out("| | Engine | SQL reference |")
        out("|---|---:|---:|")
        comparisons = [
            (
                "CSV files read and written as Parquet (the engine with all its checks)",
                f"{median_time('engine', LOAD_STEP):.2f} s",
                reference_io,
            ),
            ("of which parsing and writing alone", f"{parsed:.2f} s (profile)", reference_io),
            (
                "Indicators, comparisons and tests, with what they import",
                f"{median_time('engine', INDICATORS_STEP):.2f} s",
                reference_rest,
            ),
            (
                "of which the indicator queries",
                f"{profile.get(INSIDE + QUERY_STEP, 0.0):.2f} s (profile)",
                median_time("sql", "aggregate queries"),
            ),
            (
                "of which importing scipy and statsmodels",
                "none (its tests need only math and scipy.special)",
                median_time("sql", IMPORT_STEP),
            ),
        ]
        for label, engine_cell, reference_seconds in comparisons:
            out(f"| {label} | {engine_cell} | {reference_seconds:.2f} s |")
        out()
    out("## Re-running")
    out()
    out("```")
    out("make setup   # once")
    out(".venv/bin/python benchmarks/indicators_bench.py --runs 3 --out docs/benchmarks.md")
    out("```")
    out()
    out(f"""The synthetic files are made on the first run and kept in `--data-dir` (default
        `{default_data_dir()}`; {sum(sizes.values()) / 1e9:.1f} GB of CSV at this scale); delete the
        folder to make them again. `--scale 0.1` gives a quick run on a tenth of the volume (the targets
        are for scale 1); `--skip pandas` leaves the slowest implementation out. At scale 1 with three
        runs of each the benchmark takes about ten minutes. Other work on the machine spoils the
        figures: the parent waits for quiet before each run and repeats a crowded one, but cannot stop
        others starting.""")
    out()
    return "\n".join(lines)


def _profile_rows(profile: Run) -> dict[str, float]:
    """A profile run's steps, largest first; the indicator queries follow the step they are part of."""
    steps = dict(profile.steps)
    load = steps.pop(LOAD_STEP, 0.0)
    indicators = steps.pop(INDICATORS_STEP, 0.0)
    inside = {name: steps.pop(name) for name in (QUERY_STEP, VIEWS_STEP) if name in steps}
    load_parts = sum(seconds for name, seconds in steps.items() if name.startswith("load:"))
    steps["load: other (Python, catalog, small statements)"] = max(0.0, load - load_parts)
    indicator_parts = sum(seconds for name, seconds in steps.items() if name.startswith("indicators:"))
    steps["indicators: other (Python, the store's catalog)"] = max(0.0, indicators - indicator_parts)
    found: dict[str, float] = {}
    for name, seconds in sorted(steps.items(), key=lambda item: -item[1]):
        found[name] = seconds
        if name == VALUES_STEP:
            found.update({INSIDE + inner: value for inner, value in inside.items()})
    return found
