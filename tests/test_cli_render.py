"""`docgen render` and `docgen documents`: in-process through click's runner, and the installed
console script in a subprocess where it matters (a file written, bytes on stdout, a traceback).

Exit codes: 0 written, 1 the case is invalid ("path: message" lines), 2 the command could not run
(unknown document or format, unreadable file).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from expected import EXPECTED
from click.testing import CliRunner

from docgen.case import load_case
from docgen.cli import main
from docgen.render import KINDS, render
from reading import docx_text, pdf_reader, pdf_words

ROOT = Path(__file__).resolve().parent.parent
RUSTAM = ROOT / "fixtures" / "cases" / "rustam-norway.json"
INVALID = ROOT / "fixtures" / "invalid" / "bad-date.json"
_BESIDE_PYTHON = Path(sys.executable).with_name("docgen")
DOCGEN = str(_BESIDE_PYTHON) if _BESIDE_PYTHON.exists() else shutil.which("docgen")


class Result:
    def __init__(self, returncode: int, stdout: bytes, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def installed(*args: str, cwd: Path = ROOT) -> Result:
    """The console script's result: stdout as bytes (a document may be written there)."""
    assert DOCGEN, "the docgen console script is not installed"
    result = subprocess.run([DOCGEN, *args], cwd=cwd, capture_output=True, timeout=120)
    return Result(result.returncode, result.stdout, result.stderr.decode("utf-8"))


def docgen(*args: str) -> Result:
    """The same command run in this process (in the current folder), with the same streams."""
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout_bytes, result.stderr)


def rustam_warnings() -> list[str]:
    case = load_case(json.loads(RUSTAM.read_text(encoding="utf-8")))
    return [f"warning: {w['path']}: {w['message']}" for w in case.warnings]


def test_render_writes_the_pdf_where_output_says(tmp_path):
    target = tmp_path / "complaint.pdf"
    result = installed("render", str(RUSTAM), "--document", "cat-complaint", "--format", "pdf", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    words = pdf_words(target.read_bytes())
    assert "Complaint to the Committee against Torture" in words
    assert "Alisher Bahodirovich Nazarov v Norway" in words
    lines = result.stderr.splitlines()
    assert lines[-1] == f"wrote {target} ({target.stat().st_size:,} bytes)"
    assert lines[:-1] == rustam_warnings()  # the lawyer sees what to check before filing


def test_render_public_writes_the_public_edition(tmp_path):
    target = tmp_path / "public.pdf"
    result = docgen("render", str(RUSTAM), "-d", "cat-complaint", "--public", "-o", str(target))
    assert result.returncode == 0, result.stderr
    words = pdf_words(target.read_bytes())
    assert "Rustam v Norway" in words
    assert "Nazarov" not in words and "AB7734120" not in words


@pytest.mark.parametrize("kind", list(KINDS))
def test_render_docx_and_html(tmp_path, kind):
    docx_file, html_file = tmp_path / f"{kind}.docx", tmp_path / f"{kind}.html"
    assert docgen("render", str(RUSTAM), "-d", kind, "-f", "docx", "-o", str(docx_file)).returncode == 0
    assert docgen("render", str(RUSTAM), "-d", kind, "-f", "html", "-o", str(html_file)).returncode == 0
    fact = EXPECTED[kind].facts[0]
    assert fact in docx_text(docx_file.read_bytes())  # a paragraph or a table cell
    page = html_file.read_text(encoding="utf-8")
    assert page.lower().startswith("<!doctype html>") and fact in page


def test_without_output_the_file_is_named_after_the_document_not_the_person(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert docgen("render", str(RUSTAM), "-d", "appeal-letter").returncode == 0
    assert docgen("render", str(RUSTAM), "-d", "appeal-letter", "--public", "-f", "docx").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["appeal-letter-public.docx", "appeal-letter.pdf"]
    assert pdf_reader((tmp_path / "appeal-letter.pdf").read_bytes()).pages


def test_output_dash_writes_the_document_to_stdout_and_nothing_else():
    result = installed("render", str(RUSTAM), "-d", "cat-complaint", "-f", "pdf", "--output", "-")
    assert result.returncode == 0, result.stderr
    case = load_case(json.loads(RUSTAM.read_text(encoding="utf-8")))
    assert result.stdout == render(case, "cat-complaint", "pdf")
    assert "Movement for Freedom" in pdf_words(result.stdout)


def test_an_invalid_case_exits_1_with_its_errors_and_writes_nothing(tmp_path):
    target = tmp_path / "never.pdf"
    result = docgen("render", str(INVALID), "-d", "cat-complaint", "-o", str(target))
    assert result.returncode == 1
    lines = (result.stdout.decode("utf-8") + result.stderr).splitlines()
    assert lines == ["events.0.date: Not a date: write YYYY-MM-DD, YYYY-MM or YYYY, or an approximate"
                     ' date: "circa 2006", "before 2006", "after 2006" or "2006/2008" (between).']
    assert "Traceback" not in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    "args, complaint",
    [
        (["-d", "complaint"], "'complaint' is not one of " + ", ".join(f"'{kind}'" for kind in KINDS)),
        (["-d", "cat-complaint", "-f", "odt"], "'odt' is not one of 'docx', 'pdf', 'html'"),
        ([], "Missing option '--document'"),
    ],
)
def test_unknown_document_or_format_exits_2(tmp_path, args, complaint):
    result = docgen("render", str(RUSTAM), *args, "-o", str(tmp_path / "x"))
    assert result.returncode == 2
    assert result.stdout == b""
    assert complaint in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x").exists()


def test_a_missing_case_file_exits_2_with_one_line(tmp_path):
    result = docgen("render", str(tmp_path / "nowhere.json"), "-d", "cat-complaint")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"docgen: {tmp_path / 'nowhere.json'}: no such file"]


def test_documents_lists_every_kind_with_its_title():
    result = docgen("documents")
    assert result.returncode == 0
    lines = result.stdout.decode("utf-8").splitlines()
    assert lines == [f"{kind.id}\t{kind.title}\t{' '.join(kind.languages)}" for kind in KINDS.values()]
    assert any(line.startswith("appeal-letter\t") and line.split("\t")[2].split() == ["en", "nb"]
               for line in lines)


# --- what the command gets wrong ------------------------------------------------------------------


def test_errors_go_to_stderr_when_the_document_goes_to_stdout():
    result = docgen("render", str(INVALID), "-d", "cat-complaint", "--output", "-")
    assert result.returncode == 1
    assert result.stdout == b""
    assert "events.0.date: Not a date" in result.stderr


def test_warnings_are_printed_on_stderr_when_the_document_goes_to_stdout():
    result = docgen("render", str(RUSTAM), "-d", "cat-complaint", "--output", "-")
    assert result.returncode == 0
    assert result.stderr.splitlines() == rustam_warnings()


def test_an_unwritable_output_exits_2_with_one_line(tmp_path):
    target = tmp_path / "no-such-folder" / "complaint.pdf"
    result = installed("render", str(RUSTAM), "-d", "cat-complaint", "-o", str(target))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    # The case's warnings come first, as for every render; then one line says what went wrong.
    lines = [line for line in result.stderr.splitlines() if not line.startswith("warning: ")]
    assert len(lines) == 1 and str(target) in lines[0]
