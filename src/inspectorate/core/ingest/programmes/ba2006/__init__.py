"""Reports of HMIC's 2006 baseline assessment ("<Force> Baseline Assessment October 2006"), read
against the ``ba-2006`` framework: 23 frameworks coded 1A-7B in seven domains, each with a service
delivery grade (Excellent, Good, Fair, Poor) and a direction of travel (Improved, Stable, Declined,
or Not Graded), then lists of strengths, work in progress and areas for improvement, and a few
good practice boxes.

Where each part is read: ``layout`` (headings, sections, page furniture), ``grades`` (the summary of
judgements and each framework's grade table) and ``findings`` (the lists and boxes).
"""

from __future__ import annotations

import re

from inspectorate.core.ingest.contract import Programme, ProgrammeReading
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.programmes.ba2006.findings import findings as read_findings
from inspectorate.core.ingest.programmes.ba2006.grades import judgments as read_judgments
from inspectorate.core.ingest.programmes.ba2006.layout import FRAMEWORK_ID, MONTHS, Layout

# The cover names the round ("Baseline Assessment October 2006"); the introduction speaks of
# "BA 2006". Earlier rounds (2004, 2005) had other frameworks and are not read as this one.
_ROUND = re.compile(rf"\bBaseline Assessment\s+(?:(?:{MONTHS})\s+)?2006\b|\bBA 2006\b")
_DIRECTION_OF_TRAVEL = re.compile(r"\bdirection of travel\b", re.IGNORECASE)
_COVER_DATE = re.compile(rf"\bBaseline Assessment\s*[\u2013\u2014-]?\s*((?:{MONTHS})\s+\d{{4}})\b")
_PUBLISHED = re.compile(rf"\bfirst published\s+((?:(?:{MONTHS})\s+)?\d{{4}})\b", re.IGNORECASE)


def recognises(document: Document) -> bool:
    return bool(_ROUND.search(document.text) and _DIRECTION_OF_TRAVEL.search(document.text))


def report_date(document: Document) -> str | None:
    """The date as printed on the cover ("October 2006"), else the year of first publication."""
    found = _COVER_DATE.search(document.text) or _PUBLISHED.search(document.text)
    return found.group(1) if found else None


def read(document: Document) -> ProgrammeReading:
    from inspectorate.core.frameworks.library import get_framework

    layout = Layout(document)
    judgments, missing = read_judgments(layout)
    findings, unread = read_findings(layout)
    return ProgrammeReading(
        framework_version=get_framework(FRAMEWORK_ID).version,
        date=report_date(document),
        judgments=tuple(judgments),
        findings=tuple(findings),
        missing=(*missing, *unread),
    )


PROGRAMME = Programme(FRAMEWORK_ID, "Baseline assessment 2006", recognises, read)
