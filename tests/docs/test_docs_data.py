"""The data-return schema in the docs is the one the code enforces."""

from __future__ import annotations

from pathlib import Path

from inspectorate.core.data.schema import TABLES
from inspectorate.core.data.schema_doc import schema_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-return.md"


def test_the_docs_end_with_the_schema_written_from_the_code() -> None:
    assert DOC.read_text(encoding="utf-8").endswith(schema_markdown())


def test_every_table_and_column_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for table in TABLES:
        assert f"### `{table.name}`" in text
        for column in table.columns:
            assert f"| `{column.name}` |" in text


def test_the_indicator_docs_end_with_the_registry_written_from_the_code() -> None:
    from inspectorate.core.indicators.definitions import DEFINITIONS
    from inspectorate.core.indicators.docs import indicators_markdown

    text = (DOC.parent / "indicators.md").read_text(encoding="utf-8")
    assert text.endswith(indicators_markdown())
    assert all(f"### `{d.id}`" in text for d in DEFINITIONS)
