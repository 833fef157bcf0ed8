"""Rendering many reports at once: contexts are read from the database here, then rendered to files
by worker processes (charts and PDFs are the slow part, and need no database)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from django.db import connections

from inspectorate.core.filenames import unique_file_names
from inspectorate.core.reports.context import context_from_json
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.reports.build import report_context
from inspectorate.web.reports.render import render_all

Progress = Callable[[str, int, int], None]


def _render_one(name: str, document: dict[str, Any], formats: list[str], folder: str) -> list[str]:
    written = []
    for fmt, content in render_all(context_from_json(document), formats).items():
        path = Path(folder) / f"{name}.{fmt}"
        if path.resolve().parent != Path(folder).resolve():
            raise ValueError(f"{name!r} is not a plain file name")  # safe_file_name makes sure of it
        path.write_bytes(content)
        written.append(str(path))
    return written


def render_batch(
    inspections: Sequence[Inspection],
    formats: list[str],
    folder: Path,
    *,
    workers: int = 2,
    progress: Progress | None = None,
) -> list[Path]:
    """Every inspection's report in every format, as folder/REFERENCE.FORMAT; the files written.
    A reference is made a safe file name (``../x`` or ``/x`` is written as ``x``), so that nothing
    is written outside ``folder``."""
    report = progress or (lambda _step, _done, _total: None)
    documents = []
    names = unique_file_names((inspection.reference for inspection in inspections), "report")
    for n, (inspection, name) in enumerate(zip(inspections, names, strict=True)):
        report("reading", n, len(inspections))
        documents.append((name, report_context(inspection).to_json()))
    # Forked workers inherit the configured Django (templates, settings) but must not share its
    # database connections.
    connections.close_all()
    written: list[Path] = []
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=context) as pool:
        jobs = [pool.submit(_render_one, ref, doc, formats, str(folder)) for ref, doc in documents]
        for done, job in enumerate(as_completed(jobs), start=1):
            written.extend(Path(p) for p in job.result())
            report("rendering", done, len(jobs))
    return sorted(written)
