"""`docgen validate`: exit 0 valid (warnings printed), 1 invalid ("path: message" lines), 2 the
file cannot be read as JSON (one line on stderr, never a traceback).

The contract a user meets is checked on the installed console script in a subprocess; the long
tables (every invalid fixture, every kind of unreadable file) go through click's CliRunner, the
same command in-process, which keeps the suite fast while the CLI imports the PDF writer.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.case import CaseInvalid, load_case
from docgen.cli import main
from docgen.languages import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "fixtures" / "invalid"
EXPECTED = json.loads((INVALID / "expected.json").read_text(encoding="utf-8"))
EXAMPLES = sorted(f"fixtures/cases/{p.name}" for p in (ROOT / "fixtures/cases").glob("*.json"))
_BESIDE_PYTHON = Path(sys.executable).with_name("docgen")
DOCGEN = str(_BESIDE_PYTHON) if _BESIDE_PYTHON.exists() else shutil.which("docgen")


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    crashed: bool  # an exception escaped: the user would see a traceback


def docgen(*args: str) -> Run:
    """The installed console script, run from the top of the repository."""
    assert DOCGEN, "the docgen console script is not installed"
    done = subprocess.run(
        [DOCGEN, *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    return Run(done.returncode, done.stdout, done.stderr, "Traceback" in done.stderr)


def invoke(*args: str) -> Run:
    """The same command through CliRunner; "fixtures/..." is read from the top of the repository."""
    args = tuple(str(ROOT / arg) if arg.startswith("fixtures/") else arg for arg in args)
    result = CliRunner().invoke(main, list(args))
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    return Run(result.exit_code, result.stdout, result.stderr, crashed)


def warning_lines(relative: str) -> list[str]:
    case = load_case(json.loads((ROOT / relative).read_text(encoding="utf-8")))
    return [f"warning: {w['path']}: {w['message']}" for w in case.warnings]


def assert_unreadable(result: Run, *fragments: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr holding each fragment, no traceback."""
    assert not result.crashed, result.stderr
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


# --- The console script, as a user runs it ----------------------------------------------------


def test_rustam_is_valid_and_its_warnings_are_printed():
    result = docgen("validate", "fixtures/cases/rustam-norway.json")
    assert result.returncode == 0, result.stdout + result.stderr
    expected = warning_lines("fixtures/cases/rustam-norway.json")
    assert expected, "the example case is meant to show warnings"
    assert result.stdout.splitlines() == expected
    assert "warning: procedural_history.2.outcome: No final outcome yet" in result.stdout
    assert result.stderr == ""


def test_json_report_from_the_console_script_parses():
    result = docgen("validate", "--json", "fixtures/cases/rustam-norway.json")
    assert result.returncode == 0
    case = load_case(json.loads((ROOT / "fixtures/cases/rustam-norway.json").read_text("utf-8")))
    assert json.loads(result.stdout) == {"errors": {}, "warnings": case.warnings}


def test_invalid_case_from_the_console_script():
    result = docgen("validate", "fixtures/invalid/control-character.json")
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.startswith("complainants.0.legal_name: Contains a character that cannot")
    result = docgen("validate", "--json", "fixtures/invalid/control-character.json")
    report = json.loads(result.stdout)
    assert list(report["errors"]) == ["complainants.0.legal_name"] and report["warnings"] == []


def test_every_error_is_printed_on_its_own_line_in_utf_8(tmp_path, minimal):
    minimal.update(respondent_state="UK", language="xx")
    minimal["complainants"][0]["fødselsdato"] = "1986-03-14"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(minimal, ensure_ascii=False), encoding="utf-8")
    result = docgen("validate", str(path))
    assert result.returncode == 1
    assert sorted(result.stdout.splitlines()) == [
        "complainants.0.fødselsdato: Unknown field: docgen does not know it (check the spelling).",
        f"language: Must be one of: {', '.join(LANGUAGES)}.",
        "respondent_state: 'UK' is not an ISO 3166-1 alpha-2 country code "
        "(for example NO, UZ, KZ).",
    ]


def test_json_array_exits_1_with_an_error(tmp_path):
    path = tmp_path / "case.json"
    path.write_text("[]", encoding="utf-8")
    result = docgen("validate", str(path))
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == "case: Must be a JSON object holding the case.\n"


def test_missing_file_exits_2_with_one_line():
    result = docgen("validate", "fixtures/cases/no-such-case.json")
    assert_unreadable(result, "fixtures/cases/no-such-case.json", "no such file")


def test_file_that_is_not_json_exits_2_with_one_line(tmp_path):
    path = tmp_path / "case.txt"
    path.write_text("Rustam, born 14 March 1986, Tashkent\n", encoding="utf-8")
    assert_unreadable(docgen("validate", str(path)), str(path), "not JSON")


def test_number_too_long_to_read_exits_2_with_one_line(tmp_path):
    path = tmp_path / "case.json"
    path.write_text('{"respondent_state": ' + "9" * 5_000 + "}", encoding="utf-8")
    assert_unreadable(docgen("validate", str(path)), str(path))


# --- Valid cases --------------------------------------------------------------------------------


@pytest.mark.parametrize("relative", EXAMPLES)
def test_example_case_exits_0_printing_its_warnings(relative):
    result = invoke("validate", relative)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == warning_lines(relative)
    assert result.stderr == ""


def test_case_without_warnings_is_reported_valid(tmp_path, minimal):
    minimal["events"][0]["annexes"] = ["medical-report"]
    minimal["annexes"] = [{"id": "medical-report", "title": "Medical report"}]
    path = tmp_path / "quiet.json"
    path.write_text(json.dumps(minimal), encoding="utf-8")
    result = invoke("validate", str(path))
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{path}: valid\n", "")
    assert json.loads(invoke("validate", "--json", str(path)).stdout) == {
        "errors": {}, "warnings": [],
    }


@pytest.mark.parametrize("relative", EXAMPLES)
def test_json_report_of_a_valid_case(relative):
    result = invoke("validate", "--json", relative)
    assert result.returncode == 0
    case = load_case(json.loads((ROOT / relative).read_text(encoding="utf-8")))
    assert json.loads(result.stdout) == {"errors": {}, "warnings": case.warnings}


def test_json_option_may_follow_the_file():
    result = invoke("validate", "fixtures/cases/minimal.json", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["errors"] == {}


# --- Invalid cases ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture_exits_1_with_a_line_for_its_field(name):
    expected = EXPECTED[name]
    result = invoke("validate", f"fixtures/invalid/{name}")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    matching = [line for line in lines if line.startswith(f"{expected['path']}: ")]
    assert matching, lines
    assert any(expected["message"] in line for line in matching)
    assert not any(line.startswith("warning:") for line in lines)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_json_report_of_an_invalid_fixture(name):
    result = invoke("validate", "--json", f"fixtures/invalid/{name}")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    with pytest.raises(CaseInvalid) as raised:
        load_case(json.loads((INVALID / name).read_text(encoding="utf-8")))
    assert report == {"errors": raised.value.errors, "warnings": []}
    assert EXPECTED[name]["path"] in report["errors"]


def test_json_report_keeps_non_ascii_names(tmp_path, minimal):
    minimal["complainants"][0]["fødselsdato"] = "1986-03-14"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(minimal), encoding="utf-8")
    result = invoke("validate", "--json", str(path))
    assert '"complainants.0.fødselsdato"' in result.stdout
    assert list(json.loads(result.stdout)["errors"]) == ["complainants.0.fødselsdato"]


@pytest.mark.parametrize("content", ["[]", '[{"complainants": []}]', '"case"', "42", "null"])
def test_json_that_is_not_an_object_exits_1(tmp_path, content):
    path = tmp_path / "case.json"
    path.write_text(content, encoding="utf-8")
    result = invoke("validate", str(path))
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == "case: Must be a JSON object holding the case.\n"
    report = json.loads(invoke("validate", "--json", str(path)).stdout)
    assert report == {
        "errors": {"case": ["Must be a JSON object holding the case."]}, "warnings": [],
    }


# --- Files that cannot be read as JSON ----------------------------------------------------------


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_missing_file_gives_one_line_with_or_without_json(json_flag):
    result = invoke("validate", *json_flag, "fixtures/cases/no-such-case.json")
    assert_unreadable(result, "no-such-case.json", "no such file")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"not json {", "not JSON"),
        (b"", "not JSON"),
        (b'{"respondent_state": "NO",}', "not JSON"),
        (b'{"respondent_state": "NO"', "not JSON"),
        (b"\xef\xbb\xbf[", "not JSON"),  # a byte-order mark is read past, not the rest
        (b'{"legal_name": "Aziz \xff"}', "not text in UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
    ids=["text", "empty", "trailing-comma", "unclosed", "bom", "latin-1", "deep"],
)
def test_file_that_is_not_json_gives_one_line(tmp_path, content, fragment):
    path = tmp_path / "case.json"
    path.write_bytes(content)
    assert_unreadable(invoke("validate", str(path)), str(path), fragment)


def test_a_byte_order_mark_is_read_past_as_the_api_and_the_form_do(tmp_path):
    path = tmp_path / "case.json"
    path.write_bytes(b"\xef\xbb\xbf{}")
    result = invoke("validate", str(path))
    assert result.returncode == 1 and "not JSON" not in result.stderr  # read, then found invalid


def test_not_json_message_says_where(tmp_path):
    path = tmp_path / "case.json"
    path.write_text('{\n  "respondent_state": "NO",\n}\n', encoding="utf-8")
    assert_unreadable(invoke("validate", str(path)), "line 3, column 1")


def test_directory_exits_2_without_traceback():
    result = invoke("validate", "fixtures/cases")
    assert (result.returncode, result.crashed, result.stdout) == (2, False, "")


def test_no_file_given_exits_2():
    result = invoke("validate")
    assert (result.returncode, result.crashed) == (2, False)


def test_validate_names_a_source_superseded_before_the_signature_date(tmp_path, rustam):
    rustam["signature"]["date"] = None  # signed today: CO/5 (2020) has replaced the fixture's CO/3
    path = tmp_path / "today.json"
    path.write_text(json.dumps(rustam), encoding="utf-8")
    result = invoke("validate", str(path))
    assert result.returncode == 0
    assert "warning: sources.2: CAT/C/UZB/CO/3 was superseded by CAT/C/UZB/CO/5" in result.stdout


def test_an_application_to_the_court_the_case_does_not_list_is_warned(tmp_path, rustam):
    """Article 22(5)(a): the complaint cannot say whether the Court examines the same matter."""
    rustam["interim_measures"] = {"application": "lodged", "application_reference": "12345/12"}
    path = tmp_path / "lodged.json"
    path.write_text(json.dumps(rustam), encoding="utf-8")
    result = invoke("validate", str(path))
    assert result.returncode == 0 and not result.crashed
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("warning: interim_measures.application: ")]
    assert "Court of Human Rights (application no. 12345/12), but other_procedures does not list it" in line
    assert "examined under another procedure of international investigation or settlement’ (article 22(5)(a)" in line
    rustam["other_procedures"] = [{"body": "ECtHR", "reference": "12345/12", "status": "pending", "same_matter": True}]
    path.write_text(json.dumps(rustam), encoding="utf-8")
    lines = invoke("validate", str(path)).stdout.splitlines()
    assert not any(line.startswith("warning: interim_measures.") for line in lines)
    assert any(line.startswith("warning: other_procedures.0.same_matter: The same matter is pending before ECtHR")
               for line in lines)
