"""The stratified sample: how many records each stratum gets, and which ones.

Each crime group is estimated on its own, so each gets the size its own margin needs; within a
group the size is shared among reporting routes in proportion to their frame sizes. The draw is
seeded and made from the frame in incident-id order, so the same frame and seed give the same
sample however the records were stored.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import pairwise

import numpy as np

from inspectorate.core.cdi.types import (
    CRIME_GROUP_LABELS,
    CRIME_GROUPS,
    OTHER,
    ROUTES,
    SEXUAL,
    VIOLENCE,
    FrameRecord,
    Sample,
    SampleDesign,
    Stratum,
    stratum_key,
)
from inspectorate.core.problems import InputError
from inspectorate.core.stats.sizing import sample_size_for_margin

# A stratum needs two sampled records for its variance to be estimated.
MIN_PER_STRATUM = 2
SHORT_NAMES = {"violence": VIOLENCE, "sexual": SEXUAL, "other": OTHER}


def allocate(frame_sizes: Mapping[str, int], design: SampleDesign) -> tuple[Stratum, ...]:
    """The strata, in CRIME_GROUPS then ROUTES order, with their frame and sample sizes.

    A group's size is ``design.sizes[group]`` if given, else what its margin needs. Every non-empty
    stratum of a sampled group gets at least two records (or all it has), which can take the group
    a little above the size asked for. A group with incidents cannot be left out (size 0), since the
    overall rate would then not cover them.
    """
    _check_design(design)
    known = {stratum_key(group, route) for group in CRIME_GROUPS for route in ROUTES}
    unknown = sorted(set(frame_sizes) - known)
    if unknown:
        raise InputError(f"unknown strata {', '.join(unknown)}; strata are crime group/route")
    if any(size < 0 for size in frame_sizes.values()):
        raise InputError("a stratum's frame size cannot be negative")
    strata: list[Stratum] = []
    for group in CRIME_GROUPS:
        sizes = [int(frame_sizes.get(stratum_key(group, route), 0)) for route in ROUTES]
        whole = sum(sizes)
        if group in design.sizes:
            wanted = design.sizes[group]
            if wanted == 0 and whole > 0:
                # The overall rate would silently speak only for the other groups.
                raise InputError(
                    f"sample size 0 for {CRIME_GROUP_LABELS[group].lower()} would leave its {whole:,} "
                    "incidents out of the overall rate: give at least 1"
                )
            if wanted > whole:
                raise InputError(
                    f"sample size {wanted:,} for {CRIME_GROUP_LABELS[group].lower()} is more than the "
                    f"{whole:,} incidents in its frame"
                )
        else:
            wanted = sample_size_for_margin(
                design.margin, design.expected_rate, whole, design.confidence, design.crime_share
            )
        shares = split(wanted, sizes)
        strata.extend(
            Stratum(group, route, frame_size, sample_size)
            for route, frame_size, sample_size in zip(ROUTES, sizes, shares, strict=True)
        )
    return tuple(strata)


def split(total: int, frame_sizes: Sequence[int]) -> list[int]:
    """``total`` shared in proportion to ``frame_sizes`` by largest remainder, with the minimums.

    A stratum whose proportional share is below its minimum, min(2, N_h), is held at the minimum and
    the rest is shared again among the others; this only lowers their shares, so none goes above
    its frame. Ties in the remainders go to the earlier stratum, so the split is deterministic.
    """
    if total <= 0:
        return [0] * len(frame_sizes)
    minimums = [min(MIN_PER_STRATUM, size) for size in frame_sizes]
    total = min(max(total, sum(minimums)), sum(frame_sizes))
    fixed: dict[int, int] = {}
    while True:
        free = [h for h, size in enumerate(frame_sizes) if size > 0 and h not in fixed]
        left = total - sum(fixed.values())
        base = sum(frame_sizes[h] for h in free)
        quotas = {h: left * frame_sizes[h] / base for h in free} if base else {}
        below = [h for h in free if quotas[h] < minimums[h]]
        if not below:
            break
        fixed.update((h, minimums[h]) for h in below)
    shares = [fixed.get(h, 0) for h in range(len(frame_sizes))]
    for h, quota in quotas.items():
        shares[h] = math.floor(quota)
    remainders = sorted(quotas, key=lambda h: (-(quotas[h] - math.floor(quotas[h])), h))
    for h in remainders[: total - sum(shares)]:
        shares[h] += 1
    return [min(share, size) for share, size in zip(shares, frame_sizes, strict=True)]


def draw_sample(frame: Sequence[FrameRecord], design: SampleDesign) -> Sample:
    """A seeded stratified random sample, its records in one random working order.

    Records are drawn without replacement within each stratum; then the records of every stratum
    are shuffled together, so any first part of the working order is itself a random sample of
    every stratum.
    """
    if not frame:
        raise InputError("the audit frame is empty: there is nothing to sample")
    ordered = sorted(frame, key=lambda record: record.incident_id)
    ids = [record.incident_id for record in ordered]
    repeated = next((a for a, b in pairwise(ids) if a == b), None)
    if repeated is not None:
        raise InputError(f"incident {repeated} is in the frame more than once")
    by_stratum: dict[str, list[FrameRecord]] = {}
    for record in ordered:
        if record.crime_group not in CRIME_GROUPS or record.route not in ROUTES:
            raise InputError(
                f"incident {record.incident_id}: stratum {record.stratum} is not a crime group and route"
            )
        by_stratum.setdefault(record.stratum, []).append(record)
    strata = allocate(Counter({key: len(records) for key, records in by_stratum.items()}), design)
    rng = np.random.default_rng(design.seed)
    chosen: list[FrameRecord] = []
    for stratum in strata:
        members = by_stratum.get(stratum.key, [])
        picks = rng.choice(len(members), size=stratum.sample_size, replace=False)
        chosen.extend(members[int(i)] for i in picks)
    working = rng.permutation(len(chosen))
    return Sample(design=design, strata=strata, records=tuple(chosen[int(i)] for i in working))


def parse_sizes(texts: Sequence[str]) -> dict[str, int]:
    """Sizes given as ``GROUP=N`` (``violence=400``), GROUP a short name or a full crime group."""
    sizes: dict[str, int] = {}
    names = ", ".join([*SHORT_NAMES, *CRIME_GROUPS])
    for text in texts:
        name, equals, number = (part.strip() for part in text.partition("="))
        if not equals:
            raise InputError(f"size {text!r}: write GROUP=N, for example violence=400")
        group = SHORT_NAMES.get(name.lower(), name.lower())
        if group not in CRIME_GROUPS:
            raise InputError(f"size {text!r}: unknown crime group {name!r} (use one of {names})")
        if not number.isdigit():
            raise InputError(f"size {text!r}: {number!r} is not a whole number of records (0 or more)")
        if group in sizes:
            raise InputError(f"size {text!r}: {group} is given more than once")
        sizes[group] = int(number)
    return sizes


def _check_design(design: SampleDesign) -> None:
    if not 0 < design.margin < 1:
        raise InputError(f"margin {design.margin:g} should be a proportion above 0 and below 1")
    if not 0 < design.expected_rate < 1:
        raise InputError(f"expected rate {design.expected_rate:g} should be a proportion above 0 and below 1")
    if not 0 < design.crime_share <= 1:
        raise InputError(f"crime share {design.crime_share:g} should be a proportion above 0 and at most 1")
    if not 0 < design.confidence < 1:
        raise InputError(f"confidence {design.confidence:g} should be a proportion above 0 and below 1")
    for group, size in design.sizes.items():
        if group not in CRIME_GROUPS:
            raise InputError(
                f"unknown crime group {group!r} in the sizes (use one of {', '.join(CRIME_GROUPS)})"
            )
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            label = CRIME_GROUP_LABELS[group].lower()
            raise InputError(f"sample size {size!r} for {label} should be a whole number of 0 or more")
