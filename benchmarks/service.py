"""Section 5: the web service under a bounded load from a client on loopback.

`docgen serve` with one worker per core (or, where the command does not exist, gunicorn with the
app factory), a thread-pool client sending a fixed number of requests, half DOCX and half PDF of
both documents, with the fixture as the JSON body. The load is loopback only, bounded in count
(--requests) and time (--deadline), and stops by itself; the server is stopped at the end.

Resident memory is the sum of VmRSS of the workers (the leaves of the server's process tree),
read from /proc after a warm-up (every document and format rendered by every worker, so that
first-use caches and imports are not taken for growth) and again after the load.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.common import (
    CORES, DOCGEN, FIXTURE, KINDS, ROOT, Stats, Target, free_port, heading, percentile,
)

MIX = [(kind, fmt) for kind in KINDS for fmt in ("docx", "pdf")]
MAGIC = {"docx": b"PK\x03\x04", "pdf": b"%PDF-"}


def _server_command(port: int, workers: int) -> tuple[list[str], str]:
    probe = subprocess.run([DOCGEN, "serve", "--help"], capture_output=True, text=True)
    if probe.returncode == 0 and "--workers" in probe.stdout:
        return ([DOCGEN, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
                "docgen serve")
    gunicorn = str(Path(DOCGEN).with_name("gunicorn"))
    return ([gunicorn, "-w", str(workers), "-b", f"127.0.0.1:{port}", "docgen.web:create_app()"],
            "gunicorn (docgen serve not available)")


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except FileNotFoundError:
        pass
    return found


def _workers(root: int) -> list[int]:
    """The leaves of the process tree under `root`: gunicorn's workers."""
    leaves, stack = [], [root]
    while stack:
        pid = stack.pop()
        kids = _children(pid)
        if kids:
            stack += kids
        elif pid != root:
            leaves.append(pid)
    return sorted(leaves)


def _rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def _rss_or_zero(pid: int) -> int:
    try:
        return _rss_kb(pid)
    except (FileNotFoundError, ProcessLookupError, StopIteration):
        return 0


def _request(port: int, kind: str, fmt: str, body: bytes, headers: dict) -> tuple[float, str | None]:
    start = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request("POST", f"/api/v1/documents/{kind}?format={fmt}", body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
    except (OSError, http.client.HTTPException) as error:
        return time.perf_counter() - start, f"{type(error).__name__}"
    elapsed = time.perf_counter() - start
    if response.status != 200:
        return elapsed, f"HTTP {response.status}: {data[:120]!r}"
    if not data.startswith(MAGIC[fmt]):
        return elapsed, f"not a {fmt}: {data[:20]!r}"
    return elapsed, None


def _wait_ready(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not listen on {port} within {seconds} s")


def _load(port: int, jobs: list[tuple[str, str]], body: bytes, headers: dict, threads: int,
          deadline: float, on_count: dict | None = None) -> tuple[list, float, int]:
    """Send `jobs` from `threads` threads; `on_count` maps a number of completed requests to a
    function called once when that many are done (to sample the workers' memory on the way)."""
    results = []
    lock = threading.Lock()
    skipped = 0

    def one(job):
        nonlocal skipped
        if time.monotonic() > deadline:
            with lock:
                skipped += 1
            return
        elapsed, error = _request(port, *job, body, headers)
        with lock:
            results.append((job, elapsed, error))
            call = (on_count or {}).get(len(results))
        if call:
            call()

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, jobs))
    return results, time.perf_counter() - start, skipped


def run(quick: bool, requests: int | None = None, deadline_s: float = 900) -> tuple[dict, list[Target]]:
    total = requests or (100 if quick else 1000)
    workers = CORES
    threads = 2 * workers  # enough to keep every worker busy; bounded
    port = free_port()
    argv, how = _server_command(port, workers)
    heading(f"5. The service: {how}, {workers} workers on {CORES} cores, {total} requests from "
            f"{threads} client threads on loopback (client and server share the {CORES} cores)")
    body = FIXTURE.read_bytes()
    headers = {"Content-Type": "application/json"}
    if os.environ.get("DOCGEN_API_TOKEN"):
        headers["Authorization"] = f"Bearer {os.environ['DOCGEN_API_TOKEN']}"
    log = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would stall the server
    process = subprocess.Popen(argv, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    pids: list[int] = []
    try:
        _wait_ready(port, process)
        time.sleep(1.0)  # let every worker boot
        pids = _workers(process.pid)
        idle = {pid: _rss_kb(pid) for pid in pids}
        warm_jobs = MIX * (2 * workers)
        warm, _, _ = _load(port, warm_jobs, body, headers, threads, time.monotonic() + 300)
        warm_errors = [error for _, _, error in warm if error]
        before = {pid: _rss_kb(pid) for pid in pids}
        jobs = [MIX[i % len(MIX)] for i in range(total)]
        samples = [(0, sum(before.values()))]

        def sampler(count: int):
            return lambda: samples.append((count, sum(_rss_or_zero(pid) for pid in pids)))

        checkpoints = {total * step // 4: sampler(total * step // 4) for step in (1, 2, 3)}
        results, wall, skipped = _load(port, jobs, body, headers, threads,
                                       time.monotonic() + deadline_s, checkpoints)
        after_pids = _workers(process.pid)
        after = {pid: _rss_kb(pid) for pid in after_pids}
    finally:
        _stop(process, pids)
        log.seek(0)
        stderr = log.read().decode(errors="replace")
        log.close()

    errors = [(job, error) for job, _, error in results if error]
    ok = [(job, elapsed) for job, elapsed, error in results if not error]
    print(f"  workers {pids} (after the load: {after_pids}); warm-up {len(warm)} requests,"
          f" {len(warm_errors)} errors")
    print(f"  {len(results)} requests in {wall:.1f} s: {len(results) / wall:.2f} requests/s;"
          f" {len(errors)} errors; {skipped} not sent (deadline)")
    latencies = [elapsed for _, elapsed in ok]
    if latencies:
        print(f"  latency all  p50 {percentile(latencies, .5) * 1e3:7.0f} ms  p95"
              f" {percentile(latencies, .95) * 1e3:7.0f} ms  p99 {percentile(latencies, .99) * 1e3:7.0f} ms")
        for fmt in ("docx", "pdf"):
            some = [elapsed for (kind, f), elapsed in ok if f == fmt]
            if some:
                print(f"  latency {fmt:4} p50 {percentile(some, .5) * 1e3:7.0f} ms  p95"
                      f" {percentile(some, .95) * 1e3:7.0f} ms  p99 {percentile(some, .99) * 1e3:7.0f} ms"
                      f"  (n={len(some)})")
    if errors:
        kinds = {}
        for _, error in errors:
            kinds[error] = kinds.get(error, 0) + 1
        for error, count in sorted(kinds.items(), key=lambda item: -item[1])[:5]:
            print(f"    {count} x {error}")
        if stderr.strip():
            print("  server stderr (last lines):")
            for line in stderr.strip().splitlines()[-8:]:
                print(f"    {line}")
    served = [int(ms) / 1e3 for ms in re.findall(r'"POST /api/v1/documents/[^"]*" 200 \S+ (\d+)ms', stderr)]
    served = served[len(warm):] if len(served) > len(warm) else served
    if served:
        mean = sum(served) / len(served)
        print(f"  time in the workers (gunicorn's access log, {len(served)} requests): mean"
              f" {mean * 1e3:.0f} ms, p50 {percentile(served, .5) * 1e3:.0f} ms, p95"
              f" {percentile(served, .95) * 1e3:.0f} ms; {workers} workers / mean ="
              f" {workers / mean:.1f} requests/s at most for this mix; the rest of the latency is queueing")
    idle_sum, before_sum = sum(idle.values()), sum(before.values())
    after_sum = sum(after.values())
    growth = (after_sum - before_sum) / before_sum if before_sum else float("nan")
    same_workers = sorted(after_pids) == sorted(pids)
    print(f"  workers' RSS (sum): idle {idle_sum / 1024:.1f} MB, after warm-up {before_sum / 1024:.1f} MB,"
          f" after {len(ok)} renders {after_sum / 1024:.1f} MB: {growth * 100:+.1f}%"
          + ("" if same_workers else " (WORKERS WERE REPLACED: the growth is not comparable)"))
    samples.append((len(results), after_sum))
    print("  workers' RSS (sum) along the load: " + ", ".join(
        f"{count} requests {kb / 1024:.1f} MB" for count, kb in samples))
    per = ", ".join(f"{pid}: {before.get(pid, 0) / 1024:.1f} -> {after.get(pid, 0) / 1024:.1f} MB"
                    for pid in sorted(set(pids) | set(after_pids)))
    print(f"  per worker: {per}")
    summary = {"rps": len(results) / wall, "errors": len(errors), "growth": growth,
               "requests": len(results), "latencies": Stats.of(latencies) if latencies else None}
    rendered = f"{len(ok)} renders" + ("" if len(ok) >= 1000 else " (fewer than 1,000: --quick or errors)")
    targets = [
        Target("RSS growth under 10% over 1,000 renders",
               f"{growth * 100:+.1f}% over {rendered}",
               (growth < 0.10 and same_workers) if len(ok) >= 1000 else None,
               "" if len(ok) >= 1000 else "needs 1,000 successful renders"),
        Target("Zero errors under load", f"{len(errors)} errors in {len(results)} requests",
               not errors and not skipped),
    ]
    return summary, targets


def _stop(process: subprocess.Popen, workers: list[int]) -> None:
    """TERM the server we started (gunicorn stops its workers); KILL its session if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the session started for this server only
            process.wait()
    deadline = time.monotonic() + 10
    while any(os.path.exists(f"/proc/{pid}") for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
