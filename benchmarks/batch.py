"""Section 9: batch. A job of 100 appeal letters as PDF (100 people of a group made from the
fixture) through the real queue: `docgen worker` with 1, then 2 render processes, on this
machine's folder broker in a folder of its own. Each worker is warmed with a small job first
(its processes import WeasyPrint), then the clock runs from submitting the job to its last
document kept. The resident memory (VmRSS) and CPU time of the worker's processes (its main
process, which takes the messages, and its render processes) are sampled every 0.2 s.

Targets: 2 processes make documents at least 1.8 times as fast as 1; each of the worker's
processes' memory is flat over the batch (the last tenth's median within 10% of the second tenth's, after the
first documents have filled WeasyPrint's caches).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.common import Target, fixture_data, heading

DOCUMENTS = 100
WARM = 4
SCALING_GOAL = 1.8
FLAT_TOLERANCE = 0.10
HEADERS = ["complainants.0.id", "complainants.0.pseudonym", "complainants.0.legal_name",
           "complainants.0.nationality", "procedural_history.1.decided",
           "procedural_history.1.reference"]


def people(count: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    for n in range(1, count + 1):
        writer.writerow([f"p{n}", f"P{n:03d}", f"Given Familyname{n:03d}", "UZ", "2012-06-12",
                         f"UDI-2012-{n:04d}"])
    return out.getvalue()


def _items(count: int):
    from docgen.batch.items import from_group
    from docgen.batch.people import people as group, read_table

    return from_group(group(fixture_data(), read_table(people(count).encode())), "appeal-letter", "pdf")


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return [int(child) for task in tasks
                for child in (task / "children").read_text().split()]
    except OSError:
        return []


def _rss_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return None


def _cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Sampler(threading.Thread):
    """VmRSS of a worker's processes (its main process and its render processes), every 0.2 s,
    as (seconds since start, pid, kB), and the CPU time each has used since the sampler started."""

    def __init__(self, worker: int) -> None:
        super().__init__(daemon=True)
        self.worker, self.samples, self.stopping = worker, [], threading.Event()
        self.cpu_start = {pid: _cpu_seconds(pid) or 0.0 for pid in self._processes()}
        self.cpu_last: dict[int, float] = {}

    def _processes(self) -> list[int]:
        return [self.worker, *_children(self.worker)]

    def run(self) -> None:
        started = time.monotonic()
        while not self.stopping.wait(0.2):
            for pid in self._processes():
                kb, cpu = _rss_kb(pid), _cpu_seconds(pid)
                if kb:
                    self.samples.append((time.monotonic() - started, pid, kb))
                if cpu is not None:
                    self.cpu_last[pid] = cpu

    def cpu(self, render_only: bool = False) -> float:
        """CPU seconds the worker's processes (or its render processes only) spent in the batch."""
        return sum(cpu - self.cpu_start.get(pid, 0.0) for pid, cpu in self.cpu_last.items()
                   if not (render_only and pid == self.worker))


def _wait(job: str, environ: dict, timeout: float = 900) -> None:
    from docgen.batch import jobs

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = jobs.status(job, environ)
        if status.state == "done":
            if status.failures:
                raise RuntimeError(f"documents failed: {status.failures[:3]}")
            return
        # Not more often: this process shares the cores with the worker it measures.
        time.sleep(0.2)
    raise TimeoutError("the batch did not finish")


@contextlib.contextmanager
def worker(processes: int, environ: dict):
    from docgen.batch.worker import worker_command

    process = subprocess.Popen(worker_command(processes), env=environ, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def measure(processes: int, count: int) -> dict:
    from docgen.batch import jobs

    with tempfile.TemporaryDirectory(prefix="docgen-bench-jobs-") as folder:
        environ = {**{k: v for k, v in os.environ.items() if not k.startswith("DOCGEN_")},
                   "DOCGEN_JOB_DIR": folder}
        items = _items(count)
        with worker(processes, environ) as process:
            _wait(jobs.submit(_items(WARM), [], environ=environ), environ)
            sampler = Sampler(process.pid)
            sampler.start()
            started = time.perf_counter()
            _wait(jobs.submit(items, [], environ=environ), environ)
            seconds = time.perf_counter() - started
            sampler.stopping.set()
            sampler.join()
    return {"seconds": seconds, "rate": count / seconds, "samples": sampler.samples,
            "worker": process.pid, "cpu_per_document": sampler.cpu(render_only=True) / count,
            "worker_cpu_per_document": sampler.cpu() / count,
            # The share of a core each render process had: 1.0 on an idle machine with a
            # core each, less when other work (or the other process) took the cores.
            "core_share": sampler.cpu(render_only=True) / seconds / processes}


def _flatness(samples: list[tuple[float, int, int]], worker: int) -> tuple[float, list[str]]:
    """The largest rise, over the worker's processes, from the median RSS of the second tenth
    of the batch to that of the last tenth; and a line per process."""
    if not samples:
        return float("nan"), []
    end = max(t for t, _, _ in samples)
    rises, lines = [], []
    for pid in sorted({pid for _, pid, _ in samples}):
        own = [(t, kb) for t, p, kb in samples if p == pid]
        early = [kb for t, kb in own if 0.1 * end <= t < 0.2 * end]
        late = [kb for t, kb in own if t >= 0.9 * end]
        if not early or not late:
            continue
        rise = statistics.median(late) / statistics.median(early) - 1
        rises.append(rise)
        role = "main process" if pid == worker else "render process"
        lines.append(f"      {role} {pid}: {own[0][1] / 1024:.0f} MB at the start, "
                     f"{statistics.median(early) / 1024:.0f} MB in the second tenth, "
                     f"{statistics.median(late) / 1024:.0f} MB in the last tenth, "
                     f"peak {max(kb for _, kb in own) / 1024:.0f} MB ({rise:+.1%})")
    return (max(rises) if rises else float("nan")), lines


def run(quick: bool) -> tuple[dict, list[Target]]:
    count = 40 if quick else DOCUMENTS
    heading(f"9. Batch: {count} appeal letters as PDF through the queue, 1 and 2 render processes")
    results = {}
    for processes in (1, 2):
        result = results[processes] = measure(processes, count)
        rise, lines = _flatness(result["samples"], result["worker"])
        result["rise"] = rise
        print(f"  {processes} process{'es' if processes > 1 else ''}: {result['seconds']:.1f} s, "
              f"{result['rate']:.2f} documents per second; CPU per document "
              f"{result['cpu_per_document']:.2f} s in the render processes, "
              f"{result['worker_cpu_per_document']:.2f} s with the worker's main process; each "
              f"render process had {result['core_share']:.0%} of a core")
        print("    memory of the worker's processes over the batch:")
        for line in lines:
            print(line)
    ratio = results[2]["rate"] / results[1]["rate"]
    rise = max(results[1]["rise"], results[2]["rise"])
    print(f"  scaling: {ratio:.2f}x with 2 processes (goal {SCALING_GOAL}x; {os.cpu_count()} cores)")
    # On a shared machine the processes do not get a core each, so the wall clock cannot show
    # what 2 would do alone; the CPU each document costs can: the ratio if each had a core.
    if_alone = 2 * results[1]["cpu_per_document"] / results[2]["cpu_per_document"]
    print(f"  CPU per document, 1 process against 2: {if_alone:.2f}x if each process had a core "
          "of its own (an estimate: it leaves out the queue's own time)")
    return results, [
        Target(f"batch of {count} PDFs, 2 processes against 1", f"{ratio:.2f}x",
               ratio >= SCALING_GOAL, f"goal >= {SCALING_GOAL}x"),
        Target("worker's memory over the batch", f"{rise:+.1%} (second tenth to last)",
               rise <= FLAT_TOLERANCE, f"flat: within {FLAT_TOLERANCE:.0%}"),
    ]


if __name__ == "__main__":
    for target in run(quick=False)[1]:
        print(target.line())
