"""Why a figure on the numbers page is missing, what would fill it in, and who can do it.

A missing figure has one of a few causes (no most similar group entered, no England and Wales
figure for the year, no data for the 12 months before, no target set...). The page says each cause
once, as a numbered note, and each empty cell says it in a few words and points to its note; the
JSON and CSV twins carry the same notes and each row's note id.

The indicator engine says why in words (core/indicators/comparators.py); ``gap_id`` sorts its words
into causes. A printed report keeps no words for a missing comparator, only its kind and label, so
its causes are told from those, as the report stood when it was printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from inspectorate.core.indicators.comparators import NO_ENGLAND_AND_WALES
from inspectorate.web.pages.documents import Document

Printed = Literal["draft", "published"] | None

ORDER = ("previous-period", "target", "england-and-wales", "msg")


class MissingFigure(Document):
    """One reason figures are missing, said once for every cell it explains."""

    id: str
    """What the cells it explains point to (``msg-no-groups``); the CSV twin's ``comparator_note``."""
    note: int
    """Its number on the page, in the order the page first meets it."""
    title: str
    """What is missing, as the note's heading."""
    cell: str
    """What a cell with a figure missing for this reason says, in a few words."""
    why: str
    """Why the figures are missing."""
    fill: str
    """What would fill the figures in, and who can do it."""
    command: str | None = None
    """The command that fills them in, when one does."""
    indicators: list[str]
    """The ids of the indicators with a figure missing for this reason."""
    where: str | None = None
    """The page on which it is done, when it is done in Inspectorate."""


@dataclass(frozen=True)
class Gap:
    """A cell's share of a note: what the cell says and which note says why."""

    id: str
    note: int
    cell: str


@dataclass(frozen=True)
class Context:
    force: str
    force_id: str
    period: str
    dataset: str | None = None  # the dataset's name (the part after force/)
    peer_groups: str | None = None  # the label of the most similar groups in use
    printed: Printed = None
    peer_groups_page: str | None = None


def gap_id(
    kind: str | None,
    label: str,
    value: float | None,
    reason: str | None,
    printed: bool = False,
    missing: str | None = None,
) -> str:
    """The cause of a missing figure: ``kind`` is a comparator's, or None for the force's own figure
    (``missing``: the engine's MissingData, when it gives one)."""
    reason = reason or ""
    if kind is None:
        return "value-missing" if printed else f"value-{missing or reason_slug(reason)}"
    if value is not None:
        return "force-no-figure"
    if kind == "msg":
        if printed:
            return "msg-no-groups" if label == "Most similar group" else "msg-not-pooled"
        if reason == "no most similar groups were given":
            return "msg-no-groups"
        if reason.startswith("the most similar group of"):
            return "msg-no-group"
        return "msg-not-pooled"
    if kind == "england-and-wales":
        return "ew-not-known" if printed or reason.startswith(NO_ENGLAND_AND_WALES) else "ew-not-pooled"
    if kind == "previous-period":
        return "previous-no-data"
    return f"other-{reason_slug(reason)}"


def reason_slug(reason: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in reason.lower()).split()
    return "-".join(words[:6]) or "unknown"


class Words(NamedTuple):
    title: str  # what is missing
    cell: str  # what a cell says
    why: str  # why the figure is missing
    fill: str  # what would fill it in, and who can do it
    command: str | None = None  # the command that does it, when one does


@dataclass
class Notes:
    """The notes of one page, numbered in the order its cells need them."""

    context: Context
    found: dict[str, tuple[int, str, list[str]]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # indicator id -> title, for the notes' links

    def gap(self, indicator: str, cause: str, reason: str | None = None) -> Gap:
        if cause not in self.found:
            self.found[cause] = (len(self.found) + 1, reason or "", [])
        number, _, indicators = self.found[cause]
        if indicator not in indicators:
            indicators.append(indicator)
        return Gap(cause, number, self.words(cause, reason or "").cell)

    def figures(self) -> list[MissingFigure]:
        notes = []
        for cause, (number, reason, indicators) in self.found.items():
            words = self.words(cause, reason)
            notes.append(
                MissingFigure(
                    id=cause,
                    note=number,
                    title=words.title,
                    cell=words.cell,
                    why=words.why,
                    fill=words.fill,
                    command=words.command,
                    where=self.context.peer_groups_page if cause.startswith("msg-") else None,
                    indicators=indicators,
                )
            )
        return notes

    def listed(self) -> list[tuple[MissingFigure, list[tuple[str, str]]]]:
        """Each note with the (id, title) of the indicators it explains, for the page."""
        return [(n, [(i, self.titles.get(i, i)) for i in n.indicators]) for n in self.figures()]

    def words(self, cause: str, reason: str) -> Words:
        c = self.context
        if c.printed:
            return printed_words(cause, reason, c)
        load = f"inspectorate data load FILE --force {c.force_id} --dataset {c.dataset}"
        staff = (
            "A member of staff enters the most similar groups, as the Home Office publishes them, on the "
            "Most similar groups page. The group's figures are then pooled from the peers' own data "
            "returns, so each peer needs one as well."
        )
        workspace = "Whoever runs the workspace loads"
        words = {
            "msg-no-groups": Words(
                "No most similar group entered",
                "No group set",
                f"No most similar groups have been entered, so {c.force} has no group of similar forces to "
                "be compared with. Inspectorate ships no copy of the groups: an unchecked copy would make "
                "every comparison quietly wrong.",
                staff,
            ),
            "msg-no-group": Words(
                "No most similar group entered for the force",
                "No group set",
                f"The most similar groups entered ({c.peer_groups}) leave {c.force}'s group blank.",
                staff,
            ),
            "msg-not-pooled": Words(
                "No most similar group figure: peers' data missing",
                "Peers' data missing",
                f"{c.force}'s most similar group is set, but its figure is pooled from each peer's own data "
                f"and not every peer has a dataset named '{c.dataset}' with figures for the {c.period}.",
                f"{workspace} each peer's data return into a dataset of that name:",
                f"inspectorate data load FILE --force PEER --dataset {c.dataset}",
            ),
            "ew-not-known": Words(
                "No England and Wales figure for this period",
                "Not known for this period",
                f"No England and Wales figure for the {c.period} is in the national tables Inspectorate "
                "holds or among the figures it keeps from published reports, and the data store does not "
                "hold all 43 forces' data to pool one.",
                "Whoever runs the workspace loads an edition of the national tables that covers the period "
                "(the ONS police force area data tables, for recorded crime and anti-social behaviour); or "
                "all 43 forces' data returns (inspectorate data load FILE --force FORCE):",
                "inspectorate national load FILE",
            ),
            "ew-not-pooled": Words(
                "No England and Wales figure: not every force's data",
                "Not every force's data",
                f"No England and Wales figure for the {c.period} is published, and one cannot be pooled: "
                "not every one of the 43 forces has data for it.",
                f"{workspace} the missing forces' data returns:",
                "inspectorate data load FILE --force FORCE",
            ),
            "previous-no-data": Words(
                "No figure for the previous 12 months",
                "No data for that period",
                f"The dataset '{c.dataset}' gives no figure for the 12 months before the {c.period}.",
                f"{workspace} the force's data return for those months:",
                load,
            ),
            "force-no-figure": Words(
                "No figure of the force's own to compare",
                "Nothing to compare",
                f"{c.force} has no figure of its own for the period (why is said under the indicator's "
                "title), so the difference and its test cannot be worked out.",
                "Filling in the force's own figure fills this in.",
            ),
            "no-target": NO_TARGET,
            "value-no-records": Words(
                "No figure: no records for the period",
                "No figure",
                f"The dataset '{c.dataset}' holds no records of this kind for the {c.period}.",
                f"{workspace} the force's data return covering those months:",
                load,
            ),
            "value-months-missing": Words(
                "No figure: months missing from the data",
                "No figure",
                f"Some months of the {c.period} are missing from the dataset '{c.dataset}', and a figure "
                "over part of the period would not compare with others.",
                f"{workspace} the force's data return for the missing months:",
                load,
            ),
            "value-no-population": Words(
                "No figure: population unknown",
                "No figure",
                f"No population is known for {c.force} for the period, so no rate per 1,000 people "
                "can be given.",
                "A developer adds the force's population, with its source, to the force reference data "
                "Inspectorate ships.",
            ),
            "value-not-recorded": Words(
                "No figure: not recorded in the data return",
                "No figure",
                "The force's data return does not record what this indicator counts.",
                f"The force supplies a data return that records it, and {workspace.lower()} it:",
                load,
            ),
            "value-zero-denominator": Words(
                "No figure: nothing to divide by",
                "No figure",
                "There is nothing to divide by: none of the cases this indicator is a share of in the "
                f"{c.period}.",
                "Nothing to fill in: the figure exists when there are such cases.",
            ),
        }
        return words.get(
            cause,
            Words(
                "Figures not available",
                "Not available",
                f"The figure could not be worked out: {reason}.",
                "The inspection's analyst can say more; the method is in docs/indicators.md.",
            ),
        )


NO_TARGET = Words(
    "No target set",
    "No target set",
    "No target is set for this indicator. Inspectorate sets one only where a published standard gives it, "
    "as the Home Office's call-handling standards do for 999 and 101 calls.",
    "A developer adds a target to the indicator's definition (docs/indicators.md) if a published "
    "standard comes to set one.",
)


def printed_words(cause: str, reason: str, c: Context) -> Words:
    """A report's missing figures: as it stood when printed, and what its reader can do about them."""
    draft = c.printed == "draft"
    when = "The draft report prints" if draft else "The report printed"
    later = (
        "If you know the figure, or think it wrong to leave out, say so to the inspection team in your "
        "factual-accuracy response."
        if draft
        else "Published figures never change; later reports carry the figure once it is known."
    )
    words = {
        "msg-no-groups": Words(
            "No most similar group entered",
            "No group set",
            f"{when} no most similar group figures: no most similar group had been entered for {c.force}.",
            f"{later} The inspectorate's staff enter most similar groups as the Home Office publishes them.",
        ),
        "msg-not-pooled": Words(
            "No most similar group figure: peers' data missing",
            "Peers' data missing",
            f"{when} no most similar group figure: it is pooled from each peer's own data, and not every "
            "peer's data covered the period.",
            later,
        ),
        "ew-not-known": Words(
            "No England and Wales figure for this period",
            "Not known for this period",
            f"{when} no England and Wales figure: the national tables held did not cover the period, "
            "none was published for it, nor could one be pooled from all 43 forces' data.",
            later,
        ),
        "previous-no-data": Words(
            "No figure for the previous 12 months",
            "No data for that period",
            f"{when} no figure for the 12 months before: {c.force}'s data did not cover them.",
            later,
        ),
        "force-no-figure": Words(
            "No figure of the force's own to compare",
            "Nothing to compare",
            f"{when} no figure for {c.force} itself, so there is nothing to set against this one.",
            later,
        ),
        "no-target": NO_TARGET,
        "value-missing": Words(
            "No figure for the force",
            "No figure",
            f"{when} no figure for {c.force}: the reason is given beside the indicator.",
            later,
        ),
    }
    return words.get(
        cause,
        Words(
            "Figures not available",
            "Not available",
            f"{when} no figure here ({reason or 'no reason recorded'}).",
            later,
        ),
    )
