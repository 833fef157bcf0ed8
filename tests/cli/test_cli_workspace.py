"""Workspaces from the command line: `init`, and commands pointed at a missing or empty workspace.

A missing workspace is refused before any database is opened, so those command lines run in the
test process; the workspace taken from INSPECTORATE_HOME, and a workspace's own database made by
`init`, need the installed console script in a process of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectorate.core.frameworks.library import LIBRARY_DIR, library


@pytest.fixture
def peers_file(tmp_path: Path) -> Path:
    path = tmp_path / "msg.csv"
    path.write_text("force,peers\nkent,essex;sussex\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(("inspections", "list"), id="inspections-list"),
        pytest.param(("inspections", "show", "MPS-PEEL-2021"), id="inspections-show"),
        pytest.param(("frameworks", "import", str(LIBRARY_DIR / "peel-2021.yaml")), id="frameworks-import"),
        pytest.param(("forces", "peers-import", "PEERS", "--source", "test"), id="forces-peers-import"),
    ],
)
def test_a_command_on_a_missing_workspace_says_to_run_init(
    cli, tmp_path: Path, peers_file: Path, one_error_line, command: tuple[str, ...]
) -> None:
    missing = tmp_path / "no-such-workspace"
    args = [str(peers_file) if arg == "PEERS" else arg for arg in command]
    result = cli(*args, "--workspace", missing)
    one_error_line(result, f"no workspace at {missing}", "run `inspectorate init`")
    assert not missing.exists(), "a reading command must not create the workspace"


def test_the_workspace_can_come_from_inspectorate_home(script, tmp_path: Path, one_error_line) -> None:
    missing = tmp_path / "from-env"
    result = script.with_env(INSPECTORATE_HOME=str(missing))("inspections", "list")
    one_error_line(result, f"no workspace at {missing}")


def test_an_empty_workspace_folder_asks_for_init_and_init_sets_it_up(
    own_script, tmp_path: Path, one_error_line
) -> None:
    workspace = tmp_path / "empty"
    workspace.mkdir()
    result = own_script("inspections", "list", "--workspace", workspace)
    one_error_line(result, f"workspace {workspace} has no database yet", "run `inspectorate init` first")

    init = own_script("init", "--workspace", workspace)
    assert init.returncode == 0, init
    assert init.stdout.strip() == f"workspace ready: {workspace}"
    assert (workspace / "secret-key").is_file()
    assert (workspace / "secret-key").stat().st_mode & 0o077 == 0, "the secret key is for the owner only"

    listed = own_script("inspections", "list", "--json", "--workspace", workspace)
    assert listed.returncode == 0, listed
    assert listed.json() == []
    frameworks = own_script.query(workspace, "SELECT id FROM registry_frameworkversion ORDER BY id")
    assert [row[0] for row in frameworks] == sorted(library())
    assert own_script.query(workspace, "SELECT count(*) FROM registry_force") == [(43,)]
