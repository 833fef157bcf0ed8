"""Labelled findings: the boxes HMICFRS reports print under "Cause of concern", "Area(s) for
improvement", "Recommendations" and "Innovative practice".

The shapes read, in a report's own layout:

    Cause of concern                      Areas for improvement
    <the concern, one paragraph>          <the force should ...>
    Recommendations                       <the force should ...>
    Within three months, the force:
    - <recommendation>;                   Innovative practice
    - <recommendation>.                   <a title>
                                          <what the force does>

A cause of concern carries the recommendations that follow it (under "Recommendations", or after a
"we recommend that ..." lead-in); recommendations with no cause of concern before them are findings
of their own. A plural label heads several statements, a singular one exactly one. Text that
carries no label (PEEL 2021/22's "main findings") is not a finding of any kind and is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspectorate.core.findings import FindingKind
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import ImportedFinding, Location
from inspectorate.core.ingest.programmes.peel2021.text import Block, Label, label

_STATEMENT = re.compile(r"\b(?:should|needs? to|must|has to|have to)\b", re.IGNORECASE)
_LEAD_IN = re.compile(
    r"\bwe recommend\b|^to address (?:this|these) causes? of concern"
    r"|^within (?:\w+ )?(?:days|weeks|months)\b",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"(?:[;,]\s*(?:and|or)?|\s+(?:and|or))\s*$")


@dataclass(frozen=True)
class Box:
    kind: FindingKind
    text: str
    at: Location
    recommendations: tuple[str, ...] = ()


def boxes(document: Document, found: list[Block]) -> list[Box]:
    """Every labelled finding, in document order."""
    result: list[Box] = []
    i = 0
    while i < len(found):
        box_label = _label_at(found, i)
        if box_label is None:
            i += 1
            continue
        if box_label.plural and not box_label.rest and _label_at(found, i + 1) is not None:
            i += 1  # "Causes of concern" over boxes that are labelled one by one
            continue
        if box_label.kind is FindingKind.RECOMMENDATION:
            recommendations, i = _recommendations(document, found, i)
            result.extend(Box(FindingKind.RECOMMENDATION, text, at) for text, at in recommendations)
            continue
        items, i = _statements(document, found, i, box_label)
        if box_label.kind is FindingKind.CAUSE_OF_CONCERN and items:
            # Recommendations belong to the concern they follow.
            recommendations, i = _recommendations(document, found, i)
            result.extend(Box(box_label.kind, text, at) for text, at in items[:-1])
            text, at = items[-1]
            result.append(Box(box_label.kind, text, at, tuple(r for r, _ in recommendations)))
        else:
            result.extend(Box(box_label.kind, text, at) for text, at in items)
    return result


def distinct(findings: list[ImportedFinding]) -> list[ImportedFinding]:
    """Each finding once: a summary may repeat a box printed again in its area's section, and the
    copy in the section is the one that knows its area."""
    kept: dict[tuple[FindingKind, str], ImportedFinding] = {}
    for finding in findings:
        key = (finding.kind, finding.text)
        if key not in kept or (kept[key].area_id is None and finding.area_id is not None):
            kept[key] = finding
    return sorted(kept.values(), key=lambda finding: finding.at.start)


def _label_at(found: list[Block], i: int) -> Label | None:
    if i >= len(found) or found[i].bullet:
        return None
    return label(found[i].text)


def _ends_box(found: list[Block], i: int) -> bool:
    return i >= len(found) or _label_at(found, i) is not None or found[i].heading_like


def _statements(
    document: Document, found: list[Block], i: int, box_label: Label
) -> tuple[list[tuple[str, Location]], int]:
    """The statement(s) under the label at ``i``, and the index after them."""
    if box_label.rest:
        first, start, first_end, j = box_label.rest, found[i].start, found[i].end, i + 1
    elif i + 1 < len(found) and _label_at(found, i + 1) is None:
        first, start, first_end, j = found[i + 1].text, found[i + 1].start, found[i + 1].end, i + 2
    else:
        return [], i + 1
    if box_label.kind is FindingKind.GOOD_PRACTICE:
        if found[j - 1].heading_like and not _ends_box(found, j):
            # The practice's title, then what it is.
            return [(f"{first}: {found[j].text}", document.at(start, found[j].end))], j + 1
        return [(first, document.at(start, first_end))], j
    if first.endswith(":"):
        bullets = []
        while j < len(found) and found[j].bullet:
            bullets.append(found[j])
            j += 1
        if box_label.plural and bullets:
            return [(_clean(b.text), document.at(b.start, b.end)) for b in bullets], j
        end = bullets[-1].end if bullets else first_end
        return [(" ".join([first, *(b.text for b in bullets)]), document.at(start, end))], j
    items = [(first, document.at(start, first_end))]
    if box_label.plural:
        while (
            not _ends_box(found, j)
            and not _starts_recommendations(found, j)
            and (found[j].bullet or _STATEMENT.search(found[j].text[:160]))
        ):
            items.append((_clean(found[j].text), document.at(found[j].start, found[j].end)))
            j += 1
        return items, j
    if box_label.kind is FindingKind.CAUSE_OF_CONCERN:
        # A concern may run over a few paragraphs up to its recommendations.
        ahead = j
        while ahead < j + 3 and not _ends_box(found, ahead) and not found[ahead].bullet:
            if _starts_recommendations(found, ahead):
                break
            ahead += 1
        if ahead > j and _starts_recommendations(found, ahead):
            text = " ".join([first, *(b.text for b in found[j:ahead])])
            return [(text, document.at(start, found[ahead - 1].end))], ahead
    return items, j


def _starts_recommendations(found: list[Block], i: int) -> bool:
    if i >= len(found):
        return False
    box_label = _label_at(found, i)
    if box_label is not None:
        return box_label.kind is FindingKind.RECOMMENDATION
    return not found[i].bullet and bool(_LEAD_IN.search(found[i].text))


def _recommendations(
    document: Document, found: list[Block], i: int
) -> tuple[list[tuple[str, Location]], int]:
    """The recommendations from ``i`` on, after a "Recommendations" label and/or a lead-in
    ("Within three months, the force should:"): each bullet, or, where there are no bullets, each
    paragraph that recommends."""
    if not _starts_recommendations(found, i):
        return [], i
    taken: list[tuple[str, Location]] = []
    box_label = _label_at(found, i)
    if box_label is not None:
        if box_label.rest and not (i + 1 < len(found) and found[i + 1].bullet):
            taken.append((_clean(box_label.rest), document.at(found[i].start, found[i].end)))
        i += 1
    bullets = False
    while i < len(found) and _label_at(found, i) is None:
        block = found[i]
        lead_in = bool(_LEAD_IN.search(block.text)) or block.text.endswith(":")
        if block.bullet:
            bullets = True
        elif block.heading_like or bullets or not (lead_in or _STATEMENT.search(block.text[:160])):
            break
        elif i + 1 < len(found) and found[i + 1].bullet:
            i += 1  # the lead-in to bullets
            continue
        taken.append((_clean(block.text), document.at(block.start, block.end)))
        i += 1
    return taken, i


def _clean(text: str) -> str:
    """A list item without the "; and" that joined it to the next."""
    return _TRAILING.sub("", text.strip()).strip()
