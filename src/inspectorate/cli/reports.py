"""`inspectorate report`: an inspection's report as HTML, PDF, JSON or CSV."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from inspectorate.cli.files import output_file, writing
from inspectorate.cli.options import WorkspaceOption
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError


class ReportFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    JSON = "json"
    CSV = "csv"


def register(app: typer.Typer) -> None:
    app.command("report")(report)


def report(
    inspection_id: Annotated[
        str, typer.Argument(metavar="ID", help="A reference (MPS-PEEL-2021) or code (UUID).")
    ],
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="What to render.")] = ReportFormat.HTML,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The file to write (else standard output).")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Render an inspection's report, laid out as its programme's reports are. A draft's report
    says on every page that it is not published."""
    if output is not None:
        output_file(output, (f".{fmt.value}",), f"a {fmt.value.upper()} report")
    elif fmt is ReportFormat.PDF:
        raise InputError("a PDF report needs --output FILE.pdf")
    open_workspace(workspace)
    from inspectorate.web.inspections.lookup import find_inspection
    from inspectorate.web.reports.build import report_context
    from inspectorate.web.reports.render import render

    rendered = render(report_context(find_inspection(inspection_id)), fmt.value)
    if output is None:
        sys.stdout.buffer.write(rendered)
        return
    with writing(output):
        output.write_bytes(rendered)
    typer.echo(f"wrote {output} ({len(rendered):,} bytes)", err=True)
