"""`inspectorate data`: load a force's data return or police.uk files, make a synthetic one, list them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from inspectorate.cli.options import JsonOption, WorkspaceOption
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.progress import progress_bar
from inspectorate.core.data.store import Dataset, DataStore, LoadReport
from inspectorate.core.forces.reference import get_force
from inspectorate.core.problems import InputError
from inspectorate.core.workspace import data_store_dir, workspace_dir

app = typer.Typer(help="Force data returns and police.uk files.", no_args_is_help=True)

ForceOption = Annotated[str, typer.Option("--force", help="police.uk force id, e.g. metropolitan.")]
DatasetOption = Annotated[
    str | None,
    typer.Option("--dataset", help="Dataset to load into (default: police-uk, return or synthetic)."),
]


def open_store(workspace: Path | None) -> DataStore:
    path = workspace_dir(workspace)
    if not path.is_dir():
        raise InputError(f"no workspace at {path}: run `inspectorate init` or `inspectorate demo` first")
    return DataStore(data_store_dir(path))


@app.command("load")
def load(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="CSV or Parquet files, or folders.")],
    force: ForceOption,
    dataset: DatasetOption = None,
    quarantine: Annotated[
        bool, typer.Option("--quarantine", help="Load the good rows and set the bad ones aside.")
    ] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="Supersede batches already loaded for the same months.")
    ] = False,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Load files into a force's dataset: all or nothing, unless --quarantine."""
    get_force(force)
    store = open_store(workspace)
    name = dataset or default_dataset_name(files)
    with progress_bar("loading", enabled=not as_json) as progress:
        report = store.load(force, name, files, quarantine=quarantine, replace=replace, progress=progress)
    if as_json:
        print_json(report.model_dump(mode="json"))
        return
    _print_report(report)


def default_dataset_name(files: list[Path]) -> str:
    if any((path / "manifest.json").exists() for path in files if path.is_dir()):
        return "synthetic"
    police_uk = all(
        path.is_file() and path.name.endswith(("-street.csv", "-outcomes.csv", "-stop-and-search.csv"))
        for path in files
    )
    return "police-uk" if police_uk else "return"


def _print_report(report: LoadReport) -> None:
    for batch in report.loaded:
        months = f"{batch.months[0]}..{batch.months[-1]}" if len(batch.months) > 1 else batch.months[0]
        typer.echo(f"loaded {batch.rows:,} {batch.table} rows from {batch.source} ({months})")
    for name in report.skipped:
        typer.echo(f"skipped {name}: already loaded")
    for batch in report.retired:
        typer.echo(f"superseded {batch.table} from {batch.source}")
    if report.quarantined:
        where = ", ".join(report.quarantine_files)
        typer.echo(f"set aside {report.quarantined:,} bad rows in {where}")
    typer.echo(f"dataset {report.dataset}")


@app.command("list")
def list_datasets(workspace: WorkspaceOption = None, as_json: JsonOption = False) -> None:
    """List the datasets in the workspace, with rows and months per table."""
    store = open_store(workspace)
    datasets = store.datasets()
    if as_json:
        print_json([_dataset_summary(d) for d in datasets])
        return
    shown = table("dataset", "kind", "table", "rows", "months")
    for dataset in datasets:
        kind = "SYNTHETIC" if dataset.synthetic else "real"
        for name in sorted({b.table for b in dataset.batches}):
            months = dataset.months(name)
            shown.add_row(dataset.ref, kind, name, f"{dataset.rows(name):,}", f"{months[0]}..{months[-1]}")
    console.print(shown)


def _dataset_summary(dataset: Dataset) -> dict[str, object]:
    tables = sorted({b.table for b in dataset.batches})
    return {
        "dataset": dataset.ref,
        "force_id": dataset.force_id,
        "synthetic": dataset.synthetic,
        "scale": dataset.scale,
        "description": dataset.description,
        "tables": {
            name: {"rows": dataset.rows(name), "months": list(dataset.months(name))} for name in tables
        },
    }


@app.command("remove")
def remove(
    dataset: Annotated[str, typer.Argument(metavar="FORCE/DATASET")], workspace: WorkspaceOption = None
) -> None:
    """Remove a dataset and its files from the workspace."""
    store = open_store(workspace)
    found = store.get_dataset(dataset)
    store.remove(found)
    typer.echo(f"removed {found.ref}")


@app.command("schema")
def schema() -> None:
    """Print the canonical data-return schema as Markdown (the text of docs/data-return.md's tables)."""
    from inspectorate.core.data.schema_doc import schema_markdown

    typer.echo(schema_markdown(), nl=False)


@app.command("synth")
def synth(
    force: ForceOption,
    year: Annotated[int, typer.Option("--year", help="Statistical year: the year ending 31 March YEAR.")],
    scale: Annotated[float, typer.Option("--scale", help="Fraction of the force's real volume.")] = 1.0,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; the same seed gives the same files.")] = 0,
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for the files (default: in the workspace).")
    ] = None,
    load: Annotated[bool, typer.Option("--load/--no-load", help="Load the files into the workspace.")] = True,
    dataset: Annotated[str, typer.Option("--dataset", help="Dataset to load into.")] = "synthetic",
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Write a reproducible SYNTHETIC data return (this year and the one before) and load it."""
    from inspectorate.core.data.synth import synthesise

    get_force(force)
    store = open_store(workspace) if load or out is None else None
    folder = out or (
        store.root / "synthetic" / f"{force}-{year}-scale{scale:g}-seed{seed}" if store else Path()
    )
    with progress_bar("generating", enabled=not as_json) as progress:
        summary = synthesise(force, year, folder, scale=scale, seed=seed, progress=progress)
    report = None
    if load and store is not None:
        existing = store.dataset(force, dataset)
        if existing is not None and not existing.synthetic:
            raise InputError(
                f"dataset {existing.ref} holds real data; load the synthetic return into another"
            )
        if existing is not None:
            # A new synthetic return replaces the old one whole: its scale, seed and sparse tables differ.
            store.remove(existing)
        with progress_bar("loading", enabled=not as_json) as progress:
            report = store.load(force, dataset, [folder], progress=progress)
    if as_json:
        print_json(
            {
                "synthetic": True,
                "folder": str(folder),
                "rows": summary.rows,
                "dataset": report.dataset if report else None,
            }
        )
        return
    total = sum(summary.rows.values())
    typer.echo(f"SYNTHETIC data return for {force}, year ending 31 March {year}: {total:,} rows in {folder}")
    if report is not None:
        typer.echo(f"loaded into {report.dataset} (marked synthetic)")
