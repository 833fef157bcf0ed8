"""Who may see a piece of fieldwork, its working material, and change it.

Whoever may see the inspection sees its fieldwork and the results. The working material (an audit's
records, a review's cases and answers, and the sheets that carry them) is for the team, of any role,
and staff: anyone else gets a 404, even once the inspection is published. Changes are for those who
may change the inspection, while its fieldwork is open (until its report is first published): anyone
else who may see it gets a 403, and so does a change once the fieldwork is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from inspectorate.web.inspections.access import can_see_audit_records, get_inspection_for_user
from inspectorate.web.inspections.locking import LockedRecord, ensure_fieldwork_open, is_published
from inspectorate.web.inspections.models import Inspection

READ_ONLY = "You may read this inspection but not change it."


# A piece of fieldwork: a model with a foreign key to its inspection and a ``code``.
P = TypeVar("P", bound=Model)


@dataclass(frozen=True)
class Fieldwork(Generic[P]):
    """How one kind of fieldwork is found inside an inspection, and what its 404s say."""

    of: Callable[[Inspection], QuerySet[P]]
    missing: str
    """The 404 for a code the inspection does not have."""
    material_missing: str
    """The 404 for working material the user may not see."""

    def _part(self, inspection: Inspection, part_code: UUID) -> P:
        part = self.of(inspection).filter(code=part_code).first()
        if part is None:
            raise Http404(self.missing)
        # The inspection is already fetched with its force and framework: pages need them all.
        setattr(part, "inspection", inspection)  # noqa: B010
        return part

    def for_user(self, request: HttpRequest, code: UUID, part_code: UUID) -> tuple[P, bool]:
        """The part and whether this user may change it; 404 unless its inspection is visible to them."""
        inspection, can_write = get_inspection_for_user(request, code)
        return self._part(inspection, part_code), can_write

    def material_for_user(self, request: HttpRequest, code: UUID, part_code: UUID) -> tuple[P, bool]:
        """As ``for_user``, for the working material: 404 unless the team or staff."""
        inspection, can_write = get_inspection_for_user(request, code)
        part = self._part(inspection, part_code)
        if not can_see_audit_records(request.user, inspection):
            raise Http404(self.material_missing)
        return part, can_write

    def writable(self, request: HttpRequest, code: UUID, part_code: UUID, *, material: bool = False) -> P:
        """The part, for a writer while its inspection is unpublished; ``material`` for a change that
        shows working material (404 before 403)."""
        inspection, can_write = get_inspection_for_user(request, code)
        part = self._part(inspection, part_code)
        if material and not can_see_audit_records(request.user, inspection):
            raise Http404(self.material_missing)
        if not can_write:
            raise PermissionDenied(READ_ONLY)
        refuse_closed_fieldwork(inspection)
        return part


def fieldwork_open(inspection: Inspection) -> bool:
    """Whether the inspection still takes new fieldwork and changes to it: until its report is first
    published. Pages offer their forms only while it does (``refuse_closed_fieldwork`` says why not)."""
    return not is_published(inspection)


def refuse_closed_fieldwork(inspection: Inspection) -> None:
    """A 403 saying why, for a change to the fieldwork of a published inspection."""
    try:
        ensure_fieldwork_open(inspection)
    except LockedRecord as exc:
        raise PermissionDenied(str(exc)) from None
