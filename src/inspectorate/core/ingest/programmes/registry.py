"""The programmes with a reader, most specific first. Each module offers ``PROGRAMME``.

PEEL 2021/22 comes first: its reports mention the crime data integrity inspections they absorbed,
and a stand-alone crime data integrity report never mentions PEEL's later rounds. The PEEL pages of
2014 to 2017 come before crime data integrity too: an overview page may mention that inspection.
The later rounds (2025-27, 2023-25) come before 2021/22, which some of their pages mention; the
2014 crime data integrity reader comes after the rolling programme's, which recalls 2014. The
2004 and 2005 baseline assessments come last: a 2006 report recalls the first baseline of 2004.
"""

from __future__ import annotations

from inspectorate.core.ingest.contract import Programme
from inspectorate.core.ingest.programmes import (
    ba2006,
    baseline,
    cdi2014,
    cdi2016,
    core2014,
    peel2015,
    peel2018,
    peel2021,
    peel2023,
    peel2025,
    peel_pages,
)

PROGRAMMES: tuple[Programme, ...] = (
    peel2025.PROGRAMME,
    peel2023.PROGRAMME,
    peel2021.PROGRAMME,
    peel2018.PROGRAMME,
    peel2015.PROGRAMME,
    *peel_pages.PROGRAMMES,
    # A core business letter names its title at the top; it also talks about crime recording.
    core2014.PROGRAMME,
    cdi2016.PROGRAMME,
    cdi2014.PROGRAMME,
    ba2006.PROGRAMME,
    *baseline.PROGRAMMES,
)
