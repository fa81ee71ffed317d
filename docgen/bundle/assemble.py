"""A filing bundle: the document, an index of its annexes with the page each starts on, then
each annex with every page stamped "Annex N — page x of y", all in one PDF with bookmarks.

The index and the stamps are docgen's own PDFs (docgen.writers.pdf: the documents' template,
fonts and style); pypdf only puts pages together and lays each stamp over its page. Annexes keep
the numbers the document gives them (their order in the case), so "Annex 3" in the text is
Annex 3 in the bundle; an annex listed in the case but not supplied keeps its number and the
index says "Not attached"; an annex docgen makes (its `document`, such as the chronology) is
made from the same case (docgen.bundle.made) and stamped like the others. Its words are those of
the document's language (docgen.languages, `bundle`): a bundle is in the language of the
document it leads.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject, TextStringObject

from docgen.bundle.annexes import MAX_ANNEXES_BYTES, MAX_ANNEXES_PAGES, MEGABYTE, Annex, AnnexError, read_annex
from docgen.bundle.made import make_annexes
from docgen.case import Case
from docgen.languages import LANGUAGES, Language
from docgen.model.annexes import annex_title
from docgen.model.document import Block, BlockKind, Document, Metadata, Text, fit
from docgen.model.markup import typeset
from docgen.model.build import build_document
from docgen.render import KINDS, filename
from docgen.writers.pdf import write_pdf, write_stamps

# The kinds a bundle can lead: those made as PDF.
BUNDLED = [kind.id for kind in KINDS.values() if "pdf" in kind.formats]
# An annex's path in errors and warnings, and its part's name in a request: "annexes.<id>".
ANNEX_PATH = "annexes."
BOOKMARK_TITLE_LENGTH = 120
# Points between the stamp and the top and right edges of the page it is laid on.
_STAMP_MARGIN = 14


class BundleInvalid(ValueError):
    """Annexes that cannot make a bundle, by path ("annexes.<id>"), as a case's errors are."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(f"{len(errors)} annex(es) to correct")
        self.errors = errors


@dataclass(frozen=True)
class Bundle:
    pdf: bytes
    # The annexes listed in the case and not supplied, as case warnings are: {"path", "message"}.
    warnings: list[dict[str, str]]


def bundle_filename(kind: str, case: Mapping | None = None, language: str | None = None) -> str:
    """The bundle's download name, by docgen.render.filename's scheme like every other download:
    what it is and whose, never the legal name (rustam-cat-complaint-bundle-2012-07-10.pdf)."""
    return filename(kind, "pdf", case=case, language=language, bundle=True)


def make_bundle(case: Case, kind: str, files: Mapping[str, bytes], language: str | None = None) -> Bundle:
    """The bundle of document ``kind`` with the annex PDFs ``files`` (by annex id), in
    ``language`` (by default the case's); KeyError for an unknown kind or language,
    BundleInvalid naming each annex that cannot be used, CaseLacks for a case without what the
    document needs or a kind not written in the language."""
    if kind not in BUNDLED:
        raise KeyError(kind)
    words = LANGUAGES[language or case.data["language"]]
    annexes = read_annexes(case, files)
    model = build_document(case, kind, language=language)
    document = PdfReader(io.BytesIO(write_pdf(model)))
    # Those docgen makes, as the document refers to them (a rule 114 request, to two of four).
    made = make_annexes(case, words.code, ANNEX_PATH, model.annexes)
    if made.errors:
        raise BundleInvalid(made.errors)
    annexes |= made.annexes
    # The annexes the document refers to, and any other the user attaches: an annex the
    # document does not mention is not listed as "Not attached" (a rule 114 request encloses
    # two of the complaint's four).
    listed = [annex for annex in case.data["annexes"] if annex["id"] in model.annexes or annex["id"] in annexes]
    numbers = {annex["id"]: number for number, annex in enumerate(case.data["annexes"], start=1)}
    index, starts = _index(kind, listed, numbers, annexes, len(document.pages), words)

    writer = PdfWriter()
    writer.append(document)  # its own bookmarks: the title, then its headings
    writer.append(index, outline_item=words.bundle.title, import_outline=False)
    stamps = _stamps(case, annexes, words)
    for annex in listed:
        if annex["id"] not in annexes:
            continue
        first = len(writer.pages)
        for page in PdfReader(io.BytesIO(annexes[annex["id"]].pdf)).pages:
            added = writer.add_page(page)
            _lay_stamp(added, next(stamps))
        assert first + 1 == starts[annex["id"]]
        writer.add_outline_item(title=_bookmark(words, numbers[annex["id"]], _title(annex, words)),
                                page_number=first)
    _describe(writer, document)
    buffer = io.BytesIO()
    writer.write(buffer)
    missing = [{"path": ANNEX_PATH + annex["id"], "message": f"Annex {numbers[annex['id']]} is not attached: "
                f"the index says “{words.bundle.not_attached}”."} for annex in listed if annex["id"] not in annexes]
    return Bundle(buffer.getvalue(), missing + made.warnings)


def read_annexes(case: Case, files: Mapping[str, bytes]) -> dict[str, Annex]:
    """Each supplied annex read and cleaned, by id; BundleInvalid with every problem found."""
    listed = [annex["id"] for annex in case.data["annexes"]]
    made_by_docgen = {annex["id"]: annex["document"] for annex in case.data["annexes"] if annex["document"]}
    errors: dict[str, list[str]] = {}
    annexes: dict[str, Annex] = {}
    for annex_id, data in files.items():
        path = ANNEX_PATH + annex_id
        if annex_id not in listed:
            known = ", ".join(listed) if listed else "none"
            errors[path] = [f"The case has no annex with the id {annex_id!r} (its annexes: {known})."]
            continue
        if annex_id in made_by_docgen:
            # One annex, one content: which of two the lawyer meant to file is not docgen's guess.
            errors[path] = [f"docgen makes this annex from the case (the {made_by_docgen[annex_id]}): "
                            "send no file for it, or take its document out of the case to annex your own PDF."]
            continue
        try:
            annexes[annex_id] = read_annex(data)
        except AnnexError as error:
            errors[path] = [str(error)]
    if not errors and sum(len(data) for data in files.values()) > MAX_ANNEXES_BYTES:
        errors["annexes"] = [f"The annexes come to more than {MAX_ANNEXES_BYTES // MEGABYTE} MB "
                             "together; reduce their size (scan at 150-200 dpi, in grey)."]
    if not errors and sum(annex.pages for annex in annexes.values()) > MAX_ANNEXES_PAGES:
        errors["annexes"] = [f"The annexes have more than {MAX_ANNEXES_PAGES} pages together; "
                             "file the longest separately."]
    if errors:
        raise BundleInvalid(errors)
    return annexes


def _index(kind: str, listed: list[Mapping], numbers: Mapping[str, int],
           annexes: Mapping[str, Annex], document_pages: int, words: Language) -> tuple[PdfReader, dict[str, int]]:
    """The index of the ``listed`` annexes as a PDF, and the page of the bundle on which each
    supplied annex starts.

    The starts depend on the index's own length, which depends on the starts printed in it:
    laid out again until its length holds (once, but for a long list of annexes)."""
    index_pages = 1
    while True:
        starts: dict[str, int] = {}
        page = document_pages + index_pages + 1
        for annex in listed:
            if annex["id"] in annexes:
                starts[annex["id"]] = page
                page += annexes[annex["id"]].pages
        made = _index_document(kind, listed, numbers, starts, document_pages, words)
        index = PdfReader(io.BytesIO(write_pdf(made)))
        if len(index.pages) == index_pages:
            return index, starts
        index_pages = len(index.pages)


def _index_document(kind: str, listed: list[Mapping], numbers: Mapping[str, int], starts: Mapping[str, int],
                    document_pages: int, words: Language) -> Document:
    said = words.bundle
    rows = [(Text(column),) for column in said.columns]
    body = []
    for annex in listed:
        number, start = numbers[annex["id"]], starts.get(annex["id"])
        # A date is not broken across lines in its narrow column.
        date = words.date(*annex["date"].parts).replace(" ", "\u00a0") if annex["date"] else ""
        body.append(tuple((Text(cell),) if cell else () for cell in (
            str(number), _title(annex, words), date, str(start) if start else said.not_attached)))
    blocks = (
        Block(BlockKind.TITLE, (Text(said.title),)),
        Block(BlockKind.PLAIN, (Text((said.document_pages if document_pages > 1 else said.document_page).format(
            document=KINDS[kind].title_in(words.code), pages=document_pages)),)),
        Block(BlockKind.TABLE, (), rows=(tuple(rows), *body)) if body else
        Block(BlockKind.PLAIN, (Text(said.no_annexes),)),
        Block(BlockKind.PLAIN, (Text(said.note),)),
    )
    return Document("annex-index", Metadata(title=said.title, language=words.code), blocks)


def _stamps(case: Case, annexes: Mapping[str, Annex], words: Language):
    """The stamp pages, in the order the annex pages come, made in one layout."""
    texts = [words.bundle.stamp.format(number=number, page=page, pages=annexes[annex['id']].pages)
             for number, annex in enumerate(case.data["annexes"], start=1) if annex["id"] in annexes
             for page in range(1, annexes[annex["id"]].pages + 1)]
    if not texts:
        return iter(())
    return iter(PdfReader(io.BytesIO(write_stamps(texts, words.code))).pages)


def _lay_stamp(page, stamp) -> None:
    """The stamp at the top right of the visible page, shrunk only if the page is narrower."""
    box, size = page.cropbox, stamp.mediabox
    scale = min(1.0, (float(box.width) - 2 * _STAMP_MARGIN) / float(size.width))
    width, height = float(size.width) * scale, float(size.height) * scale
    left = float(box.right) - _STAMP_MARGIN - width
    bottom = float(box.top) - _STAMP_MARGIN - height
    page.merge_transformed_page(stamp, Transformation().scale(scale).translate(left, bottom))


def _bookmark(words: Language, number: int, title: str) -> str:
    """The annex's bookmark: its title on one line, cut at a word to BOOKMARK_TITLE_LENGTH
    (a bookmark is one line of a viewer's side panel; the index gives the whole title)."""
    return words.bundle.bookmark.format(number=number, title=fit(" ".join(title.split()), BOOKMARK_TITLE_LENGTH))


def _title(annex: Mapping, words: Language) -> str:
    """The annex's title with the quotation marks and dashes the document's annex list gives it
    (the typographer's): one title reads the same in the document, the index and the bookmark."""
    return "".join(run.text for run in typeset((Text(annex_title(annex, words.code)),), words))


def _describe(writer: PdfWriter, document: PdfReader) -> None:
    """The bundle's properties are the document's (title, author, language), and it opens with
    its bookmarks shown."""
    info = document.metadata or {}
    writer.add_metadata({key: str(info[key]) for key in ("/Title", "/Author", "/Subject") if key in info})
    language = document.trailer["/Root"].get("/Lang")
    if language is not None:
        writer.root_object[NameObject("/Lang")] = TextStringObject(str(language))
    writer.page_mode = "/UseOutlines"
