"""An audit's estimate as flat rows, one figure each, for CSV: read from the estimate's JSON, so that a
page's CSV twin comes from the same document as its JSON twin.

``kind`` is "rate" (a proportion) or "count" (a volume of crimes). For a rate, lower and upper are
the symmetric "+/-" interval, interval_lower and interval_upper the one the platform uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from inspectorate.core.cdi.estimate import ALL, RECORDING

ROW_FIELDS = (
    "scope", "measure", "kind", "estimate", "percent", "margin_percent", "lower", "upper",
    "wilson_lower", "wilson_upper", "rounded", "eligible", "decided", "hits", "method",
    "interval_lower", "interval_upper", "note",
)  # fmt: skip

Row = dict[str, Any]


def _blank(scope: str, measure: str, kind: str) -> Row:
    return dict.fromkeys(ROW_FIELDS) | {"scope": scope, "measure": measure, "kind": kind}


def _rate_row(scope: str, measure: str, rate: Mapping[str, Any] | None) -> Row:
    row = _blank(scope, measure, "rate")
    if rate is not None:
        row |= {
            "estimate": rate["rate"],
            "percent": rate["percent"],
            "margin_percent": rate["margin_percent"],
        }
        row |= {"lower": rate["lower"], "upper": rate["upper"]}
        row |= {"eligible": rate["eligible"], "decided": rate["decided"]}
        row |= {"wilson_lower": rate["wilson_lower"], "wilson_upper": rate["wilson_upper"]}
        row |= {"method": "stratified", "note": rate["interval_note"]}
        row |= {"interval_lower": rate["interval"]["lower"], "interval_upper": rate["interval"]["upper"]}
    return row


def _stratum_row(stratum: Mapping[str, Any]) -> Row:
    row = _blank(stratum["key"], RECORDING, "rate")
    row |= {"eligible": stratum["eligible"], "decided": stratum["decided"], "hits": stratum["hits"]}
    if stratum["rate"] is not None and stratum["wilson_lower"] is not None:
        row |= {"estimate": stratum["rate"], "percent": stratum["percent"], "method": "wilson"}
        row |= {"wilson_lower": stratum["wilson_lower"], "wilson_upper": stratum["wilson_upper"]}
        row |= {"interval_lower": stratum["wilson_lower"], "interval_upper": stratum["wilson_upper"]}
    return row


def _count_row(measure: str, volume: Mapping[str, Any]) -> Row:
    row = _blank(ALL, measure, "count") | {"estimate": volume["value"], "rounded": volume["rounded"]}
    if measure == "unrecorded":
        row |= {"lower": volume["lower"], "upper": volume["upper"]}
    else:
        row |= {"note": volume["text"]}
    return row


def estimate_rows(estimate: Mapping[str, Any]) -> list[Row]:
    """One row per figure of ``AuditEstimate.to_json()``: every measure, every crime group, every
    stratum, then the volumes; each row has the keys of ``ROW_FIELDS``, in that order."""
    rows = [_rate_row(ALL, name, rate) for name, rate in estimate["measures"].items()]
    rows += [_rate_row(group, RECORDING, rate) for group, rate in estimate["groups"].items()]
    rows += [_stratum_row(stratum) for stratum in estimate["strata"]]
    volumes = estimate["volumes"]
    rows += [_count_row(name, volumes[name]) for name in ("unrecorded", "additional") if volumes[name]]
    return rows
