"""The work each crime data integrity audit benchmark child times: one step of an audit each.

A step's inputs (the frame, the sample, the filled-in worksheets) are made once by the ``prepare``
child and read back before the clock starts, so a step's time is of that step alone. Everything a
step imports is imported before the clock too; the parent records the whole process besides.
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from bench_common import DATASET, FORCE
from bench_workers import Steps

from inspectorate.core.cdi.types import Answer, Decision, FrameRecord, SampleDesign

# A worksheet is exported under the audit's code, a UUID in the platform.
AUDIT_CODE = "7d1c2b9e-4a3f-4c51-9e0b-cdi0bench000"
# About 1,500 records: 500 per crime group, near what a +/-2.6-point margin per group asks for.
LARGE_GROUP_SIZE = 500
SEED = 2015
# The published comparison the estimate is made against (Metropolitan 2018, as the demo audit has).
PREVIOUS = {"overall": (0.895, 0.016), "violence": (0.876, 0.028), "sexual": (0.91, 0.029)}


class Clock(Steps):
    """Steps, also noting the process's peak memory when the first timed step began (its inputs)."""

    def __init__(self) -> None:
        super().__init__()
        self.ready_kib: int | None = None

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        if self.ready_kib is None:
            self.ready_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with super().__call__(name):
            yield


def stand_in_decision(record: FrameRecord, rng: np.random.Generator) -> Decision:
    """What an auditor might decide, from what the synthetic return says: the demo audit's stand-in
    (demo/audit.py), repeated here because that module needs Django."""
    yes, no, na = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE
    if not record.crimes:
        crime = rng.random() >= 0.1  # most crime-related incidents with nothing recorded were missed crimes
        return Decision(yes if crime else no, no, na, na, na, note="stand-in decision")
    opened = date.fromisoformat(record.opened_at[:10])
    first_recorded = min(date.fromisoformat(crime[1][:10]) for crime in record.crimes)
    classified = yes if rng.random() < 0.95 else no
    return Decision(yes, yes, classified, yes if (first_recorded - opened).days <= 1 else no, na)


def _open(args: argparse.Namespace) -> tuple[Any, Any]:
    from inspectorate.core.data.store import DataStore

    store = DataStore(args.store)
    return store, store.get_dataset(f"{FORCE}/{DATASET}")


def _read(args: argparse.Namespace, name: str) -> Any:
    return pickle.loads((args.prep / name).read_bytes())


# ---- the workers (each runs in its own process) ------------------------------------------------


def work_load(args: argparse.Namespace, steps: Clock) -> dict[str, Any]:
    from inspectorate.core.data.store import DataStore

    with steps("store.load (read, check, write Parquet)"):
        report = DataStore(args.work / "store").load(FORCE, DATASET, [args.data])
    return {"batches": len(report.loaded)}


def work_prepare(args: argparse.Namespace, steps: Clock) -> dict[str, Any]:
    """Not timed: the inputs of the later steps, made once, with what the report says about them."""
    from inspectorate.core.cdi.frame import audit_frame, default_audit_period, recorded_crime_12_months
    from inspectorate.core.cdi.sampling import draw_sample
    from inspectorate.core.cdi.types import CRIME_GROUPS
    from inspectorate.core.cdi.worksheet import WorksheetRow, crimes_text, write_csv, write_xlsx

    store, dataset = _open(args)
    start, end = default_audit_period(store, dataset)
    frame = audit_frame(store, dataset, start, end)
    (args.prep / "frame.pickle").write_bytes(pickle.dumps(frame))
    groups = {group: sum(r.crime_group == group for r in frame) for group in CRIME_GROUPS}
    sizes = {group: min(LARGE_GROUP_SIZE, count) for group, count in groups.items()}
    sample = draw_sample(frame, SampleDesign(sizes=sizes, seed=SEED))
    rng = np.random.default_rng(SEED)
    decisions = [stand_in_decision(record, rng) for record in sample.records]
    rows = [
        WorksheetRow(n, r.incident_id, r.stratum, r.opened_at, r.route, r.incident_offence_group,
                     crimes_text(r.crimes), decision, 0)
        for n, (r, decision) in enumerate(zip(sample.records, decisions, strict=True), start=1)
    ]  # fmt: skip
    (args.prep / "rows.pickle").write_bytes(pickle.dumps(rows))
    # As the auditor sends it back: every answer filled in, revisions as exported (never saved).
    write_csv(args.prep / "filled.csv", AUDIT_CODE, rows)
    write_xlsx(args.prep / "filled.xlsx", AUDIT_CODE, rows)
    recorded = recorded_crime_12_months(store, dataset, end)
    pairs = [(r.stratum, d) for r, d in zip(sample.records, decisions, strict=True)]
    (args.prep / "estimate.pickle").write_bytes(pickle.dumps((sample.strata, pairs, recorded)))
    return {
        "period": [str(start), str(end)],
        "frame": len(frame),
        "groups": groups,
        "sample": len(sample.records),
        "recorded_crimes": recorded[0] if recorded else None,
    }


def _frame(args: argparse.Namespace, steps: Clock, include_asb: bool) -> dict[str, Any]:
    from inspectorate.core.cdi.frame import audit_frame, default_audit_period

    store, dataset = _open(args)
    with steps("default_audit_period"):
        start, end = default_audit_period(store, dataset)
    with steps("audit_frame"):
        frame = audit_frame(store, dataset, start, end, include_asb=include_asb)
    return {"frame": len(frame), "period": [str(start), str(end)]}


def _draw(args: argparse.Namespace, steps: Clock, large: bool) -> dict[str, Any]:
    from inspectorate.core.cdi.sampling import draw_sample
    from inspectorate.core.cdi.types import CRIME_GROUPS

    frame = _read(args, "frame.pickle")
    sizes = {}
    if large:
        sizes = {g: min(LARGE_GROUP_SIZE, sum(r.crime_group == g for r in frame)) for g in CRIME_GROUPS}
    with steps("draw_sample (allocate, then draw)"):
        sample = draw_sample(frame, SampleDesign(sizes=sizes, seed=SEED))
    return {"frame": len(frame), "sample": len(sample.records), "strata": len(sample.strata)}


def _write(args: argparse.Namespace, steps: Clock, fmt: str) -> dict[str, Any]:
    from inspectorate.core.cdi import worksheet_xlsx  # noqa: F401  (openpyxl, before the clock)
    from inspectorate.core.cdi.worksheet import write_csv, write_xlsx

    rows = _read(args, "rows.pickle")
    path = args.work / f"worksheet.{fmt}"
    with steps(f"write_{fmt}"):
        (write_csv if fmt == "csv" else write_xlsx)(path, AUDIT_CODE, rows)
    return {"rows": len(rows), "bytes": path.stat().st_size}


def _read_back(args: argparse.Namespace, steps: Clock, fmt: str) -> dict[str, Any]:
    from inspectorate.core.cdi import worksheet_xlsx  # noqa: F401  (openpyxl, before the clock)
    from inspectorate.core.cdi.worksheet import plan_import, read_worksheet

    rows = _read(args, "rows.pickle")
    # As in the platform: the worksheet is checked against the sample's records, none yet decided.
    known = {row.incident_id: (row.number, 0) for row in rows}
    current = {row.incident_id: (Decision(), 0) for row in rows}
    path = args.prep / f"filled.{fmt}"
    with steps("read_worksheet"):
        imported = read_worksheet(path, AUDIT_CODE, known)
    with steps("plan_import"):
        plan = plan_import(imported, current, path.name)
    if len(plan.changes) != len(rows) or any(
        c.decision != r.decision for c, r in zip(plan.changes, rows, strict=True)
    ):
        raise SystemExit(f"the {fmt} worksheet did not come back with every decision as written")
    return {"rows": len(rows), "changes": len(plan.changes), "bytes": path.stat().st_size}


def work_estimate(args: argparse.Namespace, steps: Clock) -> dict[str, Any]:
    from inspectorate.core.cdi.compare import PreviousRate
    from inspectorate.core.cdi.estimate import PreviousAudit, estimate_audit

    strata, pairs, recorded = _read(args, "estimate.pickle")
    label = "the 2018 inspection"
    previous = PreviousAudit(
        label, *(PreviousRate(*PREVIOUS[k], label) for k in ("overall", "violence", "sexual"))
    )
    with steps("estimate_audit"):
        estimate = estimate_audit(strata, pairs, recorded[0] if recorded else None, previous)
    rate = estimate.recording
    assert rate is not None
    return {
        "decided": estimate.decided,
        "rate": rate.rate,
        "margin": rate.margin,
        "unrecorded": estimate.unrecorded,
    }


def work_simulate(args: argparse.Namespace, steps: Clock) -> dict[str, Any]:
    from inspectorate.core.cdi.simulate import STANDARD_DESIGNS, simulate_coverage

    design = next(d for d in STANDARD_DESIGNS if d.name == args.design)
    with steps("simulate_coverage"):
        found = simulate_coverage(design, args.audits, args.simulate_seed)
    return {
        "audits": found.audits,
        "sample": sum(s[3] for s in design.strata),
        "strata": len(design.strata),
        "symmetric": found.symmetric_share,
        "wilson": found.wilson_share,
        "mean_margin": found.mean_margin,
    }


WORKERS: dict[str, Callable[[argparse.Namespace, Clock], dict[str, Any]]] = {
    "load": work_load,
    "prepare": work_prepare,
    "frame": lambda a, s: _frame(a, s, include_asb=False),
    "frame-asb": lambda a, s: _frame(a, s, include_asb=True),
    "draw-default": lambda a, s: _draw(a, s, large=False),
    "draw-1500": lambda a, s: _draw(a, s, large=True),
    "write-csv": lambda a, s: _write(a, s, "csv"),
    "write-xlsx": lambda a, s: _write(a, s, "xlsx"),
    "read-csv": lambda a, s: _read_back(a, s, "csv"),
    "read-xlsx": lambda a, s: _read_back(a, s, "xlsx"),
    "estimate": work_estimate,
    "simulate": work_simulate,
}


def run_worker(args: argparse.Namespace) -> None:
    # What every step needs is imported before any clock starts; the parent times the whole process too.
    import duckdb  # noqa: F401
    import scipy.stats  # noqa: F401  (sizing's normal quantile)

    import inspectorate.core.cdi.estimate
    import inspectorate.core.data.store  # noqa: F401

    clock = Clock()
    facts = WORKERS[args.worker](args, clock)
    result = {"seconds": sum(clock.seconds.values()), "steps": clock.seconds, "facts": facts}
    result["ready_kib"] = clock.ready_kib
    Path(args.result).write_text(json.dumps(result), encoding="utf-8")
