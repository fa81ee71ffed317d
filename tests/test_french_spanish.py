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
    docx_parts,
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
        "Comité contre la torture, « Règlement intérieur » (février 2011) CAT/C/3/Rev.5, art. 114.",
        "consulté le 10 juillet 2012", "Ibid., par. 2.", "(note 2)", "(1er juin 2012) communication n° 444/2010",
        "CAT/C/48/D/444/2010.", "Abdussamatov (note 8), par. 2.3.",
        "un risque personnel et actuel de torture",
    ),
    ("es", "cat-interim-measures"): (
        "URGENTE: solicitud de medidas provisionales en virtud del artículo 114 del reglamento del Comité",
        "Solicitud de medidas provisionales:", "c. Noruega", "La solicitud", "El autor de la queja y la expulsión",
        "El riesgo", "nacido el 14 de marzo de 1986", "desde el 12 de junio de 2012", "adoptada el 12 de junio de 2012",
        "Documentos adjuntos:", "Oslo, 10 de julio de 2012", "Firma:", "en nombre del autor de la queja",
        "Comité contra la Tortura, “Reglamento” (febrero de 2011) CAT/C/3/Rev.5, art. 114.",
        "consultado el 10 de julio de 2012", "Ibid., párr. 2.", "(nota 2)", "(1 de junio de 2012) comunicación núm. 444/2010",
        "CAT/C/48/D/444/2010.", "Abdussamatov (nota 8), párr. 2.3.",
        "un riesgo personal y presente de tortura",
    ),
    ("fr", "cat-complaint"): (
        "Requête adressée au Comité contre la torture au titre de l’article 22 de la Convention contre la torture",
        "c. Norvège", "Demande de mesures provisoires", "tant que la présente requête sera à l’examen",
        "Nom : Alisher Bahodirovich Nazarov", "Date et lieu de naissance : 14 mars 1986", "Nationalité : Ouzbékistan",
        "Sexe : masculin", "Un pouvoir signé le 2 juillet 2012 est joint (annexe 1).", "Confidentialité",
        "L’État partie", "qui a déclaré en 1986", "Les articles de la Convention violés",
        "Épuisement des recours internes", "Le recours a été rejeté le 12 juin 2012",
        "notifiée le 12 juin 2012", "Le 10 juillet 2012, le requérant a demandé",
        "Autres procédures internationales", "Les faits", "Au plus tard en 2006", "Août 2010",
        "La requête : article 3 de la Convention", "mais il doit être personnel et actuel", "Mesures demandées",
        "Convention contre la torture et autres peines ou traitements cruels, inhumains ou dégradants "
        "(adoptée le 10 décembre 1984, entrée en vigueur le 26 juin 1987)",
        "Convention contre la torture, art. 22, par. 5 b).", "Convention contre la torture, art. 3.",
        "Comité contre la torture, « Observation générale sur l’application de l’article 3 dans le contexte de "
        "l’article 22 de la Convention contre la torture » (21 novembre 1997) A/53/44, annexe IX.",
        "Ibid., par. 1.", "(note 3), par. 2.", "(1er juin 2012) communication n° 444/2010",
        "Oslo, le 10 juillet 2012", "Signature :", "pour le requérant",
    ),
    ("es", "cat-complaint"): (
        "Queja presentada al Comité contra la Tortura en virtud del artículo 22 de la Convención contra la Tortura",
        "c. Noruega", "Solicitud de medidas provisionales", "mientras la presente queja esté siendo examinada",
        "Nombre: Alisher Bahodirovich Nazarov", "Fecha y lugar de nacimiento: 14 de marzo de 1986",
        "Nacionalidad: Uzbekistán", "Sexo: masculino", "Se adjunta un poder firmado el 2 de julio de 2012 (anexo 1).",
        "Confidencialidad", "El Estado parte", "que declaró en 1986", "Artículos de la Convención que se violarían",
        "Agotamiento de los recursos internos", "El recurso fue desestimado el 12 de junio de 2012",
        # Article 22(5)(b) in the Convention's Spanish words (templates/README.md says where seen).
        "No es probable que un recurso que no puede impedir el daño “mejore realmente la situación de la "
        "persona que sea víctima de la violación de la presente Convención”",
        "la decisión se notificó el 12 de junio de 2012", "El 10 de julio de 2012, el autor de la queja pidió",
        "Otros procedimientos internacionales", "Los hechos", "A más tardar en 2006", "Agosto de 2010",
        "La queja: artículo 3 de la Convención", "pero debe ser personal y presente", "Reparaciones solicitadas",
        "Convención contra la Tortura y Otros Tratos o Penas Crueles, Inhumanos o Degradantes "
        "(adoptada el 10 de diciembre de 1984, entrada en vigor el 26 de junio de 1987)",
        "Convención contra la Tortura, art. 22, párr. 5 b).", "Convención contra la Tortura, art. 3.",
        "Comité contra la Tortura, “Observación general del Comité sobre la aplicación del artículo 3 en el contexto "
        "del artículo 22 de la Convención” (21 de noviembre de 1997) A/53/44, anexo IX.",
        "Ibid., párr. 1.", "(nota 3), párr. 2.", "(1 de junio de 2012) comunicación núm. 444/2010",
        "Oslo, 10 de julio de 2012", "Firma:", "en nombre del autor de la queja",
    ),
}
# Words the English documents and docgen's English write, which neither language may hold (not
# the case's own sentences, which stay as typed: "the Committee against Torture called on ...").
ENGLISH = ("URGENT:", "Request for interim measures", "The request", "The complainant", "The risk",
           "born on", "a national of", "Enclosed", "Signature:", "for the complainant", "Contact at the time",
           "rules of procedure", "Rules of Procedure", "accessed", "UN Doc", "ibid", "(n 2)", "Communication No",
           "para 2", "Oslo, 10 July 2012", "notified on", "14 March 1986", "Page 1 of",
           "Complaint to the Committee", "Confidentiality", "The State party", "Exhaustion of domestic remedies",
           "Other international procedures", "The facts", "Remedies sought", "Name:", "Nationality:",
           "Date and place of birth", "adopted 10 December", "entered into force", "General Comment",
           "In or before 2006")
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


def test_the_docx_footer_and_language_are_the_languages(document):
    code, _, _, _, docx = document
    parts = docx_parts(docx)
    footer = next(text for name, text in parts.items() if name.startswith("word/footer"))
    page, of = FOOTER[code].split("{n}")[0], FOOTER[code].split("{n}")[1].split("{pages}")[0]
    assert f">{page}<" in footer and f">{of}<" in footer and "{{" not in footer
    assert f'w:lang w:val="{code}"' in parts["word/styles.xml"]


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
    assert [word for word in ("Nazarov", "Alisher", "Bahodirovich", "14 mars 1986", "14 de marzo de 1986",
                              "mars 1986", "marzo de 1986", "14/03/1986", "14.03.1986", "1986-03-14") if word in text] == []


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
    assert [form for form in (*typed.split(" / "), "mars 1986", "marzo de 1986") if form in text] == []
    assert not re.search(r"\b1er\b", text.replace("1er juin 2012", ""))  # the Committee's decision keeps its date


def test_french_and_spanish_letters_print_with_real_glyphs():
    letters = "ñ ¿ é à ç Ñ É À Ç"
    data = _data()
    data["representative"]["organisation"] = letters
    pdf = render(load_case({**data, "language": "es"}), "cat-interim-measures", "pdf")
    assert letters in pdf_words(pdf)
    assert set(letters.replace(" ", "")) <= _printed_characters(pdf)


# The words that agree with the complainant: one woman, or several people (the masculine plural).
AGREEING = [
    ("fr", "female", "La requérante est représentée par", "risquerait d’être soumise à la torture"),
    ("fr", "several", "Les requérants sont représentés par", "risqueraient d’être soumis à la torture"),
    ("es", "female", "La autora de la queja está representada por", "en peligro de ser sometida a tortura si fuera expulsada"),
    ("es", "several", "Los autores de la queja están representados por", "en peligro de ser sometidos a tortura si fueran expulsados"),
]


@pytest.mark.parametrize(("code", "who", "represented", "at_risk"), AGREEING)
def test_the_words_agree_with_the_complainants_sex_and_number(code, who, represented, at_risk):
    data = _data()
    if who == "female":
        data["complainants"][0]["sex"] = "female"
    else:
        second = copy.deepcopy(data["complainants"][0])
        second.update(id="second", pseudonym="Bahrom", legal_name="Bahrom Karimov", identity_documents=[])
        data["complainants"].append(second)
    text = pdf_words(render(load_case({**data, "language": code}), "cat-complaint", "pdf"))
    assert represented in text and at_risk in text
