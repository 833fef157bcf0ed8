"""`inspectorate frameworks`: list, show, validate and import framework versions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.tree import Tree

from inspectorate.cli.options import JsonOption, WorkspaceOption
from inspectorate.cli.output import console, print_json, table
from inspectorate.core.frameworks import (
    FrameworkInvalid,
    dump_framework,
    get_framework,
    library,
    load_framework,
)
from inspectorate.core.frameworks.outline import framework_outline
from inspectorate.core.problems import Problem

app = typer.Typer(
    help="Framework versions: the programmes inspections are run against.", no_args_is_help=True
)


@app.command("list")
def list_frameworks(as_json: JsonOption = False) -> None:
    """List the shipped framework versions with their areas and scales."""
    frameworks = list(library().values())
    if as_json:
        print_json([framework_outline(fw).to_json() for fw in frameworks])
        return
    shown = table("id", "title", "in use", "areas", "graded", "scales")
    for fw in frameworks:
        scales = "; ".join(" / ".join(lv.label for lv in s.levels) for s in fw.scales) or "ungraded"
        areas = sum(1 for _ in fw.walk())
        shown.add_row(fw.id, fw.title, fw.in_use, str(areas), str(len(fw.graded_areas())), scales)
    console.print(shown)


@app.command("show")
def show_framework(
    framework_id: Annotated[str, typer.Argument(metavar="ID", help="A framework id, e.g. peel-2021.")],
    as_json: JsonOption = False,
    as_yaml: Annotated[bool, typer.Option("--yaml", help="Print the framework as YAML.")] = False,
) -> None:
    """Show one framework: its scales, rules and tree of areas."""
    fw = get_framework(framework_id)
    if as_json:
        print_json({**fw.model_dump(mode="json"), "content_hash": fw.content_hash})
        return
    if as_yaml:
        typer.echo(dump_framework(fw), nl=False)
        return
    console.print(f"[bold]{fw.title}[/bold] ({fw.id}) — {fw.programme}")
    for scale in fw.scales:
        console.print(f"  {scale.name}: {' / '.join(lv.label for lv in scale.levels)}")
    tree = Tree(fw.id)
    branches: dict[str | None, Tree] = {None: tree}
    for place in fw.walk():
        area = place.area
        label = f"{area.code + ' ' if area.code else ''}{area.title}"
        if area.scale:
            label += f" [dim]({area.scale})[/dim]"
        branches[area.id] = branches[place.parent_id].add(label)
    console.print(tree)


@app.command("validate")
def validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Framework YAML files to check.")],
) -> None:
    """Check framework files, reporting every problem with its file, line and key path."""
    problems: list[Problem] = []
    for path in files:
        try:
            fw = load_framework(path)
        except FrameworkInvalid as exc:
            problems.extend(exc.problems)
        else:
            typer.echo(
                f"ok: {path} ({fw.id}, {sum(1 for _ in fw.walk())} areas, hash {fw.content_hash[:12]})"
            )
    if problems:
        raise FrameworkInvalid(problems)


@app.command("import")
def import_framework(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A framework YAML file.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Store a framework version in a workspace.

    An id already used by an inspection keeps its content: a new wording needs a new id.
    """
    fw = load_framework(file)
    from inspectorate.cli.workspace import open_workspace

    open_workspace(workspace)
    from inspectorate.web.registry.frameworks import store_framework

    result = store_framework(fw)
    typer.echo(f"{result.action}: {fw.id} (hash {fw.content_hash[:12]})")
