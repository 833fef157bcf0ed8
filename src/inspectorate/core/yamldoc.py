"""YAML documents with located problems: every key path maps to the line it starts on.

Every YAML file a user can hand the platform is read here, within the limits of ``core.limits``:
its size is checked before parsing, and its nesting depth and aliases while PyYAML composes its
nodes, before any object is built, so that an alias bomb or a deeply nested file is refused in
milliseconds with one line instead of exhausting memory or the stack. The composed nodes give
the line numbers and are then built with the safe constructor only, so a type error deep in a
file is reported as ``file:line: a.b[2].c: message``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NoReturn

import yaml
from pydantic import BaseModel, ValidationError

from inspectorate.core.limits import YAML_MAX_BYTES, YAML_MAX_DEPTH, megabytes
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


class _LimitedLoader(yaml.SafeLoader):
    """The safe loader, refusing aliases and nesting beyond the limits as it composes."""

    def __init__(self, text: str, source: str) -> None:
        super().__init__(text)
        self.source = source
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            # Even a handful of nested aliases can stand for billions of nodes.
            self._refuse(event, f"alias *{event.anchor}: aliases are not accepted; write the value out")
        if not isinstance(event, yaml.CollectionStartEvent):
            return super().compose_node(parent, index)
        if self.depth >= YAML_MAX_DEPTH:
            self._refuse(event, f"nesting deeper than {YAML_MAX_DEPTH} levels")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _refuse(self, event: yaml.Event, message: str) -> NoReturn:
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        raise YamlSyntaxError(Problem(self.source, line, "", message))

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            # A well-formed scalar that is no value of its tag: 2021-02-30, !!int x, ...
            kind = node.tag.rsplit(":", 1)[-1]
            what = (
                f"{node.value!r} is not a valid {kind}"
                if isinstance(node, yaml.ScalarNode)
                else f"not a {kind}"
            )
            raise yaml.constructor.ConstructorError(None, None, f"{what} ({exc})", node.start_mark) from exc


def _line_index(root: yaml.Node | None) -> dict[PathKey, int]:
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


def size_problem(source: str, size: int) -> Problem | None:
    """The problem with a YAML file of ``size`` bytes, if it is over the limit."""
    if size <= YAML_MAX_BYTES:
        return None
    return Problem(
        source, None, "", f"is {size:,} bytes; a YAML file may be at most {megabytes(YAML_MAX_BYTES)}"
    )


def parse_yaml(text: str, source: str) -> YamlDocument:
    """Parse within the limits, safely; a syntax error or a limit passed becomes a located problem."""
    too_large = size_problem(source, len(text.encode("utf-8", "surrogatepass")))
    if too_large is not None:
        raise YamlSyntaxError(too_large)
    loader: _LimitedLoader | None = None
    try:
        loader = _LimitedLoader(text, source)  # refuses control characters as it starts
        root = loader.get_single_node()
        data = None if root is None else loader.construct_document(root)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else _reader_line(exc, text)
        reason = getattr(exc, "problem", None) or str(exc).split("\n", 1)[0]
        raise YamlSyntaxError(Problem(source, line, "", f"not valid YAML: {reason}")) from exc
    finally:
        if loader is not None:
            loader.dispose()
    return YamlDocument(source, data, _line_index(root))


def _reader_line(exc: yaml.YAMLError, text: str) -> int | None:
    """The line of a character the reader refused (its error has a position, not a mark)."""
    position = getattr(exc, "position", None)
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else None


class _PlainDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    """YAML text for ``data`` that ``parse_yaml`` reads back: a value used twice is written twice,
    never as an alias."""
    return yaml.dump(data, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100)


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
