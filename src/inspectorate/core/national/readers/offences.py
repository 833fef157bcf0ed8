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


def crime_measure_id(heading: str) -> str:
    """``recorded-crime`` for the total excluding fraud, ``recorded-crime.<slug>`` for a group."""
    key = " ".join(clean_heading(heading).casefold().replace("&", " and ").split())
    if key.startswith("total recorded crime"):
        return TOTAL
    return f"{TOTAL}.{slug(_ALIASES.get(key, key))}"
