"""Rendering: a validated case in, a document's bytes out. A pure function, so that a web
worker, the command line and a job queue all call the same thing."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from docgen.case import Case
from docgen.case.warnings import court_request_warnings, language_warnings
from docgen.case.fields import slug
from docgen.languages import LANGUAGES
from docgen.model.build import NotFinal, build_document
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


def render(case: Case, kind: str, format: str, *, public: bool = False, final: bool = False,
           language: str | None = None) -> bytes:
    """The document ``kind`` of ``case`` as ``format`` bytes, written in ``language`` (by default
    the case's); KeyError for an unknown kind or language or a format the kind is not made in,
    CaseLacks when the case lacks what the kind needs or the kind is not written in the language
    (NotFinal, one of them, for a ``final`` edition of a case with something still to verify)."""
    if format not in KINDS[kind].formats:
        raise KeyError(format)
    if language is not None and language not in LANGUAGES:
        raise KeyError(language)
    writer = FORMATS[format].write
    return writer(build_document(case, kind, public=public, final=final, language=language))


def warnings(case: Case, kind: str, language: str | None = None) -> list[dict[str, str]]:
    """The case's warnings as they hold for document ``kind`` written in ``language``: for a
    language not the case's, the warning that an addressee does not accept the case's language
    gives way to the one about ``language`` and this document's addressee; a request to the
    European Court adds what its maker must know of a complaint to the Committee (article 22(5)(a))."""
    addressee = KINDS[kind].addressee
    sent = court_request_warnings(case.data) if addressee == "court" else []
    if language is None or language == case.data["language"]:
        return case.warnings + sent
    others = [warning for warning in case.warnings if warning["path"] != "language"]
    return others + language_warnings(case.data, language, addressee) + sent


def filename(kind: str, format: str, *, public: bool = False, case: Mapping | None = None,
             language: str | None = None, bundle: bool = False) -> str:
    """A download name that says what the file is and whose, without the legal name:
    `<pseudonym>-<kind>[-public]-<signature date>.<ext>`, such as rustam-cat-complaint-2012-07-10.pdf,
    so that the files of different clients do not overwrite each other. A document is named in
    its language (rustam-klage-2012-07-10.pdf), which the name also gives when it is not the
    case's (rustam-klage-nb-2012-07-10.pdf). ``case`` is the case's data, loaded or as JSON;
    ``format`` an entry of FORMATS or another extension ("json"); ``kind`` a kind or another
    word ("documents"); a ``bundle`` (docgen.bundle) is named after the kind it leads
    (rustam-cat-complaint-bundle-2012-07-10.pdf, rustam-zhaloba-s-prilozheniyami-ru-...)."""
    extension = FORMATS[format].extension if format in FORMATS else format
    own = _language_of(case)
    words = LANGUAGES[language or own]
    what = KINDS[kind].file_in(words.code) if kind in KINDS else kind
    parts = [_whose(case), what, words.bundle.file if bundle else "", words.public_file if public else "",
             words.code if words.code != own else "", _signed(case)]
    return "-".join(part for part in parts if part) + f".{extension}"


def _language_of(case: Mapping | None) -> str:
    code = case.get("language") if isinstance(case, Mapping) else None
    return code if code in LANGUAGES else "en"


def _whose(case: Mapping | None) -> str:
    people = case.get("complainants") if isinstance(case, Mapping) else None
    first = people[0] if isinstance(people, list) and people and isinstance(people[0], Mapping) else {}
    pseudonym = first.get("pseudonym")
    return slug(pseudonym, "", most=30) if isinstance(pseudonym, str) else ""


def _signed(case: Mapping | None) -> str:
    signature = case.get("signature") if isinstance(case, Mapping) else None
    date = str(signature.get("date") or "") if isinstance(signature, Mapping) else ""
    return date if _DATE.fullmatch(date) else ""


_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


__all__ = ["FORMATS", "KINDS", "CaseLacks", "NotFinal", "filename", "prepare", "render", "warnings"]
