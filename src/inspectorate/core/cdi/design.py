"""The sample design of a new audit, from what a person typed: the CLI's options and the web form
check their input here, once, and only parse and show.

Percentages are taken as typed (5 for +/- 5 percent) and stored as proportions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from inspectorate.core.cdi.sampling import parse_sizes
from inspectorate.core.cdi.types import SampleDesign
from inspectorate.core.problems import InputError, Problem, ProblemsError
from inspectorate.core.stats.sampling import fresh_seed


def sample_design(
    *,
    margin: float,
    expected_rate: float,
    crime_share: float,
    sizes: Sequence[str] = (),
    seed: int | None = None,
    source: str = "sample design",
) -> SampleDesign:
    """The design asked for, or a ProblemsError naming each bad field.

    ``margin`` (the target +/- of each crime group's rate) and ``expected_rate`` are percents above 0
    and below 100; ``crime_share`` (of sampled incidents expected to be crimes) is above 0 and at
    most 100. ``sizes`` fix crime groups' sample sizes as ``GROUP=N`` (see ``parse_sizes``). Without
    a ``seed`` the draw gets a fresh one nobody can know in advance; a given seed is 0 or more.
    Each problem's path is the field's name (``margin``, ``expected_rate``, ``crime_share``,
    ``sizes``, ``seed``) and its file is ``source``.
    """
    problems: list[Problem] = []
    for field, value, at_most_100 in (
        ("margin", margin, False),
        ("expected_rate", expected_rate, False),
        ("crime_share", crime_share, True),
    ):
        if not (0 < value < 100 or (at_most_100 and value == 100)):
            upper = "at most 100" if at_most_100 else "below 100"
            problems.append(
                Problem(source, None, field, f"{value:g} should be above 0 and {upper} (percent)")
            )
    if seed is not None and seed < 0:
        problems.append(Problem(source, None, "seed", f"{seed} should be 0 or more"))
    parsed: dict[str, int] = {}
    try:
        parsed = parse_sizes(sizes)
    except InputError as exc:
        problems.append(Problem(source, None, "sizes", str(exc)))
    if problems:
        raise ProblemsError(problems)
    return SampleDesign(
        margin=margin / 100,
        expected_rate=expected_rate / 100,
        crime_share=crime_share / 100,
        sizes=parsed,
        seed=fresh_seed() if seed is None else seed,
    )


def audit_period(
    start: date | None, end: date | None, source: str = "sample design"
) -> tuple[date, date] | None:
    """The period asked for: both ends, or neither for the dataset's default (its last six whole
    months of incidents, ``frame.default_audit_period``). One end alone is a ProblemsError whose path
    is ``period``; the order of the ends is the frame's to check (``frame.audit_frame``)."""
    if start is None and end is None:
        return None
    if start is None or end is None:
        message = "Give both ends of the period, or neither for the dataset's default."
        raise ProblemsError([Problem(source, None, "period", message)])
    return start, end
