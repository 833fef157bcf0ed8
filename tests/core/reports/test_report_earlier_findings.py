"""A report's section on the earlier findings it reviewed: its counts and sentence, its JSON (left
out when empty, so that versions frozen before the section existed read back and hash alike) and its
CSV rows."""

from __future__ import annotations

import json

import pytest

from inspectorate.core.reports.context import (
    EarlierFinding,
    EarlierFindings,
    ReportContext,
    context_from_json,
    csv_rows,
    document_hash,
    earlier_findings,
    kinds_phrase,
)


def _item(kind: str, verdict: str, text: str = "Do better.") -> EarlierFinding:
    labels = {"met": "Met", "partly-met": "Partly met", "not-met": "Not met", "superseded": "Superseded"}
    kind_labels = {
        "cause-of-concern": "Cause of concern",
        "recommendation": "Recommendation",
        "area-for-improvement": "Area for improvement",
    }
    return EarlierFinding(
        code="c0de",
        report_reference="MPS-2019",
        report_title="PEEL 2019",
        report_published="27 September 2019",
        kind=kind,
        kind_label=kind_labels[kind],
        text=text,
        verdict=verdict,
        verdict_label=labels[verdict],
        reasons="Because.",
    )


# As a report run before the section existed stored it: no earlier_findings key.
OLD_VERSION = {
    "layout": "letter",
    "reference": "X-1",
    "title": "A report",
    "force_id": "kent",
    "force_name": "Kent Police",
    "framework_id": "core-business-2014",
    "framework_title": "Core business 2014",
    "framework_version": "2014",
    "status": "published",
    "draft": False,
    "exercise": False,
    "period": "2014",
    "published": "1 May 2014",
    "summary": None,
    "source": None,
    "grades": [],
    "areas": [],
    "observations": [],
    "figures": [],
    "annex": [],
    "version": 1,
    "embargo_until": "2014-05-01T00:00:00+01:00",
    "correction": None,
    "numbers": None,
}


def test_the_sentence_counts_by_verdict_in_order():
    items = [
        *[_item("recommendation", "met")] * 7,
        *[_item("area-for-improvement", "partly-met")] * 3,
        *[_item("recommendation", "not-met")] * 2,
    ]
    section = earlier_findings(items)
    assert section.summary == (
        "Of 12 earlier recommendations and areas for improvement: 7 met, 3 partly met, 2 not met"
    )
    assert [(t.key, t.count) for t in section.by_verdict] == [("met", 7), ("partly-met", 3), ("not-met", 2)]
    assert [(t.key, t.count) for t in section.by_kind] == [("recommendation", 9), ("area-for-improvement", 3)]


@pytest.mark.parametrize(
    ("kinds", "total", "phrase"),
    [
        (["recommendation"], 1, "recommendation"),
        (["cause-of-concern"], 2, "causes of concern"),
        (
            ["cause-of-concern", "recommendation", "area-for-improvement"],
            3,
            "causes of concern, recommendations and areas for improvement",
        ),
        ([], 0, "findings"),
    ],
)
def test_the_kinds_are_named_as_a_sentence_names_them(kinds, total, phrase):
    assert kinds_phrase(kinds, total) == phrase


def test_one_superseded_finding_reads_as_one():
    assert earlier_findings([_item("cause-of-concern", "superseded")]).summary == (
        "Of 1 earlier cause of concern: 1 superseded"
    )


def test_no_items_is_an_empty_section():
    assert earlier_findings([]) == EarlierFindings()


def test_a_version_stored_before_the_section_reads_back_and_hashes_alike():
    context = context_from_json(OLD_VERSION)
    assert context.earlier_findings == EarlierFindings()
    assert context.to_json() == OLD_VERSION
    assert document_hash(context.to_json()) == document_hash(OLD_VERSION)


def test_a_section_survives_its_json():
    section = earlier_findings([_item("recommendation", "met"), _item("area-for-improvement", "not-met")])
    context = context_from_json(OLD_VERSION).model_copy(update={"earlier_findings": section})
    stored = json.loads(json.dumps(context.to_json()))
    assert stored["earlier_findings"]["summary"].startswith("Of 2 earlier recommendations")
    assert context_from_json(stored) == context
    assert isinstance(context_from_json(stored), ReportContext)


def test_each_earlier_finding_is_a_csv_row():
    section = earlier_findings([_item("recommendation", "met", "Answer faster.")])
    context = context_from_json(OLD_VERSION).model_copy(update={"earlier_findings": section})
    (row,) = [r for r in csv_rows(context) if r["section"] == "earlier-finding"]
    assert (row["kind"], row["text"], row["value"], row["reasons"], row["title"]) == (
        "recommendation",
        "Answer faster.",
        "Met",
        "Because.",
        "PEEL 2019",
    )
