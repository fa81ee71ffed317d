"""`docgen serve`: the web service under gunicorn, started from Python.

Rendering is CPU work (a PDF takes about half a second), so the service runs one synchronous
worker process per core rather than threads. Each worker builds its own app with create_app();
what they must share, the secret key that signs the form's CSRF tokens, the master puts in the
environment once before forking them.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

from gunicorn.app.base import BaseApplication
from prometheus_client import multiprocess

from docgen import logs
from docgen.batch.pool import cores
from docgen.batch.worker import embedded_worker
from docgen.web.metrics import MULTIPROCESS_VARIABLE

#: Long enough for the largest case's PDF (500 events, 500 sources) on a slow core; a worker
#: that takes longer is stuck and is replaced.
TIMEOUT = 60
#: No address, user agent, referrer or query string: nothing that says who asked about what.
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


def share_secret_key(environ: Any = os.environ) -> None:
    """Set DOCGEN_SECRET_KEY once, here in the master, unless the operator set it: workers fork
    from the master and inherit it, so a form signed by one worker is accepted by another."""
    if not environ.get("DOCGEN_SECRET_KEY"):
        environ["DOCGEN_SECRET_KEY"] = secrets.token_hex(32)


def options(host: str, port: int, workers: int | None) -> dict[str, Any]:
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers or cores(),
        "worker_class": "sync",
        "timeout": TIMEOUT,
        "graceful_timeout": TIMEOUT,
        # WeasyPrint's caches grow with the fonts and images it has seen; start fresh now and then.
        "max_requests": 1000,
        "max_requests_jitter": 100,
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        # gunicorn's lines in the format of docgen's own (DOCGEN_LOG_FORMAT: plain or json).
        "logconfig_dict": logs.gunicorn_config(),
        "proc_name": "docgen",
        "child_exit": _worker_exited,
    }


def _worker_exited(server: Any, worker: Any) -> None:
    """A worker's gauges (requests in flight) leave the sum when it exits; its counts stay."""
    if os.environ.get(MULTIPROCESS_VARIABLE):
        multiprocess.mark_process_dead(worker.pid)


class Service(BaseApplication):
    """gunicorn's way to run an app from Python rather than from its own command line."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.settings.items():
            self.cfg.set(key, value)

    def load(self):
        from docgen.render import prepare
        from docgen.web import create_app

        # Each worker imports WeasyPrint as it starts, so that no request waits for the import
        # (about half a second) or has it cut short by the render budget.
        prepare("pdf")
        return create_app()


def serve(host: str = "127.0.0.1", port: int = 5000, workers: int | None = None) -> None:
    share_secret_key()
    # Jobs need a worker: without Redis, this machine's queue gets its own, stopped with the
    # service; with Redis, `docgen worker` runs wherever the operator starts it.
    jobs_worker = contextlib.nullcontext() if os.environ.get("DOCGEN_REDIS_URL") else embedded_worker()
    with metrics_folder(), jobs_worker:
        Service(options(host, port, workers)).run()



@contextlib.contextmanager
def metrics_folder(environ: Any = os.environ) -> Iterator[None]:
    """PROMETHEUS_MULTIPROC_DIR for the workers' counts, set before they are forked (each makes
    its series at its first request, docgen.web.metrics): a fresh folder of the service's own,
    removed when it stops, and the variable with it, unless the operator named one."""
    owner = os.getpid()

    def remove(folder: str) -> None:
        # gunicorn forks its workers inside serve()'s with-block, and a worker that ends
        # (max_requests) leaves it by SystemExit: only the master may remove the folder, or every
        # request after the first recycled worker fails. (Not a TemporaryDirectory either: its
        # finalizer would run in each worker at exit.)
        if os.getpid() == owner:
            shutil.rmtree(folder, ignore_errors=True)

    with contextlib.ExitStack() as stack:
        if not environ.get(MULTIPROCESS_VARIABLE):
            environ[MULTIPROCESS_VARIABLE] = folder = tempfile.mkdtemp(prefix="docgen-metrics-")
            stack.callback(remove, folder)
            stack.callback(environ.pop, MULTIPROCESS_VARIABLE)
        yield
