"""The rolling crime data integrity programme (2016 to 2020) and its re-inspections: the reports'
pages ("<Force>: Crime Data Integrity inspection 2017", "... re-inspection 2018"), the
inspectorate's press releases, and the news items and commissioners' pages that report on them.

Each report grades the force's crime recording on four tiers (``cdi_grades`` reads it in every
printed form). From 2017 the three core questions carry grades too (``crime-recording.q1`` to
``q3``), printed under each question, also in the addendum that gave grades to reports published
before the questions were introduced. Findings are the labelled boxes
HMICFRS prints (read by ``peel2021.findings``). The recording-rate estimates and the crimes left
unrecorded are read by ``common``. A re-inspection recalls its earlier inspection's grade; that grade
is never taken for the report's own.
"""

from __future__ import annotations

import re

from inspectorate.core.frameworks.library import get_framework
from inspectorate.core.ingest.common import find_force
from inspectorate.core.ingest.contract import Programme, ProgrammeReading
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import ImportedFinding, ImportedJudgment
from inspectorate.core.ingest.programmes.cdi_grades import labels, statements
from inspectorate.core.ingest.programmes.peel2021.findings import boxes, distinct
from inspectorate.core.ingest.programmes.peel2021.text import blocks, publication_date

FRAMEWORK_ID = "cdi-2016"
AREA_ID = "crime-recording"

# "Crime Data Integrity inspection 2017", "Crime Data Integrity re-inspection 2018", "crime data
# integrity inspection - 2016"
_TITLE = re.compile(
    r"crime data integrity\s+(?P<re>re-?)?inspection\s+(?:[\u2013-]\s+)?(?P<year>201[5-9]|2020)\b",
    re.IGNORECASE,
)
# Without a year in the title: "a crime data integrity inspection of Leicestershire Police", "its
# Crime Data Integrity audit and inspection", "CDI re-inspection" ...
_NAMED = re.compile(
    r"crime data integrity\s+(?:audit\s+and\s+)?(?:re-?)?inspection"
    r"|\bCDI\s+(?:audit|re-?inspection|inspection)",
    re.IGNORECASE,
)
# ... dated by the events it tells: "In May 2017, ... conducted", "completed in October 2018",
# "in November/ December 2017".
_EVENT_YEAR = re.compile(
    r"\b(?:in|completed in|carried out in|between)\s+(?:[A-Z][a-z]+\s*/?\s*)*(?P<year>201[5-9]|2020)\b"
)
_RE_COMPLETED = re.compile(
    r"re-?inspection,?\s+(?:was\s+)?completed\s+in\s+[A-Z][a-z]+\s+(?P<year>20\d\d)", re.I
)
# A news item: the renamed inspectorate (HMICFRS, from July 2017) reporting crimes left unrecorded.
_HMICFRS = re.compile(r"\bHMICFRS\b|Fire (?:and|&) Rescue Services")
_UNRECORDED_NEWS = re.compile(
    r"\bfail(?:s|ed|ing)? to record\b|\bnot (?:being )?recorded\b"
    r"|\brecorded\s+\d{1,3}(?:\.\d)?\s?(?:%|per ?cent)",
    re.IGNORECASE,
)
_PEEL = re.compile(r"\bPEEL\b")


def recognises(document: Document) -> bool:
    return year(document) is not None or _news(document)


def year(document: Document) -> str | None:
    """The inspection's year as the text names it, when it names this programme."""
    head = document.text[:3000]
    title = _TITLE.search(head)
    if title:
        return title.group("year")
    if not _NAMED.search(head):
        return None
    completed = _RE_COMPLETED.search(document.text)
    if completed:
        return completed.group("year")
    event = _EVENT_YEAR.search(document.text)
    return event.group("year") if event else None


def _news(document: Document) -> bool:
    head = document.text[:1500]
    return bool(_HMICFRS.search(head) and _UNRECORDED_NEWS.search(head) and not _PEEL.search(document.text))


def _news_year(document: Document) -> str | None:
    """A news item's year: the last year of the period audited ("between July 1 2019 and June 30 2020")."""
    period = re.search(r"\bbetween\s+[^.]{0,40}?\b(20\d\d)\s+and\s+[^.]{0,30}?\b(20\d\d)\b", document.text)
    return period.group(2) if period else None


def read(document: Document) -> ProgrammeReading:
    framework = get_framework(FRAMEWORK_ID)
    area = framework.area(AREA_ID)
    report_year = year(document) or _news_year(document)
    missing: list[str] = []
    printed = labels(document)
    overall = [label for label in printed if label.question is None]
    questions = [label for label in printed if label.question is not None]
    question_lines = {label.at.line for label in questions}
    force = find_force(document)
    stated = [
        grade
        for grade in statements(document, report_year, force[0] if force else None)
        if grade.at.line not in question_lines
    ]
    chosen = overall[0] if overall else (stated[0] if stated else None)
    others = {grade.grade for grade in (*overall, *stated)} - ({chosen.grade} if chosen else set())
    if chosen is not None and others:
        missing.append(
            f"{area.title}: the text also states {', '.join(sorted(others))}; {chosen.grade} "
            f"('{chosen.at.quote}') is kept"
        )
    if chosen is None:
        missing.append(f"{area.title}: the text states no crime-recording grade for this inspection")
    judgments = (
        [ImportedJudgment(area.level, area.title, chosen.grade, AREA_ID, chosen.at, None, chosen.at)]
        if chosen
        else []
    )
    first_labels = {label.question: label for label in reversed(questions) if label.question is not None}
    for _, label in sorted(first_labels.items()):
        question = framework.area(f"{AREA_ID}.q{label.question}")
        judgments.append(
            ImportedJudgment(
                question.level, question.title, label.grade, question.id, label.at, None, label.at
            )
        )
    date = publication_date(document, chosen.at.line if chosen else len(document.lines))
    findings = [
        ImportedFinding(box.kind, box.text, area.title, AREA_ID, box.at, box.recommendations)
        for box in boxes(document, blocks(document))
    ]
    return ProgrammeReading(
        framework_version=framework.version,
        date=date[0] if date else None,
        judgments=tuple(judgments),
        findings=tuple(distinct(findings)),
        missing=tuple(missing),
        year=report_year,
    )


PROGRAMME = Programme(FRAMEWORK_ID, "Crime data integrity inspections (2016 to 2020)", recognises, read)
