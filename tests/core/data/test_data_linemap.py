"""readers.LineMap: the line in the file of each parsed row, when DuckDB has dropped rejected lines.

The brute-force answer walks the file's lines from the first record line, skipping the rejected
ones, and counts parsed rows; LineMap must agree with it everywhere.
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from inspectorate.core.data.lines import LineMap


def brute_force_line(row: int, rejected: set[int], first_line: int) -> int:
    """The line holding parsed row ``row`` (0-based): the row-th line from ``first_line`` not rejected."""
    line = first_line
    seen = -1
    while True:
        if line not in rejected:
            seen += 1
            if seen == row:
                return line
        line += 1


rejected_lines = st.integers(min_value=1, max_value=3).flatmap(
    lambda first: st.tuples(
        st.just(first), st.lists(st.integers(min_value=first, max_value=first + 80), max_size=40)
    )
)


@settings(max_examples=200, deadline=None)
@given(case=rejected_lines, rows=st.integers(min_value=1, max_value=60))
def test_line_of_matches_brute_force_and_skips_rejected_lines(case: tuple[int, list[int]], rows: int) -> None:
    first_line, rejected = case
    line_map = LineMap(rejected, first_line=first_line)
    rejected_set = set(rejected)
    lines = [line_map.line_of(row) for row in range(rows)]

    assert lines == [brute_force_line(row, rejected_set, first_line) for row in range(rows)]
    assert all(earlier < later for earlier, later in pairwise(lines))
    assert not rejected_set & set(lines)
    assert lines[0] >= first_line
    # Every line before a row's line is either a rejected line or an earlier row.
    for row, line in enumerate(lines):
        assert line_map.count_rejected_before(line) == line - first_line - row


def test_duplicated_and_unsorted_rejected_lines_count_once() -> None:
    # Lines 3 and 5 rejected (given twice, out of order): rows sit on 2, 4, 6, 7.
    line_map = LineMap([5, 3, 5, 3])
    assert [line_map.line_of(row) for row in range(4)] == [2, 4, 6, 7]


def test_a_run_of_rejected_lines_at_the_start() -> None:
    line_map = LineMap([2, 3, 4])
    assert line_map.line_of(0) == 5
    assert line_map.line_of(1) == 6


def test_parquet_rows_are_numbered_from_one_with_nothing_rejected() -> None:
    line_map = LineMap([], first_line=1)
    assert [line_map.line_of(row) for row in range(3)] == [1, 2, 3]
