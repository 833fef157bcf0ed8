"""What the inspection's lifecycle asks of this app before a move (web/lifecycle)."""

from __future__ import annotations

from inspectorate.web.factcheck.models import Comment
from inspectorate.web.inspections.models import Inspection


def unanswered_comments(inspection: Inspection) -> int:
    """How many of the force's factual-accuracy comments the team has not answered."""
    return Comment.objects.filter(inspection=inspection, answer__isnull=True).count()
