"""A force's timeline: themed rows, areas of no theme kept, grades never converted."""

from __future__ import annotations

from inspectorate.core.history.themes import default_themes
from inspectorate.core.history.timeline import GradedArea, InspectionEntry, timeline


def _entry(key: str, framework: str, when: str, *areas: tuple[str, str]) -> InspectionEntry:
    graded = tuple(GradedArea(area, area.upper(), grade, grade.title()) for area, grade in areas)
    return InspectionEntry(key, key, key, framework, when, graded)


def test_rows_follow_the_themes_and_hold_each_inspections_own_grades():
    entries = [
        _entry("BA", "ba-2006", "2006", ("3c", "fair"), ("3d", "good"), ("5c", "excellent")),
        _entry("P15", "peel-2015-effectiveness", "2015", ("q2", "requires-improvement")),
        _entry("P21", "peel-2021", "2022", ("investigating", "requires-improvement"), ("prevention", "good")),
    ]
    rows = {row.title: row for row in timeline(entries, default_themes())}
    investigating = rows["Investigating crime"]
    assert [[a.grade for a in cell] for cell in investigating.cells] == [
        ["fair", "good"],
        ["requires-improvement"],
        ["requires-improvement"],
    ]
    prevention = rows["Neighbourhoods, preventing crime and anti-social behaviour"]
    assert [[a.area_id for a in cell] for cell in prevention.cells] == [[], [], ["prevention"]]
    # Roads policing is in no theme: it keeps a row of its own, titled as its framework titles it.
    assert rows["5C"].theme_id is None
    assert [[a.grade for a in cell] for cell in rows["5C"].cells] == [["excellent"], [], []]


def test_themes_nobody_graded_are_left_out_and_order_is_the_mappings():
    entries = [_entry("P21", "peel-2021", "2022", ("workforce", "good"), ("prevention", "good"))]
    titles = [row.title for row in timeline(entries, default_themes())]
    assert titles == [
        "Neighbourhoods, preventing crime and anti-social behaviour",
        "The workforce, its standards and integrity",
    ]


def test_no_inspections_no_rows():
    assert timeline([], default_themes()) == []
