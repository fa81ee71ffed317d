"""The form's "Make one per person" (docgen.web.group): the offer on the result page, a table
uploaded with the case, the progress page, the ZIP. The queue's task runs here in-process, in
place of a worker, so the pages are seen at each step."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import zipfile

import openpyxl
import pytest
from lxml import html as lxml_html

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
    # Back to the documents by a button that sends the case: the browser's Back button finds no
    # page (the documents page answered a post, kept by no cache).
    assert "Back button" not in response.text
    assert re.search(r'<button type="submit" class="primary" name="_action" value="make">Back to the documents</button>',
                     response.text)
    assert lxml_html.fromstring(response.data).xpath("//form[button[@value='make']]/input[@name='_case']/@value") == [
        json.dumps(rustam)]


def test_no_job_without_the_forms_token(app, rustam):
    response = app.test_client().post("/people", data={
        "_case": json.dumps(rustam), "document": "appeal-letter", "format": "docx",
        "people": (io.BytesIO(table(1).encode()), "people.csv")}, content_type="multipart/form-data")
    assert response.status_code == 400
    response = app.test_client().post("/people/columns", data={
        "_case": json.dumps(rustam), "document": "appeal-letter", "format": "docx",
        "_table": json.dumps({"headers": ["Name"], "rows": [[2, ["A B"]]]}), "column-0": "-"})
    assert response.status_code == 400


# A table whose headers are not case paths: the columns are mapped on a page of their own. -------

FRIENDLY = ["Id", "Pseudonym", "Legal name", "Nationality", "Date of birth", "Decision date",
            "Ref no.", "Notes"]
#: What the page chooses in advance; "Ref no." is for the user to map, "Notes" to leave out.
GUESSED = ["complainants.0.id", "complainants.0.pseudonym", "complainants.0.legal_name",
           "complainants.0.nationality", "complainants.0.birth_date", "procedural_history.1.decided",
           "", ""]


def friendly_rows(count: int) -> list[list]:
    return [[f"person-{n}", f"P{n:02d}", legal_name(n), "UZ", f"19{70 + n}-03-0{n}", "2012-06-12",
             f"UNE-2012-{n:04d}", f"seen on {n} July"] for n in range(1, count + 1)]


def friendly_csv(count: int, extra_rows: list[list] = ()) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([FRIENDLY, *friendly_rows(count), *extra_rows])
    return out.getvalue().encode()


def friendly_xlsx(count: int) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(FRIENDLY)
    for row in friendly_rows(count):
        row[4] = datetime.date.fromisoformat(row[4])  # a date cell, as a spreadsheet keeps it
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(form, case, data: bytes, name: str):
    return form.post({"_case": json.dumps(case), "document": "appeal-letter", "format": "docx"},
                     action="", files={"people": (data, name)}, path="/people")


def mapping_form(response):
    (found,) = lxml_html.fromstring(response.data).xpath("//form[@action='/people/columns']")
    return found


def chosen(response) -> list[str]:
    values = dict(mapping_form(response).form_values())
    return [values.get(f"column-{index}", "") for index in range(len(FRIENDLY))]


def send(form, response, changes: dict[int, str]):
    """The mapping page sent back as a browser sends it, with the fields ``changes`` chooses."""
    values = [(name, value) for name, value in mapping_form(response).form_values()
              if not any(name == f"column-{index}" for index in changes)]
    values += [(f"column-{index}", path) for index, path in changes.items()]
    return form.post(values, action="", path="/people/columns")


def made_letters(form, response, count: int) -> dict[str, str]:
    assert response.status_code == 303, response.text
    location = response.headers["Location"]
    for index in range(count):  # what a worker does
        queue.make_document(location.rsplit("/", 1)[1], index)
    download = form.client.get(f"{location}/result")
    with zipfile.ZipFile(io.BytesIO(download.data)) as archive:
        return {name: docx_text(archive.read(name)) for name in archive.namelist()}


def test_a_csv_with_other_headers_is_mapped_column_by_column(form, rustam):
    bad_date = ["person-9", "P09", "Given Familyname09", "UZ", "1970-02-30", "2012-06-12", "UNE-9", ""]
    response = upload(form, rustam, friendly_csv(3, [bad_date]), "people.csv")
    assert response.status_code == 200
    assert chosen(response) == GUESSED
    document = lxml_html.fromstring(response.data)
    for index, header in enumerate(FRIENDLY):
        select = document.get_element_by_id(f"column-{index}")
        fieldset = select.xpath("ancestor::fieldset")[0]
        assert fieldset.xpath("legend")[0].text_content() == f"Column {index + 1}: {header}"
        assert document.xpath(f"//label[@for='column-{index}']")
        values = document.get_element_by_id(f"column-{index}-values").text_content()
        assert f"column-{index}-values" in select.get("aria-describedby")
        assert values == "First rows: " + "; ".join(row[index] for row in friendly_rows(3))
    assert "Legal name (complainants.0.legal_name)" in response.text
    assert "(the decision appealed)" in response.text

    # "Notes" left without a choice: the page comes back saying so, every choice kept.
    again = send(form, response, {6: "procedural_history.1.reference"})
    assert again.status_code == 422
    summary = lxml_html.fromstring(again.data).get_element_by_id("column-errors").text_content()
    assert "Column 8 (Notes): Choose the case field this column fills, or leave the column out." \
        in " ".join(summary.split())
    assert lxml_html.fromstring(again.data).get_element_by_id("column-7").get("aria-invalid") == "true"
    assert chosen(again) == GUESSED[:6] + ["procedural_history.1.reference", ""]

    made = send(form, again, {7: "-"})
    progress = form.client.get(made.headers["Location"]).text
    assert "<td>5</td><td><code>complainants.0.birth_date</code></td>" in progress  # the bad row
    letters = made_letters(form, made, 3)  # the others go ahead
    assert sorted(letters) == [f"p0{n}-appeal-letter.docx" for n in (1, 2, 3)]
    for number in (1, 2, 3):
        text = letters[f"p0{number}-appeal-letter.docx"]
        assert legal_name(number) in text and f"UNE-2012-{number:04d}" in text
        assert others_named(text, number, 3) == [] and "seen on" not in text


def test_an_xlsx_with_other_headers_is_mapped_and_its_bad_rows_reported(form, rustam):
    data = friendly_xlsx(2)
    response = upload(form, rustam, data, "people.xlsx")
    assert response.status_code == 200 and chosen(response) == GUESSED
    values = lxml_html.fromstring(response.data).get_element_by_id("column-4-values").text_content()
    assert values == "First rows: 1971-03-01; 1972-03-02"  # the date cells, as dates

    # A column mapped to a field its values do not fit: each row says so, by row and path.
    wrong = send(form, response, {6: "procedural_history.1.reference", 7: "complainants.0.birth_date",
                                  4: "-"})
    assert wrong.status_code == 422 and "nothing was made" in wrong.text
    cells = [[cell.text_content() for cell in row.xpath("td")]
             for row in lxml_html.fromstring(wrong.data).xpath("//tbody/tr")]
    assert [row[:2] for row in cells] == [["2", "complainants.0.birth_date"],
                                          ["3", "complainants.0.birth_date"]]
    assert chosen(wrong)[7] == "complainants.0.birth_date"  # kept, to be changed

    letters = made_letters(form, send(form, wrong, {4: "complainants.0.birth_date", 7: "-"}), 2)
    assert sorted(letters) == ["p01-appeal-letter.docx", "p02-appeal-letter.docx"]
    assert legal_name(2) in letters["p02-appeal-letter.docx"]


def test_a_field_chosen_for_two_columns_is_refused_on_both_pages(form, rustam):
    response = upload(form, rustam, friendly_csv(1), "people.csv")
    again = send(form, response, {6: "complainants.0.legal_name", 7: "-"})
    assert again.status_code == 422
    assert "Column 3 fills this field already" in again.text
    tampered = form.post([(name, value) for name, value in mapping_form(response).form_values()
                          if name != "_table"] + [("_table", '{"headers": ["a"], "rows": [[2, 3]]}')],
                         action="", path="/people/columns")
    assert tampered.status_code == 422 and "did not come back as docgen sent it" in tampered.text


def test_a_group_is_made_in_the_language_chosen(form, rustam):
    page = lxml_html.fromstring(offer(form, rustam))
    assert page.xpath("//select[@id='people-language']/option/@value") == ["", "en", "nb", "ru", "fr", "es"]
    response = form.post({"_case": json.dumps(rustam), "document": "appeal-letter", "format": "docx",
                          "language": "nb"}, action="", files={"people": (table(2).encode(), "people.csv")},
                         path="/people")
    assert response.status_code == 303
    job = response.headers["Location"].rsplit("/", 1)[1]
    for index in range(2):
        queue.make_document(job, index)
    download = form.client.get(f"/people/{job}/result")
    with zipfile.ZipFile(io.BytesIO(download.data)) as archive:
        assert sorted(archive.namelist()) == ["p01-klage-nb.docx", "p02-klage-nb.docx"]
        assert "utlendingsloven" in docx_text(archive.read("p01-klage-nb.docx"))


def test_a_language_the_document_is_not_written_in_is_refused(form, rustam):
    response = form.post({"_case": json.dumps(rustam), "document": "appeal-letter", "format": "docx",
                          "language": "ru"}, action="", files={"people": (table(2).encode(), "people.csv")},
                         path="/people")
    assert response.status_code == 422
    assert "not written in that language: choose English, Norwegian Bokmål" in response.text
