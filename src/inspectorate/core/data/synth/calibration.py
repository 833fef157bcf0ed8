"""The figures and assumptions the synthetic data-return generator is calibrated to.

Seed figures are the Metropolitan Police Service's, as published in HMIC's PEEL effectiveness 2015 and
HMICFRS's PEEL 2021/22 reports. Every other force gets the same rates per head, so its
volumes scale with its Census 2011 population. Anything not in the seeds is marked as an assumption,
and ``calibration_entries`` lists both kinds in the manifest so a reader can tell them apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from inspectorate.core.data.schema import ETHNIC_GROUPS, OFFENCE_GROUPS, VICTIM_BASED_GROUPS

PEEL_2015: Final = "HMIC PEEL: Police effectiveness 2015, Metropolitan Police Service"
PEEL_2021: Final = "HMICFRS PEEL 2021/22, Metropolitan Police Service"
ASSUMPTION: Final = "assumption of the synthetic generator, not a seed figure"

METROPOLITAN: Final = "metropolitan"
MET_CONTACTS_PER_YEAR: Final = 6_300_000
MET_INCIDENTS_PER_YEAR: Final = 1_000_000


@dataclass(frozen=True)
class YearFigures:
    """Per-head rates for one 12-month period; the three that change have a previous-year seed figure."""

    crime_per_1000: float
    asb_per_1000: float
    domestic_abuse_share: float


CURRENT: Final = YearFigures(crime_per_1000=84.0, asb_per_1000=30.0, domestic_abuse_share=0.094)
PREVIOUS: Final = YearFigures(crime_per_1000=81.6, asb_per_1000=37.8, domestic_abuse_share=0.079)

VICTIM_BASED_PER_1000: Final = 73.1
SEXUAL_OFFENCES_PER_1000: Final = 1.8
# Forces record a little fraud themselves (most goes to Action Fraud); the indicators must leave it out.
FRAUD_PER_1000: Final = 2.5
PERSON_SEARCHES_PER_1000: Final = 34.6
# Vehicle-only searches come on top of the person searches the indicator counts.
VEHICLE_SEARCH_SHARE: Final = 0.03
PERSON_AND_VEHICLE_SHARE: Final = 0.12

# Calls: 999 / 101 / online, in the order of schema.CHANNELS.
CHANNEL_MIX: Final = (0.35, 0.45, 0.20)
ABANDONED_SHARE: Final = {"999": 0.02, "101": 0.366, "online": 0.0}
ANSWERED_999_WITHIN_10S: Final = 0.639

# Incidents: shares of schema.INCIDENT_CATEGORIES; most are opened from a call.
INCIDENT_CATEGORY_MIX: Final = (0.35, 0.20, 0.25, 0.08, 0.12)
INCIDENTS_FROM_CALLS: Final = 0.85
# Response grades; an ungraded incident was resolved without a deployment.
RESPONSE_GRADES: Final = ("immediate", "priority", "scheduled")
GRADE_MIX: Final = (0.15, 0.20, 0.35, 0.30)  # ungraded first
TARGET_MINUTES: Final = (15, 60, 48 * 60)
ATTENDED_SHARE: Final = (0.97, 0.92, 0.85)
WITHIN_TARGET_SHARE: Final = (0.80, 0.70, 0.60)
THRIVE_SHARE: Final = 0.90
VULNERABLE_SHARE: Final = 0.15
REPEAT_VICTIM_SHARE: Final = 0.10

# Victims are drawn from a pool four times the month's crimes, so about one crime in eight has a victim
# who already had one that month.
VICTIM_POOL_PER_CRIME: Final = 4
SURVEY_RESPONSES_PER_CRIME: Final = 0.01
SATISFACTION_MIX: Final = (0.450, 0.349, 0.080, 0.060, 0.061)  # order of schema.SATISFACTION_ANSWERS
ASB_CATEGORY_MIX: Final = (0.25, 0.65, 0.10)  # order of schema.ASB_CATEGORIES
# Seasonal swing of monthly volume (peak in July) as a fraction of the average.
SEASONAL_SWING: Final = {"calls": 0.05, "incidents": 0.05, "crimes": 0.05, "asb": 0.15, "stop_search": 0.05}


def _offence_group_shares() -> NDArray[np.float64]:
    """Shares of non-fraud crime by offence group, with victim-based and sexual offences as the seeds say.

    The mix within each kind is London-like; violence takes whatever victim-based share is left so
    that victim-based crime comes out at 73.1 of 84.0 per 1,000.
    """
    shares = {
        "sexual-offences": SEXUAL_OFFENCES_PER_1000 / CURRENT.crime_per_1000,
        "robbery": 0.035,
        "burglary": 0.120,
        "vehicle-offences": 0.110,
        "theft": 0.290,
        "criminal-damage-and-arson": 0.075,
        "drug-offences": 0.070,
        "possession-of-weapons": 0.012,
        "public-order-offences": 0.038,
        "miscellaneous-crimes-against-society": 0.010,
    }
    victim_based = VICTIM_BASED_PER_1000 / CURRENT.crime_per_1000
    shares["violence-against-the-person"] = victim_based - sum(
        share for group, share in shares.items() if group in VICTIM_BASED_GROUPS
    )
    against_society = [group for group in shares if group not in VICTIM_BASED_GROUPS]
    stretch = (1 - victim_based) / sum(shares[group] for group in against_society)
    for group in against_society:
        shares[group] *= stretch
    return np.array([shares[group] for group in OFFENCE_GROUPS if group != "fraud"])


NON_FRAUD_GROUPS: Final = tuple(group for group in OFFENCE_GROUPS if group != "fraud")
FRAUD_INDEX: Final = OFFENCE_GROUPS.index("fraud")
GROUP_SHARES: Final = _offence_group_shares()

# Crime data integrity: the share of crime incidents, by the offence class they were opened or closed
# as, that have a crime recorded from them. Violence and sexual offences are the Metropolitan Police
# Service's approximate 2021/22 audit figures; the other groups' rate is whatever brings all crime to
# the overall figure, so that an audit of the synthetic return has known answers to find.
RECORDING_RATE: Final = 0.92
GROUP_RECORDING_RATE: Final = {"violence-against-the-person": 0.86, "sexual-offences": 0.95}


def recording_rates() -> NDArray[np.float64]:
    """Chance that a crime incident of each non-fraud group (NON_FRAUD_GROUPS order) has a linked crime."""
    others = np.array([group not in GROUP_RECORDING_RATE for group in NON_FRAUD_GROUPS])
    rates = np.array([GROUP_RECORDING_RATE.get(group, 0.0) for group in NON_FRAUD_GROUPS])
    rest = (RECORDING_RATE - float(GROUP_SHARES @ rates)) / float(GROUP_SHARES[others].sum())
    if not 0 < rest <= 1:
        raise ValueError("the group recording rates cannot be reconciled with the overall rate")
    rates[others] = rest
    return rates


RECORDING_RATES: Final = recording_rates()

# police.uk crime type of each offence group; theft splits into four police.uk types.
CRIME_TYPE_OF_GROUP: Final = {
    "violence-against-the-person": "Violence and sexual offences",
    "sexual-offences": "Violence and sexual offences",
    "robbery": "Robbery",
    "burglary": "Burglary",
    "vehicle-offences": "Vehicle crime",
    "criminal-damage-and-arson": "Criminal damage and arson",
    "drug-offences": "Drugs",
    "possession-of-weapons": "Possession of weapons",
    "public-order-offences": "Public order",
    "miscellaneous-crimes-against-society": "Other crime",
}
THEFT_TYPES: Final = ("Other theft", "Shoplifting", "Theft from the person", "Bicycle theft")
THEFT_TYPE_MIX: Final = (0.45, 0.25, 0.18, 0.12)

# Relative likelihood that a crime of each group is domestic abuse; scaled to the seed share per year.
_DOMESTIC_ABUSE_WEIGHT: Final = {
    "violence-against-the-person": 1.0,
    "sexual-offences": 0.5,
    "criminal-damage-and-arson": 0.15,
    "public-order-offences": 0.10,
    "burglary": 0.03,
    "theft": 0.01,
}


def domestic_abuse_by_group(share: float) -> NDArray[np.float64]:
    """Chance that a crime of each non-fraud group is domestic abuse, overall ``share`` of crime."""
    weights = np.array([_DOMESTIC_ABUSE_WEIGHT.get(group, 0.005) for group in NON_FRAUD_GROUPS])
    return weights * (share / float(GROUP_SHARES @ weights))


# Percent of (non-fraud) crimes getting each Home Office outcome type. Seeds give 1, 2, 3, 4, 6, 7, 8;
# the rest are assumptions with most crimes closed as 18 or 14-16. Type 19 (NFIB filed) applies only to
# fraud, which gets no outcome rows so that it cannot leak into the outcome rates.
OUTCOME_PERCENT: Final = {
    1: 13.3,
    2: 0.1,
    3: 3.8,
    4: 0.1,
    5: 0.05,
    6: 1.1,
    7: 2.0,
    8: 1.2,
    9: 0.1,
    10: 0.1,
    11: 0.1,
    12: 0.05,
    13: 0.1,
    14: 8.0,
    15: 5.0,
    16: 10.0,
    17: 0.3,
    18: 40.0,
    19: 0.0,
    20: 1.0,
    21: 2.0,
    22: 0.1,
}
SEED_OUTCOME_TYPES: Final = (1, 2, 3, 4, 6, 7, 8)
# Mean days from recording to outcome; drawn from an exponential cut off at the end of the crime's period.
OUTCOME_MEAN_DAYS: Final = {
    1: 40,
    2: 25,
    3: 25,
    4: 60,
    5: 90,
    6: 3,
    7: 1,
    8: 10,
    9: 60,
    10: 60,
    11: 60,
    12: 60,
    13: 60,
    14: 30,
    15: 45,
    16: 25,
    17: 180,
    18: 7,
    19: 30,
    20: 30,
    21: 30,
    22: 20,
}
# How much likelier than average each group is to get an outcome type (groups in NON_FRAUD_GROUPS order:
# violence, sexual, robbery, burglary, vehicle, theft, damage, drugs, weapons, public order, misc).
_OUTCOME_PROPENSITY: Final = {
    1: (1.0, 0.5, 0.8, 0.4, 0.2, 0.5, 0.4, 3.0, 4.0, 1.5, 2.0),
    2: (1.0, 0.3, 0.3, 0.3, 0.3, 1.2, 1.0, 2.0, 1.5, 1.0, 1.0),
    3: (1.0, 0.3, 0.3, 0.3, 0.3, 1.2, 1.0, 2.0, 1.5, 1.0, 1.0),
    6: (0.3, 0.0, 0.0, 0.0, 0.3, 2.0, 1.5, 1.0, 0.0, 4.0, 0.3),
    7: (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0),
    8: (1.0, 0.0, 0.3, 0.3, 0.3, 2.0, 2.0, 1.0, 0.3, 1.5, 0.3),
    14: (2.0, 2.0, 1.0, 0.3, 0.3, 0.5, 1.0, 0.0, 0.0, 1.0, 0.5),
    15: (1.5, 2.0, 1.0, 0.5, 0.5, 1.0, 1.0, 0.5, 1.0, 1.0, 1.0),
    16: (2.0, 2.0, 1.0, 0.3, 0.3, 0.5, 1.0, 0.0, 0.0, 1.0, 0.5),
    18: (0.5, 0.5, 1.6, 2.0, 2.2, 1.8, 1.6, 0.05, 0.05, 0.5, 0.5),
}


def outcome_probabilities() -> NDArray[np.float64]:
    """Chance of each outcome per non-fraud group: rows are groups, column 0 is "no outcome yet", then 1-22.

    Each type's propensities are scaled so that over the group mix it comes to the target percent.
    """
    table = np.zeros((len(NON_FRAUD_GROUPS), 23))
    for outcome, percent in OUTCOME_PERCENT.items():
        weights = np.array(_OUTCOME_PROPENSITY.get(outcome, (1.0,) * len(NON_FRAUD_GROUPS)))
        table[:, outcome] = weights * (percent / 100 / float(GROUP_SHARES @ weights))
    table[:, 0] = 1.0 - table[:, 1:].sum(axis=1)
    if (table[:, 0] < 0).any():
        raise ValueError("outcome propensities give some offence group more than one outcome per crime")
    return table


OUTCOME_PROBABILITIES: Final = outcome_probabilities()

# Population by ethnic group (order of schema.ETHNIC_GROUPS: White, Black, Asian, Mixed, Other).
LONDON_ETHNIC_SHARES: Final = (0.60, 0.13, 0.18, 0.05, 0.04)
GENERIC_ETHNIC_SHARES: Final = (0.86, 0.03, 0.07, 0.02, 0.02)
LONDON_FORCES: Final = ("metropolitan", "city-of-london")
# Person searches per head relative to White residents; Black residents several times as likely.
SEARCH_RATE_PER_HEAD: Final = (1.0, 3.5, 1.2, 1.8, 1.3)
_LENGTHS = (len(LONDON_ETHNIC_SHARES), len(GENERIC_ETHNIC_SHARES), len(SEARCH_RATE_PER_HEAD))
if any(length != len(ETHNIC_GROUPS) for length in _LENGTHS):
    raise ValueError("ethnic shares and search rates need one figure per five-group ethnicity")


def ethnic_shares(force_id: str) -> tuple[float, ...]:
    return LONDON_ETHNIC_SHARES if force_id in LONDON_FORCES else GENERIC_ETHNIC_SHARES


@dataclass(frozen=True)
class Target:
    indicator: str
    target: float
    source: str
    # "current", "previous" or "both": which of the generated periods the figure drives.
    period: str = "both"
    breakdown: str | None = None

    def as_json(self) -> dict[str, object]:
        entry: dict[str, object] = {"indicator": self.indicator, "target": self.target, "source": self.source}
        entry["period"] = self.period
        if self.breakdown is not None:
            entry["breakdown"] = self.breakdown
        return entry


def calibration_entries(met_population: int) -> list[Target]:
    """What each generated figure is calibrated to, and where that figure comes from."""
    per_1000 = 1000 / met_population
    contacts = round(MET_CONTACTS_PER_YEAR * per_1000, 1)
    attended = [
        Target("attendance-within-target", share * 100, ASSUMPTION, breakdown=grade)
        for grade, share in zip(RESPONSE_GRADES, WITHIN_TARGET_SHARE, strict=True)
    ]
    channels = [
        Target(
            "calls-per-1000",
            round(contacts * share, 1),
            f"{ASSUMPTION}: channel mix 999 35%, 101 45%, online 20%",
            breakdown=channel,
        )
        for channel, share in zip(("999", "101", "online"), CHANNEL_MIX, strict=True)
    ]
    outcomes = [
        Target(
            "outcome-rate",
            percent,
            PEEL_2015 if outcome in SEED_OUTCOME_TYPES else ASSUMPTION,
            breakdown=str(outcome),
        )
        for outcome, percent in OUTCOME_PERCENT.items()
    ]
    return [
        Target(
            "calls-per-1000",
            contacts,
            f"{PEEL_2021}: about 6.3 million contacts a year; drives call volume. The 2015 figure of "
            "308 calls per 1,000 is not used: it disagrees with 6.3 million contacts",
        ),
        *channels,
        Target(
            "incidents-per-1000",
            round(MET_INCIDENTS_PER_YEAR * per_1000, 1),
            f"{ASSUMPTION}: about 1 million incidents a year",
        ),
        Target("recorded-crime-per-1000", CURRENT.crime_per_1000, PEEL_2015, "current"),
        Target("recorded-crime-per-1000", PREVIOUS.crime_per_1000, PEEL_2015, "previous"),
        Target(
            "victim-based-crime-per-1000",
            VICTIM_BASED_PER_1000,
            f"{PEEL_2015}; previous period keeps the same share of crime",
            "current",
        ),
        Target(
            "recorded-crime-per-1000",
            SEXUAL_OFFENCES_PER_1000,
            PEEL_2015,
            "current",
            breakdown="sexual-offences",
        ),
        Target(
            "recorded-crime-per-1000",
            FRAUD_PER_1000,
            f"{ASSUMPTION}: fraud rows that the indicators must leave out",
            breakdown="fraud",
        ),
        *_recording_targets(),
        Target("asb-per-1000", CURRENT.asb_per_1000, PEEL_2015, "current"),
        Target("asb-per-1000", PREVIOUS.asb_per_1000, PEEL_2015, "previous"),
        Target("domestic-abuse-share", CURRENT.domestic_abuse_share * 100, PEEL_2015, "current"),
        Target("domestic-abuse-share", PREVIOUS.domestic_abuse_share * 100, PEEL_2015, "previous"),
        Target("charge-rate", OUTCOME_PERCENT[1], PEEL_2015),
        *outcomes,
        Target("victim-satisfaction", round(sum(SATISFACTION_MIX[:2]) * 100, 1), PEEL_2015),
        Target("999-answered-within-10s", ANSWERED_999_WITHIN_10S * 100, PEEL_2021),
        Target("101-abandoned", ABANDONED_SHARE["101"] * 100, PEEL_2021),
        Target("stop-search-per-1000", PERSON_SEARCHES_PER_1000, f"{PEEL_2021} (year ending 31 March 2021)"),
        Target(
            "stop-search-disproportionality",
            SEARCH_RATE_PER_HEAD[1] / SEARCH_RATE_PER_HEAD[0],
            f"{ASSUMPTION}: Black residents searched 3.5 times as often per head as White residents; "
            "population by ethnic group is a synthetic split, not census figures",
        ),
        *attended,
    ]


def _recording_targets() -> list[Target]:
    """Recording rates: crime incidents with a linked crime over crime incidents, by the incident's group."""
    approximate = f"{PEEL_2021}, crime data integrity (approximate)"
    derived = f"{ASSUMPTION}: the rest of crime, at whatever rate brings all crime to the overall figure"
    other = next(
        r for g, r in zip(NON_FRAUD_GROUPS, RECORDING_RATES, strict=True) if g not in GROUP_RECORDING_RATE
    )
    return [
        Target("crime-recording-rate", RECORDING_RATE * 100, approximate),
        *(
            Target("crime-recording-rate", rate * 100, approximate, breakdown=group)
            for group, rate in GROUP_RECORDING_RATE.items()
        ),
        Target("crime-recording-rate", round(float(other) * 100, 1), derived, breakdown="other"),
    ]


# ---- stop and search vocabularies (police.uk strings) and their shares, all assumptions ----------------

# Self-defined ethnicity in the 2011 census scheme: (five-group index, text, share within the group).
SELF_DEFINED_ETHNICITY: Final = (
    (0, "White - English/Welsh/Scottish/Northern Irish/British", 0.70),
    (0, "White - Irish", 0.03),
    (0, "White - Gypsy or Irish Traveller", 0.01),
    (0, "White - Any other White background", 0.26),
    (1, "Black/African/Caribbean/Black British - African", 0.45),
    (1, "Black/African/Caribbean/Black British - Caribbean", 0.35),
    (1, "Black/African/Caribbean/Black British - Any other Black/African/Caribbean background", 0.20),
    (2, "Asian/Asian British - Indian", 0.25),
    (2, "Asian/Asian British - Pakistani", 0.20),
    (2, "Asian/Asian British - Bangladeshi", 0.20),
    (2, "Asian/Asian British - Chinese", 0.05),
    (2, "Asian/Asian British - Any other Asian background", 0.30),
    (3, "Mixed/Multiple ethnic groups - White and Black Caribbean", 0.40),
    (3, "Mixed/Multiple ethnic groups - White and Black African", 0.15),
    (3, "Mixed/Multiple ethnic groups - White and Asian", 0.15),
    (3, "Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background", 0.30),
    (4, "Other ethnic group - Arab", 0.25),
    (4, "Other ethnic group - Any other ethnic group", 0.75),
)
NOT_STATED: Final = "Other ethnic group - Not stated"
NOT_STATED_SHARE: Final = 0.08
# Officers see a different group from the one the person gives, or record none.
OFFICER_DIFFERS_SHARE: Final = 0.08
OFFICER_UNRECORDED_SHARE: Final = 0.02
GENDERS: Final = ("Male", "Female", "Other")
GENDER_MIX: Final = (0.900, 0.095, 0.005)
AGE_RANGES: Final = ("under 10", "10-17", "18-24", "25-34", "over 34")
AGE_MIX: Final = (0.0, 0.18, 0.35, 0.25, 0.22)
# Power used, its share, and what is searched for under it with shares.
LEGISLATION: Final = (
    ("Misuse of Drugs Act 1971 (section 23)", 0.65, (("Controlled drugs", 1.0),)),
    (
        "Police and Criminal Evidence Act 1984 (section 1)",
        0.30,
        (
            ("Offensive weapons", 0.35),
            ("Stolen goods", 0.35),
            ("Article for use in theft", 0.15),
            ("Articles for use in criminal damage", 0.15),
        ),
    ),
    ("Criminal Justice and Public Order Act 1994 (section 60)", 0.04, (("Offensive weapons", 1.0),)),
    ("Firearms Act 1968 (section 47)", 0.01, (("Firearms", 1.0),)),
)
# The post-2018 police.uk outcome vocabulary; the first is "nothing found".
SEARCH_OUTCOMES: Final = (
    ("A no further action disposal", 0.70),
    ("Arrest", 0.15),
    ("Community resolution", 0.07),
    ("Khat or Cannabis warning", 0.04),
    ("Summons / charged by post", 0.02),
    ("Penalty Notice for Disorder", 0.01),
    ("Caution (simple or conditional)", 0.01),
)
OUTCOME_LINKED_SHARE: Final = 0.80
POLICING_OPERATION_SHARE: Final = 0.05
MORE_THAN_OUTER_CLOTHING_SHARE: Final = 0.03
