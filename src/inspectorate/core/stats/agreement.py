"""Agreement between two raters beyond chance: Cohen's kappa."""

from __future__ import annotations

from collections.abc import Sequence


def cohens_kappa(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Cohen's kappa of two raters' labels for the same items (statsmodels' ``cohens_kappa``).

    Where both raters gave one and the same label every time, chance agreement is certain and kappa
    is undefined: None, not 1 or 0. None too when there is nothing to compare.
    """
    if len(first) != len(second):
        raise ValueError("both raters must label the same items")
    if not first:
        return None
    import numpy as np
    from statsmodels.stats.inter_rater import cohens_kappa as statsmodels_kappa

    labels = sorted(set(first) | set(second))
    index = {label: i for i, label in enumerate(labels)}
    table = np.zeros((len(labels), len(labels)))
    for a, b in zip(first, second, strict=True):
        table[index[a], index[b]] += 1
    total = table.sum()
    chance = float((table.sum(axis=1) * table.sum(axis=0)).sum() / (total * total))
    if chance >= 1.0:
        return None
    return float(statsmodels_kappa(table, return_results=False))
