"""Inspectorate: an open platform for inspecting police forces."""

__version__ = "0.1.0"
