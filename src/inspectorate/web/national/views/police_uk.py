"""/national/police-uk/: the months a force published nothing, or far too little, on police.uk."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from inspectorate.core.forces import find_force
from inspectorate.web.national import data
from inspectorate.web.national.documents import MonthFlagLine, PoliceUkPage
from inspectorate.web.pages.twins import Fmt, Page, render_page


def _force_name(force_id: str) -> str:
    force = find_force(force_id)
    return force.name if force else force_id


def police_uk_document() -> PoliceUkPage:
    lines = [
        MonthFlagLine(
            force=flag.force_id,
            force_name=_force_name(flag.force_id),
            month=flag.month.strftime("%Y-%m"),
            kind=str(flag.kind),
            rows=flag.rows,
            expected=flag.expected,
            reason=flag.reason,
        )
        for flag in data.completeness_flags()
    ]
    return PoliceUkPage(flags=sorted(lines, key=lambda line: (line.force_name, line.month)))


def police_uk_completeness(request: HttpRequest, fmt: Fmt) -> HttpResponse:
    """Each flagged month by force: published nothing, or far too little; never read as zero."""
    document = police_uk_document()
    forces: dict[str, list[MonthFlagLine]] = {}
    for line in document.flags:
        forces.setdefault(line.force_name, []).append(line)
    page = Page("national/police_uk.html", "police.uk: months missing or far too small", document,
                {"forces": forces}, "national-police-uk")  # fmt: skip
    return render_page(request, fmt, page)
