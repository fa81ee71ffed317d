"""Soak: `docgen serve` under a steady mixed load for minutes, with workers killed along the way.

    .venv/bin/python -m benchmarks.soak                    # 5 minutes, 2 workers, a kill a minute
    .venv/bin/python -m benchmarks.soak --minutes 30 --clients 6 --kills 10

A thread-pool client on loopback sends the fixture case over and over (PDF and DOCX of both
documents, and validations, in turn) to `docgen serve` on a free port. Now and then one worker
(a child of gunicorn's master) is sent SIGKILL in the middle of the load; the master must start
another, and the service must answer throughout. The run is bounded in time and stops by itself,
and the server with it.

It reports the requests made, their latencies, and the failures in three kinds: during steady
load (there must be none), in flight when a worker was killed (the killed worker's request is
lost with it: reported, not counted against the service), and sent after the master had started
the replacement (there must be none). It exits 1 if any failure is of the first or last kind.

The load driver and the kill are also what tests/test_faults.py runs for 25 seconds in CI.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from docgen.batch.worker import is_worker

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "cases" / "rustam-norway.json"

# What a client asks for, in turn: the heavy PDFs, the quick DOCX, the quicker validation.
MIX = [
    ("/api/v1/documents/cat-complaint?format=pdf", b"%PDF-"),
    ("/api/v1/validate", b'{"valid":true'),
    ("/api/v1/documents/appeal-letter?format=docx", b"PK\x03\x04"),
    ("/api/v1/documents/appeal-letter?format=pdf&public=1", b"%PDF-"),
    ("/api/v1/documents/cat-complaint?format=docx&public=1", b"PK\x03\x04"),
]


@dataclass(frozen=True)
class Result:
    path: str
    started: float  # time.monotonic()
    ended: float
    status: int | None  # None: no answer (the connection was reset, the request timed out)
    problem: str = ""  # why it failed: the exception, or what the body lacked

    @property
    def ok(self) -> bool:
        return self.status == 200 and not self.problem


@dataclass
class Load:
    """Clients sending MIX to ``base`` until stopped, each result kept."""

    base: str
    body: bytes
    clients: int = 4
    timeout: float = 60.0
    results: list[Result] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._client, args=(n,), daemon=True)
                         for n in range(self.clients)]

    def start(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> list[Result]:
        self._stop.set()
        for thread in self._threads:
            thread.join(self.timeout + 5)
        return sorted(self.results, key=lambda result: result.started)

    def _client(self, number: int) -> None:
        turn = number
        while not self._stop.is_set():
            path, magic = MIX[turn % len(MIX)]
            turn += 1
            result = self.request(path, magic)
            with self._lock:
                self.results.append(result)

    def request(self, path: str, magic: bytes) -> Result:
        host, port = self.base.removeprefix("http://").split(":")
        started = time.monotonic()
        connection = http.client.HTTPConnection(host, int(port), timeout=self.timeout)
        try:
            connection.request("POST", path, body=self.body,
                               headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            return Result(path, started, time.monotonic(), None, type(error).__name__)
        finally:
            connection.close()
        problem = "" if data.startswith(magic) else f"body starts {data[:40]!r}"
        return Result(path, started, time.monotonic(), response.status, problem)


def workers(master: int) -> list[int]:
    """gunicorn's workers: the master's children, read from /proc, but for the jobs' worker."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == master and not is_worker(int(stat.parent.name)):
            pids.append(int(stat.parent.name))
    return sorted(pids)


@dataclass(frozen=True)
class Kill:
    pid: int
    at: float  # when SIGKILL was sent
    replaced_at: float | None  # when the master had a full set of workers again
    replacement: int | None


def kill_one_worker(master: int, count: int, wait: float = 30.0) -> Kill:
    """SIGKILL the oldest of ``count`` workers; wait until the master has ``count`` again."""
    before = workers(master)
    victim = before[0]
    at = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    deadline = at + wait
    while time.monotonic() < deadline:
        now = workers(master)
        fresh = [pid for pid in now if pid not in before]
        if len(now) == count and fresh:
            return Kill(victim, at, time.monotonic(), fresh[0])
        time.sleep(0.05)
    return Kill(victim, at, None, None)


@dataclass(frozen=True)
class Verdict:
    steady_failures: list[Result]  # failed, and not in flight at a kill
    in_flight: list[Result]  # failed while a worker was being killed: lost with the worker
    after_restart: list[Result]  # sent once a replacement was there (and not in flight at a
    # later kill): must all succeed
    after_restart_failures: list[Result]


def judge(results: list[Result], kills: list[Kill]) -> Verdict:
    def in_flight(result: Result) -> bool:
        return any(result.started <= kill.at <= result.ended for kill in kills)

    failed = [result for result in results if not result.ok]
    restarts = [kill.replaced_at for kill in kills if kill.replaced_at is not None]
    after = [result for result in results
             if any(result.started >= t for t in restarts) and not in_flight(result)]
    return Verdict(
        steady_failures=[result for result in failed if not in_flight(result)],
        in_flight=[result for result in failed if in_flight(result)],
        after_restart=after,
        after_restart_failures=[result for result in after if not result.ok],
    )


# --- Running it by itself ---------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(port: int, workers: int, log) -> subprocess.Popen:
    script = Path(sys.executable).with_name("docgen")
    command = [str(script)] if script.exists() else [sys.executable, "-c",
                                                     "from docgen.cli import main; main()"]
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DOCGEN_")}
    return subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        stdout=log, stderr=subprocess.STDOUT, env=environment, start_new_session=True)


def _wait_until_up(base: str, process: subprocess.Popen, seconds: float = 60) -> None:
    host, port = base.removeprefix("http://").split(":")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"docgen serve exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection(host, int(port), timeout=2)
            connection.request("GET", "/healthz")
            if json.loads(connection.getresponse().read()) == {"status": "ok"}:
                return
        except (OSError, http.client.HTTPException, ValueError):
            time.sleep(0.2)
    raise SystemExit("docgen serve did not answer /healthz in time")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _rss_kb(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def _report(results: list[Result], kills: list[Kill], verdict: Verdict, seconds: float,
            rss: tuple[int, int]) -> None:
    ok = [result for result in results if result.ok]
    print(f"{len(results)} requests in {seconds:.0f} s ({len(results) / seconds:.2f}/s), "
          f"{len(ok)} answered 200")
    for path, _ in MIX:
        times = sorted(r.ended - r.started for r in ok if r.path == path)
        if times:
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(f"  {path:<55} {len(times):>5}  median {statistics.median(times):6.2f} s"
                  f"  p95 {p95:6.2f} s")
    for kill in kills:
        restart = (f"replaced by {kill.replacement} after {kill.replaced_at - kill.at:.1f} s"
                   if kill.replaced_at else "NOT REPLACED")
        print(f"  killed worker {kill.pid}: {restart}")
    print(f"failures in steady load: {len(verdict.steady_failures)}")
    print(f"failures in flight at a kill (lost with the worker): {len(verdict.in_flight)}")
    print(f"failures after a restart: {len(verdict.after_restart_failures)} "
          f"of {len(verdict.after_restart)} sent")
    for result in verdict.steady_failures + verdict.after_restart_failures:
        print(f"  {result.path}: {result.status} {result.problem}")
    print(f"workers' resident memory: {rss[0] / 1024:.0f} MB after warm-up, "
          f"{rss[1] / 1024:.0f} MB at the end")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="how long the load runs (5)")
    parser.add_argument("--workers", type=int, default=2, help="docgen serve --workers (2)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (4)")
    parser.add_argument("--kills", type=int, default=None,
                        help="workers killed, spread over the run (default: one a minute)")
    options = parser.parse_args(argv)
    seconds = options.minutes * 60
    kills_wanted = options.kills if options.kills is not None else max(1, int(options.minutes))

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile("w+") as log:
        process = _serve(port, options.workers, log)
        try:
            _wait_until_up(base, process)
            body = FIXTURE.read_bytes()
            warm = Load(base, body, clients=options.workers)
            for path, magic in MIX * options.workers:  # imports and caches in every worker
                warm.request(path, magic)
            rss_start = _rss_kb(workers(process.pid))
            print(f"docgen serve, {options.workers} workers, {options.clients} clients, "
                  f"{options.minutes:g} min, {kills_wanted} kill(s), on {base}")
            load = Load(base, body, clients=options.clients).start()
            started = time.monotonic()
            kills = []
            for number in range(1, kills_wanted + 1):
                moment = started + seconds * number / (kills_wanted + 1)
                time.sleep(max(0.0, moment - time.monotonic()))
                kills.append(kill_one_worker(process.pid, options.workers))
            time.sleep(max(0.0, started + seconds - time.monotonic()))
            results = load.stop()
            rss_end = _rss_kb(workers(process.pid))
            alive = process.poll() is None
        finally:
            _stop(process)
    verdict = judge(results, kills)
    _report(results, kills, verdict, time.monotonic() - started, (rss_start, rss_end))
    good = (alive and not verdict.steady_failures and not verdict.after_restart_failures
            and all(kill.replaced_at for kill in kills))
    print("PASS" if good else "FAIL")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
