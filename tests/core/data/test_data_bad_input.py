"""Bad input: one located line per problem, and the store left exactly as it was.

Each test loads into a store that already holds one good batch, takes a snapshot of it (the bytes of
catalog.json and every file under the store root with its bytes), makes the load fail and checks
the snapshot again. Line numbers count the header as line 1, as an editor does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from inspectorate.core.data.policeuk import STREET_HEADER
from inspectorate.core.data.store import DataStore
from inspectorate.core.problems import InputError


def message_lines(error: BaseException) -> list[str]:
    """The error's lines, with the closing "(nothing was loaded)" note as a line of its own."""
    lines = str(error).splitlines()
    assert lines[-1].endswith(" (nothing was loaded)"), lines[-1]
    lines[-1] = lines[-1].removesuffix(" (nothing was loaded)")
    return [*lines, "nothing was loaded"]


SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "police-uk"
CALLS_HEADER = "call_id,channel,received_at,answered_at,abandoned\n"
NOTHING_LOADED = "nothing was loaded"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def street_line(crime_id: str, crime_type: str, reported_by: str = "City of London Police") -> str:
    return (
        f"{crime_id},2019-01,{reported_by},{reported_by},-0.097601,51.520699,On or near Carthusian Street,"
        f"E01000001,City of London 001A,{crime_type},,\n"
    )


STREET_FILE = (
    ",".join(STREET_HEADER) + "\n" + street_line("c1", "Burglary") + street_line("", "Anti-social behaviour")
)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one good calls batch for Kent (2021-01) and one City of London street batch."""
    folder = tmp_path_factory.mktemp("template")
    store = DataStore(folder / "store")
    good = write(folder / "good", "calls-2021-01.csv", CALLS_HEADER + "G1,999,2021-01-05 10:00:00,,false\n")
    store.load("kent", "return", [good])
    street = write(folder / "good", "street-2018-11.csv", STREET_FILE.replace("2019-01", "2018-11"))
    store.load("city-of-london", "police-uk", [street])
    return store.root


@pytest.fixture
def store(template_store: Path, tmp_path: Path) -> DataStore:
    """A fresh copy of the template store for each test (batch files are named relative to the root)."""
    root = tmp_path / "store"
    shutil.copytree(template_store, root)
    return DataStore(root)


def refused(store: DataStore, force_id: str, paths: list[Path], **options: bool) -> list[str]:
    """Load, expect a refusal, check the store is byte for byte as before; the message's lines."""
    before = snapshot(store.root)
    catalog = store.catalog_file.read_bytes()
    with pytest.raises(InputError) as caught:
        store.load(force_id, "return" if force_id == "kent" else "police-uk", paths, **options)
    assert store.catalog_file.read_bytes() == catalog
    assert snapshot(store.root) == before
    return message_lines(caught.value)


def calls(tmp_path: Path, body: str, name: str = "calls.csv") -> Path:
    return write(tmp_path, name, CALLS_HEADER + body)


# --- files cut short or mis-encoded -------------------------------------------------------------


def test_a_file_cut_mid_line_names_the_cut_line(store: DataStore, tmp_path: Path) -> None:
    path = calls(
        tmp_path, "A,999,2021-02-01 10:00:00,,false\nB,101,2021-02-02 10:00:00,,false\nC,999,2021-02-0"
    )
    # The cut line is short of fields, and the value cut in two is no date either.
    assert refused(store, "kent", [path]) == [
        "calls.csv:4: answered_at: too few fields: expected 5, found 3 (is the file cut short?)",
        "calls.csv:4: received_at: '2021-02-0' is not a date and time (YYYY-MM-DD HH:MM:SS)",
        NOTHING_LOADED,
    ]


def test_a_file_cut_inside_a_value_names_the_value(store: DataStore, tmp_path: Path) -> None:
    path = calls(tmp_path, "A,999,2021-02-01 10:00:00,,false\nB,101,2021-02-02 10:00:00,,fal")
    assert refused(store, "kent", [path]) == [
        "calls.csv:3: abandoned: 'fal' is not true or false",
        NOTHING_LOADED,
    ]


def test_a_real_street_file_cut_mid_line(store: DataStore, tmp_path: Path) -> None:
    real = SHARED / "2019-01-city-of-london-street.csv"
    if not real.is_file():
        pytest.skip(f"real police.uk file not found at {real}")
    lines = real.read_bytes().split(b"\n")
    # Keep the header and ten records whole, then the first 100 bytes of the twelfth line.
    cut = b"\n".join(lines[:11]) + b"\n" + lines[11][:100]
    found = cut[cut.rindex(b"\n") + 1 :].count(b",") + 1
    path = write(tmp_path, real.name, cut)
    problems = refused(store, "city-of-london", [path])
    assert len(problems) == 2, problems
    # The first field missing is named, after the fields that are there.
    assert problems[0] == (
        f"{real.name}:12: {STREET_HEADER[found]}: too few fields: expected 12, found {found} "
        "(is the file cut short?)"
    )
    assert problems[1] == NOTHING_LOADED


def test_a_latin1_byte_in_a_value_names_line_and_field(store: DataStore, tmp_path: Path) -> None:
    body = STREET_FILE + street_line("c2", "Drugs").replace("Carthusian", "Chârterhouse")
    path = write(tmp_path, "2019-01-city-of-london-street.csv", body.encode("latin-1"))
    assert refused(store, "city-of-london", [path]) == [
        "2019-01-city-of-london-street.csv:4: Location: not UTF-8 text; save the file as UTF-8",
        NOTHING_LOADED,
    ]


def test_a_latin1_byte_in_a_canonical_value(store: DataStore, tmp_path: Path) -> None:
    body = "A,999,2021-02-01 10:00:00,,false\nCaf\xe9,101,2021-02-02 10:00:00,,false\n"
    path = write(tmp_path, "calls.csv", (CALLS_HEADER + body).encode("latin-1"))
    assert refused(store, "kent", [path]) == [
        "calls.csv:3: call_id: not UTF-8 text; save the file as UTF-8",
        NOTHING_LOADED,
    ]


def test_a_header_that_is_not_utf8(store: DataStore, tmp_path: Path) -> None:
    path = write(
        tmp_path, "calls.csv", "call_id,chännel,received_at,answered_at,abandoned\n".encode("latin-1")
    )
    assert refused(store, "kent", [path]) == [
        "calls.csv:1: header: not UTF-8 text (byte 11); save the file as UTF-8",
        NOTHING_LOADED,
    ]


# --- wrong headers ------------------------------------------------------------------------------

ROW = "A,999,2021-02-01 10:00:00,,false\n"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "call_id,chanel,received_at,answered_at,abandoned",
            "calls.csv:1: header: column 2 should be 'channel' for a calls file, found 'chanel'",
        ),
        (
            "call_id,channel,received_at,answered_at",
            "calls.csv:1: header: column 5 should be 'abandoned' for a calls file, found nothing",
        ),
        (
            "call_id,channel,received_at,answered_at,abandoned,notes",
            "calls.csv:1: header: unexpected column 'notes' after a complete calls header",
        ),
        (
            "call_id,received_at,channel,answered_at,abandoned",
            "calls.csv:1: header: column 2 should be 'channel' for a calls file, found 'received_at'",
        ),
    ],
    ids=["renamed", "missing", "extra", "reordered"],
)
def test_a_wrong_header_is_one_located_line(
    store: DataStore, tmp_path: Path, header: str, message: str
) -> None:
    path = write(tmp_path, "calls.csv", header + "\n" + ROW)
    assert refused(store, "kent", [path]) == [message, NOTHING_LOADED]


# --- values ---------------------------------------------------------------------------------------


def test_an_impossible_date_in_a_calls_file(store: DataStore, tmp_path: Path) -> None:
    path = calls(tmp_path, "A,999,2021-02-28 10:00:00,,false\nB,999,2021-02-30 10:00:00,,false\n")
    assert refused(store, "kent", [path]) == [
        "calls.csv:3: received_at: '2021-02-30 10:00:00' is not a date and time (YYYY-MM-DD HH:MM:SS)",
        NOTHING_LOADED,
    ]


def test_an_impossible_date_in_a_crimes_file(store: DataStore, tmp_path: Path) -> None:
    header = (
        "crime_id,incident_id,reported_at,recorded_on,offence_group,ho_code,crime_type,victim_ref,"
        "domestic_abuse\n"
    )
    path = write(tmp_path, "crimes.csv", header + "C1,,,2021-02-30,burglary,,Burglary,,false\n")
    assert refused(store, "kent", [path]) == [
        "crimes.csv:2: recorded_on: '2021-02-30' is not a date (YYYY-MM-DD)",
        NOTHING_LOADED,
    ]


def test_a_value_outside_its_vocabulary(store: DataStore, tmp_path: Path) -> None:
    path = calls(tmp_path, "A,999,2021-02-01 10:00:00,,false\nB,phone,2021-02-01 11:00:00,,false\n")
    assert refused(store, "kent", [path]) == [
        "calls.csv:3: channel: must be one of 999, 101, online",
        NOTHING_LOADED,
    ]


def test_a_police_uk_crime_type_outside_its_vocabulary(store: DataStore, tmp_path: Path) -> None:
    body = STREET_FILE + street_line("c9", "Fraud")
    path = write(tmp_path, "2019-01-city-of-london-street.csv", body)
    assert refused(store, "city-of-london", [path]) == [
        "2019-01-city-of-london-street.csv:4: Crime type: must be one of "
        + ", ".join(
            [
                "Anti-social behaviour",
                "Bicycle theft",
                "Burglary",
                "Criminal damage and arson",
                "Drugs",
                "Other crime",
                "Other theft",
                "Possession of weapons",
                "Public order",
                "Robbery",
                "Shoplifting",
                "Theft from the person",
                "Vehicle crime",
                "Violence and sexual offences",
            ]
        ),
        NOTHING_LOADED,
    ]


def test_a_repeated_key_names_the_line_it_repeats(store: DataStore, tmp_path: Path) -> None:
    body = (
        "A,999,2021-02-01 10:00:00,,false\n"
        "B,999,2021-02-01 11:00:00,,false\n"
        "A,101,2021-02-01 12:00:00,,false\n"
    )
    assert refused(store, "kent", [calls(tmp_path, body)]) == [
        "calls.csv:4: call_id: 'A' repeats line 2",
        NOTHING_LOADED,
    ]


def test_a_cross_column_check(store: DataStore, tmp_path: Path) -> None:
    body = (
        "A,999,2021-02-01 10:00:00,2021-02-01 10:00:05,false\n"
        "B,999,2021-02-01 11:00:00,2021-02-01 10:59:00,false\n"
    )
    assert refused(store, "kent", [calls(tmp_path, body)]) == [
        "calls.csv:3: answered_at: answered before it was received",
        NOTHING_LOADED,
    ]


def test_every_problem_of_a_row_gets_its_own_line(store: DataStore, tmp_path: Path) -> None:
    # Line 2: channel outside the vocabulary, answered before received, and abandoned yet answered.
    body = "A,phone,2021-02-01 10:00:00,2021-02-01 09:00:00,true\n"
    assert sorted(refused(store, "kent", [calls(tmp_path, body)])) == sorted(
        [
            "calls.csv:2: channel: must be one of 999, 101, online",
            "calls.csv:2: answered_at: answered before it was received",
            "calls.csv:2: answered_at: an abandoned call has no answer time",
            NOTHING_LOADED,
        ]
    )


def test_a_required_value_left_empty(store: DataStore, tmp_path: Path) -> None:
    path = calls(tmp_path, "A,999,2021-02-01 10:00:00,,false\n,999,2021-02-01 11:00:00,,false\n")
    assert refused(store, "kent", [path]) == ["calls.csv:3: call_id: is empty", NOTHING_LOADED]


# --- empty files ----------------------------------------------------------------------------------


def test_an_empty_file(store: DataStore, tmp_path: Path) -> None:
    assert refused(store, "kent", [write(tmp_path, "calls.csv", b"")]) == [
        "calls.csv:1: the file is empty",
        NOTHING_LOADED,
    ]


def test_a_header_only_file(store: DataStore, tmp_path: Path) -> None:
    assert refused(store, "kent", [calls(tmp_path, "")]) == [
        "calls.csv: has a header but no records",
        NOTHING_LOADED,
    ]


# --- another force's police.uk file --------------------------------------------------------------


def test_a_police_uk_file_named_for_another_force(store: DataStore, tmp_path: Path) -> None:
    path = write(tmp_path, "2019-01-metropolitan-street.csv", STREET_FILE)
    assert refused(store, "city-of-london", [path]) == [
        "2019-01-metropolitan-street.csv: is a file of 'metropolitan', not of 'city-of-london'",
        NOTHING_LOADED,
    ]


def test_a_police_uk_file_reported_by_another_force(store: DataStore, tmp_path: Path) -> None:
    body = STREET_FILE + street_line("c3", "Drugs", reported_by="Metropolitan Police Service")
    path = write(tmp_path, "street.csv", body)
    assert refused(store, "city-of-london", [path]) == [
        "street.csv:4: Reported by: 'Metropolitan Police Service' is not the force 'city-of-london'",
        NOTHING_LOADED,
    ]


# --- line numbers after rejected lines -----------------------------------------------------------


def test_line_numbers_after_rejected_lines_skip_correctly(store: DataStore, tmp_path: Path) -> None:
    body = (
        "A,999,2021-02-01 10:00:00,,false\n"  # 2 good
        "B,999,2021-02-31 10:00:00,,false\n"  # 3 rejected by the parser: no 31 February
        "C,999,2021-02-01 11:00:00,,false\n"  # 4 good
        "D,phone,2021-02-01 12:00:00,,false\n"  # 5 outside the vocabulary
        "E,999,2021-02-01 13:00:00,,false,extra\n"  # 6 rejected by the parser: too many fields
        "F,101,2021-02-01 14:00:00,,maybe\n"  # 7 rejected by the parser: not a boolean
        "G,999,2021-02-01 15:00:00,,false\n"  # 8 good
        "C,999,2021-02-01 16:00:00,,false\n"  # 9 repeats line 4
        "H,999,2021-02-01 17:00:00,2021-02-01 16:00:00,false\n"  # 10 answered before received
    )
    assert refused(store, "kent", [calls(tmp_path, body)]) == [
        "calls.csv:3: received_at: '2021-02-31 10:00:00' is not a date and time (YYYY-MM-DD HH:MM:SS)",
        "calls.csv:5: channel: must be one of 999, 101, online",
        "calls.csv:6: too many fields: expected 5, found 6",
        "calls.csv:7: abandoned: 'maybe' is not true or false",
        "calls.csv:9: call_id: 'C' repeats line 4",
        "calls.csv:10: answered_at: answered before it was received",
        NOTHING_LOADED,
    ]


def test_a_repeat_of_a_row_after_a_rejected_line_names_the_right_first_line(
    store: DataStore, tmp_path: Path
) -> None:
    body = (
        "X,999,2021-02-30 10:00:00,,false\n"  # 2 rejected
        "Y,999,2021-02-30 10:00:00,,false\n"  # 3 rejected
        "A,999,2021-02-01 10:00:00,,false\n"  # 4 good, first A
        "A,999,2021-02-01 11:00:00,,false\n"  # 5 repeats line 4
    )
    problems = refused(store, "kent", [calls(tmp_path, body)])
    assert problems[2:] == ["calls.csv:5: call_id: 'A' repeats line 4", NOTHING_LOADED]
    assert [p.split(":")[1] for p in problems[:2]] == ["2", "3"]


def test_problems_in_several_files_are_all_reported_each_with_its_file(
    store: DataStore, tmp_path: Path
) -> None:
    first = calls(tmp_path / "a", "A,phone,2021-02-01 10:00:00,,false\n")
    second = calls(
        tmp_path / "b",
        "B,999,2021-03-01 10:00:00,,false\nB,999,2021-03-01 11:00:00,,false\n",
        "calls-march.csv",
    )
    assert refused(store, "kent", [first, second]) == [
        "calls-march.csv:3: call_id: 'B' repeats line 2",
        "calls.csv:2: channel: must be one of 999, 101, online",
        NOTHING_LOADED,
    ]


def test_a_bad_second_file_loads_nothing_from_the_good_first(store: DataStore, tmp_path: Path) -> None:
    good = calls(tmp_path / "a", "A,999,2021-03-01 10:00:00,,false\n", "calls-march.csv")
    bad = calls(tmp_path / "b", "B,999,2021-04-31 10:00:00,,false\n", "calls-april.csv")
    problems = refused(store, "kent", [good, bad])
    assert problems == [
        "calls-april.csv:2: received_at: '2021-04-31 10:00:00' is not a date and time (YYYY-MM-DD HH:MM:SS)",
        NOTHING_LOADED,
    ]
    dataset = store.dataset("kent", "return")
    assert dataset is not None
    assert [b.source for b in dataset.batches] == ["calls-2021-01.csv"]
    con = store.connect(dataset)
    assert con.execute("SELECT call_id FROM calls").fetchall() == [("G1",)]


def test_a_bad_second_file_with_a_bad_header_loads_nothing_either(store: DataStore, tmp_path: Path) -> None:
    good = calls(tmp_path / "a", "A,999,2021-03-01 10:00:00,,false\n", "calls-march.csv")
    bad = write(tmp_path / "b", "calls-april.csv", "call_id,channel\nB,999\n")
    assert refused(store, "kent", [good, bad]) == [
        "calls-april.csv:1: header: column 3 should be 'received_at' for a calls file, found nothing",
        NOTHING_LOADED,
    ]


def test_a_missing_file_is_refused_before_anything_is_read(store: DataStore, tmp_path: Path) -> None:
    good = calls(tmp_path, "A,999,2021-03-01 10:00:00,,false\n")
    missing = tmp_path / "nowhere.csv"
    assert refused(store, "kent", [good, missing]) == [
        f"{missing}: no such file or directory",
        NOTHING_LOADED,
    ]


# --- the limits of line numbering ----------------------------------------------------------------


def test_a_blank_line_in_the_middle_does_not_shift_line_numbers(store: DataStore, tmp_path: Path) -> None:
    body = "A,999,2021-02-01 10:00:00,,false\n\nB,phone,2021-02-01 11:00:00,,false\n"
    assert refused(store, "kent", [calls(tmp_path, body)]) == [
        "calls.csv:4: channel: must be one of 999, 101, online",
        NOTHING_LOADED,
    ]


def test_a_quoted_line_break_does_not_shift_line_numbers(store: DataStore, tmp_path: Path) -> None:
    body = '"A\nsecond part",999,2021-02-01 10:00:00,,false\nB,phone,2021-02-01 11:00:00,,false\n'
    assert refused(store, "kent", [calls(tmp_path, body)]) == [
        "calls.csv:4: channel: must be one of 999, 101, online",
        NOTHING_LOADED,
    ]


def test_problems_cut_short_are_never_dropped_silently(store: DataStore, tmp_path: Path) -> None:
    # Twelve rows, each with three problems: 36 problems, more than are listed.
    body = "".join(f"R{i},phone,2021-02-01 10:00:00,2021-02-01 09:00:00,true\n" for i in range(12))
    problems = refused(store, "kent", [calls(tmp_path, body)])
    listed = [p for p in problems if p.startswith("calls.csv:") and p[len("calls.csv:")].isdigit()]
    summaries = [p for p in problems if p not in listed and p != NOTHING_LOADED]
    # Either every problem is listed, or the message says that more were found than are shown.
    assert len(listed) == 36 or summaries, problems
