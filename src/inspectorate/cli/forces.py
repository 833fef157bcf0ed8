"""`inspectorate forces`: the forces, their populations and the most-similar-group table."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from inspectorate.cli.options import JsonOption, WorkspaceOption
from inspectorate.cli.output import console, print_json, table
from inspectorate.core.forces.peer_groups import peer_groups_csv_template, read_peer_groups_csv
from inspectorate.core.forces.population import population_of
from inspectorate.core.forces.reference import all_forces

app = typer.Typer(help="Forces, populations and most similar groups.", no_args_is_help=True)


@app.command("list")
def list_forces(as_json: JsonOption = False) -> None:
    """List the 43 territorial forces with codes and population (or 'unknown')."""
    rows = []
    for force in all_forces():
        figure = population_of(force.id)
        rows.append(
            {
                "id": force.id,
                "name": force.name,
                "ons_code": force.ons_code,
                "country": str(force.country),
                "population": figure.population if figure else None,
                "population_year": figure.year if figure else None,
                "population_source": figure.source if figure else None,
            }
        )
    if as_json:
        print_json(rows)
        return
    shown = table("id", "name", "ONS code", "population", "year")
    for row in rows:
        population = f"{row['population']:,}" if row["population"] else "unknown"
        year = str(row["population_year"] or "")
        shown.add_row(str(row["id"]), str(row["name"]), str(row["ons_code"]), population, year)
    console.print(shown)


@app.command("peers-template")
def peers_template() -> None:
    """Print an empty most-similar-group table (CSV) to fill in."""
    typer.echo(peer_groups_csv_template(), nl=False)


@app.command("peers-import")
def peers_import(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="CSV with header force,peers.")],
    source: Annotated[str, typer.Option("--source", help="Where the groups come from.")],
    label: Annotated[str | None, typer.Option("--label", help="A name for this version.")] = None,
    source_date: Annotated[str | None, typer.Option("--date", help="Date of the source, YYYY-MM-DD.")] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Store a most-similar-group table as a new version (earlier versions are kept)."""
    groups = read_peer_groups_csv(file, str(file))
    when = None
    if source_date:
        try:
            when = date.fromisoformat(source_date)
        except ValueError:
            raise typer.BadParameter(
                f"{source_date!r} is not a date (YYYY-MM-DD)", param_hint="--date"
            ) from None
    from inspectorate.cli.workspace import open_workspace

    open_workspace(workspace)
    from inspectorate.web.registry.peer_groups import save_peer_group_version

    version = save_peer_group_version(groups, label=label or file.stem, source=source, source_date=when)
    filled = sum(1 for peers in groups.values() if peers)
    typer.echo(f"saved most similar groups {version.label!r}: {filled} forces with peers")
