"""The framework validator answers any YAML with located problems: a list or a mapping where an id,
a scale or a check's name belongs (the fuzzer's 54 crashes were such unhashable values) is reported,
never a TypeError."""

from __future__ import annotations

import pytest

from inspectorate.core.frameworks import framework_problems
from inspectorate.core.frameworks.io import FrameworkInvalid, parse_framework

MINIMAL = """\
id: odd
programme: Odd
title: Odd
version: "1"
finding_kinds: [area-for-improvement]
scales:
  - id: {scale_id}
    name: Grades
    levels:
      - id: {level_id}
        label: Good
areas:
  - id: {area_id}
    level: area
    title: An area
    scale: {scale_ref}
rules:
  - id: a-rule
    check: {check}
    params: {{grades: {grades}, kinds: {kinds}, areas: {areas}}}
"""
GOOD = {
    "scale_id": "grades",
    "level_id": "good",
    "area_id": "area-1",
    "scale_ref": "grades",
    "check": "requires-finding",
    "grades": "[good]",
    "kinds": "[area-for-improvement]",
    "areas": "[area-1]",
}


@pytest.mark.parametrize("key", sorted(GOOD))
@pytest.mark.parametrize("odd", ["[a, b]", "{a: 1}", "[[x]]", "7", "null"])
def test_an_odd_value_anywhere_is_a_located_problem(key: str, odd: str) -> None:
    text = MINIMAL.format(**{**GOOD, key: odd})
    problems = framework_problems(text, "odd.yaml")
    assert all(problem.file == "odd.yaml" and problem.line for problem in problems)
    with pytest.raises(FrameworkInvalid) if problems else _no_error():
        parse_framework(text, "odd.yaml")


def test_an_unhashable_scale_reference_names_its_line() -> None:
    problems = framework_problems(MINIMAL.format(**{**GOOD, "scale_ref": "[grades]"}), "odd.yaml")
    assert "odd.yaml:16: areas[0].scale: input should be a valid string" in [str(p) for p in problems]


class _no_error:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
