"""`inspectorate cdi`: crime data integrity audits, from the sample to the estimate."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from inspectorate.cli.files import existing_file, export_or_import, output_file, writing
from inspectorate.cli.options import JsonOption, WorkspaceOption
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError

app = typer.Typer(help="Crime data integrity audits: sample, worksheet, estimate.", no_args_is_help=True)

AuditArgument = Annotated[str, typer.Argument(metavar="AUDIT", help="An audit's reference or code.")]


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option}: {text!r} is not a date (YYYY-MM-DD)") from None


@app.command("sample")
def sample(
    inspection_id: Annotated[str, typer.Argument(metavar="INSPECTION", help="Reference or code.")],
    dataset: Annotated[str, typer.Option("--dataset", help="The force's dataset to sample.")] = "return",
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
    from inspectorate.core.cdi.frame import default_audit_period
    from inspectorate.core.cdi.sampling import parse_sizes
    from inspectorate.core.cdi.types import SampleDesign
    from inspectorate.web.audits.documents import audit_summary
    from inspectorate.web.audits.services import create_audit, data_store
    from inspectorate.web.inspections.lookup import find_inspection

    inspection = find_inspection(inspection_id)
    for name, value, low in (("--margin", margin, 0.0), ("--expected-rate", expected_rate, 0.0)):
        if not low < value < 100:
            raise InputError(f"{name}: {value:g} should be above 0 and below 100 (percent)")
    if not 0 < crime_share <= 100:
        raise InputError(f"--crime-share: {crime_share:g} should be above 0 and at most 100 (percent)")
    if seed is None:
        # Unpredictable unless asked for, so that nobody can know in advance which records are audited.
        seed = secrets.randbelow(2**31)
    elif seed < 0:
        raise InputError(f"--seed: {seed} should be 0 or more")
    if reference is not None and len(reference) > 80:
        raise InputError(f"--reference: at most 80 characters, this one has {len(reference)}")
    design = SampleDesign(
        margin=margin / 100,
        expected_rate=expected_rate / 100,
        crime_share=crime_share / 100,
        sizes=parse_sizes(sizes or []),
        seed=seed,
    )
    first, last = _date(start, "--from"), _date(end, "--to")
    if first is None or last is None:
        store = data_store()
        found = store.dataset(inspection.force_id, dataset)
        if found is None:
            raise InputError(
                f"{inspection.force.name} has no dataset {dataset!r} (see `inspectorate data list`)"
            )
        default_first, default_last = default_audit_period(store, found)
        first, last = first or default_first, last or default_last
    audit = create_audit(
        inspection,
        dataset_name=dataset,
        start=first,
        end=last,
        design=design,
        include_asb=include_asb,
        reference=reference,
    )
    summary = audit_summary(audit)
    if as_json:
        print_json(summary)
        return
    console.print(
        f"{audit.reference}: {summary['sampled']:,} records drawn from {audit.frame_size:,} incidents "
        f"({audit.period_start} to {audit.period_end}, dataset {audit.dataset})"
    )
    _print_strata(summary["strata"])


def _print_strata(strata: list[dict[str, Any]]) -> None:
    shown = table("stratum", "frame", "sample", "decided")
    for row in strata:
        shown.add_row(
            row["stratum"], f"{row['frame_size']:,}", f"{row['sample_size']:,}", f"{row['decided']:,}"
        )
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
    rows = [audit_summary(audit, with_strata=False) for audit in audits]
    if as_json:
        print_json(rows)
        return
    shown = table("reference", "inspection", "period", "dataset", "decided")
    for row in rows:
        shown.add_row(
            row["reference"],
            row["inspection"],
            f"{row['period_start']} to {row['period_end']}",
            row["dataset"],
            f"{row['decided']:,} of {row['sampled']:,}",
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

    export_or_import(output, import_file)
    audit = find_audit(audit_id)
    if output is not None:
        output_file(output, (".csv", ".xlsx"), "the worksheet")
        with writing(output):
            count = export_worksheet(audit, output, output.suffix.lower().lstrip("."))
        console.print(f"wrote {count:,} records to {output}")
        return
    assert import_file is not None
    result = import_worksheet(audit, existing_file(import_file), None)
    typer.echo(result.summary())


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
    from inspectorate.web.front.twins import rows_to_csv

    if as_json and csv_out:
        raise InputError("give --json or --csv, not both")
    results = audit_results(find_audit(audit_id))
    if as_json:
        print_json(results.to_json())
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

    audit = find_audit(audit_id)
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
        given = {scope: value for scope, value in figures.items() if value is not None}
        if not given and not set(kept) - {"label"}:
            raise InputError("--previous needs at least one of --previous-overall, -violence, -sexual")
        label = previous_label or kept.get("label") or "previous audit"
        audit.previous = {**kept, **given, "label": label}
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
    rows = []
    with progress_bar("simulating", enabled=not as_json) as progress:
        for index, design in enumerate(STANDARD_DESIGNS):
            progress(design.name, index, len(STANDARD_DESIGNS))
            coverage = simulate_coverage(design, audits, seed)
            rows.append(
                {
                    "design": coverage.design,
                    "audits": coverage.audits,
                    "true_rate": coverage.true_rate,
                    "coverage_interval": coverage.interval_share,
                    "coverage_symmetric": coverage.symmetric_share,
                    "coverage_wilson": coverage.wilson_share,
                    "mean_rate": coverage.mean_rate,
                    "mean_margin": coverage.mean_margin,
                }
            )
    if as_json:
        print_json(rows)
        return
    # The platform's interval (used for grades and volumes) first: it is the one that must cover 95%.
    shown = table("design", "audits", "platform's interval", "symmetric +/-", "Wilson (eff. n)", "mean +/-")
    for row in rows:
        shown.add_row(
            row["design"],
            f"{row['audits']:,}",
            f"{row['coverage_interval']:.1%}",
            f"{row['coverage_symmetric']:.1%}",
            f"{row['coverage_wilson']:.1%}",
            f"{row['mean_margin'] * 100:.2f} points",
        )
    console.print(shown)
