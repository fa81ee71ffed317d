"""Section 2: docgen's PDF pipeline against bare WeasyPrint on the same final HTML and CSS.

The bare run gets what docgen's PDF writer gives WeasyPrint: the paged HTML from the writer's own
`render_html(document, paged=True)`, the same stylesheet text (parsed once, as docgen does), one
FontConfiguration kept for the run, the same base URL, PDF variant and identifier option. It leaves
out everything that is docgen's own: loading the case into a model, filling the HTML template,
the restricted URL fetcher and the PDF properties. The ratio of the two medians is docgen's
overhead. Runs alternate (docgen, bare, docgen, ...) so that load from elsewhere hits both. The
verdict is the median of the ratios of each pair's CPU time (time.process_time: the work of this
process, which other processes competing for the cores barely change); the wall-clock ratios (of
pairs, of medians, of the fastest runs) are printed beside it.
"""

from __future__ import annotations

import io
import time

from benchmarks.common import KINDS, Stats, Target, fixture_case, heading


def _fonts(pdf: bytes) -> set[str]:
    from pypdf import PdfReader

    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")).split("+")[-1])
    return fonts


def _pages_and_text(pdf: bytes) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def run(quick: bool) -> tuple[dict, list[Target]]:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from docgen.model.build import build_document
    from docgen.render import render
    from docgen.writers import pdf as pdf_writer
    from docgen.writers.html import HTML_DIR, render_html, stylesheet_text

    heading("2. docgen's PDF pipeline against bare WeasyPrint (same HTML, CSS, fonts, pdf/ua-1)")
    case = fixture_case()
    rounds = 6 if quick else 30
    base_url = str(HTML_DIR) + "/"
    css = CSS(string=stylesheet_text(), base_url=base_url)
    font_config = FontConfiguration()
    results = {}
    for kind in KINDS:
        source = render_html(build_document(case, kind), paged=True)

        def bare() -> bytes:
            document = HTML(string=source, base_url=base_url).render(
                stylesheets=[css], font_config=font_config)
            return document.write_pdf(pdf_variant=pdf_writer.PDF_VARIANT, pdf_identifier=True)

        def docgen() -> bytes:
            return render(case, kind, "pdf")

        ours, theirs = docgen(), bare()  # warm-up, and the check that both print the same
        same_pages = _pages_and_text(ours) == _pages_and_text(theirs)
        same_fonts = _fonts(ours) == _fonts(theirs)
        times = {"docgen": [], "bare": []}
        cpu = {"docgen": [], "bare": []}
        for _ in range(rounds):
            for label, call in (("docgen", docgen), ("bare", bare)):
                start, start_cpu = time.perf_counter(), time.process_time()
                call()
                cpu[label].append(time.process_time() - start_cpu)
                times[label].append(time.perf_counter() - start)
        model = []
        html = []
        for _ in range(rounds):
            start = time.perf_counter()
            document = build_document(case, kind)
            middle = time.perf_counter()
            render_html(document, paged=True)
            model.append(middle - start)
            html.append(time.perf_counter() - middle)
        ours_stats, bare_stats = Stats.of(times["docgen"]), Stats.of(times["bare"])
        pairs = Stats.of([a / b for a, b in zip(times["docgen"], times["bare"])])
        cpu_pairs = Stats.of([a / b for a, b in zip(cpu["docgen"], cpu["bare"])])
        ratio = cpu_pairs.median
        results[kind] = (ours_stats, bare_stats, ratio)
        pages, _ = _pages_and_text(ours)
        print(f"  {kind}: {pages} pages; same pages and text: {same_pages}; same fonts: {same_fonts}"
              f" ({', '.join(sorted(_fonts(ours)))})")
        print(f"    docgen render(.., 'pdf')   {ours_stats.ms()}")
        print(f"    bare WeasyPrint            {bare_stats.ms()}")
        print(f"    of docgen's: model {Stats.of(model).median * 1e3:.1f} ms, "
              f"HTML template {Stats.of(html).median * 1e3:.1f} ms (medians)")
        print(f"    CPU time: docgen median {Stats.of(cpu['docgen']).median * 1e3:.1f} ms, bare"
              f" {Stats.of(cpu['bare']).median * 1e3:.1f} ms")
        print(f"    ratio docgen/bare, wall clock: median of pairs {pairs.median:.3f} (p10 {pairs.p10:.3f},"
              f" p90 {pairs.p90:.3f}), of medians {ours_stats.median / bare_stats.median:.3f},"
              f" of fastest {ours_stats.low / bare_stats.low:.3f}")
        print(f"    ratio docgen/bare, CPU time: median of pairs {ratio:.3f} (p10 {cpu_pairs.p10:.3f},"
              f" p90 {cpu_pairs.p90:.3f}): overhead {(ratio - 1) * 100:+.1f}%")
        if not (same_pages and same_fonts):
            print("    WARNING: the bare run does not print the same document; the ratio is void")
            results[kind] = (ours_stats, bare_stats, float("nan"))
    worst = max(ratio for _, _, ratio in results.values())
    target = Target("PDF overhead over bare WeasyPrint at most 10%",
                    f"worst {(worst - 1) * 100:+.1f}% ("
                    + ", ".join(f"{k} {(r - 1) * 100:+.1f}%" for k, (_, _, r) in results.items()) + ")",
                    worst <= 1.10)
    return results, [target]
