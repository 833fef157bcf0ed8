"""Cross-reference checks on a framework document that a type check cannot see.

They run on the raw parsed YAML so that they can report alongside type errors: every
problem is found in one pass, even in a document that is also malformed elsewhere. So any value
may be anything YAML can hold (a list where an id belongs, a mapping where a list does): only
strings are taken as ids and only lists as lists, and the type check reports the rest.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import ValidationError

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks.rules import RULE_CHECKS
from inspectorate.core.yamldoc import PathKey, format_path

Found = tuple[PathKey, str]


def _items(value: Any) -> list[tuple[int, dict[str, Any]]]:
    if not isinstance(value, list):
        return []
    return [(n, item) for n, item in enumerate(value) if isinstance(item, dict)]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _strings(values: Any) -> set[str]:
    return {value for value in values if isinstance(value, str)}


def _walk_areas(areas: Any, path: PathKey) -> Iterator[tuple[PathKey, dict[str, Any]]]:
    for n, area in _items(areas):
        yield (*path, n), area
        yield from _walk_areas(area.get("children"), (*path, n, "children"))


def _duplicates(entries: Sequence[tuple[PathKey, Any]], what: str) -> Iterator[Found]:
    first: dict[Any, PathKey] = {}
    for path, value in entries:
        if not isinstance(value, str):
            continue
        if value in first:
            yield (*path, "id"), f"duplicate {what} id {value!r} (first used at {format_path(first[value])})"
        else:
            first[value] = path


def _scales(data: dict[str, Any]) -> dict[str, tuple[str, set[str]]]:
    """Scale id -> (kind, level ids)."""
    found: dict[str, tuple[str, set[str]]] = {}
    for _, scale in _items(data.get("scales")):
        levels = _strings(lv.get("id") for _, lv in _items(scale.get("levels")))
        found[str(scale.get("id"))] = (str(scale.get("kind", "grade")), levels)
    return found


def semantic_problems(data: dict[str, Any]) -> Iterator[Found]:
    scales = _scales(data)
    scale_entries = [(("scales", n), s.get("id")) for n, s in _items(data.get("scales"))]
    yield from _duplicates(scale_entries, "scale")
    for n, scale in _items(data.get("scales")):
        levels = [(("scales", n, "levels", m), lv.get("id")) for m, lv in _items(scale.get("levels"))]
        yield from _duplicates(levels, "level")

    areas = list(_walk_areas(data.get("areas"), ("areas",)))
    yield from _duplicates([(path, area.get("id")) for path, area in areas], "area")
    area_ids = _strings(area.get("id") for _, area in areas)
    for path, area in areas:
        for key, wanted in (("scale", "grade"), ("direction_scale", "direction")):
            ref = area.get(key)
            if not isinstance(ref, str):
                continue  # absent, or not text: the type check says so
            if ref not in scales:
                yield (*path, key), f"refers to unknown scale {ref!r} (known: {', '.join(map(str, scales))})"
            elif scales[ref][0] != wanted:
                yield (*path, key), f"scale {ref!r} is a {scales[ref][0]} scale, not a {wanted} scale"
        yield from _criteria_grades(path, area, scales)
    criteria = [
        ((*path, "criteria", m), c.get("id")) for path, area in areas for m, c in _items(area.get("criteria"))
    ]
    yield from _duplicates(criteria, "criterion")

    kinds = data.get("finding_kinds")
    declared_kinds = _strings(_list(kinds))
    rules = _items(data.get("rules"))
    yield from _duplicates([(("rules", n), r.get("id")) for n, r in rules], "rule")
    grade_levels = {lv for kind, levels in scales.values() if kind == "grade" for lv in levels}
    by_id = {area["id"]: area for _, area in areas if isinstance(area.get("id"), str)}
    for n, rule in rules:
        yield from _rule_problems(("rules", n), rule, grade_levels, area_ids, declared_kinds)
        yield from _check_fits(("rules", n), rule, by_id, declared_kinds)


def _criteria_grades(
    path: PathKey, area: dict[str, Any], scales: dict[str, tuple[str, set[str]]]
) -> Iterator[Found]:
    """A criterion written for one grade names a level of its own area's scale."""
    scale = area.get("scale")
    for m, criterion in _items(area.get("criteria")):
        grade = criterion.get("grade")
        if not isinstance(grade, str) or not grade:
            continue  # absent or empty: a criterion for good performance as a whole
        where = (*path, "criteria", m, "grade")
        if not isinstance(scale, str):
            yield where, f"names grade {grade!r}, but its area is not graded"
        elif scale in scales and grade not in scales[scale][1]:
            levels = ", ".join(sorted(scales[scale][1]))
            yield where, f"{grade!r} is not a level of the area's scale {scale!r} (levels: {levels})"


def _check_fits(
    path: PathKey, rule: dict[str, Any], areas: dict[str, dict[str, Any]], declared_kinds: set[str]
) -> Iterator[Found]:
    """What a check needs of the framework it is declared in, beyond its parameters."""
    name = rule.get("check")
    if name == "requires-recommendation":
        needed = [k.value for k in (FindingKind.CAUSE_OF_CONCERN, FindingKind.RECOMMENDATION)]
        for kind in needed:
            if kind not in declared_kinds:
                yield (*path, "check"), f"needs {kind!r} among this framework's finding_kinds"
    if name == "capped-at-weakest":
        params = rule.get("params")
        for n, area_id in enumerate(_list(params.get("areas") if isinstance(params, dict) else None)):
            area = areas.get(area_id) if isinstance(area_id, str) else None
            if area is None:
                continue  # unknown: reported with the parameters
            scale = area.get("scale")
            children = [c.get("scale") for _, c in _items(area.get("children"))]
            where = (*path, "params", "areas", n)
            if not isinstance(scale, str):
                yield where, f"area {area_id!r} is not graded, so it has no grade to cap"
            elif scale not in children:
                yield where, f"area {area_id!r} has no child graded on its scale {scale!r}"
            elif any(isinstance(c, str) and c != scale for c in children):
                yield where, f"every graded child of {area_id!r} must use its scale {scale!r}"


def _rule_problems(
    path: PathKey, rule: dict[str, Any], grade_levels: set[str], area_ids: set[str], declared_kinds: set[str]
) -> Iterator[Found]:
    name = rule.get("check")
    if not isinstance(name, str) or name not in RULE_CHECKS:
        yield (*path, "check"), f"unknown check {name!r} (known: {', '.join(sorted(RULE_CHECKS))})"
        return
    params = rule.get("params", {})
    try:
        RULE_CHECKS[name].params.model_validate(params)
    except ValidationError as exc:
        for error in exc.errors():
            where = (*path, "params", *error["loc"])
            message = "unknown parameter" if error["type"] == "extra_forbidden" else error["msg"].lower()
            yield where, message
    if not isinstance(params, dict):
        return
    for n, grade in enumerate(_list(params.get("grades"))):
        if isinstance(grade, str) and grade not in grade_levels:
            yield (*path, "params", "grades", n), f"{grade!r} is not a level of any grade scale"
    for n, kind in enumerate(_list(params.get("kinds"))):
        if isinstance(kind, str) and kind in {k.value for k in FindingKind} and kind not in declared_kinds:
            yield (*path, "params", "kinds", n), f"{kind!r} is not among this framework's finding_kinds"
    for n, area_id in enumerate(_list(params.get("areas"))):
        if isinstance(area_id, str) and area_id not in area_ids:
            yield (*path, "params", "areas", n), f"unknown area {area_id!r}"
