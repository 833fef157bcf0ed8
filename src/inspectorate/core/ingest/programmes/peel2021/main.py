"""Main findings: the unpunctuated headline sentences PEEL 2021/22 reports print over each paragraph
of findings (of the shape "The constabulary answers most calls quickly"), in HM Inspector's
observations and under each area's "Main findings".

They are read as the report prints them, whether they praise or criticise: the report labels them
neither as a cause of concern nor as an area for improvement, so neither is assumed. What makes a
block a main finding is its place: a heading-like block with a paragraph under it, inside the
observations or an area's section, that is not a heading of the framework, a grade label, a finding
label or part of a labelled box.
"""

from __future__ import annotations

from collections.abc import Sequence

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import ImportedFinding
from inspectorate.core.ingest.programmes.peel2021.areas import Section, grade_label, heading_area, plain
from inspectorate.core.ingest.programmes.peel2021.findings import Box
from inspectorate.core.ingest.programmes.peel2021.text import Block, label

OBSERVATIONS = "HM Inspector's observations"
# Headings over parts of a section that are not findings. (A chart's caption is followed by another
# heading, so it never has a paragraph under it.)
_NOT_FINDINGS = frozenset({"main findings", "summary", "overall summary", "our judgments"})
_SHORTEST = 15  # "Resources and skills" is a sub-heading; findings are sentences


def main_findings(
    document: Document, found: Sequence[Block], sections: Sequence[Section], boxes: Sequence[Box]
) -> list[ImportedFinding]:
    boxed = [(box.at.start, box.at.end) for box in boxes]
    first_section = min((s.first for s in sections), default=len(document.lines) + 1)
    in_observations = False
    result: list[ImportedFinding] = []
    for i, block in enumerate(found):
        line = document.at(block.start, block.end).line
        if line >= first_section:
            in_observations = False
        if _is_observations_heading(block.text):
            in_observations = True
            continue
        following = found[i + 1] if i + 1 < len(found) else None
        if following is None or following.heading_like:
            # The observations end at the signature: two heading-like lines together.
            in_observations = in_observations and not block.heading_like
            continue
        if not _is_main_finding(block) or any(start <= block.start < end for start, end in boxed):
            continue
        section = innermost(sections, line)
        if section is None and not in_observations:
            continue
        if section is not None and line == section.heading.line:
            continue
        result.append(
            ImportedFinding(
                kind=FindingKind.MAIN_FINDING,
                text=block.text,
                area_title=section.heading.title if section else OBSERVATIONS,
                area_id=section.heading.area_id if section else None,
                at=document.at(block.start, block.end),
            )
        )
    return result


def _is_observations_heading(text: str) -> bool:
    words = plain(text).replace("\u2019", "'").casefold()
    return words.startswith("hm inspector") and words.endswith("observations")


def _is_main_finding(block: Block) -> bool:
    text = plain(block.text)
    return (
        block.heading_like
        and len(text) >= _SHORTEST
        and " " in text
        and text.casefold() not in _NOT_FINDINGS
        and not text.startswith("Read ")
        and grade_label(text) is None
        and heading_area(text) is None
        and label(text) is None
    )


def innermost(sections: Sequence[Section], line: int) -> Section | None:
    """The section a line is in; a sub-area's section where it lies inside its area's."""
    around = [s for s in sections if s.first <= line <= s.last]
    return max(around, key=lambda s: s.first) if around else None
