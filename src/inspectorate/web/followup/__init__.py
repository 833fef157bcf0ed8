"""Findings followed after publication: addressee, timescale and owner; the force's updates; the
inspectorate's verdicts."""
