"""The corpus of real published texts and its truth files: complete, consistent, checkable.

Every text has a truth file whose quotes are literal substrings of the text; forces and
programmes are known ids; held-out texts are about forces no development text is about, so that
the held-out scores measure reading texts the readers were not shaped on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectorate.core.forces.reference import all_forces
from inspectorate.core.frameworks.library import library
from inspectorate.core.ingest.truth import TEXT_SUFFIX, TRUTH_SUFFIX, corpus, quote_problems

CORPUS = Path(__file__).resolve().parents[2] / "data" / "published-reports"
PROGRAMMES = {
    "ba-2004", "ba-2005", "ba-2006", "crime-inspection-2014", "core-business-2014", "peel-2014",
    "peel-2015", "peel-2015-effectiveness", "peel-2016", "peel-2017", "peel-2018", "peel-2021",
    "peel-2023", "peel-2025", "cdi-2014", "cdi-2016",
}  # fmt: skip
HELD_OUT_FORCES = {
    "avon-and-somerset", "cumbria", "dyfed-powys", "gwent", "hertfordshire", "lincolnshire",
    "north-yorkshire", "staffordshire", "sussex", "wiltshire", "cleveland", "northamptonshire", "suffolk",
}  # fmt: skip


@pytest.fixture(scope="module")
def texts():  # type: ignore[no-untyped-def]
    return corpus(CORPUS)


def test_every_text_has_its_truth_file_and_every_truth_file_its_text() -> None:
    for part in ("dev", "heldout"):
        folder = CORPUS / part
        texts = {p.name.removesuffix(TEXT_SUFFIX) for p in folder.glob(f"*{TEXT_SUFFIX}")}
        truths = {p.name.removesuffix(TRUTH_SUFFIX) for p in folder.glob(f"*{TRUTH_SUFFIX}")}
        assert texts == truths, (
            f"{part}: texts without truth {texts - truths}, truth without text {truths - texts}"
        )
        others = (
            {p.name for p in folder.iterdir()}
            - {f"{n}{TEXT_SUFFIX}" for n in texts}
            - {f"{n}{TRUTH_SUFFIX}" for n in truths}
        )
        assert not others, f"{part}: files that are neither a text nor its truth: {sorted(others)}"


def test_the_corpus_is_as_wide_as_promised(texts) -> None:  # type: ignore[no-untyped-def]
    forces = {t.truth.force for t in texts if t.truth.force}
    programmes = {t.truth.programme for t in texts if t.truth.programme}
    assert len(texts) >= 60
    assert len(forces) >= 25
    assert len(programmes) >= 10
    assert sum(t.part == "heldout" for t in texts) >= 15


def test_every_quote_is_literally_in_its_text(texts) -> None:  # type: ignore[no-untyped-def]
    problems = []
    for t in texts:
        problems += quote_problems(t.text_path.read_text(encoding="utf-8"), t.truth, str(t.text_path))
    assert not problems, "\n".join(str(p) for p in problems)


def test_truth_names_known_forces_programmes_and_areas(texts) -> None:  # type: ignore[no-untyped-def]
    force_ids = {f.id for f in all_forces()}
    frameworks = library()
    wrong = []
    for t in texts:
        truth = t.truth
        if truth.force is not None and truth.force not in force_ids:
            wrong.append(f"{t.name}: force {truth.force!r}")
        if truth.programme is not None and truth.programme not in PROGRAMMES:
            wrong.append(f"{t.name}: programme {truth.programme!r}")
        if truth.programme is None and truth.grades:
            wrong.append(f"{t.name}: grades for no programme")
        framework = frameworks.get(truth.programme or "")
        if framework is not None:
            areas = {place.area.id for place in framework.walk()}
            for area in [g.area for g in truth.grades] + [u.area for u in truth.ungraded]:
                if area not in areas:
                    wrong.append(f"{t.name}: area {area!r} not in {truth.programme}")
        unknown_kinds = set(truth.findings) - {"cause-of-concern", "recommendation", "area-for-improvement"}
        if unknown_kinds:
            wrong.append(f"{t.name}: finding kinds {sorted(unknown_kinds)}")
    assert not wrong, "\n".join(wrong)


def test_texts_are_named_after_their_force_and_programme(texts) -> None:  # type: ignore[no-untyped-def]
    wrong = [
        t.name
        for t in texts
        if t.truth.force
        and t.truth.programme
        and not t.name.startswith(f"{t.truth.force}-{t.truth.programme}-")
    ]
    assert not wrong, wrong


def test_held_out_texts_are_about_forces_no_development_text_is_about(texts) -> None:  # type: ignore[no-untyped-def]
    for t in texts:
        if t.truth.force is None:
            continue
        held_out = t.truth.force in HELD_OUT_FORCES
        assert held_out == (t.part == "heldout"), f"{t.part}/{t.name} is about {t.truth.force}"
