"""Which of a force's datasets is offered first: real data before synthetic."""

from __future__ import annotations

import re

from inspectorate.core.data.store import DATASET_NAME, DEFAULT_DATASET_NAME, Dataset, default_dataset


def test_real_data_comes_first_and_synthetic_only_when_it_is_all_there_is() -> None:
    synthetic = Dataset(force_id="kent", name="synthetic", synthetic=True)
    real = Dataset(force_id="kent", name="return")
    police_uk = Dataset(force_id="kent", name="police-uk")
    assert default_dataset([synthetic, real, police_uk]) == real
    assert default_dataset([synthetic]) == synthetic
    assert default_dataset([]) is None


def test_the_default_dataset_name_is_a_dataset_name() -> None:
    assert re.fullmatch(DATASET_NAME, DEFAULT_DATASET_NAME)
