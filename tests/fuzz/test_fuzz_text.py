"""Fuzz targets for the text readers: YAML (every YAML file goes through ``yamldoc``), framework
files and their validator, review templates in YAML, and published reports as text, HTML and PDF.

Each target starts from real input (the library's frameworks, the shipped review template, the
seed reports when ../shared/seeds is beside the repository, else a paragraph written in their
shape), mutates it (pieces cut, repeated and spliced, YAML syntax and line endings put in, values
replaced by lists and mappings, bytes of a PDF damaged) and asserts that the reader either succeeds
or refuses with its own located error. Anything else is a crash: ``scripts/fuzz`` runs these for
minutes and its findings become tests in tests/core.
"""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from inspectorate.core.casereview.compile import compile_workbook
from inspectorate.core.casereview.library import LIBRARY_DIR as TEMPLATES_DIR
from inspectorate.core.casereview.sheets import read_yaml
from inspectorate.core.frameworks import framework_problems
from inspectorate.core.frameworks.library import LIBRARY_DIR as FRAMEWORKS_DIR
from inspectorate.core.ingest.document import document_from_text, html_text, read_document
from inspectorate.core.ingest.model import ImportedReport
from inspectorate.core.ingest.read import import_document
from inspectorate.core.limits import YAML_MAX_DEPTH
from inspectorate.core.problems import InputError, Problem, ProblemsError
from inspectorate.core.yamldoc import YamlSyntaxError, parse_yaml
from support.fuzz import fuzz
from support.pdf import tiny_pdf

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
# A paragraph in the seed reports' shape, for when the seeds are not beside the repository.
FALLBACK_REPORT = """PEEL: Police effectiveness, efficiency and legitimacy 2021/22
An inspection of Kent Police
Published 12 May 2022
Responding to the public
Adequate
Area for improvement
The force should make sure it answers non-emergency calls promptly.
We found the force is recording 91.7 percent (with a confidence interval of +/- 2.4 percent) of all
reported crime (excluding fraud). In 12 of the 30 cases we reviewed, victims were kept informed.
Cause of concern
Kent Police needs to improve how it safeguards vulnerable people.
"""
# What a fuzzer puts into YAML and report text: the syntax that changes a document's shape (anchors,
# aliases, tags, flow collections, indentation), line endings of every kind, and odd characters.
TOKENS = (
    "\r", "\n", "\r\n", "\t", "\x00", "\ufeff", "\u2028", "\x85", "&a ", "*a", "!!int ", "!!binary ",
    "!!set ", "!!python/object ", "<<: ", "? ", "- ", ": ", "[", "]", "{", "}", ",", "#", "'", '"', "|", ">",
    "%YAML 1.1\n", "---\n", "...\n", "2021-02-30", "1e400", "0x", "~", "  ", "    ", ". ", "\u00ad", "\u2011",
    "\f", "<", ">", "&amp;", "<!--", "<script>", "</p>", "<li>", "Area for improvement\n",
    "Cause of concern\n",
    "recording 9 percent (with a confidence interval of +/- 1 percent) of ", " of the ", " cases reviewed",
    "Published 30 February 2022\n", "Metropolitan Police", "9" * 30, "x" * 2000,
)  # fmt: skip
HTML_TOKENS = tuple(token for token in TOKENS if token.startswith(("<", "&")))
# Values put where the validator expects an id, a name or a list.
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.lists(st.lists(st.integers(), max_size=2), max_size=2),
)  # fmt: skip


# ---- the valid inputs mutations start from ------------------------------------------------------


@cache
def framework_texts() -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8") for path in sorted(FRAMEWORKS_DIR.glob("*.yaml")))


@cache
def template_texts() -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8") for path in sorted(TEMPLATES_DIR.glob("*.yaml")))


@cache
def report_texts() -> tuple[str, ...]:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    return tuple(path.read_text(encoding="utf-8") for path in seeds) or (FALLBACK_REPORT,)


@st.composite
def mutated(draw: st.DrawFn, texts: tuple[str, ...], window: int = 6000) -> str:
    """A piece of one of ``texts`` with a few edits: a token put in, a span cut or repeated, two
    pieces spliced."""
    text = draw(st.sampled_from(texts))
    if len(text) > window:
        start = draw(st.integers(0, len(text) - window))
        text = text[start : start + window]
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        end = draw(st.integers(at, min(len(text), at + 200)))
        edit = draw(st.sampled_from(("insert", "cut", "repeat", "splice", "text")))
        if edit == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif edit == "cut":
            text = text[:at] + text[end:]
        elif edit == "repeat":
            text = text[:end] + text[at:end] * draw(st.integers(1, 50)) + text[end:]
        elif edit == "splice":
            other = draw(st.sampled_from(texts))
            start = draw(st.integers(0, len(other)))
            text = text[:at] + other[start : start + 300] + text[end:]
        else:
            text = text[:at] + draw(st.text(max_size=20)) + text[at:]
    return text


def _located(problems: list[Problem] | tuple[Problem, ...], source: str) -> None:
    assert problems
    for problem in problems:
        assert problem.file == source and "\n" not in problem.message, problem


# ---- YAML ---------------------------------------------------------------------------------------


@fuzz
@given(mutated(framework_texts() + template_texts()))
def test_fuzz_yaml(text: str) -> None:
    try:
        parse_yaml(text, "fuzz.yaml")
    except YamlSyntaxError as exc:
        _located([exc.problem], "fuzz.yaml")


@fuzz
@given(st.integers(1, 3 * YAML_MAX_DEPTH), st.sampled_from(("[", "{a: ", "- ", "a:\n")))
def test_fuzz_yaml_depth(depth: int, opener: str) -> None:
    closer = {"[": "]", "{a: ": "}"}.get(opener, "")
    if opener == "a:\n":
        text = "".join(f"{' ' * n}a:\n" for n in range(depth)) + " " * depth + "x\n"
    else:
        text = opener * depth + "x" + closer * depth
    try:
        parse_yaml(text, "deep.yaml")
    except YamlSyntaxError as exc:
        assert depth > YAML_MAX_DEPTH and "nesting deeper than" in exc.problem.message, exc


# ---- frameworks ---------------------------------------------------------------------------------


def _replace_somewhere(draw: st.DrawFn, data: Any, value: Any) -> Any:
    """``data`` with one of its values (chosen by walking down at random) replaced by ``value``."""
    if isinstance(data, dict) and data and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(data, key=str)))
        return {**data, key: _replace_somewhere(draw, data[key], value)}
    if isinstance(data, list) and data and draw(st.booleans()):
        index = draw(st.integers(0, len(data) - 1))
        return [*data[:index], _replace_somewhere(draw, data[index], value), *data[index + 1 :]]
    return value


@st.composite
def odd_frameworks(draw: st.DrawFn) -> str:
    data = yaml.safe_load(draw(st.sampled_from(framework_texts())))
    for _ in range(draw(st.integers(1, 4))):
        data = _replace_somewhere(draw, data, draw(ODD_VALUES))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@fuzz
@given(st.one_of(odd_frameworks(), mutated(framework_texts())))
def test_fuzz_framework(text: str) -> None:
    problems = framework_problems(text, "fuzz.yaml")
    if problems:
        _located(problems, "fuzz.yaml")


# ---- review templates ---------------------------------------------------------------------------


@fuzz
@given(mutated(template_texts(), window=20_000))
def test_fuzz_review_template(text: str) -> None:
    try:
        compile_workbook(read_yaml(text, "fuzz.yaml"))
    except ProblemsError as exc:
        _located(exc.problems, "fuzz.yaml")


# ---- published reports --------------------------------------------------------------------------


def _imported(text: str) -> None:
    document = document_from_text(text, "fuzz.txt")
    try:
        report = import_document(document)
    except InputError as exc:
        assert str(exc).count("\n") == 0, exc
        return
    assert isinstance(report, ImportedReport)
    for located in (*report.findings, *report.cdi_figures, *report.case_review_counts):
        assert 0 <= located.at.start <= located.at.end <= len(document.text)


@fuzz
@given(mutated(report_texts()))
def test_fuzz_report_text(text: str) -> None:
    _imported(text)


@fuzz
@given(mutated(report_texts(), window=3000), st.lists(st.sampled_from(HTML_TOKENS), max_size=30))
def test_fuzz_report_html(text: str, tags: list[str]) -> None:
    html = "<!doctype html><html><body>" + "".join(tags) + text.replace("\n", "<p>") + "</body></html>"
    _imported(html_text(html))


@fuzz
@given(st.binary(max_size=16), st.integers(0, 2000), st.integers(0, 600))
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_fuzz_report_pdf(junk: bytes, at: int, cut: int) -> None:
    pdf = tiny_pdf("Kent Police is recording 91.7 percent of all reported crime.")
    pdf = pdf[:at] + junk + pdf[at + len(junk) :]
    pdf = pdf[: len(pdf) - cut] if cut < len(pdf) else pdf
    with tempfile.TemporaryDirectory(prefix="inspectorate-fuzz-") as folder:
        path = Path(folder) / "fuzz.pdf"
        path.write_bytes(pdf)
        try:
            _imported(read_document(path).text)
        except InputError as exc:
            assert str(exc).startswith("fuzz.pdf: ") and "\n" not in str(exc), exc
