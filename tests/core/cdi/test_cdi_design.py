"""A new audit's sample design from what a person typed: percents in, proportions out, every bad
field named at once."""

from __future__ import annotations

import pytest

from inspectorate.core.cdi.design import sample_design
from inspectorate.core.cdi.types import SEXUAL, VIOLENCE, SampleDesign
from inspectorate.core.problems import ProblemsError


def test_percents_become_proportions_and_sizes_are_parsed() -> None:
    design = sample_design(
        margin=5, expected_rate=90, crime_share=100, sizes=["violence=400", "sexual=120"], seed=7
    )
    assert design == SampleDesign(
        margin=0.05, expected_rate=0.9, crime_share=1.0, sizes={VIOLENCE: 400, SEXUAL: 120}, seed=7
    )


def test_without_a_seed_the_draw_gets_a_fresh_one() -> None:
    seeds = {sample_design(margin=5, expected_rate=90, crime_share=100).seed for _ in range(10)}
    assert all(0 <= seed < 2**31 for seed in seeds) and len(seeds) > 1


def test_every_bad_field_is_named_at_once() -> None:
    with pytest.raises(ProblemsError) as caught:
        sample_design(margin=0, expected_rate=100, crime_share=101, sizes=["violence=lots"], seed=-1)
    found = {problem.path: problem.message for problem in caught.value.problems}
    assert found == {
        "margin": "0 should be above 0 and below 100 (percent)",
        "expected_rate": "100 should be above 0 and below 100 (percent)",
        "crime_share": "101 should be above 0 and at most 100 (percent)",
        "sizes": "size 'violence=lots': 'lots' is not a whole number of records (0 or more)",
        "seed": "-1 should be 0 or more",
    }
    assert {problem.file for problem in caught.value.problems} == {"sample design"}


def test_a_crime_share_of_100_percent_is_allowed_and_nan_is_not() -> None:
    assert sample_design(margin=3, expected_rate=95, crime_share=100).crime_share == 1.0
    with pytest.raises(ProblemsError, match="margin: nan should be above 0"):
        sample_design(margin=float("nan"), expected_rate=95, crime_share=100)
