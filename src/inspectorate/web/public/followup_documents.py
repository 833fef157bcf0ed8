"""What the public reads of the findings being followed: every cause of concern, recommendation and
area for improvement of a force's published reports, as the published record prints them, with where
each stands (web/followup).

The list is read from the published records (web/public/reports.py: reports out of embargo, never an
exercise), never from the follow-up rows: a finding of a draft, of a version still under embargo or
of a working copy changed since publication is not here, whatever rows exist for it. A printed
finding whose follow-up is not yet recorded is listed as open, with no details: a public page only
reads, so it never makes the rows (web/followup/services.py does, when a version is published).

The public reads statuses, verdicts with their reasons and the dates of each move; never the force's
updates, their files, nor who in the force owns a finding (those are for the force, its policing body
and the inspectorate: web/followup's pages).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone

from inspectorate.core.followup.states import FollowStatus, is_overdue
from inspectorate.core.followup.timescales import Addressee
from inspectorate.core.history.themes import default_themes
from inspectorate.web.followup.models import FOLLOWED_KINDS, FollowUp
from inspectorate.web.followup.services import publication_date
from inspectorate.web.followup.visible import UPDATES_SEEN, public_status, shown_updates
from inspectorate.web.inspections.documents import FindingDocument, iso_date, record_findings
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.public.reports import PublicReport

FOLLOWED = frozenset(kind.value for kind in FOLLOWED_KINDS)


class AgeBand(StrEnum):
    """How long ago the report that made a finding was published."""

    UNDER_1 = "under-1"
    ONE_TO_2 = "1-2"
    TWO_TO_5 = "2-5"
    OVER_5 = "over-5"

    @property
    def label(self) -> str:
        return _AGE_LABELS[self]


_AGE_LABELS = {
    AgeBand.UNDER_1: "Under 1 year",
    AgeBand.ONE_TO_2: "1 to 2 years",
    AgeBand.TWO_TO_5: "2 to 5 years",
    AgeBand.OVER_5: "Over 5 years",
}


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def age_band(published_on: datetime.date, today: datetime.date) -> AgeBand:
    """Under 1 year: published less than a year before ``today``; a report a year old to the day is
    in 1 to 2 years, and so on."""
    if published_on > _years_before(today, 1):
        return AgeBand.UNDER_1
    if published_on > _years_before(today, 2):
        return AgeBand.ONE_TO_2
    if published_on > _years_before(today, 5):
        return AgeBand.TWO_TO_5
    return AgeBand.OVER_5


class FollowedFindingRow(Row):
    """A published cause of concern, recommendation or area for improvement, and where it stands."""

    code: str
    """The finding's code: its status page is /forces/FORCE/recommendations/CODE."""
    force: str
    force_name: str
    inspection: str
    """The code of the inspection whose published report made the finding."""
    reference: str
    report_title: str
    published: str | None
    """The report's publication date as it prints it."""
    published_on: str
    """The day the report was published (ISO), from which a finding's age is counted."""
    age: str
    """Years since publication: under-1, 1-2, 2-5 or over-5."""
    version: int
    """The published version the text is read from: the latest out of embargo."""
    framework: str
    kind: str
    kind_label: str
    parent: str | None
    """For a recommendation printed under a cause of concern, the cause of concern's code."""
    areas: list[str]
    area_titles: list[str]
    themes: list[str]
    """The themes of its areas (core/history/themes.yaml); none where no theme maps them."""
    theme_titles: list[str]
    text: str
    """As the published report prints it."""
    recorded: bool
    """Whether its follow-up is recorded yet; until it is, the finding is open with no details."""
    addressee: str | None
    """force, chief-constable, local-policing-body or national-body."""
    addressee_label: str | None
    addressee_name: str | None
    """The body's own name, where the report names one."""
    timescale: str | None
    """As the report gives it."""
    due_on: str | None
    status: str
    status_label: str
    closed: bool
    """Met or superseded: nothing more is asked."""
    overdue: bool
    """Past its due date while the force still holds it."""
    verdict: str | None
    """The inspectorate's verdict (met, partly-met, not-met, superseded), while one stands."""
    verdict_label: str | None
    verdict_reasons: str | None
    verdict_on: str | None
    verdict_in: str | None
    """The code of the later inspection whose published report gave the verdict."""
    verdict_in_title: str | None


class StatusMoveRow(Row):
    """One move of a followed finding: when, from what, to what, and the inspectorate's reasons."""

    on: str
    status_from: str | None
    status_from_label: str | None
    status_to: str
    status_to_label: str
    by: str
    """force or inspectorate."""
    reasons: str | None
    """The inspectorate's reasons for a verdict or a reopening; the force's words are not public."""


@dataclass(frozen=True)
class Followed:
    """One printed finding, with its follow-up where recorded."""

    row: FollowedFindingRow
    follow_up: FollowUp | None


def publication_day(report: PublicReport) -> datetime.date:
    """The day the report was published, as web/followup counts due dates from it."""
    day = publication_date(report.inspection)
    assert day is not None, "a public report has a version out of embargo"
    return day


def followed_findings(reports: Sequence[PublicReport], today: datetime.date | None = None) -> list[Followed]:
    """Every followed finding the reports print, in their order (the reports oldest first by force;
    each report's findings as it prints them)."""
    today = today or timezone.localdate()
    by_pk = {r.inspection.pk: r for r in reports}
    follow_ups = {
        str(follow_up.finding.code): follow_up
        for follow_up in FollowUp.objects.filter(finding__inspection__in=list(by_pk))
        .select_related("finding", "verdict_in")
        .prefetch_related(UPDATES_SEEN)
    }
    themes = default_themes()
    found = []
    for report in reports:
        # Every area of the framework has its section in the record, graded or not.
        titles = {section.grade.area_id: section.grade.title for section in report.report.areas}
        day = publication_day(report)
        for printed in record_findings(report.report):
            if printed.kind not in FOLLOWED or not printed.code:
                continue
            follow_up = follow_ups.get(printed.code)
            mapped = [themes.theme_of(report.inspection.framework_id, area) for area in printed.areas]
            # Each theme once, in the order of the finding's areas.
            on_themes = list({theme.id: theme for theme in mapped if theme is not None}.values())
            row = _row(report, printed, follow_up, by_pk, today, day)
            row = row.model_copy(
                update={
                    "area_titles": [titles.get(area, area) for area in printed.areas],
                    "themes": [theme.id for theme in on_themes],
                    "theme_titles": [theme.title for theme in on_themes],
                }
            )
            found.append(Followed(row, follow_up))
    return found


def _row(
    report: PublicReport,
    printed: FindingDocument,
    follow_up: FollowUp | None,
    public: dict[int, PublicReport],
    today: datetime.date,
    day: datetime.date,
) -> FollowedFindingRow:
    inspection = report.inspection
    # A verdict of a later inspection not yet published is its team's alone (followup/visible.py).
    seen = public_status(follow_up) if follow_up else None
    status = seen.status if seen else FollowStatus.OPEN
    due_on = follow_up.due_on if follow_up else None
    verdict = status if status.is_verdict else None
    # The later report is named only when it is public itself.
    later = public.get(seen.verdict_in.pk) if seen and seen.verdict_in else None
    addressee = Addressee(follow_up.addressee) if follow_up else None
    return FollowedFindingRow(
        code=printed.code,
        force=inspection.force_id,
        force_name=report.report.force_name,
        inspection=str(inspection.code),
        reference=report.report.reference,
        report_title=report.report.title,
        published=report.report.published,
        published_on=day.isoformat(),
        age=age_band(day, today).value,
        version=report.version,
        framework=inspection.framework_id,
        kind=printed.kind,
        kind_label=printed.kind_label,
        parent=printed.parent,
        areas=list(printed.areas),
        area_titles=[],
        themes=[],
        theme_titles=[],
        text=printed.text,
        recorded=follow_up is not None,
        addressee=addressee.value if addressee else None,
        addressee_label=addressee.label if addressee else None,
        addressee_name=(follow_up.addressee_name or None) if follow_up else None,
        timescale=(follow_up.timescale or None) if follow_up else None,
        due_on=iso_date(due_on),
        status=status.value,
        status_label=status.label,
        closed=status.closed,
        overdue=is_overdue(status, due_on, today),
        verdict=verdict.value if verdict else None,
        verdict_label=verdict.label if verdict else None,
        verdict_reasons=(seen.verdict_reasons or None) if seen and verdict else None,
        verdict_on=iso_date(seen.verdict_on) if seen and verdict else None,
        verdict_in=str(later.inspection.code) if later and verdict else None,
        verdict_in_title=later.report.title if later and verdict else None,
    )


def status_moves(follow_up: FollowUp | None) -> list[StatusMoveRow]:
    """The finding's moves from status to status, oldest first: the dates and statuses, and the
    inspectorate's reasons for its verdicts and reopenings. Progress updates are not moves, and the
    words of the force's own moves are its, not the public's."""
    if follow_up is None:
        return []
    moves = []
    # Without the verdicts of later inspections not yet published (followup/visible.py): each move
    # is from the status the reader last saw.
    seen: FollowStatus | None = None
    for update in shown_updates(follow_up):
        if not update.status_to:
            continue
        to = FollowStatus(update.status_to)
        before = (
            seen if seen is not None else (FollowStatus(update.status_from) if update.status_from else None)
        )
        seen = to
        if before is to:
            continue
        by_inspectorate = to.is_verdict or to is FollowStatus.REOPENED
        moves.append(
            StatusMoveRow(
                on=timezone.localdate(update.created_at).isoformat(),
                status_from=before.value if before else None,
                status_from_label=before.label if before else None,
                status_to=to.value,
                status_to_label=to.label,
                by="inspectorate" if by_inspectorate else "force",
                reasons=(update.body.strip() or None) if by_inspectorate else None,
            )
        )
    return moves


# The pages' documents ----------------------------------------------------------------------------


class FollowedCounts(Document):
    total: int
    open: int
    """Not yet met nor superseded."""
    overdue: int
    closed: int


def counts(rows: Sequence[FollowedFindingRow]) -> FollowedCounts:
    return FollowedCounts(
        total=len(rows),
        open=sum(not r.closed for r in rows),
        overdue=sum(r.overdue for r in rows),
        closed=sum(r.closed for r in rows),
    )


class ForceRecommendationsPage(PageDocument):
    ROW = FollowedFindingRow
    force: str
    force_name: str
    counts: FollowedCounts
    findings: list[FollowedFindingRow]
    """Every cause of concern, recommendation and area for improvement of the force's published
    reports, oldest report first."""

    def csv_rows(self) -> Sequence[FollowedFindingRow]:
        return self.findings


class RecommendationPage(PageDocument):
    ROW = StatusMoveRow
    finding: FollowedFindingRow
    moves: list[StatusMoveRow]
    """Its moves from status to status, oldest first (the CSV twin's rows)."""

    def csv_rows(self) -> Sequence[StatusMoveRow]:
        return self.moves


class RecommendationFilters(Document):
    force: str | None
    kind: str | None
    state: str | None
    """open (not yet met nor superseded) or closed."""
    status: str | None
    theme: str | None
    age: str | None
    """under-1, 1-2, 2-5 or over-5 (years since publication)."""
    overdue: bool


class ForceOpenItems(Document):
    """One force's open items among those the filters choose, by years since publication."""

    force: str
    force_name: str
    open: int
    under_1: int
    one_to_2: int
    two_to_5: int
    over_5: int
    overdue: int


def open_items_by_force(rows: Sequence[FollowedFindingRow]) -> list[ForceOpenItems]:
    """Forces by name, each with its open items counted by age; forces with none are left out."""
    by_force: dict[str, list[FollowedFindingRow]] = {}
    for row in rows:
        if not row.closed:
            by_force.setdefault(row.force, []).append(row)
    summary = []
    for force, items in sorted(by_force.items(), key=lambda pair: pair[1][0].force_name):
        ages = [item.age for item in items]
        summary.append(
            ForceOpenItems(
                force=force,
                force_name=items[0].force_name,
                open=len(items),
                under_1=ages.count(AgeBand.UNDER_1.value),
                one_to_2=ages.count(AgeBand.ONE_TO_2.value),
                two_to_5=ages.count(AgeBand.TWO_TO_5.value),
                over_5=ages.count(AgeBand.OVER_5.value),
                overdue=sum(item.overdue for item in items),
            )
        )
    return summary


class RecommendationsPage(PageDocument):
    ROW = FollowedFindingRow
    filters: RecommendationFilters
    problems: list[str]
    """Filters that could not be read, each naming its field; none match while there are any."""
    open_by_force: list[ForceOpenItems]
    findings: list[FollowedFindingRow]
    """Every followed finding of the published reports that matches the filters."""

    def csv_rows(self) -> Sequence[FollowedFindingRow]:
        return self.findings


class OpenRecommendationsPage(PageDocument):
    ROW = FollowedFindingRow
    recommendations: list[FollowedFindingRow]
    """Every cause of concern, recommendation and area for improvement of the published reports,
    with where it stands."""

    def csv_rows(self) -> Sequence[FollowedFindingRow]:
        return self.recommendations
