"""Scoring an imported report against a truth file: invented and missed grades, estimates, counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.model import (
    CdiFigure,
    ImportedFinding,
    ImportedJudgment,
    ImportedReport,
    Location,
)
from inspectorate.core.ingest.scoring import score, tally
from inspectorate.core.ingest.truth import Truth, quote_problems, read_truth
from inspectorate.core.problems import InputError

AT = Location(1, 0, 1, "x")


def _truth(**changes: object) -> Truth:
    base: dict[str, object] = {
        "source": "https://example.org/kent-2016",
        "form": "web page",
        "force": "kent",
        "programme": "peel-2016",
        "year": "2016",
        "date": None,
        "grades": [
            {"area": "efficiency", "grade": "Good", "quote": "efficient ... is: good"},
            {"area": "legitimacy", "grade": "Outstanding", "quote": "legitimate ... is: outstanding"},
        ],
        "ungraded": [{"area": "effectiveness", "quote": "not yet graded"}],
        "cdi": [{"scope": "all crime", "percent": 91.3, "interval": 1.5, "year": None, "quote": "91.3"}],
        "findings": {"area-for-improvement": 1, "cause-of-concern": 0},
        "traps": [],
        "truncated": True,
        "checked": "by hand",
    }
    base.update(changes)
    return Truth.model_validate(base)


def _report(
    grades: list[tuple[str | None, str | None]], figures: tuple[CdiFigure, ...] = ()
) -> ImportedReport:
    return ImportedReport(
        source="kent.txt",
        programme="peel-2016",
        programme_title="PEEL 2016",
        framework_version="2016",
        force_id="kent",
        force_name="Kent Police",
        date=None,
        judgments=tuple(ImportedJudgment("pillar", area or "?", grade, area, AT) for area, grade in grades),
        findings=(ImportedFinding(FindingKind.AREA_FOR_IMPROVEMENT, "x", None, None, AT),),
        cdi_figures=figures,
    )


def test_a_report_read_exactly_has_nothing_invented_or_missed() -> None:
    s = score(
        "kent",
        _report([("efficiency", "good"), ("legitimacy", "Outstanding"), ("effectiveness", None)]),
        _truth(),
    )
    assert s.grades_exact and not s.invented and not s.missed
    assert (s.programme_right, s.force_right, s.date_right, s.findings_right) == (True, True, True, True)
    assert s.ungraded_right == 1


def test_a_wrong_label_is_both_invented_and_missed() -> None:
    s = score(
        "kent", _report([("efficiency", "Requires improvement"), ("legitimacy", "Outstanding")]), _truth()
    )
    assert s.invented == ("efficiency: requires improvement",)
    assert s.missed == ("efficiency: good",)
    assert not s.grades_exact


def test_a_grade_on_a_page_that_states_none_is_invented() -> None:
    s = score("kent", _report([("effectiveness", "Good")]), _truth(grades=[]))
    assert s.invented == ("effectiveness: good",) and not s.grades_exact


def test_estimates_match_on_percent_interval_and_year() -> None:
    own = CdiFigure("all crime", 91.3, 1.5, None, None, AT)
    earlier = CdiFigure("all crime", 91.3, 1.5, "2014", None, AT)
    assert score("k", _report([], (own,)), _truth(grades=[])).estimates_right == 1
    quoted = score("k", _report([], (earlier,)), _truth(grades=[]))
    assert (quoted.estimates_right, quoted.estimates_read, quoted.estimates_true) == (0, 1, 1)


def test_tally_adds_up_by_programme() -> None:
    right = score("a", _report([("efficiency", "Good"), ("legitimacy", "Outstanding")]), _truth())
    wrong = score("b", _report([("efficiency", "Good")]), _truth())
    overall, by_programme = tally([right, wrong])
    assert (overall.texts, overall.grades_exact, overall.grades_right, overall.grades_true) == (2, 1, 3, 4)
    assert overall.grade_recall == 0.75 and overall.grade_precision == 1.0
    assert list(by_programme) == ["peel-2016"]


def test_a_truth_file_with_an_unknown_key_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "x.truth.yaml"
    path.write_text("source: https://example.org\nform: web page\ngrade: Good\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.truth\.yaml"):
        read_truth(path)


def test_a_quote_not_in_the_text_is_a_problem() -> None:
    problems = quote_problems("The force is good at efficiency.", _truth(), "kent.txt")
    assert [p.path for p in problems] == ["grades[0]", "grades[1]", "ungraded[0]", "cdi[0]"]
    assert not quote_problems(
        "efficient ... is: good legitimate ... is: outstanding not yet graded 91.3", _truth(), "k"
    )
