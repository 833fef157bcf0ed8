"""Benchmark: 43 forces' PEEL 2021/22 reports rendered to HTML and PDF by `report-batch`'s engine.

    .venv/bin/python benchmarks/reports_bench.py [--repeat 3] [--write-docs]

A temporary workspace gets one SYNTHETIC published PEEL 2021/22 inspection per territorial force,
shaped like the Metropolitan report: ten graded areas, six observations, three main findings and an
area for improvement per area, two causes of concern with their recommendations, eight crime data
integrity figures and ten case-review counts (so two charts per report). Each run renders them all
(HTML and PDF) with 1 and with 2 worker processes, in a fresh Python process, and takes its wall
time and the peak resident memory of the process and of its workers from the kernel.

This is a benchmark, not a test. With --write-docs it replaces its own section of
docs/benchmarks.md; otherwise it prints the section. Target: under 60 seconds on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from doc_sections import put_section  # noqa: E402

SECTION = "reports"
TARGET_SECONDS = 60.0
AREAS = (
    "crime-recording",
    "fairness-and-respect",
    "prevention",
    "responding",
    "investigating",
    "protecting-vulnerable",
    "managing-offenders",
    "serious-organised-crime",
    "workforce",
    "strategic-planning",
)
GRADES = ("outstanding", "good", "adequate", "requires-improvement", "inadequate")


def build(workspace: Path) -> int:
    """The 43 synthetic inspections; returns how many were made."""
    from inspectorate.cli.workspace import open_workspace

    open_workspace(workspace, create=True)
    from inspectorate.web.inspections.models import Inspection, PublishedFigure, Status
    from inspectorate.web.inspections.recording import record_judgment, save_finding
    from inspectorate.web.registry.models import Force

    rng = random.Random(2021)
    forces = list(Force.objects.order_by("id"))[:43]
    for force in forces:
        inspection = Inspection.objects.create(
            reference=f"BENCH-{force.id.upper()}",
            title=f"PEEL 2021/22 (SYNTHETIC): {force.name}",
            force=force,
            framework_id="peel-2021",
            status=Status.PUBLISHED,
            period_label="2021/22",
        )
        for n in range(6):
            save_finding(
                inspection,
                kind="main-finding",
                area_ids=[],
                text=f"Observation {n + 1} on {force.name}, synthetic.",
            )
        for area in AREAS:
            grade = rng.choice(GRADES)
            record_judgment(
                inspection, area, grade=grade, summary=f"Synthetic summary of {area} for {force.name}."
            )
            for n in range(3):
                save_finding(
                    inspection,
                    kind="main-finding",
                    area_ids=[area],
                    text=f"Synthetic main finding {n + 1} on {area}",
                )
            kind = "cause-of-concern" if grade in ("inadequate",) else "area-for-improvement"
            finding = save_finding(
                inspection, kind=kind, area_ids=[area], text=f"Synthetic {kind} on {area}."
            )
            if kind == "cause-of-concern":
                for n in range(2):
                    save_finding(
                        inspection,
                        kind="recommendation",
                        area_ids=[area],
                        text=f"Recommendation {n + 1}.",
                        parent=finding,
                    )
        figures = [
            {
                "section": "crime-data-integrity",
                "measure": f"Recording rate, group {n}",
                "percent": round(rng.uniform(80, 97), 1),
                "ci_plus_minus": round(rng.uniform(1, 5), 1),
            }
            for n in range(8)
        ] + [
            {
                "section": "case-review",
                "measure": f"Synthetic case measure {n}",
                "n": (m := rng.randint(20, 120)) // 2,
                "m": m,
            }
            for n in range(10)
        ]
        for position, figure in enumerate(figures):
            PublishedFigure.objects.create(
                inspection=inspection, position=position, method="SYNTHETIC", **figure
            )
    return len(forces)


def worker(workspace: Path, out: Path, workers: int) -> None:
    """One timed run, in this fresh process: prints a JSON line."""
    from inspectorate.cli.workspace import open_workspace

    open_workspace(workspace)
    from inspectorate.web.inspections.models import Inspection
    from inspectorate.web.reports.batch import render_batch

    inspections = list(
        Inspection.objects.filter(reference__startswith="BENCH-").select_related("force", "framework")
    )
    started = time.perf_counter()
    written = render_batch(inspections, ["html", "pdf"], out, workers=workers)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pdf_bytes = sum(p.stat().st_size for p in written if p.suffix == ".pdf")
    print(
        json.dumps(
            {
                "seconds": seconds,
                "files": len(written),
                "reports": len(inspections),
                "peak_mb": own,
                "worker_peak_mb": children,
                "pdf_mb": pdf_bytes / 2**20,
            }
        )
    )


def run(workspace: Path, workers: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run(
            [sys.executable, __file__, "--worker", str(workspace), out, str(workers)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ},
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def section(runs: dict[int, list[dict[str, float]]], reports: int) -> str:
    cpu = platform.processor() or platform.machine()
    lines = [
        "## Reports: 43 forces to HTML and PDF",
        "",
        f"Machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}. Each run is a fresh process rendering {reports} "
        "SYNTHETIC "
        "PEEL 2021/22 reports (ten graded areas, 46 findings, 18 figures and two SVG charts each) to HTML "
        "and PDF with WeasyPrint; wall time and peak resident memory (the parent's, and the largest "
        "worker's) as the kernel reports them.",
        "",
        "| workers | runs | wall time, median (s) | slowest (s) | per report (s) | parent peak (MB) "
        "| worker peak (MB) | PDFs (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for workers, results in sorted(runs.items()):
        times = sorted(r["seconds"] for r in results)
        median = times[len(times) // 2]
        lines.append(
            f"| {workers} | {len(results)} | {median:.1f} | {times[-1]:.1f} | {median / reports:.2f} | "
            f"{max(r['peak_mb'] for r in results):.0f} | {max(r['worker_peak_mb'] for r in results):.0f} | "
            f"{results[0]['pdf_mb']:.1f} |"
        )
    best = min(sorted(r["seconds"] for r in results)[len(results) // 2] for results in runs.values())
    verdict = "meets" if best < TARGET_SECONDS else "misses"
    lines += [
        "",
        f"Target: under {TARGET_SECONDS:.0f} s on 2 cores; the best median, {best:.1f} s, {verdict} it.",
        "",
        "Re-running: `.venv/bin/python benchmarks/reports_bench.py --repeat 3 --write-docs`.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs for each number of workers (default 3)")
    parser.add_argument("--write-docs", action="store_true", help="replace this benchmark's section")
    parser.add_argument("--out", type=Path, default=ROOT / "docs/benchmarks.md")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        workspace, out, workers = args.worker
        worker(Path(workspace), Path(out), int(workers))
        return
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Path(scratch) / "workspace"
        reports = build(workspace)
        runs: dict[int, list[dict[str, float]]] = {1: [], 2: []}
        for number in range(args.repeat):
            for workers in (2, 1):
                result = run(workspace, workers)
                runs[workers].append(result)
                print(f"round {number + 1}: {workers} worker(s): {result['seconds']:.1f} s", flush=True)
    body = section(runs, reports)
    if args.write_docs:
        text = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        args.out.write_text(put_section(text, SECTION, body), encoding="utf-8")
        print(f"wrote the section on reports in {args.out}")
    else:
        print(body)


if __name__ == "__main__":
    main()
