"""A force's history and a finding's lineage as typed documents (pages, twins and the CLI share them).

Both are built from the inspections the user may see, so a draft never shows in another's history.
"""

from __future__ import annotations

from collections.abc import Sequence

from inspectorate.core.findings import FindingKind
from inspectorate.core.history.themes import THEMES_FILE, default_themes
from inspectorate.core.history.timeline import GradedArea, InspectionEntry, timeline
from inspectorate.core.history.timeline import Row as Row_
from inspectorate.core.recurrence.links import FOLLOWED_KINDS, THRESHOLD, Link, lineage
from inspectorate.web.history.recurrence import candidates, force_links
from inspectorate.web.inspections.access import visible_inspections
from inspectorate.web.inspections.documents import (
    InspectionSummary,
    area_rows,
    chronological,
    inspection_summary,
    inspection_when,
)
from inspectorate.web.inspections.models import Finding, Inspection
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.registry.models import Force

MAPPING = f"core/history/{THEMES_FILE.name}, explained in docs/history.md"


def _entry(inspection: Inspection) -> InspectionEntry:
    graded = tuple(
        GradedArea(row.area, row.title, row.grade, row.grade_label, row.direction, row.direction_label)
        for row in area_rows(inspection)
        if row.grade or row.direction
    )
    return InspectionEntry(
        str(inspection.code),
        inspection.reference,
        inspection.title,
        inspection.framework_id,
        inspection_when(inspection),
        graded,
    )


class ThemeArea(Document):
    """An area of one inspection under a theme, with its grade."""

    area: str
    title: str
    grade: str | None
    grade_label: str | None
    direction: str | None
    direction_label: str | None


def _area(judgment: GradedArea) -> ThemeArea:
    return ThemeArea(
        area=judgment.area_id,
        title=judgment.title,
        grade=judgment.grade,
        grade_label=judgment.grade_label,
        direction=judgment.direction,
        direction_label=judgment.direction_label,
    )


class ThemeCell(Document):
    inspection: str
    """The inspection's reference."""
    areas: list[ThemeArea]


class ThemeRow(Document):
    """A theme across the force's inspections: one cell per inspection, in the order of `inspections`."""

    theme: str
    title: str
    cells: list[ThemeCell]


def _row(row: Row_, entries: list[InspectionEntry]) -> ThemeRow:
    return ThemeRow(
        theme=row.theme_id,
        title=row.title,
        cells=[
            ThemeCell(inspection=entry.reference, areas=[_area(j) for j in cell])
            for entry, cell in zip(entries, row.cells, strict=True)
        ],
    )


class FindingBrief(Document):
    code: str
    inspection: str
    """The inspection's code."""
    reference: str
    """The inspection's reference."""
    when: str
    kind: str
    kind_label: str
    areas: list[str]
    text: str


def finding_brief(finding: Finding) -> FindingBrief:
    return FindingBrief(
        code=str(finding.code),
        inspection=str(finding.inspection.code),
        reference=finding.inspection.reference,
        when=inspection_when(finding.inspection),
        kind=finding.kind,
        kind_label=FindingKind(finding.kind).label,
        areas=list(finding.area_ids),
        text=finding.text,
    )


class LinkDocument(Document):
    """A later finding taking up an earlier one."""

    earlier: FindingBrief
    later: FindingBrief
    similarity: float
    """Cosine similarity of the two texts' sentence embeddings."""
    status: str
    """suggested (by similarity, not yet decided) or confirmed (by a person)."""


def _link(link: Link, by_code: dict[str, Finding]) -> LinkDocument:
    return LinkDocument(
        earlier=finding_brief(by_code[link.earlier]),
        later=finding_brief(by_code[link.later]),
        similarity=link.similarity,
        status=link.status,
    )


class HistoryInspection(InspectionSummary):
    when: str
    """A sortable date: the period's start, else the years the framework was in use."""


class Recurrences(Document):
    threshold: float
    """Texts at least this alike are suggested as the same matter raised again."""
    followed_kinds: list[str]
    links: list[LinkDocument]


class HistoryRow(Row):
    """One graded area of one inspection, under its theme."""

    theme: str
    theme_title: str
    inspection: str
    when: str
    area: str
    title: str
    grade: str | None
    grade_label: str | None
    direction: str | None
    direction_label: str | None


class ForceRef(Document):
    id: str
    name: str


class ForceHistoryPage(PageDocument):
    ROW = HistoryRow
    force: ForceRef
    mapping: str
    """Where the mapping of framework areas to themes is kept and explained."""
    inspections: list[HistoryInspection]
    rows: list[ThemeRow]
    recurrences: Recurrences

    def csv_rows(self) -> Sequence[HistoryRow]:
        when = {i.reference: i.when for i in self.inspections}
        return [
            HistoryRow(
                theme=row.theme,
                theme_title=row.title,
                inspection=cell.inspection,
                when=when[cell.inspection],
                **dict(area),
            )
            for row in self.rows
            for cell in row.cells
            for area in cell.areas
        ]


def force_history(force: Force, user: AnyUser) -> ForceHistoryPage:
    inspections = chronological(visible_inspections(user).filter(force=force))
    entries = [_entry(i) for i in inspections]
    rows = timeline(entries, default_themes())
    found = force_links(inspections)
    by_code = {str(f.code): f for f in found.findings}
    return ForceHistoryPage(
        force=ForceRef(id=force.id, name=force.name),
        mapping=MAPPING,
        inspections=[
            HistoryInspection(**dict(inspection_summary(i)), when=inspection_when(i)) for i in inspections
        ],
        rows=[_row(row, entries) for row in rows],
        recurrences=Recurrences(
            threshold=THRESHOLD,
            followed_kinds=sorted(str(kind) for kind in FOLLOWED_KINDS),
            links=[_link(link, by_code) for link in found.links],
        ),
    )


class Candidate(FindingBrief):
    similarity: float


class LinkRow(Row):
    """One link, its two findings side by side."""

    side: str
    """earlier (this finding takes it up) or later (it takes this finding up)."""
    similarity: float
    earlier_code: str
    earlier_inspection: str
    earlier_reference: str
    earlier_when: str
    earlier_kind: str
    earlier_kind_label: str
    earlier_areas: list[str]
    earlier_text: str
    later_code: str
    later_inspection: str
    later_reference: str
    later_when: str
    later_kind: str
    later_kind_label: str
    later_areas: list[str]
    later_text: str


class LineagePage(PageDocument):
    ROW = LinkRow
    finding: FindingBrief
    followed: bool
    """Whether findings of this kind are followed across inspections."""
    threshold: float
    earlier: list[LinkDocument]
    later: list[LinkDocument]
    candidates: list[Candidate]
    """The closest earlier findings not linked, for a person to link by hand."""

    def csv_rows(self) -> Sequence[LinkRow]:
        return [
            LinkRow(
                side=side,
                similarity=link.similarity,
                **{f"earlier_{key}": value for key, value in dict(link.earlier).items()},
                **{f"later_{key}": value for key, value in dict(link.later).items()},
            )
            for side, links in (("earlier", self.earlier), ("later", self.later))
            for link in links
        ]


def finding_lineage(finding: Finding, user: AnyUser) -> LineagePage:
    followed = FindingKind(finding.kind) in FOLLOWED_KINDS
    earlier: list[Link] = []
    later: list[Link] = []
    by_code: dict[str, Finding] = {}
    nearest: list[Candidate] = []
    if followed:
        inspections = visible_inspections(user).filter(force_id=finding.inspection.force_id)
        found = force_links(inspections)
        by_code = {str(f.code): f for f in found.findings}
        earlier, later = lineage(str(finding.code), found.links)
        nearest = [
            Candidate(**dict(finding_brief(other)), similarity=round(score, 4))
            for other, score in candidates(finding, found)
        ]
    return LineagePage(
        finding=finding_brief(finding),
        followed=followed,
        threshold=THRESHOLD,
        earlier=[_link(link, by_code) for link in sorted(earlier, key=lambda k: _when(k.earlier, by_code))],
        later=[_link(link, by_code) for link in sorted(later, key=lambda k: _when(k.later, by_code))],
        candidates=nearest,
    )


def _when(code: str, by_code: dict[str, Finding]) -> str:
    return inspection_when(by_code[code].inspection)
