"""Benchmark: the computing steps of a crime data integrity audit on a Metropolitan-sized return.

    .venv/bin/python benchmarks/cdi_bench.py [--scale 1.0] [--repeat 3] [--write-docs]

The return is the indicators benchmark's synthetic one (made once, kept in --data-dir), loaded into
a temporary data store; the load is measured once, apart, as it is the data's cost, not the audit's.
Then each step (frame, sample, worksheet out and back, estimate, coverage simulation) runs --repeat
times, each time in a fresh Python process (this script with --worker), the steps taking turns; the
parent takes each child's wall time and peak resident memory from the kernel as it exits.

This is a benchmark, not a test. With --write-docs it replaces its own section of
docs/benchmarks.md; otherwise it prints the section.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# The sibling modules are found through the sys.path entry above, hence imports below it.
from bench_common import YEAR, Run, default_data_dir  # noqa: E402
from indicators_bench import _cpu_busy_seconds, ensure_data, wait_until_quiet  # noqa: E402

SECTION = "cdi"
# (worker, design) in the order the report lists them; the design names a simulated population.
STEPS = (
    ("frame", None),
    ("frame-asb", None),
    ("draw-default", None),
    ("draw-1500", None),
    ("write-csv", None),
    ("write-xlsx", None),
    ("read-csv", None),
    ("read-xlsx", None),
    ("estimate", None),
)


def _simulated_designs() -> list[str]:
    from inspectorate.core.cdi.simulate import STANDARD_DESIGNS

    return [design.name for design in STANDARD_DESIGNS]


def run_child(
    worker: str, work: Path, paths: dict[str, Path], args: argparse.Namespace, design: str | None
) -> Run:
    """One step in a fresh process; its own resource use from wait4, as indicators_bench.run_child does."""
    result = work / "result.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", worker, "--work", str(work)]
    command += ["--result", str(result), "--audits", str(args.audits), "--scale", str(args.scale)]
    command += [item for name, path in paths.items() for item in (f"--{name}", str(path))]
    if design:
        command += ["--design", design]
    wait_until_quiet(args.quiet_wait)
    busy = _cpu_busy_seconds()
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    process_seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the {worker} worker failed (exit status {os.waitstatus_to_exitcode(status)})")
    cpu = usage.ru_utime + usage.ru_stime
    other = max(0.0, (_cpu_busy_seconds() - busy - cpu) / process_seconds)
    found = json.loads(result.read_text(encoding="utf-8"))
    facts = found["facts"] | {"ready_kib": found["ready_kib"]}
    return Run(
        worker, found["seconds"], process_seconds, cpu, int(usage.ru_maxrss), other, found["steps"], facts
    )


def measure(
    worker: str, work: Path, paths: dict[str, Path], args: argparse.Namespace, design: str | None = None
) -> Run:
    """One run, done again (up to --retries times) if other processes crowded it."""
    label = f"{worker} {design}" if design else worker
    for attempt in range(args.retries + 1):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        run = run_child(worker, work, paths, args, design)
        print(
            f"  {label}: {run.seconds:.3f} s (process {run.process_seconds:.2f} s), "
            f"peak {run.peak_kib / 1024:,.0f} MiB, other processes {run.other_load:.2f} cores",
            flush=True,
        )
        if run.other_load <= args.max_other_load or attempt == args.retries:
            return run
        print("  other processes took too much CPU during that run; running it again", flush=True)
    raise AssertionError("unreachable")


def benchmark(args: argparse.Namespace) -> None:
    from cdi_report import render
    from doc_sections import put_section

    args.data_dir.mkdir(parents=True, exist_ok=True)
    data = ensure_data(args.data_dir, args.scale, YEAR)
    steps = [*STEPS, *(("simulate", name) for name in _simulated_designs())]
    runs: dict[str, list[Run]] = {}
    with tempfile.TemporaryDirectory(dir=args.data_dir, prefix="cdi-") as scratch:
        scratch_dir = Path(scratch)
        store, prep = scratch_dir / "store", scratch_dir / "prep"
        prep.mkdir()
        paths = {"data": data, "store": store, "prep": prep}
        print("loading the return into a temporary data store ...", flush=True)
        load = measure("load", scratch_dir / "load", paths, args)
        (scratch_dir / "load" / "store").rename(store)
        print("preparing the inputs of the later steps (not timed) ...", flush=True)
        (scratch_dir / "prepare").mkdir()
        prepared = run_child("prepare", scratch_dir / "prepare", paths, args, None).numbers
        for number in range(1, args.repeat + 1):
            print(f"round {number}/{args.repeat}", flush=True)
            # Steps take turns, so a slow spell on the machine does not land on one of them.
            for worker, design in steps:
                key = f"simulate:{design}" if design else worker
                runs.setdefault(key, []).append(measure(worker, scratch_dir / "work", paths, args, design))
    section = render(args, data, load, prepared, runs)
    if args.write_docs:
        text = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        args.out.write_text(put_section(text, SECTION, section), encoding="utf-8")
        print(f"wrote the section on crime data integrity audits in {args.out}")
    else:
        print(section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="volume relative to the real force (default 1)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step (default 3)")
    parser.add_argument("--write-docs", action="store_true", help="replace this benchmark's section of --out")
    parser.add_argument("--out", type=Path, default=ROOT / "docs/benchmarks.md", help="page for --write-docs")
    parser.add_argument(
        "--data-dir", type=Path, default=default_data_dir(), help="where the synthetic files are kept"
    )
    parser.add_argument(
        "--audits", type=int, default=20_000, help="simulated audits per design (default 20,000)"
    )
    parser.add_argument(
        "--quiet-wait", type=float, default=300.0, help="longest wait for a quiet machine before each run (s)"
    )
    parser.add_argument(
        "--max-other-load", type=float, default=0.25, help="run again when other processes used more cores"
    )
    parser.add_argument("--retries", type=int, default=3, help="most times a crowded run is repeated")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--simulate-seed", type=int, default=1, help=argparse.SUPPRESS)
    for hidden in ("work", "result", "data", "store", "prep"):
        parser.add_argument(f"--{hidden}", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--design", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        from cdi_workers import run_worker

        run_worker(args)
    else:
        benchmark(args)


if __name__ == "__main__":
    main()
