"""Published comparator figures: the shipped England and Wales file, and located problems in bad files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from inspectorate.core.indicators import (
    PUBLISHED_HEADER,
    PublishedComparator,
    read_published,
    shipped_published,
)
from inspectorate.core.problems import Problem, ProblemsError

EW = PublishedComparator.ENGLAND_AND_WALES
PEEL_2015 = "PEEL: Police effectiveness 2015 - Metropolitan Police Service"

# The England and Wales figures in the shared indicator definitions (from the seed reports).
DEFINED_FIGURES = [
    ("calls-per-1000", date(2015, 3, 31), 350.0),
    ("recorded-crime-per-1000", date(2015, 6, 30), 63.0),
    ("recorded-crime-per-1000", date(2014, 6, 30), 60.3),
    ("victim-based-crime-per-1000", date(2015, 6, 30), 56.0),
    ("asb-per-1000", date(2015, 6, 30), 32.9),
    ("asb-per-1000", date(2014, 6, 30), 36.2),
    ("domestic-abuse-share", date(2015, 3, 31), 10.0),
    ("domestic-abuse-share", date(2014, 3, 31), 8.5),
    ("charge-rate", date(2015, 6, 30), 16.0),
    ("outcome-rate:4", date(2015, 6, 30), 0.6),
    ("outcome-rate:2", date(2015, 6, 30), 0.5),
    ("outcome-rate:3", date(2015, 6, 30), 3.2),
    ("outcome-rate:6", date(2015, 6, 30), 0.8),
    ("outcome-rate:7", date(2015, 6, 30), 1.2),
    ("outcome-rate:8", date(2015, 6, 30), 3.3),
    ("victim-satisfaction", date(2015, 3, 31), 83.8),
    ("stop-search-per-1000", date(2021, 3, 31), 7.6),
]


@pytest.mark.parametrize(("indicator", "period_end", "value"), DEFINED_FIGURES)
def test_the_shipped_file_holds_each_defined_england_and_wales_figure(
    indicator: str, period_end: date, value: float
) -> None:
    figure = shipped_published().find(indicator, EW, period_end)
    assert figure is not None
    assert figure.value == value
    expected_report = "PEEL 2021/22" if period_end.year == 2021 else PEEL_2015
    assert expected_report in figure.source


def test_a_figure_for_another_period_is_not_found() -> None:
    assert shipped_published().find("charge-rate", EW, date(2015, 3, 31)) is None
    assert shipped_published().find("charge-rate", PublishedComparator.MSG, date(2015, 6, 30)) is None


def test_breakdown_figures_name_their_row() -> None:
    figure = shipped_published().find("outcome-rate:out-of-court-formal", EW, date(2015, 6, 30))
    assert figure is not None
    assert (figure.indicator_id, figure.breakdown_key) == ("outcome-rate", "out-of-court-formal")
    assert figure.value == 4.6


def problems_in(tmp_path: Path, text: str) -> tuple[Problem, ...]:
    path = tmp_path / "figures.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        read_published(path)
    return caught.value.problems


HEADER = ",".join(PUBLISHED_HEADER) + "\n"


def test_a_good_file_reads(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + "charge-rate,msg,2015-06-30,14.5,Peer report\n", encoding="utf-8")
    figure = read_published(path).find("charge-rate", PublishedComparator.MSG, date(2015, 6, 30))
    assert figure is not None and figure.value == 14.5 and figure.source == "Peer report"


def test_a_wrong_header_is_one_problem_on_line_1(tmp_path: Path) -> None:
    text = "indicator,comparator,period,value,source\ncharge-rate,msg,2015-06-30,1,x\n"
    problems = problems_in(tmp_path, text)
    assert [str(p) for p in problems] == [
        "figures.csv:1: header must be indicator,comparator,period_end,value,source"
    ]


def test_every_bad_row_is_located(tmp_path: Path) -> None:
    text = (
        HEADER
        + "\n".join(
            [
                "charge-rate,england-and-wales,2015-06-30,sixteen,report",
                "charge-rates,england-and-wales,2015-06-30,16,report",
                "outcome-rate:23,england-and-wales,2015-06-30,1,report",
                "charge-rate,england-and-wales,2015-06-29,16,report",
                "charge-rate,scotland,2015-06-30,16,report",
                "charge-rate,england-and-wales,30/06/2015,16,report",
                "asb-per-1000,england-and-wales,2015-06-30,32.9,report",
                "asb-per-1000,england-and-wales,2015-06-30,33.0,report",
                "asb-per-1000,england-and-wales,2014-06-30,-1,report",
            ]
        )
        + "\n"
    )
    found = {(p.line, p.path): p.message for p in problems_in(tmp_path, text)}
    assert set(found) == {
        (2, "value"),
        (3, "indicator"),
        (4, "indicator"),
        (5, "period_end"),
        (6, "comparator"),
        (7, "period_end"),
        (9, "indicator"),
        (10, "value"),
    }
    assert "valid number" in found[(2, "value")]
    assert found[(3, "indicator")] == "unknown indicator 'charge-rates' (did you mean 'charge-rate'?)"
    assert found[(4, "indicator")] == "outcome-rate has no breakdown row '23'"
    assert found[(5, "period_end")] == "2015-06-29 is not the last day of a month"
    second = "a second england-and-wales figure for 2015-06-30 (the first is on line 8)"
    assert found[(9, "indicator")] == second
    assert "greater than or equal to 0" in found[(10, "value")]


def test_a_short_row_is_located(tmp_path: Path) -> None:
    problems = problems_in(tmp_path, HEADER + "charge-rate,msg,2015-06-30\n")
    assert [str(p) for p in problems] == ["figures.csv:2: expected 5 columns"]
