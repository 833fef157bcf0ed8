"""The ONS Open Geography lookup from local authority districts (LAD) to community safety
partnerships (CSP) to police force areas (PFA), e.g. the December 2016 edition
(LAD16CD, LAD16NM, CSP16CD, CSP16NM, PFA16CD, PFA16NM, FID; UTF-8 with a byte-order mark).

It holds no figures, so it is not a ``NationalTable``: it says which force serves each district.
The force is found by its PFA code, and the printed PFA name must be that force's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from inspectorate.core.forces.reference import ForceId
from inspectorate.core.national.areas import UnknownArea, area_for
from inspectorate.core.national.cells import one_line_refusals
from inspectorate.core.national.figures import AREAS
from inspectorate.core.problems import InputError, Problem, ProblemsError
from inspectorate.core.sheets.limits import check_file_size
from inspectorate.core.sheets.tables import csv_rows

Code = Annotated[str, StringConstraints(pattern=r"^[EW]\d{8}$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
# The year in the headings is the lookup's edition ("LAD16CD"); every heading must give the same.
_HEADINGS = ("LAD{}CD", "LAD{}NM", "CSP{}CD", "CSP{}NM", "PFA{}CD", "PFA{}NM")
_YEAR = re.compile(r"^LAD(\d{2})CD$")


class LadArea(BaseModel):
    """One local authority district, its community safety partnership, and the force serving it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lad_code: Code
    lad_name: Name
    csp_code: Code
    csp_name: Name
    force_id: ForceId


def _columns(file: str, header: list[str]) -> list[str]:
    found = [cell.strip() for cell in header]
    year = _YEAR.match(found[0]) if found else None
    suffix = year.group(1) if year else "16"
    expected = [heading.format(suffix) for heading in _HEADINGS]
    for index, heading in enumerate(expected):
        got = found[index] if index < len(found) else None
        if got != heading:
            shown = "nothing" if got is None else repr(got)
            raise ProblemsError(
                [Problem(file, 1, f"column {index + 1}", f"the heading should be {heading!r}, not {shown}")]
            )
    return expected


@one_line_refusals
def read_lad_lookup(path: Path) -> tuple[LadArea, ...]:
    """Every district in the lookup with its partnership and force; every problem located by line."""
    check_file_size(path.stat().st_size, path.name)
    records = csv_rows(path.read_bytes(), path.name, _HEADINGS, "lookup")
    if not records:
        raise InputError(f"{path.name}: the file is empty")
    columns = _columns(path.name, records[0][1])
    areas: list[LadArea] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for line, fields in records[1:]:
        cells = [field.strip() for field in fields] + [""] * len(columns)
        lad_code, lad_name, csp_code, csp_name, pfa_code, pfa_name = cells[: len(columns)]
        try:
            force_id = area_for(pfa_code, pfa_name) if pfa_code else None
        except UnknownArea as exc:
            problems.append(Problem(path.name, line, columns[4], str(exc)))
            continue
        if force_id is None or force_id in AREAS:
            problems.append(
                Problem(path.name, line, columns[4], f"{pfa_code[:20]!r} is not a police force area code")
            )
            continue
        if lad_code in seen:
            problems.append(
                Problem(path.name, line, columns[0], f"{lad_code} is also on line {seen[lad_code]}")
            )
            continue
        seen[lad_code] = line
        values = dict(lad_code=lad_code, lad_name=lad_name, csp_code=csp_code, csp_name=csp_name)
        bad = [(columns[i], values[key]) for i, key in enumerate(values) if not _valid(key, values[key])]
        if bad:
            problems += [
                Problem(path.name, line, column, f"{value[:40]!r} is not valid here") for column, value in bad
            ]
            continue
        areas.append(LadArea(force_id=force_id, **values))
    if problems:
        raise ProblemsError(problems)
    return tuple(areas)


def _valid(key: str, value: str) -> bool:
    if key.endswith("_code"):
        return re.fullmatch(r"[EW]\d{8}", value) is not None
    return 0 < len(value) <= 200
