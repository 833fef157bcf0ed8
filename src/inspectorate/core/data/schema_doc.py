"""The data-return schema written out as Markdown, so the documentation cannot drift from the code."""

from __future__ import annotations

from inspectorate.core.data.policeuk import FORMATS
from inspectorate.core.data.schema import TABLES, Column, Table


def schema_markdown() -> str:
    parts = [
        "<!-- Written by `inspectorate data schema`; a test keeps it equal to the code. -->",
        "",
        "## Canonical tables",
        "",
        "A file's header must be exactly the table's column names, in this order (CSV: UTF-8, comma",
        "separated, double quotes around values holding commas; empty means unknown). Parquet files",
        "use the same column names. Dates are `YYYY-MM-DD`; date-times `YYYY-MM-DD HH:MM:SS`;",
        "true/false for yes-or-no columns.",
        "",
    ]
    for table in TABLES:
        parts.extend(_table_section(table))
    parts.extend(["## police.uk files", ""])
    parts.append("These load as published, recognised by their headers:")
    parts.append("")
    for fmt in FORMATS:
        outputs = ", ".join(f"`{name}`" for name, _, _ in fmt.outputs)
        parts.append(f"- **{fmt.kind}** ({len(fmt.header)} columns) fills {outputs}.")
    parts.append("")
    return "\n".join(parts)


def _table_section(table: Table) -> list[str]:
    lines = [f"### `{table.name}`: {table.title}", "", table.description, ""]
    lines.append(
        f"Month of a record: `{table.date_column}`."
        + (f" Unique within a file: `{table.key}`." if table.key else "")
    )
    lines.extend(
        ["", "| column | type | required | allowed values and limits | meaning |", "|---|---|---|---|---|"]
    )
    lines.extend(_column_row(column) for column in table.columns)
    if table.checks:
        lines.append("")
        lines.append("Rows are also refused when:")
        lines.extend(f"- `{check.field}`: {check.message}" for check in table.checks)
    lines.append("")
    return lines


def _column_row(column: Column) -> str:
    limits = ", ".join(column.allowed)
    if column.minimum is not None:
        limits += f"at least {column.minimum:g}"
    if column.maximum is not None:
        limits += f"{'; ' if limits else ''}at most {column.maximum:g}"
    required = "yes" if column.required else ""
    return f"| `{column.name}` | {column.type.name.lower()} | {required} | {limits} | {column.description} |"
