"""Which months a synthetic return covers, how many records of each kind fall in each, and the
month-by-month generation of its tables from their own seeded random streams."""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterator
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from inspectorate.core.data.synth import calibration as cal
from inspectorate.core.data.synth import tables
from inspectorate.core.data.synth.columns import Counter, Month, allocate, categories, stochastic_round

_VOLUME_STREAMS = ("calls", "incidents", "crimes", "fraud", "asb", "stop_search")


class Plan:
    """The months to generate and how many records of each kind fall in each."""

    def __init__(
        self, force_id: str, year: int, seed: int, people: float, share_of_met: float, previous: bool
    ) -> None:
        self.force_id = force_id
        self.key = (seed, zlib.crc32(force_id.encode()), year)
        first = year - 2 if previous else year - 1
        self.months: list[Month] = []
        for index in range(24 if previous else 12):
            start = add_months(date(first, 4, 1), index)
            period_end = date(first + 1 + index // 12, 4, 1)
            period = 0 if previous and index < 12 else 1
            self.months.append(Month(index, start, add_months(start, 1), period, period_end))
        self.people = people
        self.share_of_met = share_of_met
        self.counts: dict[str, list[int]] = {}
        for name in _VOLUME_STREAMS:
            self.counts[name] = [n for period in self._periods() for n in self._volumes(name, period)]
        self.answers = [answers for period in self._periods() for answers in self._survey_answers(period)]

    def _periods(self) -> list[list[Month]]:
        return [self.months[i : i + 12] for i in range(0, len(self.months), 12)]

    def _rng(self, *keys: int) -> np.random.Generator:
        return np.random.default_rng([*self.key, *keys])

    def figures(self, month: Month) -> cal.YearFigures:
        return cal.CURRENT if month.period == 1 else cal.PREVIOUS

    def _volumes(self, name: str, months: list[Month]) -> list[int]:
        figures = self.figures(months[0])
        per_1000 = self.people / 1000
        annual = {
            "calls": cal.MET_CONTACTS_PER_YEAR * self.share_of_met,
            "incidents": cal.MET_INCIDENTS_PER_YEAR * self.share_of_met,
            "crimes": figures.crime_per_1000 * per_1000,
            "fraud": cal.FRAUD_PER_1000 * per_1000,
            "asb": figures.asb_per_1000 * per_1000,
            "stop_search": cal.PERSON_SEARCHES_PER_1000 * per_1000,
        }[name]
        rng = self._rng(0, months[0].period, _VOLUME_STREAMS.index(name))
        swing = cal.SEASONAL_SWING.get(name, cal.SEASONAL_SWING["crimes"])
        weights = [m.days * (1 + swing * math.cos(2 * math.pi * (m.start.month - 7) / 12)) for m in months]
        return [int(n) for n in allocate(rng, stochastic_round(rng, annual), weights)]

    def _survey_answers(self, months: list[Month]) -> list[NDArray[np.int64]]:
        """Each month's survey answers, allocated over the whole year: a year has only about one answer
        per 100 crimes, and allocating month by month would leave each month's rounding to chance."""
        rng = self._rng(0, months[0].period, len(_VOLUME_STREAMS))
        crimes = [self.counts["crimes"][month.index] for month in months]
        total = stochastic_round(rng, sum(crimes) * cal.SURVEY_RESPONSES_PER_CRIME)
        answers = categories(rng, total, cal.SATISFACTION_MIX)
        ends = np.cumsum(allocate(rng, total, crimes))
        return np.split(answers, ends[:-1])

    def generate(self) -> Iterator[tuple[str, Any, Month]]:
        """Each month's tables in turn."""
        ids = {name: Counter() for name in ("calls", "incidents", "crimes", "victims", "survey", "asb")}
        earlier: list[tables.Links] = []
        search_weights = tables.search_weights(self.force_id)
        for month in self.months:
            i = month.index

            def rng(stream: int, month: Month = month) -> np.random.Generator:
                return self._rng(1, month.index, stream)

            calls, answered = tables.calls(rng(0), month, self.counts["calls"][i], ids["calls"])
            yield "calls", calls, month
            # Incidents' offence groups (7) and crimes' links to incidents (8) were added later and
            # have streams of their own, so that they moved as few earlier values as possible.
            incidents, crime_incidents = tables.incidents(
                rng(1), rng(7), month, self.counts["incidents"][i], answered, ids["incidents"]
            )
            yield "incidents", incidents, month
            crime = tables.crimes(
                rng(2),
                rng(8),
                month,
                self.counts["crimes"][i],
                self.counts["fraud"][i],
                crime_incidents,
                self.figures(month).domestic_abuse_share,
                ids["crimes"],
                ids["victims"],
            )
            yield "crimes", crime.table, month
            yield "outcomes", tables.outcomes(rng(3), month, crime), month
            pool = tables.Links(
                np.concatenate([links.numbers for links in earlier] + [np.zeros(0, np.int64)]),
                np.concatenate([links.times for links in earlier] + [np.zeros(0, np.int64)]),
            )
            yield "survey", tables.survey(rng(4), month, self.answers[i], pool, ids["survey"]), month
            earlier = [*earlier[-1:], crime.surveyable()]
            yield "asb", tables.asb(rng(5), month, self.counts["asb"][i], ids["asb"]), month
            searches = tables.stop_search(rng(6), month, self.counts["stop_search"][i], search_weights)
            yield "stop_search", searches, month


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
