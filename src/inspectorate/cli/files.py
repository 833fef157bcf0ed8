"""Files named on the command line: checked before any work, each mistake one clear line."""

from __future__ import annotations

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
