"""`inspectorate cdi`: crime data integrity audits, from the sample to the estimate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from inspectorate.cli.fieldwork import sheet_out_or_in
from inspectorate.cli.options import JsonOption, WorkspaceOption, as_options, parse_date
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.data.store import DEFAULT_DATASET_NAME
from inspectorate.core.problems import InputError, ProblemsError

app = typer.Typer(help="Crime data integrity audits: sample, worksheet, estimate.", no_args_is_help=True)

# The option that gave each field of a sample design, for core's problems with it.
DESIGN_OPTIONS = {
    "margin": "--margin",
    "expected_rate": "--expected-rate",
    "crime_share": "--crime-share",
    "sizes": "--size",
    "seed": "--seed",
    "period": "--from/--to",
}
AuditArgument = Annotated[str, typer.Argument(metavar="AUDIT", help="An audit's reference or code.")]


@app.command("sample")
def sample(
    inspection_id: Annotated[str, typer.Argument(metavar="INSPECTION", help="Reference or code.")],
    dataset: Annotated[
        str, typer.Option("--dataset", help="The force's dataset to sample.")
    ] = DEFAULT_DATASET_NAME,
    start: Annotated[str | None, typer.Option("--from", help="First day of the audit period.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day of the audit period.")] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Seed for the draw (else a random one, stored).")
    ] = None,
    margin: Annotated[
        float, typer.Option("--margin", help="Target +/- in percent for each crime group, at 95%.")
    ] = 5.0,
    expected_rate: Annotated[
        float, typer.Option("--expected-rate", help="Recording rate expected, in percent (sets the size).")
    ] = 90.0,
    crime_share: Annotated[
        float,
        typer.Option("--crime-share", help="Percent of sampled incidents expected to be crimes."),
    ] = 100.0,
    sizes: Annotated[
        list[str] | None,
        typer.Option("--size", help="GROUP=N to fix a crime group's sample size (violence, sexual, other)."),
    ] = None,
    include_asb: Annotated[
        bool, typer.Option("--include-asb", help="Also sample anti-social behaviour incidents.")
    ] = False,
    reference: Annotated[str | None, typer.Option("--reference", help="Name for the audit.")] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Draw a stratified random sample of incident records for a new audit."""
    open_workspace(workspace)
    from inspectorate.core.cdi.design import sample_design
    from inspectorate.web.audits.documents import audit_detail
    from inspectorate.web.audits.services import create_audit
    from inspectorate.web.inspections.lookup import find_inspection

    inspection = find_inspection(inspection_id)
    try:
        # Without --seed a fresh one nobody can know in advance, so that the records to audit are not known.
        design = sample_design(
            margin=margin, expected_rate=expected_rate, crime_share=crime_share, sizes=sizes or [], seed=seed
        )
        audit = create_audit(
            inspection,
            dataset_name=dataset,
            design=design,
            start=parse_date(start, "--from"),
            end=parse_date(end, "--to"),
            include_asb=include_asb,
            reference=reference,
        )
    except ProblemsError as exc:
        raise as_options(exc, DESIGN_OPTIONS) from None
    summary = audit_detail(audit)
    if as_json:
        print_json(summary.to_json())
        return
    console.print(
        f"{audit.reference}: {summary.sampled:,} records drawn from {audit.frame_size:,} incidents "
        f"({audit.period_start} to {audit.period_end}, dataset {audit.dataset})"
    )
    shown = table("stratum", "frame", "sample", "decided")
    for row in summary.strata:
        shown.add_row(row.stratum, f"{row.frame_size:,}", f"{row.sample_size:,}", f"{row.decided:,}")
    console.print(shown)


@app.command("list")
def list_audits(
    inspection_id: Annotated[
        str | None, typer.Argument(metavar="[INSPECTION]", help="Only this inspection's audits.")
    ] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """List audits with their progress."""
    open_workspace(workspace)
    from inspectorate.web.audits.documents import audit_summary
    from inspectorate.web.audits.models import CdiAudit
    from inspectorate.web.inspections.lookup import find_inspection

    audits = CdiAudit.objects.select_related("inspection").order_by("created_at")
    if inspection_id:
        audits = audits.filter(inspection=find_inspection(inspection_id))
    rows = [audit_summary(audit) for audit in audits]
    if as_json:
        print_json([row.to_json() for row in rows])
        return
    shown = table("reference", "inspection", "period", "dataset", "decided")
    for row in rows:
        shown.add_row(
            row.reference,
            row.inspection,
            f"{row.period_start} to {row.period_end}",
            row.dataset,
            f"{row.decided:,} of {row.sampled:,}",
        )
    console.print(shown)


@app.command("worksheet")
def worksheet(
    audit_id: AuditArgument,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the worksheet here (.csv or .xlsx).")
    ] = None,
    import_file: Annotated[
        Path | None, typer.Option("--import", help="Take decisions back from this worksheet.")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Export the audit's worksheet for offline work, or import one filled in."""
    open_workspace(workspace)
    from inspectorate.web.audits.lookup import find_audit
    from inspectorate.web.audits.worksheets import export_worksheet, import_worksheet

    audit = find_audit(audit_id)
    sheet_out_or_in(
        output,
        import_file,
        "the worksheet",
        lambda path: export_worksheet(audit, path, path.suffix.lower().lstrip(".")),
        "records",
        lambda path: import_worksheet(audit, path, None).summary(),
    )


@app.command("estimate")
def estimate(
    audit_id: AuditArgument,
    as_json: JsonOption = False,
    csv_out: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Recording rates with 95% intervals, unrecorded crimes a year, and the suggested grade."""
    open_workspace(workspace)
    from inspectorate.web.audits.lookup import find_audit
    from inspectorate.web.audits.results import audit_results, results_text
    from inspectorate.web.pages.twins import rows_to_csv

    if as_json and csv_out:
        raise InputError("give --json or --csv, not both")
    results = audit_results(find_audit(audit_id))
    if as_json:
        print_json(results.document().to_json())
    elif csv_out:
        typer.echo(rows_to_csv(results.rows()), nl=False)
    else:
        # Plain lines: sentences are not wrapped mid-way when the output is piped or narrow.
        for line in results_text(results):
            typer.echo(line)


def _rate_and_margin(text: str | None, option: str) -> dict[str, float] | None:
    """``89.5,1.6`` or ``89.5+/-1.6`` (percent) -> proportions."""
    if text is None:
        return None
    parts = text.replace("+/-", ",").replace("±", ",").split(",")
    try:
        rate, margin = (float(part) for part in parts)
    except ValueError:
        raise InputError(f"{option}: {text!r} should be RATE,MARGIN in percent, e.g. 89.5,1.6") from None
    from inspectorate.core.cdi.compare import published_rate_problem

    if problem := published_rate_problem(rate, margin):
        raise InputError(f"{option}: {problem}")
    # Rounded so that 87.6 percent is stored as 0.876, not 0.8759999999999999.
    return {"rate": round(rate / 100, 9), "margin": round(margin / 100, 9)}


@app.command("set")
def set_figures(
    audit_id: AuditArgument,
    recorded_crimes: Annotated[
        int | None,
        typer.Option(
            "--recorded-crimes", help="R: recorded crimes excl. fraud, 12 months to the audit's end."
        ),
    ] = None,
    source: Annotated[str | None, typer.Option("--source", help="Where R comes from.")] = None,
    previous_label: Annotated[
        str | None, typer.Option("--previous", help="The previous audit's name, e.g. 2018.")
    ] = None,
    overall: Annotated[
        str | None, typer.Option("--previous-overall", help="Its overall rate and margin: 89.5,1.6.")
    ] = None,
    violence: Annotated[str | None, typer.Option("--previous-violence", help="Violence: 87.6,2.8.")] = None,
    sexual: Annotated[str | None, typer.Option("--previous-sexual", help="Sexual offences: 91,2.9.")] = None,
    previous_audit: Annotated[
        str | None, typer.Option("--previous-audit", help="Or an earlier, finished audit run here.")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Set the recorded-crime figure R and the previous audit's figures (published, or run here)."""
    open_workspace(workspace)
    from inspectorate.web.audits.lookup import find_audit
    from inspectorate.web.audits.results import previous_from_audit
    from inspectorate.web.inspections.locking import ensure_fieldwork_open

    audit = find_audit(audit_id)
    ensure_fieldwork_open(audit.inspection)
    given = (recorded_crimes, source, previous_label, overall, violence, sexual, previous_audit)
    if all(option is None for option in given):
        raise InputError(
            "nothing to set: give --recorded-crimes, --previous and its figures, or --previous-audit"
        )
    if recorded_crimes is not None:
        if recorded_crimes <= 0:
            raise InputError(f"--recorded-crimes: {recorded_crimes} should be above 0")
        audit.recorded_crimes = recorded_crimes
        audit.recorded_crimes_source = source or "given by the user"
    elif source is not None:
        raise InputError("--source goes with --recorded-crimes")
    figures = {
        scope: _rate_and_margin(text, f"--previous-{scope}")
        for scope, text in (("overall", overall), ("violence", violence), ("sexual", sexual))
    }
    if previous_audit is not None:
        if any(figures.values()) or previous_label is not None:
            raise InputError("give --previous-audit or the published figures, not both")
        audit.previous = previous_from_audit(audit, find_audit(previous_audit))
    elif any(figures.values()) or previous_label is not None:
        # Figures not given now keep what was set before, so one can be corrected on its own.
        kept = {key: value for key, value in (audit.previous or {}).items() if value is not None}
        newly = {scope: value for scope, value in figures.items() if value is not None}
        if not newly and not set(kept) - {"label"}:
            raise InputError("--previous needs at least one of --previous-overall, -violence, -sexual")
        label = previous_label or kept.get("label") or "previous audit"
        audit.previous = {**kept, **newly, "label": label}
    audit.save()
    console.print(f"{audit.reference}: saved")


@app.command("evidence")
def evidence(audit_id: AuditArgument, workspace: WorkspaceOption = None) -> None:
    """Record the audit's figures and suggested grade as evidence on its area."""
    open_workspace(workspace)
    from inspectorate.web.audits.lookup import find_audit
    from inspectorate.web.audits.results import record_evidence

    audit = find_audit(audit_id)
    record = record_evidence(audit, None)
    console.print(
        f"{audit.reference}: evidence {record.code} on {audit.area_id} ({audit.inspection.reference})"
    )


@app.command("simulate")
def simulate(
    audits: Annotated[int, typer.Option("--audits", help="Synthetic audits per design.")] = 2000,
    seed: Annotated[int, typer.Option("--seed", help="Seed for the simulated draws.")] = 1,
    as_json: JsonOption = False,
) -> None:
    """Check that the intervals cover a known true rate 95% of the time, for several designs."""
    from inspectorate.cli.progress import progress_bar
    from inspectorate.core.cdi.simulate import STANDARD_DESIGNS, simulate_coverage

    if audits < 100:
        raise InputError(f"--audits: {audits} is too few to measure coverage (use 100 or more)")
    found = []
    with progress_bar("simulating", enabled=not as_json) as progress:
        for index, design in enumerate(STANDARD_DESIGNS):
            progress(design.name, index, len(STANDARD_DESIGNS))
            found.append(simulate_coverage(design, audits, seed))
    if as_json:
        print_json(
            [
                {
                    "design": c.design,
                    "audits": c.audits,
                    "true_rate": c.true_rate,
                    "coverage_interval": c.interval_share,
                    "coverage_symmetric": c.symmetric_share,
                    "coverage_wilson": c.wilson_share,
                    "mean_rate": c.mean_rate,
                    "mean_margin": c.mean_margin,
                }
                for c in found
            ]
        )
        return
    # The platform's interval (used for grades and volumes) first: it is the one that must cover 95%.
    shown = table("design", "audits", "platform's interval", "symmetric +/-", "Wilson (eff. n)", "mean +/-")
    for c in found:
        shown.add_row(
            c.design,
            f"{c.audits:,}",
            f"{c.interval_share:.1%}",
            f"{c.symmetric_share:.1%}",
            f"{c.wilson_share:.1%}",
            f"{c.mean_margin * 100:.2f} points",
        )
    console.print(shown)
