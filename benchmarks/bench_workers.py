"""The work each benchmark child process times: the engine, the SQL reference, pandas, the append
and the profiled runs. Each returns its numbers in flat form for the parent to compare."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bench_common import (
    CHECKS_STEP,
    DATASET,
    FORCE,
    IMPORT_STEP,
    INDICATORS_STEP,
    KEYS_STEP,
    LOAD_STEP,
    PARSE_STEP,
    QUERY_STEP,
    REFERENCE_COPY_STEP,
    TABLES,
    VALUES_STEP,
    VIEWS_STEP,
    WRITE_STEP,
)

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


def scaled_population(scale: float) -> int:
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
        population = scaled_population(args.scale)
        current, previous = (
            figures.indicator_values(period_counts, period, population, residents)
            for period_counts, period in zip(counts, periods, strict=True)
        )
        published = figures.published_figures(args.data.parent / figures.FIGURES_FILE)
        return figures.compare_and_flatten(current, previous, periods[0], published)


def work_sql(args: argparse.Namespace, steps: Steps) -> dict[str, Any]:
    import duckdb
    import figures
    import reference_sql

    con = duckdb.connect()
    parquet = {table: args.work / f"{table}.parquet" for table in TABLES}
    with steps(REFERENCE_COPY_STEP):
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

    import inspectorate.core.data.checks as checks_module
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

        def fetchnumpy(self) -> Any:
            with steps(self._last):
                return self._con.fetchnumpy()

        def __getattr__(self, name: str) -> Any:
            return getattr(self._con, name)

    duckdb.connect = lambda *a, **k: TimedConnection(real_connect(*a, **k))  # type: ignore[assignment]
    store_module.file_sha256 = timed(
        "load: SHA-256 of each file (in a thread, beside the parsing)", store_module.file_sha256
    )
    # The sort of the keys' hashes (NumPy, no SQL) belongs with the query that fetched them.
    checks_module.equal_neighbours_once_sorted = timed(KEYS_STEP, checks_module.equal_neighbours_once_sorted)
    numbers_module.compute_periods = timed(VALUES_STEP, numbers_module.compute_periods)
    numbers_module.compare = timed("indicators: comparisons and significance tests", numbers_module.compare)
    # The England and Wales figures from the national tables: worked out once, then read back.
    national = "indicators: England and Wales from the national tables (worked out once, then kept)"
    numbers_module.load_national = timed(national, numbers_module.load_national)
    numbers_module.england_and_wales_kept = timed(national, numbers_module.england_and_wales_kept)


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
    if "count(DISTINCT" in text or text.startswith("SELECT hash("):
        return KEYS_STEP
    if text.startswith("SELECT strftime(month, '%Y-%m'), rows, failed"):
        return CHECKS_STEP
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
