"""What the server writes to its log: errors (a 500 with its traceback) and the app's warnings, one
record a line (a traceback follows its line), to stderr and, when the operator names one, a file.

Each line says when, how bad, which logger and, for a record made while answering a request, the
request's path: enough to find the page that failed without the traceback's help.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

FORMAT = "%(asctime)s %(levelname)s %(name)s %(path)s: %(message)s"


class RequestPath(logging.Filter):
    """Gives every record a ``path``: its request's path (Django's request loggers attach the
    request), else a dash."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        record.path = getattr(request, "path", None) or "-"
        return True


def logging_config(log_file: Path | None, level: str = "WARNING") -> dict[str, Any]:
    """Django's LOGGING: every logger's records at ``level`` and above go to the root's handlers.

    Django's own default sends a 500's record only to the admins' mail (none here) unless DEBUG is on:
    in production it was written nowhere."""
    line = {"format": FORMAT}
    handlers: dict[str, dict[str, Any]] = {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "filters": ["path"],
            "formatter": "line",
        }
    }
    if log_file is not None:
        # Watched: a log rotated by logrotate is reopened, not written on under its old name.
        handlers["file"] = {
            "class": "logging.handlers.WatchedFileHandler",
            "filename": str(log_file),
            "delay": True,
            "filters": ["path"],
            "formatter": "line",
        }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"path": {"()": RequestPath}},
        "formatters": {"line": line},
        "handlers": handlers,
        "root": {"handlers": list(handlers), "level": level.upper()},
        # Django's own handlers for its loggers (the console while debugging, the admins' mail)
        # replaced by the root's, so that a record is written once; and only its errors, as every
        # 404 and 403 is a warning of Django's: a visitor's mistake, not the server's.
        "loggers": {"django": {"handlers": [], "level": "ERROR", "propagate": True}},
    }
