"""A force's history and a finding's lineage as plain documents (pages, twins and the CLI share them).

Both are built from the inspections the user may see, so a draft never shows in another's history.
"""

from __future__ import annotations

from typing import Any

from inspectorate.core.findings import FindingKind
from inspectorate.core.history.themes import THEMES_FILE, default_themes
from inspectorate.core.history.timeline import GradedArea, InspectionEntry, Row, timeline
from inspectorate.core.recurrence.links import FOLLOWED_KINDS, THRESHOLD, Link, lineage
from inspectorate.web.history.recurrence import candidates, force_links
from inspectorate.web.inspections.access import AnyUser, visible_inspections
from inspectorate.web.inspections.documents import (
    area_rows,
    chronological,
    inspection_summary,
    inspection_when,
)
from inspectorate.web.inspections.models import Finding, Inspection
from inspectorate.web.registry.models import Force

MAPPING = f"core/history/{THEMES_FILE.name}, explained in docs/history.md"


def _entry(inspection: Inspection) -> InspectionEntry:
    graded = tuple(
        GradedArea(
            row["area"],
            row["title"],
            row["grade"],
            row["grade_label"],
            row["direction"],
            row["direction_label"],
        )
        for row in area_rows(inspection)
        if row["grade"] or row["direction"]
    )
    return InspectionEntry(
        str(inspection.code),
        inspection.reference,
        inspection.title,
        inspection.framework_id,
        inspection_when(inspection),
        graded,
    )


def _area(judgment: GradedArea) -> dict[str, Any]:
    return {
        "area": judgment.area_id,
        "title": judgment.title,
        "grade": judgment.grade,
        "grade_label": judgment.grade_label,
        "direction": judgment.direction,
        "direction_label": judgment.direction_label,
    }


def _row(row: Row, entries: list[InspectionEntry]) -> dict[str, Any]:
    return {
        "theme": row.theme_id,
        "title": row.title,
        "cells": [
            {"inspection": entry.reference, "areas": [_area(j) for j in cell]}
            for entry, cell in zip(entries, row.cells, strict=True)
        ],
    }


def finding_brief(finding: Finding) -> dict[str, Any]:
    return {
        "code": str(finding.code),
        "inspection": str(finding.inspection.code),
        "reference": finding.inspection.reference,
        "when": inspection_when(finding.inspection),
        "kind": finding.kind,
        "kind_label": FindingKind(finding.kind).label,
        "areas": list(finding.area_ids),
        "text": finding.text,
    }


def _link(link: Link, by_code: dict[str, Finding]) -> dict[str, Any]:
    return {
        "earlier": finding_brief(by_code[link.earlier]),
        "later": finding_brief(by_code[link.later]),
        "similarity": link.similarity,
        "status": link.status,
    }


def force_history(force: Force, user: AnyUser) -> dict[str, Any]:
    inspections = chronological(visible_inspections(user).filter(force=force))
    entries = [_entry(i) for i in inspections]
    rows = timeline(entries, default_themes())
    found = force_links(inspections)
    by_code = {str(f.code): f for f in found.findings}
    return {
        "force": {"id": force.id, "name": force.name},
        "mapping": MAPPING,
        "inspections": [{**inspection_summary(i), "when": inspection_when(i)} for i in inspections],
        "rows": [_row(row, entries) for row in rows],
        "recurrences": {
            "threshold": THRESHOLD,
            "followed_kinds": sorted(str(kind) for kind in FOLLOWED_KINDS),
            "links": [_link(link, by_code) for link in found.links],
        },
    }


def history_csv_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per graded area per inspection, under its theme."""
    when = {i["reference"]: i["when"] for i in document["inspections"]}
    return [
        {
            "theme": row["theme"],
            "theme_title": row["title"],
            "inspection": cell["inspection"],
            "when": when[cell["inspection"]],
            **area,
        }
        for row in document["rows"]
        for cell in row["cells"]
        for area in cell["areas"]
    ]


def finding_lineage(finding: Finding, user: AnyUser) -> dict[str, Any]:
    followed = FindingKind(finding.kind) in FOLLOWED_KINDS
    earlier: list[Link] = []
    later: list[Link] = []
    by_code: dict[str, Finding] = {}
    nearest: list[dict[str, Any]] = []
    if followed:
        inspections = visible_inspections(user).filter(force_id=finding.inspection.force_id)
        found = force_links(inspections)
        by_code = {str(f.code): f for f in found.findings}
        earlier, later = lineage(str(finding.code), found.links)
        nearest = [
            {**finding_brief(other), "similarity": round(score, 4)}
            for other, score in candidates(finding, found)
        ]
    return {
        "finding": finding_brief(finding),
        "followed": followed,
        "threshold": THRESHOLD,
        "earlier": [
            _link(link, by_code) for link in sorted(earlier, key=lambda k: _when(k.earlier, by_code))
        ],
        "later": [_link(link, by_code) for link in sorted(later, key=lambda k: _when(k.later, by_code))],
        "candidates": nearest,
    }


def _when(code: str, by_code: dict[str, Finding]) -> str:
    return inspection_when(by_code[code].inspection)


def lineage_csv_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per link, its two findings side by side."""
    return [
        {
            "side": side,
            "similarity": link["similarity"],
            **{f"earlier_{key}": value for key, value in link["earlier"].items()},
            **{f"later_{key}": value for key, value in link["later"].items()},
        }
        for side in ("earlier", "later")
        for link in document[side]
    ]
