"""A published spreadsheet (xlsx or ods) opened read-only, its sheets found by their printed names.

python-calamine reads both formats with one interface and without loading styles, which keeps a
multi-megabyte ODS table to a fraction of a second. Sheet names are matched without their stray
spaces ("Table P1 "). A file that is too big, not a workbook, or missing a sheet raises one
located InputError.
"""

from __future__ import annotations

from pathlib import Path

import python_calamine

from inspectorate.core.limits import NATIONAL_TABLE_MAX_BYTES, megabytes
from inspectorate.core.problems import InputError, Problem, ProblemsError

Row = list[object]


class Workbook:
    def __init__(self, path: Path) -> None:
        self.path = path
        size = path.stat().st_size
        if size > NATIONAL_TABLE_MAX_BYTES:
            limit = megabytes(NATIONAL_TABLE_MAX_BYTES)
            message = f"is {megabytes(size)}, more than the {limit} a national table may be"
            raise InputError(f"{path.name}: {message}")
        try:
            self._book = python_calamine.CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # calamine raises its own error types for every unreadable file
            message = f"not an xlsx or ods workbook that can be read ({type(exc).__name__})"
            raise InputError(f"{path.name}: {message}") from None
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
        return [list(row) for row in self._book.get_sheet_by_name(found).to_python(skip_empty_area=False)]
