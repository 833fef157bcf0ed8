"""A force's history as a typed document (pages, twins and the CLI share it), and the pieces a
finding's lineage (``lineage_page``) shares with it.

Both are built from the inspections the user may see, each read as that user reads it: the working
copy for its team, else its published record (web/reports/record.py). So a draft never shows in
another's history, and what the public reads is what was published. Links suggested by similarity
are the later inspection's team's to decide: everyone else sees confirmed links only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks.spec import Framework
from inspectorate.core.history.themes import default_themes
from inspectorate.core.history.timeline import GradedArea, InspectionEntry, timeline
from inspectorate.core.history.timeline import Row as Row_
from inspectorate.core.recurrence.links import FOLLOWED_KINDS, THRESHOLD, Link
from inspectorate.core.reports.context import ReportContext
from inspectorate.web.followup.models import FollowUp
from inspectorate.web.followup.visible import public_status
from inspectorate.web.history.models import StatedCitation
from inspectorate.web.history.published import Gathered, MergedGrade, PageGrade, gather, merge_grades
from inspectorate.web.history.recurrence import force_links
from inspectorate.web.history.stated import NOT_EARLIER, citation_of
from inspectorate.web.history.when import history_when, in_history_order
from inspectorate.web.inspections.access import listed_inspections
from inspectorate.web.inspections.documents import (
    FindingDocument,
    InspectionSummary,
    area_rows,
    inspection_summary,
    record_findings,
    record_rows,
    record_summary,
)
from inspectorate.web.inspections.models import Finding, Inspection
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.registry.models import Force
from inspectorate.web.reports.record import record_for

# Links that stand for every reader: confirmed by a person, or stated by the later report itself.
SETTLED = frozenset({"confirmed", "stated"})

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


def _graded(reading: Reading) -> list[GradedArea]:
    """The areas the inspection grades, as the user reads it."""
    inspection = reading.inspection
    rows = area_rows(inspection) if reading.record is None else record_rows(inspection.spec, reading.record)
    return [
        GradedArea(row.area, row.title, row.grade, row.grade_label, row.direction, row.direction_label)
        for row in rows
        if row.grade or row.direction
    ]


# What each grade of a published inspection was read from: by (area, grade, direction).
Sources = dict[tuple[str, str | None, str | None], MergedGrade]


@dataclass(frozen=True)
class Column:
    """A published inspection as the history shows it: one column, its grades the union of its
    pages' grades (published.py), each knowing its pages."""

    gathered: Gathered[Reading]
    entry: InspectionEntry
    sources: Sources


def _column(gathered: Gathered[Reading]) -> Column:
    graded: dict[tuple[str, str | None, str | None], GradedArea] = {}
    stated: list[PageGrade] = []
    for reading in gathered.pages:
        for area in _graded(reading):
            graded.setdefault((area.area_id, area.grade, area.direction), area)
            stated.append(PageGrade(area.area_id, area.grade, area.direction, reading.inspection))
    sources = {(m.area, m.grade, m.direction): m for m in merge_grades(stated)}
    first = gathered.first
    entry = InspectionEntry(
        str(first.code),
        gathered.reference,
        gathered.heading,
        first.framework_id,
        history_when(first),
        tuple(graded[key] for key in sources),
    )
    return Column(gathered, entry, sources)


class ThemeArea(Document):
    """An area of one published inspection under a theme, with its grade and the pages it was read
    from."""

    area: str
    title: str
    grade: str | None
    grade_label: str | None
    direction: str | None
    direction_label: str | None
    pages: list[str]
    """The references of the records (published pages) that state this grade."""
    page_codes: list[str]
    """Their codes, in the same order."""
    differs: bool
    """Another page of the same inspection gives this area a different grade: both are shown, each
    with its pages, and neither is picked."""


def _area(judgment: GradedArea, sources: Sources) -> ThemeArea:
    merged = sources[(judgment.area_id, judgment.grade, judgment.direction)]
    return ThemeArea(
        area=judgment.area_id,
        title=judgment.title,
        grade=judgment.grade,
        grade_label=judgment.grade_label,
        direction=judgment.direction,
        direction_label=judgment.direction_label,
        pages=[page.reference for page in merged.pages],
        page_codes=[str(page.code) for page in merged.pages],
        differs=merged.differs,
    )


class ThemeCell(Document):
    inspection: str
    """The published inspection's reference (that of its first page)."""
    areas: list[ThemeArea]


class ThemeRow(Document):
    """A theme across the force's inspections: one cell per inspection, in the order of `inspections`."""

    theme: str | None
    """None for the row of areas no theme claims."""
    title: str
    cells: list[ThemeCell]


def _row(row: Row_, columns: list[Column]) -> ThemeRow:
    return ThemeRow(
        theme=row.theme_id,
        title=row.title,
        cells=[
            ThemeCell(inspection=column.entry.reference, areas=[_area(j, column.sources) for j in cell])
            for column, cell in zip(columns, row.cells, strict=True)
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
        when=history_when(inspection),
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
        when=history_when(inspection),
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
    """suggested (by similarity, not yet decided), confirmed (by a person) or stated (the later
    report itself says it takes the earlier finding up)."""


def _link(link: Link, by_code: dict[str, Finding], readings: dict[int, Reading]) -> LinkDocument | None:
    """The link as the user may read it; None when they may not: a suggestion no person has decided
    yet is for the later inspection's team alone, and a finding must be in what the user reads."""
    earlier, later = by_code[link.earlier], by_code[link.later]
    later_reading = readings[later.inspection_id]
    if link.status not in SETTLED and later_reading.record is not None:
        return None
    earlier_brief = finding_brief(earlier, readings[earlier.inspection_id])
    later_brief = finding_brief(later, later_reading)
    if earlier_brief is None or later_brief is None:
        return None
    return LinkDocument(
        earlier=earlier_brief, later=later_brief, similarity=link.similarity, status=link.status
    )


def link_documents(
    links: Sequence[Link], by_code: dict[str, Finding], readings: dict[int, Reading]
) -> list[LinkDocument]:
    documents = (_link(link, by_code, readings) for link in links)
    return [document for document in documents if document is not None]


class Verdict(Document):
    """Where a followed finding stands after a verdict, and who gave it."""

    status: str
    status_label: str
    given_in: str | None
    """The reference of the later inspection whose report gave it; None when a person gave it."""
    given_on: str | None
    by_report: bool
    """True when the later report's own words gave it (read on import), False when a person did."""


def verdict_of(finding: Finding) -> Verdict | None:
    follow_up = FollowUp.objects.filter(finding=finding).select_related("verdict_in").first()
    if follow_up is None:
        return None
    # As everyone may read it: a verdict of a later inspection not yet published is its team's alone.
    seen = public_status(follow_up)
    if not seen.status.is_verdict:
        return None
    return Verdict(
        status=seen.status.value,
        status_label=seen.status.label,
        given_in=seen.verdict_in.reference if seen.verdict_in else None,
        given_on=seen.verdict_on.isoformat() if seen.verdict_on else None,
        by_report=seen.by_report,
    )


class TakenUp(Document):
    """A later report's own reference to an earlier inspection's finding, as read from it."""

    later: str
    """The citing inspection's reference."""
    later_code: str
    line: int | None
    """The line of the report's text it is read from; None when read from a recorded finding."""
    sentence: str
    cited: str
    """The earlier inspection as the sentence names it (its year or "last", and programme)."""
    kind: str | None
    outcome: str
    """met, partly-met, not-met, or none: what the later report says became of it."""
    outcome_label: str
    earlier_reference: str | None
    """The earlier inspection it was resolved to; None when the library holds none that fits."""
    earlier: FindingBrief | None
    """The earlier finding it takes up; None when no finding of that inspection is on the matter."""
    later_finding: FindingBrief | None
    """The later report's finding whose passage holds the reference, when one does."""
    reason: str
    """Why it is unresolved, in a few words ("" when resolved)."""
    verdict: Verdict | None
    """Where the earlier finding now stands."""


OUTCOME_LABELS = {"met": "Met", "partly-met": "Partly met", "not-met": "Not met", "none": "No outcome stated"}


def taken_up(inspections: Sequence[Inspection], readings: dict[int, Reading]) -> list[TakenUp]:
    """The references the later reports among ``inspections`` make to earlier findings, each as the
    user reads it: an earlier or later finding the user may not read is left out, and a reference
    to an inspection the user may not see is not shown at all."""
    visible = {i.pk for i in inspections}
    kept = (
        StatedCitation.objects.filter(later__in=visible)
        .exclude(reason=NOT_EARLIER)
        .select_related(
            "later", "earlier_inspection", "earlier_finding__inspection", "later_finding__inspection"
        )
        .order_by("later__reference", "line", "id")
    )
    shown: list[TakenUp] = []
    seen: dict[tuple[object, ...], int] = {}
    for item in kept:
        # Two references in one passage to the same finding are one: the outcome either states.
        same = (item.later_id, item.source, item.later_finding_id if item.source != "text" else item.line)
        key = (*same, item.earlier_finding_id, item.earlier_inspection_id, item.reason)
        if key in seen:
            if shown[seen[key]].outcome == "none" and item.outcome != "none":
                shown[seen[key]] = shown[seen[key]].model_copy(
                    update={"outcome": item.outcome, "outcome_label": OUTCOME_LABELS[item.outcome]}
                )
            continue
        if item.earlier_inspection_id is not None and item.earlier_inspection_id not in visible:
            continue
        earlier = (
            finding_brief(item.earlier_finding, readings[item.earlier_finding.inspection_id])
            if item.earlier_finding is not None and item.earlier_finding.inspection_id in readings
            else None
        )
        if item.earlier_finding is not None and earlier is None:
            continue
        later_finding = (
            finding_brief(item.later_finding, readings[item.later_id])
            if item.later_finding is not None
            else None
        )
        seen[key] = len(shown)
        shown.append(
            TakenUp(
                later=readings[item.later_id].summary.reference,
                later_code=str(item.later.code),
                line=item.line if item.source == "text" else None,
                sentence=item.sentence,
                cited=citation_of(item).cited,
                kind=item.kind or None,
                outcome=item.outcome,
                outcome_label=OUTCOME_LABELS.get(item.outcome, item.outcome),
                earlier_reference=item.earlier_inspection.reference if item.earlier_inspection else None,
                earlier=earlier,
                later_finding=later_finding,
                reason=item.reason,
                verdict=verdict_of(item.earlier_finding) if item.earlier_finding is not None else None,
            )
        )
    return shown


def taken_up_of(finding: Finding, user: AnyUser) -> list[TakenUp]:
    inspections = list(listed_inspections(user).filter(force_id=finding.inspection.force_id))
    cited = StatedCitation.objects.filter(earlier_finding=finding).values_list("later_id", flat=True)
    wanted = [i for i in inspections if i.pk in set(cited) or i.pk == finding.inspection_id]
    readings = {i.pk: read_as(user, i) for i in wanted}
    return taken_up(wanted, readings)


class HistoryInspection(InspectionSummary):
    """One record: an inspection run here, or one published page imported."""

    when: str
    """A sortable date: the period's start, else the publication day the report prints, else the
    years the framework was in use."""
    published_as: str
    """The reference of the published inspection it is a page of (its own, when it stands alone)."""


class PublishedInspection(Document):
    """An inspection as the reader knows it: the imported records of one force, framework and
    period (the pages the inspectorate published it as) gathered into one; any other record alone."""

    reference: str
    """The reference of its first page: how the rows' cells name it."""
    name: str
    """The programme and year ("PEEL 2016"), or the record's reference when it stands alone."""
    heading: str
    """Its name, with how many published pages it is read from when more than one."""
    framework: str
    period: str | None
    when: str
    """Its first page's sortable date."""
    pages: list[str]
    """The references of its records, oldest first."""
    page_codes: list[str]
    differs: list[str]
    """The areas its pages grade differently (each grade is shown with its pages)."""


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
    """One grade of one published inspection, under its theme, with the pages it was read from."""

    theme: str | None
    """None for an area no theme claims."""
    theme_title: str
    inspection: str
    """The published inspection's reference (that of its first page)."""
    heading: str
    when: str
    area: str
    title: str
    grade: str | None
    grade_label: str | None
    direction: str | None
    direction_label: str | None
    pages: list[str]
    page_codes: list[str]
    differs: bool


class ForceRef(Document):
    id: str
    name: str


class ProgrammeScale(Document):
    """A programme in the history, with the grades of its scale, best first: each grade in the
    history is on its own programme's scale, never converted into another's."""

    framework: str
    title: str
    scales: list[list[str]]
    """Each scale its graded areas use (grades, then directions of travel), as its labels."""
    comparability: list[str]
    """The inspectorate's own warnings that this programme's grades do not compare with earlier ones."""


def programme_scales(inspections: Sequence[Inspection]) -> list[ProgrammeScale]:
    """The programmes of these inspections, in the order they first appear."""
    shown: dict[str, ProgrammeScale] = {}
    for inspection in inspections:
        spec = inspection.spec
        if spec.id in shown:
            continue
        used = dict.fromkeys(
            scale
            for place in spec.walk()
            for scale in (place.area.scale, place.area.direction_scale)
            if scale is not None
        )
        shown[spec.id] = ProgrammeScale(
            framework=spec.id,
            title=spec.title,
            scales=[[level.label for level in spec.scale(s).levels] for s in used],
            comparability=comparability_notes(spec),
        )
    return list(shown.values())


def comparability_notes(spec: Framework) -> list[str]:
    """The programme's comparability notes, each with its source where it names one."""
    notes = getattr(spec, "comparability", ())
    return [f"{note.text} ({note.source})" if getattr(note, "source", "") else note.text for note in notes]


class ForceHistoryPage(PageDocument):
    ROW = HistoryRow
    force: ForceRef
    mapping: str
    """How framework areas are gathered into themes, in plain words."""
    programmes: list[ProgrammeScale]
    """The programmes the inspections were made under, oldest first, each with its own scale."""
    inspections: list[HistoryInspection]
    """Every record the user may see, oldest first: inspections run here and imported pages."""
    published: list[PublishedInspection]
    """The inspections as the reader knows them, oldest first: the columns of ``rows``."""
    rows: list[ThemeRow]
    recurrences: Recurrences
    taken_up: list[TakenUp]
    """What later reports say they took up of earlier findings, read from their own words, with the
    verdict each earlier finding stands at."""

    def csv_rows(self) -> Sequence[HistoryRow]:
        columns = {p.reference: p for p in self.published}
        return [
            HistoryRow(
                theme=row.theme,
                theme_title=row.title,
                inspection=cell.inspection,
                heading=columns[cell.inspection].heading,
                when=columns[cell.inspection].when,
                **dict(area),
            )
            for row in self.rows
            for cell in row.cells
            for area in cell.areas
        ]


def force_history(force: Force, user: AnyUser) -> ForceHistoryPage:
    inspections = in_history_order(listed_inspections(user).filter(force=force))
    readings = {i.pk: read_as(user, i) for i in inspections}
    columns = [_column(g) for g in gather((readings[i.pk] for i in inspections), _inspection_of)]
    rows = timeline([column.entry for column in columns], default_themes())
    published_as = {i.pk: c.gathered.reference for c in columns for i in c.gathered.inspections}
    found = force_links(inspections)
    by_code = {str(f.code): f for f in found.findings}
    links = link_documents(found.links, by_code, readings)
    return ForceHistoryPage(
        force=ForceRef(id=force.id, name=force.name),
        mapping=MAPPING,
        programmes=programme_scales(inspections),
        inspections=[
            HistoryInspection(
                **dict(readings[i.pk].summary), when=history_when(i), published_as=published_as[i.pk]
            )
            for i in inspections
        ],
        published=[_published(column) for column in columns],
        rows=[_row(row, columns) for row in rows],
        recurrences=Recurrences(
            threshold=THRESHOLD,
            followed_kinds=sorted(str(kind) for kind in FOLLOWED_KINDS),
            links=links,
            suggestions=any(link.status not in SETTLED for link in links),
            being_prepared=found.waiting,
        ),
        taken_up=taken_up(inspections, readings),
    )


def _inspection_of(reading: Reading) -> Inspection:
    return reading.inspection


def _published(column: Column) -> PublishedInspection:
    gathered = column.gathered
    pages = [reading.summary for reading in gathered.pages]
    return PublishedInspection(
        reference=gathered.reference,
        name=gathered.name,
        heading=gathered.heading,
        framework=gathered.first.framework_id,
        period=gathered.first.period_label.strip() or None,
        when=column.entry.when,
        pages=[page.reference for page in pages],
        page_codes=[page.code for page in pages],
        differs=list(dict.fromkeys(m.area for m in column.sources.values() if m.differs)),
    )
