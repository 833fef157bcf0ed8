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
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# The sibling modules are found through the sys.path entry above, hence imports below it.
from bench_common import (  # noqa: E402
    FORCE,
    IMPLEMENTATIONS,
    TABLES,
    YEAR,
    Run,
    default_data_dir,
)
from bench_report import render  # noqa: E402
from bench_workers import WORKERS, run_worker, scaled_population  # noqa: E402
from doc_sections import carry_sections  # noqa: E402

# ---- data ---------------------------------------------------------------------------------------


def _scale_label(scale: float) -> str:
    return f"{scale:g}".replace(".", "_")


def ensure_data(data_root: Path, scale: float, year: int) -> Path:
    """The two-year synthetic return, made once and reused while its manifest matches."""
    from inspectorate.core.data.synth import GENERATOR, synthesise

    folder = data_root / f"{FORCE}-{year}-scale{_scale_label(scale)}-seed0"
    manifest = folder / "manifest.json"
    if manifest.exists():
        label = json.loads(manifest.read_text(encoding="utf-8"))
        # A return from an older generator may have another header: make it again.
        wanted = {"scale": scale, "year": year, "generator": GENERATOR}
        matches = all(label.get(key) == value for key, value in wanted.items())
        if matches and label.get("previous_period_start"):
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

    from inspectorate.core.data.synth import GENERATOR, synthesise

    month_start = date(year, 4, 1)
    folder = data_root / f"{FORCE}-{month_start:%Y-%m}-scale{_scale_label(scale)}-seed1"
    manifest = folder / "manifest.json"
    if manifest.exists() and json.loads(manifest.read_text(encoding="utf-8")).get("generator") == GENERATOR:
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


def check_append(store_root: Path, run: Run, scale: float, published: Path) -> int:
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
    population = scaled_population(scale)
    expected = figures.compare_and_flatten(
        figures.indicator_values(counts[0], current, population, residents),
        figures.indicator_values(counts[1], previous, population, residents),
        current,
        figures.published_figures(published),
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
    from figures import FIGURES_FILE, write_comparator_figures

    published = args.data_dir / FIGURES_FILE
    write_comparator_figures(published)
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
            appended_numbers = check_append(work / "store", run, args.scale, published)
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
        check_append(work / "store", profiles["append"], args.scale, published)
    print(
        f"all implementations agree on {len(expected):,} numbers; the appended store on {appended_numbers:,}"
    )
    report = render(args, data, extra, runs, profiles, len(expected), appended_numbers)
    # Sections other benchmarks own (between their markers) stay on the page this one rewrites.
    previous = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    report = carry_sections(previous, report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(f"wrote {args.out}")


# ---- command line -------------------------------------------------------------------------------


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
