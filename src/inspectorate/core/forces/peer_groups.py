"""Most similar groups (MSG): for each force, the forces it is compared with.

The Home Office publishes these lists (the IOPC republishes them as "Most similar force
groups"); Inspectorate does not ship them, because no copy we could verify was to hand, and
a made-up peer group would make every comparison quietly wrong. Instead a person fills in a
two-column CSV (``force,peers``) from the published download, and this module reads and
checks it, reporting every problem at once.

MSG and all-force figures are weighted averages, not simple averages: see ``weighted_average``.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, field_serializer, field_validator

from inspectorate.core.forces.reference import find_force, force_ids
from inspectorate.core.problems import Problem, ProblemsError

HEADER = ("force", "peers")
PEER_SEPARATOR = ";"
# The Home Office most similar groups name up to seven peers for each force.
MAX_PEERS = 7

Groups = Mapping[str, tuple[str, ...]]


def _unknown_id_message(kind: str, value: str) -> str:
    message = f"unknown {kind} id {value!r}"
    guess = find_force(value)
    return f"{message} (did you mean {guess.id!r}?)" if guess is not None else message


def _row_problems(force: str, peers: list[str], file: str, line: int | None) -> list[Problem]:
    """What is wrong with one force's row, other than it repeating an earlier force."""
    known = set(force_ids())
    problems: list[Problem] = []
    if not force:
        problems.append(Problem(file, line, "force", "force id is missing"))
    elif force not in known:
        problems.append(Problem(file, line, "force", _unknown_id_message("force", force)))
    seen: set[str] = set()
    for peer in peers:
        if peer not in known:
            problems.append(Problem(file, line, "peers", _unknown_id_message("peer", peer)))
        elif peer == force:
            problems.append(Problem(file, line, "peers", f"{peer!r} is listed as its own peer"))
        if peer in seen:
            problems.append(Problem(file, line, "peers", f"peer {peer!r} is listed twice"))
        seen.add(peer)
    if len(peers) > MAX_PEERS:
        problems.append(Problem(file, line, "peers", f"at most {MAX_PEERS} peers, found {len(peers)}"))
    return problems


def _split_peers(cell: str) -> list[str]:
    # Empty items (a trailing ';', or ';;') carry no meaning, so they are dropped.
    return [peer.strip() for peer in cell.split(PEER_SEPARATOR) if peer.strip()]


def _decode(path_or_text: Path | str | bytes, file: str) -> str:
    if isinstance(path_or_text, str):
        return path_or_text.removeprefix("\ufeff")
    try:
        data = path_or_text if isinstance(path_or_text, bytes) else path_or_text.read_bytes()
    except OSError as exc:
        raise ProblemsError([Problem(file, None, "", f"cannot be read ({exc.strerror})")]) from exc
    try:
        # utf-8-sig: spreadsheet programs often start a saved CSV with a byte-order mark.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (byte {exc.start + 1} cannot be read); save the file as UTF-8 CSV"
        raise ProblemsError([Problem(file, None, "", message)]) from exc


def read_peer_groups_csv(
    path_or_text: Path | str | bytes, source_name: str | None = None
) -> dict[str, tuple[str, ...]]:
    """Force id -> ordered peer ids, from a ``force,peers`` CSV; raises ProblemsError listing every problem.

    ``path_or_text`` is a file path, the file's text, or its bytes. ``source_name`` names the file
    in problems (default: the path). A row with blank peers means "not yet filled in" and
    reads as an empty tuple. Not every force needs a row.
    """
    file = source_name or (str(path_or_text) if isinstance(path_or_text, Path) else "<peer groups>")
    text = _decode(path_or_text, file)
    expected = ",".join(HEADER)
    if not text.strip():
        raise ProblemsError([Problem(file, None, "", f"the file is empty; expected the header {expected!r}")])

    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    if tuple(cell.strip() for cell in header) != HEADER:
        # Without the expected columns the rows cannot be read reliably, so stop here.
        found = ",".join(header)
        message = f"header must be exactly {expected!r}, found {found!r}"
        raise ProblemsError([Problem(file, 1, "header", message)])

    groups: dict[str, tuple[str, ...]] = {}
    first_line: dict[str, int] = {}
    problems: list[Problem] = []
    end_of_previous = reader.line_num
    for row in reader:
        line, end_of_previous = end_of_previous + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(HEADER):
            message = (
                f"expected 2 columns (force,peers), found {len(row)}; separate peers with {PEER_SEPARATOR!r}"
            )
            problems.append(Problem(file, line, "row", message))
            continue
        force, peers = row[0].strip(), _split_peers(row[1])
        row_problems = _row_problems(force, peers, file, line)
        if force in first_line:
            message = f"force {force!r} already has a row on line {first_line[force]}"
            row_problems.append(Problem(file, line, "force", message))
        else:
            first_line[force] = line
        problems.extend(row_problems)
        if not row_problems:
            groups[force] = tuple(peers)
    if problems:
        raise ProblemsError(problems)
    return groups


def _groups_problems(groups: Mapping[str, Iterable[str]], file: str) -> list[Problem]:
    problems: list[Problem] = []
    for force, peers in groups.items():
        for problem in _row_problems(force, list(peers), file, None):
            problems.append(Problem(problem.file, None, f"{problem.path}[{force}]", problem.message))
    return problems


def write_peer_groups_csv(groups: Mapping[str, Iterable[str]]) -> str:
    """CSV text for ``groups`` in their order, which ``read_peer_groups_csv`` reads back unchanged."""
    frozen = {force: tuple(peers) for force, peers in groups.items()}
    problems = _groups_problems(frozen, "<peer groups>")
    if problems:
        raise ProblemsError(problems)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for force, peers in frozen.items():
        writer.writerow([force, PEER_SEPARATOR.join(peers)])
    return out.getvalue()


def peer_groups_csv_template() -> str:
    """A ``force,peers`` CSV with a row for each of the 43 forces and every peer list blank."""
    return write_peer_groups_csv({force_id: () for force_id in force_ids()})


class PeerGroupTable(BaseModel):
    """One published set of most similar groups, with where and when it comes from."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    label: Annotated[str, StringConstraints(min_length=1)]
    source: Annotated[str, StringConstraints(min_length=1)]
    source_date: date | None = None
    groups: Groups

    @field_validator("groups", mode="after")
    @classmethod
    def _valid_and_read_only(cls, groups: Groups) -> Groups:
        # ProblemsError is not a ValueError, so pydantic lets it through unchanged.
        problems = _groups_problems(groups, "<peer group table>")
        if problems:
            raise ProblemsError(problems)
        return MappingProxyType(dict(groups))

    @field_serializer("groups")
    def _groups_as_dict(self, groups: Groups) -> dict[str, tuple[str, ...]]:
        # The stored read-only view is not a dict, which pydantic's serializer expects.
        return dict(groups)

    def peers_of(self, force_id: str) -> tuple[str, ...] | None:
        """The force's peers in order, or None when its group has not been filled in."""
        return self.groups.get(force_id) or None

    @classmethod
    def from_csv(
        cls,
        path_or_text: Path | str | bytes,
        *,
        label: str,
        source: str,
        source_date: date | None = None,
        source_name: str | None = None,
    ) -> PeerGroupTable:
        groups = read_peer_groups_csv(path_or_text, source_name)
        return cls(label=label, source=source, source_date=source_date, groups=groups)


def weighted_average(
    values: Mapping[str, float], weights: Mapping[str, float], members: Iterable[str]
) -> float | None:
    """The average of the members' values, each weighted (for example by population).

    Weighting is what HMICFRS does for MSG and all-force figures: with population weights the
    average of crime rates equals the group's total crime over its total population, so a
    small force does not count as much as a large one.

    Returns None when there are no members, when the weights add up to zero, or when any
    member lacks a value or a weight (or has one that is not a finite number). An average
    over the members that happen to have data would describe a different group while
    looking like this one, so the honest answer is "not known".

    Raises ValueError for a negative weight or a member listed twice: those are mistakes.
    """
    chosen = list(members)
    if len(set(chosen)) != len(chosen):
        raise ValueError(f"a member is listed twice in {chosen}")
    weighted: list[float] = []
    used_weights: list[float] = []
    for member in chosen:
        value, weight = values.get(member), weights.get(member)
        if value is None or weight is None or not (math.isfinite(value) and math.isfinite(weight)):
            return None
        if weight < 0:
            raise ValueError(f"negative weight {weight} for {member!r}")
        weighted.append(value * weight)
        used_weights.append(weight)
    total_weight = math.fsum(used_weights)
    if total_weight == 0:
        return None
    return math.fsum(weighted) / total_weight
