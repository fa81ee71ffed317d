"""The real service under load, and with a worker killed in the middle of it.

`docgen serve --workers 2` on a free loopback port; four clients send PDF and DOCX renders of
both documents and validations, in turn, for about 25 seconds. No request may fail in steady
load. Two thirds of the way, one worker (a child of gunicorn's master) gets SIGKILL: the master
must start another, every request sent once it has must succeed, and the service stays up. The
request the killed worker was answering is lost with it; how many were is recorded as the test's
property `in_flight_failures` (and printed with -s).

The load driver and the kill are benchmarks/soak.py's, which runs the same for minutes with
several kills. DOCGEN_FAULTS_SECONDS=<n> runs the load here for n seconds.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a real service under load for half a minute

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("DOCGEN_FAULTS_SECONDS", "25"))
CLIENTS = 4


def load_soak():
    """benchmarks/soak.py as a module (benchmarks/ is not a package the tests import from)."""
    spec = importlib.util.spec_from_file_location("benchmarks_soak", ROOT / "benchmarks" / "soak.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


soak = load_soak()


@pytest.fixture(scope="module")
def service(serve_docgen, fixtures_dir):
    service = serve_docgen(workers=2)
    # Every worker's first PDF imports WeasyPrint: done before the clock, as a warm service has.
    warm = soak.Load(service.base, (fixtures_dir / "cases" / "rustam-norway.json").read_bytes())
    for path, magic in soak.MIX * 2:
        assert warm.request(path, magic).ok
    return service


def test_load_and_a_killed_worker(service, fixtures_dir, workers_of, record_property):
    master = service.process.pid
    assert len(workers_of(master, at_least=2)) == 2
    load = soak.Load(service.base, (fixtures_dir / "cases" / "rustam-norway.json").read_bytes(),
                     clients=CLIENTS).start()
    started = time.monotonic()
    time.sleep(SECONDS * 2 / 3)
    kill = soak.kill_one_worker(master, 2)
    time.sleep(max(0.0, started + SECONDS - time.monotonic()))
    results = load.stop()
    verdict = soak.judge(results, [kill])

    record_property("requests", len(results))
    record_property("in_flight_failures", len(verdict.in_flight))
    print(f"\n{len(results)} requests in {SECONDS:g} s; worker {kill.pid} killed, replaced by "
          f"{kill.replacement} after {(kill.replaced_at or float('nan')) - kill.at:.1f} s; "
          f"{len(verdict.in_flight)} request(s) in flight at the kill failed; "
          f"{len(verdict.after_restart)} sent after the restart, "
          f"{len(verdict.after_restart_failures)} failed")

    steady = [r for r in results if r.ended < kill.at]
    assert len(steady) >= 10 and all(r.ok for r in steady), [r for r in steady if not r.ok]
    assert {r.path for r in steady} == {path for path, _ in soak.MIX}  # the whole mix ran
    assert kill.replaced_at is not None, "the master did not start a new worker"
    assert kill.replacement not in (None, kill.pid)
    assert verdict.steady_failures == []  # nothing failed that was not in flight at the kill
    assert len(verdict.in_flight) <= 1  # a sync worker answers one request at a time
    assert len(verdict.after_restart) >= 3 and verdict.after_restart_failures == []
    assert service.process.poll() is None
    assert sorted(workers_of(master, at_least=2)) == sorted(
        [pid for pid in workers_of(master) if pid != kill.pid])
    with urllib.request.urlopen(f"{service.base}/healthz", timeout=10) as response:
        assert json.load(response) == {"status": "ok"}
    output = service.output()  # what the master said: the kill and the new worker, no traceback
    assert f"Worker (pid:{kill.pid}) was sent SIGKILL" in output
    assert f"Booting worker with pid: {kill.replacement}" in output
    assert "Traceback" not in output
