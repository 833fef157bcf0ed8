"""Marks on a report's pages: the anchors of its parts and, for the force's liaison at the
factual-accuracy check, a "Comment on this" link beside each (web/factcheck/targets.py names the
parts); and the embargo notice on an inspection's page read before its embargo ends."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from inspectorate.core.reports.context import ReportContext, ReportFigure
from inspectorate.web.reports.record import embargo_time as _embargo_time
from inspectorate.web.reports.record import embargoed_record

register = template.Library()


@register.filter
def figure_number(report: ReportContext, figure: ReportFigure) -> str:
    """A figure's place among the report's figures, 1 the first: its anchor and its reference."""
    for number, each in enumerate(report.figures, start=1):
        if each is figure:
            return str(number)
    return str(report.figures.index(figure) + 1) if figure in report.figures else ""


@register.filter
def embargo_time(embargo_until: datetime.datetime | str | None) -> str:
    """When an embargo ends, as pages say it: "5 January 2027 at 09:00"."""
    return _embargo_time(embargo_until)


@register.simple_tag(takes_context=True)
def comment_on(context: template.Context, kind: str, ref: object = "") -> SafeString | str:
    """The link to comment on one part of the draft, where the reader may comment; else nothing."""
    url = context.get("commenting")
    if not url:
        return ""
    on = f"{kind}:{ref}" if ref not in ("", None) else kind
    # What it is on in words, for those who hear the link read out of its place.
    labels = context.get("comment_labels") or {}
    return format_html(
        ' <a class="govuk-link app-comment-link" href="{}?{}#comment-form">Comment on this'
        '<span class="govuk-visually-hidden"> ({})</span></a>',
        url,
        urlencode({"on": on}),
        labels.get(on, kind),
    )


@register.inclusion_tag("reports/_embargo_notice.html", takes_context=True)
def embargo_notice(context: template.Context) -> dict[str, Any]:
    """The notice on an inspection's page for an invited contact reading it before its embargo ends."""
    request, inspection = context.get("request"), context.get("inspection")
    if request is None or inspection is None:
        return {"notice": None}
    found = embargoed_record(request.user, inspection)
    return {"notice": found[0].embargo_notice if found else None}
