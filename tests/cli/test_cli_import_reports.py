"""`inspectorate import-reports DIR`: every report under a folder stored, each all or nothing; a file
that is not a report, or cannot be read, refused in one line; run again, nothing stored twice.

Run in the test process (see conftest.py), each test on its own empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "data" / "published-reports" / "dev"

# Crime data integrity reports in the 2016-2019 shape, written for these tests.
ESSEX_CDI = "\n".join(
    [
        "Essex Police",
        "Crime data integrity inspection 2018",
        "Published 20 March 2018",
        "Essex Police requires improvement at crime recording.",
        "We estimate that the force is recording 89.6 percent (with a confidence interval of +/- 1.7 "
        "percent) of all reported crime (excluding fraud).",
        "Cause of concern",
        "Too few of the crimes reported through the control room are recorded.",
        "Recommendations",
        "Within three months, the force should:",
        "- audit a sample of incident logs each week; and",
        "- train control room staff in the recording rules.",
        "Area for improvement",
        "The force should have a decision maker review each cancelled crime.",
        "",
    ]
)
# Another force's crime data integrity report in the 2016-2019 shape, written for these tests.
KENT_CDI = "\n".join(
    [
        "Kent Police",
        "Crime data integrity inspection 2017",
        "Published 14 June 2017",
        "Kent Police is good at crime recording.",
        "We estimate that the force is recording 96.0 percent (with a confidence interval of +/- 1.2 "
        "percent) of all reported crime (excluding fraud).",
        "",
    ]
)


def _folder(tmp_path: Path) -> Path:
    """Two reports (one in a subfolder), a truth file, and four files that are not reports."""
    folder = tmp_path / "reports"
    (folder / "kent").mkdir(parents=True)
    (folder / "essex-cdi-2018.txt").write_text(ESSEX_CDI, encoding="utf-8")
    (folder / "kent" / "kent-cdi-2017.txt").write_text(KENT_CDI, encoding="utf-8")
    (folder / "kent" / "kent-cdi-2017.truth.yaml").write_text("programme: cdi-2016\n", encoding="utf-8")
    (folder / "kent" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not looked at")
    (folder / "notes.txt").write_text("Notes of a meeting about the rota.\n", encoding="utf-8")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "cut.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)  # sparse: refused on its size, never read
    return folder


def _workspace(own_cli: Any, tmp_path: Path) -> Path:
    workspace = tmp_path / "ws"
    assert own_cli("init", "-w", workspace).returncode == 0
    return workspace


def _outcomes(document: dict[str, Any]) -> dict[str, str]:
    return {entry["file"]: entry["outcome"] for entry in document["files"]}


@pytest.mark.django_db
def test_a_folder_is_imported_each_bad_file_refused_in_one_line(own_cli: Any, tmp_path: Path) -> None:
    from inspectorate.web.inspections.models import Inspection

    folder, workspace = _folder(tmp_path), _workspace(own_cli, tmp_path)
    result = own_cli("import-reports", folder, "--json", "-w", workspace)
    assert result.returncode == 1, result  # files were refused: a script is told
    document = result.json()
    assert _outcomes(document) == {
        "blob.txt": "refused",
        "cut.pdf": "refused",
        "essex-cdi-2018.txt": "stored",
        "huge.txt": "refused",
        "kent/kent-cdi-2017.txt": "stored",
        "notes.txt": "refused",
    }
    assert document["counts"] == {
        "read": 6,
        "stored": 2,
        "readable": 0,
        "already imported": 0,
        "refused": 4,
    }
    refused = result.stderr.strip().splitlines()
    assert sorted(line.split(": ", 1)[0] for line in refused) == [
        "blob.txt",
        "cut.pdf",
        "huge.txt",
        "notes.txt",
    ]
    reasons = dict(line.split(": ", 1) for line in refused)
    assert reasons["notes.txt"].startswith("not a report of a known programme")
    assert reasons["huge.txt"] == "is 20,971,521 bytes; a report's text may be at most 20 MB"
    assert reasons["blob.txt"].startswith("is not UTF-8 text")
    assert reasons["cut.pdf"].startswith("not a PDF that can be read")
    kent = next(entry for entry in document["files"] if entry["file"] == "kent/kent-cdi-2017.txt")
    assert (kent["programme"], kent["force"], kent["date"], kent["grades"], kent["figures"]) == (
        "cdi-2016",
        "kent",
        "14 June 2017",
        1,
        1,
    )
    # Named by the year each report prints, not its framework's first year (both are cdi-2016).
    assert kent["inspection"] == "KENT-CDI-2017"
    assert sorted(Inspection.objects.values_list("reference", flat=True)) == [
        "ESSEX-CDI-2018",
        "KENT-CDI-2017",
    ]


@pytest.mark.django_db
def test_running_it_again_stores_nothing_twice(own_cli: Any, tmp_path: Path) -> None:
    from inspectorate.web.inspections.models import Inspection

    folder, workspace = _folder(tmp_path), _workspace(own_cli, tmp_path)
    own_cli("import-reports", folder, "-w", workspace)
    # The same bytes under another name are the same report.
    (folder / "copy-of-essex.txt").write_bytes((folder / "essex-cdi-2018.txt").read_bytes())
    again = own_cli("import-reports", folder, "-w", workspace)
    assert again.returncode == 1, again
    assert "essex-cdi-2018.txt: already imported as ESSEX-CDI-2018" in again.stdout
    assert "copy-of-essex.txt: already imported as ESSEX-CDI-2018" in again.stdout
    assert "kent/kent-cdi-2017.txt: already imported as KENT-CDI-2017" in again.stdout
    assert again.stdout.splitlines()[-1] == "7 files read: 0 stored, 3 already imported, 4 refused"
    assert Inspection.objects.count() == 2


@pytest.mark.django_db
def test_a_folder_of_good_reports_exits_0_with_a_summary(own_cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "good"
    folder.mkdir()
    (folder / "essex.txt").write_text(ESSEX_CDI, encoding="utf-8")
    workspace = _workspace(own_cli, tmp_path)
    result = own_cli("import-reports", folder, "-w", workspace)
    assert result.returncode == 0, result
    lines = result.stdout.splitlines()
    # The programme's title is its reader's: what the line says of this report is checked around it.
    assert lines[0].startswith("essex.txt: stored as ESSEX-CDI-2018: Crime data integrity")
    assert lines[0].endswith(", Essex Police, 20 March 2018; 1 grade, 2 findings, 1 figure")
    assert lines[-1] == "1 file read: 1 stored, 0 already imported, 0 refused"
    assert result.stderr == ""


@pytest.mark.django_db
def test_a_dry_run_reads_and_checks_but_stores_nothing(own_cli: Any, tmp_path: Path) -> None:
    from inspectorate.web.inspections.models import Inspection

    folder, workspace = _folder(tmp_path), _workspace(own_cli, tmp_path)
    result = own_cli("import-reports", folder, "--dry-run", "-w", workspace)
    assert result.returncode == 1, result
    assert "essex-cdi-2018.txt: would be stored: Crime data integrity" in result.stdout
    assert result.stdout.splitlines()[-1] == "6 files read: 2 would be stored, 0 already imported, 4 refused"
    assert Inspection.objects.count() == 0


@pytest.mark.django_db
def test_a_programme_missing_from_an_older_workspace_is_brought_from_the_library(
    own_cli: Any, tmp_path: Path
) -> None:
    from inspectorate.web.registry.models import FrameworkVersion

    workspace = _workspace(own_cli, tmp_path)
    # As in a workspace made before the library gained the programme.
    FrameworkVersion.objects.filter(id="cdi-2016").delete()
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "essex.txt").write_text(ESSEX_CDI, encoding="utf-8")
    result = own_cli("import-reports", folder, "-w", workspace)
    assert result.returncode == 0, result
    stored = FrameworkVersion.objects.get(id="cdi-2016")
    assert stored.origin == FrameworkVersion.ORIGIN_LIBRARY
    assert stored.inspections.count() == 1


@pytest.mark.django_db
def test_mistakes_with_the_folder_are_one_error_line(
    own_cli: Any, tmp_path: Path, one_error_line: Any
) -> None:
    workspace = _workspace(own_cli, tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("not a report file\n", encoding="utf-8")
    one_error_line(own_cli("import-reports", tmp_path / "none", "-w", workspace), "none: no such folder")
    one_error_line(own_cli("import-reports", empty, "-w", workspace), "no report files")


@pytest.mark.django_db
def test_the_development_corpus_imports_once(own_cli: Any, tmp_path: Path) -> None:
    """Every text of the corpus is stored or refused in one line, never both, and a second run
    stores nothing; truth files are never read as reports."""
    from inspectorate.web.inspections.models import Inspection

    texts = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not texts:
        pytest.skip(f"no corpus texts under {CORPUS}")
    workspace = _workspace(own_cli, tmp_path)
    first = own_cli("import-reports", CORPUS, "--json", "-w", workspace).json()
    assert first["counts"]["read"] == len(texts)
    assert first["counts"]["stored"] + first["counts"]["refused"] + first["counts"][
        "already imported"
    ] == len(texts)
    assert all(entry["reason"] for entry in first["files"] if entry["outcome"] == "refused")
    stored = Inspection.objects.count()
    second = own_cli("import-reports", CORPUS, "--json", "-w", workspace).json()
    assert second["counts"]["stored"] == 0
    assert Inspection.objects.count() == stored
