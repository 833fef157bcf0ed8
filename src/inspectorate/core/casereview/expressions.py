"""The XLSForm expressions a review template uses for skip logic and checks, parsed once.

A template's ``relevant`` and ``constraint`` columns hold XPath-like expressions, as in XLSForm:
``${thrive_applied} = 'yes'``, ``${outcome} = 'caution' or ${outcome} = 'community_resolution'``,
``. <= today()``. The subset understood here is what review templates need: references to earlier
questions (``${name}``), the current value (``.``), text and number literals, comparisons
(``= != < <= > >=``), ``and``, ``or``, brackets and the functions in ``FUNCTIONS``.

An expression is parsed into a small tree of JSON-ready lists, so that the browser evaluates the
very tree the server does (``reviews/static/reviews/review-logic.js``), with the same rules:

- an unanswered question, or one hidden by skip logic, is the empty text '';
- ``=`` and ``!=`` compare as numbers when one side is a number, else as text;
- ``<``, ``<=``, ``>``, ``>=`` compare dates (YYYY-MM-DD) as text and everything else as numbers;
- a value is true when it is a true boolean, a number other than 0, or text that is not empty.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

# A parsed expression: ["ref", name], ["cur"], ["lit", value], ["cmp", op, a, b], ["and", a, b],
# ["or", a, b], ["call", function, *arguments]. Lists rather than classes, so json.dumps sends it
# to the browser as it is.
Node = list[Any]
Value = str | float | bool

FUNCTIONS: dict[str, tuple[int, int]] = {
    # name: (fewest, most) arguments
    "not": (1, 1),
    "selected": (2, 2),
    "count-selected": (1, 1),
    "string-length": (1, 1),
    "today": (0, 0),
    "true": (0, 0),
    "false": (0, 0),
}
COMPARISONS = ("=", "!=", "<=", ">=", "<", ">")

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{(?P<name>[^}]*)\})
      | (?P<text>'[^']*'|"[^"]*")
      | (?P<number>\d+(?:\.\d+)?|\.\d+)
      | (?P<op>!=|<=|>=|=|<|>)
      | (?P<punct>[(),])
      | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
      | (?P<dot>\.)
    )""",
    re.VERBOSE,
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class ExpressionError(ValueError):
    """An expression that cannot be parsed, with what is wrong in words."""


@dataclass(frozen=True)
class Expression:
    source: str
    tree: Node

    def references(self) -> set[str]:
        return _references(self.tree)

    def uses_current_value(self) -> bool:
        return _uses_current(self.tree)


def parse(source: str) -> Expression:
    """The expression's tree; ExpressionError says what is wrong and where."""
    tokens = _tokenise(source)
    parser = _Parser(tokens, source)
    tree = parser.expression()
    if parser.position < len(tokens):
        raise ExpressionError(f"unexpected {tokens[parser.position][1]!r} after a complete expression")
    return Expression(source, tree)


def _tokenise(source: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    stripped = source.rstrip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None or match.end() == position:
            raise ExpressionError(f"cannot read {stripped[position:].strip()[:20]!r}")
        kind = match.lastgroup or ""
        if kind == "name":  # the inner group of a reference
            kind = "ref"
        value = match.group("name") if kind == "ref" else match.group(kind).strip()
        if kind == "ref" and not NAME_PATTERN.match(value or ""):
            raise ExpressionError(f"${{{value}}} is not a question name")
        tokens.append((kind, value))
        position = match.end()
    if not tokens:
        raise ExpressionError("the expression is empty")
    return tokens


class _Parser:
    """Recursive descent: or > and > comparison > primary."""

    def __init__(self, tokens: list[tuple[str, str]], source: str) -> None:
        self.tokens = tokens
        self.position = 0
        self.source = source

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self) -> tuple[str, str]:
        token = self._peek()
        if token is None:
            raise ExpressionError("the expression ends too soon")
        self.position += 1
        return token

    def _expect(self, value: str) -> None:
        token = self._take()
        if token[1] != value:
            raise ExpressionError(f"expected {value!r}, found {token[1]!r}")

    def expression(self) -> Node:
        left = self._and()
        while self._peek() == ("word", "or"):
            self._take()
            left = ["or", left, self._and()]
        return left

    def _and(self) -> Node:
        left = self._comparison()
        while self._peek() == ("word", "and"):
            self._take()
            left = ["and", left, self._comparison()]
        return left

    def _comparison(self) -> Node:
        left = self._primary()
        token = self._peek()
        if token is not None and token[0] == "op":
            self._take()
            right = self._primary()
            if (following := self._peek()) is not None and following[0] == "op":
                raise ExpressionError(f"put brackets around one comparison before {following[1]!r}")
            return ["cmp", token[1], left, right]
        return left

    def _primary(self) -> Node:
        kind, value = self._take()
        if kind == "ref":
            return ["ref", value]
        if kind == "dot":
            return ["cur"]
        if kind == "text":
            return ["lit", value[1:-1]]
        if kind == "number":
            return ["lit", float(value)]
        if kind == "punct" and value == "(":
            inner = self.expression()
            self._expect(")")
            return inner
        if kind == "word" and self._peek() == ("punct", "("):
            return self._call(value)
        if kind == "word" and value in ("and", "or"):
            raise ExpressionError(f"{value!r} needs something on each side")
        if kind == "word":
            raise ExpressionError(
                f"{value!r} is not understood: write text in quotes, a question as ${{name}}"
            )
        raise ExpressionError(f"unexpected {value!r}")

    def _call(self, name: str) -> Node:
        if name not in FUNCTIONS:
            raise ExpressionError(f"unknown function {name}() (known: {', '.join(sorted(FUNCTIONS))})")
        self._expect("(")
        arguments: list[Node] = []
        if self._peek() != ("punct", ")"):
            arguments.append(self.expression())
            while self._peek() == ("punct", ","):
                self._take()
                arguments.append(self.expression())
        self._expect(")")
        fewest, most = FUNCTIONS[name]
        if not fewest <= len(arguments) <= most:
            wanted = str(fewest) if fewest == most else f"{fewest} to {most}"
            raise ExpressionError(f"{name}() takes {wanted} argument(s), not {len(arguments)}")
        return ["call", name, *arguments]


def _references(tree: Node) -> set[str]:
    if tree[0] == "ref":
        return {str(tree[1])}
    found: set[str] = set()
    for part in tree[1:]:
        if isinstance(part, list):
            found |= _references(part)
    return found


def _uses_current(tree: Node) -> bool:
    return tree[0] == "cur" or any(isinstance(part, list) and _uses_current(part) for part in tree[1:])


# ---- evaluation --------------------------------------------------------------------------------


def evaluate(
    expression: Expression, answers: Mapping[str, str], current: str = "", today: date | None = None
) -> bool:
    """Whether the expression holds for these answers (absent or hidden questions are '')."""
    return truth(_value(expression.tree, answers, current, today or date.today()))


def truth(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return value != 0 and not math.isnan(value)
    return value != ""


def number(value: Value) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    try:
        return float(value.strip()) if value.strip() else math.nan
    except ValueError:
        return math.nan


def _text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return value


def _value(tree: Node, answers: Mapping[str, str], current: str, today: date) -> Value:
    kind = tree[0]
    if kind == "ref":
        return answers.get(str(tree[1]), "")
    if kind == "cur":
        return current
    if kind == "lit":
        literal: Value = tree[1]
        return literal
    if kind == "and":
        return truth(_value(tree[1], answers, current, today)) and truth(
            _value(tree[2], answers, current, today)
        )
    if kind == "or":
        return truth(_value(tree[1], answers, current, today)) or truth(
            _value(tree[2], answers, current, today)
        )
    if kind == "cmp":
        left = _value(tree[2], answers, current, today)
        right = _value(tree[3], answers, current, today)
        return _compare(str(tree[1]), left, right)
    if kind == "call":
        arguments = [_value(argument, answers, current, today) for argument in tree[2:]]
        return _CALLS[str(tree[1])](arguments, today)
    raise ValueError(f"not an expression tree: {tree!r}")


def _compare(op: str, left: Value, right: Value) -> bool:
    if op in ("=", "!="):
        if isinstance(left, bool) or isinstance(right, bool):
            same = truth(left) == truth(right)
        elif isinstance(left, float) or isinstance(right, float):
            same = number(left) == number(right)
        else:
            same = left == right
        return same if op == "=" else not same
    if isinstance(left, str) and isinstance(right, str) and _ISO_DATE.match(left) and _ISO_DATE.match(right):
        a: float | str = left
        b: float | str = right
    else:
        a, b = number(left), number(right)
        if math.isnan(a) or math.isnan(b):
            return False
    if op == "<":
        return a < b  # type: ignore[operator]
    if op == "<=":
        return a <= b  # type: ignore[operator]
    if op == ">":
        return a > b  # type: ignore[operator]
    return a >= b  # type: ignore[operator]


def _selected(arguments: list[Value], _today: date) -> Value:
    return _text(arguments[1]) in _text(arguments[0]).split()


_CALLS: dict[str, Callable[[list[Value], date], Value]] = {
    "not": lambda arguments, _today: not truth(arguments[0]),
    "selected": _selected,
    "count-selected": lambda arguments, _today: float(len(_text(arguments[0]).split())),
    "string-length": lambda arguments, _today: float(len(_text(arguments[0]))),
    "today": lambda _arguments, today: today.isoformat(),
    "true": lambda _arguments, _today: True,
    "false": lambda _arguments, _today: False,
}
