"""Finding an inspection by its reference or its code, for the CLI."""

from __future__ import annotations

import uuid

from inspectorate.core.problems import InputError
from inspectorate.web.inspections.models import Inspection


def find_inspection(identifier: str) -> Inspection:
    found = Inspection.objects.filter(reference__iexact=identifier).first()
    if found is None:
        try:
            found = Inspection.objects.filter(code=uuid.UUID(identifier)).first()
        except ValueError:
            found = None
    if found is None:
        raise InputError(f"no inspection {identifier!r} (see `inspectorate inspections list`)")
    return found
