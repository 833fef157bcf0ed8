"""What the commands of every kind of fieldwork share (`cdi`, `reviews`): a sheet out for offline
work and back in, all or nothing, and the results recorded as evidence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer

from inspectorate.cli.files import existing_file, export_or_import, output_file, writing
from inspectorate.cli.output import console

SHEET_SUFFIXES = (".csv", ".xlsx")


def sheet_out_or_in(
    output: Path | None,
    import_file: Path | None,
    what: str,
    write: Callable[[Path], int],
    written: str,
    take_back: Callable[[Path], str],
) -> None:
    """Write the sheet to ``output`` (``write`` says how many ``written`` it wrote), or take one back
    from ``import_file`` (``take_back`` stores it all or nothing and says what it stored)."""
    export_or_import(output, import_file)
    if output is not None:
        output_file(output, SHEET_SUFFIXES, what)
        with writing(output):
            count = write(output)
        console.print(f"wrote {count:,} {written} to {output}")
        return
    assert import_file is not None
    typer.echo(take_back(existing_file(import_file)))
