"""Published report files read and stored one by one, each with its outcome: stored, already
imported (the same bytes, by SHA-256), or refused with one reason. The bulk command and the staff's
upload page both go through ``examine`` and ``import_file``.

A file is refused, and nothing of it stored, when it cannot be read (beyond a limit, not UTF-8
text, a PDF pdftotext cannot read), when no programme's wording is recognised in it, when it names
no force, or when its programme has no framework. Each report is stored in its own transaction
(``store_report``), so one refused file leaves the others stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from inspectorate.core.ingest.model import ImportedReport
from inspectorate.core.ingest.read import import_report
from inspectorate.core.limits import REPORT_HTML_MAX_BYTES, REPORT_PDF_MAX_BYTES, REPORT_TEXT_MAX_BYTES
from inspectorate.core.problems import InputError
from inspectorate.web.inspections.importing import (
    file_digest,
    framework_known,
    imported_as,
    store_report,
)
from inspectorate.web.pages.documents import Document, Row

# What a published report may be, as read_document reads it; anything else in a folder (truth files,
# notes, images) is not looked at.
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf")
# A file larger than any report may be is refused by the reader on its size, before it is hashed.
LARGEST_REPORT = max(REPORT_TEXT_MAX_BYTES, REPORT_HTML_MAX_BYTES, REPORT_PDF_MAX_BYTES)


class Outcome(StrEnum):
    STORED = "stored"
    READABLE = "readable"  # read, and would be stored (a dry run, or before the upload is confirmed)
    ALREADY = "already imported"
    REFUSED = "refused"


class ReadGrade(Document):
    """One grade (or ungraded heading) as the report prints it."""

    title: str
    area: str | None
    """The framework area it maps to; None when no area matched (it is then not stored)."""
    grade: str | None
    """The grade label as printed; None for an area the report leaves ungraded."""
    direction: str | None
    line: int | None


class ImportedFile(Row):
    """One file and what became of it. ``reason`` is the one line that says why it was refused."""

    file: str
    outcome: str
    reason: str | None
    programme: str | None
    programme_title: str | None
    force: str | None
    force_name: str | None
    date: str | None
    grades: int
    """Grades read (headings the report leaves ungraded not counted)."""
    findings: int
    figures: int
    """Crime data integrity estimates and case-review counts read."""
    missing: list[str]
    """What the reader looked for and did not find."""
    inspection: str | None
    """The inspection it was stored as (or was stored as before)."""
    code: str | None
    not_stored: list[str]
    """What was read but could not be stored (a heading with no framework area, a grade off the scale)."""


@dataclass(frozen=True)
class Examined:
    """A file read and checked, not yet stored: its outcome so far and the report read from it."""

    result: ImportedFile
    report: ImportedReport | None


def report_files(directory: Path) -> list[Path]:
    """Every report file under ``directory``, in every folder below it, in name order."""
    found = (path for path in directory.rglob("*") if path.suffix.lower() in REPORT_SUFFIXES)
    return sorted((path for path in found if path.is_file()), key=lambda path: str(path))


def _result(
    name: str, outcome: Outcome, report: ImportedReport | None = None, **rest: object
) -> ImportedFile:
    fields: dict[str, object] = {
        "file": name,
        "outcome": str(outcome),
        "reason": None,
        "programme": report.programme if report else None,
        "programme_title": report.programme_title if report else None,
        "force": report.force_id if report else None,
        "force_name": report.force_name if report else None,
        "date": report.date if report else None,
        "grades": sum(1 for j in report.judgments if j.grade) if report else 0,
        "findings": len(report.findings) if report else 0,
        "figures": len(report.cdi_figures) + len(report.case_review_counts) if report else 0,
        "missing": list(report.missing) if report else [],
        "inspection": None,
        "code": None,
        "not_stored": [],
    }
    return ImportedFile.model_validate(fields | rest)


def _reason(message: str, *names: str) -> str:
    """The problem without the file name the reader put first: the caller names the file its own way."""
    for name in names:
        if message.startswith(f"{name}: "):
            return message[len(name) + 2 :]
    return message


def refusal(report: ImportedReport) -> str | None:
    """Why the report cannot be stored, in one line; None when it can."""
    if report.programme is None:
        outside = next((m for m in report.missing if m.startswith("programme: the text is not")), None)
        if outside is not None:
            return outside.removeprefix("programme: ")
        return "not a report of a known programme: no programme's wording was recognised in it"
    if report.force_id is None:
        return "no force of England and Wales is named in it"
    if not framework_known(report.programme):
        return f"no framework {report.programme!r} in the library for its programme"
    return None


def examine(path: Path, name: str) -> Examined:
    """Read the file and check it could be stored, storing nothing; ``name`` is how it is called
    in what is said of it (its path under the folder, or the name it was uploaded under)."""
    if path.stat().st_size <= LARGEST_REPORT:
        earlier = imported_as(file_digest(path))
        if earlier is not None:
            result = _result(name, Outcome.ALREADY, inspection=earlier.reference, code=str(earlier.code))
            return Examined(result, None)
    try:
        report = import_report(path)
    except InputError as exc:
        problem = _reason(str(exc).splitlines()[0], path.name, str(path))
        return Examined(_result(name, Outcome.REFUSED, reason=problem), None)
    reason = refusal(report)
    outcome = Outcome.REFUSED if reason else Outcome.READABLE
    return Examined(_result(name, outcome, report, reason=reason), report)


def store_examined(examined: Examined, path: Path) -> ImportedFile:
    """Store a file ``examine`` found readable, in its own transaction; refused, with nothing
    stored, if storing it fails (imported meanwhile, a reference taken)."""
    result, report = examined.result, examined.report
    if result.outcome != Outcome.READABLE or report is None:
        return result
    try:
        stored = store_report(report, path)
    except InputError as exc:
        reason = _reason(str(exc).splitlines()[0], report.source)
        return result.model_copy(update={"outcome": str(Outcome.REFUSED), "reason": reason})
    return result.model_copy(
        update={
            "outcome": str(Outcome.STORED),
            "inspection": stored.inspection.reference,
            "code": str(stored.inspection.code),
            "not_stored": list(stored.warnings),
        }
    )


def import_file(path: Path, name: str, *, dry_run: bool = False) -> ImportedFile:
    examined = examine(path, name)
    return examined.result if dry_run else store_examined(examined, path)


Progress = Callable[[str, int, int], None]


def import_files(
    paths: Iterable[Path],
    root: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    told: Callable[[ImportedFile], None] | None = None,
) -> list[ImportedFile]:
    """Each file read and (unless ``dry_run``) stored, in order; ``progress`` is called before each,
    ``told`` after each with its outcome."""
    files = list(paths)
    results = []
    for done, path in enumerate(files):
        name = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        if progress is not None:
            progress(name, done, len(files))
        result = import_file(path, name, dry_run=dry_run)
        results.append(result)
        if told is not None:
            told(result)
    if progress is not None:
        progress("done", len(files), len(files))
    return results


def tally(results: Iterable[ImportedFile]) -> dict[str, int]:
    """How many files were read, and how many of each outcome."""
    counts = {"read": 0, **{str(outcome): 0 for outcome in Outcome}}
    for result in results:
        counts["read"] += 1
        counts[result.outcome] += 1
    return counts
