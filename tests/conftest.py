import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no public page kept (web/public/page_cache.py): a rolled-back test's
    rows may come back with the same ids in the next, and so would its pages' keys."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture(scope="module")
def synthetic_workspace(request, tmp_path_factory):
    """A workspace whose store holds a small SYNTHETIC Metropolitan return, made once per module.

    A module names its return in ``SYNTHETIC = (scale, seed)``: what its tests expect was drawn
    from that return, so the scale and seed are the module's to choose.
    """
    from inspectorate.core.data.store import DataStore
    from inspectorate.core.data.synth import synthesise
    from inspectorate.core.workspace import data_store_dir

    scale, seed = request.module.SYNTHETIC
    workspace = tmp_path_factory.mktemp("synthetic-workspace")
    folder = workspace / "synthetic-files"
    synthesise("metropolitan", 2021, folder, scale=scale, seed=seed)
    DataStore(data_store_dir(workspace)).load("metropolitan", "synthetic", [folder])
    return workspace


@pytest.fixture
def with_data(settings, synthetic_workspace):
    """The synthetic workspace as the web app's workspace for one test."""
    settings.WORKSPACE = synthetic_workspace
    return synthetic_workspace


SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir():
    """The five seed reports, or a skip saying where they were looked for."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed reports not found at {SEEDS.resolve()}")
    return SEEDS


SHARED_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data():
    """The real published tables and police.uk files (../shared/data), or a skip naming where it looked."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"the real national tables (../shared/data) not found at {SHARED_DATA.resolve()}")
    return SHARED_DATA.resolve()
