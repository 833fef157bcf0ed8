"""The chosen threshold's precision and recall on the labelled sets, as docs/recurrence.md reports them.

The figures are measurements (benchmarks/recurrence_threshold.py prints the whole range); these
tests hold the threshold to them, so a change of model, rule or threshold shows here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectorate.core.recurrence.encoder import default_encoder
from inspectorate.core.recurrence.evaluation import measure
from inspectorate.core.recurrence.labelled import seed_set, written_set
from inspectorate.core.recurrence.links import THRESHOLD

SETS = Path(__file__).resolve().parents[3] / "benchmarks" / "recurrence"


def test_on_the_written_set_seven_of_eight_links_are_right_and_seven_of_fifteen_recurrences_found():
    labelled = written_set(SETS / "written.yaml")
    vectors = default_encoder().encode([f.text for f in labelled.findings])
    (at_threshold,) = measure(labelled.findings, vectors, labelled.same, [THRESHOLD])
    assert (at_threshold.links, at_threshold.correct, at_threshold.cases) == (8, 7, 15)
    assert at_threshold.precision == pytest.approx(0.875)
    # A lower threshold finds more and is wrong more often: the trade the threshold settles.
    (lower,) = measure(labelled.findings, vectors, labelled.same, [0.5])
    assert lower.recall > at_threshold.recall and lower.precision < at_threshold.precision


@pytest.mark.seeds
def test_on_the_seed_reports_links_are_suggestions_three_of_eleven_right(seeds_dir):
    labelled = seed_set(SETS / "seed-labels.json", seeds_dir)
    assert len(labelled.findings) == 271
    vectors = default_encoder().encode([f.text for f in labelled.findings])
    (at_threshold,) = measure(labelled.findings, vectors, labelled.same, [THRESHOLD])
    assert (at_threshold.links, at_threshold.correct, at_threshold.cases) == (11, 3, 23)
