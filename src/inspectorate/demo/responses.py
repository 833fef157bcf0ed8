"""The demo's responses of the Mayor's Office for Policing and Crime to the published reports.

Each is recorded only where its real publication is known: the day MOPAC published it, its address,
and a summary in our own words. None is recorded yet: no published response to HMICFRS's PEEL 2021/22
inspection of the Metropolitan Police Service (nor to PEEL 2015 or 2018/19) was found in the sources
this demo is drawn from, so their response pages say "not recorded" rather than inventing one. An
entry added to ``RESPONSES`` is recorded through the same service as the pages and the CLI.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User

from inspectorate.web.inspections.models import Inspection
from inspectorate.web.responses.models import LocalResponse
from inspectorate.web.responses.services import record_response


@dataclass(frozen=True)
class KnownResponse:
    reference: str
    """The demo inspection it answers."""
    published_on: datetime.date
    address: str
    summary: str
    """In our own words."""


RESPONSES: tuple[KnownResponse, ...] = ()


def build_responses(by: User | None) -> int:
    """Record each known response not yet recorded; how many were recorded."""
    made = 0
    for known in RESPONSES:
        inspection = Inspection.objects.filter(reference=known.reference).first()
        if inspection is None or LocalResponse.objects.filter(inspection=inspection).exists():
            continue
        record_response(
            inspection, published_on=known.published_on, address=known.address, summary=known.summary, by=by
        )
        made += 1
    return made
