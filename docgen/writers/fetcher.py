"""The URL fetcher of the PDF writer: WeasyPrint may load docgen's own files and nothing else.

Apart from `docgen.writers.pdf` because it derives from WeasyPrint's URLFetcher, and importing
WeasyPrint takes about half a second: the PDF writer imports this module when it first renders.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


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
