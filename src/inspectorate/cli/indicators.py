"""`inspectorate indicators`: the registry of indicators, and a force's figures with comparators."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from inspectorate.cli.data import open_store
from inspectorate.cli.options import JsonOption, WorkspaceOption
from inspectorate.cli.output import console, print_json, table
from inspectorate.core.indicators.definitions import DEFINITIONS
from inspectorate.core.indicators.results import results_to_json, results_to_rows
from inspectorate.core.problems import InputError

app = typer.Typer(help="Force-in-numbers indicators.", no_args_is_help=True)


@app.command("list")
def list_indicators(
    as_json: JsonOption = False,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print docs/indicators.md's reference.")
    ] = False,
) -> None:
    """List every indicator with its unit, target and method."""
    if markdown:
        from inspectorate.core.indicators.docs import indicators_markdown

        typer.echo(indicators_markdown(), nl=False)
        return
    rows = [
        {
            "id": d.id,
            "title": d.title,
            "unit": str(d.unit),
            "target": d.target.label if d.target else None,
            "method": d.method,
        }
        for d in DEFINITIONS
    ]
    if as_json:
        print_json(rows)
        return
    shown = table("id", "title", "unit", "target")
    for row in rows:
        shown.add_row(row["id"], row["title"], row["unit"], row["target"] or "")
    console.print(shown)


@app.command("compute")
def compute(
    dataset: Annotated[str, typer.Option("--dataset", help="FORCE/DATASET, e.g. metropolitan/synthetic.")],
    year: Annotated[
        int | None, typer.Option("--year", help="Statistical year: 12 months to 31 March YEAR.")
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last month of the 12, as YYYY-MM.")] = None,
    published: Annotated[
        Path | None, typer.Option("--published", help="CSV of published comparator figures to use instead.")
    ] = None,
    csv_out: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Compute every indicator for a dataset's 12 months, with comparators and significance."""
    from inspectorate.core.indicators.published import read_published
    from inspectorate.core.numbers import force_numbers, period_to, statistical_year

    if year is not None and to is not None:
        raise InputError("give --year or --to, not both")
    if as_json and csv_out:
        raise InputError("give --json or --csv, not both")
    if published is not None and not published.is_file():
        raise InputError(f"{published}: no such file")
    store = open_store(workspace)
    found = store.get_dataset(dataset)
    period = statistical_year(year) if year is not None else period_to(to) if to is not None else None
    figures = read_published(published) if published else None
    numbers = force_numbers(store, found, period, published=figures)
    if as_json:
        document = numbers.model_dump(mode="json", exclude={"results"})
        document["results"] = results_to_json(numbers.results)
        print_json(document)
        return
    if csv_out:
        import csv
        import sys

        header, rows = results_to_rows(numbers.results)
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(("dataset", "synthetic", *header))
        # The same cells as the web page's CSV twin: true/false, empty for unknown.
        writer.writerows([_cell(v) for v in (numbers.dataset, numbers.synthetic, *row)] for row in rows)
        return
    _print_numbers(numbers)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _print_numbers(numbers: object) -> None:
    from inspectorate.core.numbers import ForceNumbers

    assert isinstance(numbers, ForceNumbers)
    if numbers.synthetic:
        console.print("[bold red]SYNTHETIC DATA[/bold red]: generated, not a force's real records")
    console.print(f"{numbers.dataset}: {numbers.period}; population {numbers.population:,}")
    console.print(f"population source: {numbers.population_source}", style="dim")
    shown = table("indicator", "value", "comparators")
    for result in numbers.results:
        value = "unavailable" if result.value is None else f"{result.value:,.1f} {result.unit.label}"
        notes = []
        for comparison in result.comparisons:
            if comparison.value is None:
                continue
            mark = " *" if comparison.significant else ""
            met = "" if comparison.met is None else (" met" if comparison.met else " not met")
            notes.append(f"{comparison.label} {comparison.value:,.1f}{met}{mark}")
        shown.add_row(
            result.title, value if result.value is not None else f"{value}: {result.reason}", "; ".join(notes)
        )
    console.print(shown)
    console.print("* significantly different at the 5% level (tests named in --json output)")
