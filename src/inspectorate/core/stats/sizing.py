"""How many records to sample for a target margin of error on a proportion."""

from __future__ import annotations

import math

from inspectorate.core.stats.intervals import z_value


def sample_size_for_margin(
    margin: float,
    expected_rate: float,
    frame_size: int | None = None,
    confidence: float = 0.95,
    crime_share: float = 1.0,
) -> int:
    """Records to sample so a rate near ``expected_rate`` has a half-width of ``margin``.

    The simple-random-sampling size z²p(1-p)/m² counts records that should have been crimes; it is
    divided by ``crime_share`` (the share of sampled records expected to be crimes) and then
    reduced by the finite population correction n0 / (1 + (n0 - 1) / N) when the frame is small.
    """
    if not 0 < margin < 1:
        raise ValueError(f"margin must be between 0 and 1, got {margin}")
    if not 0 < expected_rate < 1:
        raise ValueError(f"expected rate must be between 0 and 1, got {expected_rate}")
    if not 0 < crime_share <= 1:
        raise ValueError(f"crime share must be above 0 and at most 1, got {crime_share}")
    z = z_value(confidence)
    needed = z * z * expected_rate * (1 - expected_rate) / (margin * margin) / crime_share
    if frame_size is not None:
        if frame_size <= 0:
            return 0
        needed = needed / (1 + (needed - 1) / frame_size)
        return min(frame_size, math.ceil(needed))
    return math.ceil(needed)
