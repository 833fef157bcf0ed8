"""`inspectorate import-report`: a published report read into a published inspection."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from inspectorate.cli.files import existing_file
from inspectorate.cli.options import JsonOption, WorkspaceOption
from inspectorate.cli.output import print_json
from inspectorate.cli.workspace import open_workspace


def register(app: typer.Typer) -> None:
    app.command("import-report")(import_report)


def import_report(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="The report: plain text, HTML or PDF.")],
    force: Annotated[
        str | None, typer.Option("--force", help="The force's id, when the report does not name it.")
    ] = None,
    programme: Annotated[
        str | None, typer.Option("--programme", help="Read it as this framework's report (else recognised).")
    ] = None,
    reference: Annotated[str | None, typer.Option("--reference", help="Name for the inspection.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read and show it; store nothing.")] = False,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Read a published report (grades, findings, audit figures, case counts, each located) and store
    it as a published inspection; what cannot be read is listed as missing."""
    from inspectorate.core.ingest.read import import_report as read_report

    existing_file(path)
    if force is not None:
        from inspectorate.core.forces.reference import get_force

        get_force(force)
    report = read_report(path, force, programme)
    document = report.to_json()
    stored = None
    if not dry_run:
        open_workspace(workspace)
        from inspectorate.web.inspections.importing import store_report

        stored = store_report(report, path, reference=reference, force_id=force)
        document["stored"] = {
            "inspection": stored.inspection.reference,
            "code": str(stored.inspection.code),
            "judgments": stored.judgments,
            "findings": stored.findings,
            "warnings": list(stored.warnings),
        }
    if as_json:
        print_json(document)
        return
    # Plain lines: they are copied into notes and compared with the report by eye.
    typer.echo(f"{report.source}: {report.programme_title or 'programme not recognised'}, "
               f"{report.force_name or 'force not named'}, {report.date or 'no date found'}")  # fmt: skip
    for judgment in report.judgments:
        grade = judgment.grade or "ungraded"
        direction = f", {judgment.direction}" if judgment.direction else ""
        line = f" (line {judgment.at.line})" if judgment.at else ""
        typer.echo(f"  {judgment.title}: {grade}{direction}{line}")
    kinds: dict[str, int] = {}
    for finding in report.findings:
        kinds[finding.kind.label] = kinds.get(finding.kind.label, 0) + 1
    if kinds:
        typer.echo("  findings: " + ", ".join(f"{count} {kind.lower()}" for kind, count in kinds.items()))
    for figure in report.cdi_figures:
        year = f" ({figure.year})" if figure.year else ""
        typer.echo(f"  recording {figure.percent:g}% +/- {figure.ci_plus_minus:g} of {figure.scope}{year}"
                   f" (line {figure.at.line})")  # fmt: skip
    for count in report.case_review_counts:
        typer.echo(f"  {count.n} of {count.m} (line {count.at.line})")
    for missing in report.missing:
        typer.echo(f"  missing: {missing}")
    if stored is not None:
        typer.echo(
            f"stored as {stored.inspection.reference}: {stored.judgments} grades, {stored.findings} findings"
        )
        for warning in stored.warnings:
            typer.echo(f"  not stored: {warning}")
