"""Section 1: render time of each document, warm (repeated in this process) and cold (a fresh
`docgen render` process, what a command-line user waits for)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.common import (
    DOCGEN, FIXTURE, KINDS, PYTHON, Stats, Target, fixture_case, fixture_data, heading, time_calls,
    time_subprocess,
)


def warm(quick: bool) -> dict:
    """Repeated renders in this process. "first call" is the untimed warm-up render of each
    document and format; WeasyPrint is already imported by then (the header reads its version),
    so the first PDF's extra time is its first-use setup (cffi types, fonts, the stylesheet)."""
    from docgen.case import load_case
    from docgen.model.build import build_document
    from docgen.render import render

    heading("1a. Warm renders in one process (render(case, kind, format): model + writer)")
    case = fixture_case()
    data = fixture_data()
    times, _ = time_calls(lambda: load_case(data), 30 if quick else 100)
    print(f"  load_case (validate, what every request pays) {Stats.of(times).ms()}")
    repeats = {"docx": 15 if quick else 60, "pdf": 5 if quick else 25, "html": 15 if quick else 60}
    results = {}
    for kind in KINDS:
        times, _ = time_calls(lambda: build_document(case, kind), repeats["docx"])
        print(f"  {kind:14} model   {Stats.of(times).ms()}")
        for fmt in ("docx", "pdf", "html"):
            times, first = time_calls(lambda: render(case, kind, fmt), repeats[fmt])
            stats = Stats.of(times)
            results[(kind, fmt)] = stats
            size = len(render(case, kind, fmt))
            print(f"  {kind:14} {fmt:5}   {stats.ms()}  first call {first * 1e3:.1f} ms,"
                  f" {size:,} bytes")
    return results


def cold(quick: bool) -> dict:
    heading("1b. Cold: a fresh `docgen render` process per document (wall clock, OS file cache warm)")
    repeat = 2 if quick else 5
    results = {}
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        floors = {
            "python -c pass": [PYTHON, "-c", "pass"],
            "docgen --help": [DOCGEN, "--help"],
            "docgen validate": [DOCGEN, "validate", str(FIXTURE)],
        }
        for label, argv in floors.items():
            times = []
            for _ in range(repeat):
                seconds, done = time_subprocess(argv)
                if done.returncode != 0:
                    raise RuntimeError(f"{argv} failed: {done.stderr.decode()[-500:]}")
                times.append(seconds)
            results[label] = Stats.of(times)
            print(f"  {label:28} {results[label].ms()}")
        for kind in KINDS:
            for fmt in ("docx", "pdf"):
                out = Path(tmp) / f"{kind}.{fmt}"
                argv = [DOCGEN, "render", str(FIXTURE), "-d", kind, "-f", fmt, "-o", str(out)]
                times = []
                for _ in range(repeat):
                    out.unlink(missing_ok=True)
                    seconds, done = time_subprocess(argv)
                    if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
                        raise RuntimeError(f"{argv} failed: {done.stderr.decode()[-500:]}")
                    times.append(seconds)
                results[(kind, fmt)] = Stats.of(times)
                print(f"  docgen render {kind:14} {fmt:4} {results[(kind, fmt)].ms()}")
    return results


def targets(warm_results: dict) -> list[Target]:
    stats = warm_results[("cat-complaint", "docx")]
    return [Target("DOCX render of the CAT complaint under 60 ms median (warm)",
                   f"{stats.median * 1e3:.1f} ms median (p90 {stats.p90 * 1e3:.1f} ms)",
                   stats.median < 0.060)]


def run(quick: bool) -> tuple[dict, dict, list[Target]]:
    warm_results = warm(quick)
    cold_results = cold(quick)
    return warm_results, cold_results, targets(warm_results)
