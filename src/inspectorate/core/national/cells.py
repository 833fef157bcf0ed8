"""The cells of the national tables as published, and their quirks.

- names carry footnote marks: "ENGLAND AND WALES9", "Avon and Somerset8", "Total 43 forces1,2";
- ".." is not available and "-" not applicable (``Status``), never zero;
- counts can be text with spaces (" 66776 "), and zero written "-00";
- sheet names can end in a space ("Table P1 ").
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from inspectorate.core.national.figures import Status
from inspectorate.core.problems import InputError

T = TypeVar("T")

# A footnote mark sits right against the word it annotates; "rounded to 100" keeps its number.
# Not for sheet names: "Table P1" would lose its 1.
_FOOTNOTE = re.compile(r"(?<=[A-Za-z)])\d+(?:,\d+)*$")
NOT_AVAILABLE = ("..", "…", ":")
NOT_APPLICABLE = ("-", "\u2013", "\u2014", "n/a", "N/A", "x")  # hyphen, en and em dash


def clean_label(text: object) -> str:
    """A heading or area name without footnote marks or stray spaces and line breaks."""
    label = " ".join(str(text).split())
    return _FOOTNOTE.sub("", label).strip().rstrip(",").strip()


@dataclass(frozen=True)
class Cell:
    value: float | None
    status: Status


class CellError(ValueError):
    """A cell that should hold a number holds something else; the message quotes it."""


def read_number(raw: object) -> Cell:
    """A number cell: a float or int, text holding one (spaces and thousands commas allowed,
    "-00" for zero), ".." or "-"; anything else raises CellError."""
    if isinstance(raw, bool):
        raise CellError(f"{raw!r} is not a number")
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise CellError(f"{raw!r} is not a finite number")
        return Cell(float(raw), Status.VALUE)
    text = str(raw).strip()
    if text in NOT_AVAILABLE:
        return Cell(None, Status.NOT_AVAILABLE)
    if text in NOT_APPLICABLE:
        return Cell(None, Status.NOT_APPLICABLE)
    number = text.replace(",", "").replace(" ", "")
    try:
        value = float(number)
    except ValueError:
        raise CellError(f"{text[:40]!r} is not a number, '..' or '-'") from None
    if not math.isfinite(value):
        raise CellError(f"{text[:40]!r} is not a finite number")
    return Cell(0.0 if value == 0 else value, Status.VALUE)


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def as_date(raw: object) -> date | None:
    """A date cell (the ODS and xlsx readers give datetimes), or None."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    return None


def one_line_refusals(read: Callable[[Path], T]) -> Callable[[Path], T]:
    """A reader whose every refusal is an InputError. Each reader checks what it reads and locates
    its problems; a value that still slips past them (a figure the model cannot hold, a day no
    calendar has) is refused in one line naming the file, never shown as a traceback."""

    @functools.wraps(read)
    def reading(path: Path) -> T:
        try:
            return read(path)
        except InputError:
            raise
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error["loc"])
            message = f"holds a value no {exc.title} can have ({where}: {error['msg']})"
            raise InputError(f"{path.name}: {message}") from None
        except (ValueError, ArithmeticError) as exc:
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
            raise InputError(f"{path.name}: holds a value that cannot be read ({reason})") from None

    return reading
