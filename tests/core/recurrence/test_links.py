"""Linking findings across inspections, with vectors made by hand so that similarities are exact."""

from __future__ import annotations

import numpy as np
import pytest

from inspectorate.core.findings import FindingKind
from inspectorate.core.recurrence.links import FindingText, Link, followed, lineage, links

AFI = FindingKind.AREA_FOR_IMPROVEMENT


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def _finding(key: str, inspection: str, when: str, kind: FindingKind = AFI) -> FindingText:
    return FindingText(key, inspection, when, kind, f"text of {key}")


def test_a_later_finding_links_to_the_closest_finding_of_each_earlier_inspection():
    findings = [
        _finding("a1", "A", "2015"),
        _finding("a2", "A", "2015"),
        _finding("b1", "B", "2018"),
        _finding("c1", "C", "2021"),
    ]
    vectors = np.stack([_unit(1, 0, 0), _unit(1, 0.3, 0), _unit(1, 0.1, 0), _unit(1, 0.2, 0)])
    found = links(findings, vectors, threshold=0.9)
    pairs = {(link.earlier, link.later) for link in found}
    # c1 is closer to a2 (cos 0.995) than to a1 (0.981): one link into A, its closest.
    assert pairs == {("a1", "b1"), ("a2", "c1"), ("b1", "c1")}
    by_pair = {(link.earlier, link.later): link.similarity for link in found}
    assert by_pair[("b1", "c1")] == pytest.approx(float(vectors[2] @ vectors[3]), abs=1e-4)


def test_below_the_threshold_there_is_no_link():
    findings = [_finding("a", "A", "2015"), _finding("b", "B", "2018")]
    vectors = np.stack([_unit(1, 0), _unit(1, 1)])  # cosine 0.7071
    assert links(findings, vectors, threshold=0.71) == []
    assert [(x.earlier, x.later) for x in links(findings, vectors, threshold=0.70)] == [("a", "b")]


def test_findings_of_one_inspection_or_of_the_same_date_are_never_linked():
    findings = [_finding("a", "A", "2015"), _finding("a2", "A", "2015"), _finding("b", "B", "2015")]
    vectors = np.stack([_unit(1, 0)] * 3)
    assert links(findings, vectors, threshold=0.5) == []


def test_strengths_and_good_practice_are_not_followed():
    kinds = [FindingKind.STRENGTH, FindingKind.GOOD_PRACTICE, AFI, FindingKind.MAIN_FINDING]
    findings = [_finding(str(n), "A", "2015", kind) for n, kind in enumerate(kinds)]
    assert [f.kind for f in followed(findings)] == [AFI, FindingKind.MAIN_FINDING]


def test_vectors_and_findings_must_agree_in_number():
    with pytest.raises(ValueError, match="2 findings but 1 vectors"):
        links([_finding("a", "A", "1"), _finding("b", "B", "2")], np.stack([_unit(1, 0)]))


def test_lineage_follows_links_back_and_on_through_every_step():
    chain = [Link("2006", "2015", 0.8), Link("2015", "2021", 0.7), Link("2010", "2015", 0.75)]
    back, on = lineage("2015", chain)
    assert {link.earlier for link in back} == {"2006", "2010"}
    assert [(link.earlier, link.later) for link in on] == [("2015", "2021")]
    back, on = lineage("2021", chain)
    assert {link.earlier for link in back} == {"2015", "2006", "2010"}
    assert on == []
