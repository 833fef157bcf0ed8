"""The audit trail in words: each change to an inspection's records told as a sentence a reader
follows ("Grade for Responding to the public changed from Inadequate to Good"), with the areas it
touches and each field's old and new values as people read them (grade labels, area titles,
usernames), never as stored (level ids, database ids, model names).

The log (django-auditlog) keeps every value as text; ``None`` and reverse relations come back as
the strings "None" and "app.Model.None".
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils import timezone

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks.spec import Framework
from inspectorate.web.inspections.models import (
    Evidence,
    EvidenceKind,
    Finding,
    Inspection,
    LinkDecision,
    Status,
    TeamRole,
)


class ChangeKind(StrEnum):
    """What a change is about: the filter's choices on the history page."""

    GRADES = "grades"
    FINDINGS = "findings"
    EVIDENCE = "evidence"
    STATUS = "status"
    TEAM = "team"
    FORCE = "force"
    FIELDWORK = "fieldwork"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def matters(self) -> bool:
        """Grades, findings, status and publication: the changes a reader looks for first."""
        return self in (ChangeKind.GRADES, ChangeKind.FINDINGS, ChangeKind.STATUS)


_KIND_LABELS = {
    ChangeKind.GRADES: "Grades and judgments",
    ChangeKind.FINDINGS: "Findings",
    ChangeKind.EVIDENCE: "Evidence",
    ChangeKind.STATUS: "Status and publishing",
    ChangeKind.TEAM: "Team and contacts",
    ChangeKind.FORCE: "Requests and factual accuracy",
    ChangeKind.FIELDWORK: "Audits, reviews, activities and published figures",
}

STATUS_LABELS = dict(Status.choices)

_KIND_OF_RECORD = {
    "judgment": ChangeKind.GRADES,
    "finding": ChangeKind.FINDINGS,
    "findinglink": ChangeKind.FINDINGS,
    "evidence": ChangeKind.EVIDENCE,
    "inspection": ChangeKind.STATUS,
    "reportversion": ChangeKind.STATUS,
    "teammember": ChangeKind.TEAM,
    "inspectioncontact": ChangeKind.TEAM,
    "evidencefile": ChangeKind.EVIDENCE,
    "statusmove": ChangeKind.STATUS,
    "decision": ChangeKind.GRADES,  # the moderator's (web/moderation)
    "forcerequest": ChangeKind.FORCE,
    "requestanswer": ChangeKind.FORCE,
    "comment": ChangeKind.FORCE,  # the force's factual-accuracy comments (web/factcheck)
    "answer": ChangeKind.FORCE,
}

# Fields that identify a record rather than describe it: never shown.
_HIDDEN = frozenset({"id", "code", "inspection", "content_hash", "frame_sha256", "frame_file", "audit"})
_RELATION = re.compile(r"^\w+\.\w+\.None$")  # a reverse relation, logged as "app.Model.None"

_LABELS = {
    "area_id": "Area",
    "area_ids": "Areas",
    "grade": "Grade",
    "direction": "Direction of travel",
    "summary": "Summary",
    "source": "Source",
    "kind": "Kind",
    "text": "Text",
    "note": "Note for the team",
    "parent": "Cause of concern it answers",
    "position": "Place in the report's order",
    "title": "Title",
    "description": "Description",
    "collected_on": "Collected on",
    "date_label": "Date as stated",
    "attributed_to": "Attributed to",
    "created_by": "Added by",
    "status": "Status",
    "correction_reason": "Reason for the correction",
    "published_on": "Published on",
    "published_label": "Publication date as printed",
    "period_label": "Period",
    "period_start": "Period starts",
    "period_end": "Period ends",
    "exercise": "Exercise on synthetic data",
    "number": "Version",
    "embargo_until": "Public from",
    "reason": "Reason for the correction",
    "published_by": "Published by",
    "published_at": "Published at",
    "user": "Person",
    "role": "Role",
    "decision": "Decision",
    "decided_by": "Decided by",
    "earlier": "Earlier finding",
    "later": "Later finding",
    "measure": "Measure",
    "reference": "Reference",
}

_PEOPLE = ("user", "created_by", "published_by", "decided_by")

QUOTED_LENGTH = 120


def quoted(text: str, length: int = QUOTED_LENGTH) -> str:
    """A text in quotes, cut at a word with an ellipsis when long."""
    text = " ".join(text.split())
    if len(text) > length:
        text = text[:length].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
    return f"\u2018{text}\u2019"  # single quotes, as GOV.UK style quotes


def _value(raw: object) -> str | None:
    if raw is None or raw == "None":
        return None
    return str(raw)


@dataclass(frozen=True)
class Detail:
    """One field of a change, as read: its label and its old and new values (None: none)."""

    field: str
    label: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Told:
    kind: ChangeKind
    headline: str
    areas: tuple[str, ...]
    details: tuple[Detail, ...] = ()


@dataclass
class Teller:
    """What the words need besides the log: the framework's titles and labels, the people, and the
    inspection's current findings and evidence (an edit's log names only what changed)."""

    spec: Framework
    users: Mapping[int, str]
    findings: Mapping[str, Finding]
    finding_texts: Mapping[int, str]
    evidence: Mapping[str, Evidence]
    titles: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.titles = {place.area.id: place.area.title for place in self.spec.walk()}

    @classmethod
    def for_inspection(cls, inspection: Inspection, entries: Iterable[LogEntry]) -> Teller:
        user_ids: set[int] = set()
        for entry in entries:
            for name in _PEOPLE:
                pair = (entry.changes_dict or {}).get(name)
                for raw in pair or ():
                    text = _value(raw)
                    if text and text.isdigit():
                        user_ids.add(int(text))
        findings = list(inspection.findings.all())
        return cls(
            spec=inspection.spec,
            users=dict(User.objects.filter(pk__in=user_ids).values_list("pk", "username")),
            findings={str(f.code): f for f in findings},
            finding_texts={f.pk: f.text for f in findings},
            evidence={str(e.code): e for e in inspection.evidence.all()},
        )

    # Values as read ---------------------------------------------------------------------------

    def area_title(self, area_id: str) -> str:
        return self.titles.get(area_id, area_id)

    def area_list(self, raw: str | None) -> list[str]:
        if not raw:
            return []
        try:
            ids = json.loads(raw)
        except ValueError:
            return [raw]
        return [str(a) for a in ids] if isinstance(ids, list) else [str(ids)]

    def areas_text(self, ids: Iterable[str]) -> str:
        titles = [self.area_title(a) for a in ids]
        return "; ".join(titles) if titles else "the whole force"

    def level(self, area_id: str | None, value: str | None, direction: bool = False) -> str | None:
        if not value:
            return None
        try:
            area = self.spec.area(area_id or "")
        except KeyError:
            return value
        scale_id = area.direction_scale if direction else area.scale
        if not scale_id:
            return value
        level = self.spec.scale(scale_id).level(value)
        return level.label if level else value

    def shown(self, name: str, raw: str | None, area_id: str | None) -> str | None:
        """A field's value as a reader reads it."""
        if raw is None or raw == "":
            return None
        if name == "grade":
            return self.level(area_id, raw)
        if name == "direction":
            return self.level(area_id, raw, direction=True)
        if name in ("area_ids",):
            return self.areas_text(self.area_list(raw))
        if name == "area_id":
            return self.area_title(raw)
        if name in _PEOPLE:
            return self.users.get(int(raw), "someone since removed") if raw.isdigit() else raw
        if name == "parent":
            text = self.finding_texts.get(int(raw)) if raw.isdigit() else None
            return quoted(text) if text else "a cause of concern since removed"
        if name in ("earlier", "later"):
            text = self.finding_texts.get(int(raw)) if raw.isdigit() else None
            return quoted(text) if text else "a finding of another inspection"
        if name == "kind":
            return _label_of(raw, {**{k.value: k.label for k in FindingKind}, **dict(EvidenceKind.choices)})
        if name == "status":
            return _label_of(raw, dict(Status.choices))
        if name == "role":
            return _label_of(raw, dict(TeamRole.choices))
        if name == "decision":
            return _label_of(raw, dict(LinkDecision.choices))
        if name in ("exercise", "synthetic", "include_asb"):
            return {"True": "Yes", "False": "No"}.get(raw, raw)
        if name in ("embargo_until", "published_at"):
            return local_minute(raw) or raw
        return raw

    def details(self, entry: LogEntry, area_id: str | None = None) -> tuple[Detail, ...]:
        found = []
        model = entry.content_type.model_class() if entry.content_type_id else None
        for name, pair in _pairs(entry).items():
            if name in _HIDDEN or any(v is not None and _RELATION.match(v) for v in pair):
                continue
            if name not in _PEOPLE_AND_FINDINGS and _is_row_id(model, name, pair):
                continue  # a link to another record by its database id: nothing a reader can read
            old, new = (self.shown(name, v, area_id) for v in pair)
            if old == new:
                continue
            label = _LABELS.get(name, name.replace("_", " ").capitalize())
            found.append(Detail(name, label, old, new))
        return tuple(found)

    # Each kind of record ------------------------------------------------------------------------

    def tell(self, entry: LogEntry) -> Told:
        model = entry.content_type.model if entry.content_type_id else ""
        tellers: dict[str, Callable[[LogEntry], Told]] = {
            "judgment": self._judgment,
            "finding": self._finding,
            "evidence": self._evidence,
            "inspection": self._inspection,
            "reportversion": self._version,
            "teammember": self._team_member,
            "findinglink": self._link,
            "statusmove": self._move,
            "decision": self._moderation,
        }
        teller = tellers.get(model)
        if teller is not None:
            return teller(entry)
        return self._other(entry)

    def _judgment(self, entry: LogEntry) -> Told:
        extra = entry.additional_data or {}
        area_id = str(extra.get("area") or _pairs(entry).get("area_id", (None, None))[1] or "")
        area = self.area_title(area_id)
        details = self.details(entry, area_id)
        if entry.action == LogEntry.Action.DELETE:
            return Told(ChangeKind.GRADES, f"Judgment for {area} removed", (area_id,), details)
        changed = {d.field: d for d in details}
        parts: list[tuple[str, str]] = []  # (what, how it changed)
        for name, noun in (("grade", "Grade"), ("direction", "Direction of travel")):
            if name in changed:
                parts.append((noun, _how(changed[name])))
        if "summary" in changed:
            summary = changed["summary"]
            verb = "written" if summary.old is None else ("removed" if summary.new is None else "rewritten")
            parts.append(("Summary", verb))
        if "source" in changed and changed["source"].new:
            parts.append(("Source of the grade", "recorded"))
        if not parts:
            what = "recorded, not graded yet" if entry.action == LogEntry.Action.CREATE else "saved unchanged"
            return Told(ChangeKind.GRADES, f"Judgment for {area} {what}", (area_id,), details)
        (noun, how), rest = parts[0], parts[1:]
        headline = "; ".join([f"{noun} for {area} {how}", *(f"{n.lower()} {h}" for n, h in rest)])
        return Told(ChangeKind.GRADES, headline, (area_id,), details)

    def _finding(self, entry: LogEntry) -> Told:
        pairs = _pairs(entry)
        current = self.findings.get(str((entry.additional_data or {}).get("finding", "")))
        old_areas = self.area_list(pairs.get("area_ids", (None, None))[0])
        new_areas = self.area_list(pairs.get("area_ids", (None, None))[1])
        areas = new_areas or old_areas or (list(current.area_ids) if current else [])
        kind_id = _last(pairs.get("kind")) or (current.kind if current else "")
        kind = _label_of(kind_id, {k.value: k.label for k in FindingKind}).lower() if kind_id else "finding"
        text = _last(pairs.get("text")) or (current.text if current else entry.object_repr.partition(": ")[2])
        where = self.areas_text(areas)
        details = self.details(entry)
        all_areas = tuple(dict.fromkeys([*old_areas, *new_areas, *areas]))
        if entry.action == LogEntry.Action.CREATE:
            place = f"added to {where}" if areas else "added on the whole force"
            headline = f"Finding ({kind}) {place}: {quoted(text)}"
        elif entry.action == LogEntry.Action.DELETE:
            place = f"removed from {where}" if areas else "on the whole force removed"
            headline = f"Finding ({kind}) {place}: {quoted(text)}"
        else:
            what = ", ".join(_finding_edit(d) for d in details) or "saved unchanged"
            headline = f"Finding ({kind}) on {where} changed ({what}): {quoted(text)}"
        return Told(ChangeKind.FINDINGS, headline, all_areas, details)

    def _evidence(self, entry: LogEntry) -> Told:
        pairs = _pairs(entry)
        current = self.evidence.get(str((entry.additional_data or {}).get("evidence", "")))
        title = _last(pairs.get("title")) or (current.title if current else entry.object_repr)
        old_areas = self.area_list(pairs.get("area_ids", (None, None))[0])
        new_areas = self.area_list(pairs.get("area_ids", (None, None))[1])
        areas = new_areas or old_areas or (list(current.area_ids) if current else [])
        details = self.details(entry)
        all_areas = tuple(dict.fromkeys([*old_areas, *new_areas, *areas]))
        if entry.action == LogEntry.Action.CREATE:
            kind = self.shown("kind", _last(pairs.get("kind")), None)
            about = f", on {self.areas_text(areas)}" if areas else ""
            headline = f"Evidence added: {quoted(title)}{f' ({kind.lower()})' if kind else ''}{about}"
        elif entry.action == LogEntry.Action.DELETE:
            headline = f"Evidence removed: {quoted(title)}"
        else:
            what = ", ".join(d.label.lower() for d in details) or "saved unchanged"
            headline = f"Evidence {quoted(title)} changed: {what}"
        return Told(ChangeKind.EVIDENCE, headline, all_areas, details)

    def _inspection(self, entry: LogEntry) -> Told:
        details = self.details(entry)
        if entry.action == LogEntry.Action.CREATE:
            return Told(ChangeKind.STATUS, f"Inspection recorded: {quoted(entry.object_repr)}", (), details)
        if entry.action == LogEntry.Action.DELETE:
            return Told(ChangeKind.STATUS, f"Inspection deleted: {quoted(entry.object_repr)}", (), details)
        changed = {d.field: d for d in details}
        parts = []
        if "status" in changed:
            parts.append(f"Status {_how(changed['status'])}")
        if "correction_reason" in changed:
            reason = changed["correction_reason"].new
            parts.append(f"Correction opened: {quoted(reason)}" if reason else "Correction closed")
        if "published_on" in changed and changed["published_on"].new:
            parts.append(f"Publication day set to {long_date(changed['published_on'].new)}")
        rest = [d.label.lower() for name, d in changed.items() if name not in _INSPECTION_TOLD]
        if rest:
            parts.append(f"Details changed: {', '.join(rest)}")
        return Told(ChangeKind.STATUS, "; ".join(parts) or "Inspection saved unchanged", (), details)

    def _version(self, entry: LogEntry) -> Told:
        pairs = _pairs(entry)
        number = _last(pairs.get("number")) or str((entry.additional_data or {}).get("version", ""))
        public_from = local_minute(_last(pairs.get("embargo_until")))
        reason = _last(pairs.get("reason"))
        headline = f"Report published as version {number}"
        if public_from:
            headline += f", public from {public_from}"
        if reason:
            headline += f", correcting: {quoted(reason)}"
        return Told(ChangeKind.STATUS, headline, (), self.details(entry))

    def _team_member(self, entry: LogEntry) -> Told:
        pairs = _pairs(entry)
        details = self.details(entry)
        person = self.shown("user", _last(pairs.get("user")), None) or entry.object_repr.split(" (")[0]
        role = self.shown("role", _last(pairs.get("role")), None)
        if entry.action == LogEntry.Action.CREATE:
            headline = f"{person} joined the team" + (f" as {role.lower()}" if role else "")
        elif entry.action == LogEntry.Action.DELETE:
            headline = f"{person} left the team"
        else:
            changed = {d.field: d for d in details}
            headline = (
                f"{person}'s role {_how(changed['role'], lower=True)}"
                if "role" in changed
                else f"{person}'s place on the team saved unchanged"
            )
        return Told(ChangeKind.TEAM, headline, (), details)

    def _link(self, entry: LogEntry) -> Told:
        decision = self.shown("decision", _last(_pairs(entry).get("decision")), None)
        verb = "removed" if entry.action == LogEntry.Action.DELETE else "decided"
        headline = f"Link to an earlier finding {verb}" + (f": {decision}" if decision else "")
        current = self.findings.get(str((entry.additional_data or {}).get("finding", "")))
        areas = tuple(current.area_ids) if current else ()
        return Told(ChangeKind.FINDINGS, headline, areas, self.details(entry))

    def _move(self, entry: LogEntry) -> Told:
        """A move between stages (web/lifecycle), with its reason where it has one."""
        pairs = _pairs(entry)
        source, target = (
            _label_of(_last(pairs.get(f)) or "", STATUS_LABELS) for f in ("from_status", "to_status")
        )
        reason = _last(pairs.get("reason"))
        headline = f"Moved from {source.lower()} to {target.lower()}"
        if reason:
            headline += f": {quoted(reason)}"
        return Told(ChangeKind.STATUS, headline, (), self.details(entry))

    def _moderation(self, entry: LogEntry) -> Told:
        """The moderator's decision on an area's grade (web/moderation)."""
        pairs = _pairs(entry)
        area_id = _last(pairs.get("area_id")) or ""
        area = self.area_title(area_id)
        proposed = self.level(area_id, _last(pairs.get("proposed_grade")))
        grade = self.level(area_id, _last(pairs.get("grade")))
        reason = _last(pairs.get("reason"))
        if _last(pairs.get("decision")) == "moderated":
            headline = f"Moderation: {area} moderated from {proposed} to {grade}"
            headline += f": {quoted(reason)}" if reason else ""
        else:
            headline = f"Moderation: {area} agreed at {grade}"
        return Told(ChangeKind.GRADES, headline, (area_id,) if area_id else (), self.details(entry, area_id))

    def _other(self, entry: LogEntry) -> Told:
        """Audits, reviews, published figures, the plan and the factual-accuracy check: told by
        their own names."""
        model_class = entry.content_type.model_class() if entry.content_type_id else None
        noun = str(model_class._meta.verbose_name) if model_class else "record"
        # The record's own name where the change holds it (its measure or title, whole); the log's
        # short description of it otherwise, which a model may have cut mid-word.
        pairs = _pairs(entry)
        whole = _last(pairs.get("measure")) or _last(pairs.get("title"))
        name = quoted(whole or entry.object_repr.partition(": ")[2] or entry.object_repr)
        details = self.details(entry)
        area_id = _last(_pairs(entry).get("area_id"))
        if entry.action == LogEntry.Action.CREATE:
            headline = f"{noun.capitalize()} added: {name}"
        elif entry.action == LogEntry.Action.DELETE:
            headline = f"{noun.capitalize()} removed: {name}"
        else:
            what = ", ".join(d.label.lower() for d in details) or "saved unchanged"
            headline = f"{noun.capitalize()} {name} changed: {what}"
        model = entry.content_type.model if entry.content_type_id else ""
        kind = _KIND_OF_RECORD.get(model, ChangeKind.FIELDWORK)
        return Told(kind, headline, (area_id,) if area_id else (), details)


_PEOPLE_AND_FINDINGS = frozenset({*_PEOPLE, "parent", "earlier", "later"})


def _is_row_id(model: type[Model] | None, name: str, pair: tuple[str | None, str | None]) -> bool:
    try:
        is_link = model is not None and model._meta.get_field(name).is_relation
    except FieldDoesNotExist:
        return False
    return is_link and all(v is None or v.isdigit() for v in pair)


_INSPECTION_TOLD = frozenset({"status", "correction_reason", "published_on"})


def _pairs(entry: LogEntry) -> dict[str, tuple[str | None, str | None]]:
    """Each field's [old, new] as text or None; a new record had no old values."""
    pairs = {}
    for name, values in (entry.changes_dict or {}).items():
        old, new = (_value(v) for v in [*values, None, None][:2])
        if entry.action == LogEntry.Action.CREATE:
            old = None
        if entry.action == LogEntry.Action.DELETE:
            new = None
        pairs[name] = (old, new)
    return pairs


def _last(pair: tuple[str | None, str | None] | None) -> str | None:
    """The value a field had after the change, or before it for a record removed."""
    if pair is None:
        return None
    return pair[1] if pair[1] is not None else pair[0]


def _label_of(value: str, labels: Mapping[str, str]) -> str:
    return labels.get(value, value)


def _how(detail: Detail, lower: bool = False) -> str:
    """How a value changed: "set to Good", "removed (was Good)", "changed from Inadequate to Good"."""

    def word(value: str | None) -> str:
        value = value or ""
        return value.lower() if lower else value

    if detail.old is None:
        return f"set to {word(detail.new)}"
    if detail.new is None:
        return f"removed (was {word(detail.old)})"
    return f"changed from {word(detail.old)} to {word(detail.new)}"


def _finding_edit(detail: Detail) -> str:
    return {
        "text": "text reworded",
        "area_ids": "areas changed",
        "kind": f"kind now {detail.new.lower() if detail.new else 'none'}",
        "note": "note changed",
        "parent": "cause of concern changed",
        "position": "moved in the report's order",
    }.get(detail.field, f"{detail.label.lower()} changed")


def local_minute(raw: str | None) -> str | None:
    """A logged date and time (UTC, without its zone) as UK time to the minute: 6 December 2026 14:05."""
    if not raw:
        return None
    try:
        when = datetime.datetime.fromisoformat(raw)
    except ValueError:
        return None
    if timezone.is_naive(when):
        when = when.replace(tzinfo=datetime.UTC)
    return timezone.localtime(when).strftime("%-d %B %Y %H:%M")


def long_date(raw: str) -> str:
    try:
        return datetime.date.fromisoformat(raw[:10]).strftime("%-d %B %Y")
    except ValueError:
        return raw
