"""A published spreadsheet (xlsx or ods) opened read-only, its sheets found by their printed names.

python-calamine reads both formats with one interface and without loading styles, which keeps a
multi-megabyte ODS table to a fraction of a second. Sheet names are matched without their stray
spaces ("Table P1 "). A file that is too big, not a workbook, or missing a sheet raises one
located InputError.

calamine holds a sheet as one rectangle from A1 to its last filled cell, allocated before a single
cell can be looked at, and reads a zip member for as long as it inflates. So before calamine opens
anything the file is checked here: the sizes its zip directory declares for its parts must add up
to no more than ``NATIONAL_WORKBOOK_MAX_UNPACKED_BYTES``, and each sheet's XML is streamed (never
held) to find the rectangle it fills, which must have no more than ``NATIONAL_SHEET_MAX_CELLS``.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from xml.parsers import expat

import python_calamine

from inspectorate.core.limits import (
    NATIONAL_SHEET_MAX_CELLS,
    NATIONAL_TABLE_MAX_BYTES,
    NATIONAL_WORKBOOK_MAX_UNPACKED_BYTES,
    megabytes,
)
from inspectorate.core.problems import InputError, Problem, ProblemsError

Row = list[object]
Extent = tuple[int, int]
"""The rows and columns of the rectangle from A1 to a sheet's last filled cell."""

_CHUNK = 1024 * 1024
_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_CELL_REFERENCE = re.compile(r"^([A-Za-z]{1,8})(\d{1,12})$")
_UNREADABLE = "not an xlsx or ods workbook that can be read"


class Workbook:
    def __init__(self, path: Path) -> None:
        self.path = path
        size = path.stat().st_size
        if size > NATIONAL_TABLE_MAX_BYTES:
            limit = megabytes(NATIONAL_TABLE_MAX_BYTES)
            message = f"is {megabytes(size)}, more than the {limit} a national table may be"
            raise InputError(f"{path.name}: {message}")
        self._extents = sheet_extents(path)
        try:
            self._book = python_calamine.CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # calamine raises its own error types for every unreadable file
            raise InputError(f"{path.name}: {_UNREADABLE} ({type(exc).__name__})") from None
        self.sheet_names: tuple[str, ...] = tuple(self._book.sheet_names)

    def has_sheet(self, name: str) -> bool:
        return self._find(name) is not None

    def _find(self, name: str) -> str | None:
        wanted = " ".join(name.split()).casefold()
        return next((s for s in self.sheet_names if " ".join(s.split()).casefold() == wanted), None)

    def rows(self, name: str) -> list[Row]:
        """The sheet's rows as lists of cells (str, float, int, bool, date or datetime; "" when empty)."""
        found = self._find(name)
        if found is None:
            sheets = ", ".join(self.sheet_names)
            raise ProblemsError([Problem(self.path.name, None, name, f"no such sheet (sheets: {sheets})")])
        extent = self._extents.get(found)
        if extent is None:
            raise ProblemsError([Problem(self.path.name, None, found.strip(), "the sheet's part is missing")])
        rows, columns = extent
        if rows * columns > NATIONAL_SHEET_MAX_CELLS:
            message = (
                f"spans {rows:,} rows by {columns:,} columns ({rows * columns:,} cells), more than the "
                f"{NATIONAL_SHEET_MAX_CELLS:,} a national table's sheet may have"
            )
            raise ProblemsError([Problem(self.path.name, None, found.strip(), message)])
        try:
            sheet = self._book.get_sheet_by_name(found)
            return [list(row) for row in sheet.to_python(skip_empty_area=False)]
        except Exception as exc:  # a damaged part surfaces only when its sheet is read
            message = f"the sheet cannot be read ({type(exc).__name__})"
            raise ProblemsError([Problem(self.path.name, None, found.strip(), message)]) from None


def sheet_extents(path: Path) -> dict[str, Extent]:
    """Each sheet's extent by its name, read from the zip without unpacking more than it declares;
    an InputError in one line for a file that is not an xlsx or ods zip, or unpacks too large."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_unpacked_size(path, archive)
            names = set(archive.namelist())
            if "content.xml" in names:
                return _ods_extents(archive)
            if "xl/workbook.xml" in names:
                return _xlsx_extents(archive, names)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, zlib.error):
        raise InputError(f"{path.name}: {_UNREADABLE} (a damaged zip file)") from None
    except (expat.ExpatError, ValueError) as exc:
        raise InputError(f"{path.name}: {_UNREADABLE} (its XML is damaged: {exc})") from None
    raise InputError(f"{path.name}: {_UNREADABLE} (a zip that is neither an xlsx nor an ods workbook)")


def check_unpacked_size(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a zip whose parts declare more than a workbook may unpack to, before any is read.
    Python's zipfile never inflates a part beyond its declared size (and checks its CRC)."""
    declared = sum(info.file_size for info in archive.infolist())
    if declared > NATIONAL_WORKBOOK_MAX_UNPACKED_BYTES:
        limit = megabytes(NATIONAL_WORKBOOK_MAX_UNPACKED_BYTES)
        raise InputError(
            f"{path.name}: unpacks to {megabytes(declared)}, more than the {limit} "
            "a national workbook may (a zip bomb, or not a table)"
        )


StartHandler = Callable[[str, dict[str, str]], None]
EndHandler = Callable[[str], None]


def _stream(archive: zipfile.ZipFile, member: str, start: StartHandler, end: EndHandler) -> None:
    """Feed a zip member's XML to the handlers a megabyte at a time; element and attribute names
    arrive as "namespace}local". A document type declaration is refused: no workbook has one,
    and it is where entity expansion starts."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.EndElementHandler = end

    def no_doctype(*_: object) -> None:
        raise ValueError(f"{member} declares a document type")

    parser.StartDoctypeDeclHandler = no_doctype
    with archive.open(member) as part:
        while chunk := part.read(_CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _repeats(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 1


def _ods_extents(archive: zipfile.ZipFile) -> dict[str, Extent]:
    """An ODS table's rows and cells may each be repeated (``number-rows-repeated``): a filled
    cell repeated a million times fills a million columns, an empty one fills none."""
    extents: dict[str, Extent] = {}
    state = {"row": 0, "column": 0, "last_row": 0, "last_column": 0, "row_last_column": 0}
    table = [""]
    cell: list[tuple[int, bool]] = []  # the open cell's repeats, and whether it holds anything
    row_repeats = [1]

    def start(name: str, attrs: dict[str, str]) -> None:
        if cell:
            cell[-1] = (cell[-1][0], True)  # a paragraph or annotation inside the cell
        if name == f"{_ODS_TABLE}}}table":
            table[0] = attrs.get(f"{_ODS_TABLE}}}name", "")
            state.update(row=0, last_row=0, last_column=0)
        elif name == f"{_ODS_TABLE}}}table-row":
            row_repeats[0] = _repeats(attrs.get(f"{_ODS_TABLE}}}number-rows-repeated"))
            state.update(column=0, row_last_column=0)
        elif name in (f"{_ODS_TABLE}}}table-cell", f"{_ODS_TABLE}}}covered-table-cell"):
            filled = f"{_ODS_OFFICE}}}value-type" in attrs
            cell.append((_repeats(attrs.get(f"{_ODS_TABLE}}}number-columns-repeated")), filled))

    def end(name: str) -> None:
        if name in (f"{_ODS_TABLE}}}table-cell", f"{_ODS_TABLE}}}covered-table-cell") and cell:
            repeats, filled = cell.pop()
            state["column"] += repeats
            if filled:
                state["row_last_column"] = state["column"]
        elif name == f"{_ODS_TABLE}}}table-row":
            state["row"] += row_repeats[0]
            if state["row_last_column"]:
                state["last_row"] = state["row"]
                state["last_column"] = max(state["last_column"], state["row_last_column"])
        elif name == f"{_ODS_TABLE}}}table":
            extents[table[0]] = (state["last_row"], state["last_column"])

    _stream(archive, "content.xml", start, end)
    return extents


def _xlsx_extents(archive: zipfile.ZipFile, names: set[str]) -> dict[str, Extent]:
    sheets: dict[str, str] = {}  # relationship id -> sheet name
    targets: dict[str, str] = {}  # relationship id -> part

    def sheet(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "sheet":
            rid = next((v for k, v in attrs.items() if k.endswith("}id")), "")
            sheets[rid] = attrs.get("name", "")

    def relationship(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "Relationship":
            target = attrs.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            targets[attrs.get("Id", "")] = posixpath.normpath(part)

    _stream(archive, "xl/workbook.xml", sheet, lambda _name: None)
    if "xl/_rels/workbook.xml.rels" in names:
        _stream(archive, "xl/_rels/workbook.xml.rels", relationship, lambda _name: None)
    return {
        sheet_name: _xlsx_sheet_extent(archive, targets[rid])
        for rid, sheet_name in sheets.items()
        if targets.get(rid) in names
    }


def _xlsx_sheet_extent(archive: zipfile.ZipFile, part: str) -> Extent:
    """The last row and column holding a value (a ``<v>`` or inline string); a cell without its
    reference is the one after the previous, as calamine places it."""
    state = {"row": 0, "column": 0, "last_row": 0, "last_column": 0, "filled": 0}

    def start(name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "row":
            state["row"] = _repeats(attrs.get("r")) if attrs.get("r") else state["row"] + 1
            state["column"] = 0
        elif local == "c":
            found = _CELL_REFERENCE.match(attrs.get("r", ""))
            if found is None:
                state["column"] += 1
            else:
                state["column"] = _column_number(found.group(1))
                state["row"] = int(found.group(2))
            state["filled"] = 0
        elif local in ("v", "is"):
            state["filled"] = 1

    def end(name: str) -> None:
        if _local(name) == "c" and state["filled"]:
            state["last_row"] = max(state["last_row"], state["row"])
            state["last_column"] = max(state["last_column"], state["column"])

    _stream(archive, part, start, end)
    return state["last_row"], state["last_column"]


def _column_number(letters: str) -> int:
    """A -> 1, Z -> 26, AA -> 27."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
