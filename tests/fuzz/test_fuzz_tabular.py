"""Fuzz targets for the tabular readers: data returns (CSV, Parquet, police.uk files), audit
worksheets, review answer sheets, case lists and review templates (XLSX).

Each target starts from a small valid file made by the project's own writers (the synthetic data
return, the worksheet and answer-sheet exports, a shipped template), mutates it (bytes flipped,
cut short, line endings mixed, quotes and huge cells put in, headers changed, the XML inside a
workbook damaged) and asserts that the reader either succeeds or refuses with its own error, every
line of which names the file. Anything else (a traceback from DuckDB, pyarrow or openpyxl) is a
crash: ``scripts/fuzz`` runs these for minutes and its findings become tests in tests/core.
"""

from __future__ import annotations

import atexit
import io
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given
from hypothesis import strategies as st

from inspectorate.core.casereview.answer_sheet import SheetRow, read_sheet
from inspectorate.core.casereview.answer_sheet import write_csv as write_answer_csv
from inspectorate.core.casereview.answer_sheet import write_xlsx as write_answer_xlsx
from inspectorate.core.casereview.cases import read_case_list
from inspectorate.core.casereview.checked import compile_checked
from inspectorate.core.casereview.export import to_xlsx
from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.sheets import read_workbook
from inspectorate.core.cdi.types import Decision
from inspectorate.core.cdi.worksheet import WorksheetRow, read_worksheet
from inspectorate.core.cdi.worksheet import write_csv as write_worksheet_csv
from inspectorate.core.cdi.worksheet import write_xlsx as write_worksheet_xlsx
from inspectorate.core.data.policeuk import STREET_HEADER
from inspectorate.core.data.store import DataStore
from inspectorate.core.data.synth import synthesise
from inspectorate.core.problems import InputError
from support.fuzz import fuzz

FORCE = "city-of-london"
AUDIT = "cdi-2024-col"
REVIEW = "vsa-2024-col"
SEED_LINES = 8
# What a fuzzer puts into a file: line endings of every kind, quoting, bytes that are not text, a
# byte-order mark, formula starts, separators and cells far longer than any real one.
TOKENS = (
    b"\r", b"\n", b"\r\n", b"\n\r", b'"', b'""', b",", b",,,,", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf",
    b"\xc3", b"'", b"=1+1", b"-", b"\t", b";", b"9" * 40, b"2021-13-45", b"x" * 3000, b"\\",
)  # fmt: skip


# ---- the valid files mutations start from -----------------------------------------------------


@cache
def _synthetic() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-tabular-"))
    atexit.register(shutil.rmtree, folder, True)
    synthesise(FORCE, 2024, folder / "csv", scale=0.05, seed=1, include_previous_year=False)
    synthesise(
        FORCE,
        2024,
        folder / "parquet",
        scale=0.05,
        seed=1,
        include_previous_year=False,
        file_format="parquet",
    )
    return folder


def data_return_csvs() -> list[tuple[str, bytes]]:
    """The first lines of each table of a small synthetic return, and a police.uk street file."""
    seeds = []
    for path in sorted((_synthetic() / "csv").glob("*.csv")):
        lines = path.read_bytes().splitlines(keepends=True)[:SEED_LINES]
        seeds.append((path.name, b"".join(lines)))
    street = ",".join(STREET_HEADER) + "\n"
    for crime_id, kind in (("c1", "Burglary"), ("", "Anti-social behaviour"), ("c2", "Robbery")):
        street += (
            f"{crime_id},2019-01,City of London Police,City of London Police,-0.097601,51.520699,"
            f"On or near Carthusian Street,E01000001,City of London 001A,{kind},,\n"
        )
    seeds.append(("2019-01-city-of-london-street.csv", street.encode()))
    return seeds


def data_return_parquets() -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in sorted((_synthetic() / "parquet").glob("*.parquet"))]


def _worksheet_rows() -> list[WorksheetRow]:
    return [
        WorksheetRow(n, f"INC-{n}", "other/101", "2023-04-01 10:00:00", "101", None, "", Decision(), 0)
        for n in (1, 2, 3)
    ]


KNOWN_INCIDENTS = {f"INC-{n}": (n, 0) for n in (1, 2, 3)}


@cache
def worksheet_files() -> tuple[bytes, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        csv_path, xlsx_path = Path(folder) / "w.csv", Path(folder) / "w.xlsx"
        write_worksheet_csv(csv_path, AUDIT, _worksheet_rows())
        write_worksheet_xlsx(xlsx_path, AUDIT, _worksheet_rows())
        return csv_path.read_bytes(), xlsx_path.read_bytes()


TEMPLATE = get_template("peel-2021-victim-service")
SHEET_ROWS = [SheetRow(f"CASE-{n}", "first", "", 0, "burglary", "2023-05-01", "a case", {}) for n in (1, 2)]
KNOWN_CASES = {(row.case_ref, row.role): 0 for row in SHEET_ROWS}


@cache
def answer_sheet_files() -> tuple[bytes, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        csv_path, xlsx_path = Path(folder) / "a.csv", Path(folder) / "a.xlsx"
        write_answer_csv(csv_path, TEMPLATE, REVIEW, SHEET_ROWS)
        write_answer_xlsx(xlsx_path, TEMPLATE, REVIEW, SHEET_ROWS)
        return csv_path.read_bytes(), xlsx_path.read_bytes()


CASE_LIST = (
    b"case_ref,crime_id,offence,reported_on,summary\n"
    b"CASE-1,C1,burglary,2023-05-01,a burglary\n"
    b'CASE-2,C2,robbery,2023-05-02,"a robbery, at night"\n'
)


# ---- mutations ----------------------------------------------------------------------------------

Mutation = Callable[[bytes], bytes]


def _at(fraction: float, data: bytes) -> int:
    return min(len(data), int(fraction * (len(data) + 1)))


@st.composite
def mutation(draw: st.DrawFn) -> Mutation:
    kind = draw(st.sampled_from(["flip", "insert", "truncate", "endings", "delete", "repeat", "header"]))
    where = draw(st.floats(0, 1))
    if kind == "flip":
        value = draw(st.integers(0, 255))
        return lambda data: (
            data[: _at(where, data)] + bytes([value]) + data[_at(where, data) + 1 :] if data else data
        )
    if kind == "insert":
        token = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
        return lambda data: data[: _at(where, data)] + token + data[_at(where, data) :]
    if kind == "truncate":
        return lambda data: data[: _at(where, data)]
    if kind == "endings":
        old, new = draw(
            st.sampled_from([(b"\n", b"\r\n"), (b"\n", b"\r"), (b"\r\n", b"\n"), (b"\n", b"\n\n")])
        )
        count = draw(st.integers(1, 3))
        return lambda data: data[: _at(where, data)] + data[_at(where, data) :].replace(old, new, count)
    if kind == "delete":
        size = draw(st.integers(1, 64))
        return lambda data: data[: _at(where, data)] + data[_at(where, data) + size :]
    if kind == "repeat":
        times = draw(st.integers(2, 50))
        return lambda data: _repeat_line(data, where, times)
    replacement = draw(st.sampled_from([b"", b"x", b"call_id", b"Crime ID", b"audit", b"case_ref", b"\xff"]))
    return lambda data: _replace_header_word(data, where, replacement)


# A repeated line repeated again compounds (a one-line sheet 50 times over, four times, is 80 GB):
# past this size a line is not repeated, and the readers' own size limits are tested apart.
MAX_REPEATED_BYTES = 8 * 1024 * 1024


def _repeat_line(data: bytes, where: float, times: int) -> bytes:
    lines = data.splitlines(keepends=True)
    if not lines:
        return data
    if len(data) * times > MAX_REPEATED_BYTES:
        return data
    index = min(len(lines) - 1, int(where * len(lines)))
    return b"".join(lines[:index] + [lines[index]] * times + lines[index:])


def _replace_header_word(data: bytes, where: float, replacement: bytes) -> bytes:
    header, newline, rest = data.partition(b"\n")
    words = header.split(b",")
    words[min(len(words) - 1, int(where * len(words)))] = replacement
    return b",".join(words) + newline + rest


def mutated(seed: bytes, mutations: list[Mutation]) -> bytes:
    for change in mutations:
        seed = change(seed)
    return seed


MUTATIONS = st.lists(mutation(), min_size=1, max_size=4)


def in_workbook(workbook: bytes, member_mutations: list[Mutation], member_choice: float) -> bytes:
    """The workbook re-zipped with one member's XML mutated (most often a worksheet)."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as source:
        members = source.infolist()
        sheets = [m for m in members if m.filename.startswith("xl/worksheets/")] or members
        pool = sheets if member_choice < 0.7 else members
        target = pool[min(len(pool) - 1, int(member_choice * len(pool)))].filename
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
            for member in members:
                content = source.read(member)
                if member.filename == target:
                    content = mutated(content, member_mutations)
                rebuilt.writestr(member.filename, content)
    return out.getvalue()


@st.composite
def workbook_bytes(draw: st.DrawFn, workbook: bytes) -> bytes:
    """A workbook damaged inside (its XML) or outside (its zip bytes)."""
    if draw(st.booleans()):
        return in_workbook(workbook, draw(MUTATIONS), draw(st.floats(0, 1)))
    return mutated(workbook, draw(MUTATIONS))


# ---- what may come out --------------------------------------------------------------------------


def assert_refused_in_its_own_words(error: InputError, name: str) -> None:
    lines = str(error).splitlines()
    assert lines, "an error with no message"
    for line in lines:
        assert line.startswith(name), f"a line that does not name the file: {line!r}"


def outcome(read: Callable[[], object], name: str) -> None:
    try:
        read()
    except InputError as error:
        assert_refused_in_its_own_words(error, name)


def load_data_return(name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        store = DataStore(Path(folder) / "store")
        outcome(lambda: store.load(FORCE, "return", [path]), name)
        outcome(lambda: store.load(FORCE, "quarantined", [path], quarantine=True), name)


def read_file_as(name: str, content: bytes, reader: Callable[[Path], object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        outcome(lambda: reader(path), name)


# ---- the targets ---------------------------------------------------------------------------------


@fuzz
@given(data=st.data())
def test_fuzz_data_return_csv(data: st.DataObject) -> None:
    name, seed = data.draw(st.sampled_from(data_return_csvs()))
    load_data_return(name, mutated(seed, data.draw(MUTATIONS)))


@fuzz
@given(data=st.data())
def test_fuzz_data_return_parquet_bytes(data: st.DataObject) -> None:
    name, seed = data.draw(st.sampled_from(data_return_parquets()))
    load_data_return(name, mutated(seed, data.draw(MUTATIONS)))


PARQUET_CHANGES = (
    "rename",
    "drop",
    "duplicate",
    "as_text",
    "as_time",
    "as_list",
    "as_binary",
    "nulls",
    "empty",
)


@fuzz
@given(data=st.data())
def test_fuzz_data_return_parquet_schema(data: st.DataObject) -> None:
    """Well-formed Parquet files with the wrong shape: columns renamed, dropped, repeated, retyped."""
    name, seed = data.draw(st.sampled_from(data_return_parquets()))
    table = pq.read_table(io.BytesIO(seed))
    for _ in range(data.draw(st.integers(1, 3))):
        change = data.draw(st.sampled_from(PARQUET_CHANGES))
        index = data.draw(st.integers(0, table.num_columns - 1)) if table.num_columns else 0
        table = _changed(table, change, index, data.draw(st.text(max_size=12)))
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    load_data_return(name, buffer.getvalue())


def _changed(table: pa.Table, change: str, index: int, text: str) -> pa.Table:
    if table.num_columns == 0:
        return table
    column, field = table.column(index), table.schema.field(index)
    rows = table.num_rows
    replacements = {
        "as_text": lambda: pa.array([text] * rows, pa.string()),
        "as_time": lambda: pa.array([0] * rows, pa.time32("s")),
        "as_list": lambda: pa.array([[1]] * rows, pa.list_(pa.int64())),
        "as_binary": lambda: pa.array([text.encode()] * rows, pa.binary()),
        "nulls": lambda: pa.nulls(rows, column.type),
    }
    if change == "rename":
        return table.rename_columns([text if i == index else n for i, n in enumerate(table.column_names)])
    if change == "drop":
        return table.remove_column(index)
    if change == "duplicate":
        return table.append_column(field, column)
    if change == "empty":
        return table.slice(0, 0)
    return table.set_column(index, field.name, replacements[change]())


@fuzz
@given(data=st.data())
def test_fuzz_worksheet_csv(data: st.DataObject) -> None:
    content = mutated(worksheet_files()[0], data.draw(MUTATIONS))
    read_file_as("w.csv", content, lambda path: read_worksheet(path, AUDIT, KNOWN_INCIDENTS))


@fuzz
@given(data=st.data())
def test_fuzz_worksheet_xlsx(data: st.DataObject) -> None:
    content = data.draw(workbook_bytes(worksheet_files()[1]))
    read_file_as("w.xlsx", content, lambda path: read_worksheet(path, AUDIT, KNOWN_INCIDENTS))


def _read_answers(path: Path) -> object:
    return read_sheet(path, TEMPLATE, REVIEW, KNOWN_CASES, today=date(2024, 1, 1))


@fuzz
@given(data=st.data())
def test_fuzz_answer_sheet_csv(data: st.DataObject) -> None:
    read_file_as("a.csv", mutated(answer_sheet_files()[0], data.draw(MUTATIONS)), _read_answers)


@fuzz
@given(data=st.data())
def test_fuzz_answer_sheet_xlsx(data: st.DataObject) -> None:
    read_file_as("a.xlsx", data.draw(workbook_bytes(answer_sheet_files()[1])), _read_answers)


@fuzz
@given(data=st.data())
def test_fuzz_case_list(data: st.DataObject) -> None:
    read_file_as("cases.csv", mutated(CASE_LIST, data.draw(MUTATIONS)), read_case_list)


@cache
def template_workbook() -> bytes:
    return to_xlsx(TEMPLATE)


@fuzz
@given(data=st.data())
def test_fuzz_template_xlsx(data: st.DataObject) -> None:
    """A review template workbook, read and compiled (by the platform, then by pyxform)."""
    content = data.draw(workbook_bytes(template_workbook()))
    read_file_as("vsa.xlsx", content, lambda path: compile_checked(read_workbook(path)))
