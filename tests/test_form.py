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
from werkzeug.datastructures import MultiDict

from docgen.case import load_case
from docgen.case import schema as case_schema
from docgen.web import create_app
from docgen.web.form import formdata, routes
from docgen.web.form.layout import SECTIONS
from expected import EXPECTED, KINDS
from reading import FormClient, edit_path, fields_of

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


# --- The interview's steps ------------------------------------------------------------------------

ALL = {"several": "yes", "removal": "yes", "appeal": "yes"}
FEWEST = {"several": "no", "removal": "no", "appeal": "no"}


def step_page(form, case: dict, step: str, plan: dict | None = None):
    """The page of one step for ``case``, as "Change" on the review shows it."""
    data = {"_step": "review", "_case": json.dumps(case)}
    data |= {f"_plan.{key}": value for key, value in (plan or ALL).items()}
    return form.post(data, f"goto:{step}")


def all_steps(form, case: dict | None = None) -> dict:
    """Every step's page for ``case`` (a new one by default), by step id."""
    pages = {"start": form.client.get("/")}
    for section in SECTIONS:
        pages[section.id] = step_page(form, case or {}, section.id)
    return pages


def shown_case(response) -> dict:
    """The case a step's page stands for: what it carries and what its inputs hold."""
    values = MultiDict(sent_values(response))
    return routes.compact(routes.merged_case(values, values.get("_step", "")))


def step_values(response) -> list[tuple[str, str]]:
    """What the step's page sends, without the inputs of its tools (add a source, cite)."""
    return [(k, v) for k, v in sent_values(response) if not k.startswith(("_quick", "_cite."))]


def steps_offered(response) -> list[str]:
    return [b.get("value")[5:] for b in page(response).xpath("//nav[contains(@class, 'steps')]//button")]


def test_a_new_case_starts_with_what_to_have_ready_and_the_steps_in_order(form):
    response = form.client.get("/")
    assert response.status_code == 200
    doc = page(response)
    assert doc.xpath("//h1")[0].text_content() == "Before you start"
    assert "Have these ready" in response.text and "20 minutes" in response.text
    # A removal tomorrow: the urgent requests are named before the first question, with what they need.
    (urgent,) = doc.xpath("//p[@class='urgent-note']")
    assert "rule 114" in urgent.text_content() and "Rule 39" in urgent.text_content()
    assert "at the time of removal" in urgent.text_content()
    assert steps_offered(response) == [*[s.id for s in SECTIONS], "review"]
    assert doc.xpath("//input[@name='respondent_state']") and doc.xpath("//input[@name='country_of_origin']")
    assert doc.xpath("//form[contains(@class, 'case-form')]//input[@name='csrf_token']")
    # Enter presses the step's own button: the first submit button of the form.
    first = case_form(response).xpath(".//button[@type='submit']")[0]
    assert first.get("value") == "continue"


def test_only_the_steps_that_apply_are_asked(form):
    fewest = {f"_plan.{key}": value for key, value in FEWEST.items()}
    countries = {"respondent_state": "NO", "country_of_origin": "UZ"}
    response = form.post({"_step": "start", "_case": "{}"} | fewest | countries, "continue")
    offered = steps_offered(response)
    assert "removal" not in offered and "appeal" not in offered
    assert len(offered) == len(SECTIONS) + 1 - 2
    people = step_page(form, {}, "complainants", FEWEST)
    assert page(people).xpath("//h1")[0].text_content() == "The complainant"
    actions = [b.get("value") for b in case_form(people).xpath(".//button")]
    assert "add:complainants" not in actions and "remove:complainants.0" not in actions
    assert "add:complainants" in [b.get("value") for b in page(step_page(form, {}, "complainants")).xpath("//button")]


def test_each_step_is_checked_when_left_and_keeps_what_was_typed(form, minimal):
    response = step_page(form, minimal, "complainants")
    sent = dict(sent_values(response)) | {"complainants.0.birth_date": "1986-02-30"}
    checked = form.post(sent, "continue")
    assert checked.status_code == 422
    doc = page(checked)
    assert doc.xpath("//h1")[0].text_content() == "Complainants"
    field = doc.get_element_by_id("field-complainants.0.birth_date")
    assert field.get("value") == "1986-02-30" and field.get("aria-invalid") == "true"
    assert list(error_summary_links(checked)) == ["#field-complainants.0.birth_date"]
    assert shown_case(checked)["complainants"][0]["birth_date"] == "1986-02-30"
    # Fixed, it moves on, and the case goes with it.
    following = form.post(sent | {"complainants.0.birth_date": "1986-03-14"}, "continue")
    assert following.status_code == 200
    assert page(following).xpath("//h1")[0].text_content() == "Representative"
    assert shown_case(following)["complainants"][0]["birth_date"] == "1986-03-14"
    assert shown_case(following)["events"] == minimal["events"]


def test_the_review_lists_what_is_missing_with_a_way_to_change_each(form):
    response = form.post({"_step": "signature", "_case": json.dumps({"respondent_state": "NO"})}, "continue")
    assert page(response).xpath("//h1")[0].text_content() == "Review"
    doc = page(response)
    changes = {b.get("value") for b in doc.xpath("//*[@id='form-errors']//button")}
    assert {"goto:complainants:complainants", "goto:events:events", "goto:claims:claims",
            "goto:start:country_of_origin"} <= changes
    text = doc.get_element_by_id("form-errors").text_content()
    assert "Missing data" not in text and "add at least one event" in text


def test_every_input_has_a_bound_label_and_is_named_by_its_case_path(form):
    for step, response in all_steps(form).items():
        doc = page(response)
        labels = {label.get("for") for label in doc.xpath("//label")}
        controls = [el for el in doc.xpath("//input | //select | //textarea") if el.get("type") != "hidden"]
        assert controls, step
        for element in controls:
            assert element.get("id") in labels, element.get("name")
            name = element.get("name")
            if not formdata.INTERNAL.match(name):
                assert element.get("id") == f"field-{name}"
                assert formdata.node_at(name) is not None, name
        ids = doc.xpath("//@id")
        assert len(ids) == len(set(ids)), step


def test_groups_are_fieldsets_with_legends(form):
    pages = all_steps(form)
    for step, path in (("complainants", "complainants"), ("complainants", "complainants.0"),
                       ("complainants", "complainants.0.location"), ("representative", "representative"),
                       ("representative", "representative.authorisation"), ("events", "events.0.sources")):
        fieldset = page(pages[step]).get_element_by_id(f"field-{path}")
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
    """The inputs of a new case's steps, with the blank rows the add buttons copy, cover the schema."""
    names = {re.sub(r"\.(\d+|__\d+__)(?=\.|$)", ".*", el.get("name"))
             for response in all_steps(form).values()
             for el in page(response).xpath("//input | //select | //textarea") if el.get("name")}
    expected = _schema_leaves(formdata.root(), "")
    assert expected - names == set()
    assert len(expected) > 100


@pytest.mark.parametrize("step, name, choices", [
    ("complainants", "complainants.0.sex", case_schema.SEXES),
    ("proceedings", "procedural_history.__0__.kind", case_schema.STEP_KINDS),
    ("proceedings", "procedural_history.__0__.outcome", case_schema.OUTCOMES),
    ("proceedings", "other_procedures.__0__.body", case_schema.INTERNATIONAL_BODIES),
    ("events", "events.0.category", case_schema.EVENT_CATEGORIES),
    ("risk", "risk_factors.__0__.factor", case_schema.RISK_FACTORS),
    ("claims", "claims.0.instrument", case_schema.INSTRUMENTS),
    ("representative", "representative.authorisation.status", case_schema.AUTHORISATION_STATUSES),
    ("appeal", "appeal.kind", case_schema.APPEAL_KINDS),
])
def test_enumerations_are_selects_of_the_schema_choices(form, step, name, choices):
    doc = page(step_page(form, {}, step))
    select = doc.xpath(f"//select[@name='{name}']")[0]
    assert [o.get("value") for o in select.xpath("option") if o.get("value")] == list(choices)


def test_source_types_offer_what_a_filing_cites_first(form):
    doc = page(step_page(form, {}, "sources"))
    select = doc.xpath("//select[@name='sources.__0__.type']")[0]
    first = [o.get("value") for o in select.xpath("option") if o.get("value")]
    assert first[:4] == ["legal_case", "legislation", "treaty", "report"] and "song" not in first
    assert "song" in select.xpath("optgroup[@label='More types']/option/@value")


def test_booleans_are_checkboxes_and_countries_offer_iso_codes(form):
    doc = page(step_page(form, {}, "complainants"))
    box = doc.xpath("//input[@name='complainants.0.request_confidentiality']")[0]
    assert box.get("type") == "checkbox" and box.get("checked") is not None  # on unless switched off
    doc = page(form.client.get("/"))
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
    rustam["risk_factors"][6]["sources"][0]["verified"] = False
    fields_ = formdata.case_to_fields(rustam)
    assert fields_["risk_factors.6.sources.0.pinpoint"] == "para 2.3"
    assert fields_["risk_factors.6.sources.0.verified"] == "false"
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
    result = form.post(sent_values(opened), "make")
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
    assert sorted(b.get("value") for b in openers) == sorted(KINDS)
    for opener in openers:
        kind = opener.get("value")
        assert opener.get("formaction") == "/preview" and opener.get("name") == "kind"
        preview = form.post({"_case": carried_case_text(result), "kind": opener.get("value")},
                            action="", path="/preview")
        assert preview.status_code == 200 and preview.mimetype == "text/html"
        assert EXPECTED[kind].facts[0] in preview.text
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


def _documents_listed(result) -> list[tuple[str, str, str]]:
    """Each document of the result page in its order: its id, heading and the line on its purpose."""
    return [(section.get("aria-labelledby").removeprefix("document-"), section.xpath("h2")[0].text_content(),
             section.xpath("p[@class='purpose']")[0].text_content())
            for section in page(result).xpath("//section[@class='document'][p[@class='purpose']]")]


def test_with_a_removal_pending_the_urgent_requests_come_first_each_saying_what_it_is_for(form, rustam):
    listed = _documents_listed(form.post(fields_of(rustam)))
    assert [kind for kind, _, _ in listed] == [
        "cat-interim-measures", "echr-rule-39", "cat-complaint", "appeal-letter", "chronology"]
    assert listed[0][1] == "Urgent: Request to the Committee against Torture for interim measures under rule 114"
    assert listed[1][2].startswith("Send first, the same day: the request asking the European Court")
    assert "never by email" in listed[1][2]
    assert listed[4][2].startswith("A dated table of the events")
    note = page(form.post(fields_of(rustam))).xpath("//p[@class='urgent-note']")[0].text_content()
    assert " ".join(note.split()).startswith("A removal to Uzbekistan is pending, no date notified: the requests")
    rustam["removal"] |= {"scheduled_date": "2026-11-30", "scheduled_time": "06:30"}
    note = page(form.post(fields_of(rustam))).xpath("//p[@class='urgent-note']")[0].text_content()
    assert "A removal to Uzbekistan is pending, scheduled for 2026-11-30 at 06:30:" in " ".join(note.split())
    # Without a removal nothing is urgent (the requests say what they lack): the registry's order.
    calm = {key: value for key, value in rustam.items() if key != "removal"}
    listed = _documents_listed(form.post(fields_of(calm)))
    assert [kind for kind, _, _ in listed] == list(KINDS)
    assert not any(heading.startswith("Urgent") for _, heading, _ in listed)


def test_the_telephone_says_the_urgent_requests_give_it_as_the_contact_at_removal(form, rustam):
    hint = page(step_page(form, rustam, "representative")).get_element_by_id("field-representative.phone-hint")
    assert "at the time of removal" in hint.text_content()


def _review(form, case: dict, plan: dict | None = None):
    plan = plan or {"removal": "yes", "appeal": "yes"}
    return page(form.post({"_step": "review", "_case": json.dumps(case),
                           **{f"_plan.{key}": answer for key, answer in plan.items()}}, "goto:review"))


def test_the_review_says_what_the_urgent_requests_still_lack_with_a_way_to_change_it(form, rustam):
    # No telephone or e-mail: the complaint can be made, the requests for interim measures cannot.
    rustam["representative"].pop("phone")
    rustam["representative"].pop("email")
    doc = _review(form, rustam)
    assert "Nothing is missing" not in doc.xpath("//p[@class='lead']")[0].text_content()
    (lacking,) = doc.xpath("//section[h2[@id='lacking-title']]")
    (item,) = lacking.xpath(".//li")
    assert "A request for interim measures needs a telephone number or email address" in item.text_content()
    assert item.xpath("button/@value") == ["goto:representative:representative.phone"]
    # A case with all it needs, or whose first step asked for no removal, says nothing is missing.
    for case, plan in ((json.loads(json.dumps(rustam)) | {"representative": None}, None),
                       ({key: value for key, value in rustam.items() if key != "removal"},
                        {"removal": "no", "appeal": "yes"})):
        if plan is None:
            case["complainants"][0]["contact"] = "+47 900 00 000"
        doc = _review(form, case, plan)
        assert not doc.xpath("//h2[@id='lacking-title']")
        assert doc.xpath("//p[@class='lead']")[0].text_content() == "Nothing is missing: the documents can be made."


def test_an_annex_refused_leads_back_to_the_documents_with_the_case(form, rustam):
    # The browser's Back button cannot: the documents page answered a post and is kept by no cache.
    case = json.dumps(rustam)
    refused = form.post({"_case": case, "document": "cat-complaint"}, action="", path="/bundle",
                        files={"annexes.decision-2012": (b"not a PDF", "decision.pdf")})
    assert refused.status_code == 422
    doc = page(refused)
    assert "Back button" not in doc.text_content()
    (back,) = doc.xpath("//form//button[@value='make']")
    assert back.text_content() == "Back to the documents"
    sent = [(element.get("name"), element.get("value")) for element in back.getparent().xpath("input")]
    documents = form.post(sent, "make")
    assert documents.status_code == 200
    assert page(documents).xpath("//h1")[0].text_content() == "The documents are ready"
    assert carried_case(documents) == json.loads(carried_case_text(form.post(fields_of(rustam))))


def test_the_removal_step_says_what_the_urgent_requests_take_from_it(form, rustam):
    doc = page(step_page(form, rustam, "removal"))
    assert "requests for interim measures" in doc.xpath("//p[@class='lead']")[0].text_content()
    hint = doc.get_element_by_id("field-removal.scheduled_date-hint").text_content()
    assert hint.startswith("Leave blank if none was notified: the requests for interim measures then say so")
    # The time is five characters, "06:30": a short box, as the date's.
    assert doc.get_element_by_id("field-removal.scheduled_time").get("class") == "short"


def test_the_rule_39_request_says_under_its_title_what_article_22_5_a_asks(form, rustam):
    # The example complains to the Committee and lists no Court procedure: the Rule 39 request
    # must say so where it is downloaded (docgen render says it on standard error).
    doc = page(form.post(fields_of(rustam)))
    checks = {section.get("aria-labelledby"): [li.text_content() for li in section.xpath("ul[@class='checks']/li")]
              for section in doc.xpath("//section[@class='document']")}
    (check,) = checks["document-echr-rule-39"]
    assert check.startswith("Check This request puts the matter before the European Court of Human Rights")
    assert "(article 22(5)(a) of the Convention against Torture)" in check
    assert "list the Court under “The proceedings › More about the proceedings › Other international procedures” (body ECtHR)" in check
    assert all(not items for kind, items in checks.items() if kind != "document-echr-rule-39"), checks


def test_the_bundle_says_where_to_add_the_chronology_docgen_makes_as_an_annex(form, rustam):
    (offer,) = page(step_page(form, rustam, "sources")).xpath("//fieldset[@id='field-annexes']/button[@class='offer']")
    bundle = page(form.post(fields_of(rustam))).xpath("//section[@class='bundle']")[0].text_content()
    # The button as it is named on the step it is on.
    assert f"then “{offer.text_content()}” under Annexes in “Sources and annexes”" in " ".join(bundle.split())
    rustam["annexes"].append({"id": "chronology", "document": "chronology"})
    bundle = page(form.post(fields_of(rustam))).xpath("//section[@class='bundle']")[0].text_content()
    assert "To annex the chronology" not in bundle


def test_change_on_a_warning_behind_more_opens_that_part_with_the_warning_beside_it(form, rustam):
    # The example does not say whether the courts were tried: "Remedies not tried" is behind
    # "More about the proceedings", which stayed closed, so "Change" showed nothing to change.
    doc = _review(form, rustam)
    (change,) = [b for b in doc.xpath("//section[@class='warning-summary']//button")
                 if b.get("value") == "goto:proceedings:remedies_not_used"]
    step = page(form.post({"_step": "review", "_case": doc.xpath("//input[@name='_case']/@value")[0],
                           "_plan.removal": "yes", "_plan.appeal": "yes"}, change.get("value")))
    remedies = step.get_element_by_id("field-remedies_not_used")
    (more,) = [d for d in remedies.iterancestors("details")]
    assert more.get("open") is not None
    assert "before the Norwegian courts" in remedies.xpath(".//p[@class='warning-message']")[0].text_content()
    assert remedies.get("autofocus") is not None or remedies.xpath(".//*[@autofocus]")


def test_the_bundle_asks_for_each_annex_under_its_own_label_in_a_fieldset(form, rustam):
    doc = page(form.post(fields_of(rustam)))
    (annexes,) = doc.xpath("//section[@class='bundle']//fieldset[@class='bundle-annexes']")
    assert annexes.xpath("legend")[0].text_content() == "Annexes"
    rows = annexes.xpath("div[@class='field']")
    assert len(rows) == len(rustam["annexes"])
    for number, row in enumerate(rows, start=1):
        (label,) = row.xpath("label")
        assert label.text_content().startswith(f"Annex {number}: ")
        assert row.xpath("input[@type='file']")[0].get("id") == label.get("for")


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


def change(form, review, path: str):
    """Presses "Change" beside the review's item about ``path``: its step, with its errors."""
    values = [b.get("value") for b in page(review).xpath("//*[@id='form-errors']//button")]
    wanted = [v for v in values if v.endswith(f":{path}")]
    assert wanted, values
    return form.post(sent_values(review), wanted[0])


def test_a_mistake_shows_in_the_review_and_beside_its_field_and_nothing_is_lost(form, rustam):
    sent = fields_of(rustam)
    sent["complainants.0.birth_date"] = "1986-02-30"
    sent["events.1.description"] = "Imprisoned and tortured.\n\nSecond paragraph."
    review = form.post(sent)
    assert review.status_code == 422
    assert "Complainant 1 › Date of birth" in page(review).get_element_by_id("form-errors").text_content()
    response = change(form, review, "complainants.0.birth_date")
    doc = page(response)
    field = doc.get_element_by_id("field-complainants.0.birth_date")
    assert field.get("value") == "1986-02-30"
    assert field.get("aria-invalid") == "true" and field.get("autofocus") is not None
    described = field.get("aria-describedby").split()
    message = doc.get_element_by_id("field-complainants.0.birth_date-error").text_content()
    assert "field-complainants.0.birth_date-error" in described
    assert "1986-02-30 does not exist" in message
    links = error_summary_links(response)
    assert list(links) == ["#field-complainants.0.birth_date"]
    assert "Complainant 1 › Date of birth" in links["#field-complainants.0.birth_date"]
    # Every value typed is in the page again: this step's inputs and the case it carries.
    assert shown_case(response) == routes.compact(formdata.fields_to_case(sent))


@pytest.mark.parametrize("path, value, message", [
    ("respondent_state", "XX", "not an ISO 3166-1 alpha-2 country code"),
    ("country_of_origin", "NO", "Is the same as the respondent State"),
    ("representative.email", "not-an-email", "Not a valid email address"),
    ("events.0.sources.0.source", "no-such-source", "No source has the id 'no-such-source'"),
    ("events.0.date", "2099", "Is in the future"),
    ("procedural_history.1.notified", "2012-06-01", "Is before the date decided"),
    ("sources.0.URL", "ftp://example.org/x", "Not a valid URL"),
    ("sources.0.issued.date-parts", "9 July 2012", "Write the date as 2012-07-09, 2012-07 or 2012"),
    ("complainants.0.legal_name", "Ali\x07", "U+0007"),
    ("annexes.0.document", "no-such-document", "Choose one of the list"),
])
def test_errors_land_on_the_field_they_are_about(form, rustam, path, value, message):
    sent = fields_of(rustam)
    sent[path] = value
    review = form.post(sent)
    assert review.status_code == 422
    response = change(form, review, path)
    doc = page(response)
    error = doc.get_element_by_id(f"field-{path}-error")
    assert message in error.text_content()
    assert doc.get_element_by_id(f"field-{path}").get("aria-invalid") == "true"
    assert f"#field-{path}" in error_summary_links(response)
    kept = dict(sent_values(response))
    assert kept[path] == value


def test_a_required_part_left_out_is_reported_on_its_group(form):
    review = form.post({"respondent_state": "NO", "country_of_origin": "UZ"})
    assert review.status_code == 422
    response = change(form, review, "complainants")
    assert "#field-complainants" in error_summary_links(response)
    # The list shows one blank row to fill in, as a new case does.
    assert page(response).get_element_by_id("field-complainants.0.legal_name") is not None
    change(form, review, "events")
    change(form, review, "claims")


def test_a_representative_without_authorisation_is_reported_on_the_authorisation(form, minimal):
    review = form.post(fields_of(minimal) | {"representative.name": "Ingrid Hansen"})
    response = change(form, review, "representative.authorisation")
    assert "#field-representative.authorisation" in error_summary_links(response)
    assert dict(sent_values(response))["representative.name"] == "Ingrid Hansen"
    assert "Missing data" not in response.text


def test_warnings_show_but_do_not_block(form, minimal):
    minimal["events"][0].pop("sources", None)
    response = form.post(fields_of(minimal))
    assert response.status_code == 200 and "The documents are ready" in response.text
    assert "No source or annex supports this fact" in response.text


def test_a_court_application_the_case_does_not_list_is_warned_at_review(form, rustam):
    """Article 22(5)(a) CAT: the complaint cannot say whether the Court examines the same matter."""
    rustam["interim_measures"] = {"application": "lodged", "application_reference": "12345/12"}
    response = form.post(fields_of(rustam))
    assert response.status_code == 200 and "The documents are ready" in response.text
    warnings = page(response).xpath("//*[contains(@class, 'warning-summary')]//li")
    (lodged,) = [w for w in warnings if "12345/12" in w.text_content()]
    assert "examined under another procedure of international investigation or settlement" in lodged.text_content()
    assert lodged.text_content().startswith("Requests for interim measures › The application to the European Court: ")
    # Where to list it, as the page names it: the command line's path means nothing on a form.
    assert "List the application under “The proceedings › More about the proceedings › Other international procedures” (body ECtHR)" in lodged.text_content()
    texts = [w.text_content() for w in warnings]
    assert not any("other_procedures" in text or "remedies_not_used" in text for text in texts), texts
    assert any("under “The proceedings › More about the proceedings › Remedies not tried” with the reason" in text for text in texts), texts


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
    events = step_page(form, minimal, "events")
    response = form.post(sent_values(events), "add:events")
    assert response.status_code == 200
    doc = page(response)
    new = doc.get_element_by_id("field-events.1.date")
    assert new.get("value") in (None, "") and new.get("autofocus") is not None
    assert shown_case(response) == routes.compact(minimal)
    nested = form.post(sent_values(response), "add:events.1.sources")
    assert page(nested).get_element_by_id("field-events.1.sources.0.source") is not None
    assert shown_case(nested) == routes.compact(minimal)
    # Blank rows are left out of the case: the step still checks clean.
    assert form.post(sent_values(nested), "continue").status_code == 200


def test_remove_buttons_remove_that_row_and_close_the_gap(form, rustam):
    response = form.post(sent_values(step_page(form, rustam, "events")), "remove:events.1")
    events = shown_case(response)["events"]
    assert events[1]["description"] == rustam["events"][2]["description"]
    assert len(events) == len(rustam["events"]) - 1
    assert page(response).xpath("//fieldset[@id='field-events']/button[@autofocus]")
    claims = step_page(form, rustam, "claims")
    again = form.post(sent_values(claims), "remove:remedies_sought.0")
    assert shown_case(again)["remedies_sought"][0] == rustam["remedies_sought"][1]


def test_every_add_and_remove_button_names_a_list_or_row_of_the_case(form, rustam):
    actions = [b.get("value") for response in all_steps(form, rustam).values()
               for b in page(response).xpath("//button[@name='_action']") if not in_template(b)]
    adds = [a[4:].partition(formdata.OFFERED)[0] for a in actions if a.startswith("add:")]
    removes = [a[7:] for a in actions if a.startswith("remove:")]
    last = len(rustam["events"]) - 1
    assert f"events.{last}.sources" in adds and "sources.0.author" in adds and "appeal.errors" in adds
    assert f"events.{last}" in removes and "sources.0.author.0" in removes
    for path in adds:
        assert isinstance(formdata.node_at(path), fields.List), path


def test_one_button_adds_the_chronology_made_by_docgen_as_an_annex_without_the_script(form, rustam):
    sources = step_page(form, rustam, "sources")
    (offer,) = page(sources).xpath("//fieldset[@id='field-annexes']/button[@class='offer']")
    assert offer.text_content() == "Add the chronology, made by docgen"
    values = sent_values(sources)
    values[[name for name, _ in values].index("annexes.0.title")] = ("annexes.0.title", "Authorisation, signed")
    response = form.post(values, offer.get("value"))
    # Everything typed stays, and the new row says what docgen makes, with no title to type.
    shown = shown_case(response)
    assert shown["annexes"][0]["title"] == "Authorisation, signed"
    assert shown["annexes"][1:4] == rustam["annexes"][1:4]
    assert shown["annexes"][4] == {"document": "chronology"}
    document = page(response).get_element_by_id("field-annexes.4.document")
    assert document.xpath("option[@selected]/@value") == ["chronology"]
    assert page(response).get_element_by_id("field-annexes.0.document").xpath("option/text()") == [
        "No: a PDF I attach", "Chronology"]
    result = form.post(sent_values(response), "check")
    assert result.status_code == 200, error_summary_links(result)
    (made,) = page(result).xpath("//section[@class='bundle']//p[@class='made-annex']")
    assert made.text_content() == "Annex 5: Chronology of events and proceedings. docgen makes it from this case, in English."
    assert carried_case(result)["annexes"][4] == {"document": "chronology", "id": "chronology"}


def test_the_chronology_takes_the_blank_row_the_script_keeps_ready_so_its_number_holds(form, rustam):
    # With the script, a blank annex waits at the end of the list (annex 5) and is sent with the
    # offer; the chronology shown as "Annex 6" would become Annex 5 once the blank row is left out.
    sources = step_page(form, rustam, "sources")
    (offer,) = page(sources).xpath("//fieldset[@id='field-annexes']/button[@class='offer']")
    waiting = [("annexes.4.title", ""), ("annexes.4.document", ""), ("annexes.4.date", "")]
    response = form.post(sent_values(sources) + waiting, offer.get("value"))
    shown = shown_case(response)["annexes"]
    assert len(shown) == 5 and shown[4] == {"document": "chronology"}
    assert page(response).get_element_by_id("field-annexes.4.document").xpath(
        "option[@selected]/@value") == ["chronology"]


def test_templates_hold_a_blank_row_for_each_list(form):
    doc = page(step_page(form, {}, "events"))
    templates = {t.get("id") for t in doc.xpath("//template")}
    assert {"template-events", "template-events.*.sources", "template-sources.*.author",
            "template-appeal.new_evidence.*.annexes"} <= templates
    row = doc.get_element_by_id("template-events.*.sources")
    assert row.xpath(".//input[@name='events.__0__.sources.__1__.source'][@list='source-list']")


# --- Sources first: made from a symbol or an address, cited from several rows, ids made ------------


def test_a_un_symbol_or_an_address_makes_a_source_with_an_author_year_id(form, minimal):
    sources = step_page(form, minimal, "sources")
    response = form.post(step_values(sources) + [("_quick", "CAT/C/48/D/444/2010")], "quick")
    assert response.status_code == 200
    added = shown_case(response)["sources"][0]
    assert added["type"] == "legal_case" and added["number"] == "CAT/C/48/D/444/2010"
    assert added["authority"] == "Committee against Torture"
    web = form.post(step_values(response) + [("_quick", "https://eurasianet.org/x")], "quick")
    assert shown_case(web)["sources"][1]["URL"] == "https://eurasianet.org/x"
    refused = form.post(step_values(response) + [("_quick", "the Eurasianet article")], "quick")
    assert refused.status_code == 400
    assert "UN document symbol" in page(refused).get_element_by_id("field-_quick-error").text_content()
    # A source typed in gets an author-year id, kept when its title changes later.
    typed_in = sent_values(step_page(form, minimal, "sources"))
    typed_in += [("sources.0.type", "article-newspaper"), ("sources.0.title", "Fears Deportation"),
                 ("sources.0.author.0.family", "Cleek"), ("sources.0.issued.date-parts", "2012-07-09")]
    moved_on = form.post(typed_in, "continue")
    assert shown_case(moved_on)["sources"][0]["id"] == "cleek-2012"
    back = form.post(sent_values(moved_on), "back")
    renamed = [(k, "Another title" if k == "sources.0.title" else v) for k, v in sent_values(back)]
    assert shown_case(form.post(renamed, "continue"))["sources"][0]["id"] == "cleek-2012"


def test_one_source_is_cited_from_several_rows_at_once(form, rustam):
    events = step_page(form, rustam, "events")
    doc = page(events)
    assert "eurasianet-2012" in doc.xpath("//datalist[@id='source-list']/option/@value")
    sent = step_values(events) + [("_cite.source", "cat-gc4"), ("_cite.pinpoint", "para 45"),
                                  ("_cite.row", "events.0"), ("_cite.row", "events.2")]
    response = form.post(sent, "cite")
    assert response.status_code == 200
    cited = shown_case(response)["events"]
    # A citation added here is not yet checked against its source (issue 9: "pinpoint verified"
    # starts unticked).
    assert cited[0]["sources"][-1] == {"source": "cat-gc4", "pinpoint": "para 45", "verified": False}
    assert cited[2]["sources"][-1] == {"source": "cat-gc4", "pinpoint": "para 45", "verified": False}
    assert cited[1]["sources"] == routes.compact(rustam)["events"][1].get("sources", [])
    assert form.post(sent_values(events), "cite").status_code == 400


def test_the_appeal_step_cites_one_source_from_its_errors_and_evidence_at_once(form, rustam):
    rustam["other_procedures"] = [{"body": "HRC", "status": "pending", "same_matter": False}]
    offered = page(step_page(form, rustam, "appeal")).xpath("//input[@name='_cite.row']/@value")
    assert offered == ["appeal.errors.0", "appeal.errors.1", "appeal.errors.2", "appeal.new_evidence.0"]
    # Only rows that can cite: not an international procedure of the proceedings' step.
    assert "other_procedures.0" not in page(step_page(form, rustam, "proceedings")).xpath(
        "//input[@name='_cite.row']/@value")
    sent = step_values(step_page(form, rustam, "appeal")) + [
        ("_cite.source", "hrw-2011"), ("_cite.row", "appeal.errors.1"), ("_cite.row", "appeal.new_evidence.0")]
    appeal = shown_case(form.post(sent, "cite"))["appeal"]
    assert appeal["errors"][1]["sources"][-1] == {"source": "hrw-2011", "verified": False}
    assert appeal["new_evidence"][0]["sources"][-1] == {"source": "hrw-2011", "verified": False}
    assert appeal["errors"][0]["sources"] == routes.compact(rustam)["appeal"]["errors"][0]["sources"]


def _with(sent: list[tuple[str, str]], changes: dict[str, str]) -> list[tuple[str, str]]:
    return [(k, changes.get(k, v)) for k, v in sent] + [(k, v) for k, v in changes.items()
                                                        if k not in dict(sent)]


def test_sources_cited_in_brackets_become_the_facts_citations(form, rustam):
    events = step_page(form, rustam, "events")
    assert "[eurasianet-2012, para 2]" in page(events).xpath("string(//*[@class='citing-help'])")
    typed_text = "He founded it [sic] [Eurasianet-2012, para 3; hrw-2011; decision-2012]. He was 20."
    response = form.post(_with(step_values(events), {"events.0.description": typed_text}), "continue")
    assert response.status_code == 200 and page(response).xpath("//h1")[0].text_content() == "Risk factors"
    event = shown_case(response)["events"][0]
    assert event["description"] == "He founded it [sic]. He was 20."
    assert event["sources"] == [*routes.compact(rustam)["events"][0]["sources"],
                                {"source": "eurasianet-2012", "pinpoint": "para 3", "verified": False},
                                {"source": "hrw-2011", "verified": False}]
    assert event["annexes"] == [*routes.compact(rustam)["events"][0].get("annexes", []), "decision-2012"]


@pytest.mark.parametrize("step, path", [("events", "events.1.description"), ("appeal", "appeal.errors.1.text")])
def test_a_bracket_citing_no_source_is_an_error_beside_its_field_and_stays_typed(form, rustam, step, path):
    shown = step_page(form, rustam, step)
    typed_text = "He fled [eurasianet-2021, para 2]."
    response = form.post(_with(step_values(shown), {path: typed_text}), "continue")
    assert response.status_code == 422
    assert list(error_summary_links(response)) == [f"#field-{path}"]
    message = page(response).get_element_by_id(f"field-{path}-error").text_content()
    assert "no source or annex has the short reference “eurasianet-2021”" in message
    assert "eurasianet-2012" in message and "decision-2012" in message
    kept = formdata.case_to_fields(shown_case(response))
    assert kept[path] == typed_text
    assert kept[path.rsplit(".", 1)[0] + ".sources.0.source"] == "eurasianet-2012"  # the row's citations stay
    # Nor can the documents be made with it: the review lists it.
    case = edit_path(routes.compact(rustam), path, typed_text)
    made = form.post({"_step": "review", "_case": json.dumps(case)}, "make")
    changes = page(made).xpath("//*[@id='form-errors']//button/@value")
    assert made.status_code == 422 and f"goto:{step}:{path}" in changes


def test_an_error_of_the_decision_cites_in_brackets_as_a_fact_does(form, rustam):
    # A file that wrote its errors as plain strings opens with each as a row's text.
    plain = [error["text"] for error in rustam["appeal"]["errors"]]
    rustam["appeal"]["errors"] = plain
    appeal = step_page(form, rustam, "appeal")
    assert [dict(step_values(appeal)).get(f"appeal.errors.{n}.text") for n in range(3)] == plain
    typed_text = "It overlooks Abdussamatov [eurasianet-2012, para 5; abdussamatov; decision-2012]."
    response = form.post(_with(step_values(appeal), {"appeal.errors.2.text": typed_text}), "continue")
    assert response.status_code == 200 and page(response).xpath("//h1")[0].text_content() == "Signature"
    assert shown_case(response)["appeal"]["errors"][2] == {
        "text": "It overlooks Abdussamatov.",
        "sources": [{"source": "eurasianet-2012", "pinpoint": "para 5", "verified": False},
                    {"source": "abdussamatov", "verified": False}],
        "annexes": ["decision-2012"]}
    # Without scripting, a row added to the errors is one with its own text and citations.
    added = form.post(step_values(appeal), "add:appeal.errors")
    assert [name for name in dict(sent_values(added)) if name.startswith("appeal.errors.3")] == ["appeal.errors.3.text"]
    assert page(added).xpath("//button[@value='add:appeal.errors.3.sources']")


def test_choosing_an_instrument_offers_its_non_refoulement_article(form):
    claims = page(step_page(form, {}, "claims"))
    for select in claims.xpath("//select[@data-suggests-for]"):  # the rows and the blank row's copy
        assert select.get("data-suggests-for") == select.get("name").replace("instrument", "article")
        assert json.loads(select.get("data-suggests")) == {"CAT": "3", "ECHR": "3", "ICCPR": "7",
                                                            "Refugee Convention": "33"}
    assert claims.xpath("//template//select[@data-suggests-for='claims.__0__.article']")


def test_one_box_marks_every_pinpoint_of_the_step_checked(form, rustam):
    case = routes.compact(rustam)
    for event in case["events"]:
        for citation in event.get("sources", []):
            citation["verified"] = False
    events = step_page(form, case, "events")
    box = page(events).get_element_by_id("field-_checked")
    assert box.get("checked") is None
    typed_text = case["events"][0]["description"] + " [hrw-2011, p 3]"
    sent = _with(step_values(events), {"events.0.description": typed_text, "_checked": "true"})
    cited = [c for e in shown_case(form.post(sent, "continue"))["events"] for c in e.get("sources", [])]
    assert len(cited) == sum(len(e.get("sources", [])) for e in case["events"]) + 1
    assert all(citation["verified"] for citation in cited)


# --- Save and open -------------------------------------------------------------------------------------


def test_save_downloads_the_case_even_when_invalid(form, rustam):
    sent = fields_of(rustam)
    sent["complainants.0.birth_date"] = "1986-02-30"
    response = form.post(sent, "save")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == "attachment; filename=rustam-case-2012-07-10.json"
    saved = json.loads(response.data)
    assert saved["complainants"][0]["birth_date"] == "1986-02-30"
    assert [e["description"] for e in saved["events"]] == [e["description"] for e in rustam["events"]]
    reopened = form.post({}, "open", files={"_case_file": (response.data, "saved.json")})
    assert shown_case(reopened) == routes.compact(formdata.fields_to_case(sent))
    change(form, reopened, "complainants.0.birth_date")


@pytest.mark.parametrize("content, message", [
    (b"[1, 2]", "holds a list, not a case"),
    (b"\"a case\"", "holds a string, not a case"),
    (b"{\"complainants\": ", "is not JSON"),
    (b"\xff\xfe\x00\x01", "not text in UTF-8"),
    (b"", "is empty"),
    (b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
])
def test_opening_a_file_that_is_not_a_case_says_so_and_keeps_the_form(form, minimal, content, message):
    start = sent_values(step_page(form, minimal, "start"))
    response = form.post(start, "open",
                         files={"_case_file": (content, "x.json")})
    assert response.status_code == 400
    doc = page(response)
    assert message in doc.get_element_by_id("field-_case_file-error").text_content()
    assert "#field-_case_file" in error_summary_links(response)
    assert shown_case(response) == routes.compact(minimal)


def test_opening_a_case_with_unknown_fields_keeps_them_visible(form, minimal):
    minimal["complainants"][0]["nickname"] = "Aziz"
    minimal["motto"] = "never again"
    response = form.open(minimal)
    assert dict(sent_values(response))["motto"] == "never again"
    assert shown_case(response)["complainants"][0]["nickname"] == "Aziz"
    people = change(form, response, "complainants.0.nickname")
    assert dict(sent_values(people))["complainants.0.nickname"] == "Aziz"


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
    sent = sent_values(step_page(form, minimal, "sources"))
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
    events = form.post(sent_values(response), "continue")
    events = step_page(form, shown_case(response), "events")
    options = page(events).xpath("//datalist[@id='source-list']/option/@value")
    assert {"7QK2MZ3P", "cat-co-uzb-3"} <= set(options)
    # Cite the imported source and check: the case is valid and keeps every variable.
    cited = dict(sent_values(events)) | {"events.0.sources.0.source": "cat-co-uzb-3",
                                         "events.0.sources.0.pinpoint": "para 7"}
    result = form.post(cited, "make")
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
    assert shown_case(response)["sources"][len(rustam["sources"])]["id"] == "eurasianet-2012-2"


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
    assert shown_case(response) == routes.compact(minimal)


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
    # Named by what it is and whose, by the pseudonym: never by the legal name.
    assert word.headers["Content-Disposition"] == "attachment; filename=rustam-cat-complaint-2012-07-10.docx"
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
    names = sorted(archive.namelist())
    assert names == sorted(f"rustam-{kind}-2012-07-10.{format}" for kind in KINDS for format in ("docx", "pdf"))
    assert "Jarayon" in docx_text(archive.read("rustam-appeal-letter-2012-07-10.docx"))
    assert "Jarayon" in pdf_text(archive.read("rustam-cat-complaint-2012-07-10.pdf"))
    public = zipfile.ZipFile(io.BytesIO(download(form, rustam, "documents-public.zip").data))
    assert "Nazarov" not in docx_text(public.read("rustam-cat-complaint-public-2012-07-10.docx"))


def test_the_download_validates_the_case_again(form, rustam):
    rustam["complainants"][0]["birth_date"] = "1986-02-30"
    response = download(form, rustam, "cat-complaint.pdf")
    assert response.status_code == 422 and response.mimetype == "text/html"
    assert "does not exist" in response.text
    assert download(form, rustam, "../../etc/passwd").status_code == 400
    assert download(form, "not a case", "cat-complaint.pdf").status_code == 400


def test_edit_brings_the_case_back_into_the_review(form, rustam):
    response = form.post({"_case": json.dumps(rustam)}, "edit")
    assert response.status_code == 200
    assert page(response).xpath("//h1")[0].text_content() == "Review"
    assert shown_case(response) == routes.compact(rustam)
    assert "To check before filing" in response.text


# --- Protection ----------------------------------------------------------------------------------------


def test_a_post_without_the_csrf_token_is_refused(form, minimal):
    client = form.client
    response = client.post("/", data=fields_of(minimal) | {"_action": "check"})
    assert response.status_code == 400
    assert "The documents are ready" not in response.text
    # Nothing typed is lost: the form comes back with it, and a fresh token.
    assert shown_case(response) == routes.compact(minimal)
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
    response = form.post(sent_values(form.open(minimal)), "make")
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
