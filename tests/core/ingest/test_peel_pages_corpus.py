"""The PEEL pages of 2014 to 2018/19 and the 2014 inspections, on the development texts: every
grade a text states for its own report is read, at its area, and nothing else; the ungraded
areas it names are read as ungraded; news items about a report are not read as one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from inspectorate.core.ingest.document import read_document
from inspectorate.core.ingest.model import ImportedReport
from inspectorate.core.ingest.read import import_document
from inspectorate.core.ingest.truth import CorpusText, corpus

DEV = Path(__file__).resolve().parents[2] / "data" / "published-reports"
PROGRAMMES = {
    "peel-2014",
    "peel-2015",
    "peel-2015-effectiveness",
    "peel-2016",
    "peel-2017",
    "peel-2018",
    "core-business-2014",
}
# News items about these programmes' reports (no programme of their own).
NEWS = ("-peel-2014-", "-peel-2016-", "-core-business-2014-")


def _texts() -> list[CorpusText]:
    return [
        t
        for t in corpus(DEV, ("dev",))
        if t.truth.programme in PROGRAMMES or (t.truth.programme is None and any(n in t.name for n in NEWS))
    ]


TEXTS = _texts()


def _read(text: CorpusText) -> ImportedReport:
    return import_document(read_document(text.text_path))


@pytest.mark.skipif(not TEXTS, reason="no development texts of these programmes")
@pytest.mark.parametrize("text", TEXTS, ids=[t.name for t in TEXTS])
def test_every_stated_grade_and_nothing_else_is_read(text: CorpusText) -> None:
    report = _read(text)
    read = Counter((j.area_id, j.grade.casefold()) for j in report.judgments if j.grade)
    true = Counter((g.area, g.grade.casefold()) for g in text.truth.grades)
    assert read == true


@pytest.mark.skipif(not TEXTS, reason="no development texts of these programmes")
@pytest.mark.parametrize("text", TEXTS, ids=[t.name for t in TEXTS])
def test_the_programme_and_the_ungraded_areas_are_recognised(text: CorpusText) -> None:
    report = _read(text)
    assert report.programme == text.truth.programme
    ungraded = {j.area_id for j in report.judgments if not j.grade}
    assert {u.area for u in text.truth.ungraded} <= ungraded


def test_the_corpus_holds_texts_of_every_year() -> None:
    if not TEXTS:
        pytest.skip("no development texts of these programmes")
    assert {t.truth.programme for t in TEXTS} >= PROGRAMMES
