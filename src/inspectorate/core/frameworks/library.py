"""The framework library shipped with Inspectorate: one YAML file per programme version."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from inspectorate.core.frameworks.io import load_framework
from inspectorate.core.frameworks.spec import Framework
from inspectorate.core.problems import InputError

LIBRARY_DIR = Path(__file__).parent / "library"


class FrameworkNotFound(InputError):
    pass


@cache
def library() -> dict[str, Framework]:
    """Framework id -> framework, oldest programme first (by ``in_use``, then id)."""
    frameworks = [load_framework(p, expect_id_from_name=True) for p in sorted(LIBRARY_DIR.glob("*.yaml"))]
    return {fw.id: fw for fw in sorted(frameworks, key=lambda fw: (fw.in_use, fw.id))}


def get_framework(framework_id: str) -> Framework:
    try:
        return library()[framework_id]
    except KeyError:
        known = ", ".join(library())
        raise FrameworkNotFound(f"no framework {framework_id!r} (known: {known})") from None
