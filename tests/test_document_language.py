"""The language is a choice of each document, not of the case alone: render(..., language=),
`docgen render --language`, the API's `language` parameter, read in the real output; the case's
language stays the default; the file names say the language when it is not the case's; the
render cache keeps the languages apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.case import load_case
from docgen.cli import main
from docgen.render import KINDS, CaseLacks, filename, render
from docgen.web.cache import RenderCache
from reading import assert_error, docx_everything, pdf_words, post_json

ROOT = Path(__file__).resolve().parent.parent
RUSTAM = ROOT / "fixtures" / "cases" / "rustam-norway.json"
# A heading of each letter, and the footer, that the other language's letter does not hold
NORWEGIAN, ENGLISH = ("Hva vi ber om", "Side 1 av"), ("What we ask", "Page 1 of")


def _holds(text: str, words: tuple[str, ...]) -> bool:
    return all(word in " ".join(text.split()) for word in words)


@pytest.fixture(scope="module")
def english_case():
    return load_case(json.loads(RUSTAM.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def norwegian_pdf(english_case):
    return render(english_case, "appeal-letter", "pdf", language="nb")


def test_a_document_is_written_in_the_language_asked_for(english_case, norwegian_pdf):
    assert english_case.data["language"] == "en"  # the case is not changed by the choice
    text = pdf_words(norwegian_pdf)
    assert _holds(text, NORWEGIAN) and not _holds(text, ENGLISH[:1])
    docx = docx_everything(render(english_case, "appeal-letter", "docx", language="nb"))
    assert "Hva vi ber om" in docx and "What we ask" not in docx


def test_the_case_language_is_the_default(english_case):
    text = pdf_words(render(english_case, "appeal-letter", "pdf"))
    assert _holds(text, ENGLISH) and "Hva vi ber om" not in text
    norwegian_case = load_case({**json.loads(RUSTAM.read_text(encoding="utf-8")), "language": "nb"})
    back_in_english = pdf_words(render(norwegian_case, "appeal-letter", "pdf", language="en"))
    assert _holds(back_in_english, ENGLISH) and "Hva vi ber om" not in back_in_english


def test_a_language_the_kind_is_not_written_in_is_refused_by_field(english_case):
    with pytest.raises(CaseLacks) as lacking:
        render(english_case, "cat-complaint", "pdf", language="nb")
    assert list(lacking.value.errors) == ["language"]
    with pytest.raises(KeyError):
        render(english_case, "appeal-letter", "pdf", language="xx")


def test_file_names_say_the_language_when_it_is_not_the_cases():
    english = {"language": "en", "complainants": [{"pseudonym": "Rustam"}], "signature": {"date": "2012-07-10"}}
    norwegian = {**english, "language": "nb"}
    assert filename("appeal-letter", "pdf", case=english) == "rustam-appeal-letter-2012-07-10.pdf"
    assert filename("appeal-letter", "pdf", case=english, language="nb") == "rustam-klage-nb-2012-07-10.pdf"
    assert filename("appeal-letter", "pdf", case=norwegian) == "rustam-klage-2012-07-10.pdf"
    assert filename("appeal-letter", "docx", case=norwegian, public=True) == "rustam-klage-offentlig-2012-07-10.docx"
    assert filename("appeal-letter", "pdf", case=norwegian, language="en") == "rustam-appeal-letter-en-2012-07-10.pdf"


def test_the_command_line_renders_in_the_language_asked_for(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", str(RUSTAM), "-d", "appeal-letter", "--language", "nb"])
    assert result.exit_code == 0, result.output
    written = tmp_path / "klage-nb.pdf"
    assert _holds(pdf_words(written.read_bytes()), NORWEGIAN)


def test_the_command_line_refuses_a_language_the_kind_is_not_written_in(tmp_path):
    result = CliRunner().invoke(main, ["render", str(RUSTAM), "-d", "cat-complaint", "--language", "nb",
                                       "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert "language: The cat-complaint is not written in Norwegian" in result.output
    unknown = CliRunner().invoke(main, ["render", str(RUSTAM), "-d", "cat-complaint", "--language", "xx"])
    assert unknown.exit_code == 2 and "--language" in unknown.output


def test_the_api_renders_in_the_language_asked_for(client):
    case = json.loads(RUSTAM.read_text(encoding="utf-8"))
    response = post_json(client, "/api/v1/documents/appeal-letter?format=pdf&language=nb", case)
    assert response.status_code == 200
    assert _holds(pdf_words(response.data), NORWEGIAN)
    assert "rustam-klage-nb-2012-07-10.pdf" in response.headers["Content-Disposition"]
    english = post_json(client, "/api/v1/documents/appeal-letter?format=pdf", case)
    assert _holds(pdf_words(english.data), ENGLISH)


@pytest.mark.parametrize(("kind", "language", "says"), [
    ("cat-complaint", "nb", "The cat-complaint is written in en"),
    ("appeal-letter", "xx", "Must be one of"),
])
def test_the_api_refuses_a_language_naming_the_parameter(client, kind, language, says):
    case = json.loads(RUSTAM.read_text(encoding="utf-8"))
    body = assert_error(post_json(client, f"/api/v1/documents/{kind}?language={language}", case),
                        400, "invalid_parameter")
    assert list(body["errors"]) == ["language"]
    assert says in body["errors"]["language"][0]


def test_the_openapi_description_lists_the_parameter(client):
    spec = client.get("/api/openapi.json").get_json()
    parameters = spec["paths"]["/api/v1/documents/{kind}"]["post"]["parameters"]
    language = next(parameter for parameter in parameters if parameter["name"] == "language")
    assert language["in"] == "query" and "nb" in language["schema"]["enum"]


def test_the_render_cache_keeps_each_language_apart(english_case):
    cache = RenderCache(10_000_000, 600)
    sent = RUSTAM.read_bytes()
    english = cache.render("s", sent, english_case, "appeal-letter", "html")
    norwegian = cache.render("s", sent, english_case, "appeal-letter", "html", language="nb")
    assert b"What we ask" in english and b"Hva vi ber om" in norwegian
    assert cache.render("s", sent, english_case, "appeal-letter", "html", language="nb") == norwegian


# --- The form's result page: a language beside each document ---------------------------------------


@pytest.fixture
def form(client):
    from reading import FormClient

    return FormClient(client)


def _result(form, case: dict):
    from lxml import html as lxml_html

    from reading import fields_of

    response = form.post(fields_of(case))
    assert "The documents are ready" in response.text
    return lxml_html.fromstring(response.data)


def _carried(result) -> str:
    return result.xpath("//form[@id='case-carrier']//input[@name='_case']")[0].get("value")


def test_the_result_page_offers_each_document_in_its_languages(form):
    case = json.loads(RUSTAM.read_text(encoding="utf-8"))
    result = _result(form, case)
    select = result.get_element_by_id("language-appeal-letter")
    assert select.get("form") == "case-carrier" and select.get("name") == "language.appeal-letter"
    assert [(o.get("value"), o.get("selected") is not None) for o in select.xpath("option")] == [
        ("en", True), ("nb", False)]
    single = next(kind.id for kind in KINDS.values() if len(kind.languages) == 1)
    assert not result.xpath(f"//select[@id='language-{single}']")  # no choice where there is none
    # Norwegian chosen: the download is the Norwegian letter, named so; the complaint stays English.
    chosen = {"_case": _carried(result), "language.appeal-letter": "nb"}
    letter = form.post({**chosen, "file": "appeal-letter.pdf"}, action="", path="/download")
    assert letter.status_code == 200
    assert letter.headers["Content-Disposition"] == "attachment; filename=rustam-klage-nb-2012-07-10.pdf"
    assert _holds(pdf_words(letter.data), NORWEGIAN)
    preview = form.post({**chosen, "kind": "appeal-letter"}, action="", path="/preview")
    assert "Hva vi ber om" in preview.text and "What we ask" not in preview.text
    english = form.post({"_case": _carried(result), "kind": "appeal-letter"}, action="", path="/preview")
    assert "What we ask" in english.text


def test_the_zip_holds_each_document_in_its_chosen_language(form):
    import io
    import zipfile

    case = json.loads(RUSTAM.read_text(encoding="utf-8"))
    result = _result(form, {**case, "language": "nb"})
    # A Norwegian case: the letter is Norwegian by default, the complaint English (its only language).
    assert result.get_element_by_id("language-appeal-letter").xpath("option[@selected]")[0].get("value") == "nb"
    response = form.post({"_case": _carried(result), "file": "documents.zip"}, action="", path="/download")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(archive.namelist())
    assert {"rustam-klage-2012-07-10.pdf", "rustam-cat-complaint-en-2012-07-10.pdf"} <= names
    assert "Hva vi ber om" in docx_everything(archive.read("rustam-klage-2012-07-10.docx"))
    assert "Hva vi ber om" not in docx_everything(archive.read("rustam-cat-complaint-en-2012-07-10.docx"))


def test_a_language_a_document_is_not_written_in_is_refused_on_the_form(form):
    case = json.loads(RUSTAM.read_text(encoding="utf-8"))
    result = _result(form, case)
    response = form.post({"_case": _carried(result), "language.cat-complaint": "nb",
                          "file": "cat-complaint.pdf"}, action="", path="/download")
    assert response.status_code == 400 and "not written in that language" in response.text
    # The case is kept: the page offers to go back to the form with it.
    assert 'value="edit">Back to the form with this case' in response.text
