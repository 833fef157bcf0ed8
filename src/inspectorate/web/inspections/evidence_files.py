"""Files kept with evidence, each stored once in the workspace under its SHA-256.

The bytes are kept by web/stored_files.py (written whole, then linked into place under their hash,
the same bytes kept once). Its record
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
import mimetypes
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import DatabaseError, transaction
from django.http import HttpRequest

from inspectorate.web.inspections.locking import ensure_open
from inspectorate.web.inspections.models import Evidence, EvidenceFile
from inspectorate.web.inspections.recording import RecordingError
from inspectorate.web.pages.uploads import safe_name
from inspectorate.web.stored_files import store_file, stored_path

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
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
    stored = store_file(chunks, lambda size: check_size(name, size), limit=max_bytes())
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
