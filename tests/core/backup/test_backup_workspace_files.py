"""The workspace's files in a backup: all but the database and what a running job leaves, copied while
the data store is held still, and put back only inside the new workspace."""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest

from inspectorate.core.backup.workspace_files import (
    copy_workspace_files,
    files_to_copy,
    restore_workspace_files,
)
from inspectorate.core.problems import InputError


def _workspace(root: Path) -> Path:
    for name in (
        "inspectorate.sqlite3",
        "inspectorate.sqlite3-wal",
        "inspectorate.sqlite3-shm",
        "secret-key",
        "data/catalog.json",
        "data/lock",
        "data/datasets/metropolitan/return/calls/b1.parquet",
        "data/staging/20250101-ab/0.parquet",
        "audits/code-frame.parquet",
        "audits/other-frame.parquet.partial",
    ):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(name.encode())
    return root


def test_the_database_its_journal_the_lock_and_unfinished_files_are_left_out(tmp_path):
    workspace = _workspace(tmp_path / "ws")
    copied = [path.relative_to(workspace).as_posix() for path in files_to_copy(workspace)]
    assert copied == [
        "audits/code-frame.parquet",
        "data/catalog.json",
        "data/datasets/metropolitan/return/calls/b1.parquet",
        "secret-key",
    ]


def test_no_load_can_change_the_store_while_its_files_are_copied(tmp_path):
    workspace = _workspace(tmp_path / "ws")
    tried = []

    def progress(_step: str, done: int, total: int) -> None:
        if done < total:
            # What a load does first: take the store's lock. It must have to wait.
            with (workspace / "data" / "lock").open("w") as lock:
                with pytest.raises(BlockingIOError):
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                tried.append(done)

    backup = tmp_path / "backup"
    backup.mkdir()
    assert copy_workspace_files(workspace, backup, progress) == 4
    assert tried == [0, 1, 2, 3]
    assert (backup / "workspace/data/catalog.json").read_bytes() == b"data/catalog.json"


@pytest.mark.parametrize("listed", ["workspace/../escaped", "workspace//etc/passwd", "database.sqlite3"])
def test_a_restore_writes_only_the_backups_workspace_files_inside_the_workspace(tmp_path, listed):
    backup = tmp_path / "backup"
    (backup / "workspace").mkdir(parents=True)
    (backup / "database.sqlite3").write_bytes(b"db")
    with pytest.raises(InputError, match="not a workspace file of this backup"):
        restore_workspace_files(backup, [listed], tmp_path / "restored")
    assert not (tmp_path / "escaped").exists()
