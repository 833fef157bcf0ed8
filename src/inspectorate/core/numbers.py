"""A force in numbers: every indicator for one dataset and period, with its comparators.

This joins the data store to the indicator engine, for the CLI and the web alike. The population
is the ONS mid-year estimate for the period from the national tables (a synthetic sample keeps the
Census 2011 figure it was sized on, scaled like it); the England and Wales figures are worked out
from all 43 forces in the national tables where they cover the period, and taken from the figures
copied from published reports only where they do not (`national/returns.py`); the most similar
group comes from the peers' datasets of the same name in the store. Results are cached by
everything they depend on, so a page view does not recompute them.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from inspectorate.core.data.schema import TABLES
from inspectorate.core.data.store import Dataset, DataStore
from inspectorate.core.forces.peer_groups import PeerGroupTable
from inspectorate.core.indicators.comparators import compare
from inspectorate.core.indicators.compute import compute_periods, compute_values
from inspectorate.core.indicators.periods import ForceContext, Period
from inspectorate.core.indicators.published import PublishedFigures, shipped_published
from inspectorate.core.indicators.queries import Parts
from inspectorate.core.indicators.results import IndicatorResult
from inspectorate.core.national.returns import (
    england_and_wales_kept,
    population_for_period,
    with_constants,
)
from inspectorate.core.national.store import load_national
from inspectorate.core.problems import InputError

if TYPE_CHECKING:
    from inspectorate.core.indicators.values import IndicatorValue

CACHE_VERSION = "2"


class ForceNumbers(BaseModel):
    model_config = ConfigDict(frozen=True)

    dataset: str
    force_id: str
    synthetic: bool
    scale: float
    period: str
    period_start: date
    period_end: date
    population: int
    population_source: str
    peer_groups: str | None
    computed_at: datetime
    results: tuple[IndicatorResult, ...]

    @property
    def label(self) -> str:
        return "SYNTHETIC DATA" if self.synthetic else "force data"


class FileCountsCache:
    """Monthly counts of loaded batches, one small JSON file each. A batch never changes once
    loaded (a replacement is a new batch), so what is kept here never goes stale."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> list[list[Any]] | None:
        path = self.folder / f"{key}.json"
        if not path.exists():
            return None
        rows: list[list[Any]] = json.loads(path.read_text(encoding="utf-8"))
        return rows

    def put(self, key: str, rows: list[list[Any]]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f"{key}.tmp"
        temporary.write_text(json.dumps(rows), encoding="utf-8")
        temporary.replace(self.folder / f"{key}.json")


def latest_period(dataset: Dataset) -> Period:
    """The 12 months ending with the last month the dataset holds any records for."""
    months = [month for spec in TABLES for month in dataset.months(spec.name)]
    if not months:
        raise InputError(f"dataset {dataset.ref} holds no records")
    year, month = (int(part) for part in max(months).split("-"))
    end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return Period(date(end.year - 1, end.month, 1), end)


FIRST_YEAR, LAST_YEAR = 1990, 2200


def period_to(text: str) -> Period:
    """The 12 months ending with a month given as YYYY-MM (for example 2021-03)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    year, month = (int(match[1]), int(match[2])) if match else (0, 0)
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise InputError(f"--to {text!r}: give the last month as YYYY-MM, e.g. 2021-03")
    end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return Period(date(end.year - 1, end.month, 1), end)


def statistical_year(year: int) -> Period:
    """The year ending 31 March ``year``, refusing years no data return can hold."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(f"--year {year}: give a year between {FIRST_YEAR} and {LAST_YEAR}")
    return Period.statistical_year(year)


def force_numbers(
    store: DataStore,
    dataset: Dataset,
    period: Period | None = None,
    *,
    published: PublishedFigures | None = None,
    peer_groups: PeerGroupTable | None = None,
    use_cache: bool = True,
) -> ForceNumbers:
    """Every indicator for ``dataset`` over ``period`` (default: its latest 12 months), compared."""
    chosen = period or latest_period(dataset)
    workspace = store.root.parent
    population = _population(store, dataset, chosen, workspace)
    if population is None:
        raise InputError(f"no population is known for {dataset.force_id}, so rates per 1,000 cannot be given")
    context = ForceContext(dataset.force_id, population[0], population[1])
    if published is None:
        computed = england_and_wales_kept(workspace, store.root / "results")
        figures = with_constants(computed, shipped_published())
    else:
        figures = published
    peers = _peer_datasets(store, dataset, peer_groups)
    key = _cache_key(dataset, chosen, figures, peer_groups, peers, population)
    cached = store.root / "results" / f"{key}.json"
    if use_cache and cached.exists():
        return ForceNumbers.model_validate_json(cached.read_text(encoding="utf-8"))
    con = store.connect(dataset)
    try:
        parts = Parts(store.batch_relations(dataset), FileCountsCache(store.root / "counts"))
        current, previous = compute_periods(con, context, [chosen, chosen.previous()], parts)
    finally:
        con.close()
    results = compare(
        current,
        previous,
        context,
        chosen,
        published=figures,
        peer_groups=peer_groups,
        force_values=_peer_values(store, peers, chosen, workspace) if peers else None,
    )
    numbers = ForceNumbers(
        dataset=dataset.ref,
        force_id=dataset.force_id,
        synthetic=dataset.synthetic,
        scale=dataset.scale,
        period=chosen.label,
        period_start=chosen.start,
        period_end=chosen.last_day,
        population=context.population,
        population_source=context.population_source,
        peer_groups=peer_groups.label if peer_groups else None,
        computed_at=datetime.now(UTC),
        results=results,
    )
    cached.parent.mkdir(parents=True, exist_ok=True)
    temporary = cached.with_suffix(".tmp")
    temporary.write_text(numbers.model_dump_json(), encoding="utf-8")
    temporary.replace(cached)
    return numbers


def _peer_datasets(
    store: DataStore, dataset: Dataset, peer_groups: PeerGroupTable | None
) -> dict[str, Dataset]:
    """The peers' datasets of the same name, when every peer has one; else none (the MSG is unknown)."""
    if peer_groups is None:
        return {}
    peers = peer_groups.peers_of(dataset.force_id) or ()
    found = {force: store.dataset(force, dataset.name) for force in peers}
    return {force: d for force, d in found.items() if d is not None}


def _population(
    store: DataStore, dataset: Dataset, period: Period, workspace: Path
) -> tuple[int, str] | None:
    """The population a dataset's rates divide by, with what it is."""
    if dataset.synthetic:
        # The synthesiser sized the sample on Census 2011: its rates divide by the same, scaled.
        return store.population(dataset)
    return population_for_period(load_national(workspace), dataset.force_id, period.last_day)


def _peer_values(
    store: DataStore, peers: dict[str, Dataset], period: Period, workspace: Path
) -> dict[str, dict[str, IndicatorValue]]:
    values: dict[str, dict[str, IndicatorValue]] = {}
    for force_id, peer in peers.items():
        population = _population(store, peer, period, workspace)
        if population is None:
            continue
        con = store.connect(peer)
        try:
            values[force_id] = dict(compute_values(con, ForceContext(force_id, *population), period))
        finally:
            con.close()
    return values


def _cache_key(
    dataset: Dataset,
    period: Period,
    published: PublishedFigures,
    peer_groups: PeerGroupTable | None,
    peers: dict[str, Dataset],
    population: tuple[int, str],
) -> str:
    parts = {
        "version": CACHE_VERSION,
        "dataset": dataset.model_dump(mode="json"),
        "period": [period.start.isoformat(), period.end.isoformat()],
        "published": [figure.model_dump(mode="json") for figure in published.figures],
        "peer_groups": peer_groups.model_dump(mode="json") if peer_groups else None,
        "peers": {force: [b.id for b in d.batches] for force, d in sorted(peers.items())},
        # A national edition loaded later can change the year's estimate.
        "population": list(population),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]
