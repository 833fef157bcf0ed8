"""Sections of docs/benchmarks.md that one benchmark owns, between markers, so that a rerun of one
benchmark replaces its own section and leaves the others' in place."""

from __future__ import annotations

import re


def _begin(name: str, script: str | None = None) -> str:
    by = script or f"{name}_bench.py"
    return f"<!-- begin {name}: written by benchmarks/{by}, replaced when it runs again -->"


def _end(name: str) -> str:
    return f"<!-- end {name} -->"


def put_section(text: str, name: str, body: str, script: str | None = None) -> str:
    """``text`` with ``name``'s section replaced by ``body``, or ``body`` added at the end; ``script``
    names the benchmark that writes it when it is not ``{name}_bench.py``."""
    block = f"{_begin(name, script)}\n{body.strip()}\n{_end(name)}\n"
    pattern = re.compile(rf"<!-- begin {re.escape(name)}: .*?<!-- end {re.escape(name)} -->\n?", re.DOTALL)
    if pattern.search(text):
        return pattern.sub(lambda _: block, text, count=1)
    return f"{text.rstrip()}\n\n{block}" if text.strip() else block


def carry_sections(previous: str, report: str) -> str:
    """``report`` (a page written whole) with every marked section of the page it replaces kept at its
    end, each exactly as it was, its markers included."""
    for found in re.finditer(r"<!-- begin ([\w-]+): .*?<!-- end \1 -->\n?", previous, re.DOTALL):
        name, block = re.escape(found.group(1)), found.group(0).rstrip("\n") + "\n"
        pattern = re.compile(rf"<!-- begin {name}: .*?<!-- end {name} -->\n?", re.DOTALL)
        if pattern.search(report):
            report = pattern.sub(block.replace("\\", "\\\\"), report, count=1)
        else:
            report = f"{report.rstrip()}\n\n{block}"
    return report
