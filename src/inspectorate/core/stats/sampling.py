"""Seeds for random draws."""

from __future__ import annotations

import secrets

# A seed is stored with its draw and may be typed back in to repeat it: below 2**31 it fits a
# signed 32-bit integer wherever it goes.
_SEED_LIMIT = 2**31


def fresh_seed() -> int:
    """A seed nobody can know in advance, for a draw whose seed was not given: otherwise anyone could
    tell beforehand which records will be drawn. Store it, so that the draw can be repeated."""
    return secrets.randbelow(_SEED_LIMIT)
