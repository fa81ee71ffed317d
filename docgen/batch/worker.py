"""The worker that `docgen serve` runs beside itself when jobs use this machine's queue: a child
process, `docgen worker`, stopped with the service and ended by the system if the service dies
without stopping it."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from docgen import logs

#: Time for the documents being made to be finished when the service stops.
STOP_SECONDS = 30
_PR_SET_PDEATHSIG = 1
NICENESS = 10


def worker_command(processes: int | None = None) -> list[str]:
    """The command that runs `docgen worker` with this Python."""
    return [sys.executable, "-c", "from docgen.cli import main; main()", "worker",
            *([f"--processes={processes}"] if processes else [])]


def is_worker(pid: int) -> bool:
    """Whether process ``pid`` is a `docgen worker`, as `worker_command` starts it (Linux)."""
    try:
        return b"worker" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False


def _beside_the_service() -> None:
    # A batch gives way to the requests of people at the form: its processes run at a lower
    # priority than the service's, which matters only when the cores are busy.
    os.nice(NICENESS)
    # Linux: the child gets SIGTERM when the service's process dies, however it dies.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


@contextlib.contextmanager
def embedded_worker(processes: int | None = None) -> Iterator[subprocess.Popen]:
    child = subprocess.Popen(worker_command(processes), preexec_fn=_beside_the_service,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
    relay = threading.Thread(target=_relay, args=(child.stdout,), name="worker-lines", daemon=True)
    relay.start()
    owner = os.getpid()
    try:
        yield child
    finally:
        # gunicorn forks its workers inside this block, and one that ends leaves it too: only the
        # service's own process stops the job worker.
        if os.getpid() == owner:
            child.terminate()  # Celery's warm shutdown: documents under way are finished
            try:
                child.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            relay.join(STOP_SECONDS)


def _relay(lines: IO[str]) -> None:
    """The worker's lines in the service's log, in its format: Celery prints some itself, past
    logging ("worker: Warm shutdown"), and in JSON those are logged here as the worker's warnings."""
    logs.configure()
    log = logging.getLogger(f"{logs.LOGGER}.worker")
    as_json = logs.log_format() == "json"
    for line in lines:
        if as_json and line.strip() and not line.startswith("{"):
            log.warning("%s", line.rstrip())
        else:
            sys.stderr.write(line)  # already in the format: the worker's own lines
