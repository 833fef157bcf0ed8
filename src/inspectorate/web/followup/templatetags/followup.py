"""The follow-up's template helpers: a log entry's files with their downloads, and the link to an
inspection's followed findings for those who may read them (the inspection page loads it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from inspectorate.web.followup.access import follow_access
from inspectorate.web.followup.models import FollowUp
from inspectorate.web.inspections.models import Inspection

register = template.Library()


@register.filter(name="zip_files")
def zip_files(names: Sequence[str], urls: Sequence[str]) -> list[tuple[str, str]]:
    return list(zip(names, urls, strict=False))


@register.simple_tag(takes_context=True)
def follow_up_link(context: dict[str, Any], inspection: Inspection) -> SafeString | str:
    """A link to the inspection's followed findings, with how many there are, for a reader entitled
    to them; nothing for anyone else, or before any is followed."""
    request = context.get("request")
    if request is None or follow_access(request.user, inspection) is None:
        return ""
    count = FollowUp.objects.filter(finding__inspection=inspection).count()
    if not count:
        return ""
    return format_html(
        '<p class="govuk-body" id="follow-up-link">'
        '<a class="govuk-link" href="{}">Findings followed up ({})</a>: '
        "where each cause of concern, recommendation and area for improvement stands.</p>",
        reverse("follow-up", kwargs={"code": inspection.code}),
        count,
    )
