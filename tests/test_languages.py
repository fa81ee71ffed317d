"""The language seam: one registry of the languages docgen writes (docgen/languages.py), the
case's `language` allowed only those, each kind written only in the languages whose templates it
has, and the words docgen itself writes (dates, citation words, the page footer, the document's
language tag) taken from the document's language, read in the real output."""

from __future__ import annotations

import dataclasses
import io
import json
import re

import pytest
from conftest import FIXTURES
from fontTools.ttLib import TTFont

from docgen.case import CaseInvalid, load_case
from docgen.case.dates import parse_date
from docgen.languages import LANGUAGES
from docgen.model.build import build_document
from docgen.model.citations import Citations
from docgen.model.environment import DOCUMENTS, environment, template_folder
from docgen.model.kinds import KINDS, CaseLacks
from docgen.writers.docx import write_docx
from docgen.writers.pdf import write_pdf
from handmade import make_document, para
from reading import docx_parts, pdf_page_texts, pdf_reader


def _documents_in(code: str) -> set[str]:
    return {path.name for path in template_folder(code).glob("*.md.j2") if not path.name.startswith("_")}


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_has_exactly_the_templates_its_kinds_claim(code):
    claimed = {kind.template for kind in KINDS.values() if code in kind.languages}
    assert _documents_in(code) == claimed


def test_every_language_folder_is_a_language_of_the_registry():
    folders = {path.name for path in DOCUMENTS.iterdir() if path.is_dir()}
    assert folders <= set(LANGUAGES)
    assert not list(DOCUMENTS.glob("*.md.j2"))  # every template in its language's folder


def test_the_case_accepts_the_registry_languages_and_names_the_field_otherwise(minimal):
    for code in LANGUAGES:
        assert load_case({**minimal, "language": code}).data["language"] == code
    with pytest.raises(CaseInvalid) as refused:
        load_case({**minimal, "language": "xx"})
    assert list(refused.value.errors) == ["language"]


def test_a_kind_asked_for_in_a_language_it_is_not_written_in_is_refused_by_field(rustam):
    missing = next((code, kind) for code in LANGUAGES for kind in KINDS.values()
                   if code not in kind.languages)
    code, kind = missing
    with pytest.raises(CaseLacks) as lacking:
        build_document(load_case({**rustam, "language": code}), kind.id)
    assert "language" in lacking.value.errors


@pytest.mark.parametrize(("code", "day", "month", "year"), [
    ("en", "12 June 2012", "June 2012", "2012"),
    ("nb", "12. juni 2012", "juni 2012", "2012"),
])
def test_dates_are_written_in_the_language_by_cldr(code, day, month, year):
    language = LANGUAGES[code]
    assert (language.date(2012, 6, 12), language.date(2012, 6), language.date(2012)) == (day, month, year)


def test_country_names_come_from_cldr_in_the_language():
    assert LANGUAGES["nb"].country("NO") == "Norge"
    assert LANGUAGES["nb"].country("UZ") == "Usbekistan"


def test_citation_words_are_the_languages():
    sources = {"s": {"id": "s", "type": "webpage", "title": "Report", "URL": "https://example.org/r",
                     "accessed": {"date-parts": [[2024, 3, 5]]}}}
    notes = Citations(sources, LANGUAGES["nb"])
    notes.add([("s", None)])
    notes.add([("s", None)])
    first, second = ("".join(text.text for text in note.content) for note in notes.footnotes)
    assert "lest 5. mars 2024" in first and "accessed" not in first
    assert second.startswith("Ibid.")


@pytest.fixture(scope="module")
def english_complaint():
    """The English complaint; the writers take their words from its metadata's language alone."""
    return build_document(load_case(json.loads((FIXTURES / "cases/rustam-norway.json").read_text())),
                          "cat-complaint")


def _as(document, code):
    return dataclasses.replace(document, metadata=dataclasses.replace(document.metadata, language=code))


@pytest.mark.parametrize(("code", "footer"), [("en", "Page 1 of"), ("nb", "Side 1 av")])
def test_the_pdf_footer_and_language_tag_are_the_documents_language(english_complaint, code, footer):
    pdf = write_pdf(_as(english_complaint, code))
    first = pdf_page_texts(pdf)[0]
    assert footer in first
    assert ("Side 1 av" if code == "en" else "Page 1 of") not in first
    assert pdf_reader(pdf).trailer["/Root"]["/Lang"] == code


@pytest.mark.parametrize(("code", "page", "of"), [("en", "Page ", " of "), ("nb", "Side ", " av ")])
def test_the_docx_footer_and_language_are_the_documents_language(english_complaint, code, page, of):
    parts = docx_parts(write_docx(_as(english_complaint, code)))
    footer = next(text for name, text in parts.items() if name.startswith("word/footer"))
    assert f">{page}<" in footer and f">{of}<" in footer
    assert "{{" not in footer
    assert f'w:lang w:val="{code}"' in parts["word/styles.xml"]


@pytest.mark.parametrize(("text", "en", "nb"), [
    ("2006~", "around 2006", "omkring 2006"),
    ("../2012-06-12", "on or before 12 June 2012", "senest den 12. juni 2012"),
    ("2006-03/..", "in or after March 2006", "tidligst i mars 2006"),
    ("2006/2008", "between 2006 and 2008", "mellom 2006 og 2008"),
])
def test_approximate_dates_are_phrased_in_the_language(text, en, nb):
    value = parse_date(text)
    assert environment("en").filters["date"](value) == en
    assert environment("nb").filters["date"](value) == nb


# Letters of the languages docgen writes or will write (Norwegian, Russian, Spanish, French).
LETTERS = "æøå ÆØÅ Назаров Комитет ñ ¿ á é ç ô"


def _printed_characters(pdf: bytes) -> set[str]:
    """The characters that the PDF's embedded fonts print with a glyph of their own: each font's
    ToUnicode map, less what maps from .notdef (the empty box) or from a glyph the embedded font
    program does not have (what WeasyPrint writes for a character no installed font covers)."""
    printed: set[str] = set()
    for page in pdf_reader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            glyphs = len(TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data())).getGlyphOrder())
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for glyph, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", cmap):
                if 0 < int(glyph, 16) < glyphs:
                    printed.update(bytes.fromhex(text).decode("utf-16-be"))
    return printed


def test_the_letters_of_each_language_print_with_the_installed_fonts():
    pdf = write_pdf(make_document([para(LETTERS, 1)], language="nb"))
    assert LETTERS in pdf_page_texts(pdf)[0]
    assert set(LETTERS.replace(" ", "")) <= _printed_characters(pdf)
    # and the check sees a character that no installed font has (an Egyptian hieroglyph)
    assert "\U00013000" not in _printed_characters(write_pdf(make_document([para("\U00013000", 1)])))
