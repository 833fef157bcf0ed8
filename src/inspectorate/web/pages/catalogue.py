"""docs/pages.md, written from the pages' typed documents: every page with twins, its fields and
its CSV columns. A test keeps the file equal to what this writes; regenerate it with
``python -m inspectorate.web.pages.catalogue > docs/pages.md`` (with DJANGO_SETTINGS_MODULE set to
inspectorate.web.settings).
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from inspectorate.web.pages.twins import TWIN_ROUTES, TwinRoute

SCALARS = {str: "text", int: "integer", float: "number", bool: "true or false", type(None): "null"}

HEADER = """# Pages and their twins

Every page below has a `.json` and a `.csv` twin: add the suffix to its address (the front page's
are `/index.json` and `/index.csv`). The JSON twin is the page's document, field for field; the CSV
twin is the document's rows, one flat record each (a list is written as its items joined by `;`).
`inspectorate ... --json` prints the same documents. Who may see each page is in
[permissions.md](permissions.md).

This file is written from the documents themselves (`src/inspectorate/web/pages/catalogue.py`),
and a test checks that it matches them.
"""


def _anchor(model: type[BaseModel]) -> str:
    return model.__name__.lower()


def _type_text(annotation: Any, seen: list[type[BaseModel]]) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        names = list(
            dict.fromkeys("number" if arg in (int, float) else _type_text(arg, seen) for arg in args)
        )
        return " or ".join(names)
    if origin in (list, tuple):
        return f"list of {_type_text(args[0], seen)}"
    if origin is dict:
        return f"object of {_type_text(args[1], seen)} by {_type_text(args[0], seen)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in seen:
            seen.append(annotation)
        return f"[{annotation.__name__}](#{_anchor(annotation)})"
    if annotation in SCALARS:
        return SCALARS[annotation]
    return "JSON value"  # pydantic's JsonValue: any JSON, described by the field


def _fields(model: type[BaseModel], seen: list[type[BaseModel]]) -> list[str]:
    lines = ["| field | type | meaning |", "| --- | --- | --- |"]
    for name, info in model.model_fields.items():
        meaning = " ".join((info.description or "").split()).replace("|", "\\|")
        lines.append(f"| `{name}` | {_type_text(info.annotation, seen)} | {meaning} |")
    for name in model.model_computed_fields:
        lines.append(f"| `{name}` | text | computed |")
    if model.model_config.get("extra") == "allow":
        lines.append("| ... | | further columns, as the row's description says |")
    return lines


def _summary(model: type[BaseModel]) -> str:
    doc = model.__doc__ or ""
    if doc.startswith(f"{model.__name__}(") or "Usage docs" in doc:
        return ""
    return " ".join(doc.split())


def _route_text(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def _page(route: TwinRoute, seen: list[type[BaseModel]]) -> list[str]:
    document, row = route.document, route.document.ROW
    lines = [f"## `{route.name}`: {_route_text(route.route)}", ""]
    summary = _summary(document)
    if summary:
        lines += [summary, ""]
    lines += [
        f"JSON: [{document.__name__}](#{_anchor(document)}). "
        f"CSV: one [{row.__name__}](#{_anchor(row)}) a line.",
        "",
    ]
    for model in (document, row):
        if model not in seen:
            seen.append(model)
    return lines


def pages_markdown(routes: dict[str, TwinRoute] | None = None) -> str:
    routes = TWIN_ROUTES if routes is None else routes
    seen: list[type[BaseModel]] = []
    lines = [HEADER]
    for name in sorted(routes):
        lines += _page(routes[name], seen)
    lines += ["# Documents", ""]
    done = 0
    while done < len(seen):
        model = seen[done]
        done += 1
        lines += [f"### {model.__name__}", ""]
        summary = _summary(model)
        if summary:
            lines += [summary, ""]
        lines += [*_fields(model, seen), ""]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    import django

    django.setup()
    import inspectorate.web.urls  # noqa: F401  (registers every page's twins)

    print(pages_markdown(), end="")
