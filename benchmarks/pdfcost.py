"""What docgen's stylesheet and PDF options cost WeasyPrint, against a plain layout of the same
text: the complaint's HTML from the PDF writer laid out and written with one thing taken away at
a time, and with all of them taken away.

Every variant is laid out and written in the same process, alternating, after one untimed run
each; the figure is the median CPU time (time.process_time, which other work on the machine
disturbs less than the wall clock). The variants change what the page shows and are for
measurement only: docgen's PDF is the first line.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from benchmarks.common import fixture_case, heading

# (name, how the stylesheet is changed, write_pdf's options changed)
VARIANTS: list[tuple[str, Callable[[str], str] | None, dict]] = [
    ("docgen's PDF", None, {}),
    ("footnotes in the text, not floated to the foot", lambda css: css.replace("float: footnote;", ""), {}),
    ("footnote markers inline, not inline-block",
     lambda css: css.replace("    display: inline-block;\n    min-width: 1.5em;", "    display: inline;"), {}),
    ("paragraph labels inline, not inline-block",
     lambda css: css.replace("  display: inline-block;\n  padding-inline-end: 0.3em;", "  display: inline;"), {}),
    ('"Page X" without "of Y" (counter(pages))',
     lambda css: css.replace('" of " counter(pages)', ""), {}),
    ("no widows and orphans", lambda css: css.replace("orphans: 2; widows: 2;", ""), {}),
    ("ragged right, not justified", lambda css: css.replace("text-align: justify;", ""), {}),
    ("no break-word wrapping", lambda css: css.replace("overflow-wrap: break-word;", ""), {}),
    ("plain PDF, not PDF/UA-1 (no tags)", None, {"pdf_variant": None}),
    ("fonts embedded whole, not subset", None, {"full_fonts": True}),
    ("streams not compressed", None, {"uncompressed_pdf": True}),
]


def _plain(css: str) -> str:
    for _, edit, _ in VARIANTS:
        css = edit(css) if edit else css
    return css


def run(quick: bool) -> dict[str, float]:
    from docgen.model.build import build_document
    from docgen.writers import pdf
    from docgen.writers.html import HTML_DIR, render_html, stylesheet_text

    pdf._weasyprint()  # WeasyPrint as docgen imports it: with docgen's footnote_area in place
    from weasyprint import CSS, HTML
    from weasyprint.layout import block

    repeat = 5 if quick else 15
    heading(f"7. What the stylesheet costs: the complaint's PDF with one thing taken away at a time "
            f"(CPU time, median of {repeat}, alternating)")
    document = build_document(fixture_case(), "cat-complaint")
    source = render_html(document, paged=True)
    base = str(HTML_DIR) + "/"
    fetcher, fonts = pdf._fetcher(), pdf._font_config()

    kept = block.block_level_layout

    def make(edit, options, write=True, lay_out=kept):
        css = edit(stylesheet_text()) if edit else stylesheet_text()
        sheet = CSS(string=css, base_url=base, url_fetcher=fetcher)

        def render() -> tuple[int, int]:
            block.block_level_layout = lay_out
            try:
                rendering = HTML(string=source, base_url=base, url_fetcher=fetcher).render(
                    font_config=fonts, stylesheets=[sheet])
            finally:
                block.block_level_layout = kept
            if not write:
                return len(rendering.pages), 0
            rendering.metadata = pdf._metadata(document)
            written = rendering.write_pdf(**{"pdf_variant": pdf.PDF_VARIANT, "pdf_identifier": True,
                                             **options})
            return len(rendering.pages), len(written)
        return render

    runs = {name: make(edit, options) for name, edit, options in VARIANTS}
    # The same page, every footnote laid out again for each one added after it on its page.
    runs["WeasyPrint's own footnote area (not docgen's footnote_area)"] = make(
        None, {}, lay_out=getattr(kept, "__wrapped__", kept))
    runs["layout only (docgen's stylesheet, no PDF written)"] = make(None, {}, write=False)
    runs["plain: all the stylesheet's above taken away, plain PDF"] = make(_plain, {"pdf_variant": None})
    runs["plain, layout only"] = make(_plain, {}, write=False)
    sizes = {name: render() for name, render in runs.items()}  # untimed: first use
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, render in runs.items():
            start = time.process_time()
            render()
            times[name].append(time.process_time() - start)
    medians = {name: statistics.median(values) for name, values in times.items()}
    reference = medians["docgen's PDF"]
    for name, median in medians.items():
        pages, size = sizes[name]
        written = f", {size:,} bytes" if size else ""
        print(f"  {name:56} {median * 1e3:6.1f} ms  {(median - reference) * 1e3:+7.1f} ms"
              f"  ({pages} pages{written})")
    return medians
