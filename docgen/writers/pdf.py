"""The PDF writer: the HTML template (see `docgen.writers.html`) printed by WeasyPrint.

CSS paged media does the layout (A4, footnotes at the foot of the page, "Page X of Y"); this
module adds what only the PDF needs: a fetcher that loads nothing but docgen's own files
(`docgen.writers.fetcher`), the parsed stylesheet and the font configuration kept between
renders, and the document properties taken from the model.
"""

from __future__ import annotations

import gc
import importlib
import json
import sys
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.languages import language
from docgen.model.document import Block, BlockKind, Document, Footnote, FootnoteRef, Metadata, Text
from docgen.writers import footnote_area, footnote_calls
from docgen.writers.html import ENVIRONMENT, HTML_DIR, STYLESHEET_PATH, printable, render_html, stylesheet_text

# WeasyPrint is imported on first use, not with this module: importing it takes about half a
# second (it loads pango, harfbuzz and fontconfig through cffi), which `docgen validate`, a DOCX
# or the web form should not wait for.
if TYPE_CHECKING:
    from types import ModuleType

    from weasyprint import CSS
    from weasyprint.pdf.metadata import DocumentMetadata
    from weasyprint.text.fonts import FontConfiguration

    from docgen.writers.fetcher import TemplatesOnlyFetcher

# Tagged PDF with the document's language and title: readable by screen readers, and text that
# copies out in reading order. WeasyPrint does not check conformance; see tests/test_pdf_writer.py.
PDF_VARIANT = "pdf/ua-1"


def write_pdf(document: Document) -> bytes:
    """The document as a PDF (A4, footnotes at the foot of the page, tagged)."""
    HTML = _weasyprint().HTML

    source = render_html(document, paged=True)
    fetcher = _fetcher()
    html = HTML(string=source, base_url=str(HTML_DIR) + "/", url_fetcher=fetcher)
    rendering = html.render(font_config=_font_config(),
                            stylesheets=[_stylesheet(), _footer_stylesheet(document.metadata.language)])
    rendering.metadata = _metadata(document)
    # The identifier is a hash of the file's content: the same document gives the same bytes.
    return rendering.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=True)


STAMPS_TEMPLATE = "stamps.html.j2"
STAMPS_STYLESHEET_PATH = HTML_DIR / "stamps.css"


def write_stamps(stamps: Sequence[str], language: str = "en") -> bytes:
    """One small page per stamp ("Annex 2 — page 1 of 3"), in the order given: what a filing
    bundle lays over the top of each page of an annex (templates/html/stamps.css)."""
    HTML = _weasyprint().HTML

    source = ENVIRONMENT.get_template(STAMPS_TEMPLATE).render(
        stamps=[printable(stamp) for stamp in stamps], language=printable(language).strip() or "und")
    html = HTML(string=source, base_url=str(HTML_DIR) + "/", url_fetcher=_fetcher())
    return html.write_pdf(font_config=_font_config(), stylesheets=[_stamps_stylesheet()])


@cache
def _weasyprint() -> ModuleType:
    """WeasyPrint, imported once, with its footnote area laid out once per footnote and page
    (docgen.writers.footnote_area: the same PDF in a fifth to a quarter less time), and each
    footnote kept on the page of its call (docgen.writers.footnote_calls)."""
    weasyprint = _import_weasyprint()
    footnote_area.install(weasyprint)
    footnote_calls.install(weasyprint)
    # What is alive now mostly lives as long as the process (WeasyPrint's modules and cffi types,
    # docgen's, the web app's: some 100,000 objects). The cyclic garbage collector's full
    # collections, one every few PDFs, scanned them all again each time; frozen, they are left
    # out, and what renders leave behind is collected as before. (Cyclic garbage among the
    # objects alive now, at most the current request's, is never collected: once per process.)
    gc.freeze()
    return weasyprint


def _import_weasyprint() -> ModuleType:
    """WeasyPrint, imported without ctypes.util.find_library.

    WeasyPrint opens each library by a list of names ('libgobject-2.0-0', 'gobject-2.0-0',
    'gobject-2.0', ..., 'libgobject-2.0.so.0'); cffi hands every name it cannot open directly to
    find_library, which on Linux runs ldconfig and gcc, only to fail and go on to the exact
    soname that the dynamic loader finds by itself: 22 subprocesses and some 165 ms of every
    new process's first PDF, several times that on a busy machine. While WeasyPrint imports,
    find_library answers "not found" at once, so cffi goes straight on to the sonames. Where
    that is not enough (a system whose libraries only find_library knows), the import is
    tried again the ordinary way: a failed import leaves nothing of itself in sys.modules.
    """
    if not sys.platform.startswith("linux"):
        return importlib.import_module("weasyprint")
    import ctypes.util

    real = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        return importlib.import_module("weasyprint")
    except OSError:
        pass
    finally:
        ctypes.util.find_library = real
    return importlib.import_module("weasyprint")


@cache
def prepare() -> None:
    """Import WeasyPrint and lay out one small page: what the first PDF of a process does once.

    Called before a render's time budget starts (docgen.web.budget): a render stopped by the
    budget in the middle of importing WeasyPrint leaves its cffi bindings half made, and every
    later PDF of the process fails. Stopping a render is safe; stopping an import is not.
    """
    write_pdf(Document(
        "prepare", Metadata(title="docgen", language="en"),
        (Block(BlockKind.NUMBERED, (Text("docgen"), FootnoteRef(1)), "1"),),
        (Footnote(1, (Text("docgen"),)),),
    ))


def _metadata(document: Document) -> DocumentMetadata:
    """The PDF's properties: the model's title, author, subject, keywords, language; no more."""
    from weasyprint.pdf.metadata import DocumentMetadata

    meta = document.metadata
    title, author, subject = printable(meta.title), printable(meta.author), printable(meta.subject)
    keywords = [printable(keyword) for keyword in meta.keywords]
    return DocumentMetadata(
        title=title or None,
        authors=[author] if author else [],
        description=subject or None,
        keywords=[keyword for keyword in keywords if keyword.strip()],
        lang=printable(meta.language).strip() or None,
    )


@cache
def _fetcher() -> TemplatesOnlyFetcher:
    from docgen.writers.fetcher import TemplatesOnlyFetcher

    return TemplatesOnlyFetcher(HTML_DIR)


@cache
def _stylesheet() -> CSS:
    """The stylesheet, parsed once per process.

    It has no @font-face, so it needs no FontConfiguration and can serve every thread; a
    stylesheet with @font-face would have to be parsed with each thread's FontConfiguration.
    """
    return _parsed(stylesheet_text(), STYLESHEET_PATH)


@cache
def _footer_stylesheet(code: str) -> CSS:
    """The page footer, "Page 3 of 12", in the document's language: our own words (the language
    record's, never the case's), quoted as CSS strings."""
    words = language(code)
    quoted = [json.dumps(word, ensure_ascii=False) for word in (words.page, words.page_of)]
    return _parsed(f"@page {{ @bottom-center {{ content: {quoted[0]} counter(page) {quoted[1]} "
                   "counter(pages); } }", STYLESHEET_PATH)


@cache
def _stamps_stylesheet() -> CSS:
    return _parsed(STAMPS_STYLESHEET_PATH.read_text(encoding="utf-8"), STAMPS_STYLESHEET_PATH)


def _parsed(css: str, path: Path) -> CSS:
    from weasyprint import CSS

    if "@font-face" in css or "url(" in css or "@import" in css:
        raise ValueError(f"{path} must load nothing: no @font-face, url() or @import")
    return CSS(string=css, base_url=str(HTML_DIR) + "/", url_fetcher=_fetcher())


_local = threading.local()


def _font_config() -> FontConfiguration:
    """One FontConfiguration per thread.

    A new one per render leaks memory; one shared between threads corrupts it.
    """
    config = getattr(_local, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _local.font_config = FontConfiguration()
    return config
