"""Printing for the CLI: JSON for machines, Rich for people, one line for errors."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

from rich.console import Console
from rich.table import Column, Table

console = Console()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def fail(message: str) -> NoReturn:
    # An error may list several located problems, one per line: each line is its own error line.
    for line in message.splitlines() or [message]:
        print(f"error: {line}", file=sys.stderr)
    sys.exit(1)


def table(*headers: str) -> Table:
    """A Rich table whose cells wrap rather than end in "…": references are copied from it."""
    return Table(*(Column(header, overflow="fold") for header in headers))
