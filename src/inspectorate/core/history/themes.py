"""The mapping of framework areas to themes (themes.yaml), read and checked against the library."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from inspectorate.core.frameworks.spec import Framework
from inspectorate.core.problems import ProblemsError
from inspectorate.core.yamldoc import PathKey, YamlSyntaxError, parse_yaml

THEMES_FILE = Path(__file__).with_name("themes.yaml")


class Theme(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")
    title: str = Field(min_length=1)
    areas: dict[str, tuple[str, ...]]  # framework id -> area ids


class ThemeMap(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_: str = Field(alias="schema", pattern=r"^inspectorate-themes/v1$")
    themes: tuple[Theme, ...] = Field(min_length=1)

    def theme_of(self, framework_id: str, area_id: str) -> Theme | None:
        for theme in self.themes:
            if area_id in theme.areas.get(framework_id, ()):
                return theme
        return None


class ThemesInvalid(ProblemsError):
    pass


def parse_themes(text: str, source: str, frameworks: Mapping[str, Framework]) -> ThemeMap:
    """The mapping, or every problem in it at once: unknown frameworks or areas, an area in two
    themes, a theme id used twice."""
    try:
        doc = parse_yaml(text, source)
    except YamlSyntaxError as exc:
        raise ThemesInvalid([exc.problem]) from exc
    problems = doc.model_problems(ThemeMap)
    if problems:
        raise ThemesInvalid(problems)
    mapping = ThemeMap.model_validate(doc.data)
    problems = [doc.problem(path, message) for path, message in _mapping_problems(mapping, frameworks)]
    if problems:
        raise ThemesInvalid(problems)
    return mapping


def _mapping_problems(mapping: ThemeMap, frameworks: Mapping[str, Framework]) -> list[tuple[PathKey, str]]:
    found: list[tuple[PathKey, str]] = []
    owner: dict[tuple[str, str], str] = {}
    seen_ids: set[str] = set()
    for n, theme in enumerate(mapping.themes):
        if theme.id in seen_ids:
            found.append((("themes", n, "id"), f"theme {theme.id!r} is defined twice"))
        seen_ids.add(theme.id)
        for framework_id, area_ids in theme.areas.items():
            path: PathKey = ("themes", n, "areas", framework_id)
            framework = frameworks.get(framework_id)
            if framework is None:
                found.append((path, f"no framework {framework_id!r} in the library"))
                continue
            known = {place.area.id for place in framework.walk()}
            for k, area_id in enumerate(area_ids):
                if area_id not in known:
                    found.append(((*path, k), f"{framework_id} has no area {area_id!r}"))
                elif (framework_id, area_id) in owner:
                    first = owner[(framework_id, area_id)]
                    found.append(((*path, k), f"{framework_id} {area_id} is already in theme {first!r}"))
                else:
                    owner[(framework_id, area_id)] = theme.id
    return found


@cache
def default_themes() -> ThemeMap:
    from inspectorate.core.frameworks.library import library

    return parse_themes(THEMES_FILE.read_text(encoding="utf-8"), str(THEMES_FILE), library())
