"""Which published table a file is, told from its content, and the reader that reads it.

- an xlsx workbook with a "Table P1" sheet: the ONS police force area data tables;
- an ods workbook whose first sheets are titled "Police Workforce" or "Police use of force
  statistics": the Home Office workforce or use of force tables;
- a CSV file with the Home Office open data header: police recorded crime by police force area;
- a CSV or Parquet file with the police.uk street header: police.uk street-level crime.

The file's name is not trusted (a download may be renamed); its extension is not needed. Anything
else is refused in one line naming the file and saying why. police.uk street files are counted
together, one edition for all of them, so that a force and month found in two files count once.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from inspectorate.core.data.policeuk import STOP_SEARCH_HEADER, STREET_HEADER
from inspectorate.core.limits import NATIONAL_TABLE_MAX_BYTES, megabytes
from inspectorate.core.national.figures import NationalTable
from inspectorate.core.national.readers.prc_open_data import HEADER as PRC_OPEN_DATA_HEADER
from inspectorate.core.national.workbook import Workbook, check_unpacked_size
from inspectorate.core.problems import InputError

# Files a folder is searched for; anything else in it (READMEs, notes) is passed over.
SUFFIXES = (".xlsx", ".ods", ".csv", ".parquet")
_SNIFF_BYTES = 64 * 1024
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_MIMETYPE_MAX_BYTES = 256


class Kind(StrEnum):
    ONS_PFA = "ONS police force area data tables"
    PRC_OPEN_DATA = "Home Office police recorded crime open data"
    WORKFORCE = "Home Office police workforce tables"
    USE_OF_FORCE = "Home Office police use of force tables"
    POLICE_UK_STREET = "police.uk street-level crime"


def recognise(path: Path) -> Kind:
    """Which published table the file holds, or an InputError saying in one line why it is none."""
    if not path.is_file():
        raise InputError(f"{path.name}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path.name}: the file is empty")
    if size > NATIONAL_TABLE_MAX_BYTES:
        limit = megabytes(NATIONAL_TABLE_MAX_BYTES)
        raise InputError(f"{path.name}: is {megabytes(size)}, more than the {limit} a national file may be")
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head.startswith(b"PAR1"):
        return _parquet_kind(path)
    if head.startswith(b"PK\x03\x04"):
        return _workbook_kind(path)
    return _csv_kind(path, head)


def _csv_kind(path: Path, head: bytes) -> Kind:
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # The sample may end inside a character; only an error before its last bytes is real.
        if exc.start < len(head) - 4:
            raise InputError(f"{path.name}: not a workbook, Parquet or UTF-8 CSV file") from None
        text = head[: exc.start].decode("utf-8-sig")
    first = next(csv.reader(io.StringIO(text)), [])
    header = tuple(column.strip() for column in first)
    if header == PRC_OPEN_DATA_HEADER:
        return Kind.PRC_OPEN_DATA
    return _police_uk_kind(path, header, "CSV")


def _parquet_kind(path: Path) -> Kind:
    import pyarrow.parquet as pq

    try:
        names = tuple(pq.read_schema(path).names)
    except Exception as exc:  # pyarrow raises several error types for a damaged file
        raise InputError(f"{path.name}: a Parquet file that cannot be read ({type(exc).__name__})") from None
    return _police_uk_kind(path, names, "Parquet")


def _police_uk_kind(path: Path, header: tuple[str, ...], form: str) -> Kind:
    if header == STREET_HEADER:
        return Kind.POLICE_UK_STREET
    if header == STOP_SEARCH_HEADER:
        raise InputError(
            f"{path.name}: police.uk stop and search: only street-level crime is counted nationally"
        )
    shown = ", ".join(repr(c) for c in header[:4]) + (", ..." if len(header) > 4 else "")
    raise InputError(
        f"{path.name}: a {form} file whose columns ({shown or 'none'}) are neither the Home Office "
        "recorded crime open data nor police.uk street-level crime"
    )


def _workbook_kind(path: Path) -> Kind:
    try:
        with zipfile.ZipFile(path) as archive:
            check_unpacked_size(path, archive)
            names = set(archive.namelist())
            # The mimetype is a few dozen bytes: a larger one is not read (it could be a zip bomb).
            typed = "mimetype" in names and archive.getinfo("mimetype").file_size <= _MIMETYPE_MAX_BYTES
            mimetype = archive.read("mimetype").strip() if typed else b""
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, zlib.error):
        raise InputError(f"{path.name}: a damaged zip file, not a workbook that can be read") from None
    if mimetype == _ODS_MIMETYPE:
        return _ods_kind(path, Workbook(path))
    if "xl/workbook.xml" in names:
        if Workbook(path).has_sheet("Table P1"):
            return Kind.ONS_PFA
        raise InputError(
            f"{path.name}: an xlsx workbook without a 'Table P1' sheet: "
            "not the ONS police force area data tables"
        )
    raise InputError(f"{path.name}: a zip file that is neither an xlsx nor an ods workbook")


def _ods_kind(path: Path, book: Workbook) -> Kind:
    # The title is in the first rows of the index or cover sheet; two sheets are enough to find it.
    opening = " ".join(
        str(cell) for name in book.sheet_names[:2] for row in book.rows(name)[:4] for cell in row if cell
    )
    words = " ".join(opening.split()).casefold()
    if "police workforce" in words:
        return Kind.WORKFORCE
    if "police use of force" in words:
        return Kind.USE_OF_FORCE
    shown = " ".join(opening.split())[:80]
    raise InputError(
        f"{path.name}: an ods workbook that is neither the police workforce nor the police use of force "
        f"tables (it opens {shown!r})"
    )


def read_table(path: Path, kind: Kind) -> NationalTable:
    """One published table file read by its reader (police.uk street files: see read_street_files)."""
    if kind is Kind.ONS_PFA:
        from inspectorate.core.national.readers.ons_pfa import read_ons_pfa_tables

        return read_ons_pfa_tables(path)
    if kind is Kind.PRC_OPEN_DATA:
        from inspectorate.core.national.readers.prc_open_data import read_prc_open_data

        return read_prc_open_data(path)
    if kind is Kind.WORKFORCE:
        from inspectorate.core.national.readers.workforce import read_workforce_tables

        return read_workforce_tables(path)
    if kind is Kind.USE_OF_FORCE:
        from inspectorate.core.national.readers.use_of_force import read_use_of_force_tables

        return read_use_of_force_tables(path)
    return read_street_files([path])


def read_street_files(
    paths: Sequence[Path], on_file: Callable[[Path, int], None] | None = None
) -> NationalTable:
    from inspectorate.core.national.policeuk_counts import count_street_files

    return count_street_files(paths, on_file)


def read_national_file(path: Path) -> NationalTable:
    """The published table in the file, whichever it is; an InputError in one line when it is none."""
    return read_table(path, recognise(path))


@dataclass(frozen=True)
class FileRead:
    """What came of one table file, or of all the police.uk street files together."""

    files: tuple[Path, ...]
    table: NationalTable | None = None
    refused: tuple[str, ...] = ()
    """One line per problem ("FILE: reason"); empty when the table was read."""


def national_files(paths: Sequence[Path]) -> list[Path]:
    """The files named, and the table files in the folders named (with their subfolders), in name order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
                )
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def read_national_paths(
    paths: Sequence[Path], on_file: Callable[[Path], None] | None = None
) -> Iterator[FileRead]:
    """Each table file read (one edition each), then every police.uk street file counted at once
    (one edition); ``on_file`` is told after each file, for a progress bar. Refusals are yielded,
    never raised, so that one bad file stops nothing else."""
    told = on_file or (lambda _path: None)
    street: list[Path] = []
    for path in national_files(paths):
        try:
            kind = recognise(path)
            if kind is Kind.POLICE_UK_STREET:
                street.append(path)
                continue
            yield FileRead((path,), table=read_table(path, kind))
        except InputError as exc:
            yield FileRead((path,), refused=_lines(exc, path))
        told(path)
    if street:
        try:
            table = read_street_files(street, lambda path, _rows: told(path))
            yield FileRead(tuple(street), table=table)
        except InputError as exc:
            yield FileRead(tuple(street), refused=_lines(exc, street[0]))


def _lines(exc: InputError, path: Path) -> tuple[str, ...]:
    lines = tuple(line for line in str(exc).splitlines() if line.strip())
    return lines or (f"{path.name}: could not be read",)
