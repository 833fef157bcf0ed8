"""Recording rates in the forms texts print them, written here with other forces and numbers: the
rate is read with its interval and scope, an earlier inspection's with its year, and shares of
unrecorded crime, changes, bounds and other percentages are left out."""

from __future__ import annotations

import pytest

from inspectorate.core.ingest.document import document_from_text
from inspectorate.core.ingest.rates import recording_rates


def rates(text: str) -> list[tuple[float, float | None, str | None]]:
    return [(f.percent, f.ci_plus_minus, f.year) for f in recording_rates(document_from_text(text, "t.txt"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We estimate that the force records 91.3 percent (with a confidence interval of +/- 1.5 percent) "
            "of crimes reported to it.",
            [(91.3, 1.5, None)],
        ),
        (
            "HMICFRS found that 88.7 percent of crimes reported to the force were recorded (\u00b11.4%).",
            [(88.7, 1.4, None)],
        ),
        ("The force is recording 95.1% of all reported crime.", [(95.1, None, None)]),
        (
            "This represents a recording rate of 84.2 percent (with a confidence interval of +/- 1.9 "
            "percent).",
            [(84.2, 1.9, None)],
        ),
        (
            "The recording rate for sexual offences is of concern at only 77.4 percent (+/- 4.1 percent).",
            [(77.4, 4.1, None)],
        ),
        (
            "Our overall compliance rate stands at 86.0%, just behind the national average of 88.1%.",
            [(86.0, None, None), (88.1, None, None)],
        ),
        ("Recording rate now 90.2% (was 83.3%).", [(90.2, None, None), (83.3, None, "previous")]),
        (
            "This is better than our 2016 inspection, when we found it recorded 85.5 percent (with a "
            "confidence interval of +/- 2.2 percent) of all reported crime.",
            [(85.5, 2.2, "2016")],
        ),
        # Another inspection's finding on a later page, the body named with its year.
        (
            "HMIC\u2019s 2017 crime data integrity inspection found that the force only recorded "
            "82.4 percent of crime reported to it.",
            [(82.4, None, "2017")],
        ),
        # News items: a share recorded before the unrecorded rest, a sentence broken across lines, the
        # earlier inspection named after the figure, and "making it onto the books".
        (
            "HMICFRS found that 88 per cent of violent crimes reported were recorded, leaving 4,100 "
            "unrecorded.",
            [(88.0, None, None)],
        ),
        (
            "Only 81.2 per cent of reported violent crimes \nwere recorded, meaning 900 were not logged.",
            [(81.2, None, None)],
        ),
        (
            "It now records 95.2 per cent, 9 per cent more than the 86 per cent of crimes it was recording "
            "during its 2016 inspection.",
            [(95.2, None, None), (86.0, None, "2016")],
        ),
        ("with only 84% of reported violent crimes making it onto the books.", [(84.0, None, None)]),
        # News items naming the rate after the figure, or before it in brackets.
        ("It praised the force for its 92% rate for recording reported crime.", [(92.0, None, None)]),
        ("The force has one of the best sex offence recording rates (96.4%).", [(96.4, None, None)]),
        ("Inspectors found a recording rate of 88.6 percent.", [(88.6, None, None)]),
        # A figure of something else beside the rate: only the rate is read.
        (
            "Calls rose 14 per cent in a year, and the force recorded 90.5 per cent of crimes reported.",
            [(90.5, None, None)],
        ),
        (
            "Only 79% of violent crime and 88% of sexual offences reported were recorded.",
            [(79.0, None, None), (88.0, None, None)],
        ),
    ],
)
def test_each_printed_form_is_read(text: str, expected: list[tuple[float, float | None, str | None]]) -> None:
    assert rates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The 9.4 percent of reported crimes that go unrecorded include violent crime.",
        "The force recorded 70.1 per cent of crimes, a drop of 6.2 per cent from 2017.",
        "The force answered 81 percent of 999 calls within ten seconds.",
        "Over 96 percent of all reported crimes are now recorded.",
        "Some 92.3 percent of victims were satisfied with the service.",
        "Half of violent crimes, 50%, were not recorded within 24 hours.",
        "Inspectors estimated that in 12 per cent of crimes which were reported, 9,000 failed to be "
        "recorded.",
        "An increase in accuracy from 70 per cent to 81 per cent. This means crime is accurately being "
        "recorded.",
        # Changes in the volume of recorded crime.
        "The force reported a 20 per cent reduction in recorded crime.",
        "Recorded crime rose by 12% last year.",
        "Crime fell 16 per cent in the county as recorded by the force.",
        "A 9 per cent increase in crimes recorded was expected.",
    ],
)
def test_other_percentages_are_not_rates(text: str) -> None:
    kept = [r for r in rates(text) if r[0] != 70.1]
    assert kept == []


def test_a_rate_before_an_earlier_inspection_named_in_another_sentence_is_the_reports_own() -> None:
    text = (
        "Since our 2014 inspection the force has improved. We estimate that it records 93.0 percent of crime."
    )
    assert rates(text) == [(93.0, None, None)]
