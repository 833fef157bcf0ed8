"""Limits on the tables a person hands the platform (worksheets, answer sheets, case lists, templates).

An XLSX file is a zip of XML: a megabyte of it can unpack to gigabytes, and a single cell placed at
row 1,048,576 makes a reader fill in every row above it. So a workbook's listing is checked before
any of it is unpacked, and its rows, columns and cells are counted as they are read. Python's
zipfile stops each member at the size the listing declares (and checks its CRC there), so the
declared sizes checked here bound the work done later, whatever the members really hold.

openpyxl parses the XML with defusedxml when it is installed (it is a dependency), so entity
expansion and external entities are refused by the parser itself.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence

from inspectorate.core.problems import Problem, ProblemsError

ZIP_MAGIC = b"PK\x03\x04"
MEBIBYTE = 1024 * 1024
# The upload forms' limit, applied to files read from disk too: a filled-in worksheet of a few
# thousand records, or a template of a few hundred questions, is well under 1 MB.
MAX_FILE_BYTES = 5 * MEBIBYTE
# A workbook's members unpacked, all together; 20,000 rows of a worksheet are about 14 MB of XML,
# which openpyxl reads in about 3 seconds.
MAX_UNPACKED_BYTES = 32 * MEBIBYTE
# Spreadsheet XML packs about 15 to 1; a member packed far tighter is repetition made to unpack big.
MAX_PACKING_RATIO = 100
# Below this a member is too small to matter whatever its ratio.
RATIO_CHECKED_FROM = MEBIBYTE
MAX_MEMBERS = 1_000
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_CELLS = 2_000_000


def _refuse(source: str, line: int | None, path: str, message: str) -> ProblemsError:
    return ProblemsError([Problem(source, line, path, message)])


def check_file_size(size: int, source: str) -> None:
    if size > MAX_FILE_BYTES:
        message = f"is {size / MEBIBYTE:.1f} MB: files of more than {_mb(MAX_FILE_BYTES)} are not read"
        raise _refuse(source, None, "", message)


def check_xlsx_archive(data: bytes, source: str) -> None:
    """Refuse, in one line, a workbook that is not a zip or that would unpack too big."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    # NotImplementedError: a member asks for a newer zip version than Python reads (found by fuzzing).
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        ValueError,
        OSError,
        EOFError,
    ) as exc:
        raise _refuse(
            source, None, "", f"is not a readable XLSX workbook (not a zip archive: {exc})"
        ) from None
    if len(members) > MAX_MEMBERS:
        raise _refuse(
            source, None, "", f"holds {len(members)} files: an XLSX workbook may hold {MAX_MEMBERS}"
        )
    unpacked = 0
    for member in members:
        unpacked += member.file_size
        if unpacked > MAX_UNPACKED_BYTES:
            raise _refuse(
                source,
                None,
                member.filename,
                f"the workbook unpacks to more than {_mb(MAX_UNPACKED_BYTES)}: save a smaller one",
            )
        if member.file_size >= RATIO_CHECKED_FROM and member.file_size > MAX_PACKING_RATIO * max(
            member.compress_size, 1
        ):
            ratio = member.file_size // max(member.compress_size, 1)
            raise _refuse(
                source,
                None,
                member.filename,
                f"packed {ratio} to 1, more than the {MAX_PACKING_RATIO} to 1 a spreadsheet needs: "
                "not a workbook the platform reads",
            )


def upload_problem(content: bytes, source: str) -> str | None:
    """Why an uploaded table would be refused unread, in one line; None when it may be read.

    A workbook is told by its content, not its name (a CSV renamed .xlsx is read as CSV).
    """
    try:
        check_file_size(len(content), source)
        if content.startswith(ZIP_MAGIC):
            check_xlsx_archive(content, source)
    except ProblemsError as exc:
        return str(exc)
    return None


def bounded_rows(rows: Iterable[Sequence[object]], source: str, sheet: str) -> Iterator[Sequence[object]]:
    """The rows of a sheet, refused in one line at the first row, column or cell beyond the limits."""
    cells = 0
    for number, values in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise _refuse(source, number, f"{sheet} sheet", f"has more than {MAX_ROWS:,} rows")
        if len(values) > MAX_COLUMNS:
            raise _refuse(source, number, f"{sheet} sheet", f"has more than {MAX_COLUMNS:,} columns")
        cells += len(values)
        if cells > MAX_CELLS:
            raise _refuse(source, number, f"{sheet} sheet", f"has more than {MAX_CELLS:,} cells")
        yield values


def check_record(source: str, line: int, record: int, fields: int) -> None:
    """A CSV record (the ``record``-th, header included, starting on ``line``): refused past the
    row or column limit."""
    if record > MAX_ROWS:
        raise _refuse(source, line, "", f"the file has more than {MAX_ROWS:,} rows")
    if fields > MAX_COLUMNS:
        raise _refuse(source, line, "", f"has {fields:,} fields: at most {MAX_COLUMNS:,} are read")


def _mb(size: int) -> str:
    return f"{size // MEBIBYTE} MB"
