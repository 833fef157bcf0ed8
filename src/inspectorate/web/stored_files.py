"""Files the platform keeps in the workspace (evidence files, the force's answers to requests), each
stored once under its SHA-256 (``files/ab/abcdef...``).

A file is written to a scratch file in the store's folder, hashed as it is written, and only then
linked into its place: the store never holds half a file, a stored file's name is always its
content's hash, and the same bytes sent twice are kept once. What a file is (its record, who sent it,
the rules on its size) is the business of the app that keeps it."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from inspectorate.core.workspace import files_dir

SHA256 = re.compile(r"[0-9a-f]{64}")
CHUNK = 1 << 20


def stored_path(sha256: str) -> Path:
    """Where the file with this SHA-256 is kept in the workspace."""
    if not SHA256.fullmatch(sha256):
        raise ValueError(f"not a SHA-256: {sha256!r}")
    return files_dir(Path(settings.WORKSPACE)) / sha256[:2] / sha256


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    path: Path
    new: bool
    """Whether this store put the bytes there (False: the same bytes were kept already)."""


def store_file(
    chunks: Iterable[bytes], check: Callable[[int], None] | None = None, *, limit: int | None = None
) -> StoredFile:
    """Keep the bytes under their SHA-256, all or nothing. ``check`` is given the size once every
    chunk is read, and as soon as the size passes ``limit`` (reading stops if it raises there)."""
    folder = files_dir(Path(settings.WORKSPACE))
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    # ".partial": a backup taken meanwhile leaves it out (core/backup/workspace_files.py).
    handle, scratch_name = tempfile.mkstemp(prefix=".incoming-", suffix=".partial", dir=folder)
    scratch = Path(scratch_name)
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if check is not None and limit is not None and size > limit:
                    check(size)
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if check is not None:
            check(size)
        sha256 = digest.hexdigest()
        target = stored_path(sha256)
        target.parent.mkdir(exist_ok=True)
        return StoredFile(sha256, size, target, new=_put(scratch, target))
    finally:
        scratch.unlink(missing_ok=True)


def store_path(source: Path) -> StoredFile:
    """Keep a file already on disk (an upload saved under its own name)."""
    with source.open("rb") as handle:
        return store_file(iter(lambda: handle.read(CHUNK), b""))


def _put(scratch: Path, target: Path) -> bool:
    """Put the scratch file in its place; False when the same bytes are kept there already."""
    try:
        os.link(scratch, target)  # never replaces: of two writers of the same bytes, the first wins
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: a rename, which is as atomic
        if target.exists():
            return False
        os.replace(scratch, target)
    return True
