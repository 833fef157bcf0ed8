"""When an inspection sits in a force's history: one sortable date for every page and rule of it.

An inspection run here has its period; a report imported from before the platform usually has
none, but prints its publication day, which orders a force's reports of one programme (a 2018
crime data integrity report after a 2016 one, though both are of the 2016-2019 programme). Only
when neither is known does the framework's years of use stand in. The rule itself is
``inspection_when`` (web/inspections/documents.py), so that the history, the public lists and the
national tables all order alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from inspectorate.web.inspections.documents import inspection_when
from inspectorate.web.inspections.models import Inspection


def history_when(inspection: Inspection) -> str:
    """The period's start, else the publication day the report prints, else the framework's years."""
    return inspection_when(inspection)


def in_history_order(inspections: Iterable[Inspection]) -> list[Inspection]:
    """Oldest first; the same order on every database."""
    return sorted(inspections, key=lambda i: (history_when(i), i.reference))
