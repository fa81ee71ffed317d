"""The PDF writer: the HTML template (see `docgen.writers.html`) printed by WeasyPrint.

CSS paged media does the layout (A4, footnotes at the foot of the page, "Page X of Y"); this
module adds what only the PDF needs: a fetcher that loads nothing but docgen's own files, the
parsed stylesheet and the font configuration kept between renders, and the document properties
taken from the model.
"""

from __future__ import annotations

import mimetypes
import threading
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.pdf.metadata import DocumentMetadata
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from docgen.model.document import Document
from docgen.writers.html import HTML_DIR, STYLESHEET_PATH, printable, render_html, stylesheet_text

# Tagged PDF with the document's language and title: readable by screen readers, and text that
# copies out in reading order. WeasyPrint does not check conformance; see tests/test_pdf_writer.py.
PDF_VARIANT = "pdf/ua-1"


class TemplatesOnlyFetcher(URLFetcher):
    """Refuses every URL except a `file://` path to a file inside `root`.

    WeasyPrint catches the ValueError raised for a refused URL and logs it (logger
    `weasyprint`): the render goes on without that resource, and nothing is ever requested.
    """

    def __init__(self, root: Path):
        super().__init__(allowed_protocols=("file",), allow_redirects=False, timeout=1)
        self._root = Path(root).resolve(strict=True)

    def fetch(self, url, headers=None):
        path = self.local_path(url)
        content_type, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url, path.read_bytes(), {"Content-Type": content_type or "application/octet-stream"}
        )

    def local_path(self, url: str) -> Path:
        """The file `url` names, symlinks and `..` resolved, if it lies inside the root."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"docgen loads only its own files, not {url[:200]!r}")
        try:
            # url2pathname undoes the %-escapes; resolve() follows symlinks and "..".
            path = Path(url2pathname(parts.path)).resolve()
        except (OSError, RuntimeError, ValueError) as error:
            raise ValueError(f"not a usable path: {url[:200]!r}") from error
        if not path.is_relative_to(self._root):
            raise ValueError(f"outside docgen's templates: {url[:200]!r}")
        if not path.is_file():
            raise ValueError(f"no such file in docgen's templates: {url[:200]!r}")
        return path


def write_pdf(document: Document) -> bytes:
    """The document as a PDF (A4, footnotes at the foot of the page, tagged)."""
    source = render_html(document, paged=True)
    fetcher = _fetcher()
    html = HTML(string=source, base_url=str(HTML_DIR) + "/", url_fetcher=fetcher)
    rendering = html.render(font_config=_font_config(), stylesheets=[_stylesheet()])
    rendering.metadata = _metadata(document)
    # The identifier is a hash of the file's content: the same document gives the same bytes.
    return rendering.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=True)


def _metadata(document: Document) -> DocumentMetadata:
    """The PDF's properties: the model's title, author, subject, keywords, language; no more."""
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
    return TemplatesOnlyFetcher(HTML_DIR)


@cache
def _stylesheet() -> CSS:
    """The stylesheet, parsed once per process.

    It has no @font-face, so it needs no FontConfiguration and can serve every thread; a
    stylesheet with @font-face would have to be parsed with each thread's FontConfiguration.
    """
    css = stylesheet_text()
    if "@font-face" in css or "url(" in css or "@import" in css:
        raise ValueError(f"{STYLESHEET_PATH} must load nothing: no @font-face, url() or @import")
    return CSS(string=css, base_url=str(HTML_DIR) + "/", url_fetcher=_fetcher())


_local = threading.local()


def _font_config() -> FontConfiguration:
    """One FontConfiguration per thread.

    A new one per render leaks memory; one shared between threads corrupts it.
    """
    config = getattr(_local, "font_config", None)
    if config is None:
        config = _local.font_config = FontConfiguration()
    return config
