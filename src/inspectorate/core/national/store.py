"""The national editions held: shipped with the package, and loaded into a workspace.

A store is a folder: ``catalog.json`` lists every edition (the edition, its measures, how many
figures, its file) and ``figures/<edition id>.csv.gz`` holds its figures, one per line. The
shipped aggregates (``shipped/``) are such a folder, written by
``scripts/build_national_aggregates.py`` through this same class; a workspace's is
``<workspace>/national``.

An edition is added all or nothing: its figures are written to a temporary file, synced and
renamed into place, and only then is it named in the catalog, itself replaced whole. A crash at
any point leaves the catalog as it was, naming only files that are complete. The same edition (id
and SHA-256) added again is "already loaded"; the same id with another SHA-256 is a different file
claiming to be that edition, and is refused unless it is added to replace the one held. An edition
the package ships is never replaced by accident either: a workspace file under its id but with
another SHA-256 is refused, and stands in its place only when loaded with ``replace``.

The files are deterministic (no timestamps, gzip without a name or time), so building the shipped
folder twice from the same tables gives the same bytes.
"""

from __future__ import annotations

import csv
import fcntl
import gzip
import hashlib
import io
import os
import secrets
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from inspectorate.core.national.figures import (
    Edition,
    Measure,
    NationalData,
    NationalFigure,
    NationalTable,
    Status,
)
from inspectorate.core.problems import InputError

SHIPPED_DIR = Path(__file__).parent / "shipped"
CATALOG = "catalog.json"
FIGURES = "figures"
LOCK = ".lock"
FIGURE_COLUMNS = ("measure", "area", "period_start", "period_end", "value", "status", "where")


class StoredEdition(BaseModel):
    """One edition as the catalog names it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    edition: Edition
    measures: tuple[Measure, ...]
    figures: int
    file: str
    """The figures file, relative to the store's folder."""


class Catalog(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    editions: tuple[StoredEdition, ...] = ()


class Added(StrEnum):
    STORED = "stored"
    REPLACED = "replaced"
    ALREADY = "already loaded"
    SHIPPED = "already shipped"


class AddOutcome(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    edition: str
    status: Added
    figures: int


class NationalStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def catalog_file(self) -> Path:
        return self.root / CATALOG

    def catalog(self) -> Catalog:
        if not self.catalog_file.exists():
            return Catalog()
        try:
            return Catalog.model_validate_json(self.catalog_file.read_bytes())
        except ValidationError as exc:
            raise InputError(
                f"{self.catalog_file}: not a national store catalog ({exc.error_count()} errors)"
            ) from None

    def editions(self) -> tuple[StoredEdition, ...]:
        return self.catalog().editions

    def find(self, edition_id: str) -> StoredEdition | None:
        return next((e for e in self.editions() if e.edition.id == edition_id), None)

    def add(self, table: NationalTable, *, replace: bool = False) -> AddOutcome:
        """Store the table's edition whole, or say it is already here; a different file under the
        same edition id is refused in one line, or with ``replace`` takes the held one's place."""
        edition = table.edition
        strays = sorted({f.edition for f in table.figures if f.edition != edition.id})
        if strays:
            raise InputError(
                f"{edition.source_file}: figures name other editions than {edition.id}: {strays}"
            )
        with self._locked():
            catalog = self.catalog()
            held = next((e for e in catalog.editions if e.edition.id == edition.id), None)
            if held is not None:
                if held.edition.sha256 == edition.sha256:
                    return AddOutcome(edition=edition.id, status=Added.ALREADY, figures=held.figures)
                if not replace:
                    raise InputError(different_file(edition, held.edition))
            # A replacement is written beside the figures it replaces, which stay named by the
            # catalog until the new catalog is in place.
            name = edition.id if held is None else f"{edition.id}.{edition.sha256[:12]}"
            relative = f"{FIGURES}/{name}.csv.gz"
            target = self.root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            stored = StoredEdition(
                edition=edition, measures=table.measures, figures=len(table.figures), file=relative
            )
            kept = (e for e in catalog.editions if e is not held)
            editions = sorted((*kept, stored), key=lambda e: e.edition.id)
            try:
                _write_whole(target, figures_bytes(table.figures))
                self._write_catalog(Catalog(editions=tuple(editions)))
            except BaseException:
                # Nothing names the figures file yet: take it away, so no half of the edition stays.
                target.unlink(missing_ok=True)
                raise
            if held is not None and held.file != relative:
                (self.root / held.file).unlink(missing_ok=True)
        status = Added.STORED if held is None else Added.REPLACED
        return AddOutcome(edition=edition.id, status=status, figures=len(table.figures))

    def remove(self, edition_id: str) -> StoredEdition:
        with self._locked():
            catalog = self.catalog()
            held = next((e for e in catalog.editions if e.edition.id == edition_id), None)
            if held is None:
                known = ", ".join(e.edition.id for e in catalog.editions) or "none loaded"
                raise InputError(f"no edition {edition_id!r} in {self.root} (held: {known})")
            self._write_catalog(Catalog(editions=tuple(e for e in catalog.editions if e is not held)))
            (self.root / held.file).unlink(missing_ok=True)
        return held

    def figures(self, stored: StoredEdition) -> tuple[NationalFigure, ...]:
        path = self.root / stored.file
        with gzip.open(path, "rt", encoding="utf-8", newline="") as text:
            reader = csv.reader(text)
            header = next(reader, None)
            if header is None or tuple(header) != FIGURE_COLUMNS:
                raise InputError(f"{path}: not a national figures file (header {header})")
            figures = tuple(_figure(row, stored.edition.id) for row in reader)
        if len(figures) != stored.figures:
            raise InputError(f"{path}: holds {len(figures)} figures, the catalog says {stored.figures}")
        return figures

    def read(self) -> NationalData:
        """Every edition held here, with its measures and figures."""
        editions = self.editions()
        return NationalData(
            editions=tuple(e.edition for e in editions),
            measures=_measures(editions),
            figures=tuple(f for e in editions for f in self.figures(e)),
        )

    def fingerprint(self) -> tuple[int, int, int] | None:
        """Changes whenever an edition is added or removed (the catalog is replaced each time)."""
        try:
            seen = self.catalog_file.stat()
        except FileNotFoundError:
            return None
        return (seen.st_ino, seen.st_mtime_ns, seen.st_size)

    def _write_catalog(self, catalog: Catalog) -> None:
        _write_whole(self.catalog_file, (catalog.model_dump_json(indent=1) + "\n").encode())

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / LOCK).open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


def different_file(new: Edition, held: Edition) -> str:
    return (
        f"{new.source_file}: edition {new.id} is already held from another file "
        f"({held.source_file}, sha256 {held.sha256[:12]}..., this file {new.sha256[:12]}...); "
        f"remove it first (`inspectorate national remove {new.id}`) or load it with `--replace`"
    )


def different_from_shipped(new: Edition, shipped: Edition) -> str:
    return (
        f"{new.source_file}: edition {new.id} is shipped with the package from another file "
        f"({shipped.source_file}, sha256 {shipped.sha256[:12]}..., this file {new.sha256[:12]}...); "
        "load it with `--replace` to put this file in its place in this workspace"
    )


def figures_bytes(figures: Iterable[NationalFigure]) -> bytes:
    """The figures as gzip CSV, the same bytes for the same figures (no name or time in the gzip header)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(FIGURE_COLUMNS)
    for f in figures:
        value = "" if f.value is None else _number(f.value)
        row = (f.measure, f.area, f.period_start, f.period_end, value, f.status.value, f.where)
        writer.writerow(row)
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as packed:
        packed.write(text.getvalue().encode("utf-8"))
    return raw.getvalue()


def _number(value: float) -> str:
    # repr is the shortest text that reads back as the same float; whole numbers lose their ".0".
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


def _figure(row: list[str], edition_id: str) -> NationalFigure:
    measure, area, start, end, value, status, where = row
    return NationalFigure(
        measure=measure,
        area=area,
        period_start=date.fromisoformat(start),
        period_end=date.fromisoformat(end),
        value=float(value) if value else None,
        status=Status(status),
        edition=edition_id,
        where=where,
    )


def _measures(editions: Iterable[StoredEdition]) -> tuple[Measure, ...]:
    """Each measure once; where editions word its heading differently the first edition's (by id) is kept."""
    seen: dict[str, Measure] = {}
    for stored in editions:
        for measure in stored.measures:
            seen.setdefault(measure.id, measure)
    return tuple(seen.values())


def _write_whole(target: Path, content: bytes) -> None:
    """Write beside the target, sync, then rename over it: the target is the old file or the new one."""
    scratch = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        with scratch.open("wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(scratch, target)
    finally:
        scratch.unlink(missing_ok=True)
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    # The rename itself is only durable once the folder's entry is synced.
    with suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


# Loading: the shipped aggregates and the workspace's editions, as one NationalData ---------------

_cache_lock = threading.Lock()
_cache: dict[Path, tuple[tuple[int, int, int] | None, NationalData]] = {}


def national_dir(workspace: Path) -> Path:
    return workspace / "national"


def shipped_store() -> NationalStore:
    return NationalStore(SHIPPED_DIR)


def shipped_data() -> NationalData:
    with _cache_lock:
        return _shipped_locked()


def _shipped_locked() -> NationalData:
    held = _cache.get(SHIPPED_DIR)
    if held is None:
        held = (None, shipped_store().read())
        _cache[SHIPPED_DIR] = held
    return held[1]


def load_national(workspace: Path | None) -> NationalData:
    """The shipped aggregates and every edition loaded into the workspace (None: the shipped ones
    only). A workspace edition with a shipped edition's id replaces it. Kept in memory and read
    again only when the workspace's catalog changes."""
    with _cache_lock:
        shipped = _shipped_locked()
        if workspace is None:
            return shipped
        store = NationalStore(national_dir(workspace))
        fingerprint = store.fingerprint()
        if fingerprint is None:
            return shipped
        held = _cache.get(store.root)
        if held is not None and held[0] == fingerprint:
            return held[1]
        data = merged(shipped, store.read())
        _cache[store.root] = (fingerprint, data)
        return data


def merged(shipped: NationalData, loaded: NationalData) -> NationalData:
    """Every edition of both, the loaded one where both hold the same id."""
    replaced = {e.id for e in loaded.editions}
    editions = sorted(
        (*(e for e in shipped.editions if e.id not in replaced), *loaded.editions), key=lambda e: e.id
    )
    loaded_measures = {m.id for m in loaded.measures}
    return NationalData(
        editions=tuple(editions),
        measures=(*loaded.measures, *(m for m in shipped.measures if m.id not in loaded_measures)),
        figures=(*(f for f in shipped.figures if f.edition not in replaced), *loaded.figures),
    )


def add_to_workspace(workspace: Path, table: NationalTable, *, replace: bool = False) -> AddOutcome:
    """Store an edition in the workspace, unless the package ships the very same one. Another file
    under a shipped edition's id (or a held one's) is refused in one line, unless ``replace`` says
    it is to stand in that edition's place."""
    shipped = shipped_store().find(table.edition.id)
    if shipped is not None:
        if shipped.edition.sha256 == table.edition.sha256:
            return AddOutcome(edition=shipped.edition.id, status=Added.SHIPPED, figures=shipped.figures)
        if not replace:
            raise InputError(different_from_shipped(table.edition, shipped.edition))
    return NationalStore(national_dir(workspace)).add(table, replace=replace)


def holdings_digest(workspace: Path | None) -> str:
    """A digest of what `load_national(workspace)` would hold, from the two catalogs alone: what is
    worked out from the figures can be kept under it and is never stale (an edition's figures file
    never changes once it is named in a catalog)."""
    digest = hashlib.sha256(shipped_store().catalog_file.read_bytes())
    if workspace is not None:
        catalog = NationalStore(national_dir(workspace)).catalog_file
        if catalog.exists():
            digest.update(b"\0" + catalog.read_bytes())
    return digest.hexdigest()
