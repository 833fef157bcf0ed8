"""A reproducible synthetic data return for one force and statistical year.

``synthesise`` writes one file per canonical table (CSV or Parquet) plus ``manifest.json`` saying the
data are synthetic and what they were calibrated to. Volumes follow the Metropolitan Police Service's
published figures per head (see synth_calibration), scaled by the force's Census 2011 population and by
``scale``; rates per 1,000 are therefore relative to that population times ``scale``. The same arguments
always give byte-identical files. Generation runs a month at a time, so memory stays bounded whatever
the scale.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, Literal

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
import pyarrow.csv as pcsv  # type: ignore[import-untyped, unused-ignore]
import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]
from numpy.typing import NDArray

from inspectorate.core.data import schema
from inspectorate.core.data import synth_calibration as cal
from inspectorate.core.data import synth_tables as tables
from inspectorate.core.data.synth_columns import (
    Counter,
    Month,
    allocate,
    arrow_schema,
    categories,
    stochastic_round,
)
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
    plan = _Plan(force_id, year, seed, census * scale, census * scale / met.population, include_previous_year)
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
    plan: _Plan, files: dict[str, Path], census: int, scale: float, progress: Progress | None
) -> dict[str, int]:
    with ExitStack() as stack:
        writers = {
            name: stack.enter_context(_Writer(path, schema.table(name))) for name, path in files.items()
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


class _Writer:
    """One table's file, written a month at a time."""

    def __init__(self, path: Path, table: schema.Table) -> None:
        self.path = path
        self.rows = 0
        self._schema = arrow_schema(table)
        self._file: BinaryIO | None = None
        if path.suffix == ".csv":
            self._file = path.open("wb")
            # Arrow quotes header names; the canonical header is written plain instead.
            self._file.write((",".join(table.header) + "\n").encode("utf-8"))
            options = pcsv.WriteOptions(include_header=False, quoting_style="none", batch_size=65536)
            self._writer: Any = pcsv.CSVWriter(self._file, self._schema, write_options=options)
        else:
            # Parquet has no second-resolution timestamps; microseconds read back as plain TIMESTAMP.
            self._schema = pa.schema(
                [
                    pa.field(f.name, pa.timestamp("us") if pa.types.is_timestamp(f.type) else f.type)
                    for f in self._schema
                ]
            )
            self._writer = pq.ParquetWriter(str(path), self._schema, compression="zstd")

    def write(self, table: Any) -> None:
        if table.num_rows:
            self._writer.write_table(table.cast(self._schema))
            self.rows += table.num_rows

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *_: object) -> None:
        self._writer.close()
        if self._file is not None:
            self._file.close()


_VOLUME_STREAMS = ("calls", "incidents", "crimes", "fraud", "asb", "stop_search")


class _Plan:
    """The months to generate and how many records of each kind fall in each."""

    def __init__(
        self, force_id: str, year: int, seed: int, people: float, share_of_met: float, previous: bool
    ) -> None:
        self.force_id = force_id
        self.key = (seed, zlib.crc32(force_id.encode()), year)
        first = year - 2 if previous else year - 1
        self.months: list[Month] = []
        for index in range(24 if previous else 12):
            start = _add_months(date(first, 4, 1), index)
            period_end = date(first + 1 + index // 12, 4, 1)
            period = 0 if previous and index < 12 else 1
            self.months.append(Month(index, start, _add_months(start, 1), period, period_end))
        self.people = people
        self.share_of_met = share_of_met
        self.counts: dict[str, list[int]] = {}
        for name in _VOLUME_STREAMS:
            self.counts[name] = [n for period in self._periods() for n in self._volumes(name, period)]
        self.answers = [answers for period in self._periods() for answers in self._survey_answers(period)]

    def _periods(self) -> list[list[Month]]:
        return [self.months[i : i + 12] for i in range(0, len(self.months), 12)]

    def _rng(self, *keys: int) -> np.random.Generator:
        return np.random.default_rng([*self.key, *keys])

    def figures(self, month: Month) -> cal.YearFigures:
        return cal.CURRENT if month.period == 1 else cal.PREVIOUS

    def _volumes(self, name: str, months: list[Month]) -> list[int]:
        figures = self.figures(months[0])
        per_1000 = self.people / 1000
        annual = {
            "calls": cal.MET_CONTACTS_PER_YEAR * self.share_of_met,
            "incidents": cal.MET_INCIDENTS_PER_YEAR * self.share_of_met,
            "crimes": figures.crime_per_1000 * per_1000,
            "fraud": cal.FRAUD_PER_1000 * per_1000,
            "asb": figures.asb_per_1000 * per_1000,
            "stop_search": cal.PERSON_SEARCHES_PER_1000 * per_1000,
        }[name]
        rng = self._rng(0, months[0].period, _VOLUME_STREAMS.index(name))
        swing = cal.SEASONAL_SWING.get(name, cal.SEASONAL_SWING["crimes"])
        weights = [m.days * (1 + swing * math.cos(2 * math.pi * (m.start.month - 7) / 12)) for m in months]
        return [int(n) for n in allocate(rng, stochastic_round(rng, annual), weights)]

    def _survey_answers(self, months: list[Month]) -> list[NDArray[np.int64]]:
        """Each month's survey answers, allocated over the whole year: a year has only about one answer
        per 100 crimes, and allocating month by month would leave each month's rounding to chance."""
        rng = self._rng(0, months[0].period, len(_VOLUME_STREAMS))
        crimes = [self.counts["crimes"][month.index] for month in months]
        total = stochastic_round(rng, sum(crimes) * cal.SURVEY_RESPONSES_PER_CRIME)
        answers = categories(rng, total, cal.SATISFACTION_MIX)
        ends = np.cumsum(allocate(rng, total, crimes))
        return np.split(answers, ends[:-1])

    def generate(self) -> Iterator[tuple[str, Any, Month]]:
        """Each month's tables in turn."""
        ids = {name: Counter() for name in ("calls", "incidents", "crimes", "victims", "survey", "asb")}
        earlier: list[tables.Links] = []
        search_weights = tables.search_weights(self.force_id)
        for month in self.months:
            i = month.index

            def rng(stream: int, month: Month = month) -> np.random.Generator:
                return self._rng(1, month.index, stream)

            calls, answered = tables.calls(rng(0), month, self.counts["calls"][i], ids["calls"])
            yield "calls", calls, month
            # Incidents' offence groups (7) and crimes' links to incidents (8) were added later and
            # have streams of their own, so that they moved as few earlier values as possible.
            incidents, crime_incidents = tables.incidents(
                rng(1), rng(7), month, self.counts["incidents"][i], answered, ids["incidents"]
            )
            yield "incidents", incidents, month
            crime = tables.crimes(
                rng(2),
                rng(8),
                month,
                self.counts["crimes"][i],
                self.counts["fraud"][i],
                crime_incidents,
                self.figures(month).domestic_abuse_share,
                ids["crimes"],
                ids["victims"],
            )
            yield "crimes", crime.table, month
            yield "outcomes", tables.outcomes(rng(3), month, crime), month
            pool = tables.Links(
                np.concatenate([links.numbers for links in earlier] + [np.zeros(0, np.int64)]),
                np.concatenate([links.times for links in earlier] + [np.zeros(0, np.int64)]),
            )
            yield "survey", tables.survey(rng(4), month, self.answers[i], pool, ids["survey"]), month
            earlier = [*earlier[-1:], crime.surveyable()]
            yield "asb", tables.asb(rng(5), month, self.counts["asb"][i], ids["asb"]), month
            searches = tables.stop_search(rng(6), month, self.counts["stop_search"][i], search_weights)
            yield "stop_search", searches, month


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
