"""A finding's lineage as a typed document: the earlier findings it takes up and the later ones that
take it up, each read as the user reads its inspection (see ``documents``), the closest unlinked
findings for the inspection's team, its verdict, and later reports' own words on it."""

from __future__ import annotations

from collections.abc import Sequence

from inspectorate.core.findings import FindingKind
from inspectorate.core.recurrence.links import FOLLOWED_KINDS, THRESHOLD, Link, lineage
from inspectorate.web.history.documents import (
    FindingBrief,
    LinkDocument,
    Reading,
    TakenUp,
    Verdict,
    finding_brief,
    link_documents,
    read_as,
    recorded_brief,
    taken_up_of,
    verdict_of,
)
from inspectorate.web.history.recurrence import candidates, force_links
from inspectorate.web.history.when import history_when
from inspectorate.web.inspections.access import listed_inspections
from inspectorate.web.inspections.models import Finding
from inspectorate.web.pages.documents import PageDocument, Row
from inspectorate.web.pages.requests import AnyUser


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
    verdict: Verdict | None
    """This finding's verdict, when one has been given, and which later report (or person) gave it."""
    taken_up: list[TakenUp]
    """Later reports' own words on this finding (read from them), as the user may read them."""

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
        earlier=link_documents(sorted(earlier, key=lambda k: _when(k.earlier, by_code)), by_code, readings),
        later=link_documents(sorted(later, key=lambda k: _when(k.later, by_code)), by_code, readings),
        candidates=nearest,
        being_prepared=waiting,
        verdict=verdict_of(finding),
        taken_up=[
            item for item in taken_up_of(finding, user) if item.earlier and item.earlier.code == brief.code
        ],
    )


def _when(code: str, by_code: dict[str, Finding]) -> str:
    return history_when(by_code[code].inspection)
