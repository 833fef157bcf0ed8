"""YAML documents with located problems: every key path maps to the line it starts on.

Parsing is ``yaml.safe_load``; ``yaml.compose`` (also safe: it builds no objects) gives the
line numbers, so a type error deep in a file is reported as ``file:line: a.b[2].c: message``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from inspectorate.core.problems import Problem

PathKey = tuple[str | int, ...]


def format_path(path: PathKey) -> str:
    """``("areas", 2, "children", 0, "id")`` -> ``areas[2].children[0].id``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True)
class YamlDocument:
    source: str
    data: Any
    lines: dict[PathKey, int]

    def line_for(self, path: PathKey) -> int | None:
        # A missing key has no line of its own: point at the nearest enclosing key.
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None

    def problem(self, path: PathKey, message: str) -> Problem:
        return Problem(self.source, self.line_for(path), format_path(path), message)

    def problems_at(self, found: Iterable[tuple[PathKey, str]]) -> list[Problem]:
        return [self.problem(path, message) for path, message in found]

    def model_problems(self, model: type[BaseModel]) -> list[Problem]:
        """Every type problem of the data against a pydantic model, located."""
        try:
            model.model_validate(self.data)
        except ValidationError as exc:
            return self.problems_at(validation_messages(exc))
        return []


class YamlSyntaxError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def _line_index(text: str) -> dict[PathKey, int]:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    lines: dict[PathKey, int] = {}

    def visit(node: yaml.Node, path: PathKey) -> None:
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = (*path, str(key_node.value))
                lines[key] = key_node.start_mark.line + 1
                visit(value_node, key)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                visit(item, (*path, index))

    if root is not None:
        visit(root, ())
    return lines


def parse_yaml(text: str, source: str) -> YamlDocument:
    """Parse with safe_load; a syntax error becomes a located problem."""
    try:
        lines = _line_index(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise YamlSyntaxError(Problem(source, line, "", f"not valid YAML: {reason}")) from exc
    return YamlDocument(source, data, lines)


# The id patterns of our models in words; any other pattern is quoted as it is.
_PATTERN_WORDS = {
    r"^[a-z0-9][a-z0-9.-]*$": "lower-case letters, digits, '.' and '-'",
    r"^[A-Z0-9][A-Z0-9-]*$": "capital letters, digits and '-'",
}


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    if kind == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        allowed = _PATTERN_WORDS.get(pattern, f"it must match {pattern}")
        return f"{error['input']!r} is not a valid id ({allowed})"
    if kind == "enum":
        return f"{error['input']!r} is not one of {error['ctx']['expected']}"
    message: str = error["msg"]
    return message[0].lower() + message[1:]


def validation_messages(exc: ValidationError) -> list[tuple[PathKey, str]]:
    errors = exc.errors()
    deeper = {tuple(e["loc"])[:n] for e in errors for n in range(len(e["loc"]))}
    found = []
    for error in errors:
        path = tuple(error["loc"])
        # A list whose items all failed is also "too short": the item errors say it better.
        if error["type"] == "too_short" and path in deeper:
            continue
        found.append((path, _message(error)))
    return found
