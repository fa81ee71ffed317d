"""`docgen batch`: a group (base case and table) or a folder of cases into one ZIP, made in
parallel processes by the installed console script; bad rows on stderr by row and column."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from groups import legal_name, others_named, table
from reading import docx_text
from test_cli_render import RUSTAM, installed

BAD_ROWS = [
    {"complainants.0.id": "x", "complainants.0.pseudonym": "X", "complainants.0.legal_name": "A B",
     "complainants.0.nationality": "UZ", "procedural_history.1.decided": "2012-13-01"},
    {"complainants.0.id": "y", "complainants.0.pseudonym": "Y", "complainants.0.nationality": "UZ"},
]


def test_a_group_makes_one_letter_per_valid_row_and_reports_the_others(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text(table(4, extra_rows=BAD_ROWS), encoding="utf-8")
    out = tmp_path / "letters.zip"
    result = installed("batch", "--base", str(RUSTAM), "--people", str(people), "-d", "appeal-letter",
                       "-f", "docx", "-o", str(out), "-j", "2")
    assert result.returncode == 1
    assert "row 6: procedural_history.1.decided: Not a date" in result.stderr
    assert "row 7: complainants.0.legal_name: Missing data for required field." in result.stderr
    assert "Traceback" not in result.stderr
    with zipfile.ZipFile(out) as archive:
        names = sorted(archive.namelist())
        assert names == [f"p0{n}-appeal-letter.docx" for n in range(1, 5)]
        for number in range(1, 5):
            text = docx_text(archive.read(f"p0{number}-appeal-letter.docx"))
            assert legal_name(number) in text
            assert others_named(text, number, count=4) == []


def test_a_folder_of_cases_makes_one_document_each(tmp_path, rustam):
    folder = tmp_path / "cases"
    folder.mkdir()
    for number in (1, 2):
        rustam["complainants"][0]["pseudonym"] = f"Case {number}"
        (folder / f"case-{number}.json").write_text(json.dumps(rustam), encoding="utf-8")
    (folder / "broken.json").write_text(json.dumps({**rustam, "events": []}), encoding="utf-8")
    out = tmp_path / "out.zip"
    result = installed("batch", str(folder), "-d", "cat-complaint", "-f", "html", "-o", str(out))
    assert result.returncode == 1
    assert f"{folder / 'broken.json'}: events:" in result.stderr
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["case-1-cat-complaint.html", "case-2-cat-complaint.html"]


def test_cases_lacking_what_their_document_needs_are_reported_by_file_or_row_and_path(tmp_path,
                                                                                     rustam):
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "planned.json").write_text(json.dumps(rustam), encoding="utf-8")
    (folder / "unplanned.json").write_text(json.dumps({**rustam, "removal": None}), encoding="utf-8")
    out = tmp_path / "requests.zip"
    result = installed("batch", str(folder), "-d", "cat-interim-measures", "-f", "html",
                       "-o", str(out))
    assert result.returncode == 1
    assert (f"{folder / 'unplanned.json'}: removal: A request for interim measures needs the "
            "planned removal") in result.stderr
    assert "fault" not in result.stderr and "Traceback" not in result.stderr
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == ["case-1-cat-interim-measures.html"]

    # A group whose base case plans no removal: every row is reported, none made.
    base = tmp_path / "base.json"
    base.write_text(json.dumps({**rustam, "removal": None}), encoding="utf-8")
    people = tmp_path / "people.csv"
    people.write_text(table(2), encoding="utf-8")
    result = installed("batch", "--base", str(base), "--people", str(people),
                       "-d", "cat-interim-measures", "-f", "html", "-o", str(out))
    assert result.returncode == 1
    assert [line.split(": ")[:2] for line in result.stderr.splitlines() if "removal" in line] == [
        ["row 2", "removal"], ["row 3", "removal"]]
    assert "fault" not in result.stderr and "Traceback" not in result.stderr
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == []


def test_usage_errors_exit_2(tmp_path):
    assert installed("batch", "--base", str(RUSTAM), "-d", "appeal-letter").returncode == 2
    unreadable = tmp_path / "people.csv"
    unreadable.write_bytes(b"\xff\xfe\x00")
    result = installed("batch", "--base", str(RUSTAM), "--people", str(unreadable),
                       "-d", "appeal-letter", "-o", str(tmp_path / "x.zip"))
    assert result.returncode == 2 and "UTF-8" in result.stderr


def test_a_group_is_written_in_the_language_asked_and_named_in_it(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text(table(2), encoding="utf-8")
    out = tmp_path / "letters.zip"
    result = installed("batch", "--base", str(RUSTAM), "--people", str(people), "-d", "appeal-letter",
                       "-f", "docx", "--language", "nb", "-o", str(out), "-j", "1")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["p01-klage-nb.docx", "p02-klage-nb.docx"]
        text = docx_text(archive.read("p02-klage-nb.docx"))
    assert legal_name(2) in text and "utlendingsloven" in text and "Immigration Act" not in text


def test_a_language_the_document_is_not_written_in_is_refused(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text(table(1), encoding="utf-8")
    result = installed("batch", "--base", str(RUSTAM), "--people", str(people), "-d", "appeal-letter",
                       "--language", "ru", "-o", str(tmp_path / "out.zip"))
    assert result.returncode == 2
    assert "--language ru: the appeal-letter is written in en, nb" in result.stderr
    assert not (tmp_path / "out.zip").exists()


def test_a_case_in_a_language_its_document_is_not_written_in_is_reported_by_file(tmp_path, rustam):
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "english.json").write_text(json.dumps(rustam), encoding="utf-8")
    (folder / "russian.json").write_text(json.dumps({**rustam, "language": "ru"}), encoding="utf-8")
    out = tmp_path / "out.zip"
    result = installed("batch", str(folder), "-d", "appeal-letter", "-f", "html", "-o", str(out))
    assert result.returncode == 1
    assert f"{folder / 'russian.json'}: language: The appeal-letter is not written in Russian" in result.stderr
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == ["case-1-appeal-letter.html"]
