"""The national pages read SYNTHETIC national figures (synthetic_national.py) in place of the
workspace's: ``data.national_data`` is the one place the pages get their figures from."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from inspectorate.core.national.figures import NationalData
from inspectorate.web.national import data
from web.national.synthetic_national import synthetic_flags, synthetic_national

SYNTHETIC = synthetic_national()


@pytest.fixture(autouse=True)
def synthetic_figures(monkeypatch: pytest.MonkeyPatch) -> Iterator[NationalData]:
    monkeypatch.setattr(data, "national_data", lambda: SYNTHETIC)
    monkeypatch.setattr(data, "completeness_flags", synthetic_flags)
    yield SYNTHETIC
