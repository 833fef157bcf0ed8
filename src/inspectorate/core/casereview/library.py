"""The review templates shipped with Inspectorate: one YAML file per template version."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from inspectorate.core.casereview.compile import compile_file
from inspectorate.core.casereview.spec import Template
from inspectorate.core.problems import InputError

LIBRARY_DIR = Path(__file__).parent / "library"


@cache
def templates() -> dict[str, Template]:
    """Template key (``id@version``) -> template, compiled from the library's files."""
    found = [compile_file(path) for path in sorted(LIBRARY_DIR.glob("*.yaml"))]
    return {template.key: template for template in found}


def get_template(identifier: str) -> Template:
    """A shipped template by ``id`` (its latest version) or ``id@version``."""
    shipped = templates()
    if identifier in shipped:
        return shipped[identifier]
    versions = [template for template in shipped.values() if template.id == identifier]
    if versions:
        return max(versions, key=lambda template: _version_key(template.version))
    known = ", ".join(sorted(shipped))
    raise InputError(f"no review template {identifier!r} (shipped: {known})")


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    # "2021.10" after "2021.9": numeric parts compare as numbers.
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part) for part in version.replace("-", ".").split(".")
    )
