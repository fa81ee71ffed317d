"""Section 3: docgen's PDF against the route other tools take: render the DOCX, then convert it
with `soffice --headless --convert-to pdf`.

LibreOffice runs cold, a new process per document, as docassemble does, with a profile of its
own (made by the first conversion, which is reported apart, so that no timed run pays for
creating it and no other LibreOffice on the machine holds its lock). soffice exits 0 when it
fails, so every run checks that the PDF exists and is one.

For comparison with a LibreOffice kept running (Gotenberg, unoserver), the warm cost of one more
document is estimated from one soffice process converting a batch of copies:
(batch time - single time) / (copies - 1).
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from benchmarks.common import KINDS, Stats, Target, fixture_case, heading, time_calls, time_subprocess


def _convert(soffice: str, profile: Path, docx: Path, outdir: Path) -> float:
    pdf = outdir / (docx.stem + ".pdf")
    pdf.unlink(missing_ok=True)
    seconds, done = time_subprocess(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), str(docx)], timeout=180)
    if not pdf.exists() or not pdf.read_bytes().startswith(b"%PDF-"):
        raise RuntimeError(f"soffice made no PDF of {docx} (exit {done.returncode}): "
                           f"{done.stderr.decode(errors='replace')[-500:]}")
    return seconds


def _pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def run(quick: bool, warm: dict | None = None, cold: dict | None = None) -> tuple[dict, list[Target]]:
    from docgen.render import render

    heading("3. docgen's PDF against DOCX -> LibreOffice (soffice cold: a new process per document)")
    soffice = shutil.which("soffice")
    if soffice is None:
        print("  soffice not found: section skipped")
        return {}, [Target("PDF at least 2x faster than DOCX -> LibreOffice", "soffice missing", None)]
    case = fixture_case()
    repeat = 2 if quick else 5
    results = {}
    with tempfile.TemporaryDirectory(prefix="docgen-bench-lo-") as tmp:
        tmp = Path(tmp)
        profile = tmp / "profile"
        for kind in KINDS:
            docx = tmp / f"{kind}.docx"
            docx.write_bytes(render(case, kind, "docx"))
            first = _convert(soffice, profile, docx, tmp)  # makes the profile on the first kind
            times = [_convert(soffice, profile, docx, tmp) for _ in range(repeat)]
            lo = Stats.of(times)
            copies = 4 if quick else 10
            batch = [tmp / f"batch-{n}-{kind}.docx" for n in range(copies)]
            for path in batch:
                path.write_bytes(docx.read_bytes())
            batch_seconds = _convert_many(soffice, profile, batch, tmp)
            marginal = (batch_seconds - lo.median) / (copies - 1)
            lo_pages = _pages((tmp / f"{kind}.pdf").read_bytes())

            docx_warm = warm[(kind, "docx")] if warm else Stats.of(
                time_calls(lambda: render(case, kind, "docx"), 10)[0])
            pdf_warm = warm[(kind, "pdf")] if warm else Stats.of(
                time_calls(lambda: render(case, kind, "pdf"), 5)[0])
            our_pages = _pages(render(case, kind, "pdf"))
            service = (docx_warm.median + lo.median) / pdf_warm.median
            results[kind] = {"soffice": lo, "service_ratio": service, "marginal": marginal}
            print(f"  {kind}: soffice {lo_pages} pages, docgen {our_pages} pages")
            print(f"    soffice --convert-to pdf, cold      {lo.ms()}"
                  f"  (first run{', making the profile' if kind == KINDS[0] else ''}: {first * 1e3:.0f} ms)")
            print(f"    service view: docgen DOCX warm {docx_warm.median * 1e3:.1f} ms + soffice "
                  f"{lo.median * 1e3:.0f} ms = {(docx_warm.median + lo.median) * 1e3:.0f} ms"
                  f" vs docgen PDF warm {pdf_warm.median * 1e3:.0f} ms: docgen {service:.1f}x faster")
            print(f"    LibreOffice kept warm (estimate): {copies} copies in one soffice process"
                  f" {batch_seconds * 1e3:.0f} ms, {marginal * 1e3:.0f} ms per further document;"
                  f" DOCX + that = {(docx_warm.median + marginal) * 1e3:.0f} ms against docgen's"
                  f" {pdf_warm.median * 1e3:.0f} ms: ratio {(docx_warm.median + marginal) / pdf_warm.median:.2f}"
                  f" (below 1: docgen is slower than a warm LibreOffice)")
            if cold:
                route = cold[(kind, "docx")].median + lo.median
                cli = route / cold[(kind, "pdf")].median
                results[kind]["cli_ratio"] = cli
                print(f"    CLI view: `docgen render -f docx` cold {cold[(kind, 'docx')].median * 1e3:.0f} ms"
                      f" + soffice {lo.median * 1e3:.0f} ms = {route * 1e3:.0f} ms vs `docgen render"
                      f" -f pdf` cold {cold[(kind, 'pdf')].median * 1e3:.0f} ms: docgen {cli:.1f}x faster")
    service = min(r["service_ratio"] for r in results.values())
    found = [Target("PDF at least 2x faster than DOCX -> LibreOffice, service (docgen warm; DOCX warm"
                    " + soffice cold per document, as docassemble)",
                    f"worst {service:.1f}x (" + ", ".join(f"{k} {r['service_ratio']:.1f}x"
                                                         for k, r in results.items()) + ")",
                    service >= 2.0)]
    if cold:
        cli = min(r["cli_ratio"] for r in results.values())
        found.append(Target("PDF at least 2x faster than DOCX -> LibreOffice, command line (each a"
                            " fresh process: `docgen render -f pdf` vs `-f docx` + soffice)",
                            f"worst {cli:.1f}x (" + ", ".join(f"{k} {r['cli_ratio']:.1f}x"
                                                             for k, r in results.items()) + ")",
                            cli >= 2.0))
    return results, found


def _convert_many(soffice: str, profile: Path, docs: list[Path], outdir: Path) -> float:
    for docx in docs:
        (outdir / (docx.stem + ".pdf")).unlink(missing_ok=True)
    seconds, done = time_subprocess(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docs)], timeout=600)
    for docx in docs:
        pdf = outdir / (docx.stem + ".pdf")
        if not pdf.exists() or not pdf.read_bytes().startswith(b"%PDF-"):
            raise RuntimeError(f"soffice made no PDF of {docx} (exit {done.returncode})")
    return seconds
