"""The indicator registry written out as Markdown, so docs/indicators.md cannot drift from the code."""

from __future__ import annotations

from inspectorate.core.indicators.definitions import DEFINITIONS, Definition


def indicators_markdown() -> str:
    parts = [
        "<!-- Written by `inspectorate indicators list --markdown`; a test keeps it equal to the code. -->",
        "",
    ]
    for definition in DEFINITIONS:
        parts.extend(_section(definition))
    return "\n".join(parts)


def _section(definition: Definition) -> list[str]:
    lines = [f"### `{definition.id}`: {definition.title}", "", definition.description, ""]
    lines.append(f"- **Unit:** {definition.unit.label}; **measure:** {definition.measure.value}.")
    lines.append(f"- **Method:** {definition.method}")
    lines.append(f"- **Tables:** {', '.join(f'`{name}`' for name in definition.tables)}.")
    if definition.target is not None:
        lines.append(f"- **{definition.target.label}** ({definition.target.source}).")
    for breakdown in definition.breakdowns:
        lines.append(f"- **Broken down by** {breakdown.title}.")
    lines.append("")
    return lines
