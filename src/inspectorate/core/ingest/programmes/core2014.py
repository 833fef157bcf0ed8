"""Letters of the 2014 'Core business' inspection (formerly 'Making best use of police time').

Each force received a letter with the embargoed national report: letterhead, addressee, the date on
a line of its own, the programme's title, the three areas of police work it assessed, then the
force's key findings under three headings ("Preventing crime", "Crime recording and attendance",
"Freeing up time") and the sign-off. Nothing is graded, so each area is a judgment without a grade.
The key findings are not labelled as strengths or areas for improvement; sorting them by their
wording would be a guess, so none are imported, and ``missing`` says so.
"""

from __future__ import annotations

import re

from inspectorate.core.frameworks.library import get_framework
from inspectorate.core.ingest import common
from inspectorate.core.ingest.contract import Programme, ProgrammeReading
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import ImportedJudgment
from inspectorate.core.ingest.programmes import peel_four_tier as four

FRAMEWORK_ID = "core-business-2014"
# The letters print "An inspection of ... and use of police time"; the report and its press
# release "An inspection into ... and the use of police time".
_TITLE = re.compile(
    r"Core business:\s+An inspection (?:of|into) crime prevention,\s+police attendance\s+"
    r"and (?:the\s+)?use of police time",
    re.IGNORECASE,
)
_HEADING_LENGTH = 60  # the area headings are a few words; longer lines are text


def recognises(document: Document) -> bool:
    # The title heads the letter; later reports that only cite the inspection name it further on.
    return _TITLE.search(document.text[:4000]) is not None


def read(document: Document) -> ProgrammeReading:
    framework = get_framework(FRAMEWORK_ID)
    areas = {place.area.id: place.area for place in framework.walk()}
    title = _TITLE.search(document.text)
    body = document.line_of(title.end()) if title else 0  # headings come after the title (lines from 1)
    found: dict[str, ImportedJudgment] = {}
    for index, line in enumerate(document.lines):
        if index < body or not line or len(line) > _HEADING_LENGTH or line.endswith("."):
            continue
        area_id = common.match_area(FRAMEWORK_ID, line)
        if area_id is not None and area_id not in found:
            found[area_id] = ImportedJudgment(
                areas[area_id].level, line, None, area_id, document.at_line(index + 1)
            )
    missing = [
        f"{area.title}: the letter has no heading for this area"
        for area in areas.values()
        if area.id not in found
    ]
    if found:
        missing.append(
            "findings: the letter's key findings are not labelled as strengths, areas for improvement "
            "or good practice, so none are imported"
        )
    # The letter is dated on a line of its own above the title ("3 September 2014").
    date = four.full_line_date(document, range(0, max(body, 1)))
    return ProgrammeReading(
        framework_version=framework.version,
        date=date[0] if date else None,
        judgments=tuple(sorted(found.values(), key=lambda judgment: judgment.at.start if judgment.at else 0)),
        findings=(),
        missing=tuple(missing),
    )


PROGRAMME = Programme(
    FRAMEWORK_ID,
    "Core business: An inspection of crime prevention, police attendance and use of police time",
    recognises,
    read,
)
