"""Every YAML file is read within the stated limits (core/limits.py): size, nesting depth, no
aliases; beyond one, one located line, found before PyYAML builds any object."""

from __future__ import annotations

import resource
import time

import pytest

from inspectorate.core.limits import YAML_MAX_BYTES, YAML_MAX_DEPTH
from inspectorate.core.yamldoc import YamlSyntaxError, dump_yaml, parse_yaml
from support.hostile import ALIAS_BOMB


def _problem(text: str) -> str:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text, "template.yaml")
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_the_alias_bomb_is_refused_at_its_first_alias_without_building_it() -> None:
    assert len(ALIAS_BOMB.encode()) == 509
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    assert _problem(ALIAS_BOMB) == "template.yaml:2: alias *a: aliases are not accepted; write the value out"
    # Bounded, not timed: the bomb expanded is billions of nodes; refused, it costs next to nothing.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KB
    assert time.process_time() - started < 5


def test_a_single_alias_is_refused_too() -> None:
    assert _problem("first: &x 1\nsecond: *x\n") == (
        "template.yaml:2: alias *x: aliases are not accepted; write the value out"
    )


def test_5000_deep_nesting_is_one_line_not_a_recursion_error() -> None:
    too_deep = f"nesting deeper than {YAML_MAX_DEPTH} levels"
    assert _problem("[" * 5000 + "]" * 5000) == f"template.yaml:1: {too_deep}"
    assert _problem("{a: " * 5000 + "}" * 5000) == f"template.yaml:1: {too_deep}"
    assert _problem("top:\n" + "- " * 5000 + "x\n") == f"template.yaml:2: {too_deep}"


def test_nesting_up_to_the_limit_is_read() -> None:
    assert parse_yaml("[" * YAML_MAX_DEPTH + "]" * YAML_MAX_DEPTH, "ok.yaml").data is not None


def test_a_file_over_the_size_limit_is_refused_before_parsing() -> None:
    text = "a: " + "x" * YAML_MAX_BYTES + "\n"
    assert _problem(text) == "template.yaml: is 5,242,884 bytes; a YAML file may be at most 5 MB"


def test_a_scalar_that_is_no_value_of_its_tag_is_a_located_problem() -> None:
    assert _problem("ok: 1\nwhen: 2021-02-30\n") == (
        "template.yaml:2: not valid YAML: '2021-02-30' is not a valid timestamp"
        " (day is out of range for month)"
    )


def test_a_control_character_is_one_located_line() -> None:
    # Found by the fuzzer: PyYAML's reader refuses it in two lines, with a position, not a line.
    assert _problem("ok: 1\nbad: \x1f\n") == (
        "template.yaml:2: not valid YAML: unacceptable character #x001f: special characters are not allowed"
    )


def test_what_is_dumped_reads_back_without_aliases() -> None:
    shared = ["good", "adequate"]
    text = dump_yaml({"first": shared, "second": shared})
    assert "&" not in text and parse_yaml(text, "x.yaml").data == {"first": shared, "second": shared}
