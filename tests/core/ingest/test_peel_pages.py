"""The wording families of the PEEL pages of 2014 to 2017, on texts written here in their shapes:
what is read, and what must not be (an earlier year's grade, the HMI's observations comparing with
an earlier inspection, a summary that names a question's subject in passing, a news item)."""

from __future__ import annotations

from inspectorate.core.ingest.document import document_from_text
from inspectorate.core.ingest.programmes import peel_pages
from inspectorate.core.ingest.programmes.peel_pages.years import YEARS
from inspectorate.core.ingest.read import import_document


def _grades(text: str) -> list[tuple[str | None, str | None]]:
    report = import_document(document_from_text(text, "page.txt"))
    return [(j.area_id, j.grade) for j in report.judgments]


OVERVIEW = """Dorset 2017

This is HMICFRS\u2019 fourth PEEL (police effectiveness, efficiency and legitimacy) assessment of
Dorset Police.

The extent to which the force is effective at keeping people safe and reducing crime requires improvement.

The extent to which the force is efficient at keeping people safe and reducing crime is not yet graded.

The extent to which the force is legitimate at keeping people safe and reducing crime is outstanding.

HMI's observations

The force is good at tackling serious and organised crime. It remains good at investigating crime.

How effective is the force at keeping people safe and reducing crime?

Last updated 22/03/2018
Requires improvement
"""


def test_an_overview_is_recognised_by_its_opening_and_read_by_its_lines() -> None:
    assert _grades(OVERVIEW)[:3] == [
        ("effectiveness", "Requires improvement"),
        ("efficiency", None),
        ("legitimacy", "Outstanding"),
    ]


def test_the_hmis_observations_grade_a_question_they_judge_but_not_one_they_compare_with_before() -> None:
    grades = dict(_grades(OVERVIEW))
    assert grades["effectiveness.q4"] == "Good"
    assert "effectiveness.q2" not in grades


def test_a_pillar_page_reads_its_summary_sentences_but_not_last_years_grade() -> None:
    text = (
        "Norfolk PEEL 2016\n\nEfficiency\n\n"
        "How efficient is the force at keeping people safe and reducing crime?\n\n"
        "Last updated 03/11/2016\n\nNorfolk Constabulary has been assessed as outstanding in respect of the "
        "efficiency with which it keeps people safe and reduces crime. It is good at using its resources to "
        "manage current demand. In last year\u2019s efficiency inspection, Norfolk Constabulary was "
        "judged to be good. "
        "Its understanding of current demand is outstanding.\n"
    )
    assert _grades(text) == [("efficiency", "Outstanding"), ("efficiency.q2", "Good")]


def test_question_grades_of_a_2017_summary_are_read_by_their_subjects() -> None:
    text = (
        "Surrey 2017\n\nThe force is judged to be good for its understanding of demand; it is assessed to "
        "require improvement for its use of resources to manage demand; and its planning for future demand "
        "is judged to be outstanding. Our overall judgment this year is the same as last year.\n"
    )
    assert _grades(text) == [
        ("efficiency.q1", "Good"),
        ("efficiency.q2", "Requires improvement"),
        ("efficiency.q3", "Outstanding"),
    ]


def test_a_2014_overview_reads_each_clause_of_its_list() -> None:
    text = (
        "Humberside 2014\n\nThis is the first PEEL Assessment of Humberside Police.\n\nin terms of its "
        "effectiveness, in general, the force is good at reducing crime and preventing offending, requires "
        "improvement in the way it investigates offending and is outstanding at tackling anti-social "
        "behaviour;\n\n"
        "the efficiency with which the force carries out its responsibilities is good; and\n"
    )
    assert _grades(text) == [
        ("effectiveness.q1", "Good"),
        ("effectiveness.q2", "Requires improvement"),
        ("effectiveness.q3", "Outstanding"),
        ("efficiency", "Good"),
    ]


def test_a_news_item_about_a_report_is_not_read_as_one() -> None:
    text = (
        "Norfolk Police rated good\n\n"
        "Norfolk Constabulary has been rated good at keeping people safe and reducing crime.\n"
    )
    report = import_document(document_from_text(text, "news.txt"))
    assert report.programme is None and report.judgments == ()


def test_a_title_line_must_name_a_force() -> None:
    assert peel_pages.programme_of(document_from_text("September 2016\n\nSomething\n", "x.txt")) is None
    assert peel_pages.programme_of(document_from_text("Thames Valley PEEL 2016\n", "x.txt")) == "peel-2016"


def test_every_year_has_its_pillars() -> None:
    for year in YEARS.values():
        assert {"effectiveness", "efficiency", "legitimacy"} <= {area.id for area in year.areas}


# ---- the wording families the pages of forces not seen in development use ------------------------


def _report(text: str) -> tuple[str | None, list[tuple[str | None, str | None]]]:
    report = import_document(document_from_text(text, "page.txt"))
    return report.programme, [(j.area_id, j.grade) for j in report.judgments]


def test_a_2015_effectiveness_page_is_the_effectiveness_reports_with_its_own_ids() -> None:
    text = (
        "Skip to content\n\nDerbyshire PEEL 2015\n\nEffectiveness\n\n"
        "How effective is the force at keeping people safe and reducing crime?\n\n"
        "Last updated 18/02/2016\nRequires improvement\n\n"
        "Overall HMIC judges Derbyshire Constabulary to require improvement at keeping people safe and "
        "reducing crime.\n\nThe constabulary is good in the way it prevents crime and anti-social behaviour, "
        "and it is inadequate at tackling serious and organised crime.\n"
    )
    programme, grades = _report(text)
    assert programme == "peel-2015-effectiveness"
    assert grades == [("overall", "Requires improvement"), ("q1", "Good"), ("q4", "Inadequate")]


def test_a_2015_overview_page_stays_the_2015_assessment() -> None:
    text = (
        "Essex 2015\n\nThis is HMIC's second assessment of Essex Police.\n\n"
        "The extent to which Essex Police is effective at keeping people safe and reducing crime is good.\n"
    )
    assert _report(text) == ("peel-2015", [("effectiveness", "Good")])


def test_question_grades_read_from_the_sentence_that_opens_each_question() -> None:
    text = (
        "Essex PEEL 2017\nEffectiveness\n"
        "How effective is the force at keeping people safe and reducing crime?\n"
        "How effective is the force at preventing crime, tackling anti-social behaviour and keeping people "
        "safe?\n"
        "Essex Police\u2019s approach to keeping its neighbourhoods safe is good.\n"
        "How effective is the force at investigating crime and reducing re-offending?\n"
        "Essex Police requires improvement at investigating crime and reducing re-offending.\n"
        "It is also good at reducing re-offending among young people.\n"
    )
    assert _report(text)[1] == [("effectiveness.q1", "Good"), ("effectiveness.q2", "Requires improvement")]


def test_summary_sentences_naming_a_question_by_what_the_force_does() -> None:
    text = (
        "Essex PEEL 2016\n\n\nHow effective is the force at keeping people safe and reducing crime?\n\n"
        "Last updated 02/03/2017\n\nEssex Police requires improvement in how it keeps people safe and "
        "reduces crime. Its investigation of crime also requires improvement. The way the force "
        "protects vulnerable people from harm is good. Its management of offenders and organised crime "
        "is good.\n"
    )
    assert _report(text)[1] == [
        ("effectiveness", "Requires improvement"),
        ("effectiveness.q2", "Requires improvement"),
        ("effectiveness.q3", "Good"),
    ]


def test_a_question_not_inspected_this_year_is_ungraded_and_last_years_grade_is_not_read() -> None:
    text = (
        "Essex PEEL 2017\nEffectiveness\n"
        "How effective is the force at keeping people safe and reducing crime?\n"
        "How effective is the force at tackling serious and organised crime?\n"
        "This question was not inspected in 2017. The grade and findings from last year\u2019s inspection "
        "still stand.\n"
        "In 2016, we judged the force to be good at tackling serious and organised crime. We also judged it "
        "to be outstanding at preventing crime, tackling anti-social behaviour and keeping people safe.\n"
    )
    assert _report(text)[1] == [("effectiveness.q4", None)]


def test_a_sentence_followed_by_carried_over_gives_ungraded_questions() -> None:
    text = (
        "Essex PEEL 2018\n\nEffectiveness\n\nHow effectively does the force reduce crime and keep people "
        "safe?\n\nLast updated 02/05/2019\nGood\n\nEssex Police is good at investigating crime and tackling "
        "serious and organised crime. These questions were not subject to detailed inspection in 2018/19, "
        "and our judgment from the 2017 inspection has been carried over.\n"
    )
    grades = dict(_report(text)[1])
    assert grades["effectiveness"] == "Good"
    assert grades["effectiveness.q2"] is None and grades["effectiveness.q4"] is None


def test_a_2018_label_carried_over_and_an_ungraded_fifth_question() -> None:
    text = (
        "Essex PEEL 2018\n\nEffectiveness\n\nHow effectively does the force reduce crime and keep people "
        "safe?\n\nLast updated 02/05/2019\nRequires improvement\n\nQuestions for Effectiveness\n\n1\n\n"
        "How effective is the force at preventing crime, tackling anti-social behaviour and keeping people "
        "safe?\n\nGood\n\nThis question was not subject to detailed inspection in 2018/19, and our judgment "
        "from the 2017 effectiveness inspection has been carried over.\n\n2\n\n"
        "How effective is the force at investigating crime and reducing re-offending?\n\nInadequate\n\n5\n\n"
        "How effective are the force\u2019s specialist capabilities?\n\nUngraded\n"
    )
    assert _report(text)[1] == [
        ("effectiveness", "Requires improvement"),
        ("effectiveness.q1", None),
        ("effectiveness.q2", "Inadequate"),
        ("effectiveness.q5", None),
    ]


def test_not_yet_graded_outweighs_a_sentence_in_another_pillars_summary() -> None:
    text = (
        "Essex 2017\n\nThis is HMICFRS\u2019 fourth PEEL assessment of Essex Police.\n\n"
        "The extent to which the force is effective at keeping people safe and reducing crime is not yet "
        "graded.\n\nHow efficient is the force at keeping people safe and reducing crime?\n\n"
        "Last updated 09/11/2017\n\nEssex Police is good at keeping people safe and reducing crime. Its "
        "understanding of demand is judged to be outstanding.\n"
    )
    assert _report(text)[1] == [("effectiveness", None), ("efficiency.q1", "Outstanding")]


def test_a_2014_effectiveness_page_grades_its_questions_in_sentences_not_its_pillar() -> None:
    text = (
        "Essex PEEL 2014\n\nEffectiveness\n\nHow well the force tackles crime\n\nLast updated 12/11/2014\n"
        "Ungraded\n\nEssex Police requires improvement at reducing crime and preventing offending. The force "
        "is good at investigating offending. It is outstanding at tackling anti-social behaviour.\n"
    )
    assert _report(text)[1] == [
        ("effectiveness", None),
        ("effectiveness.q1", "Requires improvement"),
        ("effectiveness.q2", "Good"),
        ("effectiveness.q3", "Outstanding"),
    ]


def test_the_year_tables_ids_are_the_frameworks() -> None:
    from inspectorate.core.frameworks.library import get_framework
    from inspectorate.core.ingest.programmes.peel_pages.years import PEEL_2015_EFFECTIVENESS

    for year in (*YEARS.values(), PEEL_2015_EFFECTIVENESS):
        framework = {place.area.id: place.area for place in get_framework(year.programme).walk()}
        assert {area.id for area in year.areas} <= set(framework), year.programme
        for area in year.areas:
            assert area.level == framework[area.id].level, (year.programme, area.id)


# ---- third round: grades stated in sentences of other wordings ------------------------------------


def test_a_second_verb_sharing_the_force_as_subject_and_a_question_named_by_effectiveness_at() -> None:
    text = (
        "Essex PEEL 2016\n\nEffectiveness\n\nHow effective is the force at keeping people safe and reducing "
        "crime?\n\nLast updated 02/03/2017\nGood\n\nThe force has an effective "
        "approach to reducing crime and "
        "is good at tackling serious and organised crime. Its effectiveness at investigating crime and "
        "reducing re-offending requires improvement. Its approach to protecting vulnerable people is "
        "outstanding.\n"
    )
    assert _report(text)[1] == [
        ("effectiveness", "Good"),
        ("effectiveness.q2", "Requires improvement"),
        ("effectiveness.q4", "Good"),
    ]


def test_a_2014_page_titled_by_the_forces_short_name_and_a_subject_with_initials() -> None:
    text = (
        "Metropolitan PEEL 2014\n\nEffectiveness\n\nHow well the force tackles "
        "crime\n\nLast updated 12/11/2014\n"
        "Ungraded\n\nThe Metropolitan Police Service (MPS) is good at reducing "
        "crime and preventing offending. "
        "The force requires improvement in the way it investigates offending.\n"
    )
    assert _report(text) == (
        "peel-2014",
        [("effectiveness", None), ("effectiveness.q1", "Good"), ("effectiveness.q2", "Requires improvement")],
    )


def test_investigating_crime_names_the_investigation_question_of_2014_and_2015() -> None:
    text = (
        "Essex PEEL 2014\n\nEffectiveness\n\nHow well the force tackles crime\n\nLast updated 12/11/2014\n"
        "Ungraded\n\nEssex Police is good at investigating crime.\n"
    )
    assert _report(text)[1] == [("effectiveness", None), ("effectiveness.q2", "Good")]


def test_a_pillar_page_without_a_label_states_the_pillars_grade_in_a_sentence() -> None:
    effectiveness = (
        "Essex PEEL 2016\n\n\nHow effective is the force at keeping people safe and reducing crime?\n\n"
        "Last updated 02/03/2017\n\nEssex Police has been assessed as good in "
        "respect of how effective it is at "
        "keeping people safe and reducing crime. This is an improvement on last "
        "year\u2019s assessment, when we "
        "judged the force to require improvement.\n"
    )
    assert _report(effectiveness)[1] == [("effectiveness", "Good")]
    efficiency = (
        "Essex PEEL 2015\n\nEfficiency\n\nHow efficient is the force at keeping people safe and reducing "
        "crime?\n\nLast updated 20/10/2015\n\nEssex Police is good at using "
        "its resources efficiently to keep "
        "people safe and reduce crime.\n"
    )
    assert _report(efficiency)[1] == [("efficiency", "Good")]


def test_a_2018_efficiency_summary_names_its_questions_in_short() -> None:
    text = (
        "Essex PEEL 2018\n\n\nHow efficiently does the force operate and how sustainable are its services to "
        "the public?\n\nLast updated 27/09/2019\n\nEssex Police operates efficiently and its services to the "
        "public are sustainable. It is good at meeting current demand and using its resources. It is also "
        "good at future planning.\n"
    )
    assert _report(text)[1] == [("efficiency.q1", "Good"), ("efficiency.q2", "Good")]


def test_a_2015_effectiveness_page_judging_the_force_as_good_and_its_first_question_in_a_sentence() -> None:
    text = (
        "Skip to content\n\nEssex PEEL 2015\n\n\nHow effective is the force at "
        "keeping people safe and reducing "
        "crime?\n\nLast updated 18/02/2016\n\nOverall, HMIC judges Essex Police "
        "as good at keeping people safe "
        "and reducing crime.\n\nThe force is good at preventing crime and anti-social behaviour and keeping "
        "people safe. Investigations are of a good quality.\n"
    )
    assert _report(text) == ("peel-2015-effectiveness", [("overall", "Good"), ("q1", "Good")])


def test_an_overview_line_that_drops_its_verb_still_gives_the_pillars_grade() -> None:
    text = (
        "Essex 2017\n\nThis is HMICFRS\u2019 fourth PEEL assessment of Essex Police.\n\n"
        "The extent to which the force is effective at keeping people safe and reducing crime good.\n"
    )
    assert _report(text)[1] == [("effectiveness", "Good")]


# ---- fourth round: the HMI's observations, hedged verbs, other wordings of a pillar, a second clause --


def _observations(*sentences: str) -> str:
    return (
        "Essex 2018/19\n\nThis is HMICFRS\u2019s fifth PEEL assessment of Essex Police.\n\n"
        "the extent to which the force is effective at reducing crime and keeping people safe is good.\n\n"
        "HMI's observations\n\n" + "\n\n".join(sentences) + "\n"
    )


def test_an_observation_judging_a_question_with_a_label_is_its_grade() -> None:
    text = _observations(
        "The force is good at preventing crime and anti-social behaviour.",
        "The force is outstanding at planning for the future.",
    )
    assert _report(text)[1] == [
        ("effectiveness", "Good"),
        ("effectiveness.q1", "Good"),
        ("efficiency.q2", "Outstanding"),
    ]


def test_observations_comparing_with_an_earlier_inspection_or_praising_a_part_give_no_grade() -> None:
    text = _observations(
        "The force remains good at investigating crime.",
        "It is still good at tackling serious and organised crime.",
        "Since the last inspection the force is good at protecting vulnerable people.",
        "The force is very good at dealing with serious and organised crime.",
        "The force continues to be outstanding in this area.",
    )
    assert _report(text)[1] == [("effectiveness", "Good")]


def test_hedging_verbs_between_the_subject_and_the_grade() -> None:
    text = (
        "Essex PEEL 2016\n\nEffectiveness\n\nHow effective is the force at keeping people safe and reducing "
        "crime?\n\nLast updated 02/03/2017\n\nEssex Police is considered to be good at investigating crime. "
        "The force was found to be outstanding at tackling serious and organised crime. It is regarded as "
        "good at preventing crime and tackling anti-social behaviour. Its approach to protecting vulnerable "
        "people is considered to be good.\n"
    )
    assert _report(text)[1] == [
        ("effectiveness.q1", "Good"),
        ("effectiveness.q2", "Good"),
        ("effectiveness.q4", "Outstanding"),
    ]


def test_a_hedged_grade_of_an_earlier_year_is_not_read() -> None:
    text = (
        "Essex PEEL 2016\n\nEffectiveness\n\nHow effective is the force at keeping people safe and reducing "
        "crime?\n\nLast updated 02/03/2017\n\nLast year the force was considered to be good at investigating "
        "crime. In 2015 it was found to be good at tackling serious and organised crime.\n"
    )
    assert _report(text)[1] == []


def test_a_2015_effectiveness_report_grades_a_question_its_excerpt_has_no_heading_for() -> None:
    text = (
        "PEEL: Police effectiveness 2015\n\nAn inspection of Essex Police\n\nFebruary 2016\n\n"
        "Overview \u2013 How effective is the force at keeping people safe and reducing crime?\n\n"
        "Overall judgment\n\nGood\n\nEssex Police is considered to be good at keeping people safe and "
        "reducing crime. The force was found to be good at preventing crime and anti-social behaviour, and "
        "it requires improvement in how it protects vulnerable people. Its approach to investigating crime "
        "is good.\n"
    )
    report = import_document(document_from_text(text, "report.txt"))
    assert report.programme == "peel-2015-effectiveness"
    assert [(j.area_id, j.grade) for j in report.judgments] == [
        ("overall", "Good"),
        ("q1", "Good"),
        ("q3", "Requires improvement"),
    ]
    assert any(m.startswith("question 2") and "no grade" in m for m in report.missing)


def test_other_wordings_of_a_pillar_give_its_grade() -> None:
    def pillar(name: str, question: str, sentence: str) -> list[tuple[str | None, str | None]]:
        text = f"Essex PEEL 2016\n\n{name}\n\n{question}\n\nLast updated 03/11/2016\n\n{sentence}\n"
        return _report(text)[1]

    efficient = "How efficient is the force at keeping people safe and reducing crime?"
    legitimate = "How legitimate is the force at keeping people safe and reducing crime?"
    assert pillar(
        "Efficiency",
        efficient,
        "Essex Police is good at working efficiently to keep people safe and reduce crime.",
    ) == [("efficiency", "Good")]
    assert pillar("Efficiency", efficient, "Essex Police is outstanding at operating efficiently.") == [
        ("efficiency", "Outstanding")
    ]
    assert pillar(
        "Efficiency",
        efficient,
        "Essex Police requires improvement in how efficient it is at keeping people safe.",
    ) == [("efficiency", "Requires improvement")]
    assert pillar(
        "Legitimacy", legitimate, "Essex Police is good at being legitimate in how it keeps people safe."
    ) == [("legitimacy", "Good")]


def test_a_pillars_noun_before_the_shared_subject_names_that_pillar() -> None:
    text = (
        "Essex PEEL 2016\n\nEfficiency\n\nHow efficient is the force at keeping people safe and reducing "
        "crime?\n\nLast updated 03/11/2016\n\nEssex Police is judged to be good in its efficiency at keeping "
        "people safe and reducing crime. Its effectiveness at investigating crime is good.\n"
    )
    assert _report(text)[1] == [("efficiency", "Good"), ("effectiveness.q2", "Good")]


def test_a_questions_grade_in_a_clause_after_and() -> None:
    text = (
        "Essex PEEL 2016\n\nEffectiveness\n\nHow effective is the force at keeping people safe and reducing "
        "crime?\n\nLast updated 02/03/2017\n\nEssex Police has improved the way it investigates crime, and "
        "it is good at tackling serious and organised crime. The force has improved how it prevents crime "
        "and it requires improvement in how it protects vulnerable people.\n"
    )
    assert _report(text)[1] == [
        ("effectiveness.q3", "Requires improvement"),
        ("effectiveness.q4", "Good"),
    ]


def test_the_workforce_behaving_ethically_names_the_second_legitimacy_question() -> None:
    text = _observations("The force is good at ensuring that the workforce behaves ethically and lawfully.")
    assert _report(text)[1] == [("effectiveness", "Good"), ("legitimacy.q2", "Good")]
