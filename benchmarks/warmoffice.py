"""The route of Gotenberg and unoserver, measured: docgen's DOCX converted to PDF by a
LibreOffice kept running, per document, warm, beside docgen's own warm PDF in the same run.

One `soffice --headless` is started with a profile of its own and LibreOffice's UNO listener on
a loopback port; benchmarks/uno_convert.py, run with Debian's /usr/bin/python3 (which has
LibreOffice's Python UNO, python3-uno), loads each DOCX hidden, stores it with the
writer_pdf_Export filter and closes it, as unoserver does. After one untimed conversion (Writer's
first load), each document is converted REPEAT times, each time from a fresh copy of the file.
LibreOffice's CPU time per conversion is read from /proc (utime + stime of soffice.bin, in clock
ticks of 10 ms, so a median of many), the client's wall clock beside it. docgen's PDF and DOCX
are rendered warm in this process, CPU time (time.process_time), as in section 1. soffice is
stopped at the end.

Setup (Debian 12), once, not in .ci/setup since no test needs it:
    sudo apt-get install libreoffice-writer-nogui python3-uno
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.common import KINDS, ROOT, Target, fixture_case, free_port, heading

SYSTEM_PYTHON = "/usr/bin/python3"
CLIENT = ROOT / "benchmarks" / "uno_convert.py"


def _has_uno() -> bool:
    return Path(SYSTEM_PYTHON).exists() and subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


def _pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _docgen_warm(case, kind: str, format: str, repeat: int) -> list[float]:
    from docgen.render import render

    render(case, kind, format)
    times = []
    for _ in range(repeat):
        start = time.process_time()
        render(case, kind, format)
        times.append(time.process_time() - start)
    return times


def run(quick: bool) -> tuple[dict, list[Target]]:
    from docgen.render import render

    repeat = 10 if quick else 40
    heading(f"8. docgen's PDF against DOCX -> a LibreOffice kept running (UNO, as unoserver; "
            f"median of {repeat} documents each)")
    soffice = shutil.which("soffice")
    if soffice is None or not _has_uno():
        print("  needs soffice and LibreOffice's Python UNO for /usr/bin/python3: "
              "apt-get install libreoffice-writer-nogui python3-uno. Section skipped.")
        return {}, [Target("docgen's warm PDF against a warm LibreOffice", "not installed", None)]
    case = fixture_case()
    results = {}
    with tempfile.TemporaryDirectory(prefix="docgen-bench-uno-") as tmp:
        tmp = Path(tmp)
        port = free_port()
        office = subprocess.Popen(  # a session of its own: its process group is LibreOffice
            [soffice, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
             "--invisible", "--norestore", "--nologo", "--nodefault",
             f"--accept=socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            sources = []
            for kind in KINDS:
                path = tmp / f"{kind}.docx"
                path.write_bytes(render(case, kind, "docx"))
                sources.append(str(path))
            client = subprocess.run([SYSTEM_PYTHON, str(CLIENT), str(port), str(office.pid), str(repeat),
                                     *sources], capture_output=True, text=True, timeout=1800)
            if client.returncode != 0:
                raise RuntimeError(f"the UNO client failed: {client.stderr[-1500:]}")
            converted = {Path(row["docx"]).stem: row for row in map(json.loads, client.stdout.splitlines())}
        finally:
            os.killpg(office.pid, signal.SIGTERM)
            office.wait(timeout=60)
        for kind in KINDS:
            row = converted[kind]
            office_pages = _pages(Path(row["pdf"]).read_bytes())
            lo_cpu, lo_wall = statistics.median(row["cpu"]), statistics.median(row["wall"])
            docx = statistics.median(_docgen_warm(case, kind, "docx", repeat))
            pdf = statistics.median(_docgen_warm(case, kind, "pdf", max(10, repeat // 2)))
            route = docx + lo_cpu
            results[kind] = {"route": route, "pdf": pdf, "ratio": route / pdf}
            print(f"  {kind}: LibreOffice {office_pages} pages, docgen {_pages(render(case, kind, 'pdf'))} pages")
            print(f"    LibreOffice warm, per document: CPU median {lo_cpu * 1e3:.0f} ms"
                  f" (p10-p90 {_p(row['cpu'], .1):.0f}-{_p(row['cpu'], .9):.0f}), client's wall median"
                  f" {lo_wall * 1e3:.0f} ms")
            print(f"    docgen warm, CPU median: DOCX {docx * 1e3:.1f} ms, PDF {pdf * 1e3:.0f} ms")
            verdict = "docgen faster" if route > pdf else "docgen slower"
            print(f"    DOCX + warm LibreOffice {route * 1e3:.0f} ms against docgen's PDF {pdf * 1e3:.0f} ms:"
                  f" {route / pdf:.2f} ({verdict}; above 1 means docgen's own PDF is quicker)")
    worst = min(r["ratio"] for r in results.values())
    return results, [Target("docgen's warm PDF against DOCX + a warm LibreOffice (CPU, measured through UNO)",
                            ", ".join(f"{k} {r['ratio']:.2f}" for k, r in results.items())
                            + " (above 1: docgen quicker)", worst >= 1.0)]


def _p(values: list[float], fraction: float) -> float:
    from benchmarks.common import percentile

    return percentile(values, fraction) * 1e3

