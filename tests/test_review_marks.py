"""What is still to verify stays visible in a draft (issue 9, section 3), and a final edition
is refused while any remains.

Facts without a source and pinpoints with "verified": false are marked in the draft: a real Word
review comment with a highlight in the DOCX, a highlighted paragraph with a bar in the margin and
a note in the PDF and HTML. `--final` / `final=1` refuses, listing each by path, and once nothing
remains renders without marks. Read from the files, as a lawyer (and Word, and LibreOffice) would.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from reading import assert_error, docx_text, libreoffice_pdf, pdf_words, post_json

from docgen.case import load_case
from docgen.cli import main
from docgen.model.build import NotFinal, build_document
from docgen.render import render

RUSTAM = Path(__file__).resolve().parent.parent / "fixtures" / "cases" / "rustam-norway.json"
# What the draft below leaves to verify, by path: two pinpoints of risk factors (in both
# documents), one of new evidence (in the appeal letter only) and a fact without a source.
UNVERIFIED = ["risk_factors.3.sources.0.verified", "risk_factors.5.sources.1.verified"]
NEW_EVIDENCE = "appeal.new_evidence.0.sources.0.verified"
UNSOURCED = "events.2.sources"
COURT_REASON = "An action before the courts would not have suspended the removal."
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def without_brackets(data: dict) -> dict:
    """The fixture with nothing left to complete in brackets: the court route accounted for, and
    signed on the first day docgen knows the Committee's address."""
    data["remedies_not_used"] = [{"kind": "judicial_review", "reason": COURT_REASON}]
    data["signature"]["date"] = "2012-08-21"
    return data


@pytest.fixture
def draft(rustam) -> dict:
    """The fixture with three pinpoints not verified and one fact (he fled in 2006) without a source."""
    without_brackets(rustam)
    rustam["risk_factors"][3]["sources"][0]["verified"] = False
    rustam["risk_factors"][5]["sources"][1]["verified"] = False
    rustam["appeal"]["new_evidence"][0]["sources"][0]["verified"] = False
    rustam["events"][2]["sources"] = []
    return rustam


def all_verified(data: dict) -> dict:
    for part in ("events", "risk_factors", "procedural_history"):
        for item in data[part]:
            for citation in item.get("sources", []):
                citation["verified"] = True
    for item in data["appeal"]["new_evidence"]:
        for citation in item["sources"]:
            citation["verified"] = True
    return data


def test_the_draft_marks_each_unverified_pinpoint_and_unsourced_fact_in_its_paragraph(draft):
    document = build_document(load_case(draft), "cat-complaint")
    marked = {mark.path: block for block in document.blocks for mark in block.marks}
    assert sorted(marked) == sorted([*UNVERIFIED, UNSOURCED])
    assert "He fled Uzbekistan" in marked[UNSOURCED].text
    assert "conclusions and recommendations on Uzbekistan" in marked[UNVERIFIED[0]].text
    notes = {mark.path: mark.note for block in document.blocks for mark in block.marks}
    assert notes[UNVERIFIED[0]].startswith("The pinpoint para 6 in 'cat-co-uzb-3' is not verified")
    assert notes[UNSOURCED].startswith("No source or annex supports this fact")


def test_the_draft_docx_carries_word_review_comments_with_highlights(draft, tmp_path):
    data = render(load_case(draft), "cat-complaint", "docx")
    package = zipfile.ZipFile(io.BytesIO(data))
    assert "word/comments.xml" in package.namelist()
    rels = package.read("word/_rels/document.xml.rels").decode()
    assert re.search(r'Type="[^"]+/relationships/comments" Target="comments.xml"', rels)
    types = package.read("[Content_Types].xml").decode()
    assert 'PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"' in types
    body = package.read("word/document.xml").decode()
    ids = ["0", "1", "2"]
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        assert re.findall(rf'<w:{tag} w:id="(\d+)"/>', body) == ids
    # Each range holds its paragraph's words, highlighted.
    for start, end in zip(re.finditer(r"<w:commentRangeStart", body), re.finditer(r"<w:commentRangeEnd", body)):
        inside = body[start.end():end.start()]
        assert '<w:highlight w:val="yellow"/>' in inside and "<w:t" in inside
    # python-docx reads them as Word's comments, each naming what to check and where.
    comments = list(docx.Document(io.BytesIO(data)).comments)
    assert [c.author for c in comments] == ["docgen"] * 3
    texts = [c.text for c in comments]
    assert any(f"[{UNSOURCED}]" in t and "No source" in t for t in texts)
    assert all(any(f"[{path}]" in t for t in texts) for path in UNVERIFIED)
    # LibreOffice opens it and converts it.
    converted = libreoffice_pdf(data, tmp_path)
    assert converted.startswith(b"%PDF") and "He fled Uzbekistan" in pdf_words(converted)


def test_the_draft_pdf_and_html_show_each_mark_beside_its_paragraph(draft):
    case = load_case(draft)
    words = pdf_words(render(case, "cat-complaint", "pdf"))
    fled = words.index("He fled Uzbekistan")
    assert words.index(f"To verify: No source or annex supports this fact") > fled
    assert f"[{UNSOURCED}]" in words
    assert words.count("To verify:") == 3
    page = render(case, "appeal-letter", "html").decode()
    assert page.count('class="review-note"') == 4  # the letter also cites new evidence unverified
    assert re.search(r'<p class="numbered level-0 to-verify">', page)


def test_a_final_edition_is_refused_listing_what_remains(draft):
    case = load_case(draft)
    with pytest.raises(NotFinal) as refused:
        build_document(case, "cat-complaint", final=True)
    assert sorted(refused.value.errors) == sorted([*UNVERIFIED, UNSOURCED, NEW_EVIDENCE])


def test_the_command_line_refuses_a_final_edition_with_exit_1_and_the_list(draft, tmp_path):
    case_file, target = tmp_path / "case.json", tmp_path / "final.pdf"
    case_file.write_text(json.dumps(draft))
    result = CliRunner().invoke(main, ["render", str(case_file), "-d", "cat-complaint", "--final",
                                       "-o", str(target)])
    assert result.exit_code == 1 and not target.exists()
    assert "A final edition needs every fact sourced, every pinpoint verified and every bracketed text completed" \
        in result.stderr
    for path in [*UNVERIFIED, UNSOURCED]:
        assert f"\n{path}: " in result.stderr
    assert "Traceback" not in result.stderr


def test_the_api_refuses_a_final_edition_with_422_and_the_list(client, draft):
    response = post_json(client, "/api/v1/documents/cat-complaint?format=docx&final=1", draft)
    assert_error(response, 422, "case_not_final")
    assert sorted(response.json["errors"]) == sorted([*UNVERIFIED, UNSOURCED, NEW_EVIDENCE])
    draft_response = post_json(client, "/api/v1/documents/cat-complaint?format=docx", draft)
    assert draft_response.status_code == 200


@pytest.mark.parametrize("format", ["docx", "pdf"])
def test_a_final_edition_of_a_case_with_nothing_to_verify_has_no_marks(rustam, client, format):
    data = all_verified(without_brackets(rustam))
    response = post_json(client, f"/api/v1/documents/cat-complaint?format={format}&final=1", data)
    assert response.status_code == 200
    if format == "docx":
        package = zipfile.ZipFile(io.BytesIO(response.data))
        assert "word/comments.xml" not in package.namelist()
        body = package.read("word/document.xml").decode()
        assert "commentRange" not in body and "w:highlight" not in body
        assert "He fled Uzbekistan" in docx_text(response.data)
    else:
        words = pdf_words(response.data)
        assert "To verify" not in words and "He fled Uzbekistan" in words


def test_the_public_draft_marks_too_without_identifying_text(draft):
    draft["risk_factors"][3]["sources"][0]["pinpoint"] = "para 6 (Nazarov)"
    document = build_document(load_case(draft), "cat-complaint", public=True)
    notes = [mark.note for block in document.blocks for mark in block.marks]
    assert len(notes) == 3 and not any("Nazarov" in note for note in notes)


def test_in_the_form_pinpoint_verified_starts_unticked(client):
    page = client.get("/").data.decode()
    boxes = re.findall(r'<input type="checkbox"[^>]*name="[^"]*\.verified"[^>]*>', page)
    assert boxes and not [box for box in boxes if "checked" in box]


def test_the_forms_final_download_is_refused_with_the_list_then_made_once_verified(client, draft):
    from reading import FormClient

    form = FormClient(client)

    def download(case: dict, **final):
        return form.post({"_case": json.dumps(case), "file": "cat-complaint.pdf", **final},
                         action="", path="/download")

    refused = download(draft, final="1")
    assert refused.status_code == 422 and refused.mimetype == "text/html"
    assert "The final edition was not made" in refused.text
    made = download(all_verified(without_brackets(json.loads(RUSTAM.read_text(encoding="utf-8")))), final="1")
    assert made.status_code == 200 and "To verify" not in pdf_words(made.data)
    drafted = download(draft)
    assert drafted.status_code == 200 and "To verify" in pdf_words(drafted.data)


# The bracketed texts the fixture as it stands (signed 10 July 2012) leaves to complete, by path:
# the Committee's address on that day, and the court route the case does not account for.
BRACKETS = ["templates/committee.toml", "remedies_not_used"]


def test_each_bracket_to_complete_is_a_review_comment_on_its_highlighted_words(rustam):
    data = render(load_case(rustam), "cat-complaint", "docx")
    comments = {c.text.rsplit("[", 1)[1].rstrip("]"): c for c in docx.Document(io.BytesIO(data)).comments}
    assert sorted(comments) == sorted(BRACKETS)
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    ranges = [body[start.end():end.start()] for start, end in
              zip(re.finditer(r"<w:commentRangeStart", body), re.finditer(r"<w:commentRangeEnd", body))]
    assert len(ranges) == 2
    for inside in ranges:
        assert '<w:highlight w:val="yellow"/>' in inside and "[To be completed before filing: " in inside
    words = pdf_words(render(load_case(rustam), "cat-complaint", "pdf"))
    court = words.index("[To be completed before filing: whether the complainant brought an action")
    assert words.index("To verify: Add an action against the State", court) > court
    assert "received filings on 10 July 2012.] To verify: docgen knows where the Committee against Torture " \
        "received filings only from 21 August 2012" in words


@pytest.mark.parametrize("kind, left", [("cat-complaint", BRACKETS), ("cat-interim-measures", BRACKETS[:1])])
def test_a_final_edition_with_a_bracket_left_is_refused_naming_it(rustam, kind, left):
    with pytest.raises(NotFinal) as refused:
        build_document(load_case(all_verified(rustam)), kind, final=True)
    assert sorted(refused.value.errors) == sorted(left)
    # The Court's channel of 10 July 2012 is known: that request has nothing to complete.
    assert build_document(load_case(all_verified(rustam)), "echr-rule-39", final=True)


def test_a_late_appeal_without_its_reason_is_marked_and_refused_final(rustam):
    rustam["appeal"]["kind"] = "appeal"  # the fixture's decision was notified four weeks before signature
    document = build_document(load_case(rustam), "appeal-letter")
    late = next(block for block in document.blocks if "after the time limit" in block.text)
    assert "[To be completed before sending: why the delay" in late.text
    assert [mark.path for mark in late.marks] == ["appeal.late_reason"]
    with pytest.raises(NotFinal) as refused:
        build_document(load_case(all_verified(rustam)), "appeal-letter", final=True)
    assert list(refused.value.errors) == ["appeal.late_reason"]


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru"])
def test_a_bracket_speaks_to_the_lawyer_and_docgens_own_aside_is_the_review_note(rustam, language):
    """Signed before the first address docgen knows: the filing's words ask for the address;
    which file docgen reads it from is said only in the review note."""
    document = build_document(load_case(rustam), "cat-complaint", language=language)
    words = " ".join(block.text for block in document.blocks)
    assert "docgen" not in words and ".toml" not in words
    assert ("templates/committee.toml" in [mark.path for block in document.blocks for mark in block.marks])
