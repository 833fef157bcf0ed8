"""A name from a person or a report becomes a file name that stays in its folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectorate.core.filenames import safe_file_name, unique_file_names


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("MPS-PEEL-2021", "MPS-PEEL-2021"),
        ("../../etc/cron.d/evil", "etc_cron.d_evil"),
        ("/tmp/absolute", "tmp_absolute"),
        ("C:\\Windows\\win.ini", "C_Windows_win.ini"),
        ("nul\x00byte", "nul_byte"),
        ("..", "file"),
        ("", "file"),
        (".hidden", "hidden"),
        ("CON", "_CON"),
        ("x" * 300, "x" * 100),
    ],
)
def test_a_name_becomes_a_plain_file_name(name: str, safe: str) -> None:
    assert safe_file_name(name) == safe


@given(st.text())
def test_any_name_stays_in_its_folder(name: str) -> None:
    folder = Path("/reports").resolve()
    assert (folder / f"{safe_file_name(name)}.html").resolve().parent == folder


def test_names_that_come_out_the_same_are_told_apart() -> None:
    assert unique_file_names(["a/b", "a_b", "A_B", "../a_b"]) == ["a_b", "a_b-2", "A_B-3", "a_b-4"]
