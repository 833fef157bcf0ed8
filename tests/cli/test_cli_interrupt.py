"""A command stopped by Ctrl+C says so and exits 130, so that `inspectorate demo && next` stops."""

from __future__ import annotations

import pytest

from inspectorate.cli import main


def test_ctrl_c_exits_130_with_aborted_on_stderr(monkeypatch, capsys):
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("inspectorate.cli.frameworks.library", interrupted)
    with pytest.raises(SystemExit) as stopped:
        main(["frameworks", "list"], prog_name="inspectorate")
    assert stopped.value.code == 130
    assert capsys.readouterr().err.strip() == "aborted"


def test_a_command_that_succeeds_does_not_exit(capsys):
    main(["frameworks", "list", "--json"], prog_name="inspectorate")
    assert '"id": "peel-2021"' in capsys.readouterr().out
