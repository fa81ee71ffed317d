"""A document in a language its addressee does not accept is warned about, by `docgen validate`,
the API's validation and the form's review: Norwegian to the Committee against Torture, Russian
to UDI and UNE, Russian to the European Court once Russia is no longer a party (Rule 34(2) of the
Rules of Court accepts the official languages of the Contracting Parties only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.case import load_case
from docgen.case.jurisdictions import ProfileInvalid, check_profile
from docgen.case.warnings import language_warnings
from docgen.cli import main
from docgen.render import warnings
from reading import FormClient, fields_of, post_json

RUSTAM = Path(__file__).resolve().parent.parent / "fixtures" / "cases" / "rustam-norway.json"


def _case(language: str, signed: str = "2012-07-10") -> dict:
    data = json.loads(RUSTAM.read_text(encoding="utf-8"))
    data["signature"]["date"] = signed
    return {**data, "language": language}


def _language_warnings(data: dict) -> list[str]:
    return [w["message"] for w in load_case(data).warnings if w["path"] == "language"]


def test_english_is_accepted_by_every_addressee():
    assert _language_warnings(_case("en")) == []


def test_norwegian_to_the_committee_is_warned_about():
    warnings = _language_warnings(_case("nb"))
    assert len(warnings) == 1
    assert warnings[0].startswith("The Committee against Torture accepts filings in Arabic, Chinese, "
                                  "English, French, Russian or Spanish, not Norwegian Bokmål")


def test_russian_to_the_norwegian_authorities_is_warned_about_and_to_the_court_after_russia_left():
    before = _language_warnings(_case("ru", "2012-07-10"))
    assert [w.split(":")[0] for w in before] == [
        "UDI and UNE accept filings in Norwegian Bokmål, Norwegian Nynorsk or English, not Russian"]
    after = _language_warnings(_case("ru", "2023-01-10"))  # Russia ceased to be a party on 16 September 2022
    assert len(after) == 2 and after[1].startswith(
        "The European Court of Human Rights accepts filings in English or French, or an official "
        "language of a State party to the Convention, not Russian")


def test_docgen_validate_prints_the_warning(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(_case("nb")), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0
    assert "warning: language: The Committee against Torture accepts filings in" in result.output
    english = tmp_path / "english.json"
    english.write_text(json.dumps(_case("en")), encoding="utf-8")
    assert "warning: language:" not in CliRunner().invoke(main, ["validate", str(english)]).output


def test_the_api_validation_returns_the_warning(client):
    body = post_json(client, "/api/v1/validate", _case("nb")).get_json()
    assert [w["path"] for w in body["warnings"]].count("language") == 1


def test_the_form_review_shows_the_warning(client):
    form = FormClient(client)
    review = form.post(fields_of(_case("nb")), action="review")
    assert "The Committee against Torture accepts filings in" in review.text


def test_a_profile_must_say_which_languages_its_authorities_accept():
    import tomllib

    from docgen.paths import TEMPLATES_DIR

    profile = tomllib.loads((TEMPLATES_DIR / "jurisdictions" / "NO.toml").read_text(encoding="utf-8"))
    assert check_profile(profile, "NO.toml")["accepts"] == ["nb", "nn", "en"]
    del profile["accepts"]
    with pytest.raises(ProfileInvalid, match="accepts"):
        check_profile(profile, "NO.toml")


# --- a document made in a language other than the case's ------------------------------------------


def test_the_warning_for_a_document_is_about_its_language_and_its_addressee():
    english = load_case(_case("en", "2023-01-10"))
    (committee,) = language_warnings(english.data, "nb", "committee")
    assert committee["path"] == "language" and committee["message"].startswith(
        "The Committee against Torture accepts filings in Arabic, Chinese, English, French, Russian "
        "or Spanish, not Norwegian Bokmål")
    assert language_warnings(english.data, "nb", "authorities") == []
    assert language_warnings(english.data, "nb", None) == []  # the chronology goes to no one
    (court,) = language_warnings(english.data, "ru", "court")
    assert court["message"].startswith("The European Court of Human Rights accepts filings in")
    # Written in Russian, the complaint is in a language the Committee accepts, whatever the
    # case's: the case's warnings about Russian (to UDI and UNE, to the Court) are not this document's.
    russian = load_case(_case("ru", "2023-01-10"))
    assert len([w for w in russian.warnings if w["path"] == "language"]) == 2
    assert [w for w in warnings(russian, "appeal-letter", "nb") if w["path"] == "language"] == []
    assert warnings(russian, "cat-complaint") == russian.warnings
    norwegian = load_case(_case("nb"))
    assert [w for w in warnings(norwegian, "cat-complaint", "ru") if w["path"] == "language"] == []
    assert [w["path"] for w in warnings(norwegian, "cat-complaint", "ru")] == \
        [w["path"] for w in norwegian.warnings if w["path"] != "language"]


def test_docgen_render_warns_about_the_language_the_document_is_written_in(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(_case("nb")), encoding="utf-8")
    # The case is in Norwegian, which the Committee does not accept; its complaint in French is.
    result = CliRunner().invoke(main, ["render", str(path), "-d", "cat-complaint", "-f", "html",
                                       "--language", "fr", "-o", str(tmp_path / "c.html")])
    assert result.exit_code == 0, result.output
    assert "warning: language:" not in result.stderr
    # Without --language, the warnings are the case's, as `docgen validate` prints them.
    result = CliRunner().invoke(main, ["render", str(path), "-d", "appeal-letter", "-f", "html",
                                       "-o", str(tmp_path / "a.html")])
    assert result.exit_code == 0 and "warning: language: The Committee against Torture" in result.stderr
