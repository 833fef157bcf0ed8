"""Text that a spreadsheet would run as a formula is written with an apostrophe, and read back unchanged."""

from hypothesis import given
from hypothesis import strategies as st

from inspectorate.core.sheets.escaping import csv_safe, csv_unescape


def test_a_formula_gets_an_apostrophe_and_plain_text_and_numbers_do_not() -> None:
    assert csv_safe("=SUM(A1)") == "'=SUM(A1)"
    assert csv_safe("-x") == "'-x"
    assert csv_safe("plain") == "plain"
    assert csv_safe(-2.5) == -2.5


def test_text_that_already_starts_with_an_apostrophe_before_a_formula_keeps_it() -> None:
    assert csv_safe("'=") == "''="
    assert csv_unescape("''=") == "'="
    assert csv_unescape("'quoted") == "'quoted"


@given(st.text(alphabet=st.sampled_from(["'", "=", "+", "-", "@", "a", " "]), max_size=8))
def test_every_text_survives_the_round_trip(text: str) -> None:
    safe = csv_safe(text)
    assert isinstance(safe, str)
    assert csv_unescape(safe) == text
