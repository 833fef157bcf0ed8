"""One month of each synthetic table, linked where the real records link: calls open incidents,
incidents become crimes, crimes get outcomes and survey answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from inspectorate.core.data import schema
from inspectorate.core.data.synth import calibration as cal
from inspectorate.core.data.synth.columns import (
    CALL_HOURS,
    DAY,
    SEARCH_HOURS,
    Counter,
    Ints,
    Month,
    assemble,
    booleans,
    categories,
    dates,
    flags,
    ids,
    integers,
    random_days,
    random_seconds,
    stochastic_round,
    text,
    timestamps,
    truncated_exponential,
)

Rng = np.random.Generator


@dataclass(frozen=True)
class Links:
    """Records of one month that a later table can point at: their id numbers and times."""

    numbers: Ints
    times: Ints


@dataclass(frozen=True)
class CrimeIncidents(Links):
    """A month's crime incidents and the offence group (index into schema.OFFENCE_GROUPS) of each."""

    group: Ints


@dataclass(frozen=True)
class CrimeMonth:
    table: Any
    numbers: Ints
    recorded_day: Ints
    group: Ints

    def surveyable(self) -> Links:
        """Victim-based crimes, whose victims the satisfaction survey asks."""
        rows = self.group < len(schema.VICTIM_BASED_GROUPS)
        return Links(self.numbers[rows], self.recorded_day[rows])


def _floor(values: Any) -> Ints:
    whole: Ints = np.floor(values).astype(np.int64)
    return whole


def calls(rng: Rng, month: Month, n: int, counter: Counter) -> tuple[Any, Links]:
    received = random_seconds(rng, n, month, CALL_HOURS)
    channel = categories(rng, n, cal.CHANNEL_MIX)
    abandoned = np.zeros(n, dtype=np.bool_)
    delay = np.zeros(n, dtype=np.int64)
    for index, name in enumerate(schema.CHANNELS):
        rows = np.flatnonzero(channel == index)
        dropped = flags(rng, rows.size, cal.ABANDONED_SHARE[name])
        abandoned[rows[dropped]] = True
        answered = rows[~dropped]
        delay[answered] = _answer_delay(rng, name, answered.size)
    answered_s = received + delay
    numbers = counter.take(n)
    table = assemble(
        schema.CALLS,
        n,
        {
            "call_id": ids("SYN-CALL-", numbers),
            "channel": text(schema.CHANNELS, channel),
            "received_at": timestamps(received),
            "answered_at": timestamps(answered_s, null=abandoned),
            "abandoned": booleans(abandoned),
        },
    )
    # An incident is opened up to ten minutes after the answer, and must still fall in this month.
    usable = ~abandoned & (answered_s < month.end_s - 600)
    return table, Links(numbers[usable], answered_s[usable])


def _answer_delay(rng: Rng, channel: str, n: int) -> Ints:
    if channel == "999":
        within = flags(rng, n, cal.ANSWERED_999_WITHIN_10S)
        return np.where(within, rng.integers(1, 11, n), 11 + _floor(rng.exponential(45.0, n)))
    if channel == "101":
        return 5 + _floor(rng.exponential(420.0, n))
    # Online reports are picked up by a handler some hours later.
    return 300 + _floor(rng.exponential(6 * 3600.0, n))


def incidents(
    rng: Rng, group_rng: Rng, month: Month, n: int, answered: Links, counter: Counter
) -> tuple[Any, CrimeIncidents]:
    from_calls = min(round(n * cal.INCIDENTS_FROM_CALLS), answered.numbers.size)
    pick = rng.choice(answered.numbers.size, from_calls, replace=False)
    opened = np.concatenate(
        [
            answered.times[pick] + rng.integers(60, 601, from_calls),
            random_seconds(rng, n - from_calls, month, CALL_HOURS),
        ]
    )
    call = np.concatenate([answered.numbers[pick], np.zeros(n - from_calls, dtype=np.int64)])
    order = np.argsort(opened, kind="stable")
    opened, call, no_call = opened[order], call[order], order >= from_calls
    category = categories(rng, n, cal.INCIDENT_CATEGORY_MIX)
    grade = categories(rng, n, cal.GRADE_MIX)
    ungraded = grade == 0
    target = np.array((0, *cal.TARGET_MINUTES), dtype=np.int64)[grade]
    attended_s = np.zeros(n, dtype=np.int64)
    not_attended = np.ones(n, dtype=np.bool_)
    for index, minutes in enumerate(cal.TARGET_MINUTES):
        rows = np.flatnonzero(grade == index + 1)
        went = rows[flags(rng, rows.size, cal.ATTENDED_SHARE[index])]
        within = flags(rng, went.size, cal.WITHIN_TARGET_SHARE[index])
        limit = minutes * 60
        on_time = _floor(rng.uniform(0.1, 1.0, went.size) * limit)
        late = limit + 1 + _floor(rng.exponential(limit / 2, went.size))
        attended_s[went] = opened[went] + np.where(within, on_time, late)
        not_attended[went] = False
    crime = category == schema.INCIDENT_CATEGORIES.index("crime")
    # Offence groups come from a stream of their own, so that adding them moved no other value.
    group = np.zeros(n, dtype=np.int64)
    group[crime] = categories(group_rng, int(crime.sum()), cal.GROUP_SHARES)
    numbers = counter.take(n)
    table = assemble(
        schema.INCIDENTS,
        n,
        {
            "incident_id": ids("SYN-INC-", numbers),
            "call_id": ids("SYN-CALL-", call, null=no_call),
            "opened_at": timestamps(opened),
            "category": text(schema.INCIDENT_CATEGORIES, category),
            "response_grade": text(cal.RESPONSE_GRADES, grade - 1, null=ungraded),
            "target_minutes": integers(target, null=ungraded),
            "attended_at": timestamps(attended_s, null=not_attended),
            # Incidents officers come across have no call handler's assessment.
            "thrive_assessed": booleans(flags(rng, n, cal.THRIVE_SHARE), null=no_call),
            "vulnerable": booleans(flags(rng, n, cal.VULNERABLE_SHARE), null=no_call),
            "repeat_victim": booleans(flags(rng, n, cal.REPEAT_VICTIM_SHARE), null=no_call),
            "offence_group": text(schema.OFFENCE_GROUPS, group, null=~crime),
        },
    )
    return table, CrimeIncidents(numbers[crime], opened[crime], group[crime])


_TYPE_OF_GROUP = np.array(
    [
        schema.POLICE_UK_CRIME_TYPES.index(cal.CRIME_TYPE_OF_GROUP.get(group, "Other theft"))
        for group in cal.NON_FRAUD_GROUPS
    ]
    + [0],
    dtype=np.int64,
)
_THEFT_TYPES = np.array([schema.POLICE_UK_CRIME_TYPES.index(kind) for kind in cal.THEFT_TYPES])
_THEFT = schema.OFFENCE_GROUPS.index("theft")


def crimes(
    rng: Rng,
    link_rng: Rng,
    month: Month,
    n: int,
    n_fraud: int,
    incident: CrimeIncidents,
    domestic_abuse: float,
    counter: Counter,
    victims: Counter,
) -> CrimeMonth:
    total = n + n_fraud
    group = np.concatenate([categories(rng, n, cal.GROUP_SHARES), np.full(n_fraud, cal.FRAUD_INDEX)])
    fraud = group == cal.FRAUD_INDEX
    recorded = month.start_day + rng.integers(0, month.days, total)
    report_lag = np.where(flags(rng, total, 0.6), 0, 1 + _floor(rng.exponential(4.0, total)))
    reported = (recorded - report_lag) * DAY + rng.integers(0, DAY, total)
    # Some crimes come from this month's crime incidents: of the incident's group, reported when the
    # incident was opened and recorded within a few days, but not after the month it belongs to.
    rows, which = _link_to_incidents(link_rng, group[:n], incident)
    linked = rows.size
    incident_number = np.zeros(total, dtype=np.int64)
    incident_number[rows] = incident.numbers[which]
    no_incident = np.ones(total, dtype=np.bool_)
    no_incident[rows] = False
    reported[rows] = incident.times[which]
    delay = np.where(flags(link_rng, linked, 0.7), 0, link_rng.integers(1, 4, linked))
    recorded[rows] = np.minimum(reported[rows] // DAY + delay, month.start_day + month.days - 1)

    crime_type = _TYPE_OF_GROUP[group]
    theft = np.flatnonzero(group == _THEFT)
    crime_type[theft] = _THEFT_TYPES[categories(rng, theft.size, cal.THEFT_TYPE_MIX)]
    abuse = np.zeros(total, dtype=np.bool_)
    for index, chance in enumerate(cal.domestic_abuse_by_group(domestic_abuse)):
        members = np.flatnonzero(group == index)
        abuse[members] = flags(rng, members.size, chance)
    no_victim = (group >= len(schema.VICTIM_BASED_GROUPS)) & ~fraud
    with_victim = int((~no_victim).sum())
    pool = victims.take(max(1, with_victim * cal.VICTIM_POOL_PER_CRIME))
    victim = np.zeros(total, dtype=np.int64)
    victim[~no_victim] = pool[rng.integers(0, pool.size, with_victim)]

    order = np.lexsort((reported, recorded))
    numbers = counter.take(total)
    group, recorded = group[order], recorded[order]
    fraud, no_incident, no_victim = fraud[order], no_incident[order], no_victim[order]
    table = assemble(
        schema.CRIMES,
        total,
        {
            "crime_id": ids("SYN-CRIME-", numbers),
            "incident_id": ids("SYN-INC-", incident_number[order], null=no_incident),
            "reported_at": timestamps(reported[order]),
            "recorded_on": dates(recorded),
            "offence_group": text(schema.OFFENCE_GROUPS, group),
            "crime_type": text(schema.POLICE_UK_CRIME_TYPES, crime_type[order], null=fraud),
            "victim_ref": ids("SYN-V-", victim[order], null=no_victim),
            "domestic_abuse": booleans(abuse[order], null=fraud),
        },
    )
    return CrimeMonth(table, numbers, recorded, group)


def _link_to_incidents(rng: Rng, group: Ints, incident: CrimeIncidents) -> tuple[Ints, Ints]:
    """Crime rows and the incidents (positions in ``incident``) they were recorded from.

    Which incidents get a crime is allocated group by group at the group's recording rate, so the
    synthetic return has a known recording rate for an audit to find; the rest went unrecorded.
    """
    rows: list[Ints] = []
    which: list[Ints] = []
    for index, rate in enumerate(cal.RECORDING_RATES):
        candidates = np.flatnonzero(incident.group == index)
        recorded = candidates[flags(rng, candidates.size, float(rate))]
        members = np.flatnonzero(group == index)
        # A very small return can have fewer crimes of a group in a month than incidents to link.
        take = min(recorded.size, members.size)
        rows.append(rng.choice(members, take, replace=False))
        which.append(rng.permutation(recorded)[:take])
    return np.concatenate(rows), np.concatenate(which)


_MEAN_DAYS = np.array([1.0] + [float(cal.OUTCOME_MEAN_DAYS[k]) for k in range(1, 23)])


def outcomes(rng: Rng, month: Month, crime: CrimeMonth) -> Any:
    """Outcomes of the month's crimes, all dated before the end of the crimes' own period.

    Cutting each lag off at the period end means no period loses outcomes to the next or gains them
    from the last, so outcomes in a period over crimes in it comes out at the target rates even in the
    first generated year.
    """
    picked: list[Ints] = []
    kinds: list[Ints] = []
    for index in range(len(cal.NON_FRAUD_GROUPS)):
        members = np.flatnonzero(crime.group == index)
        outcome = categories(rng, members.size, cal.OUTCOME_PROBABILITIES[index])
        picked.append(members[outcome > 0])
        kinds.append(outcome[outcome > 0])
    rows = np.concatenate(picked)
    order = np.argsort(rows, kind="stable")
    rows, outcome = rows[order], np.concatenate(kinds)[order]
    recorded = crime.recorded_day[rows]
    room = month.period_end_day - recorded
    lag = truncated_exponential(rng, _MEAN_DAYS[outcome], np.maximum(room - 1, 1))
    lag = np.where(room >= 2, 1 + lag, 0)
    return assemble(
        schema.OUTCOMES,
        rows.size,
        {
            "crime_id": ids("SYN-CRIME-", crime.numbers[rows]),
            "outcome_type": integers(outcome),
            "outcome_on": dates(recorded + lag),
        },
    )


def survey(rng: Rng, month: Month, answers: Ints, earlier: Links, counter: Counter) -> Any:
    """The month's answers, from victims of crimes recorded in the months before (surveys follow by weeks)."""
    n = answers.size
    linked = min(n, earlier.numbers.size)
    slots = rng.choice(n, linked, replace=False)
    crime = np.zeros(n, dtype=np.int64)
    crime[slots] = earlier.numbers[rng.choice(earlier.numbers.size, linked, replace=False)]
    unlinked = np.ones(n, dtype=np.bool_)
    unlinked[slots] = False
    return assemble(
        schema.SURVEY,
        n,
        {
            "response_id": ids("SYN-SURVEY-", counter.take(n)),
            "surveyed_on": dates(random_days(rng, n, month)),
            "crime_id": ids("SYN-CRIME-", crime, null=unlinked),
            "whole_experience": text(schema.SATISFACTION_ANSWERS, answers),
        },
    )


def asb(rng: Rng, month: Month, n: int, counter: Counter) -> Any:
    return assemble(
        schema.ASB,
        n,
        {
            "asb_id": ids("SYN-ASB-", counter.take(n)),
            "reported_on": dates(random_days(rng, n, month)),
            "category": text(schema.ASB_CATEGORIES, categories(rng, n, cal.ASB_CATEGORY_MIX)),
        },
    )


_SELF_DEFINED = (*(label for _, label, _ in cal.SELF_DEFINED_ETHNICITY), cal.NOT_STATED)
_LEGISLATION = tuple(name for name, _, _ in cal.LEGISLATION)
_OBJECTS = tuple(sorted({thing for _, _, objects in cal.LEGISLATION for thing, _ in objects}))


def stop_search(rng: Rng, month: Month, n_person: int, search_weights: Any) -> Any:
    n_vehicle = stochastic_round(rng, n_person * cal.VEHICLE_SEARCH_SHARE)
    n = n_person + n_vehicle
    share = cal.PERSON_AND_VEHICLE_SHARE
    kind = rng.permutation(
        np.concatenate(
            [
                categories(rng, n_person, (1 - share, share)),
                np.full(n_vehicle, 2, dtype=np.int64),
            ]
        )
    )
    vehicle = kind == 2
    people = np.flatnonzero(~vehicle)
    group = categories(rng, people.size, search_weights)
    self_defined = np.zeros(n, dtype=np.int64)
    for index in range(len(schema.ETHNIC_GROUPS)):
        members = people[group == index]
        options = [i for i, (g, _, _) in enumerate(cal.SELF_DEFINED_ETHNICITY) if g == index]
        weights = [cal.SELF_DEFINED_ETHNICITY[i][2] for i in options]
        self_defined[members] = np.array(options)[categories(rng, members.size, weights)]
    self_defined[people[flags(rng, people.size, cal.NOT_STATED_SHARE)]] = len(_SELF_DEFINED) - 1
    officer = np.zeros(n, dtype=np.int64)
    differs = flags(rng, people.size, cal.OFFICER_DIFFERS_SHARE)
    officer[people] = np.where(differs, (group + rng.integers(1, 5, people.size)) % 5, group)
    officer_unknown = vehicle.copy()
    officer_unknown[people[flags(rng, people.size, cal.OFFICER_UNRECORDED_SHARE)]] = True
    per_person = np.zeros(n, dtype=np.int64)

    def person_detail(values: Any) -> Ints:
        detail = per_person.copy()
        detail[people] = categories(rng, people.size, values)
        return detail

    power = categories(rng, n, [share for _, share, _ in cal.LEGISLATION])
    target = np.zeros(n, dtype=np.int64)
    for index, (_, _, objects) in enumerate(cal.LEGISLATION):
        members = np.flatnonzero(power == index)
        chosen = categories(rng, members.size, [weight for _, weight in objects])
        target[members] = np.array([_OBJECTS.index(thing) for thing, _ in objects])[chosen]
    result = categories(rng, n, [weight for _, weight in cal.SEARCH_OUTCOMES])
    linked = (result > 0) & flags(rng, n, cal.OUTCOME_LINKED_SHARE)
    return assemble(
        schema.STOP_SEARCH,
        n,
        {
            "type": text(schema.STOP_SEARCH.column("type").allowed, kind),
            "searched_at": timestamps(random_seconds(rng, n, month, SEARCH_HOURS)),
            "part_of_policing_operation": booleans(flags(rng, n, cal.POLICING_OPERATION_SHARE)),
            "gender": text(cal.GENDERS, person_detail(cal.GENDER_MIX), null=vehicle),
            "age_range": text(cal.AGE_RANGES, person_detail(cal.AGE_MIX), null=vehicle),
            "self_defined_ethnicity": text(_SELF_DEFINED, self_defined, null=vehicle),
            "officer_defined_ethnicity": text(schema.ETHNIC_GROUPS, officer, null=officer_unknown),
            "legislation": text(_LEGISLATION, power),
            "object_of_search": text(_OBJECTS, target),
            "outcome": text([name for name, _ in cal.SEARCH_OUTCOMES], result),
            "outcome_linked_to_object_of_search": booleans(linked),
            "removal_of_more_than_just_outer_clothing": booleans(
                flags(rng, n, cal.MORE_THAN_OUTER_CLOTHING_SHARE), null=vehicle
            ),
        },
    )


CENSUS_DAY = date(2011, 3, 27)


def population(persons: int, shares: tuple[float, ...], source: str) -> Any:
    exact = np.array(shares) * persons / sum(shares)
    counts = _floor(exact)
    # Largest remainders take the rounding, so the groups add up to the scaled population.
    counts[np.argsort(counts - exact, kind="stable")[: persons - int(counts.sum())]] += 1
    n = len(schema.ETHNIC_GROUPS)
    return assemble(
        schema.POPULATION,
        n,
        {
            "ethnic_group": text(schema.ETHNIC_GROUPS, np.arange(n, dtype=np.int64)),
            "persons": integers(counts),
            "as_of": dates(np.full(n, (CENSUS_DAY - date(1970, 1, 1)).days, dtype=np.int64)),
            "source": text([source], np.zeros(n, dtype=np.int64)),
        },
    )


def search_weights(force_id: str) -> Any:
    """Share of person searches by five-group ethnicity: residents' share times their rate per head."""
    return np.array(cal.ethnic_shares(force_id)) * np.array(cal.SEARCH_RATE_PER_HEAD)
