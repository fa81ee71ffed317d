"""Each language's typography in the real output: the quotation marks of the language (OSCOLA's
‘ ’ in English, « » in French, Russian and Norwegian, “ ” in Spanish) around a quotation the case
typed in straight quotes and around the title of a source, and the spaces the language keeps
unbroken (French before : ; ? !, the number after "n°", "№", "núm.") as no-break spaces, in the
PDF and in the DOCX."""

from __future__ import annotations

import json
import re

import pytest
from conftest import FIXTURES

from docgen.case import load_case
from docgen.languages import LANGUAGES
from docgen.render import render
from reading import docx_parts, pdf_page_texts

NBSP = "\u00a0"
# The example case types '"Movement for Freedom"' in a fact, and cites the Eurasianet report.
QUOTED = {
    ("en", "cat-complaint"): ("‘Movement for Freedom’", "‘Uzbekistan: Asylum Seeker Fears Deportation"),
    ("fr", "cat-complaint"): (f"«{NBSP}Movement for Freedom{NBSP}»", f"«{NBSP}Uzbekistan: Asylum Seeker"),
    ("es", "cat-complaint"): ("“Movement for Freedom”", "“Uzbekistan: Asylum Seeker Fears Deportation"),
    ("ru", "cat-complaint"): ("«Movement for Freedom»", "«Uzbekistan: Asylum Seeker Fears Deportation"),
    ("nb", "appeal-letter"): ("«Movement for Freedom»", "«Uzbekistan: Asylum Seeker Fears Deportation"),
}
# The communication number of Abdussamatov v Kazakhstan, its sign held to the number.
NUMBER_SIGN = {"fr": f"communication n°{NBSP}444/2010", "es": f"comunicación núm.{NBSP}444/2010",
               "ru": f"сообщение №{NBSP}444/2010"}


@pytest.fixture(scope="module")
def rendered():
    rustam = json.loads((FIXTURES / "cases/rustam-norway.json").read_text(encoding="utf-8"))
    made = {}
    for code, kind in QUOTED:
        case = load_case({**rustam, "language": code})
        made[code, kind] = (render(case, kind, "pdf"), render(case, kind, "docx"))
    return made


def _docx_text(docx: bytes) -> str:
    """The body's and the footnotes' words, runs joined, characters as Word stores them."""
    parts = docx_parts(docx)
    xml = parts["word/document.xml"] + parts["word/footnotes.xml"]
    return "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml)).replace("&amp;", "&")


@pytest.mark.parametrize(("code", "kind"), list(QUOTED), ids="-".join)
def test_quotations_and_titles_are_in_the_languages_marks(rendered, code, kind):
    pdf, docx = rendered[code, kind]
    printed = re.sub(r"\s+", " ", " ".join(pdf_page_texts(pdf)))
    stored = _docx_text(docx)
    for quoted in QUOTED[code, kind]:
        assert quoted in stored
        assert " ".join(quoted.replace(NBSP, " ").split()) in printed
    if code in ("fr", "ru", "nb"):  # whose marks have no ‘: none of OSCOLA's is left
        assert "‘" not in stored and "‘" not in printed


def test_french_keeps_the_space_before_high_punctuation_unbroken(rendered):
    _, docx = rendered["fr", "cat-complaint"]
    stored = _docx_text(docx)
    assert f"Nom{NBSP}: " in stored and f"Signature{NBSP}: " in stored
    assert f"CAT/C/UZB/CO/3, par.{NBSP}6{NBSP}; Human Rights Watch" in stored  # between two sources
    assert re.findall(r".{20} [:;?!]", stored) == []
    # The case's English, typed without a space before its colon, stays as typed.
    assert "Uzbekistan: Asylum" in stored


@pytest.mark.parametrize("code", list(NUMBER_SIGN))
def test_the_number_sign_holds_to_its_number(rendered, code):
    _, docx = rendered[code, "cat-complaint"]
    assert NUMBER_SIGN[code] in _docx_text(docx)


def test_english_keeps_oscolas_marks_and_ordinary_spaces(rendered):
    _, docx = rendered["en", "cat-complaint"]
    stored = _docx_text(docx)
    assert "«" not in stored and "“Movement" not in stored
    assert NBSP not in stored


def _calls_in_body(docx: bytes) -> str:
    """The body's words with each footnote call as "^"."""
    xml = docx_parts(docx)["word/document.xml"]
    pieces = re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|(<w:footnoteReference )", xml)
    return "".join(text or "^" for text, call in pieces)


@pytest.mark.parametrize(("code", "kind"), list(QUOTED), ids="-".join)
def test_a_footnote_call_stands_where_the_language_puts_it(rendered, code, kind):
    """OSCOLA puts the call after the punctuation; the UN's French, Spanish and Russian
    documents before it ("cette interdiction². "), the case's own full stop included."""
    body = _calls_in_body(rendered[code, kind][1])
    after = re.findall(r"[.,;:]\^", body)
    before = re.findall(r"\w\)?\^[.,;:]", body)
    if code in ("fr", "es", "ru"):
        assert after == [] and len(before) > 5
    else:
        assert before == [] and len(after) > 5


@pytest.mark.parametrize(("code", "kind", "label"), [
    ("en", "cat-complaint", "(a)"), ("fr", "cat-complaint", "a)"), ("es", "cat-complaint", "a)"),
    ("ru", "cat-complaint", "a)"), ("nb", "appeal-letter", "a)")])
def test_lettered_items_are_labelled_as_the_language_letters_them(rendered, code, kind, label):
    """The remedies sought (the letter's requests) are a lettered list: "(a)" in English, "a)" as
    the UN's French, Spanish and Russian documents letter sub-paragraphs and Norwegian statutes
    their items."""
    printed = "\n".join(pdf_page_texts(rendered[code, kind][0]))
    labels = re.findall(r"^\s*(\(?[a-c]\))\s", printed, re.MULTILINE)
    assert labels[:2] == [label, label.replace("a", "b")]


@pytest.mark.parametrize(("code", "pinpoint"), [("fr", "par."), ("es", "párr."), ("ru", "пункт")])
def test_a_pinpoint_word_holds_to_its_number(rendered, code, pinpoint):
    stored = _docx_text(rendered[code, "cat-complaint"][1])
    assert f"{pinpoint}{NBSP}2" in stored and f"{pinpoint} 2" not in stored


def test_a_year_alone_in_russian_prose_takes_its_word(rendered):
    """"в 2006" is not Russian: a year alone in the text is "2006 год", "в 2006 году" (held
    together), as the UN's Russian documents write one in prose; a citation keeps the bare year
    of the UN's titles; a month's year ends in "г." and takes no second stop."""
    stored = _docx_text(rendered["ru", "cat-complaint"][1])
    assert f"2006{NBSP}год или ранее, Uzbekistan." in stored
    assert f"2006{NBSP}год. He fled" in stored
    assert "2006 или ранее" not in stored and "2006. He fled" not in stored
    assert "г.." not in stored and "г…" not in stored
    assert LANGUAGES["ru"].on(2006) == "в 2006 году" and LANGUAGES["ru"].date(2006) == "2006"


def test_a_russian_number_holds_to_its_words(rendered):
    """Russian typography does not part a number from its word: "правилом 114", "12 июня"."""
    stored = _docx_text(rendered["ru", "cat-complaint"][1])
    assert f"правилом{NBSP}114" in stored and f"12{NBSP}июня{NBSP}2012{NBSP}года" in stored
    assert re.findall(r"[а-яё] \d|\d [а-яё]", stored) == []


@pytest.mark.parametrize(("code", "date"), [("fr", f"12{NBSP}juin{NBSP}2012"),
                                            ("es", f"12{NBSP}de{NBSP}junio{NBSP}de{NBSP}2012")])
def test_a_french_or_spanish_date_keeps_its_parts_on_one_line(rendered, code, date):
    """"12 / juin", "12 de / junio" no more: every date the document writes in its language, in
    the body and the notes, has no space a line could break at."""
    stored = _docx_text(rendered[code, "cat-complaint"][1])
    dates = [found[0] for found in LANGUAGES[code].dates.finditer(stored)]
    assert date in dates and len(dates) > 5
    assert [found for found in dates if " " in found] == []


@pytest.fixture(scope="module")
def decided_in_a_month():
    """The appeal decided and notified in a month known only ("в июне 2012 г." in Russian), with
    nothing after the date in its sentence but the call, by an authority whose name ends in an
    abbreviation's stop."""
    rustam = json.loads((FIXTURES / "cases/rustam-norway.json").read_text(encoding="utf-8"))
    step = rustam["procedural_history"][1]
    step.update(decided="2012-06", notified="2012-06", authority="Immigration Appeals Board Inc.")
    del step["summary"], step["annexes"]
    return rustam


@pytest.mark.parametrize(("code", "kind"), list(QUOTED), ids="-".join)
def test_a_sentence_ending_in_an_abbreviation_takes_one_stop(decided_in_a_month, code, kind):
    """"2012 г.." (set as "г…") and "Inc.." no more, in every language: the abbreviation's stop
    ends the sentence, and a call after it stands after that stop."""
    case = load_case({**decided_in_a_month, "language": code})
    pdf, docx = render(case, kind, "pdf"), render(case, kind, "docx")
    stored, body = _docx_text(docx), _calls_in_body(docx)
    printed = " ".join(pdf_page_texts(pdf))
    for text in (stored, printed):
        assert ".." not in text and ".…" not in text and "г…" not in text
    assert "Inc. " in stored
    if code == "ru":
        assert f"сообщено в июне{NBSP}2012{NBSP}г.^" in body
