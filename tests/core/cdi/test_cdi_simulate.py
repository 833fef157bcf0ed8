"""Coverage of the intervals in simulated audits of populations whose true rate is known.

20,000 audits per design put the standard error of a coverage near 95 percent at 0.15 points, so
the 95 ± 1 band is more than six standard errors wide on each side of the target. The figures of
docs/cdi.md, section 4, come from the same simulation with seed 1 (`inspectorate cdi simulate`).
"""

from __future__ import annotations

import pytest

from inspectorate.core.cdi.sampling import allocate
from inspectorate.core.cdi.simulate import (
    DEFAULT_DESIGN,
    DEFAULT_FRAME,
    STANDARD_DESIGNS,
    SimulatedDesign,
    simulate_coverage,
)
from inspectorate.core.cdi.types import OTHER, SEXUAL, VIOLENCE, SampleDesign
from inspectorate.core.stats.sizing import sample_size_for_margin

AUDITS = 20_000
SEED = 20_261_122


@pytest.mark.parametrize("design", STANDARD_DESIGNS, ids=lambda d: d.name)
def test_the_platforms_interval_covers_the_true_rate_95_times_in_100(design: SimulatedDesign) -> None:
    coverage = simulate_coverage(design, AUDITS, SEED)
    assert coverage.audits == AUDITS
    assert 0.94 <= coverage.interval_share <= 0.96
    # The estimator is (near enough) unbiased: its mean is within a few simulation errors of the truth.
    assert coverage.mean_rate == pytest.approx(coverage.true_rate, abs=0.001)


def test_at_the_default_sizes_each_crime_groups_interval_covers_95_times_in_100() -> None:
    coverage = simulate_coverage(DEFAULT_DESIGN, AUDITS, SEED)
    assert [g.group for g in coverage.groups] == [VIOLENCE, SEXUAL, OTHER]
    for group in coverage.groups:
        assert group.audits == AUDITS
        assert 0.94 <= group.interval_share <= 0.96, group.group
        assert group.mean_rate == pytest.approx(group.true_rate, abs=0.002), group.group
        assert group.true_rate == pytest.approx(DEFAULT_DESIGN.group_rate(group.group))


def test_at_the_default_sizes_the_symmetric_interval_under_covers() -> None:
    # Why the platform does not grade on it: for about 135 records per group at rates near 95
    # percent, rate ∓ 1.96 se misses the truth one time in ten for sexual offences (docs/cdi.md,
    # section 4), and misses the overall rate too often as well.
    coverage = simulate_coverage(DEFAULT_DESIGN, AUDITS, SEED)
    sexual = next(g for g in coverage.groups if g.group == SEXUAL)
    assert sexual.symmetric_share < 0.93
    assert coverage.symmetric_share < 0.94
    # So does Wilson on the overall effective n, less so; the groups' intervals combined do not.
    assert coverage.symmetric_share < coverage.wilson_share < coverage.interval_share


def test_the_default_design_has_the_samplers_default_sizes() -> None:
    # Each group gets what a 5-point margin at an expected 90 percent needs from its frame, shared
    # over the four routes (40/30/20/10 percent of the frame) as the sampler shares it.
    for group, frame in DEFAULT_FRAME.items():
        strata = [s for s in DEFAULT_DESIGN.strata if s[0] == group]
        assert sum(s[2] for s in strata) == frame
        assert sum(s[3] for s in strata) == sample_size_for_margin(0.05, 0.9, frame)
    frames = {f"{s[0]}/{s[1]}": s[2] for s in DEFAULT_DESIGN.strata}
    assert [(s[0], s[1], s[2], s[3]) for s in DEFAULT_DESIGN.strata] == [
        (s.crime_group, s.route, s.frame_size, s.sample_size) for s in allocate(frames, SampleDesign())
    ]
    assert [s[3] for s in DEFAULT_DESIGN.strata] == [55, 41, 28, 14, 53, 40, 27, 13, 55, 42, 28, 14]
    # Rates near the Metropolitan 2021/22 figures: violence 86.4, sexual offences 95.2, other ~93.
    assert DEFAULT_DESIGN.group_rate(VIOLENCE) == pytest.approx(0.864, abs=0.002)
    assert DEFAULT_DESIGN.group_rate(SEXUAL) == pytest.approx(0.952, abs=0.002)
    assert DEFAULT_DESIGN.group_rate(OTHER) == pytest.approx(0.93, abs=0.005)
    assert all(s[4] < 1 for s in DEFAULT_DESIGN.strata)


def test_per_stratum_wilson_intervals_cover_their_own_rates() -> None:
    # Wilson's coverage wobbles around the nominal level with n and p (Brown, Cai and DasGupta,
    # Statistical Science 16(2), 2001), running a little high near 95 percent; hence ± 1.5 here.
    design = next(d for d in STANDARD_DESIGNS if d.name == "mps-like-groups")
    coverage = simulate_coverage(design, AUDITS, SEED)
    for stratum in coverage.strata:
        assert stratum.audits == AUDITS
        assert 0.935 <= stratum.covered_wilson / stratum.audits <= 0.965, stratum.key


def test_per_stratum_wilson_ignores_the_fpc_so_over_covers_small_frames() -> None:
    # Auditing up to two thirds of a stratum leaves far less uncertainty than Wilson assumes; the
    # overall interval applies the finite population correction and stays near 95 (test above).
    design = next(d for d in STANDARD_DESIGNS if d.name == "small-frame-fpc")
    coverage = simulate_coverage(design, 5_000, SEED)
    assert all(s.covered_wilson / s.audits > 0.99 for s in coverage.strata)


def test_the_true_rate_is_that_of_the_population() -> None:
    design = SimulatedDesign("two", ((OTHER, "999", 1000, 10, 0.5, 0.8), (SEXUAL, "101", 3000, 10, 1.0, 0.9)))
    assert design.cells() == [(400, 100, 500), (2700, 300, 0)]
    assert design.true_rate == (400 + 2700) / (500 + 3000)
    assert (design.group_rate(OTHER), design.group_rate(SEXUAL)) == (0.8, 0.9)
    assert design.groups == (OTHER, SEXUAL)


def test_a_seed_gives_the_same_simulation_every_time() -> None:
    design = STANDARD_DESIGNS[0]
    assert simulate_coverage(design, 200, 7) == simulate_coverage(design, 200, 7)
    assert simulate_coverage(design, 200, 7) != simulate_coverage(design, 200, 8)
