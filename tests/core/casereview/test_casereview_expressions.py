"""Skip-logic and check expressions: what parses, what each evaluates to, and what is refused."""

from __future__ import annotations

from datetime import date

import pytest

from inspectorate.core.casereview.expressions import ExpressionError, evaluate, parse

TODAY = date(2022, 3, 1)
ANSWERS = {"a": "yes", "b": "no", "n": "12", "d": "2022-01-31", "m": "x y", "empty": ""}

# (expression, expected); shared with the browser test, which runs the same cases in Chromium.
CASES = [
    ("${a} = 'yes'", True),
    ("${a} != 'yes'", False),
    ("${a} = 'yes' and ${b} = 'yes'", False),
    ("${a} = 'yes' or ${b} = 'yes'", True),
    ("not(${b} = 'yes')", True),
    ("${missing} = ''", True),
    ("${empty} != ''", False),
    ("${n} > 5", True),
    ("${n} >= 12 and ${n} <= 12", True),
    ("${n} = 12", True),
    ("${n} < '9'", False),  # numbers compare as numbers, not as text
    ("${d} <= today()", True),
    ("${d} > '2022-02-01'", False),
    ("selected(${m}, 'y')", True),
    ("selected(${m}, 'z')", False),
    ("count-selected(${m}) = 2", True),
    ("string-length(${a}) = 3", True),
    ("(${a} = 'no' or ${b} = 'no') and true()", True),
    ("${a} = 'yes' and (${b} = 'yes' or ${n} > 10)", True),
    ("${a} = 'yes' or ${b} = 'yes' and false()", True),  # and binds tighter than or
    ("false()", False),
    ("${a}", True),
    ("${empty}", False),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_each_expression_evaluates_as_xlsform_does(source: str, expected: bool) -> None:
    assert evaluate(parse(source), ANSWERS, today=TODAY) is expected


def test_the_current_value_is_the_answer_being_checked() -> None:
    check = parse(". >= 0 and . <= 100")
    assert evaluate(check, {}, current="40") is True
    assert evaluate(check, {}, current="140") is False
    assert evaluate(check, {}, current="") is False  # empty is not a number


def test_references_and_the_current_value_are_found() -> None:
    expression = parse("${a} = 'yes' and (selected(${m}, 'x') or . > ${n})")
    assert expression.references() == {"a", "m", "n"}
    assert expression.uses_current_value()
    assert not parse("${a} = 'yes'").uses_current_value()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "empty"),
        ("${a} =", "ends too soon"),
        ("${a} = 'yes' and", "ends too soon"),
        ("${a} = yes", "'yes' is not understood"),
        ("${a b} = 'x'", "is not a question name"),
        ("${a} = 'x' = 'y'", "put brackets"),
        ("(${a} = 'x'", "ends too soon"),
        ("${a} = 'x')", "unexpected ')'"),
        ("pulldata('x')", "unknown function pulldata()"),
        ("not(${a}, ${b})", "not() takes 1 argument(s), not 2"),
        ("${a} # 'x'", "cannot read"),
        ("and ${a}", "needs something on each side"),
    ],
)
def test_a_bad_expression_says_what_is_wrong(source: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(source)


def test_the_tree_is_plain_json_for_the_browser() -> None:
    import json

    tree = parse("${a} = 'yes' and not(${n} > 2)").tree
    assert json.loads(json.dumps(tree)) == [
        "and",
        ["cmp", "=", ["ref", "a"], ["lit", "yes"]],
        ["call", "not", ["cmp", ">", ["ref", "n"], ["lit", 2.0]]],
    ]
