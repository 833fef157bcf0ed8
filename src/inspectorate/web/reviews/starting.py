"""Starting a case-file review: the one way the web form and the CLI put a template and a list of
cases together into a review.

The template is a shipped one or a file, compiled and checked by XLSForm's own compiler too; the
cases are drawn from a force's data return or listed in a file. Every problem of both files is
reported at once, the template's first; nothing is stored unless everything is right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.contrib.auth.models import User

from inspectorate.core.casereview.cases import CaseFile, draw_review_cases, read_case_list
from inspectorate.core.casereview.checked import compile_checked
from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.sheets import read_workbook
from inspectorate.core.casereview.spec import Template
from inspectorate.core.problems import InputError, Problem, ProblemsError
from inspectorate.core.stats.sampling import fresh_seed
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.reviews.models import CaseReview
from inspectorate.web.reviews.services import create_review
from inspectorate.web.workspace import data_store

SHIPPED = "shipped with Inspectorate"


@dataclass(frozen=True)
class NamedFile:
    """A file to read, and the name its problems give it (an upload's own name)."""

    path: Path
    name: str


@dataclass(frozen=True)
class DrawnCases:
    """Cases drawn at random from a dataset's crimes, of a period and offence groups (each optional)."""

    dataset: str
    count: int
    start: date | None = None
    end: date | None = None
    offence_groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewStart:
    template: str | NamedFile
    """A shipped template (id, or id@version), or a template file (.xlsx or .yaml)."""
    cases: DrawnCases | NamedFile
    """Drawn from a dataset, or a case list (.csv or .xlsx)."""
    second_share: float = 10.0
    """Percent of the cases picked for a second review."""
    seed: int | None = None
    """For the draws; a fresh one nobody can know in advance when not given."""
    reference: str = ""


def _settings(start: ReviewStart) -> tuple[float, int]:
    problems = []
    if not 0 <= start.second_share <= 100:
        message = f"{start.second_share:g} should be between 0 and 100 (percent)"
        problems.append(Problem("review", None, "second_share", message))
    if start.seed is not None and start.seed < 0:
        problems.append(Problem("review", None, "seed", f"{start.seed} should be 0 or more"))
    if problems:
        raise ProblemsError(problems)
    return start.second_share / 100, fresh_seed() if start.seed is None else start.seed


def _template(chosen: str | NamedFile, problems: list[Problem]) -> tuple[Template | None, str]:
    if not isinstance(chosen, NamedFile):
        return get_template(chosen), SHIPPED
    try:
        return compile_checked(read_workbook(chosen.path, chosen.name)), chosen.name
    except ProblemsError as exc:
        problems.extend(exc.problems)
        return None, chosen.name


def _drawn(inspection: Inspection, cases: DrawnCases, seed: int) -> tuple[list[CaseFile], str, bool]:
    store = data_store()
    dataset = store.dataset(inspection.force_id, cases.dataset)
    if dataset is None:
        raise InputError(
            f"{inspection.force.name} has no dataset {cases.dataset!r} (see `inspectorate data list`)"
        )
    drawn = draw_review_cases(
        store, dataset, cases.count, seed, cases.start, cases.end, list(cases.offence_groups)
    )
    return drawn.cases, drawn.source, drawn.synthetic


def start_review(inspection: Inspection, start: ReviewStart, user: User | None = None) -> CaseReview:
    """The review, stored with its cases; ProblemsError lists every problem of the files and settings,
    InputError says what else is wrong (an unknown template or dataset, a name already taken)."""
    share, seed = _settings(start)
    problems: list[Problem] = []
    template, template_source = _template(start.template, problems)
    if isinstance(start.cases, NamedFile):
        source, synthetic, cases = f"case list {start.cases.name}", False, []
        try:
            cases = read_case_list(start.cases.path, start.cases.name)
        except ProblemsError as exc:
            problems.extend(exc.problems)
    elif problems:
        raise ProblemsError(problems)  # the template's problems first: a draw's own error would hide them
    else:
        cases, source, synthetic = _drawn(inspection, start.cases, seed)
    if problems or template is None:
        raise ProblemsError(problems)
    return create_review(
        inspection,
        template,
        cases,
        source=source,
        template_source=template_source,
        synthetic=synthetic,
        second_share=share,
        seed=seed,
        reference=start.reference,
        user=user,
    )
