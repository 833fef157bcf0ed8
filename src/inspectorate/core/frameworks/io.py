"""Framework YAML in and out, with a validator that reports every problem at once.

Parsing is ``yamldoc.parse_yaml``: safe, and within the YAML limits (size, depth, no aliases).
Problems carry the file, the line and the key path (``areas[2].children[0].scale``), so an author
can fix them all in one pass; whatever values a file holds, the validator answers with problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspectorate.core.frameworks.semantics import semantic_problems
from inspectorate.core.frameworks.spec import Framework
from inspectorate.core.problems import Problem, ProblemsError
from inspectorate.core.yamldoc import YamlSyntaxError, dump_yaml, parse_yaml, size_problem


class FrameworkInvalid(ProblemsError):
    """A framework file with one or more located problems."""


def framework_problems(text: str, source: str, *, expect_id: str | None = None) -> list[Problem]:
    """Every problem in a framework document; empty when it is valid."""
    return _checked(text, source, expect_id)[1]


def _checked(text: str, source: str, expect_id: str | None) -> tuple[Any, list[Problem]]:
    """The parsed data and every problem in it."""
    try:
        doc = parse_yaml(text, source)
    except YamlSyntaxError as exc:
        return None, [exc.problem]
    if not isinstance(doc.data, dict):
        return doc.data, [Problem(source, 1, "", "a framework file must be a mapping of keys to values")]

    problems = doc.model_problems(Framework) + doc.problems_at(semantic_problems(doc.data))
    if expect_id is not None and doc.data.get("id") != expect_id:
        problems.append(doc.problem(("id",), f"must equal the file name {expect_id!r}"))
    return doc.data, sorted(set(problems), key=lambda p: (p.line or 0, p.path, p.message))


def parse_framework(text: str, source: str = "<framework>", *, expect_id: str | None = None) -> Framework:
    data, problems = _checked(text, source, expect_id)
    if problems:
        raise FrameworkInvalid(problems)
    return Framework.model_validate(data)


def read_text(path: Path) -> str:
    """A file's UTF-8 text; unreadable, mis-encoded or oversized files become a located problem."""
    try:
        too_large = size_problem(str(path), path.stat().st_size)
        if too_large is not None:
            raise ProblemsError([too_large])
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ProblemsError([Problem(str(path), None, "", f"not UTF-8 text ({exc.reason})")]) from exc
    except OSError as exc:
        raise ProblemsError([Problem(str(path), None, "", f"cannot be read ({exc.strerror})")]) from exc


def load_framework(path: Path, *, expect_id_from_name: bool = False) -> Framework:
    try:
        text = read_text(path)
    except ProblemsError as exc:
        raise FrameworkInvalid(exc.problems) from exc
    return parse_framework(text, str(path), expect_id=path.stem if expect_id_from_name else None)


def dump_framework(framework: Framework) -> str:
    """YAML text that loads back to an equal framework."""
    data = framework.model_dump(mode="json", exclude_defaults=True)
    return dump_yaml(data)
