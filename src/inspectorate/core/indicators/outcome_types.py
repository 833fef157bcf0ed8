"""Home Office outcome types for recorded crime (the outcomes framework), and the groups HMIC reports."""

from __future__ import annotations

OUTCOME_TYPES: dict[int, str] = {
    1: "Charged/summonsed",
    2: "Caution - youths",
    3: "Caution - adults",
    4: "Taken into consideration",
    5: "Offender died",
    6: "Penalty Notice for Disorder",
    7: "Cannabis/Khat warning",
    8: "Community resolution",
    9: "Prosecution not in the public interest (CPS)",
    10: "Formal action against offender not in the public interest (police)",
    11: "Prosecution prevented - suspect under age",
    12: "Prosecution prevented - suspect too ill",
    13: "Prosecution prevented - victim or key witness dead or too ill",
    14: "Evidential difficulties: suspect not identified, victim does not support action",
    15: "Evidential difficulties: suspect identified, victim supports action",
    16: "Evidential difficulties: victim does not support action",
    17: "Prosecution time limit expired",
    18: "Investigation complete - no suspect identified",
    19: "National Fraud Intelligence Bureau filed",
    20: "Further action by another body",
    21: "Further investigation not in the public interest (police decision)",
    22: "Diversionary, educational or intervention activity",
}

# Key -> (label, outcome types); the groups of the PEEL 2015 effectiveness reports' outcomes figure.
OUTCOME_GROUPS: dict[str, tuple[str, tuple[int, ...]]] = {
    "charged-summonsed": ("Charged/summonsed", (1,)),
    "taken-into-consideration": ("Taken into consideration", (4,)),
    "out-of-court-formal": ("Out-of-court (formal)", (2, 3, 6)),
    "out-of-court-informal": ("Out-of-court (informal)", (7, 8)),
}

CHARGED_SUMMONSED = 1
