"""Stated links: a later report's own references to earlier findings, read and kept when it is stored.

``record_citations`` reads a report's references (core/recurrence/references.py) from its text, one
paragraph a line, when it was imported, or from its findings' texts and notes when it was recorded
by hand, and keeps them unresolved. ``resolve_citations`` then finds what each takes up among the
force's earlier inspections: once the later inspection's dates are set, so that "earlier" means
what it says. A resolved reference held in a finding of the later report is a ``FindingLink`` of
decision "stated"; one whose report says what became of the earlier finding gives that finding its
verdict (web/followup/from_reports.py) when the later report is published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from django.db import transaction

from inspectorate.core.findings import FindingKind
from inspectorate.core.recurrence.references import (
    Citation,
    EarlierFinding,
    EarlierInspection,
    LaterFinding,
    Outcome,
    anchor,
    programme_hints,
    read_citations,
    resolve,
)
from inspectorate.web.followup.from_reports import verdict_from_report
from inspectorate.web.history.models import CitationSource, StatedCitation
from inspectorate.web.history.when import history_when
from inspectorate.web.inspections.models import Finding, FindingLink, Inspection, LinkDecision, Status
from inspectorate.web.inspections.vectors import followed

NOT_EARLIER = "names this report's own year or a later one, not an earlier inspection"


def inspection_years(inspection: Inspection) -> frozenset[str]:
    """The years a report may be cited by: its publication and its period."""
    years = _years_in(f"{inspection.published_label} {inspection.period_label}")
    for day in (inspection.published_on, inspection.period_start, inspection.period_end):
        if day is not None:
            years.add(str(day.year))
    if not years:
        years = _years_in(inspection.spec.in_use)
    return frozenset(years)


def _years_in(text: str) -> set[str]:
    """Every year a text names, "2018/19" naming both."""
    years: set[str] = set()
    for first, second in re.findall(r"\b((?:19|20)\d\d)(?:/(\d\d))?\b", text):
        years.add(first)
        if second:
            years.add(first[:2] + second)
    return years


def inspection_programmes(inspection: Inspection) -> frozenset[str]:
    framework = inspection.framework
    return programme_hints(
        f"{framework.id.replace('-', ' ')} {framework.title} {inspection.spec.programme} {inspection.title}"
    )


def _earlier(inspection: Inspection) -> EarlierInspection:
    return EarlierInspection(
        key=inspection.reference,
        when=history_when(inspection),
        years=inspection_years(inspection),
        programmes=inspection_programmes(inspection),
        findings=tuple(
            EarlierFinding(str(f.pk), FindingKind(f.kind), f.text)
            for f in followed([inspection]).order_by("position", "id")
        ),
    )


def record_citations(later: Inspection, lines: Sequence[str] | None = None) -> int:
    """Read and keep ``later``'s references (from ``lines``, the report's text, else from its
    findings), replacing any read before; how many. Each is anchored to the later finding whose
    passage holds it: for the text, by where the findings were read (``lines`` of them)."""
    own = list(followed([later]).order_by("position", "id"))
    found: list[tuple[Citation, str, Finding | None]] = []
    if lines is not None:
        where = _read_lines(later)
        anchors = [LaterFinding(str(f.pk), where.get(f.pk), f.text) for f in own]
        by_pk = {str(f.pk): f for f in own}
        for citation in read_citations(lines):
            key = anchor(citation, anchors)
            found.append((citation, CitationSource.TEXT, by_pk.get(key) if key else None))
    else:
        for finding in own:
            # A finding is one passage: each reference in it is about the whole of it.
            paragraph = f"{finding.text} {finding.note}".strip()
            for citation in read_citations([paragraph]):
                found.append((replace(citation, context=paragraph), CitationSource.FINDING, finding))
    with transaction.atomic():
        StatedCitation.objects.filter(later=later).delete()
        FindingLink.objects.filter(later__inspection=later, decision=LinkDecision.STATED).delete()
        StatedCitation.objects.bulk_create(
            StatedCitation(
                later=later,
                source=source,
                line=citation.line if source == CitationSource.TEXT else (finding.position if finding else 0),
                sentence=citation.sentence,
                context=citation.context,
                years=" ".join(citation.years),
                relative=citation.relative or "",
                kind=citation.kind.value if citation.kind else "",
                programmes=" ".join(sorted(citation.programmes)),
                outcome=citation.outcome.value,
                later_finding=finding,
            )
            for citation, source, finding in found
        )
    return len(found)


def _read_lines(inspection: Inspection) -> dict[int, int]:
    """Finding -> the line of the report it was read from, as its note records ("line 594")."""
    lines: dict[int, int] = {}
    for pk, note in Finding.objects.filter(inspection=inspection).values_list("pk", "note"):
        match = re.search(r"\bline (\d+)\b", note or "")
        if match:
            lines[pk] = int(match.group(1))
    return lines


def citation_of(kept: StatedCitation) -> Citation:
    """A kept reference as the reader made it."""
    return Citation(
        line=kept.line,
        sentence=kept.sentence,
        years=tuple(kept.years.split()),
        relative=kept.relative or None,
        kind=FindingKind(kept.kind) if kept.kind else None,
        programmes=frozenset(kept.programmes.split()),
        outcome=Outcome(kept.outcome),
        context=kept.context,
    )


def resolve_citations(later: Inspection) -> int:
    """Resolve ``later``'s kept references against the force's earlier inspections; make the stated
    links and, for a published report, the verdicts it gives; how many were resolved."""
    kept = list(StatedCitation.objects.filter(later=later).select_related("later_finding"))
    if not kept:
        return 0
    when = history_when(later)
    own_years = inspection_years(later)
    others = [
        i
        for i in Inspection.objects.filter(force_id=later.force_id, exercise=False)
        .exclude(pk=later.pk)
        .select_related("framework")
        if history_when(i) < when
    ]
    earlier = [_earlier(i) for i in others]
    by_pk = {i.reference: i for i in others}
    findings = {str(f.pk): f for f in followed(others)}
    published = later.status == Status.PUBLISHED and not later.exercise
    resolved = 0
    with transaction.atomic():
        for item in kept:
            citation = citation_of(item)
            if citation.years and min(citation.years) >= max(own_years, default="9999"):
                # Its own year or a later one: a report (or a note) naming itself or what came after.
                item.reason = NOT_EARLIER
                item.save(update_fields=["reason"])
                continue
            result = resolve(citation, when, earlier, later_programmes=inspection_programmes(later))
            item.earlier_inspection = by_pk.get(result.inspection) if result.inspection else None
            item.earlier_finding = findings.get(result.finding) if result.finding else None
            item.score = result.score
            item.reason = result.reason[:300]
            item.save(update_fields=["earlier_inspection", "earlier_finding", "score", "reason"])
            if item.earlier_finding is None:
                continue
            resolved += 1
            if item.later_finding is not None:
                FindingLink.objects.get_or_create(
                    earlier=item.earlier_finding,
                    later=item.later_finding,
                    defaults={
                        "decision": LinkDecision.STATED,
                        "note": f"Stated in the report: {item.sentence}"[:2000],
                    },
                )
            if published:
                line = item.line if item.source == CitationSource.TEXT else None
                verdict_from_report(item.earlier_finding, later, item.outcome, line=line)
    return resolved


def take_up(inspections: Iterable[Inspection]) -> int:
    """Read (where not read yet, from recorded findings) and resolve the references of these
    inspections, oldest first: the demo's one call once all its inspections are stored."""
    resolved = 0
    for inspection in sorted(inspections, key=history_when):
        if inspection.exercise:
            continue
        if not StatedCitation.objects.filter(later=inspection).exists():
            record_citations(inspection)
        resolved += resolve_citations(inspection)
    return resolved
