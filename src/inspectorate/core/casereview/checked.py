"""A template compiled by the platform and checked by XLSForm's own compiler (pyxform) too, so that
what the CLI and the web accept also runs in ODK Collect or Enketo."""

from __future__ import annotations

from pathlib import Path

from inspectorate.core.casereview.compile import AreaLookup, compile_workbook
from inspectorate.core.casereview.export import to_xform
from inspectorate.core.casereview.sheets import Workbook, read_workbook
from inspectorate.core.casereview.spec import Template
from inspectorate.core.problems import Problem, ProblemsError


def compile_checked(source: Workbook | Path, areas_of: AreaLookup | None = None) -> Template:
    """The template in ``source`` (an .xlsx or .yaml file, or a workbook already read); ProblemsError
    lists everything wrong with it, pyxform's own complaint included."""
    workbook = read_workbook(source) if isinstance(source, Path) else source
    template = compile_workbook(workbook, areas_of)
    try:
        to_xform(template)
    except Exception as exc:  # pyxform raises its own error types, each with a message
        raise ProblemsError(
            [Problem(workbook.source, None, "", f"XLSForm compiler (pyxform): {exc}")]
        ) from None
    return template
