"""The complaint and the rule 114 request in Russian: headings, dates, citation words ("Там же",
"пункт", the symbol without "UN Doc") and the "Стр. X из Y" footer are Russian in the PDF and the
DOCX, with none of the English documents' words; the footnotes are numbered as the model numbers
them and the DOCX and the PDF print the same words; Cyrillic prints with real glyphs."""

from __future__ import annotations

import json
import re

import pytest

from conftest import FIXTURES
from docgen.case import CaseInvalid, load_case
from docgen.model.build import build_document
from docgen.render import render
from docgen.web import create_app
from docgen.web.openapi import spec
from reading import (
    FormClient,
    block_pattern,
    docx_everything,
    docx_expected_text,
    docx_document,
    docx_footnote_calls,
    docx_footnotes,
    find_in_order,
    pdf_page_texts,
    pdf_reader,
    pdf_sections,
    pdf_words,
    text_pattern,
)
from test_form import page, step_page
from test_languages import _printed_characters

# What each Russian document says in docgen's own words, from the example case (signed on
# 10 July 2012, so the rules of procedure of 2011 and General Comment No 1 are cited).
RUSSIAN = {
    "cat-interim-measures": (
        "СРОЧНО: просьба о принятии временных мер в соответствии с правилом 114",
        "Просьба о принятии временных мер", "государство-участник: Норвегия", "Заявитель и высылка",
        "Опасность применения пыток", "Прилагаются: приложение 2", "дата рождения: 14 марта 1986 года",
        "гражданство: Узбекистан", "с 12 июня 2012 года", "Oslo, 10 июля 2012 года", "Подпись",
        "Комитет против пыток, «Правила процедуры» (февраль 2011 г.) CAT/C/3/Rev.5, правило 114",
        "по состоянию на 10 июля 2012 года, пункт 1", "Там же, пункт 2", "Cleek (сноска 2), пункт 6",
        "сообщение № 444/2010, CAT/C/48/D/444/2010.", "Abdussamatov (сноска 8), пункт 2.3.",
    ),
    "cat-complaint": (
        "Жалоба в Комитет против пыток в соответствии со статьей 22 Конвенции против пыток",
        "Просьба о принятии временных мер", "Заявитель", "Имя:", "Дата и место рождения: 14 марта 1986 года",
        "Гражданство: Узбекистан", "Пол: мужской", "Конфиденциальность", "псевдоним «Rustam»",
        "Государство-участник", "Нарушенные статьи Конвенции", "Исчерпание внутренних средств правовой защиты",
        "Другие процедуры международного расследования или урегулирования", "Факты",
        "Жалоба: статья 3 Конвенции", "Пытки в прошлом", "Испрашиваемые меры", "Приложения", "Подпись",
        "12 июня 2012 года, Oslo.", "Август 2010 г., Norway.", "2006 год или ранее, Uzbekistan.",
        "10 июля 2012 года заявитель обратился в орган Immigration Appeals Board (UNE)",
        "принято решение об отказе 12 июня 2012 года (номер 12/01234-5)",
        "Конвенция против пыток и других жестоких, бесчеловечных или унижающих достоинство видов обращения "
        "и наказания (дата принятия: 10 декабря 1984 года, дата вступления в силу: 26 июня 1987 года)",
        "Конвенция против пыток, пункт 5 b) статьи 22.", "Конвенция против пыток, статья 3.",
        "Комитет против пыток, «Замечание общего порядка № 1 (1997) об осуществлении статьи 3 Конвенции в "
        "контексте статьи 22» (21 ноября 1997 года) A/53/44, приложение IX.",
        "Там же, пункт 1.", "Cleek (сноска 3), пункт 2.", "(приложение 2)",
        "«Movement for Freedom»",  # the case's own quotation, in Russian quotation marks
    ),
}
# Words the English documents and docgen's English write (and OSCOLA's quotation mark), which a Russian one must not hold (not
# the case's own English sentences, nor the Committee's postal address, which are printed as typed).
ENGLISH = ("URGENT", "Complaint to the Committee", "The State party", "Confidentiality", "Exhaustion",
           "The facts", "Remedies sought", "Name:", "Nationality", "Date and place of birth", "Request for interim measures", "The complainant", "The request", "The risk",
           "Enclosed", "Signature", "born on", "a national of", "ibid", "accessed", "UN Doc", "(n ", "‘",
           "para ", "paras ", "Communication No", "Annex", "July 2012", "Page ", "Rules of Procedure")


@pytest.fixture(scope="module")
def case():
    data = json.loads((FIXTURES / "cases/rustam-norway.json").read_text(encoding="utf-8"))
    return load_case({**data, "language": "ru"})


@pytest.fixture(scope="module", params=list(RUSSIAN))
def kind(request):
    return request.param


@pytest.fixture(scope="module")
def pdf(case, kind):
    return render(case, kind, "pdf")


@pytest.fixture(scope="module")
def docx(case, kind):
    return render(case, kind, "docx")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_document_is_russian_throughout(case, kind, fmt, pdf, docx):
    text = " ".join((pdf_words(pdf) if fmt == "pdf" else docx_everything(docx)).split())
    assert [words for words in RUSSIAN[kind] if words not in text] == []
    assert [words for words in ENGLISH if words in text] == []


def test_the_pdf_says_str_x_iz_y_and_is_tagged_russian(pdf):
    texts = pdf_page_texts(pdf)
    assert all(f"Стр. {n} из {len(texts)}" in text for n, text in enumerate(texts, 1))
    assert pdf_reader(pdf).trailer["/Root"]["/Lang"] == "ru"


def test_the_docx_and_the_pdf_print_the_models_words_and_footnotes(case, kind, pdf, docx):
    model = build_document(case, kind)
    word = docx_document(docx)
    assert [p.text for p in word.paragraphs] == [docx_expected_text(b) for b in model.blocks]
    numbers = list(range(1, len(model.footnotes) + 1))
    assert docx_footnote_calls(docx) == numbers
    assert [number for number, _ in docx_footnotes(docx)] == numbers
    body, notes, _ = pdf_sections(pdf, model.footnotes)
    assert find_in_order(body, [block_pattern(block) for block in model.blocks]) == []
    assert [number for number, _ in notes] == numbers
    for (number, text), note in zip(notes, model.footnotes, strict=True):
        assert re.fullmatch(rf"{number}\s+" + text_pattern(note.content), text.strip()), (number, text)


def test_cyrillic_prints_with_real_glyphs(pdf):
    cyrillic = {c for c in "".join(pdf_page_texts(pdf)) if "\u0400" <= c <= "\u04ff"}
    assert len(cyrillic) > 30
    assert cyrillic <= _printed_characters(pdf)


# The legal name and the birth date as a Russian-speaking lawyer may type them into the case's
# own sentences: the Cyrillic spelling (given in other_names) in its cases, the Latin one in other
# letter cases and a second transliteration, and the birth date as Russian writes it.
NAMES = ("Назаров Алишер Баходирович", "Назарова", "Назарову", "Назаровым", "Назарове", "Назаровой",
         "НАЗАРОВЫХ", "Алишером", "Алишеру", "Баходировича", "Баходировичем", "Назаровым Алишером",
         "Nazarov", "NAZAROV", "Nasarov")
DAY = ("14 марта 1986 г.", "14 марта 1986 года", "14 мар. 1986 г.", "14.03.1986", "14 March 1986")
MONTH = ("март 1986", "марта 1986 г.", "в марте 1986 г.", "March 1986", "03.1986")


@pytest.mark.parametrize(("birth_date", "spellings"), [("1986-03-14", DAY), ("1986-03", MONTH)])
def test_the_public_edition_keeps_no_form_of_the_name_or_the_birth_date(kind, birth_date, spellings):
    data = json.loads((FIXTURES / "cases/rustam-norway.json").read_text(encoding="utf-8"))
    person = data["complainants"][0]
    person.update(birth_date=birth_date, other_names=["Назаров Алишер Баходирович", "Nasarov"])
    typed = "; ".join((*NAMES, *spellings))
    data["risk_factors"][0]["description"] = f"Упоминания: {typed}."
    case = load_case({**data, "language": "ru"})
    assert all(words in pdf_words(render(case, kind, "pdf")) for words in ("Назаровым Алишером", spellings[0]))
    public = " ".join(pdf_words(render(case, kind, "pdf", public=True)).split())
    assert "Упоминания: Rustam" in public
    left = [words for words in (*NAMES, *spellings) if words.casefold() in public.casefold()]
    assert left == []
    assert not re.search(r"(?i)назаров|алишер|баходиров|nazarov|nasarov|alisher", public)
    assert "[данные изъяты]" in public and "[withheld]" not in public


def test_a_russian_document_of_an_english_case_withholds_in_russian(kind):
    """The language chosen for one document, not the case's, gives the public edition's marker."""
    data = json.loads((FIXTURES / "cases/rustam-norway.json").read_text(encoding="utf-8"))
    data["risk_factors"][0]["description"] = "Passport AB7734120 was taken."
    public = pdf_words(render(load_case(data), kind, "pdf", public=True, language="ru"))
    assert "Passport [данные изъяты] was taken" in " ".join(public.split())


def test_other_spellings_of_the_name_are_bounded_described_and_asked_under_more():
    data = json.loads((FIXTURES / "cases/rustam-norway.json").read_text(encoding="utf-8"))
    for names, path in (([f"Назаров {n}" for n in range(11)], "complainants.0.other_names"),
                        ([""], "complainants.0.other_names.0")):
        data["complainants"][0]["other_names"] = names
        with pytest.raises(CaseInvalid) as refused:
            load_case(data)
        assert list(refused.value.errors) == [path]
    described = spec()["components"]["schemas"]["Complainant"]["properties"]["other_names"]
    assert described["maxItems"] == 10 and "Cyrillic" in described["description"]
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret"})
    data["complainants"][0]["other_names"] = ["Назаров Алишер"]
    shown = page(step_page(FormClient(app.test_client()), data, "complainants"))
    typed = shown.xpath("//input[@name='complainants.0.other_names.0']")[0]
    assert typed.get("value") == "Назаров Алишер"
    more = next(ancestor for ancestor in typed.iterancestors() if ancestor.tag == "details")
    assert more.xpath("summary")[0].text_content().startswith("More about this complainant")


def test_a_complaint_signed_after_2017_cites_general_comment_no_4_and_the_2014_rules_in_russian():
    data = json.loads((FIXTURES / "cases/rustam-norway.json").read_text(encoding="utf-8"))
    data["signature"]["date"] = "2025-03-01"
    document = build_document(load_case({**data, "language": "ru"}), "cat-complaint")
    # No-break spaces ("№ 4", "2018 года") read as spaces.
    notes = ["".join(part.text for part in note.content).replace("\u00a0", " ") for note in document.footnotes]
    text = " ".join(block.text for block in document.blocks).replace("\u00a0", " ")
    assert ("Комитет против пыток, «Замечание общего порядка № 4 (2017) об осуществлении статьи 3 Конвенции "
            "в контексте статьи 22» (4 сентября 2018 года) CAT/C/GC/4, пункт 11.") in notes
    assert "Комитет против пыток, «Правила процедуры» (2014) CAT/C/3/Rev.6, правило 114." in notes
    assert "предсказуемая, личная, существующая и реальная опасность применения пыток" in text
    assert not any("№ 1" in note for note in notes)


@pytest.mark.parametrize(("sex", "several", "words"), [
    ("female", False, ("Заявительница может быть выслана", "Заявительница подала апелляционную жалобу",
                       "заявительница обратилась в орган", "вышлет заявительницу,", "Интересы заявительницы")),
    ("male", True, ("Заявители могут быть высланы", "Заявители подали апелляционную жалобу",
                    "заявители обратились в орган", "вышлет заявителей,", "Интересы заявителей")),
])
def test_the_words_for_the_complainant_agree_with_sex_and_number(sex, several, words):
    data = json.loads((FIXTURES / "cases/rustam-norway.json").read_text(encoding="utf-8"))
    data["complainants"][0]["sex"] = sex
    if several:
        data["complainants"].append({**data["complainants"][0], "id": "bibi", "pseudonym": "Bibi",
                                     "legal_name": "Bibi Nazarova", "sex": "female"})
    document = build_document(load_case({**data, "language": "ru"}), "cat-complaint")
    text = " ".join(block.text for block in document.blocks).replace("\u00a0", " ")
    assert [phrase for phrase in words if phrase not in text] == []
