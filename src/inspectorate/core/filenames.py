"""File names made from names a person or a report chose (an inspection's reference, an upload's
name), so that whatever the name holds (``../``, an absolute path, a drive letter, NUL, control
characters) the file stays in the folder it is written in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NAME_MAX_LENGTH = 100
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Names Windows keeps for devices, whatever their extension: a file "CON.html" cannot be opened.
_PORTS = (f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10))
_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *_PORTS})


def safe_file_name(name: str, default: str = "file") -> str:
    """``name`` with nothing but letters, digits, dots, dashes and underscores: every other run of
    characters (slashes, backslashes, colons, NUL, spaces) becomes one ``_``, and dots and
    underscores at either end go, so the result is never a path, ``.``, ``..`` or a hidden file."""
    safe = _UNSAFE.sub("_", name).strip("._")[:NAME_MAX_LENGTH].strip("._")
    if safe.split(".", 1)[0].upper() in _DEVICES:
        safe = f"_{safe}"
    return safe or default


def unique_file_names(names: Iterable[str], default: str = "file") -> list[str]:
    """A safe file name for each of ``names``, in order; two names that come out the same (``a/b``
    and ``a_b``) are told apart as ``a_b`` and ``a_b-2``, so that neither file overwrites the other."""
    taken: set[str] = set()
    found = []
    for name in names:
        base = safe_file_name(name, default)
        candidate, number = base, 1
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate.casefold())
        found.append(candidate)
    return found
