"""Fixtures shared by the test modules: the case files in fixtures/ and a way to change one field,
the web app, a canary server that records any request made to it, and the real service
(`docgen serve`) started in a process of its own.

Each case fixture is a fresh deep copy, so a test may change it freely without touching another.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from reading import edit_path, listening_canary

from docgen.batch.worker import is_worker

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@cache
def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The folder `fixtures/` at the top of the repository."""
    return FIXTURES


@pytest.fixture
def load_fixture():
    """load_fixture("cases/minimal.json"): a fresh copy of the JSON of a file under fixtures/."""
    return lambda relative: copy.deepcopy(_read_json(FIXTURES / relative))


@pytest.fixture
def rustam(load_fixture) -> dict:
    """The complete example case (fixtures/cases/rustam-norway.json), valid, yours to change."""
    return load_fixture("cases/rustam-norway.json")


@pytest.fixture
def minimal(load_fixture) -> dict:
    """The least a valid case needs (fixtures/cases/minimal.json), yours to change."""
    return load_fixture("cases/minimal.json")


@pytest.fixture
def edit():
    """edit(case, "complainants.0.birth_date", "2012"): one change to a case, `...` to delete."""
    return edit_path


@pytest.fixture(autouse=True, scope="session")
def job_folder(tmp_path_factory) -> Path:
    """The jobs the tests make sit in a folder of the test run's, not the user's."""
    folder = tmp_path_factory.mktemp("jobs")
    os.environ["DOCGEN_JOB_DIR"] = str(folder)
    return folder


@pytest.fixture
def app():
    """The web app (form and API) in testing mode, without an API token."""
    from docgen.web import create_app

    return create_app({"TESTING": True, "API_TOKEN": None})


@pytest.fixture
def client(app):
    return app.test_client()


# --- Watching for fetches ---------------------------------------------------------------------


@pytest.fixture
def canary():
    """A tiny HTTP server on a free loopback port that records every request it gets:
    (its base URL, the list of paths requested)."""
    with listening_canary() as heard:
        yield heard


# --- The real service: `docgen serve` in a process of its own -----------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def docgen_command() -> list[str]:
    script = Path(sys.executable).with_name("docgen")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from docgen.cli import main; main()"]


def wait_until_up(base: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"docgen serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if json.load(response) == {"status": "ok"}:
                    return
        # A worker still importing WeasyPrint accepts the connection and answers late: a read
        # that times out is a service not up yet, like a refused connection.
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail("docgen serve did not answer /healthz in time")


def children(master: int, at_least: int = 0, seconds: float = 10) -> list[int]:
    """The pids of the master's children (gunicorn's workers), read from /proc, waiting up to
    ``seconds`` until there are ``at_least`` of them."""
    deadline = time.monotonic() + seconds
    while True:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after it.
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:  # the process ended while we looked
                continue
            if int(fields[1]) == master and not is_worker(int(stat.parent.name)):
                pids.append(int(stat.parent.name))
        if len(pids) >= at_least or time.monotonic() > deadline:
            return sorted(pids)
        time.sleep(0.2)


@dataclass
class Service:
    base: str  # http://127.0.0.1:PORT
    process: subprocess.Popen
    log: Any  # the open file that holds its stdout and stderr

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return self.process.returncode


@contextlib.contextmanager
def running_service(folder: Path, *, workers: int = 2, env: dict[str, str] | None = None,
                    command: list[str] | None = None):
    """`docgen serve` (or ``command``, which is given --host, --port and --workers) on a free
    loopback port, with an environment of its own: no secret key or token unless ``env`` sets
    them. Stopped, and its whole process group killed if it will not stop, on the way out."""
    port = free_port()
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith("DOCGEN_")}
    environment.update(env or {})
    log = (folder / f"serve-{port}.log").open("w+")
    process = subprocess.Popen(
        [*(command or [*docgen_command(), "serve"]), "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers)],
        stdout=log, stderr=subprocess.STDOUT, env=environment, start_new_session=True,
    )
    service = Service(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_until_up(service.base, process)
        yield service
    finally:
        service.stop()
        log.close()


def pytest_collection_modifyitems(items):
    """Every test that starts `docgen serve` (through serve_docgen, however indirectly) is slow:
    gunicorn and its workers take seconds to start. CI runs them; -m "not slow" leaves them out."""
    for item in items:
        if "serve_docgen" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="module")
def serve_docgen(tmp_path_factory):
    """serve_docgen(workers=2, env={...}, command=[...]): a running Service (base URL, process,
    log), stopped when the module is done if the test has not stopped it."""
    with contextlib.ExitStack() as stack:
        def start(**options) -> Service:
            folder = tmp_path_factory.mktemp("serve")
            return stack.enter_context(running_service(folder, **options))

        yield start


@pytest.fixture(scope="session")
def workers_of():
    """workers_of(master_pid, at_least=2): the pids of gunicorn's workers (the master's children)."""
    return children
