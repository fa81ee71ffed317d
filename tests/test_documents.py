"""Every kind of document of the example case, end to end, in every format, read back from the files.

DOCX with python-docx and its XML parts, then converted by LibreOffice headless; PDF with pypdf;
HTML with html.parser. Every format must print every block of the model, in the model's order,
with the same footnotes and the same paragraph numbers.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from expected import EXPECTED

from docgen.case import Case, load_case
from docgen.model.build import build_document
from docgen.model.kinds import KINDS
from docgen.model.document import BlockKind, Document, FootnoteRef
from docgen.render import render
from reading import (
    block_pattern,
    docx_document,
    docx_expected_text,
    docx_footnote_calls,
    docx_footnotes,
    find_in_order,
    html_words,
    libreoffice_pdf,
    pdf_page_texts,
    pdf_reader,
    pdf_sections,
    pdf_words,
    text_pattern,
)

RUSTAM = Path(__file__).resolve().parent.parent / "fixtures" / "cases" / "rustam-norway.json"


@dataclass
class Rendered:
    kind: str
    model: Document
    docx: bytes
    pdf: bytes
    html: bytes
    folder: Path

    @cached_property
    def libreoffice(self) -> bytes:
        """The DOCX converted to PDF by LibreOffice: made when a (slow) test first asks."""
        return libreoffice_pdf(self.docx, self.folder, self.kind)


@pytest.fixture(scope="module")
def case() -> Case:
    return load_case(json.loads(RUSTAM.read_text(encoding="utf-8")))


@pytest.fixture(scope="module", params=list(KINDS))  # every kind, as registered
def rendered(request, case, tmp_path_factory) -> Rendered:
    kind = request.param
    docx = render(case, kind, "docx")
    return Rendered(
        kind=kind,
        model=build_document(case, kind),
        docx=docx,
        pdf=render(case, kind, "pdf"),
        html=render(case, kind, "html"),
        folder=tmp_path_factory.mktemp(kind),
    )


def footnote_calls(model: Document) -> list[int]:
    return [p.number for b in model.blocks for p in b.inlines if isinstance(p, FootnoteRef)]


def numbered(model: Document) -> int:
    return sum(b.kind is BlockKind.NUMBERED for b in model.blocks)


def missing_blocks(text: str, model: Document, flags: int = 0, gap: str = r"\s+") -> list[str]:
    """The model's blocks not found in ``text`` in the model's order."""
    patterns = [block_pattern(block, gap) for block in model.blocks]
    return [model.blocks[i].text for i in find_in_order(text, patterns, flags)]


# --- the model, to know what to look for ---------------------------------------------------------


def test_the_model_is_as_long_as_its_kind(rendered):
    model = rendered.model
    expected = EXPECTED[rendered.kind]
    assert numbered(model) >= expected.numbered and len(model.footnotes) >= expected.footnotes
    assert footnote_calls(model) == list(range(1, len(model.footnotes) + 1))


# --- DOCX ----------------------------------------------------------------------------------------


def paragraphs(model: Document) -> list:
    """The blocks Word shows as paragraphs of the body: all but tables."""
    return [b for b in model.blocks if b.kind is not BlockKind.TABLE]


def test_docx_opens_and_holds_every_block_in_order(rendered):
    word = docx_document(rendered.docx)
    assert [p.text for p in word.paragraphs] == [docx_expected_text(b) for b in paragraphs(rendered.model)]
    tables = [b for b in rendered.model.blocks if b.kind is BlockKind.TABLE]
    assert [[[cell.text for cell in row.cells] for row in table.rows] for table in word.tables] == [
        [line.split("\t") for line in table.text.split("\n")] for table in tables]


def test_docx_numbers_the_same_paragraphs_as_the_model(rendered):
    word = docx_document(rendered.docx)
    styles = [p.style.name for p in word.paragraphs]
    assert styles.count("Numbered Paragraph") == numbered(rendered.model)
    for paragraph, block in zip(word.paragraphs, paragraphs(rendered.model), strict=True):
        assert (paragraph.style.name == "Numbered Paragraph") == (block.kind is BlockKind.NUMBERED)


def test_docx_footnotes_are_the_models(rendered):
    notes = docx_footnotes(rendered.docx)
    assert [number for number, _ in notes] == [n.number for n in rendered.model.footnotes]
    assert [text for _, text in notes] == [n.text for n in rendered.model.footnotes]
    assert docx_footnote_calls(rendered.docx) == footnote_calls(rendered.model)


@pytest.mark.slow
def test_docx_converts_with_libreoffice(rendered):
    reader = pdf_reader(rendered.libreoffice)
    pages = len(reader.pages)
    least, most = EXPECTED[rendered.kind].pages
    assert least <= pages <= most + 1  # LibreOffice's lines break a little differently
    words = pdf_words(rendered.libreoffice)
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in words


@pytest.mark.slow
def test_libreoffice_prints_every_block_in_order_with_words_numbering(rendered):
    body, _, _ = pdf_sections(rendered.libreoffice, rendered.model.footnotes)
    # The Urgent style is in capitals (w:caps): compare without case.
    assert missing_blocks(body, rendered.model, re.IGNORECASE) == []


@pytest.mark.slow
def test_libreoffice_prints_each_footnote_once_at_the_foot_of_a_page(rendered):
    _, notes, _ = pdf_sections(rendered.libreoffice, rendered.model.footnotes)
    assert [number for number, _ in notes] == [n.number for n in rendered.model.footnotes]
    for (number, text), note in zip(notes, rendered.model.footnotes, strict=True):
        assert re.fullmatch(rf"{number}\s+" + text_pattern(note.content), text.strip()), (number, text)


# --- PDF -----------------------------------------------------------------------------------------


def test_pdf_holds_the_facts_the_footnotes_and_page_numbers(rendered):
    words = pdf_words(rendered.pdf)
    expected = EXPECTED[rendered.kind]
    for fact in expected.facts:
        assert fact in words, fact
    for citation in expected.citations:
        # A UN symbol may break at a line end after a "/".
        assert re.search(text_pattern([citation]), "\n".join(pdf_page_texts(rendered.pdf))), citation
    pages = len(pdf_reader(rendered.pdf).pages)
    assert expected.pages[0] <= pages <= expected.pages[1]
    _, _, footers = pdf_sections(rendered.pdf, rendered.model.footnotes)
    assert footers == [f"Page {n} of {pages}" for n in range(1, pages + 1)]


def test_pdf_prints_every_block_in_order_with_its_label(rendered):
    body, _, _ = pdf_sections(rendered.pdf, rendered.model.footnotes)
    assert missing_blocks(body, rendered.model) == []


def test_pdf_prints_each_footnote_once_with_the_models_number(rendered):
    _, notes, _ = pdf_sections(rendered.pdf, rendered.model.footnotes)
    assert [number for number, _ in notes] == [n.number for n in rendered.model.footnotes]
    for (number, text), note in zip(notes, rendered.model.footnotes, strict=True):
        assert re.fullmatch(rf"{number}\s+" + text_pattern(note.content), text.strip()), (number, text)
    # The footnote bodies laid out, as the PDF's named destinations say.
    names = pdf_reader(rendered.pdf).trailer["/Root"]["/Names"]["/Dests"]["/Names"]
    destinations = [name for name in names[::2] if name.startswith("fn-")]
    assert sorted(destinations, key=lambda n: int(n[3:])) == [f"fn-{n.number}" for n in rendered.model.footnotes]


@pytest.mark.slow
def test_footnote_and_paragraph_counts_agree_in_every_format(rendered):
    model = rendered.model
    _, pdf_notes, _ = pdf_sections(rendered.pdf, model.footnotes)
    _, lo_notes, _ = pdf_sections(rendered.libreoffice, model.footnotes)
    counts = {
        "model": len(model.footnotes),
        "docx": len(docx_footnotes(rendered.docx)),
        "pdf": len(pdf_notes),
        "libreoffice": len(lo_notes),
        "html": len(re.findall(rb'<li id="fn-\d+"', rendered.html)),
    }
    assert set(counts.values()) == {len(model.footnotes)}, counts


def test_pdf_render_logs_nothing(case, rendered, caplog):
    with caplog.at_level(logging.WARNING):
        render(case, rendered.kind, "pdf")
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


# --- HTML ----------------------------------------------------------------------------------------


def test_html_holds_every_block_in_order_and_the_footnotes_at_the_end(rendered):
    words = html_words(rendered.html)
    # The last time the first note's words appear: the list of notes, after any annex citing the same.
    main, first, notes = words.rpartition(rendered.model.footnotes[0].text[:30])
    assert missing_blocks(main, rendered.model, gap=r"\s*") == []
    notes = first + notes
    missing = find_in_order(notes, [text_pattern(n.content) for n in rendered.model.footnotes])
    assert missing == []
