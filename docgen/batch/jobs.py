"""Jobs: a batch of documents handed to the queue, followed by its id, fetched as one ZIP.

A job's id is its key: unguessable (secrets.token_urlsafe), never logged. What was refused on
submission (rows or cases that are not valid) is kept with the job as its first failures, so
that its status tells the whole story; the rest is made by the workers.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import time
import zipfile
from dataclasses import dataclass
from typing import Any

from docgen.batch import queue, store as stores
from docgen.batch.items import Item

REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
DEFAULT_REFERENCE = "documents"


@dataclass(frozen=True)
class Status:
    id: str
    reference: str
    state: str  # queued, running, done
    done: int
    total: int
    failures: list[dict]
    expires: float  # seconds since the epoch

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "reference": self.reference, "state": self.state,
                "progress": {"done": self.done, "total": self.total},
                "failures": self.failures,
                "expires": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.expires))}


def submit(items: list[Item], refused: list[dict], reference: str = DEFAULT_REFERENCE,
           environ: Any = os.environ) -> str:
    """Keeps the items and queues one message per item; the job's id. ``refused``: the failures
    found before (``{"row", "path", "message"}``)."""
    job = secrets.token_urlsafe(24)
    meta = {"reference": reference, "total": len(items), "refused": refused,
            "expires": time.time() + stores.ttl(environ)}
    stores.store(environ).create(job, meta, [item.to_json() for item in items])
    queue.enqueue(job, len(items), environ)
    return job


def status(job: str, environ: Any = os.environ) -> Status | None:
    kept = stores.store(environ)
    meta = kept.meta(job)
    if meta is None:
        return None
    made, failed = kept.finished(job)
    done = len(made | set(failed))
    total = meta["total"]
    failures = list(meta["refused"])
    for index in sorted(set(failed) - made):
        item = kept.item(job, index) or {}
        failures.append({"row": item.get("row"), "path": None, **failed[index]})
    state = "done" if done >= total else "running" if done else "queued"
    return Status(job, meta["reference"], state, done, total, failures, meta["expires"])


def result(job: str, environ: Any = os.environ) -> tuple[str, bytes] | None:
    """The job's documents as (ZIP name, ZIP bytes), then the job is deleted; None for no such
    job. Call it once the job is done."""
    kept = stores.store(environ)
    meta = kept.meta(job)
    if meta is None:
        return None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(meta["total"]):
            data = kept.document(job, index)
            if data is not None:
                archive.writestr(Item.from_json(kept.item(job, index)).filename, data)
    kept.delete(job)
    return f"{meta['reference']}.zip", buffer.getvalue()


def delete(job: str, environ: Any = os.environ) -> bool:
    kept = stores.store(environ)
    if kept.meta(job) is None:
        return False
    kept.delete(job)
    return True
