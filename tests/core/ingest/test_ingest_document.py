"""Reports as text: plain text, HTML without its site chrome, PDF through pdftotext; every
offset located by line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from inspectorate.core.ingest.document import document_from_text, html_text, read_document
from inspectorate.core.problems import InputError
from support.pdf import tiny_pdf


def test_text_is_normalised_but_keeps_its_words() -> None:
    raw = "Kent\u00a0Police  is\r\ngood\u00ad at  non\u2011emergency.\t\r\n\r\nEnd\u2019s"
    document = document_from_text(raw, "k.txt")
    assert document.text == "Kent Police is\ngood at non-emergency.\n\nEnd\u2019s"
    assert document.lines == ("Kent Police is", "good at non-emergency.", "", "End\u2019s")


def test_an_offset_is_located_by_line_with_a_quote() -> None:
    document = document_from_text("first line\nsecond line here\nthird", "x.txt")
    start = document.text.index("line here")
    at = document.at(start, start + len("line here"))
    assert (at.line, at.quote) == (2, "line here")
    assert document.line_of(0) == 1 and document.line_of(len(document.text) - 1) == 3
    assert document.at_line(3).quote == "third"


def test_html_loses_scripts_styles_and_the_site_around_the_report() -> None:
    page = """<!doctype html><html><head><style>p{color:red}</style><script>var x = 1;</script></head>
    <body><header>Skip to content</header><nav><a href="/">Home</a></nav>
    <main><h1>Kent Police&nbsp;2019</h1><p>The force is <b>good</b> at
    recording crime.</p><ul><li>First point</li><li>Second point</li></ul></main>
    <footer>Cookies</footer></body></html>"""
    text = html_text(page)
    assert text.splitlines() == [
        "Kent Police\u00a02019",
        "The force is good at recording crime.",
        "- First point",
        "- Second point",
    ]


def test_a_file_is_read_by_its_kind(tmp_path: Path) -> None:
    (tmp_path / "r.html").write_text("<html><body><p>Kent Police</p><footer>x</footer></body></html>")
    assert read_document(tmp_path / "r.html").text == "Kent Police"
    (tmp_path / "r.txt").write_bytes(b"\xef\xbb\xbfKent Police\n")
    assert read_document(tmp_path / "r.txt").text == "Kent Police\n"


def test_bad_files_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothing\.txt: no such file"):
        read_document(tmp_path / "nothing.txt")
    (tmp_path / "latin.txt").write_bytes(b"Caf\xe9")
    with pytest.raises(InputError, match=r"latin\.txt: is not UTF-8 text \(byte 0xE9 at 3\)"):
        read_document(tmp_path / "latin.txt")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_a_pdf_is_read_through_pdftotext(tmp_path: Path) -> None:
    (tmp_path / "r.pdf").write_bytes(tiny_pdf("Kent Police is good at crime recording."))
    assert read_document(tmp_path / "r.pdf").text.strip() == "Kent Police is good at crime recording."
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really")
    with pytest.raises(InputError, match=r"broken\.pdf: not a PDF that can be read"):
        read_document(tmp_path / "broken.pdf")
