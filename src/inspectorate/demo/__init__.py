"""The demo: its fixture (metropolitan.yaml) and where the published reports it can import are."""

import os
from pathlib import Path

SEEDS_VARIABLE = "INSPECTORATE_SEEDS"


def default_seeds_dir() -> Path | None:
    """The folder of published reports the demo imports: INSPECTORATE_SEEDS, else ../shared/seeds
    beside the project checkout, when it exists."""
    given = os.environ.get(SEEDS_VARIABLE)
    if given:
        return Path(given)
    beside = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
    return beside if beside.is_dir() else None
