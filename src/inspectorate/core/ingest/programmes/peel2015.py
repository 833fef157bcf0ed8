"""Reports of PEEL: police effectiveness 2015.

The report answers one overall question through four questions, each graded on four tiers. The
Overview prints the overall question (after "Overview" and a dash), "Overall judgment" and its
label, then each question's heading, its label and a summary. The body repeats each question's
heading, its context and sub-questions, then "Summary of findings" (with the label again, though
some copies lose it: it was an image) and "Areas for improvement", a list of "The force should
..." items. Causes of concern, where a report has them, come with their recommendations.

The force's 2015 effectiveness page on the inspectorate's site ("Norfolk PEEL 2015", the overall
question, its label and a summary) is the same report's page, read in the wording families of the
other years' pages (``peel_pages``) against this report's own areas.

A grade is the first label printed for its question. Where no label is printed anywhere, the
first judgment sentence of the Overview's or the Summary of findings' block gives it ("The force
is good at ...", "is considered to be good at ..."): the grade's Location is that sentence, and
``missing`` says the label is absent. A question whose heading the text does not reach (an excerpt
that ends in the Overview) is graded only by an Overview sentence that names its subject.
PDF columns can interleave two questions' Overview text; that moves summaries, not labels, which
follow their headings. The "Force in numbers" panels are not read (the record has no place for
them).
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
from inspectorate.core.ingest.programmes.peel_pages import read_year, sentences
from inspectorate.core.ingest.programmes.peel_pages.recognise import programme_of
from inspectorate.core.ingest.programmes.peel_pages.years import PEEL_2015_EFFECTIVENESS

FRAMEWORK_ID = "peel-2015-effectiveness"
_TITLE = re.compile(r"PEEL:?\s+Police\s+effectiveness\s+2015\b", re.IGNORECASE)
_OVERVIEW_PREFIX = re.compile(r"^Overview\s*[\u2013\u2014:-]\s*")
_STRUCTURAL = (
    "Contents", "Overview", "Overall judgment", "Summary", "Force in numbers", "Introduction",
    "Summary of findings", "Areas for improvement", "Area for improvement", "Cause of concern",
    "Causes of concern", "Recommendations", "Recommendation",
)  # fmt: skip


def recognises(document: Document) -> bool:
    # The title page: the series name with its year (pdftotext may break it over lines); or the
    # force's 2015 effectiveness page ("Norfolk PEEL 2015" over the effectiveness question).
    return _TITLE.search(document.text[:3000]) is not None or _is_page(document)


def _is_page(document: Document) -> bool:
    return programme_of(document) == FRAMEWORK_ID


@dataclass(frozen=True)
class _Heading:
    first: int  # line index from 0
    last: int  # a heading wrapped by the PDF spans two or three lines
    area_id: str
    level: str
    title: str
    at: Location


def _headings(document: Document) -> list[_Heading]:
    """Every line (or two or three lines) that is one of the framework's questions, as printed."""
    places = {place.area.id: place.area for place in get_framework(FRAMEWORK_ID).walk()}
    lines = document.lines
    found: list[_Heading] = []
    for index, line in enumerate(lines):
        if not line or (found and found[-1].last >= index):
            continue
        for last in range(index, index + 3):
            if last >= len(lines) or not lines[last]:
                break
            text = _OVERVIEW_PREFIX.sub("", four.plain_heading(" ".join(lines[index : last + 1])))
            area_id = common.match_area(FRAMEWORK_ID, text) if text.endswith("?") else None
            if area_id is not None:
                start = document.line_start(index + 1)
                at = document.at(start, document.line_start(last + 1) + len(lines[last]))
                found.append(_Heading(index, last, area_id, places[area_id].level, text, at))
                break
    return found


class _Reader:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.lines = document.lines
        framework = get_framework(FRAMEWORK_ID)
        self.grades = four.Grades(tuple(level.label for level in framework.scale("peel-four-tier").levels))
        self.graded = [place.area for place in framework.walk() if place.area.graded]
        self.graded_ids = {area.id for area in self.graded}
        self.headings = _headings(document)
        self.heading_lines = {i for h in self.headings for i in range(h.first, h.last + 1)}
        self.overview = self._overview()

    def is_stop(self, index: int) -> bool:
        text = self.lines[index]
        return (
            index in self.heading_lines
            or four.is_heading_word(text, *_STRUCTURAL)
            or four.plain_heading(text).casefold().startswith("annex ")
            or bool(_OVERVIEW_PREFIX.match(text))
        )

    def _overview(self) -> range:
        """The Overview's lines: from the overall question's heading (the contents' lines carry page
        numbers, so they are not headings) to "Force in numbers" or the Introduction."""
        start = next((h.first for h in self.headings if h.level == "overall"), None)
        if start is None:
            return range(0)
        for index in range(start + 1, len(self.lines)):
            if four.is_heading_word(self.lines[index], "Force in numbers", "Introduction"):
                return range(start, index)
        return range(start, len(self.lines))

    def owner(self, index: int) -> _Heading | None:
        """The graded question (or overall question) whose part of the report line ``index`` is in."""
        return next(
            (h for h in reversed(self.headings) if h.first < index and h.area_id in self.graded_ids), None
        )

    def candidates(self) -> dict[str, list[tuple[four.Grade, _Heading]]]:
        """Every grade printed or stated for each graded area, in the order of the text: after each
        of its headings, and after each "Summary of findings" in its part of the report."""
        found: dict[str, list[tuple[four.Grade, _Heading]]] = {area.id: [] for area in self.graded}
        # (the line a label would follow, the heading it grades, whether its text is a summary)
        places = [
            (h.last, h, h.first in self.overview) for h in self.headings if h.area_id in self.graded_ids
        ]
        for index, text in enumerate(self.lines):
            if index not in self.overview and four.is_heading_word(text, "Summary of findings"):
                owner = self.owner(index)
                if owner is not None:
                    places.append((index, owner, True))
        for after, heading, summary in sorted(places, key=lambda place: place[0]):
            grade = self.grades.label_after(self.document, after, skip=_overall_judgment)
            first = four.next_text(self.document, after, skip=_overall_judgment)
            if grade is None and summary and first is not None and not self.is_stop(first):
                end = four.block_end(self.document, first, self.is_stop)
                grade = self.grades.in_sentences(self.document, first, end)
            if grade is not None:
                found[heading.area_id].append((grade, heading))
        return found

    def judgments(self) -> tuple[list[ImportedJudgment], list[str]]:
        judgments: list[ImportedJudgment] = []
        missing: list[str] = []
        candidates = self.candidates()
        for area in self.graded:
            name = f"{area.level} {area.code}".strip() + f" ({area.title})"
            headings = [h for h in self.headings if h.area_id == area.id]
            if not headings:
                said = self.summary_sentence(area.id)
                if said is None:
                    missing.append(f"{name}: its heading is not in the text, so it has no grade")
                    continue
                grade_label, at = said
                missing.append(
                    f"{name}: its heading is not in the text; the grade is read from the judgment sentence "
                    f"at line {at.line}, which names its subject"
                )
                judgments.append(
                    ImportedJudgment(area.level, area.title, grade_label, area.id, at, grade_at=at)
                )
                continue
            found = candidates[area.id]
            chosen = next((c for c in found if c[0].from_label), found[0] if found else None)
            if chosen is None:
                missing.append(
                    f"{name}: no grade label after its heading or Summary of findings, "
                    "and no judgment sentence"
                )
                judgments.append(
                    ImportedJudgment(area.level, headings[0].title, None, area.id, headings[0].at)
                )
                continue
            grade, heading = chosen
            if not grade.from_label:
                missing.append(
                    f"{name}: no grade label is printed; the grade is read from the judgment sentence "
                    f"at line {grade.at.line}"
                )
            others = {c[0].label for c in found if c[0].from_label} - {grade.label}
            if others:
                missing.append(
                    f"{name}: the report prints different grades ({grade.label} at line {grade.at.line}, "
                    f"also {', '.join(sorted(others))}); the first is used"
                )
            judgments.append(
                ImportedJudgment(
                    area.level, heading.title, grade.label, area.id, heading.at, grade_at=grade.at
                )
            )
        return judgments, missing

    def summary_sentence(self, area_id: str) -> tuple[str, Location] | None:
        """A question whose heading the text does not reach (an excerpt ending in the Overview) may
        still be graded there by a judgment sentence naming its subject ("The force is considered to
        be good at preventing crime and anti-social behaviour")."""
        if not self.overview:
            return None
        start = self.document.line_start(self.overview.start + 1)
        last = self.overview.stop - 1
        end = self.document.line_start(last + 1) + len(self.lines[last])
        for item in sentences.stated(self.document, PEEL_2015_EFFECTIVENESS, None):
            if item.area.id == area_id and item.grade is not None and start <= item.start < end:
                return item.grade, self.document.at(
                    *common.sentence_around(self.document, item.start, item.end)
                )
        return None

    def findings(self) -> tuple[list[ImportedFinding], list[str]]:
        def owner(index: int) -> tuple[str | None, str | None]:
            heading = self.owner(index)
            return (heading.title, heading.area_id) if heading else (None, None)

        return four.listed_findings(self.document, self.is_stop, owner)


def _overall_judgment(line: str) -> bool:
    return four.is_heading_word(line, "Overall judgment")


def read(document: Document) -> ProgrammeReading:
    if _is_page(document):
        # The page prints the overall grade below its question and the questions' grades as labels
        # or in summary sentences, the wording families the other years' pages share.
        return read_year(document, PEEL_2015_EFFECTIVENESS)
    reader = _Reader(document)
    judgments, missing = reader.judgments()
    findings, not_read = reader.findings()
    # The date is printed on the title page, before the contents and the Overview.
    date = four.full_line_date(document, range(min(reader.overview.start if reader.overview else 60, 60)))
    return ProgrammeReading(
        framework_version=get_framework(FRAMEWORK_ID).version,
        date=date[0] if date else None,
        judgments=tuple(judgments),
        findings=tuple(findings),
        missing=tuple(missing + not_read),
    )


PROGRAMME = Programme(FRAMEWORK_ID, "PEEL: Police effectiveness 2015", recognises, read)
