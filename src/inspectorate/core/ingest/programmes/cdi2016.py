"""Stand-alone crime data integrity inspection reports (2016 to 2019), titled "<Force> - Crime data
integrity inspection 2017" (with an en dash).

Each report grades one thing, the force's crime recording, on four tiers, in a headline sentence
("<Force> requires improvement at crime recording"), sometimes also under an "Overall judgment"
heading. Its findings are labelled boxes: causes of concern with the recommendations that follow
them, and areas for improvement (read by ``peel2021.findings``, as PEEL 2021/22 prints the same
boxes). The recording-rate estimates and the crimes left unrecorded each year are read by
``common``. A re-inspection compares the force with its earlier inspection ("Since our 2016
inspection ..."); a grade stated about that earlier inspection is never taken for the report's own.
"""

from __future__ import annotations

import re

from inspectorate.core.frameworks.library import get_framework
from inspectorate.core.ingest.common import sentence
from inspectorate.core.ingest.contract import Programme, ProgrammeReading
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import ImportedFinding, ImportedJudgment, Location
from inspectorate.core.ingest.programmes.peel2021.findings import boxes, distinct
from inspectorate.core.ingest.programmes.peel2021.text import blocks, publication_date

FRAMEWORK_ID = "cdi-2016"
AREA_ID = "crime-recording"

_TITLE = re.compile(r"crime data integrity(?: inspection)?\s+(?:[\u2013-]\s+)?(201[6-9])\b", re.IGNORECASE)
_GRADES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires improvement": "Requires improvement",
    "inadequate": "Inadequate",
}
_HEADLINE = re.compile(
    r"(?P<subject>[A-Z][^.\n]{1,90}?)\s+(?:is\s+(?P<grade>outstanding|good|inadequate)|"
    r"(?P<ri>requires\s+improvement))\s+(?:at|in)\s+(?:its\s+)?"
    r"(?:crime[\s-]+recording|recording(?:\s+of)?\s+(?:reported\s+)?crimes?)\b"
)
_OVERALL = re.compile(r"^Overall judge?ment\s*(?::\s*(?P<grade>.+))?$", re.IGNORECASE | re.MULTILINE)
# A sentence about an earlier inspection ("Since our 2016 inspection, when the force ...").
_EARLIER = re.compile(
    r"\b(?:since|in|at|during|after)\s+(?:our|the|its)\s+(?:previous\s+|last\s+|earlier\s+|first\s+)?"
    r"(?:20\d\d\s+)?(?:crime data integrity\s+)?inspection\b|\bpreviously\b",
    re.IGNORECASE,
)


def recognises(document: Document) -> bool:
    head = document.text[:3000]
    if _TITLE.search(head):
        return True
    return "crime data integrity" in document.text.casefold() and _headline(document) is not None


def read(document: Document) -> ProgrammeReading:
    framework = get_framework(FRAMEWORK_ID)
    area = framework.area(AREA_ID)
    missing: list[str] = []
    found = _headline(document)
    label = _overall_label(document)
    grade: str | None = None
    at: Location | None = None
    grade_at: Location | None = None
    if found is not None:
        grade, at = found
        grade_at = at
        if label is not None:
            if label[0] == grade:
                grade_at = label[1]
            else:
                missing.append(
                    f"{area.title}: the overall judgment label ({label[0]}) disagrees with '{at.quote}'"
                )
    elif label is not None:
        grade, at = label
        grade_at = at
    else:
        missing.append(
            f"{area.title}: no judgment sentence ('<force> is good at crime recording') and no overall "
            "judgment label were found"
        )
    judgments = (ImportedJudgment(area.level, area.title, grade, AREA_ID, at, None, grade_at),) if at else ()
    first_line = at.line if at else len(document.lines)
    date = publication_date(document, first_line)
    findings = [
        ImportedFinding(box.kind, box.text, area.title, AREA_ID, box.at, box.recommendations)
        for box in boxes(document, blocks(document))
    ]
    return ProgrammeReading(
        framework_version=framework.version,
        date=date[0] if date else None,
        judgments=judgments,
        findings=tuple(distinct(findings)),
        missing=tuple(missing),
    )


def _headline(document: Document) -> tuple[str, Location] | None:
    """The report's own crime-recording grade: the first headline sentence that is not about an
    earlier inspection."""
    for match in _HEADLINE.finditer(document.text):
        text, at = sentence(document, match.start(), match.end())
        if _EARLIER.search(text):
            continue
        grade = "Requires improvement" if match.group("ri") else _GRADES[match.group("grade")]
        return grade, at
    return None


def _overall_label(document: Document) -> tuple[str, Location] | None:
    """The grade under (or beside) an "Overall judgment" heading."""
    for match in _OVERALL.finditer(document.text):
        if match.group("grade"):
            grade = _GRADES.get(match.group("grade").strip().rstrip(".").casefold())
            if grade is not None:
                return grade, document.at(match.start("grade"), match.end("grade"))
            continue
        line = document.line_of(match.start())
        following = [
            n for n in range(line + 1, min(line + 4, len(document.lines) + 1)) if document.lines[n - 1]
        ]
        if following:
            grade = _GRADES.get(document.lines[following[0] - 1].casefold())
            if grade is not None:
                return grade, document.at_line(following[0])
    return None


PROGRAMME = Programme(FRAMEWORK_ID, "Crime data integrity inspections (2016 to 2019)", recognises, read)
