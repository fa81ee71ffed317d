"""Run the benchmarks and print each target with its measured value and MET/MISSED.

    .venv/bin/python -m benchmarks                    # everything (about 10 minutes on 2 cores)
    .venv/bin/python -m benchmarks --quick            # fewer repeats, 100 requests
    .venv/bin/python -m benchmarks render overhead    # only some sections

Sections: render (1: warm and cold renders), overhead (2: against bare WeasyPrint), libreoffice
(3: against DOCX -> soffice), growth (4: 1x/4x/16x cases), serve (5: the service under load),
form (6: the web form's path in server time), pdfcost (7: what the stylesheet costs WeasyPrint),
pdfspeed (10: the warm PDF before and after issue 15's changes, in one process),
warm-libreoffice (8: against DOCX -> a LibreOffice kept running, through UNO), batch (9: 100 PDFs
through the job queue, 1 and 2 render processes), longest (11: the PDF of the case with every
field at its longest, each kind).
The targets are measured here and never asserted in the tests; the exit code is 0 either way.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time

from benchmarks.common import CORES, heading, loadavg, machine, source

SECTIONS = ("render", "overhead", "libreoffice", "growth", "serve", "form", "pdfcost", "pdfspeed",
            "warm-libreoffice", "batch", "longest")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("sections", nargs="*", choices=[[], *SECTIONS], default=[],
                        metavar="SECTION", help=f"any of {', '.join(SECTIONS)} (default: all)")
    parser.add_argument("--quick", action="store_true", help="fewer repeats and requests")
    parser.add_argument("--requests", type=int, help="requests for the service (default 1000, quick 100)")
    args = parser.parse_args(argv)
    chosen = args.sections or list(SECTIONS)
    os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

    started = time.perf_counter()
    print(f"docgen benchmarks, {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"machine: {machine()}")
    print(f"docgen: {source()}")
    print(f"command: {' '.join([os.path.relpath(sys.executable), '-m', 'benchmarks', *sys.argv[1:]])}")
    print(f"All times on {CORES} cores; fixture fixtures/cases/rustam-norway.json.")
    if os.getloadavg()[0] > 0.5 * CORES:
        print(f"WARNING: the machine is busy (load average {loadavg()} on {CORES} cores): other work"
              " competes for the cores and the figures will be slower and noisier than on a quiet machine.")
    targets = []
    warm = cold = None
    if "render" in chosen:
        from benchmarks import renders

        warm, cold, found = renders.run(args.quick)
        targets += found
    if "overhead" in chosen:
        from benchmarks import overhead

        targets += overhead.run(args.quick)[1]
    if "libreoffice" in chosen:
        from benchmarks import libreoffice

        targets += libreoffice.run(args.quick, warm, cold)[1]
    if "growth" in chosen:
        from benchmarks import growth

        targets += growth.run(args.quick)[1]
    if "serve" in chosen:
        from benchmarks import service

        targets += service.run(args.quick, args.requests)[1]
    if "form" in chosen:
        from benchmarks import formpath

        formpath.run(args.quick)
    if "pdfcost" in chosen:
        from benchmarks import pdfcost

        pdfcost.run(args.quick)
    if "pdfspeed" in chosen:
        from benchmarks import pdfspeed

        targets += pdfspeed.run(args.quick)[1]
    if "warm-libreoffice" in chosen:
        from benchmarks import warmoffice

        targets += warmoffice.run(args.quick)[1]
    if "batch" in chosen:
        from benchmarks import batch

        targets += batch.run(args.quick)[1]

    if "longest" in chosen:
        from benchmarks import longest

        longest.run(args.quick)

    heading(f"Targets ({CORES} cores)")
    for target in targets:
        print(target.line())
    print(f"\n{time.perf_counter() - started:.0f} s in all; load average at the end {loadavg()}")


if __name__ == "__main__":
    main()
