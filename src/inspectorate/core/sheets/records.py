"""Reading a CSV whose rows are typed records: exact header, every bad row located."""

from __future__ import annotations

import csv
from collections.abc import Collection
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from inspectorate.core.problems import Problem, ProblemsError

Record = TypeVar("Record", bound=BaseModel)


def read_records(
    path: Path, header: tuple[str, ...], model: type[Record], *, blank_as_none: Collection[str] = ()
) -> tuple[list[tuple[int, Record]], list[Problem]]:
    """(line, record) for each good row, and a located problem for each bad one.

    The caller adds its own checks (duplicates, references) and raises once, so that every
    problem is reported together. Only a wrong header stops the reading at once.
    """
    source = path.name
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows or tuple(rows[0]) != header:
        raise ProblemsError([Problem(source, 1, "", f"header must be {','.join(header)}")])
    records: list[tuple[int, Record]] = []
    problems: list[Problem] = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.append(Problem(source, line, "", f"expected {len(header)} columns"))
            continue
        data: dict[str, str | None] = dict(zip(header, row, strict=True))
        for name in blank_as_none:
            if data[name] == "":
                data[name] = None
        try:
            records.append((line, model.model_validate(data)))
        except ValidationError as exc:
            for error in exc.errors():
                field = ".".join(str(part) for part in error["loc"])
                problems.append(Problem(source, line, field, error["msg"]))
    return records, problems
