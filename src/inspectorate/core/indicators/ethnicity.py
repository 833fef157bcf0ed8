"""Self-defined ethnicity, as police.uk records it, mapped to the five census groups.

police.uk uses two census coding schemes: the 2001 one ("White - White British (W1)", "Black or
Black British - Caribbean (B1)", "Other Ethnic Group - Chinese (O1)", "Not Stated (NS)") and the
2011 one ("Black/African/Caribbean/Black British - African", "Other ethnic group - Not stated").
In both the group is the text before the first " - ", so matching the start of the value is
enough; the one trap is "Not stated", which must not fall into Other. Chinese is Other in the
2001 scheme and Asian in the 2011 one; the mapping keeps each scheme's own choice.

The mapping is a SQL expression so that it runs inside DuckDB over millions of searches.
"""

from __future__ import annotations

from inspectorate.core.data.schema import ETHNIC_GROUPS


def ethnic_group_sql(column: str) -> str:
    """A SQL expression giving White, Black, Asian, Mixed, Other, or NULL (not stated or not known)."""
    value = f"lower(trim({column}))"
    whens = [f"WHEN {value} LIKE '%not stated%' THEN NULL"]
    # Every value in both schemes starts with its group's name ("Black or Black British", "Black/African").
    whens += [f"WHEN starts_with({value}, '{group.lower()}') THEN '{group}'" for group in ETHNIC_GROUPS]
    return "CASE " + " ".join(whens) + " ELSE NULL END"
