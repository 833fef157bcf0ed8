"""report-batch writes every file inside its folder, whatever an inspection's reference holds."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from inspectorate.web.reports import batch


@pytest.fixture
def rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    # The paths are under test, not the rendering: the forked workers inherit these stand-ins.
    monkeypatch.setattr(batch, "report_context", lambda inspection: SimpleNamespace(to_json=lambda: {}))
    monkeypatch.setattr(batch, "context_from_json", lambda document: document)
    monkeypatch.setattr(batch, "render_all", lambda context, formats: {fmt: b"report" for fmt in formats})


def test_references_with_dots_and_absolute_paths_stay_in_the_folder(rendering: Any, tmp_path: Path) -> None:
    folder = tmp_path / "out" / "reports"
    folder.mkdir(parents=True)
    references = ["../../escaped", f"{tmp_path}/absolute", "C:\\drive", "nul\x00byte", "MPS-PEEL-2021"]
    inspections = [SimpleNamespace(reference=reference) for reference in references]
    written = batch.render_batch(inspections, ["json"], folder, workers=1)  # type: ignore[arg-type]
    everything = sorted(path for path in tmp_path.rglob("*") if path.is_file())
    absolute = str(tmp_path).strip("/").replace("/", "_") + "_absolute"
    names = ["escaped", absolute, "C_drive", "nul_byte", "MPS-PEEL-2021"]
    assert everything == written == sorted(folder / f"{name}.json" for name in names)
