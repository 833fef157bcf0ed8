"""The crime data integrity audit section of docs/benchmarks.md, from the runs of cdi_bench.py."""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench_common import Run, default_data_dir
from bench_report import _machine

# The rows of the machine table that matter here (pandas and statsmodels are not used by the audit).
MACHINE_ROWS = ("CPU", "Memory", "System", "Python", "DuckDB", "NumPy")


def _t(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def _mib(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB"


def _median(runs: list[Run], value: Callable[[Run], float]) -> float:
    return statistics.median(value(run) for run in runs)


def _titles(runs: dict[str, list[Run]], prepared: dict[str, Any]) -> dict[str, str]:
    def fact(key: str, name: str) -> Any:
        return runs[key][0].numbers[name]

    kib = {fmt: fact(f"write-{fmt}", "bytes") / 1024 for fmt in ("csv", "xlsx")}
    titles = {
        "frame": f"Frame: `audit_frame`, crime incidents ({fact('frame', 'frame'):,})",
        "frame-asb": f"Frame with `include_asb=True` ({fact('frame-asb', 'frame'):,})",
        "draw-default": f"Sample: `draw_sample`, default design ({fact('draw-default', 'sample'):,} records)",
        "draw-1500": f"Sample: `draw_sample`, 500 per crime group ({fact('draw-1500', 'sample'):,} records)",
        "write-csv": f"Worksheet out: `write_csv` ({kib['csv']:,.0f} KiB)",
        "write-xlsx": f"Worksheet out: `write_xlsx` ({kib['xlsx']:,.0f} KiB)",
        "read-csv": "Worksheet back: `read_worksheet` + `plan_import`, CSV",
        "read-xlsx": "Worksheet back: `read_worksheet` + `plan_import`, XLSX",
        "estimate": f"Estimate: `estimate_audit`, {fact('estimate', 'decided'):,} decided records",
    }
    for key in runs:
        if key.startswith("simulate:"):
            titles[key] = f"Coverage: `simulate_coverage`, {key.split(':', 1)[1]}"
    return titles


def render(
    args: argparse.Namespace, data: Path, load: Run, prepared: dict[str, Any], runs: dict[str, list[Run]]
) -> str:
    import openpyxl
    import scipy

    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    titles = _titles(runs, prepared)
    lines: list[str] = []

    def out(text: str = "") -> None:
        """A Markdown block; prose wrapped in the source becomes one line per paragraph."""
        lines.append(text if text.startswith(("|", "#", "```")) or not text else " ".join(text.split()))

    def median(key: str) -> float:
        return _median(runs[key], lambda r: r.seconds)

    start, end = prepared["period"]
    groups = prepared["groups"]
    sample = prepared["sample"]
    out("## Crime data integrity audits")
    out()
    out(f"""How long the computing steps of a crime data integrity audit (see [cdi.md](cdi.md)) take on
        a Metropolitan-sized return. This section is written by `benchmarks/cdi_bench.py`; every number
        in it comes from the run of {datetime.now(UTC):%d %B %Y at %H:%M} UTC (`--scale {args.scale:g}
        --repeat {args.repeat}`).""")
    out()
    out("### Machine")
    out()
    out("| | |")
    out("|---|---|")
    for name, value in _machine():
        if name in MACHINE_ROWS:
            out(f"| {name} | {value} |")
    out(f"| SciPy / openpyxl | {scipy.__version__} / {openpyxl.__version__} |")
    out()
    out("### What was measured")
    out()
    out(f"""The data is the indicators benchmark's synthetic return above (`scale={manifest["scale"]:g}`,
        {sum(manifest["rows"].values()):,} rows in two statistical years), loaded once into a temporary
        `DataStore`. The load took {_t(load.seconds)} (peak memory {_mib(load.peak_kib)}) in its own
        process; it is the cost of the data, which every audit and indicator shares, not of the audit,
        so it is left out of the figures below.""")
    out()
    out(f"""The audit period is what `default_audit_period` gives: the last six whole months,
        {start} to {end}. The frame is the {prepared["frame"]:,} crime incidents opened in it
        ({", ".join(f"{group} {count:,}" for group, count in groups.items())}), in 12 strata of crime
        group by reporting route. The default design (margin 5 points at an expected 90 percent) samples
        {runs["draw-default"][0].numbers["sample"]:,} records; the larger design, 500 per crime group,
        samples {sample:,}, about what a West Midlands-sized audit checks. The larger sample's records
        were decided by the demo audit's seeded stand-in for an auditor; those decisions are what the
        worksheets carry back and what the estimate is made from, against the 2018 Metropolitan
        figures, with recorded crime R = {prepared["recorded_crimes"]:,} for the 12 months to {end}.""")
    out()
    out(f"""- Each step ran {args.repeat} times, **each run in a fresh Python process**, the steps
        taking turns. Tables give the median, with min and max.""")
    out("""- *Time* is the wall time of the step's calls alone: the interpreter has started, the modules
        the step uses (DuckDB, NumPy, SciPy, openpyxl, the project) are imported and its inputs (the
        frame, the rows of the worksheet) are read from a prepared file before the clock starts.
        *Process* is the whole child as the parent saw it, interpreter start, imports and inputs
        included.""")
    out("""- *Peak memory* is the child's peak resident set size (`ru_maxrss` from `wait4`); *before
        the step* is the peak it had reached when the clock started, so the step itself added the
        difference.""")
    out(f"""- The parent waits (up to {args.quiet_wait:g} s) for other processes to use under 0.3
        cores before each run; *other load* is what they used during it, in cores, and a run where
        they used more than {args.max_other_load:g} is done again (up to {args.retries} times).""")
    out()
    out("### Results")
    out()
    out("| Step | Time (median) | min | max | Process | Peak memory | before the step | Other load |")
    out("|---|---:|---:|---:|---:|---:|---:|---:|")
    for key, found in runs.items():
        seconds = [run.seconds for run in found]
        cells = [
            f"**{_t(statistics.median(seconds))}**",
            _t(min(seconds)),
            _t(max(seconds)),
            _t(_median(found, lambda r: r.process_seconds)),
            _mib(_median(found, lambda r: r.peak_kib)),
            _mib(_median(found, lambda r: r.numbers["ready_kib"])),
            f"{max(r.other_load for r in found):.2f}",
        ]
        out(f"| {titles[key]} | {' | '.join(cells)} |")
    out()
    out("Time by call (medians):")
    out()
    for key, found in runs.items():
        if len(found[0].steps) > 1:
            listed = "; ".join(
                f"`{step}` {_t(_median(found, lambda r, s=step: r.steps[s]))}" for step in found[0].steps
            )
            out(f"- {titles[key]}: {listed}.")
    out()
    simulated = {key: found for key, found in runs.items() if key.startswith("simulate:")}
    out(f"""The coverage simulations ({args.audits:,} audits per design, seed 1, as `inspectorate cdi
        simulate` runs them):""")
    out()
    out("| Design | Strata | Records per audit | Symmetric +/- | Wilson | Mean +/- (points) | Time |")
    out("|---|---:|---:|---:|---:|---:|---:|")
    for key, found in simulated.items():
        facts = found[0].numbers
        cells = [
            f"{facts['strata']}",
            f"{facts['sample']:,}",
            f"{facts['symmetric']:.1%}",
            f"{facts['wilson']:.1%}",
            f"{facts['mean_margin'] * 100:.2f}",
            _t(median(key)),
        ]
        out(f"| {key.split(':', 1)[1]} | {' | '.join(cells)} |")
    out()
    out("### What it means")
    out()
    for paragraph in meaning(runs, prepared):
        out(paragraph)
        out()
    out("### Re-running")
    out()
    out("```")
    out(".venv/bin/python benchmarks/cdi_bench.py --scale 1 --repeat 3 --write-docs")
    out("```")
    out()
    out(f"""It uses the indicators benchmark's files in `--data-dir` (default `{default_data_dir()}`),
        making them first if they are not there, and replaces only this section of the page, between
        its markers; the indicators benchmark keeps the section when it rewrites the page. At scale 1
        it takes a few minutes.""")
    return "\n".join(lines)


def meaning(runs: dict[str, list[Run]], prepared: dict[str, Any]) -> list[str]:
    """What the figures say, worked out from them so that a rerun cannot leave a stale claim behind."""

    def median(key: str) -> float:
        return _median(runs[key], lambda r: r.seconds)

    def peak(key: str) -> float:
        return _median(runs[key], lambda r: r.peak_kib)

    def ready(key: str) -> float:
        return _median(runs[key], lambda r: r.numbers["ready_kib"])

    creation = median("frame") + median("draw-1500")
    baseline = ready("estimate")
    frame_kib = ready("draw-default") - baseline
    paragraphs = [
        f"""Creating an audit (frame and sample) costs {_t(creation)} of computing on a Metropolitan
        half-year, {100 * median("frame") / creation:.0f} percent of it the frame's query; with
        anti-social behaviour incidents the frame grows to {runs["frame-asb"][0].numbers["frame"]:,}
        incidents and takes {_t(median("frame-asb"))}. The frame holds every incident as a Python
        record: read back on its own it takes {_mib(frame_kib)} (the sampling steps start that much
        above the estimate's {_mib(baseline)}), and building it, with DuckDB's result beside it, takes
        the process to {_mib(peak("frame"))} ({_mib(peak("frame-asb"))} with anti-social
        behaviour).""",
        f"""Drawing the sample is {_t(median("draw-default"))} for the default design and
        {_t(median("draw-1500"))} for {prepared["sample"]:,} records: the frame is sorted and grouped
        whatever the sample's size, so the size hardly matters.""",
        f"""A worksheet of {prepared["sample"]:,} rows takes {_t(median("write-csv"))} to write as CSV
        and {_t(median("write-xlsx"))} as XLSX ({median("write-xlsx") / median("write-csv"):.0f} times
        as long: openpyxl builds the workbook cell by cell, with styles and drop-down lists), and
        {_t(median("read-csv"))} (CSV) or {_t(median("read-xlsx"))} (XLSX) to check and plan on
        import; the estimate from {runs["estimate"][0].numbers["decided"]:,} decided records is
        {_t(median("estimate"))}. None of
        these keeps an auditor waiting; what the platform adds around them (storing the records in the
        database, the page) is not measured here.""",
    ]
    simulated = [key for key in runs if key.startswith("simulate:")]
    total = sum(median(key) for key in simulated)
    audits = runs[simulated[0]][0].numbers["audits"]
    slowest = max(simulated, key=median)
    paragraphs.append(
        f"""The coverage check of [cdi.md](cdi.md) takes {_t(total)} for its four designs at
        {audits:,} audits each, most of it in `{slowest.split(":", 1)[1]}` ({_t(median(slowest))}): each
        simulated audit is estimated one at a time in Python, so the time grows with audits times
        strata, not with the records sampled."""
    )
    return paragraphs
