"""A template compiled and checked by XLSForm's own compiler, as the CLI and the web take it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from inspectorate.core.casereview import checked
from inspectorate.core.casereview.checked import compile_checked
from inspectorate.core.casereview.export import to_xlsx, to_yaml
from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.sheets import read_yaml
from inspectorate.core.problems import ProblemsError

VSA = get_template("peel-2021-victim-service")


def test_a_file_or_a_workbook_already_read_compiles_to_the_template(tmp_path: Path) -> None:
    path = tmp_path / "vsa.xlsx"
    path.write_bytes(to_xlsx(VSA))
    assert compile_checked(path) == VSA
    assert compile_checked(read_yaml(to_yaml(VSA), "vsa.yaml")) == VSA


def test_our_compilers_problems_come_located(tmp_path: Path) -> None:
    path = tmp_path / "vsa.yaml"
    path.write_text(to_yaml(VSA).replace("form_id: peel-2021-victim-service", "form_id: Not An Id"))
    with pytest.raises(ProblemsError, match=r"vsa\.yaml"):
        compile_checked(path)


def test_what_pyxform_refuses_is_one_problem_on_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(template: Any) -> str:
        raise ValueError("there is no such thing as a grade question")

    monkeypatch.setattr(checked, "to_xform", refuse)
    with pytest.raises(ProblemsError) as caught:
        compile_checked(read_yaml(to_yaml(VSA), "vsa.yaml"))
    assert [str(problem) for problem in caught.value.problems] == [
        "vsa.yaml: XLSForm compiler (pyxform): there is no such thing as a grade question"
    ]
