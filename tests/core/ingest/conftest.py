"""The seed reports and their ground truth, for the seed tests of each programme's reader.

A seed test module names its report in ``SEED`` (the file name in ``../shared/seeds``); these
fixtures find it, its document in the PEEL truth file, and what the reader makes of it, and skip
with the reason when the shared folder is not beside the repository.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from inspectorate.core.ingest.model import ImportedReport
from inspectorate.core.ingest.read import import_report

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
PEEL_TRUTH = SHARED / "reference" / "seeds-peel-truth.json"


@pytest.fixture(scope="module")
def seed_path(request: pytest.FixtureRequest) -> Path:
    path = SHARED / "seeds" / request.module.SEED
    if not path.is_file():
        pytest.skip(f"seed report not found at {path.resolve()}")
    return path


@pytest.fixture(scope="module")
def truth(seed_path: Path) -> dict[str, Any]:
    """The seed's document in the PEEL ground truth."""
    if not PEEL_TRUTH.is_file():
        pytest.skip(f"ground truth not found at {PEEL_TRUTH.resolve()}")
    documents = json.loads(PEEL_TRUTH.read_text(encoding="utf-8"))["documents"]
    return next(document for document in documents if document["seed"] == seed_path.name)


@pytest.fixture(scope="module")
def report(seed_path: Path) -> ImportedReport:
    return import_report(seed_path)
