"""Reports of PEEL 2014 to 2017 as the inspectorate published them on its site: a force's
overview page, its pillar pages, its question pages, and the press releases.

Each year has its own programme (``peel-2014`` ... ``peel-2017``), recognised from the page's own
wording (``recognise``). Grades are read in the wording families of those pages (``labels``: a
label below a heading; ``sentences``: the overview's lines, judgment sentences, press releases'
bullets), against the year's table of areas (``years``). A text that states no grade gives none;
a grade quoted from an earlier year is not this report's. PEEL 2018/19 pages are read by
``peel2018``, which uses the same families for what its own layout does not print.
"""

from __future__ import annotations

from collections.abc import Callable

from inspectorate.core.ingest.contract import Programme, ProgrammeReading
from inspectorate.core.ingest.document import Document
from inspectorate.core.ingest.programmes.peel_pages import labels, reader
from inspectorate.core.ingest.programmes.peel_pages.recognise import programme_of
from inspectorate.core.ingest.programmes.peel_pages.years import YEARS, Year

__all__ = ["PROGRAMMES", "YEARS", "programme_of", "read_year"]


def _version(year: Year) -> str | None:
    """The framework's version once the library holds the year; the year's name until then."""
    from inspectorate.core.frameworks.library import FrameworkNotFound, get_framework

    try:
        return get_framework(year.programme).version
    except FrameworkNotFound:
        return year.name


def read_year(document: Document, year: Year) -> ProgrammeReading:
    judgments, missing = reader.judgments(document, year)
    findings, not_read = labels.findings(document, labels.headings(document, year))
    return ProgrammeReading(
        framework_version=_version(year),
        date=None,
        judgments=tuple(judgments),
        findings=tuple(findings),
        missing=tuple(missing + not_read + reader.no_date(document)),
    )


def _programme(year: Year) -> Programme:
    def recognises(document: Document) -> bool:
        return programme_of(document) == year.programme

    def read(document: Document) -> ProgrammeReading:
        return read_year(document, year)

    checks: tuple[Callable[[Document], bool], Callable[[Document], ProgrammeReading]] = (recognises, read)
    return Programme(year.programme, year.title, *checks)


PROGRAMMES: tuple[Programme, ...] = tuple(
    _programme(YEARS[programme]) for programme in ("peel-2017", "peel-2016", "peel-2015", "peel-2014")
)
