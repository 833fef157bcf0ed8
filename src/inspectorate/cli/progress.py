"""A Rich progress bar for long work, fed by core's ``progress(step, done, total)`` callbacks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

# Progress goes to stderr, so that piped output (CSV, JSON) is only the output.
progress_console = Console(stderr=True)


@contextmanager
def progress_bar(title: str, *, enabled: bool = True) -> Iterator[Callable[[str, int, int], None]]:
    """Yields a callback; quiet when disabled (for --json output) or when stderr is not a terminal."""
    if not enabled or not progress_console.is_terminal:
        yield lambda _step, _done, _total: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=progress_console, transient=True) as bar:
        task = bar.add_task(title, total=None)

        def update(step: str, done: int, total: int) -> None:
            bar.update(task, description=f"{title}: {step}", completed=done, total=total or None)

        yield update
