"""The mapping of framework areas to themes: the shipped one is valid, and a wrong one says where."""

from __future__ import annotations

import pytest

from inspectorate.core.frameworks.library import library
from inspectorate.core.history.themes import ThemesInvalid, default_themes, parse_themes


def test_the_shipped_mapping_names_only_real_areas_each_once():
    themes = default_themes()
    assert themes.theme_of("peel-2021", "investigating").id == "investigating"
    assert themes.theme_of("ba-2006", "3c").id == "investigating"
    assert themes.theme_of("peel-2015-effectiveness", "q2").id == "investigating"
    assert themes.theme_of("cdi-2016", "crime-recording").id == "crime-recording"
    assert themes.theme_of("ba-2006", "5c") is None  # roads policing: graded only in 2006


def test_every_graded_area_of_the_2021_framework_has_a_theme():
    themes = default_themes()
    framework = library()["peel-2021"]
    graded = [p.area.id for p in framework.walk() if p.area.graded]
    assert [a for a in graded if themes.theme_of("peel-2021", a) is None] == []


# Graded in the baseline assessments alone, with no counterpart in later programmes: rows of their own.
BASELINE_ONLY = {"5b", "5c", "6f", "7a"}
NEWER_PROGRAMMES = (
    "peel-2014",
    "peel-2015",
    "peel-2016",
    "peel-2017",
    "peel-2018",
    "peel-2023",
    "peel-2025",
    "cdi-2014",
    "cdi-2016",
    "ba-2004",
    "ba-2005",
)


@pytest.mark.parametrize("framework_id", NEWER_PROGRAMMES)
def test_every_area_of_the_programmes_since_2004_has_a_theme(framework_id):
    framework = library().get(framework_id)
    if framework is None:
        pytest.skip(f"{framework_id} is not in the library")
    themes = default_themes()
    # The baseline domains (d1..d7) only group areas: they are never graded.
    areas = [p.area.id for p in framework.walk() if p.area.graded or p.depth > 0 or not p.area.children]
    unthemed = [a for a in areas if themes.theme_of(framework_id, a) is None and a not in BASELINE_ONLY]
    assert unthemed == []


def test_the_same_question_of_each_peel_year_shares_a_theme():
    themes = default_themes()
    for framework_id in ("peel-2015", "peel-2016", "peel-2017", "peel-2018"):
        assert themes.theme_of(framework_id, "effectiveness.q2").id == "investigating", framework_id
        assert themes.theme_of(framework_id, "effectiveness.q3").id == "vulnerable-people", framework_id
        assert themes.theme_of(framework_id, "efficiency").id == "resources", framework_id
    assert themes.theme_of("peel-2014", "effectiveness.q2").id == "investigating"
    assert themes.theme_of("peel-2023", "investigating-crime").id == "investigating"
    assert themes.theme_of("cdi-2014", "crime-recording").id == "crime-recording"
    assert themes.theme_of("ba-2005", "3d").id == themes.theme_of("ba-2006", "3c").id == "investigating"


def _problems(text: str) -> list[str]:
    with pytest.raises(ThemesInvalid) as caught:
        parse_themes(text, "themes.yaml", library())
    return [str(p) for p in caught.value.problems]


def test_unknown_frameworks_and_areas_and_doubly_mapped_areas_are_located():
    text = (
        "schema: inspectorate-themes/v1\n"
        "themes:\n"
        "  - id: one\n"
        "    title: One\n"
        "    areas:\n"
        "      peel-2021: [investigating, nowhere]\n"
        "      peel-1999: [x]\n"
        "  - id: two\n"
        "    title: Two\n"
        "    areas:\n"
        "      peel-2021: [investigating]\n"
    )
    assert _problems(text) == [
        "themes.yaml:6: themes[0].areas.peel-2021[1]: peel-2021 has no area 'nowhere'",
        "themes.yaml:7: themes[0].areas.peel-1999: no framework 'peel-1999' in the library",
        "themes.yaml:11: themes[1].areas.peel-2021[0]: peel-2021 investigating is already in theme 'one'",
    ]


def test_malformed_yaml_and_wrong_keys_are_one_line_each():
    (syntax,) = _problems("themes: [\n")
    assert syntax.startswith("themes.yaml:") and "not valid YAML" in syntax
    problems = _problems("schema: inspectorate-themes/v1\nthemes:\n  - id: one\n    colour: red\n")
    assert any("themes[0].colour: unknown key" in p for p in problems)
    assert any("themes[0].title: required key is missing" in p for p in problems)
