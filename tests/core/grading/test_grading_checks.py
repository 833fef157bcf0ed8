"""The checks a framework may name, and the engine that runs them."""

from __future__ import annotations

from inspectorate.core.frameworks.rules import RULE_CHECKS
from inspectorate.core.grading.checks import RUNS


def test_every_check_a_framework_may_name_is_run_by_the_engine() -> None:
    assert set(RUNS) == set(RULE_CHECKS)
