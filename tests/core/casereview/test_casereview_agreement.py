"""Agreement between two reviewers of the same cases: rate and Cohen's kappa per question."""

from __future__ import annotations

import pytest
from statsmodels.stats.inter_rater import cohens_kappa as statsmodels_kappa

from inspectorate.core.casereview.agreement import agreement
from inspectorate.core.casereview.answers import read_answers
from inspectorate.core.casereview.library import get_template

VSA = get_template("peel-2021-victim-service")


def test_each_question_compares_what_the_results_count_hidden_included() -> None:
    first = [
        {"thrive_applied": "yes", "thrive_accurate": "yes"},
        {"thrive_applied": "no"},
        {"thrive_applied": "na"},
    ]
    second = [
        {"thrive_applied": "yes", "thrive_accurate": "no"},
        {"thrive_applied": "yes", "thrive_accurate": "yes"},
        {"thrive_applied": "na"},
    ]
    pairs = [
        (read_answers(VSA, a, complete=False), read_answers(VSA, b, complete=False))
        for a, b in zip(first, second, strict=True)
    ]
    found = {result.name: result for result in agreement(VSA, pairs)}
    applied = found["thrive_applied"]
    assert (applied.pairs, applied.agreed, applied.rate) == (3, 2, pytest.approx(2 / 3))
    accurate = found["thrive_accurate"]
    # case 1: yes v no; case 2: hidden v yes; case 3: hidden v hidden. Rows and columns: hidden, no, yes.
    assert accurate.agreed == 1
    table = [[1, 0, 1], [0, 0, 0], [0, 1, 0]]
    assert accurate.kappa == pytest.approx(statsmodels_kappa(table, return_results=False))
