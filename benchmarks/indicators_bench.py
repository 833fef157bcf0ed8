"""Benchmark: one Metropolitan-sized year of data through the whole indicator engine, against a
hand-written DuckDB reference and a straightforward pandas implementation of the same indicators.

    .venv/bin/python benchmarks/indicators_bench.py [--scale S] [--runs N] [--out docs/benchmarks.md]

The synthetic return (two statistical years, so that the previous period can be compared) is made
once and kept in --data-dir. Every timed run is a fresh Python process running this same script with
--worker, so no run inherits another's caches, imported modules or heap; the parent takes each
child's peak resident memory from the kernel when it exits. All implementations must produce the
same numbers (to 1e-9 relative), or the benchmark stops and says which numbers differ.

This is a benchmark, not a test: it takes several minutes and writes its findings to --out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

FORCE = "metropolitan"
DATASET = "bench"
YEAR = 2015
TABLES = ("calls", "incidents", "crimes", "outcomes", "stop_search", "asb", "survey", "population")
IMPLEMENTATIONS = ("engine", "sql", "pandas")
TITLES = {
    "engine": "Engine (load with validation, indicators, comparators)",
    "sql": "Hand-written DuckDB SQL reference",
    "pandas": "pandas",
    "append": "Engine: append one month and recompute",
}
# The targets the engine is held to: engine / reference time, pandas / engine time, engine / reference memory,
# append / full engine run.
TARGET_VS_REFERENCE = 1.25
TARGET_VS_PANDAS = 3.0
TARGET_MEMORY = 2.0
TARGET_APPEND = 0.1
LOAD_STEP = "load: read, check, write Parquet"
INDICATORS_STEP = "indicators and comparisons"
IMPORT_STEP = "import scipy.stats and statsmodels (for the tests)"
# Steps of the profile runs that the report refers to by name.
PARSE_STEP = "load: parse CSV and write it as Parquet (one streamed COPY)"
WRITE_STEP = "load: write Parquet (COPY)"
VALUES_STEP = "indicators: values (queries and Python)"
QUERY_STEP = "indicators: SQL (monthly counts)"
VIEWS_STEP = "indicators: create views"
INSIDE = "of which "


# ---- timing inside a worker ---------------------------------------------------------------------


class Steps:
    """Seconds spent in each named step; a step entered twice adds up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


def _population(scale: float) -> int:
    """The population a synthetic return's rates are over: the force's, scaled like the sample."""
    from inspectorate.core.forces.population import population_of

    figure = population_of(FORCE)
    assert figure is not None
    return int(figure.population) if scale == 1.0 else round(figure.population * scale)


# ---- the workers (each runs in its own process) ------------------------------------------------


def work_engine(args: argparse.Namespace, steps: Steps) -> dict[str, Any]:
    from engine_run import engine_results, flatten_engine

    from inspectorate.core.data.store import DataStore
    from inspectorate.core.indicators import Period

    store = DataStore(args.work / "store")
    with steps(LOAD_STEP):
        store.load(FORCE, DATASET, [args.data])
    with steps(INDICATORS_STEP):
        dataset = store.get_dataset(f"{FORCE}/{DATASET}")
        numbers = engine_results(store, dataset, Period.statistical_year(args.year))
    return flatten_engine(numbers)


def work_append(args: argparse.Namespace, steps: Steps) -> dict[str, Any]:
    """Load one more month into a store that already holds the two years, and recompute.

    No period is named, as with ``inspectorate indicators compute`` without --year: the latest 12
    months, which now end with the new month.
    """
    from engine_run import engine_results, flatten_engine

    from inspectorate.core.data.store import DataStore

    store = DataStore(args.work / "store")
    with steps(LOAD_STEP):
        store.load(FORCE, DATASET, [args.data])
    with steps(INDICATORS_STEP):
        numbers = engine_results(store, store.get_dataset(f"{FORCE}/{DATASET}"), None)
    return flatten_engine(numbers)


def _import_tests(steps: Steps) -> None:
    """Import what the significance tests use, as its own step: it costs seconds, the tests do not."""
    with steps(IMPORT_STEP):
        import scipy.stats  # noqa: F401
        import statsmodels.stats.proportion
        import statsmodels.stats.rates  # noqa: F401


def _reference_answer(
    args: argparse.Namespace,
    steps: Steps,
    counts: list[Any],
    residents: dict[str, int],
    periods: tuple[Any, Any],
) -> dict[str, Any]:
    """The references' last step: indicators from the counts of both periods, then every comparison."""
    import figures

    _import_tests(steps)
    with steps("indicators and tests"):
        population = _population(args.scale)
        current, previous = (
            figures.indicator_values(period_counts, period, population, residents)
            for period_counts, period in zip(counts, periods, strict=True)
        )
        return figures.compare_and_flatten(current, previous, periods[0], figures.published_figures())


def work_sql(args: argparse.Namespace, steps: Steps) -> dict[str, Any]:
    import duckdb
    import figures
    import reference_sql

    con = duckdb.connect()
    parquet = {table: args.work / f"{table}.parquet" for table in TABLES}
    with steps("read CSV, write Parquet"):
        for table in TABLES:
            reference_sql.csv_to_parquet(con, args.data / f"{table}.csv", parquet[table], table)
    periods = figures.statistical_year(args.year)
    with steps("aggregate queries"):
        counts, residents = reference_sql.count_periods(con, parquet, list(periods))
    return _reference_answer(args, steps, counts, residents, periods)


def work_pandas(args: argparse.Namespace, steps: Steps) -> dict[str, Any]:
    import figures
    import reference_pandas

    frames = {}
    with steps("read CSV"):
        for table in TABLES:
            frames[table] = reference_pandas.read(args.data / f"{table}.csv", table)
    with steps("write Parquet"):
        for table, frame in frames.items():
            reference_pandas.write_parquet(frame, args.work / f"{table}.parquet")
    periods = figures.statistical_year(args.year)
    with steps("count"):
        counts, residents = reference_pandas.count_periods(frames, list(periods))
    return _reference_answer(args, steps, counts, residents, periods)


def _instrument(steps: Steps) -> None:
    """Time every DuckDB statement the engine runs (told apart by its text) and the Python around them.

    For the profile runs only, which are not among the timed runs: the wrappers cost a little.
    """
    import duckdb

    import inspectorate.core.data.store as store_module
    import inspectorate.core.numbers as numbers_module

    real_connect = duckdb.connect

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*a: Any, **k: Any) -> Any:
            with steps(name):
                return function(*a, **k)

        return wrapper

    class TimedConnection:
        def __init__(self, con: Any) -> None:
            self._con = con
            self._last = "other SQL"

        def execute(self, sql: str, *a: Any, **k: Any) -> TimedConnection:
            self._last = _statement_kind(sql)
            with steps(self._last):
                self._con.execute(sql, *a, **k)
            return self

        def executemany(self, sql: str, *a: Any, **k: Any) -> TimedConnection:
            self._last = _statement_kind(sql)
            with steps(self._last):
                self._con.executemany(sql, *a, **k)
            return self

        def fetchall(self) -> Any:
            with steps(self._last):
                return self._con.fetchall()

        def __getattr__(self, name: str) -> Any:
            return getattr(self._con, name)

    duckdb.connect = lambda *a, **k: TimedConnection(real_connect(*a, **k))  # type: ignore[assignment]
    store_module.file_sha256 = timed(
        "load: SHA-256 of each file (in a thread, beside the parsing)", store_module.file_sha256
    )
    numbers_module.compute_periods = timed(VALUES_STEP, numbers_module.compute_periods)
    numbers_module.compare = timed("indicators: comparisons and significance tests", numbers_module.compare)


def work_profile(args: argparse.Namespace, steps: Steps) -> dict[str, Any]:
    _instrument(steps)
    return work_engine(args, steps)


def work_profile_append(args: argparse.Namespace, steps: Steps) -> dict[str, Any]:
    _instrument(steps)
    return work_append(args, steps)


def _statement_kind(sql: str) -> str:
    text = " ".join(sql.split())
    if "read_csv(" in text:
        return PARSE_STEP
    if "FROM rejects_" in text:
        return "load: collect rejected lines"
    if text.startswith("COPY ("):
        return WRITE_STEP
    if "count(DISTINCT" in text:
        return "load: row checks and repeated keys (one scan)"
    if "date_trunc('month'" in text and " AS key" in text:
        return QUERY_STEP
    if "date_trunc('month'" in text:
        return "load: rows per month of each batch"
    if text.startswith("SELECT count(*) FROM src_"):
        return "load: count rows"
    if text.startswith("CREATE VIEW"):
        return VIEWS_STEP
    if "arg_max(persons" in text:
        return QUERY_STEP
    return "other SQL"


WORKERS: dict[str, Callable[[argparse.Namespace, Steps], dict[str, Any]]] = {
    "engine": work_engine,
    "sql": work_sql,
    "pandas": work_pandas,
    "append": work_append,
    "profile": work_profile,
    "profile-append": work_profile_append,
}


def run_worker(args: argparse.Namespace) -> None:
    # Libraries every implementation needs are imported before the clock starts, so the times are of
    # the work; the parent also records the whole process's wall time.
    import duckdb  # noqa: F401

    if args.worker == "pandas":
        import pandas  # noqa: F401
    else:
        import inspectorate.core.data.store
        import inspectorate.core.numbers  # noqa: F401
    steps = Steps()
    start = time.perf_counter()
    numbers = WORKERS[args.worker](args, steps)
    seconds = time.perf_counter() - start
    result = {"seconds": seconds, "steps": steps.seconds, "numbers": numbers}
    args.result.write_text(json.dumps(result), encoding="utf-8")


# ---- data ---------------------------------------------------------------------------------------


def _scale_label(scale: float) -> str:
    return f"{scale:g}".replace(".", "_")


def ensure_data(data_root: Path, scale: float, year: int) -> Path:
    """The two-year synthetic return, made once and reused while its manifest matches."""
    from inspectorate.core.data.synth import synthesise

    folder = data_root / f"{FORCE}-{year}-scale{_scale_label(scale)}-seed0"
    manifest = folder / "manifest.json"
    if manifest.exists():
        label = json.loads(manifest.read_text(encoding="utf-8"))
        if label.get("scale") == scale and label.get("year") == year and label.get("previous_period_start"):
            return folder
    print(f"generating the synthetic return in {folder} ...", flush=True)
    synthesise(FORCE, year, folder, scale=scale, seed=0, file_format="csv", include_previous_year=True)
    return folder


# Columns holding the generator's ids, renamed in the extra month so that they do not repeat the
# first generation's.
ID_COLUMNS = {
    "calls": ("call_id",),
    "incidents": ("incident_id", "call_id"),
    "crimes": ("crime_id", "incident_id", "victim_ref"),
    "outcomes": ("crime_id",),
    "survey": ("response_id", "crime_id"),
    "asb": ("asb_id",),
    "stop_search": (),
}
DATE_COLUMNS = {
    "calls": "received_at",
    "incidents": "opened_at",
    "crimes": "recorded_on",
    "outcomes": "outcome_on",
    "survey": "surveyed_on",
    "asb": "reported_on",
    "stop_search": "searched_at",
}


def ensure_append_month(data_root: Path, scale: float, year: int) -> Path:
    """April after the two loaded years, with fresh ids: the first month of the generator's next year.

    The next statistical year is generated with another seed and only its first month kept, in the
    same CSV layout; the population file is left out, as a monthly return would not repeat it.
    """
    import duckdb

    from inspectorate.core.data.synth import synthesise

    month_start = date(year, 4, 1)
    folder = data_root / f"{FORCE}-{month_start:%Y-%m}-scale{_scale_label(scale)}-seed1"
    manifest = folder / "manifest.json"
    if manifest.exists():
        return folder
    print(f"generating the extra month in {folder} ...", flush=True)
    with tempfile.TemporaryDirectory(dir=data_root) as scratch:
        whole_year = Path(scratch)
        summary = synthesise(FORCE, year + 1, whole_year, scale=scale, seed=1, include_previous_year=False)
        folder.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect()
        rows = {}
        for table, column in DATE_COLUMNS.items():
            renamed = ", ".join(
                rf"regexp_replace({name}, '^SYN-([A-Z]+)-', 'SYN-\1-N') AS {name}"
                for name in ID_COLUMNS[table]
            )
            replace = f" REPLACE ({renamed})" if renamed else ""
            source = whole_year / f"{table}.csv"
            select = (
                f"SELECT *{replace} FROM read_csv('{source}', header = true, all_varchar = true) "
                f"WHERE {column} >= '{month_start}' AND {column} < '{date(year, 5, 1)}'"
            )
            con.execute(f"COPY ({select}) TO '{folder / f'{table}.csv'}' (FORMAT csv, HEADER)")
            rows[table] = con.execute(f"SELECT count(*) FROM ({select})").fetchall()[0][0]
        generated = json.loads(summary.manifest.read_text(encoding="utf-8")) if summary.manifest else {}
    label = {
        key: generated.get(key) for key in ("synthetic", "generator", "force_id", "scale", "seed", "year")
    }
    label.update(
        month=f"{month_start:%Y-%m}",
        rows=rows,
        note="first month of the generator's next statistical year, ids renamed",
    )
    manifest.write_text(json.dumps(label, indent=2) + "\n", encoding="utf-8")
    return folder


# ---- running and measuring children -------------------------------------------------------------


def _cpu_busy_seconds() -> float:
    """CPU time the whole machine has spent busy since boot, in seconds (all cores together)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_until_quiet(limit: float, threshold: float = 0.3) -> float:
    """Wait (up to ``limit`` seconds) for other processes to leave the cores alone; the load last seen."""
    deadline = time.monotonic() + limit
    while True:
        before = _cpu_busy_seconds()
        time.sleep(2.0)
        load = (_cpu_busy_seconds() - before) / 2.0
        if load < threshold or time.monotonic() > deadline:
            return load
        print(f"  waiting: other processes are using {load:.1f} cores", flush=True)


@dataclass
class Run:
    implementation: str
    seconds: float
    process_seconds: float
    cpu_seconds: float
    peak_kib: int
    # Cores' worth of CPU used by other processes while the run went on.
    other_load: float
    steps: dict[str, float]
    numbers: dict[str, Any] = field(repr=False)


def run_child(worker: str, data: Path, work: Path, args: argparse.Namespace) -> Run:
    result = work / "result.json"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        worker,
        "--data",
        str(data),
        "--work",
        str(work),
        "--result",
        str(result),
        "--year",
        str(args.year),
        "--scale",
        str(args.scale),
    ]
    wait_until_quiet(args.quiet_wait)
    busy = _cpu_busy_seconds()
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT)
    # wait4 gives this child's own resource use; RUSAGE_CHILDREN would mix every child so far.
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    process_seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"the {worker} worker failed (exit status {child.returncode})")
    cpu = usage.ru_utime + usage.ru_stime
    other = max(0.0, (_cpu_busy_seconds() - busy - cpu) / process_seconds)
    found = json.loads(result.read_text(encoding="utf-8"))
    return Run(
        worker,
        found["seconds"],
        process_seconds,
        cpu,
        int(usage.ru_maxrss),
        other,
        found["steps"],
        found["numbers"],
    )


def check_same(expected: dict[str, Any], run: Run, against: str) -> None:
    from figures import differences

    found = differences(expected, run.numbers)
    if found:
        listing = "\n  ".join(found[:50])
        more = f"\n  ... and {len(found) - 50} more" if len(found) > 50 else ""
        raise SystemExit(
            f"NUMBERS DIFFER: {run.implementation} does not agree with {against} on {len(found)} of "
            f"{len(expected)} numbers ({against} / {run.implementation}):\n  {listing}{more}"
        )


def check_append(store_root: Path, run: Run, scale: float) -> int:
    """The appended store's results against the SQL reference's counts over the same Parquet files."""
    import duckdb
    import figures
    import reference_sql

    catalog = json.loads((store_root / "catalog.json").read_text(encoding="utf-8"))
    batches = catalog["datasets"][0]["batches"]
    parquet = {table: [store_root / b["file"] for b in batches if b["table"] == table] for table in TABLES}
    last = max(month for b in batches if b["table"] == "calls" for month in b["months"])
    end = date(int(last[:4]) + int(last[5:]) // 12, int(last[5:]) % 12 + 1, 1)
    current, previous = figures.twelve_months_to(end)
    counts, residents = reference_sql.count_periods(duckdb.connect(), parquet, [current, previous])
    population = _population(scale)
    expected = figures.compare_and_flatten(
        figures.indicator_values(counts[0], current, population, residents),
        figures.indicator_values(counts[1], previous, population, residents),
        current,
        figures.published_figures(),
    )
    check_same(expected, run, "the SQL reference over the appended store")
    return len(expected)


def measure(
    worker: str,
    data: Path,
    work: Path,
    args: argparse.Namespace,
    prepare: Callable[[Path], None] | None = None,
) -> Run:
    """One run in a fresh process, done again (up to --retries times) if other work crowded it."""
    for attempt in range(args.retries + 1):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        if prepare is not None:
            prepare(work)
        run = run_child(worker, data, work, args)
        print(
            f"  {run.seconds:.1f} s, peak {run.peak_kib / 1024:,.0f} MiB, "
            f"other processes {run.other_load:.2f} cores",
            flush=True,
        )
        if run.other_load <= args.max_other_load or attempt == args.retries:
            return run
        print("  other processes took too much CPU during that run; running it again", flush=True)
    raise AssertionError("unreachable")


def benchmark(args: argparse.Namespace) -> None:
    args.data_dir.mkdir(parents=True, exist_ok=True)
    data = ensure_data(args.data_dir, args.scale, args.year)
    extra = ensure_append_month(args.data_dir, args.scale, args.year)
    runs: dict[str, list[Run]] = {name: [] for name in (*IMPLEMENTATIONS, "append")}
    implementations = [name for name in IMPLEMENTATIONS if name not in args.skip]
    expected: dict[str, Any] | None = None
    with tempfile.TemporaryDirectory(dir=args.data_dir, prefix="runs-") as scratch:
        scratch_dir = Path(scratch)

        def copy_base(work: Path) -> None:
            shutil.copytree(scratch_dir / "base", work / "store")

        for number in range(1, args.runs + 1):
            # Implementations take turns, so a slow spell on the machine does not land on one of them.
            for name in implementations:
                print(f"run {number}/{args.runs}: {name} ...", flush=True)
                run = measure(name, data, scratch_dir / name, args)
                if expected is None:
                    expected = run.numbers
                else:
                    check_same(expected, run, "the engine's first run")
                runs[name].append(run)
                if name == "engine":
                    # The engine's store (two years loaded) is where every append run starts from.
                    shutil.rmtree(scratch_dir / "base", ignore_errors=True)
                    (scratch_dir / "engine" / "store").rename(scratch_dir / "base")
        assert expected is not None
        appended_numbers = 0
        for number in range(1, args.runs + 1):
            print(f"run {number}/{args.runs}: append ...", flush=True)
            work = scratch_dir / "append"
            run = measure(
                "append",
                extra,
                work,
                args,
                prepare=copy_base,
            )
            appended_numbers = check_append(work / "store", run, args.scale)
            runs["append"].append(run)

        print("profile: the engine with every statement timed ...", flush=True)
        profiles = {"engine": measure("profile", data, scratch_dir / "profile", args)}
        check_same(expected, profiles["engine"], "the engine's first run")
        print("profile: the append with every statement timed ...", flush=True)
        work = scratch_dir / "profile-append"
        profiles["append"] = measure(
            "profile-append",
            extra,
            work,
            args,
            prepare=copy_base,
        )
        check_append(work / "store", profiles["append"], args.scale)
    print(
        f"all implementations agree on {len(expected):,} numbers; the appended store on {appended_numbers:,}"
    )
    report = render(args, data, extra, runs, profiles, len(expected), appended_numbers)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(f"wrote {args.out}")


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
        files (typed parse with rejected lines collected; required fields, vocabularies, ranges and
        cross-column checks; repeated keys; rows per month; one zstd Parquet batch per file; the
        catalog); then `force_numbers(store, dataset, Period.statistical_year({args.year}))`, the call
        behind `inspectorate indicators compute`: both years' values from one pass over each table,
        and every comparator (previous period; the 999 and 101 targets; England and Wales from the
        shipped published figures, three of which cover this year; the most similar group, which has
        no figure as no groups are given) with its significance test.""")
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
        reference_io = median_time("sql", "read CSV, write Parquet")
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
    steps.pop(INDICATORS_STEP, None)
    inside = {name: steps.pop(name) for name in (QUERY_STEP, VIEWS_STEP) if name in steps}
    load_parts = sum(seconds for name, seconds in steps.items() if name.startswith("load:"))
    steps["load: other (Python, catalog, small statements)"] = max(0.0, load - load_parts)
    found: dict[str, float] = {}
    for name, seconds in sorted(steps.items(), key=lambda item: -item[1]):
        found[name] = seconds
        if name == VALUES_STEP:
            found.update({INSIDE + inner: value for inner, value in inside.items()})
    return found


# ---- command line -------------------------------------------------------------------------------


def default_data_dir() -> Path:
    return Path(tempfile.gettempdir()) / "inspectorate-bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="volume relative to the real force (default 1)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each implementation (default 3)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs/benchmarks.md", help="report to write")
    parser.add_argument(
        "--data-dir", type=Path, default=default_data_dir(), help="where the synthetic files are kept"
    )
    parser.add_argument(
        "--year", type=int, default=YEAR, help="statistical year (ending 31 March) to compute"
    )
    parser.add_argument(
        "--skip", action="append", default=[], choices=("sql", "pandas"), help="leave one out"
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=300.0,
        help="longest wait for a quiet machine before each run, in seconds (default 300)",
    )
    parser.add_argument(
        "--max-other-load",
        type=float,
        default=0.25,
        help="run again when other processes used more cores than this during a run",
    )
    parser.add_argument("--retries", type=int, default=3, help="most times a crowded run is repeated")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(args)
    else:
        benchmark(args)


if __name__ == "__main__":
    main()
