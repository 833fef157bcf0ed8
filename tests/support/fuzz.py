"""Settings shared by the fuzz targets in tests/fuzz.

In the test suite each target runs briefly (``INSPECTORATE_FUZZ_EXAMPLES``, 40 by default);
``scripts/fuzz`` runs them for minutes each with fresh seeds and reports what it found.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FUZZ_EXAMPLES = int(os.environ.get("INSPECTORATE_FUZZ_EXAMPLES", "40"))

# No deadline: a reader's time is bounded by its own limits, which the targets check themselves.
fuzz = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    database=None,
)
