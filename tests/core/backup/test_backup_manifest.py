"""A backup's manifest: every file with its size and SHA-256; checking it names each file missing,
changed or unlisted, and any listed path that would leave the backup's folder."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from inspectorate.core.backup.manifest import (
    MANIFEST_NAME,
    DatabaseKind,
    DatabaseSnapshot,
    Manifest,
    check_backup,
    list_files,
    read_manifest,
    write_manifest,
)
from inspectorate.core.backup.paths import inside
from inspectorate.core.problems import InputError


def _backup(folder: Path, files: dict[str, bytes]) -> Manifest:
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    manifest = Manifest(
        app_version="0.1.0",
        created_at=datetime(2025, 1, 1, tzinfo=UTC),
        workspace="/srv/inspectorate",
        database=DatabaseSnapshot(kind=DatabaseKind.SQLITE, file="database.sqlite3", migrations=("a.0001",)),
        files=list_files(folder),
    )
    write_manifest(folder, manifest)
    return manifest


FILES = {"database.sqlite3": b"rows", "workspace/data/catalog.json": b"{}", "workspace/secret-key": b"k"}


def test_a_sound_backup_has_no_problems_and_lists_each_file_with_its_hash(tmp_path):
    made = _backup(tmp_path, FILES)
    manifest, problems = check_backup(tmp_path)
    assert problems == []
    assert manifest == made
    assert [(f.path, f.size) for f in manifest.files] == sorted((p, len(c)) for p, c in FILES.items())
    # sha256(b"rows"), computed independently with `printf rows | sha256sum`.
    assert manifest.files[0].sha256 == "bc51e9e65d79e1c90ba544ab2eae1044ccdf8c1af7a559ba375cba4276f7d99e"


def test_each_difference_from_the_manifest_is_one_problem_naming_the_file(tmp_path):
    _backup(tmp_path, FILES)
    (tmp_path / "database.sqlite3").write_bytes(b"ROWS")  # same size, other bytes
    (tmp_path / "workspace/secret-key").write_bytes(b"longer key")
    (tmp_path / "workspace/data/catalog.json").unlink()
    (tmp_path / "workspace/extra.parquet").write_bytes(b"?")
    _, problems = check_backup(tmp_path)
    assert sorted(str(p) for p in problems) == sorted(
        [
            f"{tmp_path}/database.sqlite3: its SHA-256 is not the manifest's: the file changed",
            f"{tmp_path}/workspace/secret-key: 10 bytes, the manifest says 1",
            f"{tmp_path}/workspace/data/catalog.json: missing",
            f"{tmp_path}/workspace/extra.parquet: not in the manifest",
        ]
    )


@pytest.mark.parametrize("path", ["../outside", "/etc/passwd", "workspace/../../outside", "a\\..\\b", ""])
def test_a_listed_path_that_leaves_the_folder_is_a_problem_and_never_read(tmp_path, path):
    backup = tmp_path / "backup"
    backup.mkdir()
    made = _backup(backup, FILES)
    (tmp_path / "outside").write_bytes(b"not the backup's")
    first = made.files[0].model_copy(update={"path": path})
    write_manifest(backup, made.model_copy(update={"files": (first, *made.files[1:])}))
    _, problems = check_backup(backup)
    assert f"{backup / MANIFEST_NAME}: files[0].path: {path!r} leaves the backup folder" in [
        str(p) for p in problems
    ]


def test_a_link_out_of_the_folder_does_not_count_as_inside(tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "link").symlink_to(tmp_path)
    assert inside(tmp_path / "backup", "link/secret") is None
    assert inside(tmp_path / "backup", "workspace/data/catalog.json") is not None


def test_a_folder_without_a_readable_manifest_is_one_line(tmp_path):
    with pytest.raises(InputError, match=r"no manifest; is .* a backup made by `inspectorate backup`\?$"):
        read_manifest(tmp_path)
    (tmp_path / MANIFEST_NAME).write_text('{"format": 1, "files": "nope"}')
    with pytest.raises(InputError) as raised:
        read_manifest(tmp_path)
    assert len(str(raised.value).splitlines()) == 1
    assert str(raised.value).startswith(f"{tmp_path / MANIFEST_NAME}: ")
