"""`inspectorate import-report` and `import-reports`: published reports read into published
inspections, one file or every report in a folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from inspectorate.cli.files import existing_file
from inspectorate.cli.options import JsonOption, WorkspaceOption
from inspectorate.cli.output import print_json
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError

if TYPE_CHECKING:
    from inspectorate.web.imports.batch import ImportedFile


def register(app: typer.Typer) -> None:
    app.command("import-report")(import_report)
    app.command("import-reports")(import_reports)


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
        interval = "" if figure.ci_plus_minus is None else f" +/- {figure.ci_plus_minus:g}"
        typer.echo(f"  recording {figure.percent:g}%{interval} of {figure.scope}{year}"
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


def import_reports(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="A folder of reports (.txt, .html, .htm, .pdf), read with its subfolders."
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Read and check every report; store nothing.")
    ] = False,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Import every published report under DIR, each as its own published inspection, all or nothing.

    Files other than .txt, .html, .htm and .pdf are passed over (truth files, notes). A file imported
    before (the same bytes, by SHA-256) is reported as already imported, so the command may be run
    again. A file that cannot be read, or is not a report of a known programme naming a force, is
    refused in one line on stderr (FILE: reason) and nothing of it is stored. The summary says what
    was read of each report and what is missing. Exit status: 0 when no file was refused, 1 when one
    or more were (the others are stored all the same), as for any other error."""
    from inspectorate.cli.progress import progress_bar

    if not directory.is_dir():
        raise InputError(f"{directory}: no such folder")
    open_workspace(workspace)
    from inspectorate.web.imports.batch import Outcome, import_files, report_files, tally

    files = report_files(directory)
    if not files:
        raise InputError(f"{directory}: no report files (.txt, .html, .htm, .pdf) in it or below it")

    def tell(result: ImportedFile) -> None:
        if result.outcome == Outcome.REFUSED:
            typer.echo(f"{result.file}: {result.reason}", err=True)

    with progress_bar("importing reports", enabled=not as_json) as progress:
        results = import_files(files, directory, dry_run=dry_run, progress=progress, told=tell)
    counts = tally(results)
    if as_json:
        print_json(
            {
                "directory": str(directory),
                "dry_run": dry_run,
                "counts": counts,
                "files": [result.to_json() for result in results],
            }
        )
    else:
        _summary(results, counts, dry_run)
    if counts[Outcome.REFUSED]:
        raise typer.Exit(1)


def _summary(results: list[ImportedFile], counts: dict[str, int], dry_run: bool) -> None:
    from inspectorate.web.imports.batch import Outcome

    for result in results:
        if result.outcome == Outcome.REFUSED:
            continue  # its one line went to stderr as it was refused
        if result.outcome == Outcome.ALREADY:
            typer.echo(f"{result.file}: already imported as {result.inspection}")
            continue
        what = f"stored as {result.inspection}" if result.outcome == Outcome.STORED else "would be stored"
        typer.echo(
            f"{result.file}: {what}: {result.programme_title}, {result.force_name}, "
            f"{result.date or 'no date found'}; {_count(result.grades, 'grade')}, "
            f"{_count(result.findings, 'finding')}, {_count(result.figures, 'figure')}"
        )
        for missing in result.missing:
            typer.echo(f"  missing: {missing}")
        for warning in result.not_stored:
            typer.echo(f"  not stored: {warning}")
    stored = f"{counts[Outcome.READABLE]} would be stored" if dry_run else f"{counts[Outcome.STORED]} stored"
    typer.echo(
        f"{_count(counts['read'], 'file')} read: {stored}, {counts[Outcome.ALREADY]} already imported, "
        f"{counts[Outcome.REFUSED]} refused"
    )


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' * (n != 1)}"
