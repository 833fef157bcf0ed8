"""Finding a review by its reference or its code, for the CLI."""

from __future__ import annotations

import uuid

from inspectorate.core.problems import InputError
from inspectorate.web.reviews.models import CaseReview


def find_review(identifier: str) -> CaseReview:
    reviews = CaseReview.objects.select_related("inspection", "template")
    found = reviews.filter(reference__iexact=identifier).first()
    if found is None:
        try:
            found = reviews.filter(code=uuid.UUID(identifier)).first()
        except ValueError:
            found = None
    if found is None:
        raise InputError(f"no review {identifier!r} (see `inspectorate reviews list`)")
    return found
