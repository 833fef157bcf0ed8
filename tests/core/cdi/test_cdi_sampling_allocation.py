"""Sample sizes per crime group and their split over reporting routes."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm

from inspectorate.core.cdi.sampling import allocate, parse_sizes, split
from inspectorate.core.cdi.types import (
    CRIME_GROUPS,
    OTHER,
    ROUTES,
    SEXUAL,
    VIOLENCE,
    SampleDesign,
    Stratum,
    stratum_key,
)
from inspectorate.core.problems import InputError


def frame_sizes(group: str, *sizes: int) -> dict[str, int]:
    return {stratum_key(group, route): size for route, size in zip(ROUTES, sizes, strict=True)}


def sizes_of(strata: tuple[Stratum, ...], group: str) -> list[int]:
    return [s.sample_size for s in strata if s.crime_group == group]


def test_strata_come_in_group_then_route_order_with_their_frame_sizes() -> None:
    strata = allocate({**frame_sizes(SEXUAL, 4, 3, 2, 1), **frame_sizes(OTHER, 9, 0, 0, 0)}, SampleDesign())
    assert [s.key for s in strata] == [stratum_key(g, r) for g in CRIME_GROUPS for r in ROUTES]
    assert [s.frame_size for s in strata] == [0, 0, 0, 0, 4, 3, 2, 1, 9, 0, 0, 0]
    # An empty group draws nothing.
    assert sizes_of(strata, VIOLENCE) == [0, 0, 0, 0]


def test_a_given_size_is_split_in_proportion_to_the_routes() -> None:
    strata = allocate(frame_sizes(VIOLENCE, 500, 300, 150, 50), SampleDesign(sizes={VIOLENCE: 100}))
    assert sizes_of(strata, VIOLENCE) == [50, 30, 15, 5]


def test_rounding_goes_to_the_largest_remainders_and_ties_to_the_earlier_route() -> None:
    # Quotas 4.55, 2.73, 2.73, 0: floors give 8, the two extra go to the .73s.
    assert split(10, [5, 3, 3, 0]) == [4, 3, 3, 0]
    # Quotas 2.5 and 2.5: the one extra goes to the first.
    assert split(5, [10, 10, 0]) == [3, 2, 0]


def test_every_non_empty_route_gets_two_records_or_all_it_has() -> None:
    # Quotas 19.78, 0.20, 0.02: the small routes are held at their minimums and the rest goes to 999.
    assert split(20, [1000, 10, 1, 0]) == [17, 2, 1, 0]
    # Too small a size for the minimums is raised to them, rather than leave a stratum unsampled.
    assert split(3, [100, 100, 100, 100]) == [2, 2, 2, 2]
    # Nothing asked for, nothing drawn.
    assert split(0, [100, 100, 100, 100]) == [0, 0, 0, 0]


def reference_size(
    margin: float, rate: float, frame: int, confidence: float = 0.95, share: float = 1.0
) -> int:
    """The simple-random-sampling size with the finite population correction, worked out here."""
    z = norm.ppf(1 - (1 - confidence) / 2)
    n0 = z**2 * rate * (1 - rate) / margin**2 / share
    return min(frame, math.ceil(n0 / (1 + (n0 - 1) / frame)))


@pytest.mark.parametrize(
    ("design", "frame", "expected"),
    [
        # n0 = 1.96^2 x 0.9 x 0.1 / 0.05^2 = 138.29; 138.29 / (1 + 137.29 / 200) = 82.0004 -> 83.
        (SampleDesign(), 200, 83),
        # A large frame barely corrects: 138.3 -> 139.
        (SampleDesign(), 1_000_000, 139),
        # Only 80% expected to be crimes: 138.3 / 0.8 = 172.9 -> 173.
        (SampleDesign(crime_share=0.8), 1_000_000, 173),
        # 90% confidence: 1.645^2 x 0.09 / 0.0025 = 97.4 -> 98.
        (SampleDesign(confidence=0.9), 1_000_000, 98),
        (SampleDesign(margin=0.03, expected_rate=0.85), 5_000, None),
    ],
)
def test_the_margin_sets_each_groups_size_with_the_finite_population_correction(
    design: SampleDesign, frame: int, expected: int | None
) -> None:
    wanted = reference_size(design.margin, design.expected_rate, frame, design.confidence, design.crime_share)
    if expected is not None:
        assert wanted == expected
    strata = allocate(frame_sizes(OTHER, frame, 0, 0, 0), design)
    assert sum(sizes_of(strata, OTHER)) == wanted


def test_each_group_gets_its_own_size() -> None:
    frames = {**frame_sizes(VIOLENCE, 100, 100, 0, 0), **frame_sizes(SEXUAL, 30, 0, 0, 0)}
    frames |= frame_sizes(OTHER, 5_000, 5_000, 0, 0)
    strata = allocate(frames, SampleDesign(sizes={OTHER: 40}))
    assert sum(sizes_of(strata, VIOLENCE)) == reference_size(0.05, 0.9, 200) == 83
    assert sum(sizes_of(strata, SEXUAL)) == reference_size(0.05, 0.9, 30)
    assert sizes_of(strata, OTHER) == [20, 20, 0, 0]


def test_a_group_with_incidents_cannot_be_left_out_but_an_empty_one_may_be_sized_zero() -> None:
    with pytest.raises(
        InputError, match="sample size 0 for sexual offences would leave its 40 incidents out"
    ):
        allocate(frame_sizes(SEXUAL, 10, 10, 10, 10), SampleDesign(sizes={SEXUAL: 0}))
    strata = allocate(frame_sizes(SEXUAL, 10, 10, 10, 10), SampleDesign(sizes={SEXUAL: 8, OTHER: 0}))
    assert sizes_of(strata, OTHER) == [0, 0, 0, 0]


@pytest.mark.parametrize(
    ("design", "message"),
    [
        (
            SampleDesign(sizes={VIOLENCE: 41}),
            "sample size 41 for violence against the person is more than the 40 incidents",
        ),
        (
            SampleDesign(sizes={SEXUAL: -1}),
            "sample size -1 for sexual offences should be a whole number",
        ),
        (SampleDesign(sizes={"robbery": 5}), "unknown crime group 'robbery' in the sizes"),
        (SampleDesign(margin=0.0), "margin 0 should be a proportion above 0 and below 1"),
        (SampleDesign(margin=1.5), "margin 1.5 should be"),
        (SampleDesign(expected_rate=1.0), "expected rate 1 should be"),
        (SampleDesign(crime_share=0.0), "crime share 0 should be"),
    ],
)
def test_a_design_the_frame_cannot_meet_is_refused_clearly(design: SampleDesign, message: str) -> None:
    with pytest.raises(InputError, match=message):
        allocate(frame_sizes(VIOLENCE, 10, 10, 10, 10), design)


def test_an_unknown_stratum_is_refused() -> None:
    with pytest.raises(InputError, match="unknown strata robbery/999"):
        allocate({"robbery/999": 5}, SampleDesign())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 300), min_size=4, max_size=4), st.data())
def test_a_split_never_exceeds_a_frame_and_adds_up(frames: list[int], data: st.DataObject) -> None:
    whole = sum(frames)
    # Only an empty group may be sized 0 (see the test above).
    wanted = data.draw(st.integers(min(1, whole), whole))
    strata = allocate(frame_sizes(VIOLENCE, *frames), SampleDesign(sizes={VIOLENCE: wanted}))
    shares = sizes_of(strata, VIOLENCE)
    minimums = [min(2, size) for size in frames]
    assert all(0 <= share <= size for share, size in zip(shares, frames, strict=True))
    if wanted == 0:
        assert shares == [0, 0, 0, 0]
        return
    assert all(share >= least for share, least in zip(shares, minimums, strict=True))
    # The size asked for, or the minimums when they come to more.
    assert sum(shares) == max(min(wanted, whole), sum(minimums))
    quotas = [wanted * size / whole for size in frames]
    if all(quota >= least for quota, least in zip(quotas, minimums, strict=True)):
        assert all(abs(share - quota) < 1 for share, quota in zip(shares, quotas, strict=True))


def test_sizes_are_read_from_short_or_full_names() -> None:
    assert parse_sizes(["violence=400", " Sexual = 120 ", "OTHER=0"]) == {
        VIOLENCE: 400,
        SEXUAL: 120,
        OTHER: 0,
    }
    assert parse_sizes(["violence-against-the-person=5"]) == {VIOLENCE: 5}
    assert parse_sizes([]) == {}


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        (["violence"], "size 'violence': write GROUP=N, for example violence=400"),
        (["robbery=5"], "unknown crime group 'robbery' \\(use one of violence, sexual, other, "),
        (["violence=-5"], "'-5' is not a whole number of records"),
        (["violence=many"], "'many' is not a whole number"),
        (
            ["violence=5", "violence-against-the-person=6"],
            "violence-against-the-person is given more than",
        ),
    ],
)
def test_bad_sizes_are_refused_clearly(texts: list[str], message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_sizes(texts)
