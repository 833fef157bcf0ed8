"""The PEEL rounds after 2021/22 (2023-25, 2025-27): one reader, given each round's name, framework
and the words that name its areas.

Their texts in the corpus are report pages' summaries (whose judgments table does not survive as
text), press releases that count the grades and name a few, and commissioners' or local pages that
list them; a full report names each area's grade in a judgment sentence ("<Force> is adequate at
investigating crime"). Every form is read (``press_grades`` for the stated ones); a count is never
a grade. The ungraded victim service assessment is read as ungraded where the text says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from inspectorate.core.frameworks.library import get_framework
from inspectorate.core.ingest.contract import Programme, ProgrammeReading
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import ImportedFinding, ImportedJudgment
from inspectorate.core.ingest.programmes.peel2021.areas import HEADLINE, ungraded_statement
from inspectorate.core.ingest.programmes.peel2021.findings import boxes, distinct
from inspectorate.core.ingest.programmes.peel2021.text import blocks, publication_date
from inspectorate.core.ingest.programmes.press_grades import AreaWords, Stated, area_of, stated_grades

_GRADES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "adequate": "Adequate",
    "inadequate": "Inadequate",
}
# A judgment sentence names the force; "the force is good at ..." is a summary, not a judgment.
_GENERIC_SUBJECT = re.compile(
    r"(?:^|\s)(?:(?:the|this|that)\s+(?:force|constabulary|service)|it)$|^We\s", re.I
)


def five_tier_round(
    framework_id: str, title: str, year: str, recognises: Callable[[Document], bool], words: AreaWords
) -> Programme:
    def read(document: Document) -> ProgrammeReading:
        return _read(document, framework_id, year, words)

    return Programme(framework_id, title, recognises, read)


def _read(document: Document, framework_id: str, year: str, words: AreaWords) -> ProgrammeReading:
    framework = get_framework(framework_id)
    known = {place.area.id: place.area for place in framework.walk()}
    stated = {s.area_id: s for s in (*_judgment_sentences(document, words), *stated_grades(document, words))}
    judgments: list[ImportedJudgment] = []
    missing: list[str] = []
    for area_id, said in stated.items():
        area = known.get(area_id)
        if area is None:
            missing.append(
                f"{area_id}: a grade ({said.grade}) is stated for an area {framework_id} does not hold"
            )
            continue
        judgments.append(
            ImportedJudgment(area.level, area.title, said.grade, area.id, said.at, None, said.at)
        )
    victims = known.get("victim-service-assessment")
    ungraded = ungraded_statement(document, "victim-service-assessment") if victims else None
    if victims is not None and ungraded is not None:
        judgments.append(ImportedJudgment(victims.level, victims.title, None, victims.id, ungraded))
    for area in known.values():
        if area.graded and area.id not in stated:
            missing.append(f"{area.title}: the text names no grade for it")
    judgments.sort(key=lambda j: j.at.start if j.at else 0)
    date = publication_date(document, len(document.lines))
    findings = [
        ImportedFinding(box.kind, box.text, None, None, box.at, box.recommendations)
        for box in boxes(document, blocks(document))
    ]
    return ProgrammeReading(
        framework_version=framework.version,
        date=date[0] if date else None,
        judgments=tuple(judgments),
        findings=tuple(distinct(findings)),
        missing=tuple(missing),
        year=year,
    )


def _judgment_sentences(document: Document, words: AreaWords) -> list[Stated]:
    """A full report's judgment sentences: "<Force> is adequate at investigating crime"."""
    found: list[Stated] = []
    for match in HEADLINE.finditer(document.text):
        subject = " ".join(match.group("subject").split())
        if _GENERIC_SUBJECT.search(subject):
            continue
        area = area_of(match.group("what"), words)
        if area is None:
            continue
        grade = "Requires improvement" if match.group("ri") else _GRADES[match.group("grade").casefold()]
        found.append(Stated(area, grade, document.at(match.start(), match.end())))
    return found
