"""The Metropolitan counts the tests reproduce are the ones seed 002 publishes."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.published import MPS_2021_CASES, MPS_2021_COUNTS, MPS_2021_PHRASES

SEEDS_DIR = Path(__file__).resolve().parents[3] / ".." / "shared" / "seeds"


def _seed_002() -> str:
    matches = sorted(SEEDS_DIR.glob("002_*.txt")) if SEEDS_DIR.is_dir() else []
    if not matches:
        pytest.skip(
            f"seed report 002 not found in {SEEDS_DIR.resolve()} (a sibling 'shared/seeds' of the repo)"
        )
    return " ".join(matches[0].read_text(encoding="utf-8").split())


@pytest.mark.seeds
@pytest.mark.parametrize("name", sorted(MPS_2021_PHRASES))
def test_each_count_is_printed_in_the_seed(name: str) -> None:
    phrase = MPS_2021_PHRASES[name]
    assert phrase in _seed_002()
    met, applicable = MPS_2021_COUNTS[name]
    assert str(met) in phrase and str(applicable) in phrase


@pytest.mark.seeds
def test_the_number_of_case_files_and_the_accuracy_of_every_thrive_assessment_are_in_the_seed() -> None:
    seed = _seed_002()
    assert f"we reviewed {MPS_2021_CASES} case files" in seed
    assert "accurate reflection of the call in all 21 cases" in seed
    assert MPS_2021_COUNTS["thrive_accurate"] == (21, 21)


def test_every_published_count_names_a_question_of_the_template() -> None:
    template = get_template("peel-2021-victim-service")
    for name in MPS_2021_COUNTS:
        assert template.counts_met(template.question(name))
