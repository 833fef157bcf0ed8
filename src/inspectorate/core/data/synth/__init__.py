"""Synthetic data returns, always labelled as such: every canonical table of a force's year, made
reproducibly from a seed and calibrated to the Metropolitan Police Service's published figures.

``synthesise`` (in ``data_return``) writes the files; ``plan`` decides the months and volumes,
``tables`` makes each month's tables from ``columns``' random building blocks, ``files`` writes them,
and ``calibration`` holds the published figures they are calibrated to.
"""

from inspectorate.core.data.synth.data_return import (
    GENERATOR,
    TABLE_NAMES,
    SynthArgumentError,
    SynthSummary,
    synthesise,
)

__all__ = ["GENERATOR", "TABLE_NAMES", "SynthArgumentError", "SynthSummary", "synthesise"]
