"""Short names for what runs inside an inspection: its reference and a suffix, numbered when taken."""

from __future__ import annotations

from django.db import models

from inspectorate.core.problems import Problem, ProblemsError
from inspectorate.web.inspections.models import Inspection

# The longest short name an audit or a review may have (their models' ``reference`` fields).
REFERENCE_LENGTH = 80


def check_reference(reference: str, source: str = "reference") -> str:
    """A short name as given, stripped; a ProblemsError (path ``reference``) when it is too long."""
    reference = reference.strip()
    if len(reference) > REFERENCE_LENGTH:
        message = f"at most {REFERENCE_LENGTH} characters, this one has {len(reference)}"
        raise ProblemsError([Problem(source, None, "reference", message)])
    return reference


def free_reference(model: type[models.Model], inspection: Inspection, suffix: str) -> str:
    """``MPS-PEEL-2021-CDI``, else ``MPS-PEEL-2021-CDI-2``, ``-3``... the first not used by ``model``."""
    base = f"{inspection.reference}-{suffix}"
    taken = model._default_manager.filter  # every model here has a unique `reference`
    if not taken(reference=base).exists():
        return base
    number = 2
    while taken(reference=f"{base}-{number}").exists():
        number += 1
    return f"{base}-{number}"
