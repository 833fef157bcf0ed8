"""The programmes with a reader, most specific first. Each module offers ``PROGRAMME``.

PEEL 2021/22 comes first: its reports mention the crime data integrity inspections they absorbed,
and a stand-alone crime data integrity report never mentions PEEL's later rounds.
"""

from __future__ import annotations

from inspectorate.core.ingest.contract import Programme
from inspectorate.core.ingest.programmes import ba2006, cdi2016, core2014, peel2015, peel2018, peel2021

PROGRAMMES: tuple[Programme, ...] = (
    peel2021.PROGRAMME,
    peel2018.PROGRAMME,
    peel2015.PROGRAMME,
    cdi2016.PROGRAMME,
    core2014.PROGRAMME,
    ba2006.PROGRAMME,
)
