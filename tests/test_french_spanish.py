"""The complaint and the rule 114 request in French and Spanish: each PDF and DOCX holds the
language's headings, dates, citation words and footer, and none of the English documents' own
words; the footnotes and paragraphs are the model's in both formats; the public edition keeps
neither the legal name nor the birth date in any spelling of the language; and the accented
letters print with glyphs of the embedded fonts."""

from __future__ import annotations

import copy
import json
import re

import pytest
from conftest import FIXTURES
from test_languages import _printed_characters

from docgen.case import load_case
from docgen.model.build import build_document
from docgen.model.document import BlockKind
from docgen.render import render
from reading import (
    block_pattern,
    docx_document,
    docx_everything,
    docx_expected_text,
    docx_footnote_calls,
    docx_footnotes,
    find_in_order,
    pdf_reader,
    pdf_sections,
    pdf_words,
)

# What each document says in its language: headings, the dates of the case and of the sources,
# the words around a citation (the example case is signed in 2012, under General Comment No 1).
WORDS = {
    ("fr", "cat-interim-measures"): (
        "URGENT : demande de mesures provisoires au titre de l’article 114 du règlement intérieur du Comité",
        "Demande de mesures provisoires :", "c. Norvège", "La demande", "Le requérant et le renvoi", "Le risque",
        "né le 14 mars 1986", "depuis le 12 juin 2012", "rendue le 12 juin 2012", "Pièces jointes :",
        "Oslo, le 10 juillet 2012", "Signature :", "pour le requérant",
        "Comité contre la torture, ‘Règlement intérieur’ (février 2011) CAT/C/3/Rev.5, art. 114.",
        "consulté le 10 juillet 2012", "Ibid., par. 2.", "(note 2)", "(1er juin 2012) communication no 444/2010",
        "CAT/C/48/D/444/2010, par. 1.1, 2.3",
        "un risque personnel et actuel de torture",
    ),
    ("es", "cat-interim-measures"): (
        "URGENTE: solicitud de medidas provisionales en virtud del artículo 114 del reglamento del Comité",
        "Solicitud de medidas provisionales:", "c. Noruega", "La solicitud", "El autor de la queja y la expulsión",
        "El riesgo", "nacido el 14 de marzo de 1986", "desde el 12 de junio de 2012", "adoptada el 12 de junio de 2012",
        "Documentos adjuntos:", "Oslo, 10 de julio de 2012", "Firma:", "en nombre del autor de la queja",
        "Comité contra la Tortura, ‘Reglamento’ (febrero de 2011) CAT/C/3/Rev.5, art. 114.",
        "consultado el 10 de julio de 2012", "Ibid., párr. 2.", "(nota 2)", "(1 de junio de 2012) comunicación núm. 444/2010",
        "CAT/C/48/D/444/2010, párrs. 1.1, 2.3",
        "un riesgo personal y presente de tortura",
    ),
}
# Words the English documents and docgen's English write, which neither language may hold (not
# the case's own sentences, which stay as typed: "the Committee against Torture called on ...").
ENGLISH = ("URGENT:", "Request for interim measures", "The request", "The complainant", "The risk",
           "born on", "a national of", "Enclosed", "Signature:", "for the complainant", "Contact at the time",
           "rules of procedure", "Rules of Procedure", "accessed", "UN Doc", "ibid", "(n 2)", "Communication No",
           "para 2", "12 June 2012", "10 July 2012", "14 March 1986", "Page 1 of")
FOOTER = {"fr": "Page {n} sur {pages}", "es": "Página {n} de {pages}"}
LANGUAGE_KINDS = list(WORDS)


def _data():
    return json.loads((FIXTURES / "cases/rustam-norway.json").read_text(encoding="utf-8"))


def _case(code):
    return load_case({**_data(), "language": code})


@pytest.fixture(scope="module", params=LANGUAGE_KINDS, ids="-".join)
def document(request):
    code, kind = request.param
    case = _case(code)
    return code, kind, build_document(case, kind), render(case, kind, "pdf"), render(case, kind, "docx")


def test_the_pdf_and_docx_are_in_the_language_throughout(document):
    code, kind, _, pdf, docx = document
    for text in (pdf_words(pdf), " ".join(docx_everything(docx).split())):
        assert [word for word in WORDS[code, kind] if word not in text] == []
        assert [word for word in ENGLISH if word in text] == []


def test_every_page_has_the_languages_footer_and_tag(document):
    code, _, model, pdf, _ = document
    pages = len(pdf_reader(pdf).pages)
    _, _, footers = pdf_sections(pdf, model.footnotes)
    assert footers == [FOOTER[code].format(n=n, pages=pages) for n in range(1, pages + 1)]
    assert pdf_reader(pdf).trailer["/Root"]["/Lang"] == code


def test_the_pdf_prints_the_models_blocks_and_footnotes_in_order(document):
    _, _, model, pdf, _ = document
    body, notes, _ = pdf_sections(pdf, model.footnotes)
    patterns = [block_pattern(block) for block in model.blocks]
    assert [model.blocks[i].text for i in find_in_order(body, patterns)] == []
    assert [number for number, _ in notes] == [note.number for note in model.footnotes]


def test_the_docx_holds_the_models_paragraphs_and_footnotes(document):
    _, _, model, _, docx = document
    word = docx_document(docx)
    blocks = [block for block in model.blocks if block.kind is not BlockKind.TABLE]
    assert [paragraph.text for paragraph in word.paragraphs] == [docx_expected_text(block) for block in blocks]
    assert docx_footnotes(docx) == [(note.number, note.text) for note in model.footnotes]
    assert docx_footnote_calls(docx) == list(range(1, len(model.footnotes) + 1))


@pytest.mark.parametrize(("code", "kind"), LANGUAGE_KINDS)
def test_the_public_edition_keeps_no_name_and_no_birth_date(code, kind):
    text = pdf_words(render(_case(code), kind, "pdf", public=True))
    assert [word for word in ("Nazarov", "Alisher", "Bahodirovich", "1986") if word in text] == []


# A birth date as people type it into free text in French and Spanish: on the first of a month
# ("1er mars 1986"), and known only to the month ("mars 1986").
TYPED = [("fr", "1986-03-01", "1er mars 1986 / 1 mars 1986"), ("fr", "1986-03", "mars 1986"),
         ("es", "1986-03-01", "1 de marzo de 1986"), ("es", "1986-03", "marzo de 1986")]


@pytest.mark.parametrize("kind", sorted({kind for _, kind in LANGUAGE_KINDS}))
@pytest.mark.parametrize(("code", "born", "typed"), TYPED)
def test_the_public_edition_scrubs_a_birth_date_typed_in_the_language(kind, code, born, typed):
    data = _data()
    data["complainants"][0]["birth_date"] = born
    sentence = copy.deepcopy(data["risk_factors"][0])
    sentence["description"] = typed
    data["risk_factors"].append(sentence)
    text = pdf_words(render(load_case({**data, "language": code}), kind, "pdf", public=True))
    assert "1986" not in text
    assert not re.search(r"\b1er\b", text.replace("1er juin 2012", ""))  # the Committee's decision keeps its date


def test_french_and_spanish_letters_print_with_real_glyphs():
    letters = "ñ ¿ é à ç Ñ É À Ç"
    data = _data()
    data["representative"]["organisation"] = letters
    pdf = render(load_case({**data, "language": "es"}), "cat-interim-measures", "pdf")
    assert letters in pdf_words(pdf)
    assert set(letters.replace(" ", "")) <= _printed_characters(pdf)
