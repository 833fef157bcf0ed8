"""The stages of an inspection and the moves between them: who may make each, what must hold first,
and a reason for a move back (core/lifecycle.py)."""

from __future__ import annotations

import dataclasses

import pytest

from inspectorate.core.lifecycle import (
    MOVES,
    Actor,
    Condition,
    Facts,
    MoveRefused,
    Stage,
    Way,
    check,
    find_move,
    moves_from,
    refusals,
    stage_of,
    who_may,
)
from inspectorate.core.problems import InputError

LEAD = {Actor.LEAD}
MODERATOR = {Actor.MODERATOR}
STAFF = {Actor.STAFF}
NOBODY: set[Actor] = set()

# Everything a move forward could ask, met.
ALL_MET = Facts(
    lead_appointed=True,
    moderator_appointed=True,
    ungraded_areas=0,
    breaches=0,
    outstanding_requests=0,
    awaiting_moderation=0,
    unanswered_comments=0,
    embargo_set=True,
    embargo_ended=True,
)


def test_the_stages_are_in_the_order_an_inspection_lives_them():
    assert [s.value for s in Stage] == [
        "planning",
        "fieldwork",
        "moderation",
        "factual-accuracy",
        "embargoed",
        "published",
    ]


def test_every_stage_but_published_has_a_way_forward():
    for stage in list(Stage)[:-1]:
        assert any(not m.back for m in moves_from(stage)), stage
    assert moves_from(Stage.PUBLISHED) == []


def test_moves_from_a_stage_list_forward_before_back():
    assert [m.target for m in moves_from(Stage.MODERATION)] == [Stage.FACTUAL_ACCURACY, Stage.FIELDWORK]


def test_the_moves_back_are_these_and_need_a_reason():
    back = {(m.source, m.target) for m in MOVES if m.back}
    assert back == {
        (Stage.FIELDWORK, Stage.PLANNING),
        (Stage.MODERATION, Stage.FIELDWORK),
        (Stage.FACTUAL_ACCURACY, Stage.MODERATION),
    }
    for source, target in back:
        assert refusals(source, target, LEAD, ALL_MET) == ["A move back needs its reason."]
        assert refusals(source, target, LEAD, ALL_MET, "   ") == ["A move back needs its reason."]
        assert refusals(source, target, LEAD, ALL_MET, "More interviews needed") == []


@pytest.mark.parametrize(
    ("source", "target", "who", "allowed"),
    [
        (Stage.PLANNING, Stage.FIELDWORK, LEAD, True),
        (Stage.PLANNING, Stage.FIELDWORK, STAFF, True),
        (Stage.PLANNING, Stage.FIELDWORK, MODERATOR, False),
        (Stage.PLANNING, Stage.FIELDWORK, NOBODY, False),
        (Stage.FIELDWORK, Stage.MODERATION, LEAD, True),
        (Stage.FIELDWORK, Stage.MODERATION, STAFF, True),
        (Stage.FIELDWORK, Stage.MODERATION, MODERATOR, False),
        (Stage.MODERATION, Stage.FACTUAL_ACCURACY, MODERATOR, True),
        (Stage.MODERATION, Stage.FACTUAL_ACCURACY, LEAD, True),
        (Stage.MODERATION, Stage.FACTUAL_ACCURACY, STAFF, True),
        (Stage.MODERATION, Stage.FACTUAL_ACCURACY, NOBODY, False),
        (Stage.FIELDWORK, Stage.PLANNING, LEAD, True),
        (Stage.FIELDWORK, Stage.PLANNING, MODERATOR, False),
        (Stage.MODERATION, Stage.FIELDWORK, STAFF, True),
        (Stage.MODERATION, Stage.FIELDWORK, MODERATOR, False),
        (Stage.FACTUAL_ACCURACY, Stage.MODERATION, LEAD, True),
        (Stage.FACTUAL_ACCURACY, Stage.MODERATION, MODERATOR, False),
    ],
)
def test_who_may_make_each_move(source, target, who, allowed):
    problems = refusals(source, target, who, ALL_MET, "a reason")
    assert (problems == []) is allowed
    if not allowed:
        assert problems[0].startswith("Only ")


def test_who_may_make_a_move_is_said_in_words():
    assert who_may(frozenset({Actor.LEAD, Actor.STAFF})) == "the inspection's lead or staff"
    assert who_may(frozenset({Actor.STAFF})) == "staff"
    assert who_may(frozenset()) == "no one"


def test_a_refusal_names_who_may_make_the_move():
    assert refusals(Stage.MODERATION, Stage.FACTUAL_ACCURACY, NOBODY, ALL_MET) == [
        "Only the inspection's lead, its moderator or staff may make this move."
    ]
    assert refusals(Stage.PLANNING, Stage.FIELDWORK, MODERATOR, ALL_MET) == [
        "Only the inspection's lead or staff may make this move."
    ]


# Each condition blocks its move, told with its count ---------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "unmet", "sentence"),
    [
        (Stage.PLANNING, Stage.FIELDWORK, {"lead_appointed": False}, "No lead inspector is appointed."),
        (Stage.PLANNING, Stage.FIELDWORK, {"moderator_appointed": False}, "No moderator is appointed."),
        (Stage.FIELDWORK, Stage.MODERATION, {"ungraded_areas": 1}, "1 area to be graded has no grade yet."),
        (Stage.FIELDWORK, Stage.MODERATION, {"ungraded_areas": 7}, "7 areas to be graded have no grade yet."),
        (Stage.FIELDWORK, Stage.MODERATION, {"breaches": 2}, "2 grading-rule breaches to resolve."),
        (Stage.FIELDWORK, Stage.MODERATION, {"breaches": 1}, "1 grading-rule breach to resolve."),
        (
            Stage.FIELDWORK,
            Stage.MODERATION,
            {"outstanding_requests": 3},
            "3 requests to the force are outstanding.",
        ),
        (
            Stage.FIELDWORK,
            Stage.MODERATION,
            {"outstanding_requests": 1},
            "1 request to the force is outstanding.",
        ),
        (
            Stage.MODERATION,
            Stage.FACTUAL_ACCURACY,
            {"awaiting_moderation": 4},
            "4 grades await the moderator's decision.",
        ),
        (
            Stage.MODERATION,
            Stage.FACTUAL_ACCURACY,
            {"awaiting_moderation": 1},
            "1 grade awaits the moderator's decision.",
        ),
        (Stage.MODERATION, Stage.FACTUAL_ACCURACY, {"breaches": 1}, "1 grading-rule breach to resolve."),
    ],
)
def test_each_condition_blocks_its_move_with_its_count(source, target, unmet, sentence):
    facts = dataclasses.replace(ALL_MET, **unmet)
    assert refusals(source, target, LEAD, facts) == [sentence]
    with pytest.raises(MoveRefused) as refused:
        check(source, target, LEAD, facts)
    assert refused.value.reasons == (sentence,)


@pytest.mark.parametrize(
    ("unmet", "sentence"),
    [
        ({"unanswered_comments": 2}, "2 factual-accuracy comments are unanswered."),
        ({"unanswered_comments": 1}, "1 factual-accuracy comment is unanswered."),
        ({"breaches": 3}, "3 grading-rule breaches to resolve."),
    ],
)
def test_publishing_under_embargo_waits_for_every_comment_answered_and_no_breach(unmet, sentence):
    facts = dataclasses.replace(ALL_MET, **unmet)
    problems = refusals(Stage.FACTUAL_ACCURACY, Stage.EMBARGOED, LEAD, facts, way=Way.PUBLISHING)
    assert problems == [sentence]


def test_every_unmet_condition_is_told_at_once_in_the_moves_order():
    facts = Facts(ungraded_areas=5, breaches=1, outstanding_requests=2)
    assert refusals(Stage.FIELDWORK, Stage.MODERATION, LEAD, facts) == [
        "5 areas to be graded have no grade yet.",
        "1 grading-rule breach to resolve.",
        "2 requests to the force are outstanding.",
    ]


def test_a_refusal_gives_who_and_every_unmet_condition_together():
    with pytest.raises(MoveRefused) as refused:
        check(Stage.PLANNING, Stage.FIELDWORK, MODERATOR, Facts())
    assert refused.value.reasons == (
        "Only the inspection's lead or staff may make this move.",
        "No lead inspector is appointed.",
        "No moderator is appointed.",
    )
    assert isinstance(refused.value, InputError)  # the CLI shows it as one line


def test_every_condition_reads_its_own_fact_and_is_labelled():
    for condition in Condition:
        assert condition.label
        assert condition.unmet_text(2)
    assert {c.count_in(Facts()) for c in Condition} == {0, 1}
    assert all(c.count_in(ALL_MET) == 0 for c in Condition)


def test_a_move_met_in_full_is_given_back():
    move = check(Stage.FIELDWORK, Stage.MODERATION, STAFF, ALL_MET)
    assert (move.source, move.target) == (Stage.FIELDWORK, Stage.MODERATION)
    assert move.unmet(ALL_MET) == []


# Moves made elsewhere ------------------------------------------------------------------------------


def test_the_move_to_embargoed_is_made_by_publishing_not_on_the_progress_page():
    assert refusals(Stage.FACTUAL_ACCURACY, Stage.EMBARGOED, LEAD, ALL_MET) == [
        "This move is made by publishing the report under embargo, from the inspection's page."
    ]
    assert refusals(Stage.FACTUAL_ACCURACY, Stage.EMBARGOED, LEAD, ALL_MET, way=Way.PUBLISHING) == []
    assert refusals(Stage.FACTUAL_ACCURACY, Stage.EMBARGOED, MODERATOR, ALL_MET, way=Way.PUBLISHING) == [
        "Only the inspection's lead or staff may make this move."
    ]


def test_the_move_to_published_is_the_embargos_end_and_no_ones():
    assert refusals(Stage.EMBARGOED, Stage.PUBLISHED, STAFF, ALL_MET) == [
        "This move is made when the embargo ends: no one makes it."
    ]
    ended = refusals(Stage.EMBARGOED, Stage.PUBLISHED, NOBODY, ALL_MET, way=Way.EMBARGO_END)
    assert ended == []
    still = dataclasses.replace(ALL_MET, embargo_ended=False)
    assert refusals(Stage.EMBARGOED, Stage.PUBLISHED, NOBODY, still, way=Way.EMBARGO_END) == [
        "The embargo has not ended."
    ]
    unset = Facts()
    assert refusals(Stage.EMBARGOED, Stage.PUBLISHED, NOBODY, unset, way=Way.EMBARGO_END) == [
        "No version of the report is published under embargo.",
        "The embargo has not ended.",
    ]


def test_a_move_that_does_not_exist_is_refused_in_words():
    assert find_move(Stage.PLANNING, Stage.PUBLISHED) is None
    assert refusals(Stage.PLANNING, Stage.PUBLISHED, STAFF, ALL_MET) == [
        "There is no move from planning to published."
    ]
    assert refusals(Stage.PUBLISHED, Stage.EMBARGOED, STAFF, ALL_MET, "a reason") == [
        "There is no move from published to embargoed."
    ]


def test_a_stage_is_read_from_its_name_or_refused_with_the_choices():
    assert stage_of("factual-accuracy") is Stage.FACTUAL_ACCURACY
    with pytest.raises(InputError, match="no stage 'done': choose one of planning, fieldwork"):
        stage_of("done")
