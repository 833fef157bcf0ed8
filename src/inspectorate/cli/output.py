"""Printing for the CLI: JSON for machines, Rich for people, one line for errors."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

from rich.console import Console

console = Console()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def fail(message: str) -> NoReturn:
    # An error may list several located problems, one per line: each line is its own error line.
    for line in message.splitlines() or [message]:
        print(f"error: {line}", file=sys.stderr)
    sys.exit(1)
