"""Benchmark: a SYNTHETIC national data return, all 43 forces over five statistical years, loaded into
one store and every force's indicators computed, with DuckDB held to a memory limit below the data's
size (out of core), at two or three scales so that the growth can be read off.

    .venv/bin/python benchmarks/national_bench.py [--scale 0.02 --scale 0.05 ...] [--write-docs]

Each force's return is made by the synthesiser (`synthesise`, one call per statistical year, CSV) at
the force's real size relative to the Metropolitan Police Service (its Census 2011 population) times
--scale. Three steps then run, each in a fresh process whose peak memory the kernel reports as it
exits: making the CSV files; loading them into a `DataStore` with every check (one load per force,
its five years together); and computing every force's indicators and comparisons for the last year
(`force_numbers`, as `inspectorate indicators compute` does), then one national pass over every
force's Parquet files (the engine's monthly counts, grouped by force). The CSV files are deleted once
loaded unless --keep-data is given.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from doc_sections import put_section  # noqa: E402

DATASET = "national"
LAST_YEAR = 2015
YEARS = 5
STEPS = ("generate", "load", "compute")
TITLES = {
    "generate": "Make the CSV files (synthesiser)",
    "load": "Load with every check (`DataStore.load`, 43 loads)",
    "compute": "Indicators for every force, then one national pass",
}


def _years() -> list[int]:
    return list(range(LAST_YEAR - YEARS + 1, LAST_YEAR + 1))


def _folder_size(folder: Path, suffix: str) -> int:
    return sum(p.stat().st_size for p in folder.rglob(f"*{suffix}") if p.is_file())


# ---- the workers (each in its own process) ------------------------------------------------------


def work_generate(args: argparse.Namespace) -> dict[str, Any]:
    from inspectorate.core.data.synth import synthesise
    from inspectorate.core.forces import all_forces

    rows = 0
    for force in all_forces():
        for year in _years():
            summary = synthesise(
                force.id, year, args.data / force.id / str(year), scale=args.scale, seed=0,
                include_previous_year=False,
            )  # fmt: skip
            rows += sum(summary.rows.values())
            # A small force's table can be empty at a small scale; a force sends no empty file.
            for table, count in summary.rows.items():
                if count == 0:
                    summary.files[table].unlink()
    return {"rows": rows, "csv_bytes": _folder_size(args.data, ".csv")}


def _store(args: argparse.Namespace) -> Any:
    from inspectorate.core.data.store import DataStore, MemoryLimit

    spill = args.work / "spill"
    spill.mkdir(parents=True, exist_ok=True)
    return DataStore(args.work / "store", memory=MemoryLimit(args.memory_limit, spill))


def work_load(args: argparse.Namespace) -> dict[str, Any]:
    from inspectorate.core.forces import all_forces

    store = _store(args)
    batches = 0
    for force in all_forces():
        folders = [args.data / force.id / str(year) for year in _years()]
        batches += len(store.load(force.id, DATASET, folders).loaded)
    return {"batches": batches, "parquet_bytes": _folder_size(args.work / "store", ".parquet")}


def work_compute(args: argparse.Namespace) -> dict[str, Any]:
    from inspectorate.core.indicators import Period
    from inspectorate.core.numbers import force_numbers

    store = _store(args)
    steps: dict[str, float] = {}
    start = time.perf_counter()
    values = 0
    for dataset in store.datasets():
        numbers = force_numbers(store, dataset, Period.statistical_year(LAST_YEAR), use_cache=False)
        values += sum(1 for result in numbers.results if result.value is not None)
    steps["every force's indicators and comparisons (force_numbers, 43 calls)"] = time.perf_counter() - start
    start = time.perf_counter()
    rows = _national_pass(store, args)
    steps["one national pass: rows by force and month, every table"] = time.perf_counter() - start
    return {"values": values, "rows_counted": rows, "steps": steps}


def _national_pass(store: Any, args: argparse.Namespace) -> int:
    """The engine's monthly counts over every force's batches at once, grouped by force: the query a
    national figure needs, run once over all the data rather than once per force."""
    from inspectorate.core.data.schema import TABLES
    from inspectorate.core.data.sql import quote_text
    from inspectorate.core.data.store import quiet_connection
    from inspectorate.core.indicators import Period
    from inspectorate.core.indicators.queries import monthly_counts

    con = quiet_connection(store.memory)
    periods = [Period.statistical_year(year) for year in _years()]
    counted = 0
    for spec in TABLES:
        batches = [batch for dataset in store.datasets() for batch in dataset.batches_of(spec.name)]
        files = [str(store.root / batch.file) for batch in batches]
        if not files or spec.name == "population":
            continue
        listing = "[" + ", ".join(quote_text(f) for f in files) + "]"
        force = r"regexp_extract(filename, 'datasets/([^/]+)/', 1)"
        con.execute(
            f"CREATE VIEW {spec.name} AS SELECT * EXCLUDE (filename), {force} AS force "
            f"FROM read_parquet({listing}, filename = true)"
        )
        counts = monthly_counts(con, spec.name, periods, {}, key="force")
        counted += sum(row["rows"] for row in counts.counts.values())
    con.close()
    return counted


WORKERS = {"generate": work_generate, "load": work_load, "compute": work_compute}


def run_worker(args: argparse.Namespace) -> None:
    import duckdb  # noqa: F401

    import inspectorate.core.data.store  # noqa: F401

    start = time.perf_counter()
    found = WORKERS[args.worker](args)
    found["seconds"] = time.perf_counter() - start
    args.result.write_text(json.dumps(found), encoding="utf-8")


# ---- the parent ---------------------------------------------------------------------------------


def run_child(step: str, data: Path, work: Path, scale: float, args: argparse.Namespace) -> dict[str, Any]:
    result = work / f"{step}.json"
    command = [
        sys.executable, str(Path(__file__).resolve()), "--worker", step, "--data", str(data),
        "--work", str(work), "--result", str(result), "--scale", str(scale),
        "--memory-limit", args.memory_limit,
    ]  # fmt: skip
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the {step} step failed at scale {scale:g}")
    found: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    found.update(
        process_seconds=time.perf_counter() - start,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_mib=usage.ru_maxrss / 1024,
        load_before=load_before,
        load_after=os.getloadavg()[0],
    )
    print(
        f"  scale {scale:g} {step}: {found['seconds']:.1f} s, peak {found['peak_mib']:,.0f} MiB, "
        f"load average {load_before:.1f} before, {found['load_after']:.1f} after",
        flush=True,
    )
    return found


def benchmark(args: argparse.Namespace) -> None:
    results: dict[float, dict[str, dict[str, Any]]] = {}
    for scale in args.scale:
        label = f"{scale:g}".replace(".", "_")
        data = args.data_dir / f"national-scale{label}"
        work = args.data_dir / f"national-scale{label}-work"
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        print(f"scale {scale:g}: 43 forces, {YEARS} statistical years ...", flush=True)
        results[scale] = {step: run_child(step, data, work, scale, args) for step in STEPS}
        if not args.keep_data:
            shutil.rmtree(data, ignore_errors=True)
            shutil.rmtree(work, ignore_errors=True)
    body = render(results, args)
    print(body)
    if args.write_docs:
        page = ROOT / "docs" / "benchmarks.md"
        page.write_text(put_section(page.read_text(encoding="utf-8"), "national", body), encoding="utf-8")
        print(f"wrote the national section of {page}")


def render(results: dict[float, dict[str, dict[str, Any]]], args: argparse.Namespace) -> str:
    import duckdb

    lines = [
        "## SYNTHETIC national data: 43 forces, five years, out of core",
        "",
        f"Run of {datetime.now(UTC):%d %B %Y at %H:%M} UTC on {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, DuckDB "
        f"{duckdb.__version__}; written by `benchmarks/national_bench.py`. **Every row is synthetic.**",
        "",
        f"Each of the 43 forces' returns for the statistical years {_years()[0] - 1}/{_years()[0] % 100:02d} "
        f"to {LAST_YEAR - 1}/{LAST_YEAR % 100:02d} was made by the synthesiser at the force's size relative "
        "to the Metropolitan Police Service (Census 2011 population; all 43 together are 6.87 times the "
        "Met) times the scale below; at scale 1 a Met year is about 9.2 million rows. The store's DuckDB "
        f"connections were held to `memory_limit = '{args.memory_limit}'`, spilling to a folder on disk. "
        "Each step is a fresh process; *peak* is its peak resident memory as the kernel reports it "
        "(`ru_maxrss`), DuckDB's and Python's together. The load average (one minute, every process on "
        "the machine) is shown because the machine was shared.",
        "",
        "| Scale | Rows | CSV | Parquet | Step | Time | CPU | Peak | Rows a second | Load average |",
        "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for scale, steps in results.items():
        rows = steps["generate"]["rows"]
        csv_gb = steps["generate"]["csv_bytes"] / 1e9
        parquet_gb = steps["load"]["parquet_bytes"] / 1e9
        for step in STEPS:
            found = steps[step]
            lines.append(
                f"| {scale:g} | {rows:,} | {csv_gb:.2f} GB | {parquet_gb:.2f} GB | {TITLES[step]} | "
                f"{found['seconds']:.1f} s | {found['cpu_seconds']:.1f} s | {found['peak_mib']:,.0f} MiB | "
                f"{rows / found['seconds']:,.0f} | {found['load_before']:.1f} / {found['load_after']:.1f} |"
            )
    lines.append("")
    for scale, steps in results.items():
        inner = "; ".join(f"{name} {seconds:.1f} s" for name, seconds in steps["compute"]["steps"].items())
        values = steps["compute"]["values"]
        counted = steps["compute"]["rows_counted"]
        lines.append(f"- Scale {scale:g}: {inner}; {values:,} indicator values; {counted:,} rows counted.")
    lines += [
        "",
        "See [scaling.md](scaling.md) for what these figures say about larger data and other engines.",
        "",
        "Re-running: `.venv/bin/python benchmarks/national_bench.py "
        + " ".join(f"--scale {s:g}" for s in results)
        + f" --memory-limit {args.memory_limit} --write-docs`.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, action="append", help="volume relative to real (repeatable)")
    parser.add_argument("--memory-limit", default="1GB", help="DuckDB's memory_limit (default 1GB)")
    parser.add_argument(
        "--data-dir", type=Path, default=Path("/tmp/inspectorate-national"), help="where files are made"
    )
    parser.add_argument("--keep-data", action="store_true", help="keep the CSV files and the store")
    parser.add_argument("--write-docs", action="store_true", help="write the section of docs/benchmarks.md")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        args.scale = args.scale[0]
        run_worker(args)
        return
    args.scale = args.scale or [0.02, 0.05, 0.1]
    benchmark(args)


if __name__ == "__main__":
    main()
