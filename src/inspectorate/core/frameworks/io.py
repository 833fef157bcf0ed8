"""Framework YAML in and out, with a validator that reports every problem at once.

Parsing uses ``yaml.safe_load`` only. Problems carry the file, the line and the key path
(``areas[2].children[0].scale``), so an author can fix them all in one pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from inspectorate.core.frameworks.semantics import format_path, semantic_problems
from inspectorate.core.frameworks.spec import Framework
from inspectorate.core.problems import Problem, ProblemsError

PathKey = tuple[str | int, ...]


class FrameworkInvalid(ProblemsError):
    """A framework file with one or more located problems."""


def _line_index(text: str) -> dict[PathKey, int]:
    """Map each key path of a YAML document to the 1-based line where it starts."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    lines: dict[PathKey, int] = {}

    def visit(node: yaml.Node, path: PathKey) -> None:
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = path + (str(key_node.value),)
                lines[key] = key_node.start_mark.line + 1
                visit(value_node, key)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                visit(item, (*path, index))

    if root is not None:
        visit(root, ())
    return lines


def _line_for(lines: dict[PathKey, int], path: PathKey) -> int | None:
    # A missing key has no line of its own: point at the nearest enclosing key.
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _pydantic_message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    if kind == "string_pattern_mismatch":
        return f"{error['input']!r} is not a valid id (lower-case letters, digits, '.' and '-')"
    if kind == "enum":
        return f"{error['input']!r} is not one of {error['ctx']['expected']}"
    message: str = error["msg"]
    return message[0].lower() + message[1:]


def _structural_problems(data: Any, source: str, lines: dict[PathKey, int]) -> list[Problem]:
    try:
        Framework.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        deeper = {tuple(e["loc"])[:n] for e in errors for n in range(len(e["loc"]))}
        problems = []
        for error in errors:
            path = tuple(error["loc"])
            # A list whose items all failed is also "too short": the item errors say it better.
            if error["type"] == "too_short" and path in deeper:
                continue
            problems.append(Problem(source, _line_for(lines, path), format_path(path), _pydantic_message(error)))
        return problems
    return []


def framework_problems(text: str, source: str, *, expect_id: str | None = None) -> list[Problem]:
    """Every problem in a framework document; empty when it is valid."""
    try:
        lines = _line_index(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        return [Problem(source, line, "", f"not valid YAML: {reason}")]
    if not isinstance(data, dict):
        return [Problem(source, 1, "", "a framework file must be a mapping of keys to values")]

    problems = _structural_problems(data, source, lines)
    for path, message in semantic_problems(data):
        problems.append(Problem(source, _line_for(lines, path), format_path(path), message))
    if expect_id is not None and data.get("id") != expect_id:
        problems.append(
            Problem(source, _line_for(lines, ("id",)), "id", f"must equal the file name {expect_id!r}")
        )
    return sorted(set(problems), key=lambda p: (p.line or 0, p.path, p.message))


def parse_framework(text: str, source: str = "<framework>", *, expect_id: str | None = None) -> Framework:
    problems = framework_problems(text, source, expect_id=expect_id)
    if problems:
        raise FrameworkInvalid(problems)
    return Framework.model_validate(yaml.safe_load(text))


def load_framework(path: Path, *, expect_id_from_name: bool = False) -> Framework:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FrameworkInvalid([Problem(str(path), None, "", f"not UTF-8 text ({exc.reason})")]) from exc
    except OSError as exc:
        raise FrameworkInvalid([Problem(str(path), None, "", f"cannot be read ({exc.strerror})")]) from exc
    return parse_framework(text, str(path), expect_id=path.stem if expect_id_from_name else None)


def dump_framework(framework: Framework) -> str:
    """YAML text that loads back to an equal framework."""
    data = framework.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
