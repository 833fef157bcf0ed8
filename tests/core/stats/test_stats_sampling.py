"""Fresh seeds for draws whose seed was not given."""

from __future__ import annotations

from inspectorate.core.stats.sampling import fresh_seed


def test_a_fresh_seed_is_a_whole_number_below_2_to_the_31_and_changes_between_draws() -> None:
    seeds = {fresh_seed() for _ in range(20)}
    assert all(isinstance(seed, int) and 0 <= seed < 2**31 for seed in seeds)
    assert len(seeds) > 1
