"""The importer on real published texts, against their hand-checked truth files.

The targets of docs/importing.md, held on the development texts and on those held out from
development: every stated grade read exactly in at least 95% of texts, at least 95% of recording-
rate estimates exact with their interval, and not one grade read that a text does not state.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectorate.core.ingest.document import read_document
from inspectorate.core.ingest.read import import_document
from inspectorate.core.ingest.scoring import TextScore, score, tally
from inspectorate.core.ingest.truth import corpus

CORPUS = Path(__file__).resolve().parents[2] / "data" / "published-reports"


@pytest.fixture(scope="module", params=["dev", "heldout"])
def scores(request: pytest.FixtureRequest) -> list[TextScore]:
    texts = corpus(CORPUS, (request.param,))
    if not texts:
        pytest.skip(f"no {request.param} texts in {CORPUS}")
    return [score(t.name, import_document(read_document(t.text_path)), t.truth) for t in texts]


def test_no_grade_is_invented(scores: list[TextScore]) -> None:
    invented = [f"{s.name}: {grade}" for s in scores for grade in s.invented]
    assert not invented, "\n".join(invented)


def test_every_stated_grade_is_read_exactly_in_95_percent_of_texts(scores: list[TextScore]) -> None:
    overall, _ = tally(scores)
    inexact = [f"{s.name}: missed {s.missed}, invented {s.invented}" for s in scores if not s.grades_exact]
    assert overall.grades_exact >= 0.95 * overall.texts, "\n".join(inexact)


def test_95_percent_of_recording_rate_estimates_are_exact(scores: list[TextScore]) -> None:
    overall, _ = tally(scores)
    assert overall.estimates_right >= 0.95 * overall.estimates_true
    # and nothing read that is not there
    assert overall.estimates_right >= 0.95 * overall.estimates_read


def test_the_programme_and_force_are_recognised(scores: list[TextScore]) -> None:
    overall, _ = tally(scores)
    wrong = [s.name for s in scores if not s.programme_right]
    assert overall.programme_right >= 0.9 * overall.texts, wrong
    assert overall.force_right >= 0.9 * overall.texts
