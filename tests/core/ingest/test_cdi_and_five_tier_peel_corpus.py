"""The crime data integrity readers (2014, 2016-20) and the five-tier PEEL rounds (2021/22,
2023-25, 2025-27) on the development texts of the corpus, text by text, against their truth
files: programme, force, date, every stated grade (and none invented), the areas said to be
ungraded, and every recording-rate estimate with its interval and year."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectorate.core.ingest.document import read_document
from inspectorate.core.ingest.read import import_document
from inspectorate.core.ingest.scoring import score
from inspectorate.core.ingest.truth import TEXT_SUFFIX, TRUTH_SUFFIX, CorpusText, read_truth

CORPUS = Path(__file__).resolve().parents[2] / "data" / "published-reports"
PROGRAMMES = ("cdi-2014", "cdi-2016", "peel-2021", "peel-2023", "peel-2025")


def _texts() -> list[CorpusText]:
    """The development texts of these programmes (test_corpus checks that every text has its truth)."""
    found = []
    for truth_path in sorted((CORPUS / "dev").glob(f"*{TRUTH_SUFFIX}")):
        truth = read_truth(truth_path)
        if truth.programme in PROGRAMMES:
            name = truth_path.name.removesuffix(TRUTH_SUFFIX)
            found.append(CorpusText(name, "dev", truth_path.with_name(name + TEXT_SUFFIX), truth))
    return found


TEXTS = _texts()


def test_every_programme_has_development_texts() -> None:
    assert {t.truth.programme for t in TEXTS} == set(PROGRAMMES)
    assert len(TEXTS) >= 32


@pytest.mark.parametrize("text", TEXTS, ids=[t.name for t in TEXTS])
def test_the_text_is_read_as_its_truth_says(text: CorpusText) -> None:
    report = import_document(read_document(text.text_path))
    result = score(text.name, report, text.truth)
    assert (report.programme, report.force_id) == (text.truth.programme, text.truth.force)
    assert result.date_right, (report.date, text.truth.date)
    assert not result.invented, result.invented
    assert result.grades_exact, result.missed
    assert result.ungraded_right == result.ungraded_true
    read = sorted((f.percent, f.ci_plus_minus, f.year) for f in report.cdi_figures)
    assert read == sorted((e.percent, e.interval, e.year) for e in text.truth.cdi)
