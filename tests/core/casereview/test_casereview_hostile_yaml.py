"""A review template is YAML a team member uploads: the alias bomb that took the server down, and
nesting too deep for the parser, are refused in one located line before anything is built."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectorate.core.casereview.compile import compile_file
from inspectorate.core.limits import YAML_MAX_BYTES
from inspectorate.core.problems import ProblemsError
from support.hostile import ALIAS_BOMB


def _problems(path: Path) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        compile_file(path)
    return [str(problem) for problem in caught.value.problems]


def test_an_alias_bomb_template_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    assert _problems(path) == ["bomb.yaml:2: alias *a: aliases are not accepted; write the value out"]


def test_a_5000_deep_template_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("survey: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert _problems(path) == ["deep.yaml:1: nesting deeper than 50 levels"]


def test_an_oversized_template_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(YAML_MAX_BYTES + 1)  # sparse: nothing is written, only the size is checked
    assert _problems(path) == ["huge.yaml: is 5,242,881 bytes; a YAML file may be at most 5 MB"]
