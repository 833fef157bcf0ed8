"""Reports of PEEL 2018: the inspectorate's force pages, one per pillar ("Kent PEEL 2018").

A page names the pillar (Effectiveness, Efficiency or Legitimacy), prints the pillar's question,
"Last updated dd/mm/yyyy" and the pillar's grade label, then a summary. "Questions for <pillar>"
follows: each question is a number on its own line, the question, its grade label, sometimes
"Areas for improvement" (a bulleted list) or "Cause of concern" with recommendations, then the
findings under topic headings and a "Summary for question N" heading (often empty).

The site around the page (skip links, banners about consultations) is not read. The page gives
no publication date, only when it was last updated, which is not taken as the report's date.
Headings the framework does not encode take their ids from the year's table (``peel_pages.years``).

Other pages of the year (the overview "Kent 2018/19" with its three "the extent to which ..."
lines, a pillar page whose grades are only in sentences, a press release) are read in the wording
families of ``peel_pages``; they also fill what this layout leaves unprinted. A pillar whose label
is missing takes its grade only from a sentence about the pillar itself, never from the first
judgment of its summary (which is often a question's).

A question the page says was not inspected this year ("This question was not subject to detailed
inspection in 2018/19 ... carried over"), even below a printed label, and one printed as
"Ungraded" (the specialist capabilities question) are judgments without a grade.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspectorate.core.frameworks.library import get_framework
from inspectorate.core.ingest import common
from inspectorate.core.ingest.contract import Programme, ProgrammeReading
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import ImportedFinding, ImportedJudgment, Location
from inspectorate.core.ingest.programmes import peel_four_tier as four
from inspectorate.core.ingest.programmes.peel_pages import labels, sentences
from inspectorate.core.ingest.programmes.peel_pages import reader as families
from inspectorate.core.ingest.programmes.peel_pages.recognise import programme_of
from inspectorate.core.ingest.programmes.peel_pages.years import PEEL_2018

FRAMEWORK_ID = "peel-2018"
_TITLE = re.compile(r"^.{0,80}\bPEEL 2018(?:/19)?$")
_PILLARS = ("Effectiveness", "Efficiency", "Legitimacy")
_NUMBER = re.compile(r"^(?:Question\s+)?(\d{1,2})[.:]?$", re.IGNORECASE)
_LAST_UPDATED = re.compile(r"^Last updated\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"^Published:?\s+(.+)$", re.IGNORECASE)
# What a page prints instead of a grade for a question not inspected that year.
_NO_GRADE = re.compile(
    r"^(?:not (?:inspected|graded|assessed|yet graded)|ungraded|to be graded"
    r"|this question was not (?:subject to detailed )?inspect)\b.*",
    re.IGNORECASE,
)
_SUMMARY = re.compile(r"^Summary for question \d+$", re.IGNORECASE)


def recognises(document: Document) -> bool:
    # The page's own title, "<Force> PEEL 2018", near the top (past the site's banners); or the
    # overview's and press releases' wording.
    return any(_TITLE.match(line) for line in document.lines[:60]) or programme_of(document) == FRAMEWORK_ID


@dataclass(frozen=True)
class _Heading:
    marker: int  # the line naming the pillar or numbering the question, from 0
    line: int  # the question's last line (its grade follows)
    level: str  # pillar or question
    number: str  # the question's number; "" for a pillar
    title: str
    pillar: str
    area_id: str | None
    at: Location


def _question(document: Document, index: int) -> tuple[int, int, str] | None:
    """The question printed after line ``index`` (first line, last line, text): a page printed to
    PDF may wrap it over two or three lines."""
    lines = document.lines
    first = four.next_text(document, index, skip=lambda text: False)
    if first is None or first > index + 4:
        return None
    for last in range(first, min(first + 3, len(lines))):
        if not lines[last]:
            return None
        if lines[last].endswith("?"):
            return first, last, " ".join(lines[first : last + 1])
    return None


def _table_area(title: str) -> str | None:
    return next((area.id for area in PEEL_2018.areas if title in (area.title, *area.headings)), None)


def _headings(document: Document) -> list[_Heading]:
    """Pillars (the name, then its question) and numbered questions, in page order."""
    found: list[_Heading] = []
    pillar = ""
    for index, line in enumerate(document.lines):
        number = _NUMBER.match(line)
        if line not in _PILLARS and not (number and pillar):
            continue
        question = _question(document, index)
        if question is None:
            continue
        first, last, title = question
        at = document.at(
            document.line_start(first + 1), document.line_start(last + 1) + len(document.lines[last])
        )
        area_id = common.match_area(FRAMEWORK_ID, title) or _table_area(title)
        if line in _PILLARS:
            pillar = line
            area_id = area_id or common.match_area(FRAMEWORK_ID, line)
            found.append(_Heading(index, last, "pillar", "", title, pillar, area_id, at))
        elif number:
            found.append(_Heading(index, last, "question", number.group(1), title, pillar, area_id, at))
    return found


class _Reader:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.lines = document.lines
        framework = get_framework(FRAMEWORK_ID)
        self.grades = four.Grades(tuple(level.label for level in framework.scale("peel-four-tier").levels))
        self.headings = _headings(document)
        self.heading_lines = {i for h in self.headings for i in range(h.marker, h.line + 1)}

    def is_stop(self, index: int) -> bool:
        text = self.lines[index]
        return (
            index in self.heading_lines
            or bool(_SUMMARY.match(text))
            or text.startswith("Questions for ")
            or four.is_heading_word(
                text, "Areas for improvement", "Area for improvement", "Cause of concern", "Causes of concern"
            )
        )

    def owner(self, index: int) -> _Heading | None:
        return next((h for h in reversed(self.headings) if h.line < index), None)

    def grade(self, heading: _Heading) -> tuple[four.Grade | None, str | None]:
        """The label after the heading; failing that, the first judgment sentence of the pillar's
        summary or of "Summary for question N"; and what the page prints instead of a grade."""
        grade = self.grades.label_after(self.document, heading.line, skip=_last_updated)
        if grade is not None:
            below = self.document.line_of(grade.at.end) - 1
            carried = labels.carried_over(self.document, below) if heading.level == "question" else None
            if carried is not None:
                # The label is an earlier inspection's grade, carried over: none of this report.
                return None, self.lines[carried]
            return grade, None
        first = four.next_text(self.document, heading.line, skip=_last_updated)
        if first is not None and _NO_GRADE.match(self.lines[first]):
            return None, self.lines[first]
        if heading.level == "question":
            summary = f"Summary for question {heading.number}"
            first = next(
                (j for j, text in enumerate(self.lines) if text.casefold() == summary.casefold()), None
            )
            first = four.next_text(self.document, first, skip=_last_updated) if first is not None else None
        if first is None or self.is_stop(first) or heading.area_id is None:
            return None, None
        last = four.block_end(self.document, first, self.is_stop)
        start = self.document.line_start(first + 1)
        end = self.document.line_start(last + 1) + len(self.lines[last])
        said = next(
            (
                item
                for item in sentences.stated(self.document, PEEL_2018, None)
                if item.area.id == heading.area_id and start <= item.start < end and item.grade
            ),
            None,
        )
        if said is None or said.grade is None:
            return None, None
        return four.Grade(
            said.grade, self.document.at(*common.sentence_around(self.document, said.start, said.end)), False
        ), None

    def judgments(self) -> tuple[list[ImportedJudgment], list[str]]:
        judgments: list[ImportedJudgment] = []
        missing: list[str] = []
        for heading in self.headings:
            name = (
                f"{heading.pillar} question {heading.number}"
                if heading.number
                else f"{heading.pillar} pillar"
            )
            grade, instead = self.grade(heading)
            if grade is None:
                reason = (
                    f"the page prints {instead!r}"
                    if instead
                    else "no grade label after it and no judgment sentence"
                )
                missing.append(f"{name} ({heading.title}): {reason}")
            elif not grade.from_label:
                missing.append(
                    f"{name}: no grade label is printed; the grade is read from the judgment sentence "
                    f"at line {grade.at.line}"
                )
            if heading.area_id is None:
                missing.append(
                    f"{name} ({heading.title}): no area of {FRAMEWORK_ID} matches it "
                    "(nor any of the year's table)"
                )
            judgments.append(
                ImportedJudgment(
                    heading.level,
                    heading.title,
                    grade.label if grade else None,
                    heading.area_id,
                    heading.at,
                    grade_at=grade.at if grade else None,
                )
            )
        if not self.headings:
            missing.append(
                "grades: no pillar (Effectiveness, Efficiency, Legitimacy) followed by its question was found"
            )
        return judgments, missing

    def findings(self) -> tuple[list[ImportedFinding], list[str]]:
        def owner(index: int) -> tuple[str | None, str | None]:
            heading = self.owner(index)
            return (heading.title, heading.area_id) if heading else (None, None)

        return four.listed_findings(self.document, self.is_stop, owner)


def _last_updated(line: str) -> bool:
    return _LAST_UPDATED.match(line) is not None


def _date(document: Document) -> tuple[str | None, list[str]]:
    for line in document.lines[:80]:
        published = _PUBLISHED.match(line)
        if published:
            return published.group(1), []
    for line in document.lines[:80]:
        if _LAST_UPDATED.match(line):
            return None, [
                f"date: the page gives only when it was last updated ({line}), "
                "not when the report was published"
            ]
    return None, []


def _with_families(
    document: Document, judgments: list[ImportedJudgment]
) -> tuple[list[ImportedJudgment], list[str]]:
    """The layout's judgments, with what the wording families state for areas it left ungraded
    or did not print."""
    graded = {j.area_id for j in judgments if j.grade and j.area_id}
    said, missing = families.judgments(document, PEEL_2018)
    extra = {
        j.area_id: j
        for j in said
        if j.area_id not in graded and (j.grade or j.area_id not in {k.area_id for k in judgments})
    }
    merged = [extra.pop(j.area_id) if j.area_id in extra and extra[j.area_id].grade else j for j in judgments]
    merged += list(extra.values())
    return merged, [m for m in missing if not m.startswith("grades:") or not merged]


def read(document: Document) -> ProgrammeReading:
    reader = _Reader(document)
    judgments, missing = reader.judgments()
    judgments, stated = _with_families(document, judgments)
    missing = [m for m in missing if not (m.startswith("grades: no pillar") and judgments)] + [
        m for m in stated if m not in missing and not m.startswith("date:")
    ]
    findings, not_read = reader.findings()
    date, no_date = _date(document)
    return ProgrammeReading(
        framework_version=get_framework(FRAMEWORK_ID).version,
        date=date,
        judgments=tuple(judgments),
        findings=tuple(findings),
        missing=tuple(missing + not_read + no_date),
    )


PROGRAMME = Programme(FRAMEWORK_ID, "PEEL 2018", recognises, read)
