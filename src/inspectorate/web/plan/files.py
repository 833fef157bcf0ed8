"""Files the force sends in answer to a request, kept in the workspace once each under their SHA-256
(files/ab/abcdef...), as evidence files are: the same bytes are kept once, and a changed file is
never mistaken for the one that was sent."""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
from pathlib import Path

from django.conf import settings

from inspectorate.core.workspace import files_dir


def file_path(sha256: str) -> Path:
    return files_dir(settings.WORKSPACE) / sha256[:2] / sha256


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def keep_file(source: Path) -> tuple[str, int]:
    """Store the file's bytes under their SHA-256 (unless already there): its hash and size."""
    digest = sha256_of(source)
    target = file_path(digest)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        # Copied beside its place, then moved in one step: a half-written file is never there.
        partial = target.with_name(f".{digest}.{secrets.token_hex(4)}.part")
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    return digest, source.stat().st_size
