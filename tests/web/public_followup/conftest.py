"""The public follow-up pages' cast: the web tests' cast (tests/web/conftest.py) with two more
published inspections whose findings are followed, made in each test's own savepoint."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from support.public_followup import KENT_IMPROVEMENT, Published, published


@pytest.fixture
def met(cast: Any) -> Published:
    """A Metropolitan report published a month ago: a cause of concern with its recommendation, an
    area for improvement (all followed) and a strength (not followed)."""
    return published("MPS-FOLLOWED")


@pytest.fixture
def kent(cast: Any) -> Published:
    """A Kent report published three years ago, with the same kinds of finding."""
    three_years = timezone.localdate() - datetime.timedelta(days=3 * 365 + 10)
    return published("KENT-FOLLOWED", "kent", published_on=three_years, improvement=KENT_IMPROVEMENT)
