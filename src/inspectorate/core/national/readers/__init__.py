"""Readers of the official national tables, one module (or a few) per publication; each takes a
file as published and gives a ``NationalTable`` (an edition, its measures, every figure) or raises
located problems.

- ``ons_pfa``: ONS police force area data tables (recorded crime counts and rates, the
  populations and households divided by, anti-social behaviour incidents, mid-year estimates);
  its tables in ``ons_pfa_crime`` and ``ons_pfa_series``, their shared cells in ``ons_pfa_grid``;
- ``prc_open_data``: Home Office police recorded crime open data by police force area (CSV);
- ``workforce``, ``use_of_force``: Home Office police workforce and use of force tables (ODS),
  with what they share in ``home_office_sheets``;
- ``lad_lookup``: the ONS local authority district to police force area lookup (no figures: which
  force serves each district);
- ``offences``: one measure name for an offence group, whichever table printed it.

Which reader a file needs is told from its content in ``national/reading.py``.
"""
