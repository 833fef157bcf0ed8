"""`inspectorate reviews`: case-file reviews, from the template to the results."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from inspectorate.cli.fieldwork import sheet_out_or_in
from inspectorate.cli.files import existing_file, output_file, writing
from inspectorate.cli.options import JsonOption, WorkspaceOption, as_options, parse_date
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError, ProblemsError

if TYPE_CHECKING:
    from inspectorate.core.casereview.spec import Template

app = typer.Typer(help="Case-file reviews: templates, cases, answers, results.", no_args_is_help=True)
template_app = typer.Typer(help="Review templates: list, compile, export.", no_args_is_help=True)
app.add_typer(template_app, name="template")

# The option that gave each setting of a new review, for the problems with it.
START_OPTIONS = {"second_share": "--second-share", "seed": "--seed", "reference": "--reference"}
ReviewArgument = Annotated[str, typer.Argument(metavar="REVIEW", help="A review's reference or code.")]
TEMPLATE_FORMATS = (".xlsx", ".yaml", ".yml", ".xml")


@template_app.command("list")
def template_list(as_json: JsonOption = False) -> None:
    """The review templates shipped with Inspectorate."""
    from inspectorate.core.casereview.library import templates

    rows = [template.summary() for template in templates().values()]
    if as_json:
        print_json(rows)
        return
    shown = table("template", "version", "framework", "questions", "title")
    for row in rows:
        shown.add_row(row["id"], row["version"], row["framework"], str(row["questions"]), row["title"])
    console.print(shown)


def _compile(path: Path) -> Template:
    from inspectorate.core.casereview.checked import compile_checked

    return compile_checked(existing_file(path))


def _write_template(template: Template, output: Path) -> None:
    from inspectorate.core.casereview.export import to_xform, to_xlsx, to_yaml

    suffix = output_file(output, TEMPLATE_FORMATS, "a template").suffix.lower()
    with writing(output):
        if suffix == ".xlsx":
            output.write_bytes(to_xlsx(template))
        elif suffix == ".xml":
            output.write_text(to_xform(template), encoding="utf-8")
        else:
            output.write_text(to_yaml(template), encoding="utf-8")


@template_app.command("compile")
def template_compile(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="An XLSForm workbook (.xlsx) or YAML file.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Also write it as .xlsx, .yaml or XForm .xml.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Compile a template, reporting every problem with its sheet, row and column."""
    template = _compile(path)
    if output is not None:
        _write_template(template, output)
    if as_json:
        print_json(template.summary())
        return
    questions = sum(question.answerable for question in template.questions)
    console.print(f"{template.key}: {questions} questions in {len(template.sections)} sections, compiles")
    if output is not None:
        console.print(f"wrote {output}")


@template_app.command("export")
def template_export(
    template_id: Annotated[
        str, typer.Argument(metavar="TEMPLATE", help="A shipped template, id or id@version.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The file: .xlsx, .yaml or XForm .xml.")],
) -> None:
    """Write a shipped template as a spreadsheet to edit, as YAML, or as an ODK XForm."""
    from inspectorate.core.casereview.library import get_template

    template = get_template(template_id)
    _write_template(template, output)
    console.print(f"wrote {template.key} to {output}")


@app.command("start")
def start(
    inspection_id: Annotated[str, typer.Argument(metavar="INSPECTION", help="Reference or code.")],
    template_id: Annotated[
        str, typer.Option("--template", help="A shipped template (id or id@version) or a template file.")
    ] = "peel-2021-victim-service",
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="Draw the cases from this dataset's crimes.")
    ] = None,
    count: Annotated[int, typer.Option("--cases", help="How many cases to draw from the dataset.")] = 60,
    cases_file: Annotated[
        Path | None,
        typer.Option("--cases-file", help="Or take the cases from this CSV/XLSX (case_ref, ...)."),
    ] = None,
    first: Annotated[str | None, typer.Option("--from", help="Crimes recorded from this day.")] = None,
    last: Annotated[
        str | None, typer.Option("--to", help="... to this day (default: the dataset's last month).")
    ] = None,
    groups: Annotated[
        list[str] | None, typer.Option("--group", help="Only crimes of this offence group.")
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Seed for the draws (else a random one, stored).")
    ] = None,
    second_share: Annotated[
        float, typer.Option("--second-share", help="Percent of cases picked for a second review.")
    ] = 10.0,
    reference: Annotated[str | None, typer.Option("--reference", help="Name for the review.")] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Start a review of an inspection's cases against a template."""
    open_workspace(workspace)
    from inspectorate.web.inspections.lookup import find_inspection
    from inspectorate.web.reviews.documents import review_summary
    from inspectorate.web.reviews.starting import DrawnCases, NamedFile, ReviewStart, start_review

    if (dataset is None) == (cases_file is None):
        raise InputError("give --dataset NAME (with --cases N) or --cases-file FILE")
    cases: DrawnCases | NamedFile
    if cases_file is not None:
        if first or last or groups:
            raise InputError("--from, --to and --group choose crimes from a dataset; not with --cases-file")
        cases = NamedFile(existing_file(cases_file), cases_file.name)
    else:
        assert dataset is not None
        first_day, last_day = parse_date(first, "--from"), parse_date(last, "--to")
        cases = DrawnCases(dataset, count, first_day, last_day, tuple(groups or ()))
    template_path = Path(template_id)
    template: str | NamedFile = template_id
    if template_path.suffix.lower() in (".xlsx", ".yaml", ".yml"):
        template = NamedFile(existing_file(template_path), template_path.name)
    start = ReviewStart(template, cases, second_share, seed, reference or "")
    try:
        review = start_review(find_inspection(inspection_id), start)
    except ProblemsError as exc:
        raise as_options(exc, START_OPTIONS) from None
    picked = review.cases.filter(second_review=True).count()
    if as_json:
        count = review.cases.count()
        print_json({**review_summary(review).to_json(), "cases": count, "second_review_cases": picked})
        return
    console.print(
        f"{review.reference}: {review.cases.count()} cases to review against {review.template} "
        f"({picked} picked for a second review); cases from {review.source}"
    )


@app.command("list")
def list_reviews(
    inspection_id: Annotated[
        str | None, typer.Argument(metavar="[INSPECTION]", help="Only this inspection's reviews.")
    ] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """List reviews with their progress."""
    open_workspace(workspace)
    from inspectorate.web.inspections.lookup import find_inspection
    from inspectorate.web.reviews.documents import review_summary
    from inspectorate.web.reviews.models import CaseReview
    from inspectorate.web.reviews.results import review_progress

    reviews = CaseReview.objects.select_related("inspection", "template").order_by("created_at")
    if inspection_id:
        reviews = reviews.filter(inspection=find_inspection(inspection_id))
    rows = [(review_summary(review), review_progress(review).document()) for review in reviews]
    if as_json:
        print_json([{**summary.to_json(), "progress": progress.to_json()} for summary, progress in rows])
        return
    shown = table("reference", "inspection", "template", "complete", "second reviews")
    for summary, progress in rows:
        shown.add_row(
            summary.reference,
            summary.inspection,
            f"{summary.template.id}@{summary.template.version}",
            f"{progress.complete:,} of {progress.cases:,}",
            f"{progress.second_review_complete:,} of {progress.second_review_picked:,}",
        )
    console.print(shown)


@app.command("answers")
def answers(
    review_id: ReviewArgument,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the answer sheet here (.csv or .xlsx).")
    ] = None,
    import_file: Annotated[
        Path | None, typer.Option("--import", help="Take answers back from this sheet.")
    ] = None,
    reviewer: Annotated[
        str | None, typer.Option("--reviewer", help="The username the imported answers are by.")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Export the review's answer sheet for offline work, or import one filled in."""
    open_workspace(workspace)
    from django.contrib.auth.models import User

    from inspectorate.web.reviews.lookup import find_review
    from inspectorate.web.reviews.sheets import export_sheet, import_sheet

    if reviewer is not None and output is not None:
        raise InputError("--reviewer goes with --import")
    review = find_review(review_id)
    user = None
    if reviewer is not None:
        user = User.objects.filter(username=reviewer).first()
        if user is None:
            raise InputError(f"--reviewer: no user {reviewer!r} in this workspace")
    sheet_out_or_in(
        output,
        import_file,
        "an answer sheet",
        lambda path: export_sheet(review, path),
        "rows",
        lambda path: import_sheet(review, path, user).summary(),
    )


@app.command("results")
def results(
    review_id: ReviewArgument,
    as_json: JsonOption = False,
    csv_out: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Per question "N of M applicable cases" with 95% intervals, per area, and reviewer agreement."""
    open_workspace(workspace)
    from inspectorate.web.pages.twins import rows_to_csv
    from inspectorate.web.reviews.documents import review_summary
    from inspectorate.web.reviews.lookup import find_review
    from inspectorate.web.reviews.results import (
        outcome_document,
        outcome_rows,
        results_text,
        review_outcome,
    )

    if as_json and csv_out:
        raise InputError("give --json or --csv, not both")
    review = find_review(review_id)
    outcome = review_outcome(review)
    summary, document = review_summary(review), outcome_document(outcome)
    if as_json:
        print_json({"review": summary.to_json(), **document.to_json()})
    elif csv_out:
        typer.echo(rows_to_csv(outcome_rows(summary, document)), nl=False)
    else:
        for line in results_text(outcome):
            typer.echo(line)


@app.command("evidence")
def evidence(review_id: ReviewArgument, workspace: WorkspaceOption = None) -> None:
    """Record the review's results as evidence on the areas its questions inform."""
    open_workspace(workspace)
    from inspectorate.web.reviews.lookup import find_review
    from inspectorate.web.reviews.results import record_evidence

    review = find_review(review_id)
    record = record_evidence(review, None)
    areas = ", ".join(record.area_ids)
    console.print(f"{review.reference}: evidence {record.code} on {areas} ({review.inspection.reference})")
