"""Planning an import: blank rows never erase, and a decision saved since the export is never overwritten."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from inspectorate.core.cdi.types import Answer, Decision
from inspectorate.core.cdi.worksheet import (
    COLUMNS,
    ImportChange,
    ImportedRow,
    ImportPlan,
    WorksheetRow,
    plan_import,
    read_worksheet,
    write_csv,
)
from inspectorate.core.problems import ProblemsError

YES, NO, NA = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE
MISSED = Decision(YES, NO, NA, NA, note="should have been a crime")
RECORDED = Decision(YES, YES, YES, YES, NA)


def test_a_blank_row_never_erases_a_stored_decision() -> None:
    rows = [ImportedRow(2, "INC-1", Decision(), 4), ImportedRow(3, "INC-2", Decision(note="  \n"), 0)]
    plan = plan_import(rows, {"INC-1": (MISSED, 4), "INC-2": (RECORDED, 7)}, "w.csv")
    assert plan == ImportPlan(changes=(), unchanged=(), untouched=("INC-1", "INC-2"))


def test_a_row_repeating_the_stored_decision_is_unchanged_even_if_saved_since() -> None:
    plan = plan_import([ImportedRow(2, "INC-1", MISSED, 1)], {"INC-1": (MISSED, 5)}, "w.csv")
    assert (plan.changes, plan.unchanged) == ((), ("INC-1",))


def test_a_different_row_is_a_change_against_the_stored_revision() -> None:
    rows = [ImportedRow(2, "INC-1", RECORDED, 2), ImportedRow(3, "INC-2", MISSED, 0)]
    plan = plan_import(rows, {"INC-1": (MISSED, 2)}, "w.csv")
    assert plan.changes == (
        ImportChange(2, "INC-1", decision=RECORDED, before=MISSED, revision=2),
        ImportChange(3, "INC-2", decision=MISSED, before=Decision(), revision=0),  # never decided
    )


def test_a_note_alone_is_a_change() -> None:
    plan = plan_import([ImportedRow(2, "INC-1", Decision(note="ask the force"), 0)], {}, "w.csv")
    assert [c.decision.note for c in plan.changes] == ["ask the force"]


def test_decisions_saved_since_the_export_refuse_the_whole_import() -> None:
    rows = [
        ImportedRow(2, "INC-1", RECORDED, 0),  # a good change, still refused with the rest
        ImportedRow(3, "INC-2", RECORDED, 1),
        ImportedRow(5, "INC-3", MISSED, 0),
    ]
    current = {"INC-2": (MISSED, 3), "INC-3": (RECORDED, 1)}
    with pytest.raises(ProblemsError) as caught:
        plan_import(rows, current, "w.xlsx")
    since = "changed in the platform since this worksheet was exported"
    advice = "export again, or clear the row's answers and note to keep the platform's decision"
    assert [(p.file, p.line, p.path, p.message) for p in caught.value.problems] == [
        ("w.xlsx", 3, "revision", f"'INC-2' {since} (revision 3, worksheet has 1); {advice}"),
        ("w.xlsx", 5, "revision", f"'INC-3' {since} (revision 1, worksheet has 0); {advice}"),
    ]


@pytest.mark.parametrize(
    ("changed", "unchanged", "blank", "summary"),
    [
        (12, 30, 358, "12 decisions changed, 30 unchanged, 358 blank rows left as they were"),
        (1, 1, 1, "1 decision changed, 1 unchanged, 1 blank row left as it was"),
        (0, 0, 0, "0 decisions changed, 0 unchanged, 0 blank rows left as they were"),
    ],
)
def test_the_summary_is_one_line_of_counts(changed: int, unchanged: int, blank: int, summary: str) -> None:
    change = ImportChange(2, "INC", MISSED, Decision(), 0)
    plan = ImportPlan((change,) * changed, ("INC",) * unchanged, ("INC",) * blank)
    assert plan.summary() == summary


def test_a_worksheet_half_done_offline_changes_only_what_the_auditor_answered(tmp_path: Path) -> None:
    """Export three records (one decided), answer one offline and blank the decided one: one change."""
    stored = {"INC-1": (MISSED, 2), "INC-2": (Decision(), 0), "INC-3": (Decision(), 0)}
    rows = [
        WorksheetRow(
            n,
            f"INC-{n}",
            "other/999",
            "2024-01-01",
            "999",
            None,
            "",
            stored[f"INC-{n}"][0],
            stored[f"INC-{n}"][1],
        )
        for n in (1, 2, 3)
    ]
    path = tmp_path / "w.csv"
    write_csv(path, "cdi-1", rows)
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    table[0] |= dict.fromkeys(("should_record", "recorded", "correctly_classified", "within_24h", "note"), "")
    table[1] |= {"should_record": "no", "recorded": "no", "note": "a lost wallet, no crime"}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(table)
    known = {incident: (n, revision) for n, (incident, (_, revision)) in enumerate(stored.items(), start=1)}
    plan = plan_import(read_worksheet(path, "cdi-1", known), stored, path.name)
    assert [(c.incident_id, c.decision) for c in plan.changes] == [
        ("INC-2", Decision(NO, NO, note="a lost wallet, no crime"))
    ]
    assert (plan.unchanged, plan.untouched) == ((), ("INC-1", "INC-3"))
    assert plan.summary() == "1 decision changed, 0 unchanged, 2 blank rows left as they were"


def test_answers_cleared_beside_a_note_keep_the_stored_answers_and_take_the_note() -> None:
    plan = plan_import(
        [ImportedRow(2, "INC-1", Decision(note="asked the force"), 3)], {"INC-1": (MISSED, 3)}, "w.csv"
    )
    (change,) = plan.changes
    assert change.decision == Decision(YES, NO, NA, NA, note="asked the force")
    assert change.before == MISSED


def test_a_formula_in_a_note_is_written_as_text_and_read_back_as_it_was(tmp_path: Path) -> None:
    notes = ['=HYPERLINK("http://example.org","x")', "+1 more", "-- see log", "@SUM(A1)", "'quoted", "plain"]
    rows = [
        WorksheetRow(i, f"INC-{i}", "other/999", "2021-01-01 10:00:00", "999", None, "", Decision(note=n), 0)
        for i, n in enumerate(notes, start=1)
    ]
    path = tmp_path / "w.csv"
    write_csv(path, "A1", rows)
    with path.open(newline="", encoding="utf-8") as handle:
        written = [line["note"] for line in csv.DictReader(handle)]
    # Nothing a spreadsheet would run as a formula.
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in written)
    known = {row.incident_id: (row.number, 0) for row in rows}
    assert [r.decision.note for r in read_worksheet(path, "A1", known)] == notes
