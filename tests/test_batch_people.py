"""A group's table of people over a base case (docgen.batch.people): columns named by case path,
every row loaded as a full case, problems by row and column, the valid rows kept."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from docgen.batch.people import TableUnreadable, column_problem, people, read_table
from docgen.case import CaseInvalid
from groups import BASE_LEGAL_NAME, HEADERS, legal_name, table


def group(base, text: str):
    return people(base, read_table(text.encode("utf-8")))


@pytest.mark.parametrize("header", [
    "complainants.0.legal_name", "procedural_history.1.decided", "removal.scheduled_date",
    "complainants.0.identity_documents.0.number", "appeal.errors.0.text", "sources.0.volume",
])
def test_a_column_names_a_field_by_its_path(header):
    assert column_problem(header) is None


@pytest.mark.parametrize("header, words", [
    ("complainants.0.nickname", "no field complainants.0.nickname"),
    ("complainant.0.legal_name", "no field complainant.0.legal_name"),
    ("complainants.first.legal_name", "a position"),
    ("complainants.0", "a group of fields"),
    ("removal", "a group of fields"),
    ("", "no header"),
])
def test_a_column_that_names_no_field_is_refused_by_name(header, words):
    assert words in column_problem(header)


def test_each_row_is_its_own_person_over_the_shared_facts(rustam):
    found = group(rustam, table(3))
    assert found.errors == []
    assert [person.row for person in found.people] == [2, 3, 4]
    second = found.people[1].data
    person = second["complainants"][0]
    assert person["legal_name"] == legal_name(2)
    # The person is the row's whole: nothing of the base case's complainant is left.
    assert set(person) == {h.split(".")[-1] for h in HEADERS if h.startswith("complainants.0.")}
    assert "identity_documents" not in person and "address" not in person
    # Other columns change only their field: the rest of the step is the base case's.
    step = second["procedural_history"][1]
    assert (step["decided"], step["reference"]) == ("2012-06-12", "UDI-2012-0002")
    assert step["authority"] == rustam["procedural_history"][1]["authority"]
    assert second["events"] == rustam["events"]
    assert rustam["complainants"][0]["legal_name"] == BASE_LEGAL_NAME  # the base is untouched


def test_bad_rows_are_reported_by_row_and_column_and_the_others_kept(rustam):
    text = table(4, extra_rows=[
        {"complainants.0.id": "x", "complainants.0.pseudonym": "X", "complainants.0.legal_name": "A B",
         "complainants.0.nationality": "UZ", "procedural_history.1.decided": "2012-02-30"},
        {"complainants.0.id": "y", "complainants.0.pseudonym": "Y", "complainants.0.nationality": "UZ"},
        {"complainants.0.id": "z", "complainants.0.pseudonym": "Z", "complainants.0.legal_name": "C D",
         "complainants.0.nationality": "UZ", "complainants.0.nickname": "Zed"},
    ])
    found = group(rustam, text)
    assert [person.row for person in found.people] == [2, 3, 4, 5]
    by_place = {(error.row, error.column): error.message for error in found.errors}
    assert set(by_place) == {(6, "procedural_history.1.decided"), (7, "complainants.0.legal_name"),
                             (1, "complainants.0.nickname"), (8, "complainants.0.nickname")}
    assert "2012-02-30 does not exist" in by_place[6, "procedural_history.1.decided"]
    assert "Missing data" in by_place[7, "complainants.0.legal_name"]
    assert "Unknown column" in by_place[1, "complainants.0.nickname"]


def test_a_row_beyond_the_base_lists_is_an_error_naming_its_column(rustam):
    found = group(rustam, "complainants.0.id,complainants.0.pseudonym,complainants.0.legal_name,"
                          "complainants.0.nationality,procedural_history.7.decided\n"
                          "a,A,A B,UZ,2012\n")
    assert [(e.row, e.column) for e in found.errors] == [(2, "procedural_history.7.decided")]
    assert "item 8" in found.errors[0].message and found.people == []


def test_files_are_named_by_pseudonym_or_row_never_by_legal_name(rustam):
    text = ("complainants.0.id,complainants.0.pseudonym,complainants.0.legal_name,complainants.0.nationality\n"
            "a,Aziz K.,Aziz Karimov,UZ\n"
            "b,Same,Bahrom One,UZ\n"
            "c,Same,Bahrom Two,UZ\n"
            "d,Dilshod Umarov,Dilshod Umarov,UZ\n")
    names = [person.name for person in group(rustam, text).people]
    assert names == ["aziz-k", "row-3", "row-4", "row-5"]


def test_a_base_case_that_is_not_valid_is_refused_whole(rustam):
    del rustam["events"]
    with pytest.raises(CaseInvalid) as refused:
        group(rustam, table(2))
    assert "events" in refused.value.errors


def test_csv_with_semicolons_and_a_byte_order_mark(rustam):
    text = "\ufeff" + table(2).replace(",", ";")
    assert [person.row for person in group(rustam, text).people] == [2, 3]


def test_xlsx_dates_and_numbers_read_as_the_schema_expects(rustam):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS[:4] + ["procedural_history.1.decided", "procedural_history.1.reference"])
    sheet.append(["a", "A", "Aziz Karimov", "UZ", datetime.datetime(2012, 6, 12), 12345])
    sheet.append([None] * 6)  # a blank row is skipped, not an error
    buffer = io.BytesIO()
    workbook.save(buffer)
    found = people(rustam, read_table(buffer.getvalue()))
    assert found.errors == []
    step = found.people[0].data["procedural_history"][1]
    assert (step["decided"], step["reference"]) == ("2012-06-12", "12345")


@pytest.mark.parametrize("data, words", [
    (b"", "empty"), (b"\n\n", "empty"), (b"\xff\xfe\x00bad", "UTF-8"),
    (b"PK\x03\x04not really a zip", "XLSX"), (b"a\n" + b",\n" * 20_000, "runs past row 20,000"),
])
def test_a_table_that_cannot_be_read_says_why(data, words):
    with pytest.raises(TableUnreadable, match=words):
        read_table(data)
