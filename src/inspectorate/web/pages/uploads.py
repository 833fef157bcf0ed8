"""Files people download and upload. A download is an attachment named for what it holds; an
upload is kept under the name it was sent with, so every problem names the person's file, and
imported with every outcome told at the top of the page they land on."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse

from inspectorate.core.problems import InputError, ProblemsError


def safe_name(name: str) -> str:
    """A file name with nothing but letters, digits, dots, dashes and underscores."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name).strip("._") or "file"


SHEET_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def written_download(filename: str, content_type: str, write: Callable[[Path], object]) -> HttpResponse:
    """A download of the file ``write`` makes at a path (a worksheet, an answer sheet)."""
    with tempfile.TemporaryDirectory(prefix="inspectorate-download-") as folder:
        path = Path(folder) / filename
        write(path)
        return download(path.read_bytes(), content_type, filename)


@contextmanager
def saved_upload(upload: Any, prefix: str) -> Iterator[Path]:
    """The upload written to a scratch folder under its own (made safe) name, gone afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        path = Path(folder) / safe_name(upload.name)
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        yield path


def import_upload(request: HttpRequest, upload: Any, what: str, run: Callable[[Path], str]) -> list[str]:
    """Run an all-or-nothing import of the upload: [] when it was stored (its summary becomes a
    message), else every problem. Either way a message at the top of the page says what happened,
    as the problems are listed beside the upload form, further down."""
    with saved_upload(upload, "inspectorate-upload-") as path:
        try:
            summary = run(path)
        except ProblemsError as exc:
            problems = [str(problem) for problem in exc.problems]
        except InputError as exc:
            problems = str(exc).splitlines()
        except OperationalError:
            # SQLite's "database is locked": another save held it past the timeout; nothing was stored.
            problems = [f"{upload.name}: the database was busy with another save; send the file again."]
        else:
            messages.success(request, f"{upload.name}: {summary}.")
            return []
    count = len(problems)
    messages.error(
        request,
        f"{upload.name}: the {what} was not imported and nothing was saved; "
        f"{count} problem{'s' * (count != 1)} listed with the upload form below.",
    )
    return problems
