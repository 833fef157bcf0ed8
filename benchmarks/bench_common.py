"""What the benchmark's parts share: names, targets, step labels and the record of one run."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORCE = "metropolitan"
DATASET = "bench"
YEAR = 2015
TABLES = ("calls", "incidents", "crimes", "outcomes", "stop_search", "asb", "survey", "population")
IMPLEMENTATIONS = ("engine", "sql", "pandas")
TITLES = {
    "engine": "Engine (load with validation, indicators, comparators)",
    "sql": "Hand-written DuckDB SQL reference",
    "pandas": "pandas",
    "append": "Engine: append one month and recompute",
}
# The targets the engine is held to: engine / reference time, pandas / engine time, engine / reference memory,
# append / full engine run.
TARGET_VS_REFERENCE = 1.25
# The load alone (every check, the catalog) against the reference's CSV to Parquet, which checks nothing.
TARGET_LOAD_VS_REFERENCE = 1.25
REFERENCE_COPY_STEP = "read CSV, write Parquet"
TARGET_VS_PANDAS = 3.0
TARGET_MEMORY = 2.0
TARGET_APPEND = 0.1
LOAD_STEP = "load: read, check, write Parquet"
INDICATORS_STEP = "indicators and comparisons"
IMPORT_STEP = "import scipy.stats and statsmodels (for the tests)"
# Steps of the profile runs that the report refers to by name.
PARSE_STEP = "load: parse CSV and write it as Parquet (one streamed COPY)"
WRITE_STEP = "load: write Parquet (COPY)"
CHECKS_STEP = "load: row checks and rows per month (one scan)"
KEYS_STEP = "load: repeated keys (hashes of the key sorted)"
VALUES_STEP = "indicators: values (queries and Python)"
QUERY_STEP = "indicators: SQL (monthly counts)"
VIEWS_STEP = "indicators: create views"
INSIDE = "of which "


@dataclass
class Run:
    implementation: str
    seconds: float
    process_seconds: float
    cpu_seconds: float
    peak_kib: int
    # Cores' worth of CPU used by other processes while the run went on.
    other_load: float
    steps: dict[str, float]
    numbers: dict[str, Any] = field(repr=False)


def default_data_dir() -> Path:
    return Path(tempfile.gettempdir()) / "inspectorate-bench"
