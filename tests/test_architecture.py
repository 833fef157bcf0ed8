"""The architecture holds: the import contracts of pyproject.toml's [tool.importlinter] (layers, no
Django in core, no import circles in core) are kept, and importing all of core never loads Django."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept() -> None:
    # import-linter reads its contracts from the pyproject.toml of the folder it runs in.
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-logo",
            "--no-cache",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_importing_every_core_module_never_loads_django() -> None:
    # A fresh interpreter: this one has Django loaded by pytest-django already.
    script = textwrap.dedent(
        """
        import importlib
        import pkgutil
        import sys

        import inspectorate.core

        def fail(name):
            raise SystemExit(f"cannot import {name}")

        for module in pkgutil.walk_packages(inspectorate.core.__path__, "inspectorate.core.", onerror=fail):
            importlib.import_module(module.name)
            if "django" in sys.modules:
                raise SystemExit(f"importing {module.name} loaded django")
        print("imported", len(sys.modules))
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
