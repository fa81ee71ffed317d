"""The files the result page offers: each document as DOCX or PDF, full or public, all of them
that the case allows in a ZIP, and the case itself as JSON. A button asks for a file by what it is ("cat-complaint.pdf"); the
file it gets is named by render.filename, with the pseudonym and the signature date. Each
document is made in the language chosen beside it on the page (`Languages`, by kind), by default
the case's."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from docgen.case import Case
from docgen.render import FORMATS, KINDS, filename
from docgen.writers.html import stylesheet_text

CASE_FILE = "docgen-case.json"
JSON_TYPE = "application/json"
ZIP_TYPE = "application/zip"
OFFERED_FORMATS = ("docx", "pdf")  # the HTML is the preview on the page


@dataclass(frozen=True)
class Download:
    name: str
    label: str
    kind: str | None  # a document, or None for the ZIP / the case file
    format: str
    public: bool = False


def _downloads() -> dict[str, Download]:
    offered: dict[str, Download] = {}
    for kind in KINDS.values():
        for public in (False, True) if kind.public_edition else (False,):
            for format in OFFERED_FORMATS:
                if format in kind.formats:
                    name = filename(kind.id, format, public=public)
                    label = f"{'public edition, ' if public else ''}{format.upper()}"
                    offered[name] = Download(name, label, kind.id, format, public)
    offered["documents.zip"] = Download("documents.zip", "All documents, DOCX and PDF (ZIP)", None, "zip")
    offered["documents-public.zip"] = Download(
        "documents-public.zip", "All public editions, DOCX and PDF (ZIP)", None, "zip", True)
    offered[CASE_FILE] = Download(CASE_FILE, "Save case (JSON)", None, "json")
    return offered


DOWNLOADS = _downloads()


# One case's documents: render(kind, format, public=..., language=...) -> bytes
# (cache.RenderCache.render bound to the case and the browser session).
Renderer = Callable[..., bytes]
# The language chosen for each kind on the result page; a kind not in it is made in the case's.
Languages = Mapping[str, str]


def document_downloads(kind: str) -> list[Download]:
    return [d for d in DOWNLOADS.values() if d.kind == kind]


def make(download: Download, case: Case, case_json: dict, render: Renderer,
         languages: Languages) -> tuple[bytes, str, str]:
    """The bytes, media type and file name of one download, its documents made by ``render`` in
    their ``languages``."""
    if download.format == "json":
        return case_file(case_json), JSON_TYPE, case_file_name(case_json)
    if download.format == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for item in DOWNLOADS.values():
                if (item.kind and item.public == download.public
                        and not KINDS[item.kind].needs(case.data)):
                    language = languages.get(item.kind)
                    archive.writestr(filename(item.kind, item.format, public=item.public, case=case_json,
                                              language=language),
                                     render(item.kind, item.format, public=item.public, language=language))
        name = filename("documents-public" if download.public else "documents", "zip", case=case_json)
        return buffer.getvalue(), ZIP_TYPE, name
    language = languages.get(download.kind)
    content = render(download.kind, download.format, public=download.public, language=language)
    name = filename(download.kind, download.format, public=download.public, case=case_json,
                    language=language)
    return content, FORMATS[download.format].media_type, name


def case_file_name(case_json: dict) -> str:
    return filename("case", "json", case=case_json)


def case_file(case_json: dict) -> bytes:
    return (json.dumps(case_json, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


_STYLE = re.compile(r"<style>.*?</style>", re.S)


def preview(render: Renderer, kind: str, language: str | None, stylesheet_url: str) -> str:
    """The document as HTML for a sandboxed frame: its stylesheet linked, not inline, so that a
    Content-Security-Policy without 'unsafe-inline' styles (which the frame inherits) allows it."""
    html = render(kind, "html", language=language).decode("utf-8")
    link = f'<link rel="stylesheet" href="{stylesheet_url}">'
    return _STYLE.sub(lambda _: link, html, count=1)


def preview_stylesheet() -> str:
    return stylesheet_text()
