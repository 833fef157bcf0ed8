"""Which edition's figure stands when several print the same one, and the others kept as revisions.

Two figures are the same figure when they share a measure, an area and a period (`NationalFigure.key`).
Of those, the figure of the edition that comes first by this precedence stands:

1. The publisher: the Home Office's open data and tables before the ONS's tables, before police.uk.
   The Home Office's recorded crime open data is revised with each release: a copy holds the
   returns as they stood when it was taken (the 2017/18 copy held here, kept in August 2019, has
   Avon and Somerset's year at 140,071 offences). An ONS police force area table is fixed on the
   day of its release (its year ending March 2018 table, July 2018, printed 137,455). For the same
   force, measure and period the open data is the current figure and the ONS's is shown beside it
   as a revision. The two publishers' tables held share no other measure.
2. Within one publisher, the later edition: by the day of release where every edition of the
   series states one, else by the latest period the edition covers (an edition for the year
   ending June 2019 is later than the one for March 2019), then by the day of release where
   known, then by the edition's id. Series with and without release days are compared the same
   way, so that the order is one order.

Every other edition's figure for the same key is kept as a `Revision`, the most authoritative first.
A second figure for the same key in the *same* edition (the year ending March 2018 edition prints the
mid-2016 population both as Table P3's denominator and in Table P9's series) is not a revision:
the first one read stands. A figure whose edition is not among the data's editions comes last.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from inspectorate.core.national.figures import Edition, NationalData, NationalFigure, Publisher
from inspectorate.core.national.memo import per_data
from inspectorate.core.national.results import Revision

FigureKey = tuple[str, str, date, date]
"""(measure, area, period_start, period_end): what two editions must share for one to revise the other."""

PUBLISHER_PRECEDENCE: tuple[Publisher, ...] = (Publisher.HOME_OFFICE, Publisher.ONS, Publisher.POLICE_UK)

_Order = tuple[int, date, date, str]


def edition_precedence(data: NationalData) -> dict[str, int]:
    """Each edition's place: the higher the number, the more authoritative (see the module's text)."""
    latest: dict[str, date] = {}
    for figure in data.figures:
        if figure.period_end > latest.get(figure.edition, date.min):
            latest[figure.edition] = figure.period_end
    dated_series: dict[str, bool] = {}
    for edition in data.editions:
        dated_series[edition.series] = (
            dated_series.get(edition.series, True) and edition.published is not None
        )

    def order(edition: Edition) -> _Order:
        publisher = len(PUBLISHER_PRECEDENCE) - PUBLISHER_PRECEDENCE.index(edition.publisher)
        covered = latest.get(edition.id, date.min)
        published = edition.published or date.min
        if dated_series[edition.series]:
            return (publisher, published, covered, edition.id)
        return (publisher, covered, published, edition.id)

    ranked = sorted(data.editions, key=order)
    return {edition.id: place for place, edition in enumerate(ranked, start=1)}


@dataclass(frozen=True)
class CurrentFigures:
    """The standing figure for each key, and the figures of the other editions for it."""

    figures: Mapping[FigureKey, NationalFigure]
    superseded: Mapping[FigureKey, tuple[NationalFigure, ...]]
    """Most authoritative first."""
    precedence: Mapping[str, int]

    def revisions_of(self, figure: NationalFigure) -> tuple[Revision, ...]:
        # Made when asked for: most superseded figures are never shown.
        return tuple(
            Revision(edition=f.edition, value=f.value, status=f.status.value)
            for f in self.superseded.get(figure.key, ())
        )


@per_data
def resolve_editions(data: NationalData) -> CurrentFigures:
    """Every key's standing figure and the ones it supersedes, worked out once for each data object."""
    precedence = edition_precedence(data)
    by_key: dict[FigureKey, dict[str, NationalFigure]] = defaultdict(dict)
    for figure in data.figures:
        key = (figure.measure, figure.area, figure.period_start, figure.period_end)
        by_key[key].setdefault(figure.edition, figure)
    figures: dict[FigureKey, NationalFigure] = {}
    superseded: dict[FigureKey, tuple[NationalFigure, ...]] = {}
    for key, held in by_key.items():
        if len(held) == 1:
            figures[key] = next(iter(held.values()))
            continue
        ordered = sorted(held.values(), key=lambda f: precedence.get(f.edition, 0), reverse=True)
        figures[key] = ordered[0]
        superseded[key] = tuple(ordered[1:])
    return CurrentFigures(figures=figures, superseded=superseded, precedence=precedence)


def current_figures(data: NationalData) -> dict[FigureKey, NationalFigure]:
    """For each (measure, area, period), the figure of the edition that stands."""
    return dict(resolve_editions(data).figures)


def revisions(data: NationalData) -> dict[FigureKey, tuple[Revision, ...]]:
    """For each key more than one edition prints, the figures that do not stand, most authoritative first."""
    resolved = resolve_editions(data)
    return {key: resolved.revisions_of(resolved.figures[key]) for key in resolved.superseded}
