"""Findings followed after publication: who a finding is addressed to, when it is due, where it
stands, and the inspectorate's verdict (states.py, timescales.py); the local policing body's
56-day response (accountability.py)."""
