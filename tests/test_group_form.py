"""The form's "Make one per person" (docgen.web.group): the offer on the result page, a table
uploaded with the case, the progress page, the ZIP. The queue's task runs here in-process, in
place of a worker, so the pages are seen at each step."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from docgen.batch import queue
from groups import legal_name, others_named, table
from reading import FormClient, docx_text, fields_of


@pytest.fixture
def form(app):
    return FormClient(app.test_client())


def offer(form, case) -> str:
    page = form.post(fields_of(case)).text
    assert "Make one per person" in page
    return page


def make_one_per_person(form, case, people: str, document="appeal-letter", format="docx"):
    return form.post({"_case": json.dumps(case), "document": document, "format": format},
                     action="", files={"people": (people.encode(), "people.csv")}, path="/people")


def test_the_result_page_offers_one_per_person_with_the_case(form, rustam):
    page = offer(form, rustam)
    block = page[page.index('id="per-person"'):]
    assert 'action="/people"' in block and 'enctype="multipart/form-data"' in block
    assert 'name="csrf_token"' in block and 'name="_case"' in block


def test_a_group_is_followed_to_its_zip(form, rustam):
    response = make_one_per_person(form, rustam, table(3, extra_rows=[
        {"complainants.0.id": "x", "complainants.0.pseudonym": "X", "complainants.0.nationality": "UZ"}]))
    assert response.status_code == 303
    location = response.headers["Location"]
    page = form.client.get(location)
    assert page.headers["Refresh"] == "2" and "0 of 3 made" in page.text
    assert "complainants.0.legal_name" in page.text and "<td>5</td>" in page.text
    assert form.client.get(f"{location}/result").status_code == 404  # not before it is done

    job = location.rsplit("/", 1)[1]
    for index in range(3):  # what a worker does
        queue.make_document(job, index)
    page = form.client.get(location)
    assert "Refresh" not in page.headers and "3 of 3 made" in page.text
    link = re.search(r'href="([^"]+/result)"', page.text).group(1)
    download = form.client.get(link)
    assert download.headers["Content-Disposition"] == "attachment; filename=appeal-letter-per-person.zip"
    with zipfile.ZipFile(io.BytesIO(download.data)) as archive:
        assert sorted(archive.namelist()) == [f"p0{n}-appeal-letter.docx" for n in (1, 2, 3)]
        for number in (1, 2, 3):
            text = docx_text(archive.read(f"p0{number}-appeal-letter.docx"))
            assert legal_name(number) in text and others_named(text, number, 3) == []
    assert form.client.get(location).status_code == 404  # fetched: gone


def test_a_table_with_no_valid_row_lists_its_errors_by_row_and_column(form, rustam):
    response = make_one_per_person(form, rustam, "complainants.0.id,complainants.0.legal_name\nx,\n")
    assert response.status_code == 422
    assert "No row of the table makes a valid case" in response.text
    assert "complainants.0.pseudonym" in response.text and "<td>2</td>" in response.text


@pytest.mark.parametrize("fields, files, words", [
    ({"document": "appeal-letter", "format": "docx"}, {}, "Choose the table"),
    ({"document": "letter", "format": "docx"}, {"people": (b"a\n", "p.csv")}, "Choose a document"),
    ({"document": "appeal-letter", "format": "docx"}, {"people": (b"\xff\xfe\x00", "p.csv")}, "UTF-8"),
])
def test_what_cannot_be_used_is_said(form, rustam, fields, files, words):
    response = form.post({"_case": json.dumps(rustam), **fields}, action="", files=files, path="/people")
    assert response.status_code == 422 and words in response.text


def test_no_job_without_the_forms_token(app, rustam):
    response = app.test_client().post("/people", data={
        "_case": json.dumps(rustam), "document": "appeal-letter", "format": "docx",
        "people": (io.BytesIO(table(1).encode()), "people.csv")}, content_type="multipart/form-data")
    assert response.status_code == 400
