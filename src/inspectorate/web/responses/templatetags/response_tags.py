"""The report page's line on its response ("Response from the Mayor's Office for Policing and Crime:
due 25 February 2023; published 20 February 2023"), drawn from the same rules as the responses' pages,
so that the report's own templates ask nothing of this app but the tag."""

from __future__ import annotations

from typing import Any

from django import template

from inspectorate.core.reports.context import ReportContext
from inspectorate.web.followup.visible import is_public
from inspectorate.web.inspections.changes import long_date
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.responses.documents import state_line
from inspectorate.web.responses.services import body_name, response_of, state_of, today

register = template.Library()


@register.inclusion_tag("responses/_line.html")
def response_line(inspection: Inspection, report: ReportContext) -> dict[str, Any]:
    """Nothing for a draft, a copy under embargo or an exercise: only the published
    record, as the public reads it, has a response."""
    shown = not report.draft and not report.embargo_notice and not report.exercise and is_public(inspection)
    if not shown:
        return {"shown": False}
    response = response_of(inspection)
    state = state_of(inspection, today(), response)
    return {
        "shown": True,
        "inspection": inspection,
        "body": body_name(inspection),
        "state": state,
        "line": state_line(state),
        "response": response,
    }


@register.filter(name="response_date")
def response_date(raw: str | None) -> str:
    """An ISO date as pages write it (25 February 2023); empty for none."""
    return long_date(raw) if raw else ""
