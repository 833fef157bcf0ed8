"""Recorded crime measures named alike whoever published them.

The ONS and the Home Office print the same offence group under slightly different headings ("Other
theft offences" and "All other theft offences", "Miscellaneous crimes" and "Miscellaneous crimes
against society"); each is one measure, ``recorded-crime.<slug>``, so that a later table revises an
earlier one. Headings that name different counts keep different measures: the Home Office's
"Domestic burglary" (to March 2018) is not the ONS's "Residential burglary".
"""

from __future__ import annotations

import re

TOTAL = "recorded-crime"
# The longest offence heading the real tables print is 42 characters, and its measure id 55
# ("recorded-crime.death-or-serious-injury-unlawful-driving"). An id is kept short enough that its
# rate ("-per-1000-households") and a total leaving a force out (".excluding-devon-and-cornwall")
# still fit the 120 characters a measure id may have.
HEADING_MAX_CHARS = 100
MEASURE_ID_MAX_CHARS = 70

_ALIASES = {
    "all other theft offences": "other theft offences",
    "miscellaneous crimes": "miscellaneous crimes against society",
}
# A footnote mark against a word or a closing bracket, anywhere in a heading: "fraud3)", "burglary5,6".
_GLUED_NOTE = re.compile(r"(?<=[A-Za-z)])\d+(?:,\s?\d+)*(?=[)\s]|$)")
# ...or after a space at the end: "Stalking and harassment 5", "(households) 6,7,9".
_TRAILING_NOTE = re.compile(r"\s+\d+(?:,\s?\d+)*$")


def clean_heading(text: object) -> str:
    """An offence heading as printed, without footnote marks, line breaks or doubled spaces.
    Only for offence headings: "rounded to 100" would lose its number."""
    heading = " ".join(str(text).split())
    heading = _GLUED_NOTE.sub("", heading)
    return _TRAILING_NOTE.sub("", heading).strip().rstrip(",").strip()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().replace("&", " and ")).strip("-")


def heading_problem(heading: str, *, total_allowed: bool = False) -> str | None:
    """Why an offence heading cannot name a measure (empty, too long, no letters or digits, or
    the total where a group is wanted), or None."""
    if not heading:
        return "is empty"
    if len(heading) > HEADING_MAX_CHARS:
        return f"is {len(heading)} characters long, more than the {HEADING_MAX_CHARS} a heading may be"
    measure = crime_measure_id(heading)
    if len(measure) > MEASURE_ID_MAX_CHARS:
        return f"{heading[:40]!r} makes a measure id longer than {MEASURE_ID_MAX_CHARS} characters"
    if measure == f"{TOTAL}.":
        return f"{heading[:40]!r} has no letters or digits to name a measure"
    if measure == TOTAL and not total_allowed:
        return f"{heading[:40]!r} names the total, not an offence group"
    return None


def crime_measure_id(heading: str) -> str:
    """``recorded-crime`` for the total excluding fraud, ``recorded-crime.<slug>`` for a group."""
    key = " ".join(clean_heading(heading).casefold().replace("&", " and ").split())
    if key.startswith("total recorded crime"):
        return TOTAL
    return f"{TOTAL}.{slug(_ALIASES.get(key, key))}"
