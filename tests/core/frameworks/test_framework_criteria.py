"""Criteria on a framework's areas, and the checks that need more of a framework than their
parameters: every mistake is a problem located by file, line and key path."""

from __future__ import annotations

import pytest

from inspectorate.core.frameworks import dump_framework, framework_problems, parse_framework

FRAMEWORK = """\
id: small
programme: Small
title: Small
version: "1"
finding_kinds: [{kinds}]
scales:
  - id: grades
    name: Grades
    levels:
      - id: good
        label: Good
      - id: poor
        label: Poor
  - id: other
    name: Other grades
    levels:
      - id: high
        label: High
areas:
  - id: whole
    level: area
    title: The whole
    scale: {whole_scale}
    criteria:
      - id: c-1
        text: Does the first thing well.
        dominant: true
      - id: {second_id}
        text: Does the second thing well.
        grade: {grade}
    children:
      - id: part
        level: component
        title: A part
        scale: {part_scale}
      - id: notes
        level: note
        title: Ungraded notes
        criteria:
          - id: c-3
            text: Keeps notes.
rules:
  - id: the-rule
    check: {check}
    params: {params}
"""
GOOD = {
    "kinds": "cause-of-concern, recommendation",
    "whole_scale": "grades",
    "second_id": "c-2",
    "grade": "good",
    "part_scale": "grades",
    "check": "capped-at-weakest",
    "params": "{areas: [whole]}",
}


def problems(**changes: str) -> list[str]:
    return [str(p) for p in framework_problems(FRAMEWORK.format(**{**GOOD, **changes}), "small.yaml")]


def test_the_good_document_has_no_problems_and_its_criteria_load_in_order():
    assert problems() == []
    fw = parse_framework(FRAMEWORK.format(**GOOD), "small.yaml")
    assert [(area.id, c.id, c.dominant, c.grade) for area, c in fw.criteria()] == [
        ("whole", "c-1", True, ""),
        ("whole", "c-2", False, "good"),
        ("notes", "c-3", False, ""),
    ]
    assert fw.criterion("c-3")[0].id == "notes"
    with pytest.raises(KeyError):
        fw.criterion("c-9")


def test_criteria_survive_dump_and_parse():
    fw = parse_framework(FRAMEWORK.format(**GOOD), "small.yaml")
    again = parse_framework(dump_framework(fw), "<dumped>")
    assert again == fw and again.content_hash == fw.content_hash
    assert "dominant: true" in dump_framework(fw)


def test_a_criterion_id_used_twice_is_located_at_the_second():
    assert problems(second_id="c-1") == [
        "small.yaml:28: areas[0].criteria[1].id: duplicate criterion id 'c-1' "
        "(first used at areas[0].criteria[0])"
    ]


def test_a_criterion_id_repeated_in_another_area_is_a_duplicate_too():
    text = FRAMEWORK.format(**GOOD).replace("id: c-3", "id: c-2")
    assert [str(p) for p in framework_problems(text, "small.yaml")] == [
        "small.yaml:40: areas[0].children[1].criteria[0].id: duplicate criterion id 'c-2' "
        "(first used at areas[0].criteria[1])"
    ]


def test_a_criterion_grade_must_be_a_level_of_its_areas_scale():
    assert problems(grade="high") == [
        "small.yaml:30: areas[0].criteria[1].grade: 'high' is not a level of the area's scale 'grades' "
        "(levels: good, poor)"
    ]


def test_a_criterion_on_an_ungraded_area_may_not_name_a_grade():
    text = FRAMEWORK.format(**GOOD).replace(
        "text: Keeps notes.", "text: Keeps notes.\n            grade: good"
    )
    assert [str(p) for p in framework_problems(text, "small.yaml")] == [
        "small.yaml:42: areas[0].children[1].criteria[0].grade: "
        "names grade 'good', but its area is not graded"
    ]


def test_criteria_belong_to_areas_only():
    text = FRAMEWORK.format(**GOOD).replace(
        "    name: Other grades\n", "    name: Other grades\n    criteria: [{id: x, text: y}]\n"
    )
    assert [str(p) for p in framework_problems(text, "small.yaml")] == [
        "small.yaml:16: scales[1].criteria: unknown key"
    ]


def test_requires_recommendation_needs_both_kinds_in_the_framework():
    assert problems(check="requires-recommendation", params="{}") == []
    assert problems(check="requires-recommendation", params="{}", kinds="cause-of-concern") == [
        "small.yaml:44: rules[0].check: needs 'recommendation' among this framework's finding_kinds"
    ]


def test_capped_at_weakest_needs_a_graded_area_with_children_on_its_scale():
    assert problems(whole_scale="null") == [
        "small.yaml:30: areas[0].criteria[1].grade: names grade 'good', but its area is not graded",
        "small.yaml:45: rules[0].params.areas[0]: area 'whole' is not graded, so it has no grade to cap",
    ]
    assert problems(part_scale="other") == [
        "small.yaml:45: rules[0].params.areas[0]: area 'whole' has no child graded on its scale 'grades'"
    ]
    assert problems(params="{areas: [part]}") == [
        "small.yaml:45: rules[0].params.areas[0]: area 'part' has no child graded on its scale 'grades'"
    ]
    assert problems(params="{areas: [nowhere]}") == [
        "small.yaml:45: rules[0].params.areas[0]: unknown area 'nowhere'"
    ]
    assert problems(params="{areas: []}") == [
        "small.yaml:45: rules[0].params.areas: tuple should have at least 1 item after validation, not 0"
    ]
