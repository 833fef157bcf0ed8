"""One PEEL year's page or press release read: grades printed as labels first, then the
overview's lines, press releases' bullets and judgment sentences; one grade per area.

When two places state different grades for one area the first (in that order) is kept and
``missing`` says so. An area the page's label or overview line says is not graded (or not
inspected this year) stays ungraded whatever a sentence says of it; one a sentence says is not
graded is kept as ungraded only when no grade is stated for it elsewhere.
"""

from __future__ import annotations

import re

from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import ImportedJudgment, Location
from inspectorate.core.ingest.programmes.peel_pages import labels, sentences
from inspectorate.core.ingest.programmes.peel_pages.years import Area, Year

_NARRATIVE = re.compile(r"narrative rather than graded judgment")
_LAST_UPDATED = re.compile(r"^Last updated (\S+)", re.IGNORECASE | re.MULTILINE)
_ORDER = {"label": 0, "lead": 1, "overview": 2, "press release": 3, "sentence": 4}


def _stated(document: Document, year: Year) -> list[tuple[str, Area, str | None, Location]]:
    """(family, area, grade, where) for every statement of a grade or of its absence."""
    found_headings = labels.headings(document, year)
    result: list[tuple[str, Area, str | None, Location]] = []
    for printed in labels.printed(document, found_headings):
        result.append(("label", printed.heading.area, printed.grade, document.at_line(printed.line + 1)))
    for lead in labels.leads(document, found_headings):
        result.append(("lead", lead.heading.area, lead.grade, document.at_line(lead.line + 1)))
    for item in sentences.stated(document, year, labels.page_pillar(document)):
        result.append((item.family, item.area, item.grade, document.at(item.start, item.end)))
    narrative = _NARRATIVE.search(document.text)
    if narrative and any(area.id == "leadership" for area in year.areas):
        result.append(
            ("overview", year.area("leadership"), None, document.at(narrative.start(), narrative.end()))
        )
    return result


def judgments(document: Document, year: Year) -> tuple[list[ImportedJudgment], list[str]]:
    """One judgment per area the text grades or says is not graded, in the year's area order."""
    chosen: dict[str, tuple[str, Area, str | None, Location]] = {}
    missing: list[str] = []
    for item in sorted(_stated(document, year), key=lambda item: (_ORDER[item[0]], item[3].start)):
        _, area, grade, at = item
        held = chosen.get(area.id)
        if held is None or (held[2] is None and grade is not None and not _authoritative(held[0])):
            chosen[area.id] = item
        elif grade is not None and held[2] is None:
            missing.append(
                f"{area.id}: the text says it is not graded (line {held[3].line}); a sentence grading it "
                f"{grade} (line {at.line}) is not this report's grade"
            )
        elif grade is not None and held[2] != grade:
            missing.append(
                f"{area.id}: the text also states {grade} (line {at.line}); {held[2]} "
                f"(line {held[3].line}) is kept"
            )
    result: list[ImportedJudgment] = []
    for area in year.areas:
        if area.id not in chosen:
            continue
        _, _, grade, at = chosen[area.id]
        if grade is None:
            missing.append(f"{area.id} ({area.title}): the text says it is not graded")
        result.append(
            ImportedJudgment(area.level, area.title, grade, area.id, at, grade_at=at if grade else None)
        )
    if not result:
        missing.append(f"grades: no grade of {year.title} is stated in the text")
    return result, missing


def _authoritative(family: str) -> bool:
    """Whether a family's "not graded" outweighs a grade read from a sentence: the page's own label
    ("To be graded") or the overview's line ("... is not yet graded") says so of this report, while
    a sentence elsewhere ("<force> is good at keeping people safe ...", in the efficiency summary)
    may only describe the force."""
    return family in ("label", "overview")


def no_date(document: Document) -> list[str]:
    updated = _LAST_UPDATED.search(document.text)
    if updated:
        return [
            f"date: the page gives only when it was last updated ({updated.group(1)}), "
            "not when it was published"
        ]
    return []
