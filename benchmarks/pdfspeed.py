"""Section 10: the warm PDF before and after issue 15's changes, in one process.

Both changes keep the bytes of the PDF, so they can be switched off and on between renders:
docgen's footnote store (`docgen.writers.footnote_area`; off: WeasyPrint's own
`block_level_layout`, kept as `__wrapped__`) and the process's long-lived objects frozen out of
the garbage collector (`gc.freeze()` in `docgen.writers.pdf`; off: `gc.unfreeze()`). Blocks of
5 PDFs alternate (before, after, after, before, ...): a full collection comes about once every
five PDFs, so a block carries its own. CPU time (time.process_time), median and mean.
"""

from __future__ import annotations

import gc
import statistics
import time

from benchmarks.common import Target, fixture_case, heading

GOAL_MS = 200
BLOCK = 5


def run(quick: bool) -> tuple[dict, list[Target]]:
    from docgen.model.build import build_document
    from docgen.writers import pdf

    pdf._weasyprint()  # WeasyPrint as docgen imports it: the store in place, the heap frozen
    from weasyprint.layout import block

    store = block.block_level_layout
    own = getattr(store, "__wrapped__", store)
    rounds = 4 if quick else 10
    heading(f"10. The warm PDF before and after issue 15 (footnote store, frozen heap): CPU time, "
            f"{rounds} alternating blocks of {BLOCK} PDFs a side")
    case = fixture_case()
    results = {}
    for kind in ("cat-complaint", "appeal-letter"):
        document = build_document(case, kind)
        times: dict[str, list[float]] = {"before": [], "after": []}
        outputs = {}
        try:
            for round_ in range(rounds):
                for side in ("before", "after") if round_ % 2 == 0 else ("after", "before"):
                    block.block_level_layout = own if side == "before" else store
                    gc.unfreeze() if side == "before" else gc.freeze()
                    for _ in range(BLOCK):
                        start = time.process_time()
                        outputs[side] = pdf.write_pdf(document)
                        times[side].append(time.process_time() - start)
        finally:
            block.block_level_layout = store
            gc.freeze()
        before, after = times["before"], times["after"]
        results[kind] = statistics.median(after)
        print(f"  {kind}: same bytes before and after: {outputs['before'] == outputs['after']}")
        for side, values in times.items():
            print(f"    {side:6}  median {statistics.median(values) * 1e3:6.1f} ms"
                  f"  mean {statistics.mean(values) * 1e3:6.1f} ms  (n={len(values)})")
        print(f"    after/before: medians {statistics.median(after) / statistics.median(before):.3f},"
              f" means {statistics.mean(after) / statistics.mean(before):.3f}")
    complaint = results["cat-complaint"] * 1e3
    return results, [Target(f"warm complaint PDF at {GOAL_MS} ms or less (CPU median, same pages)",
                            f"{complaint:.0f} ms", complaint <= GOAL_MS)]
