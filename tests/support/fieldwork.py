"""Fieldwork the web tests make: answers to the shipped case-file review template."""

from __future__ import annotations

from inspectorate.core.casereview.library import get_template
from inspectorate.core.casereview.published import answers_reproducing

# One complete first review that every question the shipped template shows accepts.
REVIEW_ANSWERS = answers_reproducing(get_template("peel-2021-victim-service"), {}, 1)[0]
