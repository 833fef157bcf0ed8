"""Inspection frameworks as data: typed spec, YAML in and out, the shipped library."""

from inspectorate.core.frameworks.io import (
    FrameworkInvalid,
    dump_framework,
    framework_problems,
    load_framework,
    parse_framework,
)
from inspectorate.core.frameworks.library import FrameworkNotFound, get_framework, library
from inspectorate.core.frameworks.spec import (
    Area,
    ComparabilityNote,
    Framework,
    Rule,
    Scale,
    ScaleKind,
    ScaleLevel,
)

__all__ = [
    "Area",
    "ComparabilityNote",
    "Framework",
    "FrameworkInvalid",
    "FrameworkNotFound",
    "Rule",
    "Scale",
    "ScaleKind",
    "ScaleLevel",
    "dump_framework",
    "framework_problems",
    "get_framework",
    "library",
    "load_framework",
    "parse_framework",
]
