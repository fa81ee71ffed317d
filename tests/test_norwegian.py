"""The appeal letter in Norwegian bokmål: its headings, dates, authorities, provisions, citation
words and footer are Norwegian in the PDF and the DOCX, with none of the English letter's; the
public edition keeps no birth date in the Norwegian form; æ, ø and å print with real glyphs."""

from __future__ import annotations

import io
import json

import docx
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from conftest import FIXTURES
from docgen.case import load_case
from docgen.render import render
from reading import docx_everything, pdf_words

NORWEGIAN = ("Omgjøringsbegjæring og begjæring om utsatt iverksetting", "Hva vi ber om", "Saksgangen",
             "Rettslig grunnlag", "Faktum og risiko ved retur", "Påstand", "Vedlegg", "Utlendingsnemnda",
             "forvaltningsloven § 35", "utlendingsloven § 90",
             "Oslo, 10. juli 2012", "født den 14. mars 1986", "statsborger av Usbekistan", "lest 10. juli 2012",
             "vedtatt 10. desember 1984", "(note 1)", "Underskrift",
             # the footnotes: Norwegian pinpoints and the conventions' Norwegian titles (Lovdata)
             "Ibid. avsn. 1", "(note 1) avsn. 2", "Konvensjon mot tortur og annen grusom, umenneskelig eller "
             "nedverdigende behandling eller straff", "(torturkonvensjonen) art. 3",
             "Konvensjon om beskyttelse av menneskerettighetene og de grunnleggende friheter",
             "(EMK) art. 3", "Internasjonal konvensjon om sivile og politiske rettigheter",
             # an approximate date as bokmål says it
             "Senest i 2006")
# Words the English letter and docgen's English write, which a Norwegian letter must not hold
# (not "adopted" or "July 2012", which the case's own English sentences use).
ENGLISH = ("What we ask", "Procedural history", "Legal grounds", "Requests", "Annexes", "Summary",
           "request for reversal", "Public Administration Act", "Immigration Act", "accessed",
           "entered into force", "(n 1)", "Signature", "URGENT", "Page ", "para ", "paras ", " art 3",
           "Convention against Torture", "(ECHR)", "(ICCPR)", "In or before")


@pytest.fixture(scope="module")
def case():
    data = json.loads((FIXTURES / "cases/rustam-norway.json").read_text(encoding="utf-8"))
    return load_case({**data, "language": "nb"})


@pytest.fixture(scope="module")
def pdf(case):
    return render(case, "appeal-letter", "pdf")


def _bytes(rendered):
    return rendered if isinstance(rendered, bytes) else rendered.data


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_letter_is_norwegian_throughout(case, fmt):
    rendered = _bytes(render(case, "appeal-letter", fmt))
    text = " ".join((pdf_words(rendered) if fmt == "pdf" else docx_everything(rendered)).split())
    assert [word for word in NORWEGIAN if word not in text] == []
    assert [word for word in ENGLISH if word in text] == []


def test_the_pdf_says_side_x_av_y_and_is_tagged_norwegian(pdf):
    reader = PdfReader(io.BytesIO(_bytes(pdf)))
    pages = len(reader.pages)
    assert all(f"Side {n} av {pages}" in page.extract_text() for n, page in enumerate(reader.pages, 1))
    assert str(reader.trailer["/Root"]["/Lang"]) == "nb"


def test_the_public_edition_has_no_birth_date_in_any_form(case):
    text = pdf_words(_bytes(render(case, "appeal-letter", "pdf", public=True)))
    assert "1986" not in text and "Nazarov" not in text


def test_norwegian_letters_print_with_real_glyphs(pdf):
    """Each embedded font that the Norwegian letters are drawn with has a glyph for them."""
    reader = PdfReader(io.BytesIO(_bytes(pdf)))
    covered = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object().get("/DescendantFonts", [font])[0].get_object().get("/FontDescriptor")
            data = descriptor and descriptor.get_object().get("/FontFile2")
            if data:
                cmap = TTFont(io.BytesIO(data.get_object().get_data())).getBestCmap() or {}
                covered |= {chr(code) for code in cmap}
    assert set("æøåÆØÅ§") & covered >= set("æøå§")


def test_the_documents_properties_are_norwegian(case, pdf):
    """The title and subject a file manager, Word and a PDF reader show."""
    title = "Klage eller omgjøringsbegjæring til utlendingsmyndighetene og begjæring om utsatt iverksetting"
    properties = docx.Document(io.BytesIO(_bytes(render(case, "appeal-letter", "docx")))).core_properties
    assert (properties.title, properties.subject, properties.language) == (
        title, "Norge: utsendelse til Usbekistan", "nb")
    metadata = PdfReader(io.BytesIO(_bytes(pdf))).metadata
    assert (metadata.title, metadata.subject) == (title, "Norge: utsendelse til Usbekistan")
