"""Paths read from a backup's manifest, kept inside the folder they belong in."""

from __future__ import annotations

from pathlib import Path, PurePosixPath


def inside(root: Path, relative: str) -> Path | None:
    """``root / relative`` when it stays inside ``root`` (no absolute path, no ``..``, no link out of
    it); else None."""
    pure = PurePosixPath(relative)
    if not relative or "\\" in relative or pure.is_absolute() or ".." in pure.parts:
        return None
    base = root.resolve()
    candidate = (base / pure).resolve()
    return candidate if candidate.is_relative_to(base) and candidate != base else None
