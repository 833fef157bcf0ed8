"""The demo's inspections by reference, as the tests of the demo and of the CLI over it expect them:
the published reports (sorted), the draft and the exercises."""

from __future__ import annotations

PUBLISHED = (
    "MPS-BA-2006",
    "MPS-CORE-2014",
    "MPS-CRIME-2014",
    "MPS-PEEL-2015",
    "MPS-PEEL-2018",
    "MPS-PEEL-2021",
)
DRAFT = "MPS-PEEL-DRAFT"
# An exercise at each other stage of an inspection's life (demo/exercises.py).
EXERCISES = ("MPS-EX-PLANNING", "MPS-EX-MODERATION", "MPS-EX-FACTUAL", "MPS-EX-EMBARGOED")
