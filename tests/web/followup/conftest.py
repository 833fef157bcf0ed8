"""Following published findings: the cast of tests/web/conftest.py with a published inspection whose
findings are followed (tests/support/followup.py), an exercise, someone of the Metropolitan Police
Service's local policing body and a second officer of the force, and a workspace for the files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from support.followup import Followed, force_person, lpb_person, published_inspection


@pytest.fixture(scope="module")
def followed(cast: Any, django_db_blocker: Any) -> Followed:
    with django_db_blocker.unblock():
        cast.users["lpb"] = lpb_person()
        cast.users["officer"] = force_person("officer")
        return published_inspection("MPS-FOLLOW", lead=cast.users["writer"], moderator=cast.users["reader"])


@pytest.fixture(scope="module")
def exercise(cast: Any, followed: Followed, django_db_blocker: Any) -> Followed:
    with django_db_blocker.unblock():
        return published_inspection("MPS-EXERCISE", lead=cast.users["writer"], exercise=True)


@pytest.fixture
def workspace(settings: Any, tmp_path: Path) -> Path:
    settings.WORKSPACE = tmp_path / "workspace"
    settings.WORKSPACE.mkdir()
    return settings.WORKSPACE
