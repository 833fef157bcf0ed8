"""Does the interval cover the truth as often as it claims? Simulated audits of known populations.

Each design is a finite population whose every record's answers are known. A simulated audit draws
each stratum's sample without replacement, estimates the rate as a real audit would (with the
estimator of :mod:`inspectorate.core.stats.stratified`, over all strata and per crime group), and checks
whether each interval holds the population's true rate. Over many audits a 95 percent interval
should cover about 95 percent of the time; much less means the margins are too narrow.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from inspectorate.core.cdi.sampling import allocate
from inspectorate.core.cdi.types import (
    OTHER,
    ROUTES,
    SEXUAL,
    VIOLENCE,
    SampleDesign,
    stratum_key,
)
from inspectorate.core.stats.intervals import FloatArray, wilson_bounds, z_value
from inspectorate.core.stats.ratio import RatioBatch
from inspectorate.core.stats.stratified import stratified_batch

# (crime group, route, frame size N_h, sample size n_h, true eligible share, true recording rate)
SimulatedStratum = tuple[str, str, int, int, float, float]


@dataclass(frozen=True)
class SimulatedDesign:
    name: str
    strata: tuple[SimulatedStratum, ...]

    def cells(self) -> list[tuple[int, int, int]]:
        """Each stratum's population as (hits, eligible but missed, not eligible)."""
        cells = []
        for _group, _route, frame, _sample, share, rate in self.strata:
            eligible = round(frame * share)
            hits = round(eligible * rate)
            cells.append((hits, eligible - hits, frame - eligible))
        return cells

    @property
    def groups(self) -> tuple[str, ...]:
        """The crime groups of the design, in the order their strata first appear."""
        return tuple(dict.fromkeys(group for group, *_ in self.strata))

    def group_rate(self, group: str) -> float:
        cells = [c for c, s in zip(self.cells(), self.strata, strict=True) if s[0] == group]
        return sum(c[0] for c in cells) / sum(c[0] + c[1] for c in cells)

    @property
    def true_rate(self) -> float:
        cells = self.cells()
        return sum(c[0] for c in cells) / sum(c[0] + c[1] for c in cells)


@dataclass(frozen=True)
class StratumCoverage:
    key: str
    true_rate: float
    audits: int  # audits in which the stratum had at least one eligible record
    covered_wilson: int


@dataclass(frozen=True)
class GroupCoverage:
    """Coverage of one crime group's rate (the stratified estimate over the group's strata).

    Shares are of all the audits; one with no eligible record in the group covers nothing. Within a
    group the platform's interval is the group's Wilson interval, so ``interval_share`` is
    ``wilson_share``.
    """

    group: str
    audits: int
    true_rate: float
    covered_symmetric: int
    covered_wilson: int
    mean_rate: float
    mean_margin: float

    @property
    def symmetric_share(self) -> float:
        return self.covered_symmetric / self.audits

    @property
    def wilson_share(self) -> float:
        return self.covered_wilson / self.audits

    @property
    def interval_share(self) -> float:
        return self.wilson_share


@dataclass(frozen=True)
class Coverage:
    """Coverage of the overall rate by the symmetric interval, the Wilson interval on the overall
    effective n, and the interval the platform uses (``covered_interval``), with the same per crime
    group (``groups``) and per stratum (``strata``, the strata's own Wilson intervals)."""

    design: str
    audits: int
    true_rate: float
    covered_symmetric: int
    covered_wilson: int
    covered_interval: int
    mean_rate: float
    mean_margin: float
    groups: tuple[GroupCoverage, ...]
    strata: tuple[StratumCoverage, ...]

    @property
    def symmetric_share(self) -> float:
        return self.covered_symmetric / self.audits

    @property
    def wilson_share(self) -> float:
        return self.covered_wilson / self.audits

    @property
    def interval_share(self) -> float:
        return self.covered_interval / self.audits


def simulate_coverage(design: SimulatedDesign, audits: int, seed: int, confidence: float = 0.95) -> Coverage:
    """Run ``audits`` simulated audits of ``design`` from a seeded generator (same seed, same result)."""
    rng = np.random.default_rng(seed)
    cells = design.cells()
    # One draw per stratum for all audits at once: an (audits, 3) array of counts per cell.
    draws = [
        rng.multivariate_hypergeometric(np.array(cell), stratum[3], size=audits)
        for cell, stratum in zip(cells, design.strata, strict=True)
    ]
    hits = np.stack([d[:, 0] for d in draws], axis=1)
    eligible = hits + np.stack([d[:, 1] for d in draws], axis=1)
    decided = np.broadcast_to(np.array([s[3] for s in design.strata]), hits.shape)
    groups = [s[0] for s in design.strata]
    batch = stratified_batch(groups, [s[2] for s in design.strata], decided, eligible, hits, confidence)
    truth = design.true_rate
    overall = batch.overall
    symmetric_covered, mean_rate, mean_margin = _symmetric(overall, truth)
    return Coverage(
        design=design.name,
        audits=audits,
        true_rate=truth,
        covered_symmetric=symmetric_covered,
        covered_wilson=_covered(overall.wilson_lower, overall.wilson_upper, truth),
        covered_interval=_covered(batch.interval_lower, batch.interval_upper, truth),
        mean_rate=mean_rate,
        mean_margin=mean_margin,
        groups=tuple(
            _group_coverage(group, batch.groups[group], design.group_rate(group)) for group in design.groups
        ),
        strata=tuple(
            _stratum_coverage(design, h, hits[:, h], eligible[:, h], confidence) for h in range(len(cells))
        ),
    )


def _covered(lower: FloatArray, upper: FloatArray, truth: float) -> int:
    # NaN bounds (nothing eligible drawn: no interval) compare false, so cover nothing.
    return int(np.count_nonzero((lower <= truth) & (truth <= upper)))


def _symmetric(batch: RatioBatch, truth: float) -> tuple[int, float, float]:
    """Audits the symmetric interval covers, and the mean rate and margin over audits with a rate."""
    lower, upper = batch.symmetric()
    has = ~np.isnan(batch.rate)
    mean_rate = float(batch.rate[has].mean()) if has.any() else float("nan")
    mean_margin = float((batch.z * batch.standard_error[has]).mean()) if has.any() else float("nan")
    return _covered(lower, upper, truth), mean_rate, mean_margin


def _group_coverage(group: str, batch: RatioBatch, truth: float) -> GroupCoverage:
    symmetric_covered, mean_rate, mean_margin = _symmetric(batch, truth)
    return GroupCoverage(
        group=group,
        audits=len(batch.rate),
        true_rate=truth,
        covered_symmetric=symmetric_covered,
        covered_wilson=_covered(batch.wilson_lower, batch.wilson_upper, truth),
        mean_rate=mean_rate,
        mean_margin=mean_margin,
    )


def _stratum_coverage(
    design: SimulatedDesign, h: int, hits: np.ndarray, eligible: np.ndarray, confidence: float
) -> StratumCoverage:
    group, route, *_ = design.strata[h]
    cell = design.cells()[h]
    key = stratum_key(group, route)
    if cell[0] + cell[1] == 0:
        return StratumCoverage(key, 0.0, 0, 0)
    truth = cell[0] / (cell[0] + cell[1])
    has = eligible > 0
    n = eligible[has].astype(np.float64)
    lower, upper = wilson_bounds(hits[has] / n, n, z_value(confidence))
    return StratumCoverage(key, truth, int(has.sum()), _covered(lower, upper, truth))


def _by_route(
    group: str, share: float, rates: tuple[float, ...], frames: tuple[int, ...], samples: tuple[int, ...]
) -> tuple[SimulatedStratum, ...]:
    return tuple((group, ROUTES[i], frames[i], samples[i], share, rates[i]) for i in range(4))


# A six-month Metropolitan-like frame: crime-related incidents per crime group, and the share of
# each group's incidents by route (999, 101, online, no call).
DEFAULT_FRAME = {VIOLENCE: 30_000, SEXUAL: 3_000, OTHER: 100_000}
ROUTE_SHARES = (0.4, 0.3, 0.2, 0.1)
# Share of sampled incidents that should have been crimes, by crime group and route.
DEFAULT_ELIGIBLE = {
    VIOLENCE: (0.9, 0.85, 0.8, 0.9),
    SEXUAL: (0.9, 0.85, 0.8, 0.85),
    OTHER: (0.8, 0.75, 0.7, 0.8),
}


def default_sized(name: str, rates: Mapping[str, tuple[float, ...]]) -> SimulatedDesign:
    """A design with the sample sizes the sampler draws by default (a 5-point margin at an expected
    90 percent per crime group, shared among routes) from :data:`DEFAULT_FRAME`, with recording
    rates by group and route: about 135 records per group, 13 to 55 per stratum."""
    frames = {
        stratum_key(group, route): round(total * share)
        for group, total in DEFAULT_FRAME.items()
        for route, share in zip(ROUTES, ROUTE_SHARES, strict=True)
    }
    return SimulatedDesign(
        name,
        tuple(
            (
                s.crime_group,
                s.route,
                s.frame_size,
                s.sample_size,
                DEFAULT_ELIGIBLE[s.crime_group][ROUTES.index(s.route)],
                rates[s.crime_group][ROUTES.index(s.route)],
            )
            for s in allocate(frames, SampleDesign())
        ),
    )


# The Metropolitan 2021/22 group rates (violence 86.4, sexual offences 95.2, other about 93), a
# little different by route; the audit's default sample sizes.
DEFAULT_DESIGN = default_sized(
    "default-sizes-mps-rates",
    {VIOLENCE: (0.88, 0.86, 0.84, 0.86), SEXUAL: (0.96, 0.95, 0.94, 0.95), OTHER: (0.94, 0.93, 0.92, 0.93)},
)

STANDARD_DESIGNS = (
    DEFAULT_DESIGN,
    # The same sizes for a force that records well: other crime at 97 percent, violence at 90.
    default_sized(
        "default-sizes-high-rates",
        {
            VIOLENCE: (0.92, 0.90, 0.89, 0.90),
            SEXUAL: (0.96, 0.95, 0.94, 0.95),
            OTHER: (0.975, 0.97, 0.965, 0.97),
        },
    ),
    # West Midlands 2017 shape: 83.8 percent +/- 1.88 implies a simple random sample of 1,476 records
    # that should all have been crimes; six months of crime-related incidents is tens of thousands.
    SimulatedDesign("west-midlands-srs", (("all", "all", 60_000, 1_476, 1.0, 0.838),)),
    # MPS 2021/22 group rates (violence 86.4, sexual 95.2); some sampled incidents were not crimes.
    SimulatedDesign(
        "mps-like-groups",
        (
            (VIOLENCE, "all", 45_000, 450, 0.85, 0.864),
            (SEXUAL, "all", 4_000, 300, 0.75, 0.952),
            (OTHER, "all", 70_000, 400, 0.70, 0.93),
        ),
    ),
    # Twelve strata with rates differing by route and allocation far from proportional (sexual
    # offences and online reports oversampled), so the weights N_h / n_h range from 6 to over 200.
    SimulatedDesign(
        "group-by-route-12",
        _by_route(VIOLENCE, 0.85, (0.90, 0.85, 0.78, 0.80), (9_000, 14_000, 4_000, 6_000), (120, 130, 90, 60))
        + _by_route(SEXUAL, 0.8, (0.96, 0.94, 0.90, 0.92), (700, 1_100, 600, 300), (80, 90, 80, 50))
        + _by_route(OTHER, 0.65, (0.95, 0.92, 0.88, 0.90), (12_000, 30_000, 9_000, 8_000), (80, 140, 90, 60)),
    ),
    # A small force and a long audit: up to two thirds of each stratum is audited, so the finite
    # population correction narrows the margin a lot and must be right.
    SimulatedDesign(
        "small-frame-fpc",
        (
            (VIOLENCE, "all", 500, 300, 0.9, 0.86),
            (SEXUAL, "all", 150, 100, 0.8, 0.93),
            (OTHER, "all", 700, 350, 0.75, 0.91),
        ),
    ),
)
