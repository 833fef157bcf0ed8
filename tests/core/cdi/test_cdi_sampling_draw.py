"""The seeded draw: reproducible, independent of storage order, uniform, and in a random working order."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from scipy.stats import chisquare

from inspectorate.core.cdi.sampling import draw_sample
from inspectorate.core.cdi.types import OTHER, SEXUAL, VIOLENCE, FrameRecord, SampleDesign
from inspectorate.core.problems import InputError


def records(group: str, route: str, count: int, prefix: str) -> list[FrameRecord]:
    return [FrameRecord(f"{prefix}{n:04d}", "2021-01-01 10:00:00", group, route, None) for n in range(count)]


FRAME = (
    records(VIOLENCE, "999", 60, "V9-")
    + records(VIOLENCE, "no-call", 15, "VN-")
    + records(SEXUAL, "101", 12, "S1-")
    + records(OTHER, "online", 200, "O-")
)
DESIGN = SampleDesign(sizes={VIOLENCE: 25, SEXUAL: 6, OTHER: 30}, seed=11)


def test_the_sample_has_each_strata_size_of_distinct_frame_records() -> None:
    sample = draw_sample(FRAME, DESIGN)
    wanted = {s.key: s.sample_size for s in sample.strata if s.sample_size}
    assert wanted == {
        "violence-against-the-person/999": 20,
        "violence-against-the-person/no-call": 5,
        "sexual-offences/101": 6,
        "other/online": 30,
    }
    assert Counter(record.stratum for record in sample.records) == wanted
    assert len({record.incident_id for record in sample.records}) == len(sample.records)
    assert set(sample.records) <= set(FRAME)
    assert sample.design == DESIGN


def test_the_same_frame_and_seed_give_the_same_sample_whatever_the_order() -> None:
    first = draw_sample(FRAME, DESIGN)
    shuffled = list(FRAME)
    random.Random(5).shuffle(shuffled)
    assert draw_sample(shuffled, DESIGN) == first
    assert draw_sample(list(reversed(FRAME)), DESIGN) == first
    other_seed = draw_sample(FRAME, SampleDesign(sizes=DESIGN.sizes, seed=12))
    assert other_seed.records != first.records


def test_every_record_of_a_stratum_is_equally_likely_to_be_drawn() -> None:
    frame = records(VIOLENCE, "999", 12, "V-")
    drawn: Counter[str] = Counter()
    runs = 3000
    for seed in range(runs):
        sample = draw_sample(frame, SampleDesign(sizes={VIOLENCE: 4}, seed=seed))
        drawn.update(record.incident_id for record in sample.records)
    counts = [drawn[record.incident_id] for record in frame]
    assert sum(counts) == runs * 4
    # Each record is drawn with probability 4/12; a draw that favoured some records, such as the
    # first few in id order, would give a p-value of practically zero.
    assert chisquare(counts).pvalue > 0.001


def test_any_first_part_of_the_working_order_mixes_the_strata() -> None:
    # Two strata of ten each: the first record is from either with probability one half, and the
    # first five hold about 2.5 of each; keeping strata together would put all five in one.
    frame = records(VIOLENCE, "999", 30, "V-") + records(SEXUAL, "999", 30, "S-")
    design_sizes = {VIOLENCE: 10, SEXUAL: 10, OTHER: 0}
    first: Counter[str] = Counter()
    violence_in_first_five = []
    for seed in range(2000):
        order = draw_sample(frame, SampleDesign(sizes=design_sizes, seed=seed)).records
        first[order[0].crime_group] += 1
        violence_in_first_five.append(sum(record.crime_group == VIOLENCE for record in order[:5]))
    assert chisquare([first[VIOLENCE], first[SEXUAL]]).pvalue > 0.001
    mixed = Counter(violence_in_first_five)
    # Hypergeometric: P(0 or 5 violence records in the first five of 10 + 10) = 2 x 252 / 15504 = 3.3%.
    assert (mixed[0] + mixed[5]) / 2000 == pytest.approx(0.0325, abs=0.015)


def test_a_frame_the_draw_cannot_use_is_refused() -> None:
    with pytest.raises(InputError, match="the audit frame is empty"):
        draw_sample([], DESIGN)
    twice = [*FRAME, FRAME[3]]
    with pytest.raises(InputError, match="incident V9-0003 is in the frame more than once"):
        draw_sample(twice, DESIGN)
    odd = FrameRecord("X1", "2021-01-01 10:00:00", "robbery", "999", "robbery")
    with pytest.raises(InputError, match="incident X1: stratum robbery/999 is not a crime group and route"):
        draw_sample([odd], DESIGN)
    with pytest.raises(InputError, match="sample size 100 for sexual offences is more than the 12 incidents"):
        draw_sample(FRAME, SampleDesign(sizes={SEXUAL: 100}))
