"""A national table made up for a test: one edition, one population figure, labelled SYNTHETIC."""

from __future__ import annotations

from datetime import date

from inspectorate.core.national.figures import (
    Edition,
    Measure,
    NationalFigure,
    NationalTable,
    Publisher,
    Unit,
)


def synthetic_table(edition_id: str, *, year: int = 2030, area: str = "kent") -> NationalTable:
    """SYNTHETIC: ``edition_id`` holding one made-up mid-``year`` population of ``area``."""
    edition = Edition(
        id=edition_id,
        series="synthetic",
        title="SYNTHETIC edition made up for a test",
        publisher=Publisher.ONS,
        published=None,
        source_file="synthetic.csv",
        sha256=f"{sum(map(ord, edition_id)):064x}",
    )
    figure = NationalFigure(
        measure="population",
        area=area,
        period_start=date(year, 6, 30),
        period_end=date(year, 6, 30),
        value=1.0,
        edition=edition.id,
        where="SYNTHETIC",
    )
    measure = Measure(id="population", title="Population", unit=Unit.PEOPLE)
    return NationalTable(edition=edition, measures=(measure,), figures=(figure,))
