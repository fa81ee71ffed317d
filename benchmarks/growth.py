"""Section 4: growth. The fixture with 1x, 4x and 16x its events, sources and complainants (and,
in the full run, 100x: the schema's limits), made in memory and validated with load_case; each size and format rendered in a process of its own, so
that its peak resident memory (VmHWM in /proc/self/status) is its own. Python's own allocations are
traced (tracemalloc) in a separate render after the timed ones, since tracing slows rendering.

    python -m benchmarks.growth --worker SCALE KIND FORMAT REPEAT   (one measurement, JSON out)
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import time

from benchmarks.common import KINDS, PYTHON, ROOT, Stats, Target, fixture_data, heading

SCALES = (1, 4, 16)
# The full run adds the largest case the schema accepts: 500 events, 500 sources, 100 complainants.
LIMIT = 100
# How far the ratio of ratios may rise above 1 (noise) before growth counts as faster than linear.
TOLERANCE = 0.10


def scaled(data: dict, factor: int) -> dict:
    """`data` with `factor` times its events, sources and complainants.

    Copy n of a source gets the id `<id>-xn` and a title of its own; copy n of an event cites the
    copies n of its sources, so footnotes grow with the events; copy n of a complainant gets the
    id `<id>-xn`. Events have no ids in the schema, so their copies are plain duplicates.
    """
    out = copy.deepcopy(data)
    for n in range(2, factor + 1):
        suffix = f"-x{n}"
        for source in data["sources"]:
            twin = copy.deepcopy(source)
            twin["id"] += suffix
            twin["title"] = f"{source['title']} ({n})"
            out["sources"].append(twin)
        for event in data["events"]:
            twin = copy.deepcopy(event)
            for citation in twin.get("sources", []):
                citation["source"] += suffix
            out["events"].append(twin)
        for person in data["complainants"]:
            twin = copy.deepcopy(person)
            twin["id"] += suffix
            twin["pseudonym"] = f"{person['pseudonym']} {n}"
            out["complainants"].append(twin)
    return out


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field + ":"))


def _rss_kb() -> int:
    """Peak resident memory of this process so far. VmHWM, not getrusage's ru_maxrss: Linux
    carries ru_maxrss over from the parent through fork and exec, so a worker started by a large
    benchmark process would report the parent's peak."""
    return _status_kb("VmHWM")


def _current_rss_kb() -> int:
    return _status_kb("VmRSS")


def worker(factor: int, kind: str, fmt: str, repeat: int) -> dict:
    import tracemalloc

    from docgen.case import load_case
    from docgen.render import render

    if fmt == "pdf":
        import weasyprint  # noqa: F401  the writer imports it on first use; baseline, not render

    data = scaled(fixture_data(), factor)
    case = load_case(data)  # raises CaseInvalid if a size breaks the schema's bounds
    try:  # reset the peak to the present RSS, so that the peak below is the renders' own
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pass
    rss_before = _current_rss_kb()
    peak_before = _rss_kb()
    start = time.perf_counter()
    output = render(case, kind, fmt)
    first = time.perf_counter() - start
    peak_after_first = _rss_kb()
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        render(case, kind, fmt)
        cpu.append(time.process_time() - start_cpu)
        times.append(time.perf_counter() - start)
    peak = _rss_kb()  # before tracing, which has a memory cost of its own
    tracemalloc.start()
    render(case, kind, fmt)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pages = None
    if fmt == "pdf":
        import io

        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(output)).pages)
    return {
        "events": len(case.data["events"]), "sources": len(case.data["sources"]),
        "complainants": len(case.data["complainants"]), "bytes": len(output), "pages": pages,
        "first": first, "times": times, "cpu": cpu, "rss_before_kb": rss_before,
        "peak_before_kb": peak_before, "peak_first_kb": peak_after_first,
        "peak_kb": peak, "traced_peak": traced_peak,
    }


def _measure(factor: int, kind: str, fmt: str, repeat: int) -> dict:
    done = subprocess.run(
        [PYTHON, "-m", "benchmarks.growth", "--worker", str(factor), kind, fmt, str(repeat)],
        capture_output=True, text=True, cwd=ROOT, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"growth worker {factor}x {kind} {fmt} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def run(quick: bool) -> tuple[dict, list[Target]]:
    scales = SCALES if quick else (*SCALES, LIMIT)
    heading(f"4. Growth: {', '.join(f'{k}x' for k in scales)} events, sources and complainants"
            " (a process per size and format)")
    kinds = KINDS[:1] if quick else KINDS
    results = {}
    verdicts = []
    for kind in kinds:
        for fmt in ("docx", "pdf"):
            repeat = {"docx": 3 if quick else 10, "pdf": 1 if quick else 3}[fmt]
            rows = {factor: _measure(factor, kind, fmt, repeat if factor != LIMIT else 1)
                    for factor in scales}
            results[(kind, fmt)] = rows
            print(f"  {kind} {fmt}:")
            for factor, row in rows.items():
                stats = Stats.of(row["times"])
                pages = f", {row['pages']} pages" if row["pages"] else ""
                limit = " = the schema's limits" if factor == LIMIT else ""
                print(f"    {factor:>3}x ({row['events']:>3} events, {row['sources']:>3} sources,"
                      f" {row['complainants']:>3} complainants{limit}{pages}, {row['bytes']:,} bytes)")
                print(f"        time {stats.ms()}; CPU fastest {min(row['cpu']) * 1e3:.1f} ms,"
                      f" {min(row['cpu']) / row['events'] * 1e3:.2f} ms per event")
                print(f"        memory: peak RSS {row['peak_kb'] / 1024:.0f} MB, {_rss_growth(row) / 1024:.1f} MB"
                      f" of it above the RSS before the first render; Python allocations peak"
                      f" {row['traced_peak'] / 2**20:.2f} MB (tracemalloc, one render)")
            verdicts.append(_linearity(kind, fmt, rows))
    return results, _targets(verdicts)


def _rss_growth(row: dict) -> int:
    return max(row["peak_kb"] - row["rss_before_kb"], 1)


def _linearity(kind: str, fmt: str, rows: dict) -> tuple[str, bool, bool]:
    """Linear when the ratio of ratios, (value at k / value at 1x) / (events at k / events at 1x),
    stays at or below 1 + TOLERANCE for every size: a fixed cost makes it fall below 1, a term
    that grows faster than the case makes it climb past 1 as the case grows. The per-event cost
    of each step (the marginal slope) is printed beside it. Times are CPU times (process_time),
    the fastest of each size's runs: other work on a shared machine barely changes them."""
    sizes = sorted(rows)
    n = {f: rows[f]["events"] for f in sizes}
    series = {
        "CPU time": {f: min(rows[f]["cpu"]) for f in sizes},
        "RSS above baseline": {f: _rss_growth(rows[f]) for f in sizes},
        "Python peak": {f: rows[f]["traced_peak"] for f in sizes},
    }
    verdict = {}
    for name, values in series.items():
        ratios = {f: (values[f] / values[1]) / (n[f] / n[1]) for f in sizes[1:]}
        slopes = [(values[b] - values[a]) / (n[b] - n[a]) for a, b in zip(sizes, sizes[1:])]
        unit, scale = ("ms", 1e3) if name == "CPU time" else ("KB", 1.0 if name != "Python peak" else 1 / 1024)
        verdict[name] = all(ratio <= 1 + TOLERANCE for ratio in ratios.values())
        print(f"    {name:18}: ratio of ratios "
              + ", ".join(f"{f}x {r:.2f}" for f, r in ratios.items())
              + "; per event, step by step: "
              + ", ".join(f"{s * scale:.2f} {unit}" for s in slopes)
              + ("" if verdict[name] else "  <- grows faster than the case"))
    return f"{kind} {fmt}", verdict["CPU time"], verdict["RSS above baseline"] and verdict["Python peak"]


def _targets(verdicts: list) -> list[Target]:
    time_bad = [label for label, time_ok, _ in verdicts if not time_ok]
    memory_bad = [label for label, _, memory_ok in verdicts if not memory_ok]
    rule = f"ratio of ratios <= {1 + TOLERANCE:.2f} at every size"
    return [
        Target(f"Render time grows linearly with the case ({rule}, CPU time)",
               "faster than linear: " + ", ".join(time_bad) if time_bad
               else "linear in every document and format measured", not time_bad),
        Target(f"Memory grows linearly with the case ({rule}, RSS and Python peak)",
               "faster than linear: " + ", ".join(memory_bad) if memory_bad
               else "linear in every document and format measured", not memory_bad),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        factor, kind, fmt, repeat = sys.argv[2:6]
        print(json.dumps(worker(int(factor), kind, fmt, int(repeat))))
    else:
        run("--quick" in sys.argv)
