"""`inspectorate national`: the official national tables, loaded, listed and compared across the 43 forces."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from inspectorate.cli.options import JsonOption, WorkspaceOption, parse_date
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.progress import progress_bar
from inspectorate.core.national.figures import NationalData
from inspectorate.core.problems import InputError
from inspectorate.core.workspace import workspace_dir

app = typer.Typer(
    help="Official national tables: every force's figures compared with all 43.", no_args_is_help=True
)


def _data(workspace: Path | None) -> NationalData:
    """The shipped aggregates, and the workspace's editions where there is a workspace."""
    from inspectorate.core.national.store import load_national

    path = workspace_dir(workspace)
    return load_national(path if path.is_dir() else None)


@app.command("load")
def load(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Published table files, or folders of them.")
    ],
    workspace: WorkspaceOption = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Let a file stand in the place of an edition of the same id from another file "
            "(shipped with the package or loaded before).",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Load national tables into the workspace: ONS police force area tables (xlsx), Home Office
    open data (csv), workforce and use of force tables (ods), police.uk street files (csv or parquet).

    Each file is recognised by its content. Each table is stored as one edition, all or nothing;
    every police.uk street file given is counted together, as one edition. An edition held already
    (the same file, by SHA-256) is not stored again, so the command may be run again. A file that
    cannot be read, or that claims the id of an edition shipped or loaded from another file, is
    refused in one line on stderr (FILE: reason); with --replace such a file takes that edition's
    place in the workspace. Exit status 1 when any file was refused (the others are stored all the
    same)."""
    from inspectorate.core.national.reading import national_files, read_national_paths
    from inspectorate.core.national.store import add_to_workspace

    root = workspace_dir(workspace)
    if not root.is_dir():
        raise InputError(f"no workspace at {root}: run `inspectorate init` or `inspectorate demo` first")
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
    files = national_files(paths)
    if not files:
        raise InputError("no table files (.xlsx, .ods, .csv, .parquet) in what was given")
    results: list[dict[str, object]] = []
    refused = 0
    with progress_bar("reading national tables", enabled=not as_json) as progress:
        done = 0

        def told(path: Path) -> None:
            nonlocal done
            done += 1
            progress(path.name, done, len(files))

        for read in read_national_paths(files, told):
            names = [str(p) for p in read.files]
            reasons, outcome = read.refused, None
            if read.table is not None:
                try:
                    outcome = add_to_workspace(root, read.table, replace=replace)
                except InputError as exc:
                    # One edition refused (another file claims its id) stops none of the others.
                    reasons = tuple(line for line in str(exc).splitlines() if line.strip())
            if outcome is None:
                refused += len(read.files)
                for line in reasons:
                    typer.echo(line, err=True)
                results.append({"files": names, "status": "refused", "reasons": list(reasons)})
                continue
            results.append({"files": names, **outcome.model_dump(mode="json")})
            if not as_json:
                what = names[0] if len(names) == 1 else f"{len(names)} police.uk street files"
                typer.echo(f"{what}: {outcome.status.value} {outcome.edition} ({outcome.figures:,} figures)")
    counts = {s: sum(1 for r in results if r["status"] == s) for s in _statuses()}
    if as_json:
        print_json({"files": len(files), "counts": counts, "results": results})
    else:
        summary = ", ".join(f"{n} {status}" for status, n in counts.items())
        typer.echo(f"{len(files)} files read: {summary}")
    if refused:
        raise typer.Exit(1)


def _statuses() -> tuple[str, ...]:
    from inspectorate.core.national.store import Added

    return (*(a.value for a in Added), "refused")


@app.command("editions")
def editions(workspace: WorkspaceOption = None, as_json: JsonOption = False) -> None:
    """List every edition held, shipped with the package or loaded into the workspace, with the
    later editions that supersede its figures."""
    from inspectorate.core.national.store import NationalStore, national_dir

    data = _data(workspace)
    root = workspace_dir(workspace)
    loaded = {e.edition.id for e in NationalStore(national_dir(root)).editions()} if root.is_dir() else set()
    counts: dict[str, int] = {}
    for figure in data.figures:
        counts[figure.edition] = counts.get(figure.edition, 0) + 1
    later = superseded_by(data)
    rows = [
        {
            **edition.model_dump(mode="json"),
            "held": "workspace" if edition.id in loaded else "shipped",
            "figures": counts.get(edition.id, 0),
            "superseded_by": list(later.get(edition.id, ())),
        }
        for edition in data.editions
    ]
    if as_json:
        print_json(rows)
        return
    shown = table("edition", "series", "publisher", "published", "figures", "held", "superseded by")
    for row in rows:
        shown.add_row(
            str(row["id"]),
            str(row["series"]),
            str(row["publisher"]),
            str(row["published"] or "not stated"),
            f"{row['figures']:,}",
            str(row["held"]),
            ", ".join(later.get(str(row["id"]), ())) or "-",
        )
    console.print(shown)


def superseded_by(data: NationalData) -> dict[str, tuple[str, ...]]:
    """For each edition, the editions whose figures stand where it prints the same figure."""
    from inspectorate.core.national.editions import resolve_editions

    standing = resolve_editions(data).figures
    later: dict[str, set[str]] = {}
    for figure in data.figures:
        winner = standing[figure.key].edition
        if winner != figure.edition:
            later.setdefault(figure.edition, set()).add(winner)
    return {edition: tuple(sorted(ids)) for edition, ids in later.items()}


@app.command("remove")
def remove(
    edition: Annotated[str, typer.Argument(metavar="EDITION", help="The edition's id (see `editions`).")],
    workspace: WorkspaceOption = None,
) -> None:
    """Remove an edition loaded into the workspace (shipped editions stay)."""
    from inspectorate.core.national.store import NationalStore, national_dir

    removed = NationalStore(national_dir(workspace_dir(workspace))).remove(edition)
    typer.echo(f"removed {removed.edition.id} ({removed.figures:,} figures)")


@app.command("indicators")
def indicators(workspace: WorkspaceOption = None, as_json: JsonOption = False) -> None:
    """List the national indicators the figures held allow, with their periods."""
    from inspectorate.core.national.compare import indicator_periods
    from inspectorate.core.national.indicators import national_indicators

    data = _data(workspace)
    found = national_indicators(data)
    if as_json:
        print_json([indicator.model_dump(mode="json") for indicator in found])
        return
    shown = table("indicator", "title", "unit", "periods", "latest ends")
    for indicator in found:
        periods = indicator_periods(data, indicator.id)
        latest = str(periods[-1][1]) if periods else "-"
        shown.add_row(indicator.id, indicator.title, indicator.unit.value, str(len(periods)), latest)
    console.print(shown)


@app.command("show")
def show(
    indicator: Annotated[
        str, typer.Argument(metavar="INDICATOR", help="An indicator id (see `indicators`).")
    ],
    period: Annotated[
        str | None, typer.Option("--period", help="The period's last day, YYYY-MM-DD (default: the latest).")
    ] = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one indicator for all 43 forces: value, rank, z-score, outlier, and England and Wales."""
    period_end = parse_date(period, "--period")
    from inspectorate.core.national.compare import compare_forces

    result = compare_forces(_data(workspace), indicator, period_end)
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    typer.echo(f"{result.indicator.title}, {result.period_label}")
    shown = table("rank", "force", "count", "value", "z", "outlier")
    for force in result.forces:
        shown.add_row(
            f"{force.rank} of {force.ranked}" if force.rank else "-",
            force.force_name,
            _number(force.count),
            _number(force.value) if force.value is not None else (force.reason or "-"),
            f"{force.z:.2f}" if force.z is not None else "-",
            force.outlier.value if force.outlier else "",
        )
    console.print(shown)
    typer.echo(f"England and Wales: {_number(result.england_and_wales)}"
               f" (excluding British Transport Police: {_number(result.england_and_wales_excluding_btp)};"
               f" as published: {_number(result.published_england_and_wales)})")  # fmt: skip
    if result.forces_missing:
        typer.echo(f"no value for: {', '.join(result.forces_missing)}")


@app.command("force")
def force(
    force_id: Annotated[
        str, typer.Argument(metavar="FORCE", help="The force's police.uk id, e.g. metropolitan.")
    ],
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show a force's national history: each indicator and period, its value, rank, the England
    and Wales figure, change and outlier status."""
    from inspectorate.core.forces.reference import get_force
    from inspectorate.core.national.compare import force_history

    found = get_force(force_id)
    history = force_history(_data(workspace), found.id)
    if as_json:
        print_json([row.model_dump(mode="json") for row in history])
        return
    typer.echo(found.name)
    shown = table("indicator", "period", "value", "rank", "England and Wales", "change 1y", "outlier")
    for row in history:
        value = row.force
        shown.add_row(
            row.indicator.title,
            row.period_label,
            _number(value.value) if value.value is not None else (value.reason or "-"),
            f"{value.rank} of {value.ranked}" if value.rank else "-",
            _number(row.england_and_wales),
            f"{value.change_1y:+.1f}%" if value.change_1y is not None else "-",
            value.outlier.value if value.outlier else "",
        )
    console.print(shown)


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
