"""The time a request may spend rendering, and what happens when it is spent.

A render that runs past RENDER_TIMEOUT seconds (DOCGEN_RENDER_TIMEOUT; 0 switches it off) is
stopped with RenderTimeout, which the API answers with a 503 in its error shape and the form with
a page to read, instead of leaving the worker busy until gunicorn kills it (TIMEOUT in serve.py,
which this budget must stay under) and the client with a dropped connection.

The clock is SIGALRM (signal.setitimer), which Python delivers between bytecodes of the main
thread: it stops WeasyPrint's layout, which is Python, wherever it is. Signals can be handled
only in the main thread, so the budget holds where requests run there, as in gunicorn's sync
workers (what `docgen serve` runs) and Flask's test client; elsewhere (a threaded server) the
render runs without it. Stopping a render is safe, stopping an import is not: what the first
render of a process does once (importing WeasyPrint) is done before the clock starts, with
docgen.render.prepare.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app

#: Seconds; under gunicorn's 60 s worker timeout, with room for the rest of the request.
DEFAULT_SECONDS = 45.0
# How soon the alarm rings again when the first ring was swallowed.
_RING_AGAIN_AFTER = 0.05


class RenderTimeout(Exception):
    """The render ran past its budget and was stopped; nothing of it was kept."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"rendering stopped after {seconds:g} s")
        self.seconds = seconds


class _Expired(BaseException):
    """Raised by the alarm inside the render: a BaseException, so that no `except Exception`
    in a library (WeasyPrint logs and goes on past many) can swallow it."""


#: What a render stopped by its budget raises: the ring inside the budget, RenderTimeout at its
#: edge (docgen.web.metrics counts both as one expiry, wherever it watches from).
STOPPED = (_Expired, RenderTimeout)


def seconds_from(value: str | float | None) -> float:
    """The budget from DOCGEN_RENDER_TIMEOUT: unset or empty is the default, 0 is none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return DEFAULT_SECONDS
    seconds = float(value)
    if seconds < 0 or seconds != seconds:
        raise ValueError(f"DOCGEN_RENDER_TIMEOUT must be a number of seconds, 0 or more: {value!r}")
    return seconds


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raises RenderTimeout if the block runs longer than ``seconds`` (0 or None: no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not seconds or not usable:
        yield
        return

    has_rung = False
    finished = False

    def expire(signum, frame):
        # Where the alarm lands in code that swallows exceptions (a garbage-collector callback,
        # a __del__, a C callback), Python prints it and goes on: ring again until it lands
        # where it stops the render.
        nonlocal has_rung
        if finished:
            # Delivered late, after the block had ended (Python runs handlers between bytecodes,
            # and signal.signal() runs pending ones first): re-arming now would leave a timer
            # behind with nobody to stop it.
            return
        has_rung = True
        signal.setitimer(signal.ITIMER_REAL, _RING_AGAIN_AFTER)
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
        # A swallowed ring whose render then finished before the next one: still past its budget,
        # and answered the same way, so that the outcome never depends on where the alarm landed.
        if has_rung:
            raise _Expired
    except _Expired:
        raise RenderTimeout(seconds) from None
    finally:
        finished = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_budget():
    """time_limit() with the app's RENDER_TIMEOUT, for a request that renders."""
    return time_limit(current_app.config.get("RENDER_TIMEOUT"))
