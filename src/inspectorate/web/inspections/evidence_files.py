"""Files kept with evidence, each stored once in the workspace under its SHA-256.

A file is written to a scratch file in the store's folder, hashed as it is written, and only then
linked into its place (``files/ab/abcdef...``): the store never holds half a file, a stored file's
name is always its content's hash, and the same bytes sent twice are kept once. Its record
(``EvidenceFile``: the name it was sent with, made safe, its size, type and the date it speaks for)
is saved after the file is in place; when the record cannot be saved, a file that only this upload
put there is taken away again.

The rules (the largest file, no empty file, a change only while the record is open) live here, and
the web form, the upload view and the CLI all come through ``attach_file``. Removing a file removes
its record, in the audit trail with its hash; the bytes stay in the store, where other records (the
same file kept with other evidence) and backups may name them.
"""

from __future__ import annotations

import datetime
import hashlib
import mimetypes
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import DatabaseError, transaction
from django.http import HttpRequest

from inspectorate.core.workspace import files_dir
from inspectorate.web.inspections.locking import ensure_open
from inspectorate.web.inspections.models import Evidence, EvidenceFile
from inspectorate.web.inspections.recording import RecordingError
from inspectorate.web.pages.uploads import safe_name

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")
NAME_LENGTH = 255  # EvidenceFile.original_name
FIELD = "file"


def max_bytes() -> int:
    """The largest file the team may keep (the setting INSPECTORATE_EVIDENCE_FILE_MAX_MB)."""
    return int(getattr(settings, "EVIDENCE_FILE_MAX_BYTES", DEFAULT_MAX_BYTES))


def describe_size(size: int) -> str:
    if size >= 1024 * 1024:
        megabytes = size / (1024 * 1024)
        return f"{megabytes:.0f} MB" if megabytes == int(megabytes) else f"{megabytes:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} byte{'s' * (size != 1)}"


def check_size(name: str, size: int) -> None:
    """Refuse an empty file, or one bigger than the largest the team may keep, naming the file."""
    if size == 0:
        raise RecordingError(f"{name} is empty: choose a file with something in it", field=FIELD)
    limit = max_bytes()
    if size > limit:
        raise RecordingError(
            f"{name} is {describe_size(size)}: "
            f"a file kept with evidence may be at most {describe_size(limit)}",
            field=FIELD,
        )


class SizeLimit(FileUploadHandler):
    """Put first among a request's upload handlers, it stops a file as soon as it passes the largest
    allowed, so that the rest of it is read and dropped instead of written to a scratch file; the
    view then refuses it by ``refused``, its name."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = max_bytes()
        self.received = 0
        self.refused: str | None = None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.refused = str(self.file_name or "The file")
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

    def problem(self) -> str | None:
        """The refusal, naming the file, when one was too big."""
        if self.refused is None:
            return None
        limit = describe_size(self.limit)
        return f"{self.refused} is more than {limit}: a file kept with evidence may be at most {limit}"


def kept_name(name: str) -> str:
    """The name a file is listed and downloaded under: its last part only, with nothing but letters,
    digits, dots, dashes and underscores, and short enough to keep (its ending kept)."""
    safe = safe_name(name.replace("\\", "/"))  # a Windows path's last part too
    if len(safe) <= NAME_LENGTH:
        return safe
    stem, dot, suffix = safe.rpartition(".")
    if not dot or len(suffix) > 16:
        return safe[:NAME_LENGTH]
    return f"{stem[: NAME_LENGTH - len(suffix) - 1]}.{suffix}"


def content_type_of(name: str) -> str:
    """The type told by the name's ending (never the sender's word for it)."""
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"


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


def store_file(chunks: Iterable[bytes], name: str) -> StoredFile:
    """Keep the bytes under their SHA-256, all or nothing. ``name`` (as sent) names the file in any
    refusal: empty, or bigger than the largest allowed (reading stops there)."""
    folder = files_dir(Path(settings.WORKSPACE))
    folder.mkdir(parents=True, exist_ok=True)
    limit = max_bytes()
    digest = hashlib.sha256()
    size = 0
    # ".partial": a backup taken meanwhile leaves it out (core/backup/workspace_files.py).
    handle, scratch_name = tempfile.mkstemp(prefix=".incoming-", suffix=".partial", dir=folder)
    scratch = Path(scratch_name)
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    check_size(name, size)
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        check_size(name, size)
        sha256 = digest.hexdigest()
        target = stored_path(sha256)
        target.parent.mkdir(exist_ok=True)
        return StoredFile(sha256, size, target, new=_put(scratch, target))
    finally:
        scratch.unlink(missing_ok=True)


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


def attach_file(
    evidence: Evidence,
    chunks: Iterable[bytes],
    *,
    name: str,
    effective_on: datetime.date | None = None,
    uploaded_by: User | None = None,
) -> EvidenceFile:
    """Keep a file with the evidence: the bytes in the store, then their record."""
    ensure_open(evidence.inspection)
    original = kept_name(name)
    stored = store_file(chunks, name)
    try:
        with transaction.atomic():
            return EvidenceFile.objects.create(
                evidence=evidence,
                original_name=original,
                sha256=stored.sha256,
                size=stored.size,
                content_type=content_type_of(original),
                effective_on=effective_on,
                uploaded_by=uploaded_by,
            )
    except BaseException:
        if stored.new and not _still_named(stored.sha256):
            stored.path.unlink(missing_ok=True)
        raise


def _still_named(sha256: str) -> bool:
    """Whether a record names the bytes (True when the database cannot say: keep them)."""
    try:
        return EvidenceFile.objects.filter(sha256=sha256).exists()
    except DatabaseError:
        return True


def remove_file(evidence_file: EvidenceFile) -> None:
    """Remove a file from its evidence (its record; the audit trail keeps its name and hash)."""
    ensure_open(evidence_file.evidence.inspection)
    with transaction.atomic():
        evidence_file.delete()


def file_path(evidence_file: EvidenceFile) -> Path:
    """The stored bytes of a file; FileNotFoundError when the workspace has lost them."""
    path = stored_path(evidence_file.sha256)
    if not path.is_file():
        raise FileNotFoundError(path)
    return path
