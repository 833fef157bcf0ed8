"""Reports of PEEL 2021/22: ten graded areas of policing on five tiers, an ungraded victim service
assessment, and the ungraded vetting and counter corruption part inside the workforce section.

Each area's section (``areas``) gives its grade twice: in its opening judgment sentence and
in a bare label that closes the section. The crime-recording judgment sentence is printed in the
"Crime data integrity" part of the victim service assessment as well as under "Recording data about
crime"; forces not audited that year have no crime-recording grade at all. Findings are the labelled
boxes (``findings``) and the headline "main findings" (``main``), which are read as
main findings, never as concerns or areas for improvement.
"""

from __future__ import annotations

import re
from collections import defaultdict

from inspectorate.core.frameworks.library import get_framework
from inspectorate.core.frameworks.spec import Area
from inspectorate.core.ingest.contract import Programme, ProgrammeReading
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import ImportedFinding, ImportedJudgment, Location
from inspectorate.core.ingest.programmes.peel2021.areas import (
    FRAMEWORK_ID,
    SENTENCE_AREAS,
    Section,
    grade_label,
    headlines,
    opening_headline,
    plain,
    sections,
    ungraded_statement,
)
from inspectorate.core.ingest.programmes.peel2021.findings import boxes, distinct
from inspectorate.core.ingest.programmes.peel2021.main import innermost, main_findings
from inspectorate.core.ingest.programmes.peel2021.text import blocks, publication_date
from inspectorate.core.ingest.programmes.press_grades import stated_grades

_PEEL = r"PEEL(?:\s+Assessment\s+Framework|\s+assessments?|\s+inspections?)?\s+"
_ROUND = re.compile(_PEEL + r"2021\s*[/\u2013-]\s*(?:20)?22\b", re.IGNORECASE)
# The round that first widened the grades to five tiers says so.
# The round's own announcement that its four tiers of judgment became five, in any wording.
_FIVE_TIERS = re.compile(r"four-tier\b.{0,60}?\bfive tiers", re.IGNORECASE)
_LATER_ROUND = re.compile(_PEEL + r"20(?:23|24|25)\b", re.IGNORECASE)


def recognises(document: Document) -> bool:
    text = document.text
    return bool(_ROUND.search(text) or _FIVE_TIERS.search(text)) and not _LATER_ROUND.search(text)


def read(document: Document) -> ProgrammeReading:
    framework = get_framework(FRAMEWORK_ID)
    found = sections(document)
    by_area: dict[str, list[Section]] = defaultdict(list)
    for section in found:
        by_area[section.heading.area_id].append(section)
    judgments: list[ImportedJudgment] = []
    missing: list[str] = []
    # Press releases and commissioners' pages name some areas' grades in their own words.
    stated = {s.area_id: s for s in stated_grades(document, SENTENCE_AREAS)}
    for place in framework.walk():
        area = place.area
        own = by_area.get(area.id, [])
        if own:
            judgment, problems = _judgment(document, area, own)
            judgments.append(judgment)
            missing.extend(f"{area.title}: {problem}" for problem in problems)
            continue
        named = next((h for h in headlines(document) if h.area_id == area.id), None) if area.graded else None
        if named is None and area.graded and area.id in stated:
            press = stated[area.id]
            judgments.append(
                ImportedJudgment(area.level, area.title, press.grade, area.id, press.at, None, press.at)
            )
        elif (
            named is None and not area.graded and (said := ungraded_statement(document, area.id)) is not None
        ):
            judgments.append(ImportedJudgment(area.level, area.title, None, area.id, said))
        elif named is None:
            missing.append(f"{area.title}: {_absent(area.id)}")
        else:
            # No heading to quote: the judgment is titled as the framework titles the area it names.
            judgments.append(
                ImportedJudgment(area.level, area.title, named.grade, area.id, named.at, None, named.at)
            )
    judgments.sort(key=lambda j: j.at.start if j.at else 0)
    date = publication_date(document, found[0].first if found else len(document.lines))
    return ProgrammeReading(
        # Only this round's wording is recognised, so its framework version is the one read against.
        framework_version=framework.version,
        date=date[0] if date else None,
        judgments=tuple(judgments),
        findings=tuple(_findings(document, found)),
        missing=tuple(missing),
        year="2021/22",
    )


def _judgment(document: Document, area: Area, own: list[Section]) -> tuple[ImportedJudgment, list[str]]:
    """The judgment of an area from its section(s); it is titled by the heading that is the
    framework's title where the area has two ("Crime data integrity", "Recording data about crime")."""
    titled = next((s for s in own if plain(s.heading.title).casefold() == area.title.casefold()), own[0])
    grade, grade_at, problems = _grade(document, own) if area.graded else (None, None, [])
    at = document.at_line(titled.heading.line)
    return ImportedJudgment(area.level, titled.heading.title, grade, area.id, at, None, grade_at), problems


def _absent(area_id: str) -> str:
    if area_id == "crime-recording":
        return (
            "no 'Recording data about crime' or 'Crime data integrity' section; in 2021/22 crime recording "
            "was graded only in the assessments that audited it"
        )
    return "no section with this heading and no judgment sentence naming it were found"


def _grade(document: Document, own: list[Section]) -> tuple[str | None, Location | None, list[str]]:
    """The area's grade from its judgment sentence, located at the label that agrees with it;
    from the label alone when there is no sentence."""
    problems: list[str] = []
    lines = document.lines
    labels = [
        (number, grade)
        for section in own
        for number in range(section.first + 1, section.last + 1)
        if (grade := grade_label(lines[number - 1])) is not None
    ]
    sentences = [h for s in own if (h := opening_headline(document, s.heading)) is not None]
    sentences = [h for h in sentences if h.area_id in (None, own[0].heading.area_id)]
    if sentences:
        grade = sentences[0].grade
        problems += [
            f"the sentence '{h.text}' gives {h.grade}, not {grade}" for h in sentences[1:] if h.grade != grade
        ]
        agreeing = [number for number, label in labels if label == grade]
        if labels and not agreeing:
            printed = ", ".join(sorted({label for _, label in labels}))
            problems.append(f"the grade label ({printed}) disagrees with the sentence '{sentences[0].text}'")
        return grade, document.at_line(agreeing[-1]) if agreeing else sentences[0].at, problems
    distinct_labels = {label for _, label in labels}
    if len(distinct_labels) == 1:
        return labels[-1][1], document.at_line(labels[-1][0]), problems
    if distinct_labels:
        problems.append(
            f"several grade labels ({', '.join(sorted(distinct_labels))}) and no judgment sentence"
        )
    else:
        problems.append("neither a grade label nor a judgment sentence was found in its section")
    return None, None, problems


def _findings(document: Document, found: list[Section]) -> list[ImportedFinding]:
    findings = []
    every_block = blocks(document)
    labelled = boxes(document, every_block)
    for box in labelled:
        section = innermost(found, box.at.line)
        findings.append(
            ImportedFinding(
                kind=box.kind,
                text=box.text,
                area_title=section.heading.title if section else None,
                area_id=section.heading.area_id if section else None,
                at=box.at,
                recommendations=box.recommendations,
            )
        )
    return distinct(findings + main_findings(document, every_block, found, labelled))


PROGRAMME = Programme(FRAMEWORK_ID, "PEEL 2021/22", recognises, read)
