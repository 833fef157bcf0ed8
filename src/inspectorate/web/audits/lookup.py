"""Finding an audit by its reference or its code, for the CLI."""

from __future__ import annotations

import uuid

from inspectorate.core.problems import InputError
from inspectorate.web.audits.models import CdiAudit


def find_audit(identifier: str) -> CdiAudit:
    found = CdiAudit.objects.select_related("inspection").filter(reference__iexact=identifier).first()
    if found is None:
        try:
            found = CdiAudit.objects.select_related("inspection").filter(code=uuid.UUID(identifier)).first()
        except ValueError:
            found = None
    if found is None:
        raise InputError(f"no audit {identifier!r} (see `inspectorate cdi list`)")
    return found
