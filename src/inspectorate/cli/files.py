"""Files named on the command line: checked before any work, each mistake one clear line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from inspectorate.core.problems import InputError


def existing_file(path: Path) -> Path:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    return path


def output_file(path: Path, suffixes: tuple[str, ...], what: str) -> Path:
    """A file to write: one of ``suffixes``, in a folder that exists."""
    if path.suffix.lower() not in suffixes:
        raise InputError(f"{path}: {what} is written as {' or '.join(suffixes)}")
    if not path.parent.is_dir():
        raise InputError(f"{path}: no folder {path.parent} to write it in")
    return path


def export_or_import(output: Path | None, import_file: Path | None) -> None:
    """A sheet command does one thing: write the sheet out, or take one back."""
    if (output is None) == (import_file is None):
        raise InputError("give --output FILE to export or --import FILE to import")


@contextmanager
def writing(path: Path) -> Iterator[Path]:
    """Writing ``path``: a full disk or a forbidden folder is one line, not a traceback."""
    try:
        yield path
    except OSError as exc:
        raise InputError(f"{path}: could not write it ({exc.strerror})") from None
