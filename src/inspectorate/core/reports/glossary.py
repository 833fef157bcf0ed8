"""Terms the 2006 baseline assessments use, explained in our own words for the report's glossary."""

from __future__ import annotations

BASELINE_GLOSSARY: tuple[tuple[str, str], ...] = (
    ("ACPO", "The Association of Chief Police Officers, which set national policing guidance."),
    ("BCU / BOCU", "Basic (borough) command unit: a force's local policing area, in London a borough."),
    (
        "CDRP",
        "Crime and disorder reduction partnership: the council, police and others working on local crime.",
    ),
    (
        "Direction of travel",
        "Whether a framework's delivery improved, held steady or declined on the year before.",
    ),
    ("IAG", "Independent advisory group: members of the public who advise the force on its work."),
    ("MSF", "Most similar forces: the forces whose areas are most like this one's, used for comparison."),
    (
        "NCRS",
        "National crime recording standard: the rules for when an incident must be recorded as a crime.",
    ),
    ("NIM", "National intelligence model: the standard way forces gather and act on intelligence."),
    ("PNC", "Police national computer: the national record of people, vehicles and court results."),
    (
        "Sanction detection",
        "A crime cleared up by a charge, summons, caution or offence taken into consideration.",
    ),
    ("SOCA", "The Serious Organised Crime Agency, the national agency against organised crime from 2006."),
)
