"""What a programme module offers the reader of published reports (the ingest plug-in contract).

A programme module (``programmes/<name>``) reads the reports of one inspection programme. It offers
``PROGRAMME``, a :class:`Programme`: the framework in the library its reports are read against, the
programme's title, a test that a document is one of its reports, and a reader that finds the
report's structure (grades, findings, date) as a :class:`ProgrammeReading`. What every report shares
(the force, crime data integrity figures, case-review counts) is read by ``common``, never by a
programme. A programme module imports this contract, ``document``, ``model`` and ``common``; adding
one takes its module and a line in ``programmes/registry.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.model import ImportedFinding, ImportedJudgment


@dataclass(frozen=True)
class ProgrammeReading:
    """What a programme's reader finds in a report of its own."""

    framework_version: str | None
    date: str | None
    judgments: tuple[ImportedJudgment, ...] = ()
    findings: tuple[ImportedFinding, ...] = ()
    # What the reader looked for and could not find, each "what: why".
    missing: tuple[str, ...] = field(default=())
    # The programme's year as the text names it ("2017", "2018/19", "2023-25"), None when unnamed.
    year: str | None = None


@dataclass(frozen=True)
class Programme:
    framework_id: str  # the framework in the library its reports are read against
    title: str
    recognises: Callable[[Document], bool]
    read: Callable[[Document], ProgrammeReading]
