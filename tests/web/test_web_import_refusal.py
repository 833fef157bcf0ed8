"""Why a text is refused, in one line: a commissioner's page or a news item says that it is not the
inspectorate's own report, naming the words that show it, rather than that no programme was found."""

from __future__ import annotations

from pathlib import Path

from inspectorate.core.ingest.read import import_report
from inspectorate.web.imports.batch import refusal

# A commissioner's statement repeating a grade, written for this test.
STATEMENT = """Statement from the Police and Crime Commissioner
The Police and Crime Commissioner said: "I welcome HMICFRS's finding that Kent Police is good at recording crime."
"The inspectors found the force now records 96.0 percent of crimes."
"""  # noqa: E501


def test_a_commissioners_page_is_refused_as_not_the_inspectorates_own(tmp_path: Path) -> None:
    path = tmp_path / "kent-commissioner.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    report = import_report(path)
    assert report.programme is None and not report.judgments
    reason = refusal(report)
    assert reason is not None and reason.startswith("the text is not the inspectorate's own report")
    assert "Police and Crime Commissioner" in reason


def test_a_text_of_no_programme_says_so(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Notes of a meeting about the rota.\n", encoding="utf-8")
    assert refusal(import_report(path)) == (
        "not a report of a known programme: no programme's wording was recognised in it"
    )
