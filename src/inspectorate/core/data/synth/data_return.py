"""A reproducible synthetic data return for one force and statistical year.

``synthesise`` writes one file per canonical table (CSV or Parquet) plus ``manifest.json`` saying the
data are synthetic and what they were calibrated to. Volumes follow the Metropolitan Police Service's
published figures per head (see ``calibration``), scaled by the force's Census 2011 population and by
``scale``; rates per 1,000 are therefore relative to that population times ``scale``. The same arguments
always give byte-identical files. Generation runs a month at a time, so memory stays bounded whatever
the scale.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from inspectorate.core.data import schema
from inspectorate.core.data.synth import calibration as cal
from inspectorate.core.data.synth import tables
from inspectorate.core.data.synth.files import TableWriter
from inspectorate.core.data.synth.plan import Plan
from inspectorate.core.forces.population import population_of
from inspectorate.core.forces.reference import ForceNotFound, get_force
from inspectorate.core.problems import InputError

GENERATOR = "inspectorate synth 2"
TABLE_NAMES = ("calls", "incidents", "crimes", "outcomes", "stop_search", "asb", "survey", "population")
FileFormat = Literal["csv", "parquet"]
Progress = Callable[[str, int, int], None]
MIN_YEAR, MAX_YEAR = 2000, 2100


class SynthArgumentError(InputError, ValueError):
    """An argument ``synthesise`` cannot work with."""


@dataclass(frozen=True)
class SynthSummary:
    force_id: str
    year: int
    # The year asked for, [start, end); the files start at ``covers_from``, a year earlier when the
    # previous year is included.
    period_start: date
    period_end: date
    covers_from: date
    files: dict[str, Path]
    rows: dict[str, int]
    manifest: Path


def synthesise(
    force_id: str,
    year: int,
    out_dir: Path,
    *,
    scale: float = 1.0,
    seed: int = 0,
    file_format: FileFormat = "csv",
    include_previous_year: bool = True,
    progress: Progress | None = None,
) -> SynthSummary:
    """Write a synthetic data return for ``force_id``'s year ending 31 March ``year`` into ``out_dir``."""
    census = _check_arguments(force_id, year, scale, seed, file_format)
    scale = float(scale)
    met = population_of(cal.METROPOLITAN, 2011)
    assert met is not None, "the Metropolitan Police Service's population is shipped"
    plan = Plan(force_id, year, seed, census * scale, census * scale / met.population, include_previous_year)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_other_format(out_dir, file_format)
    files = {name: out_dir / f"{name}.{file_format}" for name in TABLE_NAMES}
    manifest_path = out_dir / "manifest.json"
    # A manifest left from an earlier run must not vouch for half-written files.
    manifest_path.unlink(missing_ok=True)
    try:
        rows = _write_tables(plan, files, census, scale, progress)
    except BaseException:
        for path in files.values():
            path.unlink(missing_ok=True)
        raise
    summary = SynthSummary(
        force_id,
        year,
        plan.months[-12].start,
        plan.months[-1].end,
        plan.months[0].start,
        files,
        rows,
        manifest_path,
    )
    manifest = {
        "synthetic": True,
        "generator": GENERATOR,
        "force_id": force_id,
        "year": year,
        "period_start": summary.period_start.isoformat(),
        "period_end": summary.period_end.isoformat(),
        "previous_period_start": summary.covers_from.isoformat() if include_previous_year else None,
        "scale": scale,
        "seed": seed,
        "population_scale": scale,
        "file_format": file_format,
        "calibration": [target.as_json() for target in cal.calibration_entries(met.population)],
        "rows": rows,
    }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return summary


def _write_tables(
    plan: Plan, files: dict[str, Path], census: int, scale: float, progress: Progress | None
) -> dict[str, int]:
    with ExitStack() as stack:
        writers = {
            name: stack.enter_context(TableWriter(path, schema.table(name))) for name, path in files.items()
        }
        writers["population"].write(
            tables.population(
                round(census * scale),
                cal.ethnic_shares(plan.force_id),
                _population_source(plan.force_id, scale),
            )
        )
        _report(progress, "population", 1, 1)
        for name, table, month in plan.generate():
            writers[name].write(table)
            _report(progress, name, month.index + 1, len(plan.months))
    return {name: writer.rows for name, writer in writers.items()}


def _check_arguments(force_id: str, year: int, scale: float, seed: int, file_format: str) -> int:
    """The force's Census 2011 population, once the arguments are known to be usable."""
    try:
        force = get_force(force_id)
    except ForceNotFound as exc:
        raise SynthArgumentError(str(exc)) from None
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise SynthArgumentError(f"year must be a whole year from {MIN_YEAR} to {MAX_YEAR}, not {year!r}")
    if not isinstance(scale, int | float) or not math.isfinite(scale) or scale <= 0:
        raise SynthArgumentError(f"scale must be a number greater than 0, not {scale!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise SynthArgumentError(f"seed must be a whole number of 0 or more, not {seed!r}")
    if file_format not in ("csv", "parquet"):
        raise SynthArgumentError(f"file format must be 'csv' or 'parquet', not {file_format!r}")
    figure = population_of(force.id, 2011)
    if figure is None:
        raise SynthArgumentError(f"no Census 2011 population for {force.name}, so no volumes to scale to")
    return figure.population


def _population_source(force_id: str, scale: float) -> str:
    mix = "London-like" if force_id in cal.LONDON_FORCES else "generic England and Wales"
    # No commas: the CSV writer is set never to quote.
    return (
        f"Synthetic: Census 2011 usual residents of the force area times {scale:g} split by an assumed "
        f"{mix} ethnic mix; not published figures"
    )


def _report(progress: Progress | None, table: str, done: int, total: int) -> None:
    if progress is not None:
        progress(table, done, total)


def _clear_other_format(out_dir: Path, file_format: str) -> None:
    """Remove an earlier synthetic run's files in the other format, so a directory never holds both."""
    other = "parquet" if file_format == "csv" else "csv"
    stale = [out_dir / f"{name}.{other}" for name in TABLE_NAMES if (out_dir / f"{name}.{other}").exists()]
    if not stale:
        return
    manifest = out_dir / "manifest.json"
    try:
        synthetic = bool(json.loads(manifest.read_text(encoding="utf-8")).get("synthetic"))
    except (OSError, ValueError, AttributeError):
        synthetic = False
    if not synthetic:
        names = ", ".join(path.name for path in stale)
        raise InputError(f"{out_dir} already holds {names}, not synthetic output; use another folder")
    for path in stale:
        path.unlink()
