"""The registry of document kinds is the one list: every template has its kind, every kind its
template and its row of expectations; and a kind whose needs a case does not meet is refused by
field path everywhere (API, command line, form), never a 500."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from click.testing import CliRunner
from expected import EXPECTED
from lxml import html as lxml_html

from docgen.case import load_case
from docgen.cli import main
from docgen.model.build import build_document
from docgen.model.kinds import KINDS, CaseLacks, Kind
from docgen.model.environment import template_folder
from docgen.render import FORMATS, filename
from reading import FormClient, assert_error, fields_of, post_json

NEEDS_REMOVAL = {"removal": ["The request needs the planned removal: at least its destination."]}


def test_every_template_has_a_kind_and_every_kind_a_template():
    # Files starting with "_" are parts that documents include, not documents.
    templates = {path.name for path in template_folder("en").glob("*.md.j2") if not path.name.startswith("_")}
    assert templates == {kind.template for kind in KINDS.values()}


def test_every_kind_has_its_row_of_expectations():
    assert set(EXPECTED) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS.values(), ids=list(KINDS))
def test_a_kind_is_made_in_known_formats(kind):
    assert kind.formats and set(kind.formats) <= set(FORMATS)
    assert kind.id == kind.template.removesuffix(".md.j2")


# --- a kind whose needs the case does not meet ---------------------------------------------------


@pytest.fixture
def needy(monkeypatch):
    """The complaint, made to need a removal, as a kind with needs does."""
    kind = Kind("cat-complaint", KINDS["cat-complaint"].title, "cat-complaint.md.j2",
                needs=lambda case: {} if case["removal"] else NEEDS_REMOVAL)
    monkeypatch.setitem(KINDS, "cat-complaint", kind)
    return kind


@pytest.fixture
def no_removal(rustam) -> dict:
    rustam["removal"] = None
    return rustam


def test_build_refuses_a_case_that_lacks_what_the_kind_needs(needy, rustam, no_removal):
    assert build_document(load_case(json.loads(json.dumps(rustam | {"removal": {"destination": "UZ"}}))),
                          "cat-complaint").blocks
    with pytest.raises(CaseLacks) as lacking:
        build_document(load_case(no_removal), "cat-complaint")
    assert lacking.value.errors == NEEDS_REMOVAL


def test_the_api_answers_422_naming_the_field(needy, client, no_removal):
    body = assert_error(post_json(client, "/api/v1/documents/cat-complaint?format=pdf", no_removal),
                        422, "case_incomplete")
    assert body["errors"] == NEEDS_REMOVAL
    assert "cat-complaint" in body["message"]


def test_the_command_line_exits_1_with_the_field_and_message(needy, no_removal, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(no_removal))
    result = CliRunner().invoke(main, ["render", str(path), "-d", "cat-complaint", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert "removal: The request needs the planned removal: at least its destination." in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.pdf").exists()


def test_the_form_says_what_is_missing_instead_of_offering_the_document(needy, app, no_removal):
    form = FormClient(app.test_client())
    result = form.post(fields_of(no_removal))
    assert result.status_code == 200
    page = lxml_html.fromstring(result.data)
    section = page.get_element_by_id("document-cat-complaint").getparent()
    assert "The request needs the planned removal" in section.text_content()
    assert not section.xpath(".//iframe") and not section.xpath(".//button")
    download = form.post({"_case": json.dumps(no_removal), "file": "cat-complaint.pdf"},
                         action="", path="/download")
    assert download.status_code == 422
    assert "The request needs the planned removal" in download.text
    preview = form.post({"_case": json.dumps(no_removal), "kind": "cat-complaint"}, action="", path="/preview")
    assert preview.status_code == 422 and "The request needs the planned removal" in preview.text
    archive = form.post({"_case": json.dumps(no_removal), "file": "documents.zip"}, action="", path="/download")
    assert archive.status_code == 200 and archive.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(archive.data)).namelist()
    assert filename("appeal-letter", "pdf", case=no_removal) in names
    # Neither the complaint made needy here nor the requests for interim measures, which need a removal.
    assert not any(kind in name for name in names
                   for kind in ("cat-complaint", "cat-interim-measures", "echr-rule-39"))
