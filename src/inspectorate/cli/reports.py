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
    app.command("report-batch")(report_batch)


def report(
    inspection_id: Annotated[
        str, typer.Argument(metavar="ID", help="A reference (MPS-PEEL-2021) or code (UUID).")
    ],
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="What to render.")] = ReportFormat.HTML,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The file to write (else standard output).")
    ] = None,
    version: Annotated[
        int | None, typer.Option("--version", min=1, help="A published version (else the working copy).")
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

    inspection = find_inspection(inspection_id)
    if version is None:
        context = report_context(inspection)
    else:
        from inspectorate.core.reports.context import context_from_json

        published = inspection.report_versions.filter(number=version).first()
        if published is None:
            raise InputError(f"{inspection.reference} has no published version {version}")
        context = context_from_json(published.context)
    rendered = render(context, fmt.value)
    if output is None:
        sys.stdout.buffer.write(rendered)
        return
    with writing(output):
        output.write_bytes(rendered)
    typer.echo(f"wrote {output} ({len(rendered):,} bytes)", err=True)


def report_batch(
    folder: Annotated[Path, typer.Option("--output", "-o", help="The folder to write the reports in.")],
    formats: Annotated[
        str, typer.Option("--formats", help="Comma-separated: html, pdf, json, csv.")
    ] = "html,pdf",
    framework: Annotated[str | None, typer.Option("--framework", help="Only this programme's.")] = None,
    force: Annotated[str | None, typer.Option("--force", help="Only this force's.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes rendering at once.")] = 2,
    workspace: WorkspaceOption = None,
) -> None:
    """Render every inspection's report (or a programme's, or a force's) into a folder, one file per
    report and format, with a progress bar."""
    chosen = [part.strip() for part in formats.split(",") if part.strip()]
    unknown = [f for f in chosen if f not in {f.value for f in ReportFormat}]
    if unknown or not chosen:
        raise InputError(f"--formats: {', '.join(unknown) or 'none given'}; choose from html, pdf, json, csv")
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    open_workspace(workspace)
    from inspectorate.cli.progress import progress_bar
    from inspectorate.web.inspections.models import Inspection
    from inspectorate.web.reports.batch import render_batch

    inspections = Inspection.objects.select_related("force", "framework").order_by("reference")
    if framework:
        inspections = inspections.filter(framework_id=framework)
    if force:
        inspections = inspections.filter(force_id=force)
    with progress_bar("reports") as progress, writing(folder):
        written = render_batch(list(inspections), chosen, folder, workers=workers, progress=progress)
    typer.echo(f"wrote {len(written)} files for {inspections.count()} inspections in {folder}")
