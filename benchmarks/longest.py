"""The PDF of the case with every field at its longest (tests/casegen.py, the same example as
tests/test_every_case_renders.py draws), each kind's full edition: CPU seconds of one render.

A run of text without a break used to cost WeasyPrint time growing with the square of its length,
once for every footnote of its page (docgen.writers.html.breakable says why); this is the figure
that shows it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from benchmarks.common import heading


def longest_case() -> dict:
    sys.path.insert(0, str(Path("tests").resolve()))
    from casegen import cases
    from hypothesis import HealthCheck, given, settings

    drawn: list[dict] = []

    @settings(max_examples=1, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=cases(shape="longest"))
    def draw(case):
        drawn.append(case)

    draw()
    return drawn[0]


def run(quick: bool = False) -> None:
    from docgen.case import load_case
    from docgen.render import KINDS, prepare, render

    heading("The longest case's PDF, each kind (CPU s of one render)")
    prepare("pdf")
    case = load_case(longest_case())
    for kind in KINDS.values():
        if "pdf" in kind.formats:
            started = time.process_time()
            render(case, kind.id, "pdf")
            print(f"  {kind.id:<22} {time.process_time() - started:6.1f} s", flush=True)
