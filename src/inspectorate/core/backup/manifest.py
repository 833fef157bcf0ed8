"""A backup's manifest: every file it holds with its size and SHA-256, the database it snapshots, the
schema's migrations and the version that made it.

Checking a backup reads every listed file again. A file missing, changed or not listed, and a listed
path that would leave the backup's folder, is each a problem of its own, on one line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from inspectorate.core.backup.paths import inside
from inspectorate.core.data.store import file_sha256
from inspectorate.core.problems import InputError, Problem

Progress = Callable[[str, int, int], None]
MANIFEST_NAME = "manifest.json"
# Raised when the layout of a backup changes, so that an older restore refuses what it cannot read.
FORMAT = 1


class DatabaseKind(StrEnum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


class BackupFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    size: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class DatabaseSnapshot(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: DatabaseKind
    # The snapshot's file in the backup: a SQLite database, or pg_dump's custom format.
    file: str
    # Every applied migration as "app.name", so that a restore can tell a newer schema from its own.
    migrations: tuple[str, ...]


class Manifest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    format: int = FORMAT
    app_version: str
    created_at: datetime
    workspace: str
    database: DatabaseSnapshot
    files: tuple[BackupFile, ...]

    def files_under(self, folder: str) -> tuple[BackupFile, ...]:
        prefix = folder.rstrip("/") + "/"
        return tuple(f for f in self.files if f.path.startswith(prefix))


def list_files(folder: Path, progress: Progress | None = None) -> tuple[BackupFile, ...]:
    """Every file in ``folder`` but the manifest, by its path inside the folder, with size and hash."""
    report = progress or (lambda _step, _done, _total: None)
    paths = sorted(p for p in folder.rglob("*") if p.is_file() and p != folder / MANIFEST_NAME)
    files = []
    for number, path in enumerate(paths):
        report("hashing files", number, len(paths))
        relative = path.relative_to(folder).as_posix()
        files.append(BackupFile(path=relative, size=path.stat().st_size, sha256=file_sha256(path)))
    report("hashing files", len(paths), len(paths))
    return tuple(files)


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    target = folder / MANIFEST_NAME
    target.write_text(manifest.model_dump_json(indent=1) + "\n", encoding="utf-8")
    return target


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the backup in ``folder``, or one line saying why there is none to read."""
    path = folder / MANIFEST_NAME
    if not folder.is_dir():
        raise InputError(f"{folder}: no such backup folder")
    if not path.is_file():
        raise InputError(f"{path}: no manifest; is {folder} a backup made by `inspectorate backup`?")
    try:
        manifest = Manifest.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top)"
        raise InputError(f"{path}: {where}: {first['msg']}") from None
    if manifest.format != FORMAT:
        raise InputError(f"{path}: format {manifest.format} is not the format {FORMAT} this version reads")
    return manifest


def check_backup(folder: Path, progress: Progress | None = None) -> tuple[Manifest, list[Problem]]:
    """The manifest, and every way the folder differs from it (none for a sound backup)."""
    report = progress or (lambda _step, _done, _total: None)
    manifest = read_manifest(folder)
    problems: list[Problem] = []
    listed: set[Path] = set()
    for number, entry in enumerate(manifest.files):
        report("checking files", number, len(manifest.files))
        path = inside(folder, entry.path)
        if path is None:
            where = f"files[{number}].path"
            problems.append(
                Problem(str(folder / MANIFEST_NAME), None, where, f"{entry.path!r} leaves the backup folder")
            )
            continue
        listed.add(path)
        where = str(folder / entry.path)
        if not path.is_file():
            problems.append(Problem(where, None, "", "missing"))
        elif (size := path.stat().st_size) != entry.size:
            problems.append(Problem(where, None, "", f"{size:,} bytes, the manifest says {entry.size:,}"))
        elif file_sha256(path) != entry.sha256:
            problems.append(Problem(where, None, "", "its SHA-256 is not the manifest's: the file changed"))
    report("checking files", len(manifest.files), len(manifest.files))
    if manifest.database.file not in {entry.path for entry in manifest.files}:
        problems.append(
            Problem(str(folder / MANIFEST_NAME), None, "database.file", "the database's file is not listed")
        )
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p != folder / MANIFEST_NAME):
        if path.resolve() not in listed:
            problems.append(Problem(str(path), None, "", "not in the manifest"))
    return manifest, problems
