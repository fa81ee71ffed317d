"""The public edition (public=True): what the Committee may publish, with nothing identifying.

Checked in the files themselves: every part of the DOCX package (document, footnotes, docProps),
the PDF's page text and every string it holds (info dictionary, XMP, outlines, structure tree),
and the HTML page. The same checks on the ordinary edition find the identifying data, so they
are not looking in the wrong place.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from expected import EXPECTED, KINDS

from docgen.case import load_case
from docgen.languages import LANGUAGES
from docgen.model.build import build_document
from docgen.render import render
from reading import docx_document, docx_everything, normalise, pdf_reader, pdf_strings, pdf_words

WITHHELD = LANGUAGES["en"].withheld

RUSTAM = Path(__file__).resolve().parent.parent / "fixtures" / "cases" / "rustam-norway.json"
FORMATS = ["docx", "pdf", "html"]

# What identifies Rustam in the fixture (invented for this test, per the README).
IDENTIFYING = {
    "full legal name": "Alisher Bahodirovich Nazarov",
    "given name": "Alisher",
    "patronymic": "Bahodirovich",
    "surname": "Nazarov",
    "birth date": "14 March 1986",
    "birth date, ISO": "1986-03-14",
    "passport number": "AB7734120",
    "address": "c/o Nordic Asylum Law Centre",
    "birth place": "Tashkent, Uzbekistan",
    "decision reference": "12/01234-5",  # UNE's file number leads to his file
}
# What the ordinary edition prints of them (the ISO date is only ever typed by a user).
PRINTED = {label: value for label, value in IDENTIFYING.items() if label != "birth date, ISO"}


def rustam_data() -> dict:
    return json.loads(RUSTAM.read_text(encoding="utf-8"))


def everything(data: bytes, format: str) -> str:
    """All that a file says, in one string, whitespace made single spaces."""
    if format == "docx":
        text = docx_everything(data)
    elif format == "pdf":
        text = pdf_words(data) + "\n" + pdf_strings(data)
    else:
        page = data.decode("utf-8")
        text = page + "\n" + html.unescape(page)
    return normalise(text)


def traces(text: str, identifying: dict[str, str]) -> list[str]:
    folded = text.casefold()
    return [label for label, value in identifying.items() if value.casefold() in folded]


@pytest.fixture(scope="module")
def case():
    return load_case(rustam_data())


@pytest.fixture(scope="module")
def files(case):
    """{(kind, format, public): bytes} for the example case."""
    return {
        (kind, format, public): render(case, kind, format, public=public)
        for kind in KINDS for format in FORMATS for public in (False, True)
    }


# --- the example case ------------------------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_the_ordinary_edition_does_identify_the_complainant(files, kind, format):
    found = traces(everything(files[kind, format, False], format), PRINTED)
    expected = set(PRINTED) & EXPECTED[kind].identity
    assert expected <= set(found), expected - set(found)


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_the_public_edition_has_no_trace_of_identifying_data(files, kind, format):
    assert traces(everything(files[kind, format, True], format), IDENTIFYING) == []


@pytest.mark.parametrize("kind", KINDS)
def test_public_docx_properties_and_pdf_metadata_are_clean(files, kind):
    props = docx_document(files[kind, "docx", True]).core_properties
    values = [props.title, props.author, props.subject, props.keywords, props.comments,
              props.last_modified_by, props.category, props.identifier]
    assert traces(" ".join(v or "" for v in values), IDENTIFYING) == []
    reader = pdf_reader(files[kind, "pdf", True])
    info = " ".join(str(v) for v in (reader.metadata or {}).values())
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert traces(info + xmp, IDENTIFYING) == []
    assert "Ingrid Hansen" in info and "Ingrid Hansen" in xmp  # the metadata is there, and read


def test_the_public_complaint_uses_the_pseudonym(case):
    document = build_document(case, "cat-complaint", public=True)
    texts = [b.text for b in document.blocks]
    assert "Rustam v Norway" in texts
    assert "Name: Rustam (pseudonym)" in texts
    assert any(t.startswith('Rustam asks the Committee not to disclose') for t in texts)
    assert not any(t.startswith(("Date and place of birth", "Passport", "Address for correspondence", "Contact"))
                   for t in texts)
    # What does not identify stays: nationality, whereabouts, the facts.
    assert "Nationality: Uzbekistan" in texts
    assert any("Movement for Freedom" in t for t in texts)


def test_the_public_letter_uses_the_pseudonym(case):
    texts = [b.text for b in build_document(case, "appeal-letter", public=True).blocks]
    assert "Concerning: Rustam, national of Uzbekistan" in texts
    assert any("He has been detained since 12 June 2012 in Oslo" in t for t in texts)
    assert not any("Nazarov" in t for t in texts)


@pytest.mark.parametrize("format", FORMATS)
def test_public_pdf_docx_and_html_show_the_pseudonym(files, format):
    assert "Rustam v Norway" in everything(files["cat-complaint", format, True], format)


# --- identifying data typed into free text --------------------------------------------------------


def typed_in_free_text() -> dict:
    """The case as a hurried caseworker writes it: the legal name, birth date and passport number
    in the facts, and his brother, who shares the surname, as representative."""
    data = rustam_data()
    data["events"][1]["description"] = (
        "Alisher Bahodirovich Nazarov, born 1986-03-14 (passport AB7734120), was imprisoned and "
        "tortured because of that work; NAZAROV's cellmates saw the marks."
    )
    data["risk_factors"][0]["description"] = (
        "Mr Nazarov was tortured in 2006; alisher still bears the scars."
    )
    data["appeal"]["personal_circumstances"] = "Alisher lives with his brother in Oslo."
    # Printed by every document, the urgent requests too, which leave out the facts.
    data["removal"]["details"] = "Alisher Bahodirovich Nazarov (passport AB7734120), born 1986-03-14, is held for removal."
    data["annexes"][0]["title"] = "Signed authorisation by Alisher Nazarov"
    data["sources"][0]["title"] = "Uzbekistan: Asylum Seeker Alisher Nazarov Fears Deportation From Norway"
    data["representative"]["name"] = "Dilshod Nazarov"
    data["representative"]["organisation"] = None
    return data


@pytest.fixture(scope="module")
def typed_files():
    case = load_case(typed_in_free_text())
    return {
        (kind, format, public): render(case, kind, format, public=public)
        for kind in KINDS for format in FORMATS for public in (False, True)
    }


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_identifying_data_typed_into_the_facts_is_scrubbed(typed_files, kind, format):
    ordinary = everything(typed_files[kind, format, False], format)
    assert set(traces(ordinary, IDENTIFYING)) >= {"full legal name", "given name", "surname",
                                                  "birth date, ISO", "passport number"}
    public = everything(typed_files[kind, format, True], format)
    assert traces(public, IDENTIFYING) == []
    if kind == "cat-complaint":
        assert "Rustam, born [withheld] (passport [withheld]), was imprisoned" in public


def test_the_representative_sharing_the_surname_does_not_carry_it_into_the_metadata(typed_files):
    ordinary = pdf_reader(typed_files["cat-complaint", "pdf", False]).metadata
    assert "Nazarov" in ordinary.author  # the control: the metadata does carry the name
    for kind in KINDS:
        reader = pdf_reader(typed_files[kind, "pdf", True])
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
        assert "nazarov" not in (str(reader.metadata.author) + xmp).casefold()
        props = docx_document(typed_files[kind, "docx", True]).core_properties
        assert "nazarov" not in (props.author or "").casefold()


def test_scrubbing_replaces_words_not_parts_of_words():
    data = typed_in_free_text()
    data["events"][0]["description"] = "Alisherbek and Nazarova are other people; so is Nazarovich."
    document = build_document(load_case(data), "cat-complaint", public=True)
    assert any("Alisherbek and Nazarova are other people; so is Nazarovich." in b.text for b in document.blocks)
    text = " ".join(b.text for b in document.blocks)
    assert f"Rustam, born {WITHHELD} (passport {WITHHELD})" in text
    assert "Rustam’s cellmates" in text


def test_identifying_text_is_scrubbed_as_the_typographer_set_it():
    data = rustam_data()
    data["complainants"][0]["legal_name"] = "Ali O'Neil-Karimov"
    data["events"][1]["description"] = "Because of that work O'Neil--Karimov and 'Ali' were imprisoned."
    document = build_document(load_case(data), "cat-complaint", public=True)
    text = " ".join(b.text for b in document.blocks)
    assert "O’Neil" not in text and "Ali" not in text.replace("Alisher", "")


# --- what the scrub misses --------------------------------------------------------------------------


@pytest.mark.parametrize("legal_name, typed", [("İlhom Nazarov", "İlhom"), ("Jürgen Weiß", "Weiß")])
def test_names_whose_case_folding_changes_their_length_are_scrubbed(legal_name, typed):
    data = rustam_data()
    data["complainants"][0]["legal_name"] = legal_name
    data["events"][1]["description"] = f"Because of that work {typed} was imprisoned and tortured."
    document = build_document(load_case(data), "cat-complaint", public=True)
    assert typed not in " ".join(b.text for b in document.blocks)


def test_a_name_typed_with_another_capital_i_does_not_stop_the_public_edition():
    data = rustam_data()
    data["complainants"][0]["legal_name"] = "Ilhom Nazarov"
    data["events"][1]["description"] = "Because of that work İlhom was imprisoned and tortured."
    document = build_document(load_case(data), "cat-complaint", public=True)
    assert "İlhom" not in " ".join(b.text for b in document.blocks)


def test_a_home_address_typed_into_free_text_is_scrubbed():
    data = rustam_data()
    data["complainants"][0]["address"] = "Kirkeveien 44B\n0368 Oslo\nNorway"
    data["events"][4]["description"] += " He had lived at Kirkeveien 44B, 0368 Oslo."
    for kind in KINDS:
        document = build_document(load_case(data), kind, public=True)
        assert "Kirkeveien 44B" not in " ".join(b.text for b in document.blocks)


def _public_text(data: dict) -> str:
    """The words of both public documents of ``data``, footnotes and properties included."""
    texts = []
    for kind in KINDS:
        document = build_document(load_case(data), kind, public=True)
        texts += [b.text for b in document.blocks] + [n.text for n in document.footnotes]
        texts += [document.metadata.author, document.metadata.subject]
    return "\n".join(texts)


@pytest.mark.parametrize("typed", ["AB7734120", "AB 7734120", "AB-7734120", "AB 773 41 20", "ab.7734.120",
                                   "AB–773–4120", "AB/7734/120"])
def test_an_identity_number_typed_with_spaces_or_dashes_is_scrubbed(typed):
    data = rustam_data()
    data["events"][1]["description"] = f"His passport {typed} was taken at the border."
    text = _public_text(data)
    assert f"His passport {WITHHELD} was taken" in text
    assert "7734" not in text and "773 41" not in text


def test_digits_that_only_share_part_of_an_identity_number_stay():
    data = rustam_data()
    data["events"][1]["description"] = "He was held in cell 7734 and then in AB block."
    assert "cell 7734 and then in AB block" in _public_text(data)


@pytest.mark.parametrize("typed", ["alisher.n@mail.uz", "ALISHER.N@MAIL.UZ", "a_n+asylum@post.example.no"])
def test_an_email_address_typed_into_free_text_is_scrubbed(typed):
    data = rustam_data()
    data["events"][1]["description"] = f"He wrote from {typed} to his family."
    data["complainants"][0]["contact"] = typed
    text = _public_text(data)
    assert typed.casefold() not in text.casefold() and f"from {WITHHELD} to his family" in text


@pytest.mark.parametrize("contact, typed", [
    ("+998 90 123 45 67", "+998 90 123 45 67"),
    ("+998 90 123 45 67", "+998-90-123-45-67"),
    ("+998 90 123 45 67", "+998 (90) 1234567"),
    ("mobile 90 123 45 67", "90-123-45-67"),
    ("mobile 90 123 45 67", "901234567"),
    ("", "+47 912 34 567"),  # in no field at all: an international number is scrubbed anywhere
])
def test_a_phone_number_typed_into_free_text_is_scrubbed(contact, typed):
    data = rustam_data()
    data["complainants"][0]["contact"] = contact or None
    data["events"][1]["description"] = f"He called his mother on {typed} that night."
    text = _public_text(data)
    assert f"on {WITHHELD} that night" in text, text[:0]
    assert "45 67" not in text and "4567" not in text


def test_the_representatives_own_email_and_phone_stay_in_the_public_edition():
    data = rustam_data()
    data["events"][1]["description"] = "Write to ingrid.hansen@example.org or call +47 22 00 00 00."
    text = _public_text(data)
    assert "Write to ingrid.hansen@example.org or call +47 22 00 00 00" in text


@pytest.mark.parametrize("typed", ["1986-03", "March 1986", "Mar 1986", "03/1986", "3/1986", "03.1986",
                                   "3-1986", "1986/03", "MARCH 1986"])
def test_a_birth_date_known_only_to_the_month_is_scrubbed(typed):
    data = rustam_data()
    data["complainants"][0]["birth_date"] = "1986-03"
    data["events"][1]["description"] = f"Born in {typed}, he was imprisoned for that work."
    text = _public_text(data)
    assert f"Born in {WITHHELD}, he was imprisoned" in text


def test_a_birth_year_alone_is_no_reason_to_scrub_every_date_of_that_year():
    data = rustam_data()
    data["complainants"][0]["birth_date"] = "1986"
    data["events"][1]["description"] = "In 1986 the party was founded."
    assert "In 1986 the party was founded" in _public_text(data)
