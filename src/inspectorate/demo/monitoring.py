"""The demo's monitoring decisions: the Metropolitan Police Service's period in Engage, as published.

HMICFRS placed the force in Engage, the enhanced stage of its monitoring process, on 28 June 2022:
HM Inspector Matt Parr's observations in the PEEL 2021/22 report (seed 002) give the decision and
why, and the inspectorate's statement that day was reported at the placement's source below. On
23 January 2025 the inspectorate announced that HM Chief Inspector Sir Andy Cooke had returned the
force to routine monitoring (Scan); the release, republished at the exit's source below, dates the
placement 28 June 2022. Reasons are summarised in our own words.

The placement rests on the 2021/22 report's findings on responding to the public and on the force's
understanding of its demand and workforce, the two concerns the report names for the decision.
"""

from __future__ import annotations

import datetime

from inspectorate.core.monitoring import Stage
from inspectorate.web.inspections.models import Finding
from inspectorate.web.monitoring.models import MonitoringPeriod
from inspectorate.web.monitoring.services import CONCERN_KINDS, leave, place
from inspectorate.web.registry.models import Force

FORCE = "metropolitan"
REPORT = "MPS-PEEL-2021"

PLACED_ON = datetime.date(2022, 6, 28)
PLACED_BY = "HMICFRS, as HM Inspector of Constabulary Matt Parr set out in the force's PEEL 2021/22 report"
PLACED_SOURCE = "https://www.bbc.co.uk/news/uk-england-london-61970399"
PLACED_REASONS = (
    "Serious concerns about how the force responds to the public (calls answered too slowly, risk and "
    "vulnerability not assessed consistently at first contact) and about how little it understands "
    "its demand and its workforce's skills, on top of long-standing concerns that include the March "
    "2022 inspection of its counter-corruption arrangements."
)

LEFT_ON = datetime.date(2025, 1, 23)
LEFT_BY = (
    "HM Chief Inspector of Constabulary and Fire & Rescue Services, Sir Andy Cooke, on the "
    "recommendation of HM Inspector of Constabulary Lee Freeman"
)
LEFT_SOURCE = (
    "https://www.wired-gov.net/wg/news.nsf/articles/"
    "metropolitan+police+service+removed+from+enhanced+monitoring+24012025092500?open"
)
LEFT_REASONS = (
    "Improvements recognised in answering calls and spotting vulnerability at first contact, in "
    "dealing with missing and exploited children, in auditing for victim-blaming language, in crime "
    "management and the priority given to investigations, and in professional standards and property "
    "management, with progress against the force's Milestone Plan; the inspectorate keeps monitoring it."
)

# Words that tie a strategic-planning or workforce finding to the decision's second concern.
DEMAND_WORDS = ("demand", "workforce", "skills")


def _concerns() -> list[str]:
    findings = Finding.objects.filter(
        inspection__reference=REPORT, kind__in=[str(k) for k in CONCERN_KINDS]
    ).order_by("position", "id")
    chosen = []
    for finding in findings:
        areas = set(finding.area_ids)
        about_demand = areas & {"strategic-planning", "workforce"} and any(
            word in finding.text.lower() for word in DEMAND_WORDS
        )
        if "responding" in areas or about_demand:
            chosen.append(str(finding.code))
    return chosen


def record_monitoring() -> int:
    """Record the Metropolitan placement in Engage and its exit, unless already recorded; the number
    of periods made (0 or 1)."""
    force = Force.objects.get(id=FORCE)
    recorded = MonitoringPeriod.objects.filter(force=force, started_on=PLACED_ON).first()
    if recorded is not None:
        # A demo rebuilt with --reset made its inspections again: link the new findings.
        if not recorded.concerns.exists():
            recorded.concerns.set(Finding.objects.filter(code__in=_concerns()))
        return 0
    place(
        force,
        Stage.ENGAGE,
        PLACED_ON,
        decision=PLACED_BY,
        reasons=PLACED_REASONS,
        source=PLACED_SOURCE,
        concerns=_concerns(),
        by=None,
    )
    leave(force, LEFT_ON, reasons=LEFT_REASONS, source=LEFT_SOURCE, decision=LEFT_BY, by=None)
    return 1
