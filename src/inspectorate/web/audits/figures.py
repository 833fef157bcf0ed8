"""An audit's estimate arranged for its page's tables: each figure with its label, and without a
"+/- 0.0" that would read as exact."""

from __future__ import annotations

from typing import Any

from pydantic import JsonValue

from inspectorate.core.cdi.estimate import ALL, MEASURES, RECORDING
from inspectorate.core.cdi.types import CRIME_GROUP_LABELS, SEXUAL, VIOLENCE
from inspectorate.web.audits.documents import AuditSummary
from inspectorate.web.audits.models import CdiAudit

# Where the previous audit's figure for each scope of the estimate is kept in ``audit.previous``.
PREVIOUS_KEYS = {ALL: "overall", VIOLENCE: "violence", SEXUAL: "sexual"}


# For an estimate made before the estimate carried its own note.
NO_SPREAD = "no variation in the sample, so the +/- form would read 0: the Wilson interval is given instead"


def _rate_shown(rate: dict[str, Any] | None) -> dict[str, Any] | None:
    """A rate as the page prints it: without a "+/- 0.0" that would read as exact."""
    if rate is None:
        return None
    no_spread = not rate["standard_error"]
    note = rate.get("interval_note") or (NO_SPREAD if no_spread else None)
    return {**rate, "no_spread": no_spread, "note": note}


def figures_shown(estimate: dict[str, Any], audit: CdiAudit) -> dict[str, Any]:
    """The estimate's JSON arranged for the page's tables, each figure with its label."""
    labels = {ALL: "All crime", **CRIME_GROUP_LABELS}
    measures = {name: _rate_shown(rate) for name, rate in estimate["measures"].items()}
    groups = {group: _rate_shown(rate) for group, rate in estimate["groups"].items()}
    current = {ALL: measures[RECORDING], **groups}
    recording = [(labels[scope], rate) for scope, rate in current.items()]
    other_measures = [(m.label, measures[m.name]) for m in MEASURES if m.name != RECORDING]
    strata = {stratum.key: stratum.label for stratum in audit.strata.all()}
    previous = audit.previous or {}
    additional = estimate["volumes"]["additional"]
    return {
        "recording": recording,
        "recording_notes": [(label, rate["note"]) for label, rate in recording if rate and rate["note"]],
        "additional_fewer": -additional["rounded"] if additional and additional["rounded"] < 0 else None,
        "previous_overall": previous.get("overall"),
        "other_measures": other_measures,
        "other_notes": [(label, rate["note"]) for label, rate in other_measures if rate and rate["note"]],
        "strata": [(strata.get(s["key"], s["key"]), s) for s in estimate["strata"]],
        "comparisons": [
            (labels.get(scope, scope), previous.get(PREVIOUS_KEYS.get(scope, scope)), current.get(scope), c)
            for scope, c in estimate["comparisons"].items()
        ],
        "comparison_notes": [
            (labels.get(scope, scope), note) for scope, note in estimate.get("comparison_notes", {}).items()
        ],
    }


def design_sizes(summary: AuditSummary) -> list[tuple[str, JsonValue]]:
    sizes = summary.design.get("sizes")
    if not isinstance(sizes, dict):
        return []
    return [(CRIME_GROUP_LABELS.get(group, group), size) for group, size in sizes.items()]
