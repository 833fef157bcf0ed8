"""Work done once per `NationalData`: the index every comparison reads, kept while the data is in use.

`NationalData` is frozen, so what is worked out from one object stays true of it. Hashing tens of
thousands of figures to find the cached work would cost more than the work, so the cache is keyed
on the object's identity; it holds the object itself, so that its id cannot be reused by another
while the entry lives.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from inspectorate.core.national.figures import NationalData

T = TypeVar("T")

# A page builds its comparisons from one NationalData; a handful covers a reload racing a request.
KEPT = 4


def per_data(build: Callable[[NationalData], T]) -> Callable[[NationalData], T]:
    """``build(data)`` worked out once for each data object (the last ``KEPT`` of them)."""
    cache: OrderedDict[int, tuple[NationalData, T]] = OrderedDict()
    lock = threading.Lock()

    @wraps(build)
    def cached(data: NationalData) -> T:
        with lock:
            entry = cache.get(id(data))
            if entry is not None and entry[0] is data:
                cache.move_to_end(id(data))
                return entry[1]
        built = build(data)
        with lock:
            cache[id(data)] = (data, built)
            cache.move_to_end(id(data))
            while len(cache) > KEPT:
                cache.popitem(last=False)
        return built

    return cached
