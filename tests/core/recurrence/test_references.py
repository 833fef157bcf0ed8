"""Reading a later report's references to earlier findings, and resolving them: the wording
families, the outcomes they state, what only looks like a reference, and what is never forced."""

from __future__ import annotations

import pytest

from inspectorate.core.findings import FindingKind
from inspectorate.core.recurrence.references import (
    EarlierFinding,
    EarlierInspection,
    LaterFinding,
    Outcome,
    anchor,
    programme_hints,
    read_citations,
    resolve,
)


def one(text: str):
    (citation,) = read_citations([text])
    return citation


@pytest.mark.parametrize(
    ("text", "years", "relative"),
    [
        ("In our 2019 inspection we recommended that the force review its skills records.", ("2019",), None),
        ("We previously raised concerns about how victims are kept informed.", (), "earlier"),
        ("The cause of concern from our 2014 report on custody has been addressed.", ("2014",), None),
        ("HMIC's crime inspection in 2014 recommended better compliance with the code.", ("2014",), None),
        ("In 2019, we said that the force needed to improve its investigations.", ("2019",), None),
        ("Since our last inspection in 2022, the force has cut its call backlog.", ("2022",), None),
        ("The area for improvement we identified in 2016 has not been met.", ("2016",), None),
        ("At our last inspection we found supervision was weak; it is now good.", (), "last"),
        (
            "In our 2018/19 PEEL inspection we highlighted the lack of a skills database.",
            ("2018", "2019"),
            None,
        ),
    ],
)
def test_each_wording_family_is_read_with_its_year_or_its_relative_word(text, years, relative):
    citation = one(text)
    assert (citation.years, citation.relative) == (years, relative)
    assert citation.line == 1 and citation.sentence == text


@pytest.mark.parametrize(
    "text",
    [
        "This is broadly unchanged compared with our 2018 inspection, when it recorded 89.5 percent.",
        "In 2019 we graded the force as good at preventing crime.",
        "The offender's previous history must be taken into account.",
        "Over the previous 12 months the force recruited 900 officers.",
        "In our 2019 inspection of Eastvale Police we found call handlers did not use THRIVE.",
        "In our 2019 national thematic report we recommended that all forces improve.",
        "In 2018 the force restructured into four basic command units.",
        "The 2006 review of crime recording conducted by the Audit Commission found pressures remained.",
    ],
)
def test_what_only_looks_like_a_reference_is_left_alone(text):
    assert read_citations([text]) == []


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        (
            "HMIC's 2014 crime inspection recommended this. The force is still not wholly compliant.",
            "partly-met",
        ),
        ("We previously highlighted THRIVE in the 2019 PEEL inspection, and it hasn't improved.", "not-met"),
        (
            "In 2019 we recommended a skills database. We are disappointed that there is no progress.",
            "not-met",
        ),
        ("In our 2017 inspection we raised vetting. The force has addressed this.", "met"),
        ("In 2017 we recommended more capacity. The force responded well.", "met"),
        ("In 2019 we said calls were slow. The force now meets the national standard.", "met"),
        ("In 2019, we said that investigations needed to improve. We return to this below.", "none"),
        # Negated forms of the words of a met finding are not met.
        ("In 2019 we recommended an audit. We were not reassured that the force had acted.", "not-met"),
        ("In 2019 we recommended an audit. We are not pleased with what we found.", "not-met"),
        ("In 2017 we recommended more capacity. The force has not responded well.", "not-met"),
        ("In 2019 we said calls were slow. The force no longer meets the national standard.", "not-met"),
        ("In 2019 we recommended a skills database. It has not been implemented.", "not-met"),
    ],
)
def test_the_outcome_is_read_from_the_sentence_or_the_ones_after_it(text, outcome):
    assert one(text).outcome == Outcome(outcome)


def test_the_kind_and_programme_named_are_kept():
    citation = one(
        "THRIVE+ at first contact was an area for improvement we previously highlighted in the 2019 "
        "PEEL inspection."
    )
    assert citation.kind is FindingKind.AREA_FOR_IMPROVEMENT
    assert citation.programmes == {"peel"}
    assert (
        one("Our 2017 inspection raised a cause of concern on vetting.").kind is FindingKind.CAUSE_OF_CONCERN
    )
    assert programme_hints("HMIC's crime inspection in 2014") == {"crime-inspection"}


def test_curly_apostrophes_read_as_straight_ones():
    citation = one("The area hasn\u2019t improved since we highlighted it in our 2019 inspection.")
    assert citation.outcome is Outcome.NOT_MET and "hasn't" in citation.sentence


CORE = EarlierInspection(
    "CORE-2014",
    "2014-09",
    frozenset({"2014"}),
    programme_hints("Core business 2014"),
    (
        EarlierFinding(
            "c1", FindingKind.AREA_FOR_IMPROVEMENT, "The force cannot measure time saved by mobile devices."
        ),
    ),
)
CRIME = EarlierInspection(
    "CRIME-2014",
    "2014-11",
    frozenset({"2014"}),
    programme_hints("Crime inspection 2014"),
    (
        EarlierFinding(
            "v1",
            FindingKind.RECOMMENDATION,
            "Make sure officers meet the Code of Practice for Victims of Crime.",
        ),
        EarlierFinding("v2", FindingKind.RECOMMENDATION, "Review how burglary scenes are examined."),
    ),
)
PEEL = EarlierInspection(
    "PEEL-2019",
    "2019-09",
    frozenset({"2018", "2019"}),
    programme_hints("PEEL 2018/19"),
    (
        EarlierFinding(
            "t1", FindingKind.AREA_FOR_IMPROVEMENT, "Use the THRIVE risk model consistently at first contact."
        ),
        EarlierFinding("s1", FindingKind.AREA_FOR_IMPROVEMENT, "Build a central record of workforce skills."),
    ),
)
VICTIMS = (
    "HMIC's crime inspection in 2014 recommended compliance with the victims' code. "
    "It is still not wholly met."
)


def test_a_citation_resolves_to_the_named_programme_of_that_year_and_the_finding_on_its_matter():
    resolution = resolve(one(VICTIMS), "2016-02", [CORE, CRIME, PEEL])
    assert (resolution.inspection, resolution.finding, resolution.reason) == ("CRIME-2014", "v1", "")
    thrive = one("THRIVE use was an area we previously highlighted in the 2019 PEEL inspection; no progress.")
    assert resolve(thrive, "2022-04", [CORE, CRIME, PEEL]).finding == "t1"


def test_an_inspection_the_library_lacks_is_never_replaced_by_another_of_that_year():
    resolution = resolve(one(VICTIMS), "2016-02", [CORE, PEEL])
    assert resolution.finding is None and resolution.inspection is None
    assert resolution.reason == "no earlier crime-inspection inspection of that time in the library"
    unknown_year = resolve(one("In our 2013 inspection we recommended better custody."), "2016-02", [CORE])
    assert unknown_year.reason == "no earlier inspection of 2013 in the library"


def test_no_finding_on_the_matter_leaves_the_citation_with_its_inspection_and_no_finding():
    citation = one(
        "In our 2019 PEEL inspection we found stop and search records lacked grounds; still the case."
    )
    resolution = resolve(citation, "2022-04", [CORE, CRIME, PEEL])
    assert (resolution.inspection, resolution.finding) == ("PEEL-2019", None)
    assert resolution.reason == "no finding of PEEL-2019 on this matter"


def test_an_inspection_is_not_earlier_than_the_report_that_cites_it():
    citation = one("In our 2019 PEEL inspection we said THRIVE was not used; no progress.")
    assert resolve(citation, "2019-09", [PEEL]).finding is None


def test_the_later_finding_is_the_one_printed_just_above_else_the_closest_in_terms():
    (citation,) = read_citations(
        ["heading", "x", "In 2019 we said THRIVE was not used at first contact; no progress."]
    )
    heading = LaterFinding("h", 1, "The force fails to identify risk at first contact")
    far = LaterFinding("f", 40, "THRIVE is not used at first contact")
    assert anchor(citation, [heading, far]) == "h"
    assert anchor(citation, [LaterFinding("h", None, "Stop and search grounds"), far]) == "f"
    assert anchor(citation, [LaterFinding("u", None, "Stop and search grounds")]) is None
