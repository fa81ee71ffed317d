"""What every section shares: the fixture, timing statistics, subprocess helpers, targets."""

from __future__ import annotations

import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docgen.model.kinds import KINDS as REGISTERED_KINDS

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "cases" / "rustam-norway.json"
KINDS = tuple(REGISTERED_KINDS)
PYTHON = sys.executable
DOCGEN = str(Path(sys.executable).with_name("docgen"))
CORES = os.cpu_count() or 1


def fixture_data() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def fixture_case():
    from docgen.case import load_case

    return load_case(fixture_data())


# Statistics ------------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Stats:
    n: int
    median: float
    p10: float
    p90: float
    low: float
    high: float

    @classmethod
    def of(cls, seconds: list[float]) -> Stats:
        return cls(
            n=len(seconds),
            median=statistics.median(seconds),
            p10=percentile(seconds, 0.10),
            p90=percentile(seconds, 0.90),
            low=min(seconds),
            high=max(seconds),
        )

    def ms(self) -> str:
        return (
            f"median {self.median * 1e3:8.1f} ms  p10 {self.p10 * 1e3:8.1f}  p90 {self.p90 * 1e3:8.1f}"
            f"  (min {self.low * 1e3:.1f}, max {self.high * 1e3:.1f}, n={self.n})"
        )


def time_calls(call: Callable[[], object], repeat: int, warmup: int = 1) -> tuple[list[float], float]:
    """`repeat` timings of `call` after `warmup` untimed calls; also the first call's time."""
    first = None
    for _ in range(warmup):
        start = time.perf_counter()
        call()
        elapsed = time.perf_counter() - start
        first = elapsed if first is None else first
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times, first if first is not None else times[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def time_subprocess(argv: list[str], *, timeout: float = 300, env: dict | None = None,
                    cwd: Path | None = None) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, timeout=timeout, env=env, cwd=cwd)
    return time.perf_counter() - start, done


# Reporting -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    met: bool | None  # None: not measured in this run
    why: str = ""

    def line(self) -> str:
        verdict = {True: "MET", False: "MISSED", None: "NOT MEASURED"}[self.met]
        why = f"  [{self.why}]" if self.why else ""
        return f"  {verdict:12} {self.name}: {self.measured}{why}"


def heading(title: str) -> None:
    print(f"\n== {title} ==  [load average {loadavg()}]", flush=True)


def machine() -> str:
    import weasyprint

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{CORES} cores ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
        f"{platform.platform()}; load average {load}"
    )


def source() -> str:
    """Which docgen is measured: its folder and commit, and whether files differ from the commit."""
    import docgen

    folder = Path(docgen.__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "-C", str(folder), "describe", "--always", "--dirty"],
                                capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        commit = ""
    return f"{folder}, commit {commit or 'unknown'}"


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
