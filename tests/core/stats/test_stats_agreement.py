"""Cohen's kappa, pinned to a textbook example and to statsmodels."""

from __future__ import annotations

import pytest
from statsmodels.stats.inter_rater import cohens_kappa as statsmodels_kappa

from inspectorate.core.stats.agreement import cohens_kappa


def test_kappa_matches_the_textbook_example() -> None:
    # Wikipedia, "Cohen's kappa", worked example: 50 grant proposals, both yes 20, A yes B no 5,
    # A no B yes 10, both no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
    first = ["yes"] * 25 + ["no"] * 25
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohens_kappa(first, second) == pytest.approx(0.4, abs=1e-12)


def test_kappa_with_three_readings_matches_statsmodels_on_the_table() -> None:
    first = ["yes", "yes", "no", "na", "no", "yes", "na", "no"]
    second = ["yes", "no", "no", "na", "yes", "yes", "no", "no"]
    table = [[1, 1, 0], [0, 2, 1], [0, 1, 2]]  # rows: first's na, no, yes; columns: second's
    assert cohens_kappa(first, second) == pytest.approx(statsmodels_kappa(table, return_results=False))


def test_kappa_is_undefined_when_every_reading_is_the_same() -> None:
    assert cohens_kappa(["yes"] * 5, ["yes"] * 5) is None
    assert cohens_kappa([], []) is None
    assert cohens_kappa(["yes", "no"], ["no", "yes"]) == pytest.approx(-1.0)
