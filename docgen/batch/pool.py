"""Making a batch's documents in parallel processes on this machine, for the command line.

Processes rather than threads: WeasyPrint is not thread-safe, and rendering is CPU work that
threads of one interpreter would not spread over cores."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed

from docgen.batch.items import Item, make


def cores() -> int:
    """The cores this process may run on (which a container may limit)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def make_all(items: list[Item], processes: int | None = None) -> Iterator[tuple[Item, bytes | None]]:
    """Each item with its document's bytes as soon as it is made (in no set order), or with None
    when making it failed: a fault in docgen that must not stop the other documents."""
    if not items:
        return
    with ProcessPoolExecutor(min(processes or cores(), len(items))) as pool:
        futures = {pool.submit(make, item): item for item in items}
        for future in as_completed(futures):
            yield futures[future], None if future.exception() else future.result()
