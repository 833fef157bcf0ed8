"""A force's history and a finding's lineage as typed documents (pages, twins and the CLI share them).

Both are built from the inspections the user may see, each read as that user reads it: the working
copy for its team, else its published record (web/reports/record.py). So a draft never shows in
another's history, and what the public reads is what was published. Links suggested by similarity
are the later inspection's team's to decide: everyone else sees confirmed links only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from inspectorate.core.findings import FindingKind
from inspectorate.core.history.themes import default_themes
from inspectorate.core.history.timeline import GradedArea, InspectionEntry, timeline
from inspectorate.core.history.timeline import Row as Row_
from inspectorate.core.recurrence.links import FOLLOWED_KINDS, THRESHOLD, Link, lineage
from inspectorate.core.reports.context import ReportContext
from inspectorate.web.history.recurrence import candidates, force_links
from inspectorate.web.inspections.access import listed_inspections
from inspectorate.web.inspections.documents import (
    FindingDocument,
    InspectionSummary,
    area_rows,
    chronological,
    inspection_summary,
    inspection_when,
    record_findings,
    record_rows,
    record_summary,
)
from inspectorate.web.inspections.models import Finding, Inspection
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.registry.models import Force
from inspectorate.web.reports.record import record_for

MAPPING = (
    "each theme gathers the areas that the programmes' frameworks assess under the same part of "
    "policing, as the platform's theme mapping sets them out"
)


@dataclass(frozen=True)
class Reading:
    """One inspection as a user reads it: its working copy (``record`` None), or its published
    record, with the findings that record prints by code."""

    inspection: Inspection
    record: ReportContext | None
    published: dict[str, FindingDocument]

    @property
    def summary(self) -> InspectionSummary:
        if self.record is None:
            return inspection_summary(self.inspection)
        return record_summary(self.inspection, self.record)


def read_as(user: AnyUser, inspection: Inspection) -> Reading:
    record = record_for(user, inspection)
    published = {} if record is None else {f.code: f for f in record_findings(record) if f.code}
    return Reading(inspection, record, published)


def _entry(reading: Reading) -> InspectionEntry:
    inspection = reading.inspection
    rows = area_rows(inspection) if reading.record is None else record_rows(inspection.spec, reading.record)
    graded = tuple(
        GradedArea(row.area, row.title, row.grade, row.grade_label, row.direction, row.direction_label)
        for row in rows
        if row.grade or row.direction
    )
    summary = reading.summary
    return InspectionEntry(
        str(inspection.code),
        summary.reference,
        summary.title,
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

    theme: str | None
    """None for the row of areas no theme claims."""
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


def recorded_brief(finding: Finding) -> FindingBrief:
    """The finding as the workspace records it (for its inspection's team)."""
    inspection = finding.inspection
    return FindingBrief(
        code=str(finding.code),
        inspection=str(inspection.code),
        reference=inspection.reference,
        when=inspection_when(inspection),
        kind=finding.kind,
        kind_label=FindingKind(finding.kind).label,
        areas=list(finding.area_ids),
        text=finding.text,
    )


def finding_brief(finding: Finding, reading: Reading) -> FindingBrief | None:
    """The finding as the user reads it: as recorded, or as its inspection's published record prints
    it (None when the record does not print it)."""
    inspection = finding.inspection
    if reading.record is None:
        return recorded_brief(finding)
    printed = reading.published.get(str(finding.code))
    if printed is None:
        return None
    return FindingBrief(
        code=printed.code,
        inspection=str(inspection.code),
        reference=reading.record.reference,
        when=inspection_when(inspection),
        kind=printed.kind,
        kind_label=printed.kind_label,
        areas=printed.areas,
        text=printed.text,
    )


class LinkDocument(Document):
    """A later finding taking up an earlier one."""

    earlier: FindingBrief
    later: FindingBrief
    similarity: float
    """Cosine similarity of the two texts' sentence embeddings."""
    status: str
    """suggested (by similarity, not yet decided) or confirmed (by a person)."""


def _link(link: Link, by_code: dict[str, Finding], readings: dict[int, Reading]) -> LinkDocument | None:
    """The link as the user may read it; None when they may not: a suggestion no person has decided
    yet is for the later inspection's team alone, and a finding must be in what the user reads."""
    earlier, later = by_code[link.earlier], by_code[link.later]
    later_reading = readings[later.inspection_id]
    if link.status != "confirmed" and later_reading.record is not None:
        return None
    earlier_brief = finding_brief(earlier, readings[earlier.inspection_id])
    later_brief = finding_brief(later, later_reading)
    if earlier_brief is None or later_brief is None:
        return None
    return LinkDocument(
        earlier=earlier_brief, later=later_brief, similarity=link.similarity, status=link.status
    )


def _links(
    links: Sequence[Link], by_code: dict[str, Finding], readings: dict[int, Reading]
) -> list[LinkDocument]:
    documents = (_link(link, by_code, readings) for link in links)
    return [document for document in documents if document is not None]


class HistoryInspection(InspectionSummary):
    when: str
    """A sortable date: the period's start, else the years the framework was in use."""


class Recurrences(Document):
    threshold: float
    """Texts at least this alike are suggested as the same matter raised again."""
    followed_kinds: list[str]
    links: list[LinkDocument]
    suggestions: bool
    """Whether links suggested by similarity, not yet decided, are among them: only for the team of
    the later inspection; everyone else reads confirmed links only."""
    being_prepared: int
    """Followed findings whose embedding is not made yet: left out of the links until the background
    job has made it (seconds after they are saved or imported). 0 when every link is ready."""


class HistoryRow(Row):
    """One graded area of one inspection, under its theme."""

    theme: str | None
    """None for an area no theme claims."""
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
    """How framework areas are gathered into themes, in plain words."""
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
    inspections = chronological(listed_inspections(user).filter(force=force))
    readings = {i.pk: read_as(user, i) for i in inspections}
    entries = [_entry(readings[i.pk]) for i in inspections]
    rows = timeline(entries, default_themes())
    found = force_links(inspections)
    by_code = {str(f.code): f for f in found.findings}
    links = _links(found.links, by_code, readings)
    return ForceHistoryPage(
        force=ForceRef(id=force.id, name=force.name),
        mapping=MAPPING,
        inspections=[
            HistoryInspection(**dict(readings[i.pk].summary), when=inspection_when(i)) for i in inspections
        ],
        rows=[_row(row, entries) for row in rows],
        recurrences=Recurrences(
            threshold=THRESHOLD,
            followed_kinds=sorted(str(kind) for kind in FOLLOWED_KINDS),
            links=links,
            suggestions=any(link.status != "confirmed" for link in links),
            being_prepared=found.waiting,
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
    being_prepared: int
    """The force's followed findings (this one among them, perhaps) whose embedding is not made yet:
    left out of the links and candidates until the background job has made it. 0 when all are ready."""

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
    """The finding's lineage as the user reads it. Raises ``LookupError`` when the finding is not in
    what the user reads of its inspection (not in the published record): a 404 for the view.
    The closest unlinked findings are offered to the inspection's team alone, who decide links."""
    own = read_as(user, finding.inspection)
    brief = finding_brief(finding, own)
    if brief is None:
        raise LookupError("the published record does not print this finding")
    followed = FindingKind(finding.kind) in FOLLOWED_KINDS
    earlier: list[Link] = []
    later: list[Link] = []
    by_code: dict[str, Finding] = {}
    readings: dict[int, Reading] = {}
    nearest: list[Candidate] = []
    waiting = 0
    if followed:
        inspections = list(listed_inspections(user).filter(force_id=finding.inspection.force_id))
        readings = {i.pk: read_as(user, i) for i in inspections}
        found = force_links(inspections)
        by_code = {str(f.code): f for f in found.findings}
        earlier, later = lineage(str(finding.code), found.links)
        waiting = found.waiting
        if own.record is None:
            nearest = [
                Candidate(**dict(recorded_brief(other)), similarity=round(score, 4))
                for other, score in candidates(finding, found)
            ]
    return LineagePage(
        finding=brief,
        followed=followed,
        threshold=THRESHOLD,
        earlier=_links(sorted(earlier, key=lambda k: _when(k.earlier, by_code)), by_code, readings),
        later=_links(sorted(later, key=lambda k: _when(k.later, by_code)), by_code, readings),
        candidates=nearest,
        being_prepared=waiting,
    )


def _when(code: str, by_code: dict[str, Finding]) -> str:
    return inspection_when(by_code[code].inspection)
