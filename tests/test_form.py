"""The web form through Flask's test client: what a person without JavaScript sees and sends.

Pages are read with lxml as a browser would submit them (inputs inside <template> are not sent,
unticked checkboxes are not sent, a textarea loses the newline that follows its start tag).
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile

import docx
import pypdf
import pytest
from flask_wtf.csrf import CSRFProtect
from lxml import html as lxml_html
from marshmallow import fields

from docgen.case import load_case
from docgen.case import schema as case_schema
from docgen.web import create_app
from docgen.web.form import formdata
from docgen.web.form.layout import SECTIONS
from expected import KINDS
from reading import FormClient, fields_of

# --- The client and reading its pages -----------------------------------------------------------


@pytest.fixture
def app():
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret"})
    if "csrf" not in app.extensions:  # until create_app sets CSRFProtect up itself
        CSRFProtect(app)
    return app


@pytest.fixture
def form(app) -> FormClient:
    return FormClient(app.test_client())


def page(response):
    return lxml_html.fromstring(response.data)


def in_template(element) -> bool:
    return any(ancestor.tag == "template" for ancestor in element.iterancestors())


def case_form(response):
    return page(response).xpath("//form[contains(@class, 'case-form')]")[0]


def sent_values(response) -> list[tuple[str, str]]:
    """What the browser would post from the case form of this page (buttons and files aside)."""
    values = []
    for element in case_form(response).iter("input", "select", "textarea"):
        name = element.get("name")
        if not name or in_template(element):
            continue
        if element.tag == "textarea":
            text = element.text or ""
            values.append((name, text[1:] if text.startswith("\n") else text))
        elif element.tag == "select":
            chosen = element.xpath("option[@selected]") or element.xpath("option")[:1]
            values.append((name, chosen[0].get("value", "") if chosen else ""))
        elif element.get("type") == "checkbox":
            if element.get("checked") is not None:
                values.append((name, element.get("value", "on")))
        elif element.get("type") not in ("file", "submit"):
            values.append((name, element.get("value", "")))
    return values


def case_values(response) -> dict[str, str]:
    """The case inputs of a page that hold something: {name: value}."""
    return typed({k: v for k, v in sent_values(response) if not formdata.INTERNAL.match(k)})


def typed(values: dict[str, str]) -> dict[str, str]:
    """Values someone typed or chose: without empty inputs and inputs at what a new row shows
    (a box ticked by default, a select at its default)."""
    kept = {}
    for name, value in values.items():
        node = formdata.node_at(name)
        default = formdata.initial(node) if node is not None else None
        if value and (default is None or value != formdata.leaf_text(default)):
            kept[name] = value
    return kept


def carried_case_text(response) -> str:
    """The case JSON the result page carries for its downloads and previews, as it sends it."""
    return page(response).xpath("//form[@id='case-carrier']//input[@name='_case']")[0].get("value")


def carried_case(response) -> dict:
    return json.loads(carried_case_text(response))


def error_summary_links(response) -> dict[str, str]:
    return {a.get("href"): a.text_content() for a in page(response).xpath("//*[@id='form-errors']//a")}


# --- GET /: the sections and their inputs --------------------------------------------------------

SECTION_TITLES = ["People", "The State and the proceedings", "Events", "Risk factors",
                  "Claims and remedies", "The appeal's grounds", "Sources and annexes", "Signature"]


def test_new_case_shows_the_sections_in_order_with_a_navigation(form):
    response = form.client.get("/")
    assert response.status_code == 200
    doc = page(response)
    assert [h.text_content() for h in doc.xpath("//section[contains(@class, 'section')]/h2")] == SECTION_TITLES
    nav = [a.get("href") for a in doc.xpath("//nav[contains(@class, 'section-nav')]//a")]
    assert nav == [f"#section-{s.id}" for s in SECTIONS]
    assert doc.xpath("//form[contains(@class, 'case-form')]//input[@name='csrf_token']")


def test_every_input_has_a_bound_label_and_is_named_by_its_case_path(form):
    doc = page(form.client.get("/"))
    labels = {label.get("for") for label in doc.xpath("//label")}
    controls = [el for el in doc.xpath("//input | //select | //textarea") if el.get("type") != "hidden"]
    assert controls
    for element in controls:
        assert element.get("id") in labels, element.get("name")
        name = element.get("name")
        if not formdata.INTERNAL.match(name):
            assert element.get("id") == f"field-{name}"
            assert formdata.node_at(name) is not None, name


def test_groups_are_fieldsets_with_legends(form):
    doc = page(form.client.get("/"))
    for path in ("complainants", "complainants.0", "complainants.0.location", "representative",
                 "representative.authorisation", "events.0.sources"):
        fieldset = doc.get_element_by_id(f"field-{path}")
        assert fieldset.tag == "fieldset" and fieldset.xpath("legend"), path


def _schema_leaves(node, path: str) -> set[str]:
    """Every input a case can have, as patterns ("events.*.sources.*.pinpoint")."""
    if isinstance(node, fields.List):
        return _schema_leaves(node.inner, f"{path}.*") if formdata.fields_of(node.inner) is not None \
            else {f"{path}.*"}
    known = formdata.fields_of(node)
    if known is None:
        return {path}
    leaves = set()
    for key, field in known.items():
        if path.endswith("sources.*") and path.count(".") == 1 and key not in _MODELLED_CSL:
            continue  # other CSL variables: inputs of their own when an item has them
        if path.endswith(".author.*") and key not in ("family", "given", "literal"):
            continue
        if key in ("issued", "accessed") and path == "sources.*":
            leaves.add(f"{path}.{key}.date-parts")
            continue
        leaves |= _schema_leaves(field, f"{path}.{key}".lstrip("."))
    return leaves


_MODELLED_CSL = ("id", "type", "title", "title-short", "author", "authority", "container-title",
                 "publisher", "number", "issued", "URL", "accessed")


def test_every_part_of_the_schema_is_in_the_form(form):
    """The inputs of a new form, with the blank rows the add buttons copy, cover the schema."""
    doc = page(form.client.get("/"))
    names = {re.sub(r"\.(\d+|__\d+__)(?=\.|$)", ".*", el.get("name"))
             for el in doc.xpath("//input | //select | //textarea") if el.get("name")}
    expected = _schema_leaves(formdata.root(), "")
    assert expected - names == set()
    assert len(expected) > 100


@pytest.mark.parametrize("name, choices", [
    ("complainants.0.sex", case_schema.SEXES),
    ("procedural_history.__0__.kind", case_schema.STEP_KINDS),
    ("procedural_history.__0__.outcome", case_schema.OUTCOMES),
    ("other_procedures.__0__.body", case_schema.INTERNATIONAL_BODIES),
    ("events.0.category", case_schema.EVENT_CATEGORIES),
    ("risk_factors.__0__.factor", case_schema.RISK_FACTORS),
    ("claims.0.instrument", case_schema.INSTRUMENTS),
    ("representative.authorisation.status", case_schema.AUTHORISATION_STATUSES),
    ("appeal.kind", case_schema.APPEAL_KINDS),
])
def test_enumerations_are_selects_of_the_schema_choices(form, name, choices):
    doc = page(form.client.get("/"))
    select = doc.xpath(f"//select[@name='{name}']")[0]
    assert [o.get("value") for o in select.xpath("option") if o.get("value")] == list(choices)


def test_booleans_are_checkboxes_and_countries_offer_iso_codes(form):
    doc = page(form.client.get("/"))
    box = doc.xpath("//input[@name='complainants.0.request_confidentiality']")[0]
    assert box.get("type") == "checkbox" and box.get("checked") is not None  # on unless switched off
    state = doc.xpath("//input[@name='respondent_state']")[0]
    options = {o.get("value"): o.text for o in doc.xpath(f"//datalist[@id='{state.get('list')}']/option")}
    assert options["NO"] == "Norway" and options["UZ"] == "Uzbekistan"


def test_the_page_has_one_external_script_and_nothing_inline(form):
    text = form.client.get("/").text
    doc = lxml_html.fromstring(text)
    scripts = doc.xpath("//script")
    assert len(scripts) == 1 and scripts[0].get("src", "").endswith("/form.js")
    assert not (scripts[0].text or "").strip()
    assert not doc.xpath("//style | //*[@style]")
    assert not re.search(r"\son[a-z]+=", text)
    assert form.client.get(scripts[0].get("src")).status_code == 200


# --- Case to fields and back ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["rustam", "minimal"])
def test_case_to_fields_to_case_is_lossless(request, name):
    case = request.getfixturevalue(name)
    fields_ = formdata.case_to_fields(case)
    back = formdata.fields_to_case(fields_)
    assert load_case(back).data == load_case(case).data
    assert formdata.case_to_fields(back) == fields_
    # Only defaults are made explicit (a ticked box the file left out): nothing else changes.
    assert without_defaults(back) == without_defaults(case)


def without_defaults(value):
    """A case JSON without what only says "the default": null, [], and boxes ticked by default."""
    if isinstance(value, dict):
        return {k: without_defaults(v) for k, v in value.items()
                if v not in (None, []) and not (k in ("verified", "request_confidentiality") and v is True)}
    if isinstance(value, list):
        return [without_defaults(v) for v in value]
    return value


def test_the_path_names_say_where_each_value_goes(rustam):
    fields_ = formdata.case_to_fields(rustam)
    assert fields_["complainants.0.legal_name"] == "Alisher Bahodirovich Nazarov"
    rustam["risk_factors"][5]["sources"][1]["verified"] = False
    fields_ = formdata.case_to_fields(rustam)
    assert fields_["risk_factors.5.sources.1.pinpoint"] == "paras 1.1, 2.3"
    assert fields_["risk_factors.5.sources.1.verified"] == "false"
    assert fields_["sources.0.issued.date-parts"] == "2012-07-09"
    assert fields_["sources.0.author.0.family"] == "Cleek"
    back = formdata.fields_to_case({"sources.0.issued.date-parts": "2012-07", "sources.0.id": "x",
                                    "events.3.date": " ", "events.5.date": "2006"})
    assert back == {"sources": [{"id": "x", "issued": {"date-parts": [[2012, 7]]}}],
                    "events": [{"date": "2006"}]}


def test_the_rendered_form_sends_back_the_case_it_shows(form, rustam):
    """Open the fixture, submit the page as a browser would: the result carries the same case."""
    opened = form.open(rustam)
    assert opened.status_code == 200
    result = form.post(sent_values(opened))
    assert result.status_code == 200, error_summary_links(result)
    assert "The documents are ready" in result.text
    assert load_case(carried_case(result)).data == load_case(rustam).data


def test_a_valid_case_shows_previews_and_download_buttons(form, rustam):
    result = form.post(fields_of(rustam))
    doc = page(result)
    frames = doc.xpath("//details[@class='preview']/iframe")
    assert len(frames) == len(KINDS)
    for frame in frames:
        # Empty until opened: the preview is rendered when it is looked at (preview.js).
        assert frame.get("sandbox") == "" and frame.get("srcdoc") is None and frame.get("src") is None
    openers = doc.xpath("//details[@class='preview']/button[@form='case-carrier']")
    assert [b.get("value") for b in openers] == list(KINDS)
    for opener in openers:
        assert opener.get("formaction") == "/preview" and opener.get("name") == "kind"
        preview = form.post({"_case": carried_case_text(result), "kind": opener.get("value")},
                            action="", path="/preview")
        assert preview.status_code == 200 and preview.mimetype == "text/html"
        assert "Movement for Freedom" in preview.text
        assert "<script" not in preview.text and "<style" not in preview.text
        assert '<link rel="stylesheet" href="/preview.css">' in preview.text
    buttons = {b.get("value") for b in doc.xpath("//button[@form='case-carrier'][@name='file']")}
    documents = {f"{kind}{edition}.{format}" for kind in KINDS for edition in ("", "-public")
                 for format in ("docx", "pdf")}
    assert "appeal-letter-public.pdf" in documents
    assert buttons == documents | {"documents.zip", "documents-public.zip", "docgen-case.json"}
    carrier = doc.get_element_by_id("case-carrier")
    assert carrier.get("method") == "post" and carrier.xpath(".//input[@name='csrf_token']")
    warnings = doc.xpath("//*[contains(@class, 'warning-summary')]//li")
    assert any("Procedural step 3" in w.text_content() for w in warnings)


@pytest.mark.parametrize("sent, status", [({"kind": "nothing"}, 400), ({"kind": "cat-complaint"}, 400),
                                          ({"kind": "cat-complaint", "_case": "{}"}, 422)])
def test_a_preview_without_a_valid_case_or_kind_is_a_page_that_says_so(form, sent, status):
    response = form.post(sent, action="", path="/preview")
    assert response.status_code == status and response.mimetype == "text/html"
    assert "Traceback" not in response.text and "Movement for Freedom" not in response.text


def test_the_preview_stylesheet_is_served(form):
    response = form.client.get("/preview.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert "font-family" in response.text


# --- Mistakes ---------------------------------------------------------------------------------------


def test_a_mistake_shows_beside_its_field_and_in_the_summary_and_nothing_is_lost(form, rustam):
    sent = fields_of(rustam)
    sent["complainants.0.birth_date"] = "1986-02-30"
    sent["events.1.description"] = "Imprisoned and tortured.\n\nSecond paragraph."
    response = form.post(sent)
    assert response.status_code == 422
    doc = page(response)
    field = doc.get_element_by_id("field-complainants.0.birth_date")
    assert field.get("value") == "1986-02-30"
    assert field.get("aria-invalid") == "true"
    described = field.get("aria-describedby").split()
    message = doc.get_element_by_id("field-complainants.0.birth_date-error").text_content()
    assert "field-complainants.0.birth_date-error" in described
    assert "1986-02-30 does not exist" in message
    links = error_summary_links(response)
    assert list(links) == ["#field-complainants.0.birth_date"]
    assert "Complainant 1 › Date of birth" in links["#field-complainants.0.birth_date"]
    # Every value typed is in the page again, under the same name.
    assert case_values(response) == typed(sent)
    assert "1 to fix" in doc.xpath("//nav//a[@href='#section-people']")[0].text_content()


@pytest.mark.parametrize("path, value, message", [
    ("respondent_state", "XX", "not an ISO 3166-1 alpha-2 country code"),
    ("country_of_origin", "NO", "Is the same as the respondent State"),
    ("representative.email", "not-an-email", "Not a valid email address"),
    ("events.0.sources.0.source", "no-such-source", "No source has the id 'no-such-source'"),
    ("events.0.date", "2099", "Is in the future"),
    ("procedural_history.1.notified", "2012-06-01", "Is before the date decided"),
    ("sources.0.URL", "ftp://example.org/x", "Not a valid URL"),
    ("sources.0.issued.date-parts", "9 July 2012", "Must be a list of one date"),
    ("complainants.0.legal_name", "Ali\x07", "U+0007"),
])
def test_errors_land_on_the_field_they_are_about(form, rustam, path, value, message):
    sent = fields_of(rustam)
    sent[path] = value
    response = form.post(sent)
    assert response.status_code == 422
    doc = page(response)
    error = doc.get_element_by_id(f"field-{path}-error")
    assert message in error.text_content()
    assert doc.get_element_by_id(f"field-{path}").get("aria-invalid") == "true"
    assert f"#field-{path}" in error_summary_links(response)
    kept = dict(sent_values(response))
    assert kept[path] == value


def test_a_required_part_left_out_is_reported_on_its_group(form):
    response = form.post({"respondent_state": "NO", "country_of_origin": "UZ"})
    assert response.status_code == 422
    links = error_summary_links(response)
    assert {"#field-complainants", "#field-events", "#field-claims"} <= set(links)
    # The list shows one blank row to fill in, as a new form does.
    assert page(response).get_element_by_id("field-complainants.0.legal_name") is not None


def test_a_representative_without_authorisation_is_reported_on_the_authorisation(form, minimal):
    sent = fields_of(minimal) | {"representative.name": "Ingrid Hansen"}
    response = form.post(sent)
    assert "#field-representative.authorisation" in error_summary_links(response)
    assert dict(sent_values(response))["representative.name"] == "Ingrid Hansen"


def test_warnings_show_but_do_not_block(form, minimal):
    minimal["events"][0].pop("sources", None)
    response = form.post(fields_of(minimal))
    assert response.status_code == 200 and "The documents are ready" in response.text
    assert "No source or annex supports this fact" in response.text


@pytest.mark.parametrize("junk", [
    [("events.x.date", "2006")],
    [("events.99999999999999.date", "2006")],
    [("a" * 300, "b")],
    [(".".join(["events"] + ["0"] * 40), "x")],
    [("complainants..id", "x")],
    [("complainants.0.legal_name.family", "x")],
    [("language.0", "en")],
    [("signature", "Oslo")],
])
def test_odd_field_names_never_crash(form, minimal, junk):
    response = form.post(list(fields_of(minimal).items()) + junk)
    assert response.status_code in (200, 422)
    assert "Traceback" not in response.text


# --- Rows without JavaScript ------------------------------------------------------------------------


def test_add_buttons_add_an_empty_row_and_keep_everything(form, minimal):
    sent = fields_of(minimal)
    response = form.post(sent, "add:events")
    assert response.status_code == 200
    doc = page(response)
    new = doc.get_element_by_id("field-events.1.date")
    assert new.get("value") in (None, "") and new.get("autofocus") is not None
    assert case_values(response) == typed(sent)
    nested = form.post(sent_values(response), "add:events.1.sources")
    assert page(nested).get_element_by_id("field-events.1.sources.0.source") is not None
    assert case_values(nested) == typed(sent)
    # Blank rows are left out of the case: the page still checks clean.
    assert form.post(sent_values(nested)).status_code == 200


def test_remove_buttons_remove_that_row_and_close_the_gap(form, rustam):
    sent = fields_of(rustam)
    response = form.post(sent, "remove:events.1")
    values = case_values(response)
    assert values["events.1.description"] == rustam["events"][2]["description"]
    last = len(rustam["events"]) - 1
    assert values[f"events.{last - 1}.description"] == rustam["events"][last]["description"]
    assert f"events.{last}.description" not in values
    assert page(response).xpath("//fieldset[@id='field-events']/button[@autofocus]")
    again = form.post(sent_values(response), "remove:remedies_sought.0")
    assert case_values(again)["remedies_sought.0"] == rustam["remedies_sought"][1]


def test_every_add_and_remove_button_names_a_list_or_row_of_the_case(form, rustam):
    doc = page(form.open(rustam))
    actions = [b.get("value") for b in doc.xpath("//button[@name='_action']") if not in_template(b)]
    adds = [a[4:] for a in actions if a.startswith("add:")]
    removes = [a[7:] for a in actions if a.startswith("remove:")]
    last = len(rustam["events"]) - 1
    assert f"events.{last}.sources" in adds and "sources.0.author" in adds and "appeal.errors" in adds
    assert f"events.{last}" in removes and "sources.0.author.0" in removes
    for path in adds:
        assert isinstance(formdata.node_at(path), fields.List), path


def test_templates_hold_a_blank_row_for_each_list(form):
    doc = page(form.client.get("/"))
    templates = {t.get("id") for t in doc.xpath("//template")}
    assert {"template-events", "template-events.*.sources", "template-sources.*.author",
            "template-appeal.new_evidence.*.annexes"} <= templates
    row = doc.get_element_by_id("template-events.*.sources")
    assert row.xpath(".//select[@name='events.__0__.sources.__1__.source']")


# --- Save and open -------------------------------------------------------------------------------------


def test_save_downloads_the_case_even_when_invalid(form, rustam):
    sent = fields_of(rustam)
    sent["complainants.0.birth_date"] = "1986-02-30"
    response = form.post(sent, "save")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "Nazarov" not in response.headers["Content-Disposition"]
    saved = json.loads(response.data)
    assert saved["complainants"][0]["birth_date"] == "1986-02-30"
    assert [e["description"] for e in saved["events"]] == [e["description"] for e in rustam["events"]]
    reopened = form.post({}, "open", files={"_case_file": (response.data, "saved.json")})
    assert case_values(reopened) == typed(sent)
    assert "#field-complainants.0.birth_date" in error_summary_links(reopened)


@pytest.mark.parametrize("content, message", [
    (b"[1, 2]", "holds a list, not a case"),
    (b"\"a case\"", "holds a string, not a case"),
    (b"{\"complainants\": ", "is not JSON"),
    (b"\xff\xfe\x00\x01", "not text in UTF-8"),
    (b"", "is empty"),
    (b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
])
def test_opening_a_file_that_is_not_a_case_says_so_and_keeps_the_form(form, minimal, content, message):
    sent = fields_of(minimal)
    response = form.post(sent, "open", files={"_case_file": (content, "x.json")})
    assert response.status_code == 400
    doc = page(response)
    assert message in doc.get_element_by_id("field-_case_file-error").text_content()
    assert "#field-_case_file" in error_summary_links(response)
    assert case_values(response) == typed(sent)


def test_opening_a_case_with_unknown_fields_keeps_them_visible(form, minimal):
    minimal["complainants"][0]["nickname"] = "Aziz"
    minimal["motto"] = "never again"
    response = form.open(minimal)
    values = case_values(response)
    assert values["complainants.0.nickname"] == "Aziz" and values["motto"] == "never again"
    links = error_summary_links(response)
    assert "#field-complainants.0.nickname" in links and "#field-motto" in links


# --- Sources from CSL-JSON ----------------------------------------------------------------------------

ZOTERO_EXPORT = [
    {
        "id": "http://zotero.org/users/local/AbCdEf/items/7QK2MZ3P",
        "type": "report",
        "title": "Nowhere to Turn: Torture and Ill-treatment in Uzbekistan",
        "author": [{"literal": "Human Rights Watch"}],
        "publisher": "Human Rights Watch",
        "volume": 19,
        "issued": {"date-parts": [["2007", 11, 13]]},
    },
    {
        "id": "cat-co-uzb-3",
        "type": "report",
        "title": "Concluding Observations on Uzbekistan",
        "number": "CAT/C/UZB/CO/3",
        "issued": {"date-parts": [[2008]]},
    },
]


def test_csl_json_import_adds_the_items_to_the_sources(form, minimal):
    sent = fields_of(minimal)
    content = json.dumps(ZOTERO_EXPORT).encode()
    response = form.post(sent, "import", files={"_csl_file": (content, "zotero.json")})
    assert response.status_code == 200
    values = case_values(response)
    assert values["sources.0.id"] == "7QK2MZ3P"
    assert values["sources.0.title"].startswith("Nowhere to Turn")
    assert values["sources.0.author.0.literal"] == "Human Rights Watch"
    assert values["sources.0.issued.date-parts"] == "2007-11-13"
    assert values["sources.0.volume"] == "19"  # a CSL variable the form has no input for
    assert values["sources.1.number"] == "CAT/C/UZB/CO/3"
    assert "now '7QK2MZ3P'" in page(response).xpath("//*[contains(@class, 'notice')]")[0].text_content()
    options = page(response).xpath("//select[@name='events.__0__.sources.__1__.source']/option/@value")
    assert {"7QK2MZ3P", "cat-co-uzb-3"} <= set(options)
    # Cite the imported source and check: the case is valid and keeps every variable.
    cited = case_values(response) | {"events.0.sources.0.source": "cat-co-uzb-3",
                                     "events.0.sources.0.pinpoint": "para 7"}
    result = form.post(cited)
    assert result.status_code == 200, error_summary_links(result)
    sources = carried_case(result)["sources"]
    assert sources[0]["volume"] == "19" and sources[0]["issued"] == {"date-parts": [[2007, 11, 13]]}


def test_a_file_chosen_for_import_is_not_lost_when_another_button_is_pressed(form, minimal):
    content = json.dumps(ZOTERO_EXPORT[1]).encode()
    response = form.post(fields_of(minimal), "check", files={"_csl_file": (content, "one.json")})
    assert response.status_code == 200
    assert carried_case(response)["sources"][0]["id"] == "cat-co-uzb-3"


def test_an_import_clashing_with_an_existing_id_is_renamed(form, rustam):
    item = dict(ZOTERO_EXPORT[1], id="eurasianet-2012")
    response = form.post(fields_of(rustam), "import", files={"_csl_file": (json.dumps([item]).encode(), "x.json")})
    assert case_values(response)[f"sources.{len(rustam['sources'])}.id"] == "eurasianet-2012-2"


@pytest.mark.parametrize("content, message", [
    (b"{\"items\": 3}", "is not CSL-JSON"),
    (b"[1, 2]", "is not CSL-JSON"),
    (b"[]", "holds no items"),
    (b"<xml/>", "is not JSON"),
])
def test_a_bad_csl_file_is_reported_beside_the_import(form, minimal, content, message):
    sent = fields_of(minimal)
    response = form.post(sent, "import", files={"_csl_file": (content, "x.json")})
    assert response.status_code == 400
    assert message in page(response).get_element_by_id("field-_csl_file-error").text_content()
    assert case_values(response) == typed(sent)


# --- Downloads -----------------------------------------------------------------------------------------


def download(form, case: dict, name: str):
    return form.post({"_case": json.dumps(case), "file": name}, action="", path="/download")


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_the_result_page_downloads_are_real_documents(form, rustam):
    result = form.post(fields_of(rustam))
    case = carried_case(result)
    word = download(form, case, "cat-complaint.docx")
    assert word.status_code == 200
    assert word.headers["Content-Disposition"] == 'attachment; filename="cat-complaint.docx"'
    assert "Movement for Freedom" in docx_text(word.data)
    assert "Alisher Bahodirovich Nazarov" in docx_text(word.data)
    pdf = download(form, case, "appeal-letter.pdf")
    assert pdf.mimetype == "application/pdf" and "Jarayon" in pdf_text(pdf.data)


def test_the_public_edition_leaves_the_name_out(form, rustam):
    public = download(form, rustam, "cat-complaint-public.pdf")
    text = pdf_text(public.data)
    assert "Movement for Freedom" in text and "Nazarov" not in text


def test_the_zip_holds_every_document(form, rustam):
    response = download(form, rustam, "documents.zip")
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert sorted(archive.namelist()) == sorted(f"{kind}.{format}" for kind in KINDS for format in ("docx", "pdf"))
    assert "cat-complaint.pdf" in archive.namelist()
    assert "Jarayon" in docx_text(archive.read("appeal-letter.docx"))
    assert "Jarayon" in pdf_text(archive.read("cat-complaint.pdf"))
    public = zipfile.ZipFile(io.BytesIO(download(form, rustam, "documents-public.zip").data))
    assert "Nazarov" not in docx_text(public.read("cat-complaint-public.docx"))


def test_the_download_validates_the_case_again(form, rustam):
    rustam["complainants"][0]["birth_date"] = "1986-02-30"
    response = download(form, rustam, "cat-complaint.pdf")
    assert response.status_code == 422 and response.mimetype == "text/html"
    assert "does not exist" in response.text
    assert download(form, rustam, "../../etc/passwd").status_code == 400
    assert download(form, "not a case", "cat-complaint.pdf").status_code == 400


def test_edit_brings_the_case_back_into_the_form(form, rustam):
    response = form.post({"_case": json.dumps(rustam)}, "edit")
    assert response.status_code == 200
    assert case_values(response) == typed(fields_of(rustam))
    assert "To check before filing" in response.text


# --- Protection ----------------------------------------------------------------------------------------


def test_a_post_without_the_csrf_token_is_refused(form, minimal):
    client = form.client
    response = client.post("/", data=fields_of(minimal) | {"_action": "check"})
    assert response.status_code == 400
    assert "The documents are ready" not in response.text
    # Nothing typed is lost: the form comes back with it, and a fresh token.
    assert case_values(response) == typed(fields_of(minimal))
    refused = client.post("/download", data={"_case": json.dumps(minimal), "file": "cat-complaint.pdf"})
    assert refused.status_code == 400 and refused.mimetype == "text/html"
    assert client.post("/", data={"csrf_token": "forged", "_action": "save"}).status_code == 400


def test_a_body_over_the_limit_gives_a_readable_page(form, app):
    big = b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = form.post({}, "import", files={"_csl_file": (big, "big.json")})
    assert response.status_code == 413
    assert "larger than docgen accepts" in response.text and "Back" in response.text


LARGE_CASE_EVENTS = 300


def test_a_large_case_can_be_posted(form, minimal):
    for index in range(1, LARGE_CASE_EVENTS):
        minimal["events"].append(dict(minimal["events"][0], description=f"Event number {index}."))
    response = form.post(sent_values(form.open(minimal)))
    # On failure, say which fields the form found wrong: the summary lists them as links.
    summary = re.findall(r'<li><a href="#[^"]*">(.*?)</a>', response.get_data(as_text=True))
    assert response.status_code == 200, summary[:5]


def test_case_contents_are_never_logged(form, rustam, caplog):
    caplog.set_level(logging.DEBUG)
    sent = fields_of(rustam)
    sent["complainants.0.birth_date"] = "1986-02-30"
    form.post(sent)
    form.post(fields_of(rustam))
    download(form, rustam, "cat-complaint.docx")
    form.client.post("/", data=sent)  # refused: no token
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for fact in ("Nazarov", "1986-02-30", "Movement for Freedom", "AB7734120"):
        assert fact not in logged
