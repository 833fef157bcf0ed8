"""The grades of a 2006 baseline assessment: each framework's service delivery grade and direction
of travel, from the summary of judgements table and from the small table under each framework's
heading.

A row reads "Volume Crime Reduction<tab>Fair<tab>Improved" (tabs become spaces when the text is
normalised); a PDF turned to text may instead put the title, the grade and the direction on lines of
their own, which is read too. The summary is the report's statement of its judgements, so its row is
the one imported; a framework it leaves out is taken from its own table, and when the two disagree
the summary is kept and the disagreement reported.

Direction of travel is kept as printed ("Improved", "Stable", "Declined", "Not Graded"). A
framework table headed "No direction of travel allocated" (the report's 7A) gives no value; that is
read as "Not Graded", the summary's wording for the same thing. None means no direction was printed
at all, and says so in ``missing``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspectorate.core.frameworks.spec import Area
from inspectorate.core.ingest.model import ImportedJudgment, Location
from inspectorate.core.ingest.programmes.ba2006.layout import (
    DIRECTION_WORDS,
    GRADE_HEADER,
    GRADE_WORDS,
    NOT_GRADED,
    Layout,
    Section,
    framework_area,
    frameworks,
    is_domain_heading,
)

_SUMMARY = re.compile(r"^Summary of Judgements\b", re.IGNORECASE)
_ROW = re.compile(rf"^(?P<title>\S.*?)\s+(?P<grade>{GRADE_WORDS})(?:\s+(?P<direction>{DIRECTION_WORDS}))?$")
_VALUES = re.compile(rf"^(?P<grade>{GRADE_WORDS})(?:\s+(?P<direction>{DIRECTION_WORDS}))?$")
_DIRECTION = re.compile(rf"^(?P<direction>{DIRECTION_WORDS})$")
_NO_DIRECTION = re.compile(r"^no direction", re.IGNORECASE)
_SUMMARY_LINES = 150  # the table, with a page break or two, is well within this


@dataclass(frozen=True)
class Grade:
    title: str
    grade: str
    direction: str | None
    at: Location  # the row
    grade_at: Location  # the grade and direction in it


def _printed(label: str | None) -> str | None:
    """ "Not graded" and "Not Graded" are the same label; the report's capitals are kept elsewhere."""
    return NOT_GRADED if label is not None and label.casefold() == NOT_GRADED.casefold() else label


def _values(layout: Layout, first: int, before: int | None = None) -> tuple[str, str | None, int, int] | None:
    """(grade, direction, start offset, end offset) from the value line at or after line ``first``:
    "Fair Improved" on one line, or "Fair" with "Improved" on the next."""
    document = layout.document
    numbers = layout.next_lines(first - 1, 2, before)
    if not numbers:
        return None
    values = _VALUES.match(layout.line(numbers[0]))
    if values is None:
        return None
    start = document.line_start(numbers[0])
    end = start + values.end()
    direction = values.group("direction")
    if direction is None and len(numbers) > 1:
        alone = _DIRECTION.match(layout.line(numbers[1]))
        if alone:
            direction = alone.group("direction")
            end = document.line_start(numbers[1]) + alone.end()
    return values.group("grade"), _printed(direction), start, end


def summary_grades(layout: Layout) -> dict[str, Grade]:
    """Framework area id -> its row in the summary of judgements (the first table that has one)."""
    found: dict[str, Grade] = {}
    section_lines = {section.heading.line for section in layout.sections}
    for number, text in enumerate(layout.lines, start=1):
        if not _SUMMARY.match(text):
            continue
        last = min(number + _SUMMARY_LINES, len(layout.lines))
        for row_number in range(number + 1, last + 1):
            row = layout.line(row_number)
            if is_domain_heading(row) or row_number in section_lines:
                break  # the findings begin
            if not row or row.startswith("-") or layout.is_furniture(row):
                continue
            grade = _summary_row(layout, row_number, row)
            if grade is not None and grade[0].id not in found:
                found[grade[0].id] = grade[1]
    return found


def _summary_row(layout: Layout, number: int, row: str) -> tuple[Area, Grade] | None:
    document = layout.document
    start = document.line_start(number)
    whole = _ROW.match(row)
    if whole:
        area = framework_area(whole.group("title"))
        if area is not None:
            grade_start = start + whole.start("grade")
            end = start + whole.end()
            grade = Grade(
                title=whole.group("title"),
                grade=whole.group("grade"),
                direction=_printed(whole.group("direction")),
                at=document.at(start, end),
                grade_at=document.at(grade_start, end),
            )
            return area, grade
    area = framework_area(row)
    if area is None:
        return None
    values = _values(layout, number + 1)
    if values is None:
        return None
    label, direction, grade_start, end = values
    return area, Grade(row, label, direction, document.at(start, end), document.at(grade_start, end))


def section_grade(layout: Layout, section: Section) -> Grade | None:
    """The grade table under a framework's heading: "Grade / Direction of Travel", then the values."""
    document = layout.document
    heading = section.heading
    for number in layout.next_lines(heading.line, 8, section.end):
        header = GRADE_HEADER.match(layout.line(number))
        if header is None:
            continue
        unallocated = bool(header.group("rest") and _NO_DIRECTION.match(header.group("rest")))
        following = layout.next_lines(number, 2, section.end)
        # A PDF may print the direction column's header on a line of its own.
        if following and re.match(r"^(?:No\s+)?direction of travel\b", layout.line(following[0]), re.I):
            unallocated = unallocated or bool(_NO_DIRECTION.match(layout.line(following[0])))
            following = following[1:]
        if not following:
            return None
        values = _values(layout, following[0], section.end)
        if values is None:
            return None
        label, direction, grade_start, end = values
        if direction is None and unallocated:
            direction = NOT_GRADED
        start = document.line_start(heading.line)
        return Grade(heading.title, label, direction, document.at(start, end), document.at(grade_start, end))
    return None


def judgments(layout: Layout) -> tuple[list[ImportedJudgment], list[str]]:
    """One judgment per framework, in the framework's order, and what could not be read."""
    summary = summary_grades(layout)
    judged: list[ImportedJudgment] = []
    missing: list[str] = []
    if not summary:
        missing.append("summary of judgements: the table was not found; grades are read under each heading")
    for area in frameworks():
        name = f"{area.code} {area.title}"
        section = layout.section_of(area.id)
        own = section_grade(layout, section) if section else None
        chosen = summary.get(area.id) or own
        if chosen is None:
            missing.append(f"{name}: no service delivery grade was found")
            continue
        direction = chosen.direction or (own.direction if own else None)
        if own is not None and chosen is not own and (own.grade, own.direction) != (chosen.grade, direction):
            missing.append(
                f"{name}: the summary of judgements gives {chosen.grade}, {direction or 'no direction'} but "
                f"its own table gives {own.grade}, {own.direction or 'no direction'}; the summary's is kept"
            )
        if direction is None:
            missing.append(f"{name}: no direction of travel was found")
        judged.append(
            ImportedJudgment(
                level=area.level,
                title=chosen.title,
                grade=chosen.grade,
                area_id=area.id,
                at=chosen.at,
                direction=direction,
                grade_at=chosen.grade_at,
            )
        )
    return judged, missing
