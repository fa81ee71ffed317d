"""Rendering: a validated case in, a document's bytes out. A pure function, so that a web
worker, the command line and a job queue all call the same thing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docgen.case import Case
from docgen.model.build import build_document
from docgen.model.document import Document
from docgen.model.kinds import KINDS, CaseLacks
from docgen.writers.docx import write_docx
from docgen.writers.html import write_html
from docgen.writers.pdf import prepare as prepare_pdf
from docgen.writers.pdf import write_pdf


@dataclass(frozen=True)
class Format:
    media_type: str
    extension: str
    write: Callable[[Document], bytes]


FORMATS = {
    "docx": Format(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", write_docx
    ),
    "pdf": Format("application/pdf", "pdf", write_pdf),
    "html": Format("text/html; charset=utf-8", "html", write_html),
}


def prepare(format: str) -> None:
    """Do once, ahead of a timed render, what the first render of ``format`` in a process would
    do: import its libraries (WeasyPrint, for a PDF). An import stopped halfway cannot be undone."""
    if format == "pdf":
        prepare_pdf()


def render(case: Case, kind: str, format: str, *, public: bool = False) -> bytes:
    """The document ``kind`` of ``case`` as ``format`` bytes; KeyError for an unknown kind or a
    format the kind is not made in, CaseLacks when the case lacks what the kind needs."""
    if format not in KINDS[kind].formats:
        raise KeyError(format)
    writer = FORMATS[format].write
    return writer(build_document(case, kind, public=public))


def filename(kind: str, format: str, *, public: bool = False) -> str:
    """A download name that says what the file is and never who it is about."""
    return f"{kind}{'-public' if public else ''}.{FORMATS[format].extension}"


__all__ = ["FORMATS", "KINDS", "CaseLacks", "filename", "prepare", "render"]
