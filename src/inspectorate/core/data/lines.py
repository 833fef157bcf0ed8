"""Where a row of a data file sits: its line, and the first line whose ending is wrong.

DuckDB parses a file without saying on which line a rejected row or a bad line ending lies; these
find it, in one pass of the bytes, and only when a problem needs locating.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from pathlib import Path

from inspectorate.core.problems import Problem

LONE_CR = (
    "a carriage return (CR) without a line feed (LF) after it: "
    "save the file with Windows (CR LF) or Unix (LF) line endings"
)


_LONE_CR = re.compile(rb"\r(?!\n)")
_BARE_LF = re.compile(rb"(?<!\r)\n")
_BLOCK = 1 << 20


def line_ending_problem(path: Path) -> Problem | None:
    """The first line whose ending differs from the header's, or that holds a lone carriage return.

    DuckDB refuses a file with either without saying where; this finds it in one pass of the bytes.
    (A quoted value spanning lines would be counted as more than one line.)
    """
    line, ending, carry = 1, b"", b""
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_BLOCK), b""):
            block = carry + chunk
            # A CR at the end of a block may yet be followed by its LF: look at it with the next one.
            carry = b"\r" if block.endswith(b"\r") else b""
            block = block[:-1] if carry else block
            if not ending and b"\n" in block:
                first = block.index(b"\n")
                ending = b"\r\n" if block[first - 1 : first] == b"\r" else b"\n"
            found = [match.start() for match in (_LONE_CR.search(block),) if match]
            wrong = (_BARE_LF.search(block) if ending == b"\r\n" else None) or (
                re.search(rb"\r\n", block) if ending == b"\n" else None
            )
            if wrong:
                found.append(wrong.start())
            if found:
                position = min(found)
                at = line + block.count(b"\n", 0, position)
                if block[position : position + 1] == b"\r" and block[position + 1 : position + 2] != b"\n":
                    return Problem(path.name, at, "", LONE_CR)
                kinds = {b"\n": "LF", b"\r\n": "CR LF"}
                other = "LF" if ending == b"\r\n" else "CR LF"
                return Problem(
                    path.name,
                    at,
                    "",
                    f"the line ends in {other} where the header's ends in {kinds[ending]}: "
                    "save the file with one kind of line ending",
                )
            line += block.count(b"\n")
    if carry:
        return Problem(path.name, line, "", LONE_CR)
    return None


class LineMap:
    """Turns the position of a parsed row into its line in the file.

    DuckDB drops the lines it rejects, so parsed row i sits on line i + 2 only until the first
    rejected line; each rejected line before a row pushes it one further down. (A quoted value
    holding a line break would also shift lines; no format read here has one.)
    """

    def __init__(self, rejected_lines: list[int], first_line: int = 2) -> None:
        self._rejected = sorted(set(rejected_lines))
        self._first = first_line
        # The k-th rejected line (from 0) lies before a row's line exactly when it is at most the row's
        # place counted without rejected lines, plus k: so one binary search finds how many lie before.
        self._shifted = [line - k for k, line in enumerate(self._rejected)]

    def line_of(self, row: int) -> int:
        place = row + self._first
        return place + bisect_right(self._shifted, place)

    def count_rejected_before(self, line: int) -> int:
        return bisect_right(self._rejected, line)


class FileLines:
    """Lines of parsed rows, exact even when the file has blank lines or values spanning lines.

    Most files have one record per line, and ``LineMap`` answers at once. Whether that holds is
    checked only when a problem needs locating (counting the file's line breaks); when it does not,
    the file is read once more with Python's csv module to find where each record starts. DuckDB
    skips blank lines without rejecting them, and a quoted line break keeps a record going.
    """

    def __init__(self, path: Path, rejected_lines: list[int], rows_read: int) -> None:
        self._path, self._rejected, self._rows = path, sorted(set(rejected_lines)), rows_read
        self._simple: LineMap | None = None
        self._starts: list[int] | None = None

    def line_of(self, row: int) -> int:
        if self._simple is None and self._starts is None:
            self._prepare()
        if self._starts is not None:
            return self._starts[row] if row < len(self._starts) else row + 2
        assert self._simple is not None
        return self._simple.line_of(row)

    def _prepare(self) -> None:
        breaks, last = 0, b"\n"
        with self._path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                breaks += block.count(b"\n")
                last = block[-1:]
        physical = breaks + (0 if last == b"\n" else 1)
        if physical == 1 + self._rows + len(self._rejected):
            self._simple = LineMap(self._rejected)
            return
        rejected = set(self._rejected)
        starts: list[int] = []
        with self._path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            reader = csv.reader(handle)
            next(reader, None)
            previous_end = reader.line_num
            for record in reader:
                start, previous_end = previous_end + 1, reader.line_num
                if record and start not in rejected:
                    starts.append(start)
        self._starts = starts
