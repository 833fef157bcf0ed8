"""import-report reads a report within stated limits and in time linear in its length.

The linearity is checked by structure, not by the clock: the text is split into lines once however
often readers ask for them (splitting on every access made reading quadratic: 4 MB took 106 s), and
a figure's sentence is looked for in a bounded window, so a text with no sentence ends costs each
figure a fixed amount. Timings are in docs/benchmarks.md.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectorate.core.ingest.common import sentence_around
from inspectorate.core.ingest.document import _defused, document_from_text, html_text, read_document
from inspectorate.core.ingest.read import import_document
from inspectorate.core.limits import REPORT_HTML_MAX_BYTES, REPORT_PDF_MAX_BYTES, REPORT_TEXT_MAX_BYTES
from inspectorate.core.problems import InputError
from support.pdf import tiny_pdf


def _sparse(path: Path, size: int, head: bytes = b"") -> Path:
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)  # only the size is looked at before the file is refused
    return path


@pytest.mark.parametrize(
    ("name", "head", "limit", "what"),
    [
        ("big.txt", b"", REPORT_TEXT_MAX_BYTES, "a report's text may be at most 20 MB"),
        ("big.html", b"<html>", REPORT_HTML_MAX_BYTES, "an HTML report may be at most 50 MB"),
        ("big.pdf", b"%PDF-1.4", REPORT_PDF_MAX_BYTES, "a PDF report may be at most 50 MB"),
    ],
)
def test_a_report_over_its_size_limit_is_refused_in_one_line(
    tmp_path: Path, name: str, head: bytes, limit: int, what: str
) -> None:
    path = _sparse(tmp_path / name, limit + 1, head)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == f"{name}: is {limit + 1:,} bytes; {what}"


def test_html_whose_text_is_over_the_text_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("inspectorate.core.ingest.document.REPORT_TEXT_MAX_BYTES", 100)
    path = tmp_path / "r.html"
    path.write_text("<html><p>" + "word " * 10 + "</p><!-- not text: " + "x" * 200 + " --></html>")
    assert read_document(path).text.startswith("word word")
    path.write_text("<html><p>" + "word " * 30 + "</p></html>")
    with pytest.raises(InputError, match=r"^r\.html: is 1\d\d bytes; the text of an HTML report may be at"):
        read_document(path)


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed")
def test_a_pdf_over_the_page_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("inspectorate.core.ingest.document.REPORT_PDF_MAX_PAGES", 0)
    (tmp_path / "r.pdf").write_bytes(tiny_pdf("Kent Police"))
    with pytest.raises(InputError, match=r"^r\.pdf: has 1 pages; a PDF report may have at most 0$"):
        read_document(tmp_path / "r.pdf")


def test_the_text_is_split_into_lines_once(monkeypatch: pytest.MonkeyPatch) -> None:
    document = document_from_text("Kent Police\n" * 2000, "r.txt")
    assert document.lines is document.lines
    splits = 0
    original = document.text

    class Counting(str):
        def split(self, *args: object, **kwargs: object) -> list[str]:  # type: ignore[override]
            nonlocal splits
            if args == ("\n",):
                splits += 1
            return original.split(*args, **kwargs)  # type: ignore[arg-type]

    fresh = document_from_text(original, "r.txt")
    object.__setattr__(fresh, "text", Counting(original))
    import_document(fresh, "kent")
    assert splits == 1


def test_a_sentence_is_looked_for_within_a_bounded_window() -> None:
    line = "recorded an additional 5 crimes and " * 30_000  # one line, no sentence ends: 1 MB
    document = document_from_text(line, "r.txt")
    middle = len(line) // 2
    left, right = sentence_around(document, middle, middle + 10)
    assert middle - left <= 600 and right - (middle + 10) <= 600


def test_tags_that_never_close_are_read_as_text() -> None:
    # Found probing the HTML reader: Python's HTMLParser rescanned the rest of the document for each
    # unfinished tag, so 150 KB of "<a " took minutes.
    assert html_text("<p>Kent <a <a <a </p>") == "Kent <a <a <a"
    assert html_text("<p>Kent<!-- a <b> comment --> Police</p><!-- unclosed <p>x") == "Kent Police"


@given(st.text(alphabet="<>!-/a '\"[]&;x\n", max_size=200))
def test_every_tag_given_to_the_html_parser_ends_before_the_next_starts(html: str) -> None:
    defused = _defused(html)
    for opening in (n for n, character in enumerate(defused) if character == "<"):
        closing, following = defused.find(">", opening), defused.find("<", opening + 1)
        assert closing >= 0 and (following < 0 or closing < following), defused
    html_text(html)
