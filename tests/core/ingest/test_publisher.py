"""Texts about the inspectorate's reports written by others (commissioners, newspapers, forces) are
not reports: no programme is recognised in them even when they repeat its grades, while the
inspectorate's own pages and releases, also republished by a news wire, are read. Written here in
each family's shapes, with other forces and grades."""

from __future__ import annotations

import pytest

from inspectorate.core.ingest.document import document_from_text
from inspectorate.core.ingest.publisher import outside_voice
from inspectorate.core.ingest.read import import_document


def doc(*lines: str):  # type: ignore[no-untyped-def]
    return document_from_text("\n".join(lines) + "\n", "t.txt")


@pytest.mark.parametrize(
    "lines",
    [
        # A commissioner's page: a title welcoming, the commissioner speaking, "As ... I".
        (
            "PCC welcomes good assessment for Dorset Police",
            "Dorset Police: Crime Data Integrity inspection 2018",
        ),
        (
            "Dorset Police: Crime Data Integrity inspection 2018",
            "Dorset Police and Crime Commissioner Jane Doe said: \u201cThis is welcome.\u201d",
        ),
        ("As Police and Crime Commissioner, I have scrutinised the force's crime recording.",),
        ("STATEMENT FROM THE POLICE & CRIME COMMISSIONER FOR DORSET",),
        # A newspaper: its furniture, the reporter citing the report, the watchdog.
        ("Dorset Police rated 'good' at recording crime", "Sign up to our daily newsletter"),
        ("The report said the force had made progress since 2014.",),
        ("Dorset Police failed to record 9,000 crimes, the police watchdog has said.",),
        # A force's own news item.
        ("Deputy Chief Constable John Smith said: \u201cWe accept the findings.\u201d",),
        ("Dorset Police fully accepts the grading by HMICFRS.",),
        # A reporter attributing after the statement, naming the inspectorate as an entity, or another
        # body's spokesperson speaking.
        ("Only 80% of violent crimes reported were recorded, HMICFRS found.",),
        ("The force recorded too few crimes, the Inspectorate said.",),
        ("HMI says there is still too much variation across the 43 forces.",),
        ("A spokesperson for a victims' charity said: \u201cThis is worrying.\u201d",),
    ],
)
def test_an_outside_voice_is_found(lines: tuple[str, ...]) -> None:
    assert outside_voice(doc(*lines)) is not None


@pytest.mark.parametrize(
    "lines",
    [
        # The inspectorate's release (or a wire's copy of it), quoting a commissioner or not.
        (
            "Dorset Police\u2019s crime recording graded \u2018good\u2019",
            "Get the report",
            "HMICFRS has judged Dorset Police\u2019s crime recording as \u2018good\u2019.",
        ),
        # Its report page: "we found" outside quotation marks.
        (
            "Overall judgment",
            "graded good",
            "We found that the force has improved. The watchdog role is ours.",
        ),
        # A wire's copy of a release without its link lines: the inspectorate "has said", "HMICFRS said".
        (
            "Dorset Police must improve, the police inspectorate has said.",
            "HMICFRS said the areas requiring improvement included how the force investigates crime.",
        ),
        # A page with no voice either way.
        ("Dorset Police: Crime Data Integrity inspection 2018", "graded good"),
    ],
)
def test_the_inspectorates_own_texts_have_no_outside_voice(lines: tuple[str, ...]) -> None:
    assert outside_voice(doc(*lines)) is None


def test_hm_inspectors_words_quoted_by_a_newspaper_keep_it_a_newspaper() -> None:
    text = doc(
        "Dorset Police ordered to improve",
        "The force has been given a rating of \u2018requires improvement\u2019.",
        "Sign up to our daily newsletter",
        "\u201cAs a result, we found areas of good crime recording practice during our inspection.",
    )
    assert outside_voice(text) is not None


def test_a_news_item_repeating_a_grade_is_read_without_programme_or_grade_but_with_its_rate() -> None:
    report = import_document(
        doc(
            "Dorset Police: Crime Data Integrity inspection 2018",
            "Have your say",
            "HMICFRS judged Dorset Police\u2019s crime recording as \u2018good\u2019.",
            "The force records 93.1 per cent of crimes reported to it, the watchdog said.",
        )
    )
    assert (report.programme, report.year, report.judgments) == (None, None, ())
    assert report.force_id == "dorset" and [f.percent for f in report.cdi_figures] == [93.1]
    assert report.missing[0].startswith("programme: the text is not the inspectorate's own report")
