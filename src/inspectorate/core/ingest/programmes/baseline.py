"""HMIC's first two baseline assessments (ba-2004, reports of April 2004; ba-2005, reports of
October 2005), recognised by the titles their covers print ("Baseline Assessment of <Force>, April
2004", "<Force> - Baseline Assessment October 2005", with its dash).

Both graded on four bands (Excellent, Good, Fair, Poor). A 2005 grade is read where the text prints
a framework's title with its band on one line ("Volume Crime Reduction Good", "2B Volume Crime
Reduction: Fair"), the way the summary of judgements lists them; the framework's own title is what
ties a band to an area, so a band in a sentence is never taken for a grade. The 2004 framework
does not yet hold the sixteen graded functions, so a 2004 band is listed as missing, not imported.
The 2006 round, whose reports add a direction of travel, has a reader of its own (``ba2006``).
"""

from __future__ import annotations

import re

from inspectorate.core.frameworks.library import get_framework
from inspectorate.core.ingest.contract import Programme, ProgrammeReading
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import ImportedJudgment

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_BANDS = r"Excellent|Good|Fair|Poor"


def _cover(year: str) -> re.Pattern[str]:
    """The cover's title: "Baseline Assessment October 2005", "Baseline Assessment of Kent
    Constabulary, April 2004" (the capitals matter: a later report's "this baseline assessment
    had followed a similar process in 2005" is not a cover)."""
    return re.compile(
        rf"\bBaseline Assessment\s*[\u2013\u2014-]?\s*(?P<a>(?:(?:{_MONTHS})\s+)?{year})\b"
        rf"|\bBaseline Assessment of [A-Z][^,\n]{{2,60}},\s+(?P<b>(?:(?:{_MONTHS})\s+)?{year})\b"
    )


def _round(framework_id: str, year: str, title: str) -> Programme:
    cover = _cover(year)

    def recognises(document: Document) -> bool:
        return bool(cover.search(document.text[:3000]))

    def read(document: Document) -> ProgrammeReading:
        found = cover.search(document.text[:3000])
        date = (found.group("a") or found.group("b")) if found else None
        judgments, missing = _bands(document, framework_id)
        return ProgrammeReading(
            framework_version=get_framework(framework_id).version,
            date=date if date and " " in date else None,
            judgments=tuple(judgments),
            missing=tuple(missing),
            year=year,
        )

    return Programme(framework_id, title, recognises, read)


def _bands(document: Document, framework_id: str) -> tuple[list[ImportedJudgment], list[str]]:
    """Each framework's band where a line prints its title (after its code, if any) and a band."""
    graded = [place.area for place in get_framework(framework_id).walk() if place.area.graded]
    judgments: list[ImportedJudgment] = []
    for area in graded:
        code = rf"(?:{re.escape(area.code)}\s+)?" if area.code else ""
        line = re.compile(
            rf"^{code}{re.escape(area.title)}\s*[:\u2013\u2014-]?\s*(?P<band>{_BANDS})\b",
            re.IGNORECASE | re.M,
        )
        match = line.search(document.text)
        if match:
            at = document.at(match.start(), match.end())
            band = match.group("band").capitalize()
            judgments.append(ImportedJudgment(area.level, area.title, band, area.id, at, None, at))
    missing: list[str] = []
    if not graded and re.search(rf"\b(?:{_BANDS})\b", document.text):
        missing.append(f"grades: {framework_id} does not hold the graded functions yet, so no band is read")
    elif not judgments:
        missing.append("grades: no framework's band is printed in the text")
    return judgments, missing


BA_2004 = _round("ba-2004", "2004", "Baseline assessment 2004")
BA_2005 = _round("ba-2005", "2005", "Baseline assessment 2005")
PROGRAMMES = (BA_2005, BA_2004)
