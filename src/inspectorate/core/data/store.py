"""The data store: each force's data returns as Parquet files in the workspace, queried with DuckDB.

A *dataset* is one force's collection of records from one source (its own return, police.uk files,
or a synthetic return), so that two sources for the same months are never added together. Each
loaded file becomes one *batch* per table it fills. ``catalog.json`` lists the datasets and their
batches and is replaced in one step at the end of a load, after the Parquet files are in place:
a load that fails leaves the catalog, and so the store, exactly as it was.

Loading the same file twice changes nothing (files are known by their SHA-256). A file whose
months overlap a batch already loaded for the same table is refused, unless ``replace`` is asked
for, when the older batch is retired: counts are never doubled by a re-issued month.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from inspectorate.core.data.quarantine import write_quarantine
from inspectorate.core.data.readers import SHOWN_PROBLEMS, FileRead, read_file
from inspectorate.core.data.schema import TABLES, table
from inspectorate.core.data.sql import PARQUET_WRITE, quote_name, quote_text
from inspectorate.core.forces.population import population_of
from inspectorate.core.forces.reference import get_force
from inspectorate.core.problems import InputError, Problem, ProblemsError

if TYPE_CHECKING:
    import duckdb

Progress = Callable[[str, int, int], None]
NOTHING_LOADED = "(nothing was loaded)"
DATASET_NAME = r"^[a-z0-9][a-z0-9-]{0,62}$"
# The name a force's own data return is loaded under, and so the dataset a command samples unless
# told otherwise.
DEFAULT_DATASET_NAME = "return"


class Batch(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    table: str
    source: str
    source_sha256: str
    source_kind: str
    rows: int
    months: tuple[str, ...]
    file: str
    loaded_at: datetime
    quarantined: int = 0
    quarantine_file: str | None = None


class Dataset(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    force_id: str
    name: str = Field(pattern=DATASET_NAME)
    synthetic: bool = False
    # A synthetic return may be a sample of a force's volume; rates then use the population scaled alike.
    scale: float = 1.0
    description: str = ""
    batches: tuple[Batch, ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.force_id}/{self.name}"

    def batches_of(self, table_name: str) -> tuple[Batch, ...]:
        return tuple(batch for batch in self.batches if batch.table == table_name)

    def months(self, table_name: str) -> tuple[str, ...]:
        return tuple(sorted({month for batch in self.batches_of(table_name) for month in batch.months}))

    def rows(self, table_name: str) -> int:
        return sum(batch.rows for batch in self.batches_of(table_name))


def default_dataset(datasets: Sequence[Dataset]) -> Dataset | None:
    """The dataset a page offers first among a force's: real data before synthetic, which is chosen
    only when it is all there is; None when the force has none."""
    real = [dataset for dataset in datasets if not dataset.synthetic]
    return next(iter(real or datasets), None)


class Catalog(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = 1
    datasets: list[Dataset] = []


class LoadReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    dataset: str
    loaded: tuple[Batch, ...]
    skipped: tuple[str, ...]
    retired: tuple[Batch, ...]
    quarantined: int
    quarantine_files: tuple[str, ...]


class SynthesisLabel(BaseModel):
    """What a synthetic return's manifest.json says about itself."""

    model_config = ConfigDict(extra="ignore")

    synthetic: bool
    force_id: str
    scale: float = Field(gt=0)
    seed: int
    year: int


@dataclass(frozen=True)
class MemoryLimit:
    """How much memory DuckDB may hold (its own syntax, for example '1GB') and where it spills the
    rest, for a store whose data outgrows the machine's memory. Memory outside DuckDB (the keys'
    hashes a load sorts, 8 bytes a key of the largest file) is not counted in it."""

    limit: str
    spill_to: Path


def quiet_connection(memory: MemoryLimit | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection that draws no progress bar of its own (the CLI has one)."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    if memory is not None:
        con.execute(f"SET memory_limit = {quote_text(memory.limit)}")
        con.execute(f"SET temp_directory = {quote_text(str(memory.spill_to))}")
    return con


class DataStore:
    def __init__(self, root: Path, *, memory: MemoryLimit | None = None) -> None:
        self.root = root
        self.memory = memory

    @property
    def catalog_file(self) -> Path:
        return self.root / "catalog.json"

    def catalog(self) -> Catalog:
        if not self.catalog_file.exists():
            return Catalog()
        return Catalog.model_validate_json(self.catalog_file.read_text(encoding="utf-8"))

    def datasets(self, force_id: str | None = None) -> list[Dataset]:
        return [d for d in self.catalog().datasets if force_id is None or d.force_id == force_id]

    def dataset(self, force_id: str, name: str) -> Dataset | None:
        return next((d for d in self.datasets(force_id) if d.name == name), None)

    def get_dataset(self, ref: str) -> Dataset:
        force_id, _, name = ref.partition("/")
        found = self.dataset(force_id, name)
        if found is None:
            known = ", ".join(d.ref for d in self.datasets()) or "none loaded"
            raise InputError(f"no dataset {ref!r} (known: {known})")
        return found

    def population(self, dataset: Dataset) -> tuple[int, str] | None:
        """The population rates are taken over, scaled like a synthetic sample, with its source."""
        figure = population_of(dataset.force_id)
        if figure is None:
            return None
        if dataset.scale == 1.0:
            return figure.population, f"{figure.source} ({figure.year})"
        scaled = round(figure.population * dataset.scale)
        return (
            scaled,
            f"{figure.source} ({figure.year}), scaled by {dataset.scale:g} like the synthetic sample",
        )

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / "lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    @contextmanager
    def frozen(self) -> Iterator[None]:
        """No load or removal changes the store while this is held: a backup copies it as one state."""
        with self._locked():
            yield

    def _write_catalog(self, catalog: Catalog) -> None:
        temporary = self.catalog_file.with_suffix(".json.tmp")
        temporary.write_text(catalog.model_dump_json(indent=1), encoding="utf-8")
        os.replace(temporary, self.catalog_file)

    def connect(self, dataset: Dataset) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection with one view per canonical table over the dataset's files."""

        con = quiet_connection(self.memory)
        for spec in TABLES:
            files = [str(self.root / batch.file) for batch in dataset.batches_of(spec.name)]
            if files:
                listing = "[" + ", ".join(quote_text(f) for f in files) + "]"
                con.execute(f"CREATE VIEW {spec.name} AS SELECT * FROM read_parquet({listing})")
            else:
                empty = ", ".join(
                    f"CAST(NULL AS {c.type.value}) AS {quote_name(c.name)}" for c in spec.columns
                )
                con.execute(f"CREATE VIEW {spec.name} AS SELECT {empty} WHERE false")
        return con

    def batch_relations(self, dataset: Dataset) -> dict[str, list[tuple[str, str]]]:
        """Each table's batches as (batch id, SQL relation), for counting batch by batch."""
        relations: dict[str, list[tuple[str, str]]] = {}
        for batch in dataset.batches:
            relation = f"read_parquet({quote_text(str(self.root / batch.file))})"
            relations.setdefault(batch.table, []).append((batch.id, relation))
        return relations

    def remove(self, dataset: Dataset) -> None:
        with self._locked():
            catalog = self.catalog()
            catalog.datasets = [d for d in catalog.datasets if d.ref != dataset.ref]
            self._write_catalog(catalog)
            for batch in dataset.batches:
                (self.root / batch.file).unlink(missing_ok=True)

    def unload(self, report: LoadReport) -> bool:
        """Take back a load whose record could not be kept: its batches leave the catalog (and a
        dataset it made, when nothing else is in it) and their files are deleted. A load that
        replaced batches cannot be taken back (their files are gone once it is done): False, and
        nothing changed."""
        if report.retired:
            return False
        ids = {batch.id for batch in report.loaded}
        with self._locked():
            catalog = self.catalog()
            kept: list[Dataset] = []
            for dataset in catalog.datasets:
                if dataset.ref == report.dataset:
                    batches = tuple(b for b in dataset.batches if b.id not in ids)
                    if not batches and dataset.batches:
                        continue
                    dataset = dataset.model_copy(update={"batches": batches})
                kept.append(dataset)
            catalog.datasets = kept
            self._write_catalog(catalog)
            for batch in report.loaded:
                (self.root / batch.file).unlink(missing_ok=True)
        return True

    def load(
        self,
        force_id: str,
        name: str,
        paths: Sequence[Path],
        *,
        quarantine: bool = False,
        replace: bool = False,
        progress: Progress | None = None,
    ) -> LoadReport:
        """Load files into a dataset, all or nothing; see the module docstring for the rules."""
        get_force(force_id)
        try:
            files, label = expand_sources(paths)
            with self._locked():
                return _Load(self, force_id, name, files, label, quarantine, replace, progress).run()
        except InputError as exc:
            if str(exc).endswith(NOTHING_LOADED):
                raise
            raise _refused(str(exc).splitlines()) from exc


def expand_sources(paths: Sequence[Path]) -> tuple[list[Path], SynthesisLabel | None]:
    """Files to load, a directory standing for its CSV and Parquet files, and any synthetic label."""
    files: list[Path] = []
    label: SynthesisLabel | None = None
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".parquet")))
            manifest = path / "manifest.json"
            if manifest.exists():
                try:
                    label = SynthesisLabel.model_validate(json.loads(manifest.read_text(encoding="utf-8")))
                except ValueError as exc:
                    raise InputError(f"{manifest}: not a synthetic data manifest ({exc})") from exc
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    if not files:
        raise InputError("no CSV or Parquet files to load in " + ", ".join(str(p) for p in paths))
    return files, label


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class _Load:
    """One load: read and check every file, then write every batch, then swap the catalog."""

    def __init__(
        self,
        store: DataStore,
        force_id: str,
        name: str,
        files: list[Path],
        label: SynthesisLabel | None,
        quarantine: bool,
        replace: bool,
        progress: Progress | None,
    ) -> None:
        self.store, self.force_id, self.name, self.files = store, force_id, name, files
        self.label, self.quarantine, self.replace = label, quarantine, replace
        self.progress = progress or (lambda _step, _done, _total: None)
        self.written: list[Path] = []
        self.created_folders: list[Path] = []
        self.staging: Path | None = None

    def run(self) -> LoadReport:
        catalog = self.store.catalog()
        dataset = self._dataset(catalog)
        known = {batch.source_sha256 for batch in dataset.batches}
        con = quiet_connection(self.store.memory)
        try:
            reads, skipped, hashes = self._read_all(con, known)
            new_batches: list[Batch] = []
            quarantine_files: list[str] = []
            retired: list[Batch] = []
            for read in reads:
                set_aside = None
                if read.bad_rows and self.quarantine:
                    set_aside = self._quarantine(con, read)
                    quarantine_files.append(set_aside)
                for table_name, select in read.outputs.items():
                    batch = self._write_batch(
                        con, dataset, read, table_name, select, hashes[read.path], set_aside
                    )
                    if batch is not None:
                        new_batches.append(batch)
            retired = self._check_overlaps(dataset, new_batches)
            kept = tuple(b for b in dataset.batches if b not in retired)
            updated = dataset.model_copy(update={"batches": kept + tuple(new_batches)})
            catalog.datasets = [d for d in catalog.datasets if d.ref != dataset.ref] + [updated]
            self.store._write_catalog(catalog)
        except BaseException:
            for path in self.written:
                path.unlink(missing_ok=True)
            if self.staging is not None:
                shutil.rmtree(self.staging, ignore_errors=True)
            # Deepest first; a folder is removed only if the failed load left it empty.
            for folder in sorted(set(self.created_folders), key=lambda p: len(p.parts), reverse=True):
                _remove_if_empty(folder)
            raise
        finally:
            con.close()
            if self.staging is not None:
                shutil.rmtree(self.staging, ignore_errors=True)
                _remove_if_empty(self.staging.parent)
        for batch in retired:
            (self.store.root / batch.file).unlink(missing_ok=True)
        return LoadReport(
            dataset=dataset.ref,
            loaded=tuple(new_batches),
            skipped=tuple(skipped),
            retired=tuple(retired),
            quarantined=sum(r.bad_rows for r in reads) if self.quarantine else 0,
            quarantine_files=tuple(quarantine_files),
        )

    def _dataset(self, catalog: Catalog) -> Dataset:
        existing = next(
            (d for d in catalog.datasets if d.force_id == self.force_id and d.name == self.name), None
        )
        synthetic = self.label is not None and self.label.synthetic
        if self.label is not None and self.label.force_id != self.force_id:
            raise InputError(f"the synthetic return is for {self.label.force_id!r}, not {self.force_id!r}")
        if existing is not None:
            if self.label is not None and existing.batches and existing.scale != self.label.scale:
                raise InputError(
                    f"dataset {existing.ref} holds a synthetic return at scale {existing.scale:g}, not "
                    f"{self.label.scale:g}; remove it first or load into another dataset"
                )
            if existing.synthetic != synthetic and existing.batches:
                kind = "synthetic" if existing.synthetic else "real"
                raise InputError(
                    f"dataset {existing.ref} holds {kind} data; load the other kind into another dataset"
                )
            return existing
        try:
            return Dataset(
                force_id=self.force_id,
                name=self.name,
                synthetic=synthetic,
                scale=self.label.scale if self.label else 1.0,
                description=(
                    f"synthetic return, year {self.label.year}, seed {self.label.seed}" if self.label else ""
                ),
            )
        except ValueError as exc:
            raise InputError(
                f"dataset name {self.name!r}: use lower-case letters, digits and hyphens"
            ) from exc

    def _read_all(
        self, con: duckdb.DuckDBPyConnection, known: set[str]
    ) -> tuple[list[FileRead], list[str], dict[Path, str]]:
        reads: list[FileRead] = []
        skipped: list[str] = []
        hashes: dict[Path, str] = {}
        problems: list[Problem] = []
        summaries: list[str] = []
        staging = self.store.root / "staging" / f"{_stamp()}-{secrets.token_hex(4)}"
        self._make_folder(staging)
        self.staging = staging
        # Hashing runs beside DuckDB's parsing (hashlib lets other threads run), so it costs no time.
        with ThreadPoolExecutor(max_workers=1) as pool:
            digests = [pool.submit(file_sha256, path) for path in self.files]
            for number, path in enumerate(self.files):
                self.progress(f"reading {path.name}", number, len(self.files))
                # A file seen before is still parsed while its hash is worked out; that waste is
                # rare, and hashing first would make every load wait for it.
                read = read_file(con, path, number, force_id=self.force_id, staging=staging)
                digest = digests[number].result()
                if digest in known or digest in hashes.values():
                    skipped.append(path.name)
                    if read.staged is not None:
                        read.staged.unlink(missing_ok=True)
                    continue
                hashes[path] = digest
                reads.append(read)
                # Problems of the whole file (wrong force, no records) cannot be set aside row by row.
                whole_file = [problem for problem in read.problems if problem.line is None]
                shown = read.problems if not self.quarantine else whole_file
                problems.extend(shown[:SHOWN_PROBLEMS])
                if len(shown) > SHOWN_PROBLEMS:
                    more = f"{len(shown) - SHOWN_PROBLEMS} more problems"
                    summaries.append(f"{read.source}: {more}, in {read.bad_rows} bad rows in all")
        self.progress("read", len(self.files), len(self.files))
        if problems:
            error = ProblemsError(problems)
            raise _refused([str(error), *summaries]) from error
        return reads, skipped, hashes

    def _make_folder(self, folder: Path) -> None:
        """Create ``folder`` and note the ones created, so that a failed load can remove them."""
        missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
        folder.mkdir(parents=True, exist_ok=True)
        self.created_folders.extend(missing)

    def _quarantine(self, con: duckdb.DuckDBPyConnection, read: FileRead) -> str:
        name = f"{_stamp()}-{secrets.token_hex(4)}-{read.number}-{read.source}.problems.csv"
        target = self.store.root / "quarantine" / name
        write_quarantine(con, read, target)
        self.written.append(target)
        return str(target)

    def _write_batch(
        self,
        con: duckdb.DuckDBPyConnection,
        dataset: Dataset,
        read: FileRead,
        table_name: str,
        select: str,
        digest: str,
        set_aside: str | None,
    ) -> Batch | None:
        spec = table(table_name)
        # A canonical file with nothing set aside is already its batch: the staged Parquet file.
        as_staged = read.staged is not None and read.bad_table is None and read.format.canonical is not None
        source = f"read_parquet({quote_text(str(read.staged))})" if as_staged else f"({select})"
        by_month: list[tuple[str | None, int]]
        if read.month_rows is not None and read.bad_table is None and read.format.canonical == spec:
            # Every row is kept: the checks' scan has counted them by month already.
            by_month = read.month_rows
        else:
            by_month = [
                (None if month is None else month.strftime("%Y-%m"), int(count))
                for month, count in con.execute(
                    f"SELECT date_trunc('month', {quote_name(spec.date_column)}) AS month, count(*) "
                    f"FROM {source} GROUP BY month ORDER BY month"
                ).fetchall()
            ]
        rows = sum(count for _, count in by_month)
        if rows == 0:
            return None
        batch_id = f"{_stamp()}-{secrets.token_hex(4)}"
        relative = Path("datasets") / dataset.force_id / dataset.name / table_name / f"{batch_id}.parquet"
        target = self.store.root / relative
        self._make_folder(target.parent)
        self.written.append(target)
        self.progress(f"writing {table_name}", 0, 1)
        if as_staged:
            assert read.staged is not None
            os.replace(read.staged, target)
        else:
            con.execute(f"COPY ({select}) TO {quote_text(str(target))} ({PARQUET_WRITE})")
        return Batch(
            id=batch_id,
            table=table_name,
            source=read.source,
            source_sha256=digest,
            source_kind=read.format.kind,
            rows=rows,
            months=tuple(month for month, _ in by_month if month is not None),
            file=str(relative),
            loaded_at=datetime.now(UTC),
            quarantined=read.bad_rows if self.quarantine else 0,
            quarantine_file=set_aside,
        )

    def _check_overlaps(self, dataset: Dataset, new_batches: list[Batch]) -> list[Batch]:
        retired: list[Batch] = []
        problems: list[str] = []
        for position, batch in enumerate(new_batches):
            for other in new_batches[:position]:
                shared = sorted(set(batch.months) & set(other.months))
                if other.table == batch.table and shared:
                    problems.append(
                        f"{batch.source}: {batch.table} for {_months(shared)} is also in {other.source}"
                    )
            for old in dataset.batches_of(batch.table):
                shared = sorted(set(batch.months) & set(old.months))
                dropped = sorted(
                    set(old.months) - {m for b in new_batches if b.table == old.table for m in b.months}
                )
                if shared and self.replace and dropped:
                    problems.append(
                        f"{batch.source}: replacing {old.source} would also drop its {batch.table} for "
                        f"{_months(dropped)}; load a file covering those months too"
                    )
                elif shared and not self.replace:
                    problems.append(
                        f"{batch.source}: {batch.table} for {_months(shared)} already loaded from "
                        f"{old.source}; use --replace to supersede it"
                    )
                elif shared and old not in retired:
                    retired.append(old)
        if problems:
            raise _refused(problems)
        return retired


def _remove_if_empty(folder: Path) -> None:
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def _refused(lines: list[str]) -> InputError:
    """One error line per problem; the last also says that the store was left as it was."""
    text = "\n".join(lines)
    return InputError(f"{text} {NOTHING_LOADED}")


def _months(months: list[str]) -> str:
    return months[0] if len(months) == 1 else f"{months[0]}..{months[-1]} ({len(months)} months)"


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
