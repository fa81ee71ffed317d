"""Case names the user types in the case's own sentences are italic, as OSCOLA sets them, in the
model and so in the DOCX, the PDF and the HTML alike; a name is data, never markup."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document as Docx
from lxml import html as lxml_html
from pypdf import PdfReader

from docgen.case import load_case
from docgen.model.build import build_document
from docgen.model.document import Text
from docgen.render import render

NAME = "Abdussamatov and 28 others v Kazakhstan"  # the fixture's source "abdussamatov"


def italic_runs(document) -> list[str]:
    return [part.text for block in document.blocks for part in block.inlines
            if isinstance(part, Text) and part.italic]


def test_a_case_name_in_the_users_words_is_italic_and_nothing_around_it(rustam):
    document = build_document(load_case(rustam), "cat-complaint")
    assert italic_runs(document) == [NAME]
    block = next(b for b in document.blocks if NAME in b.text)
    before, name, after = block.content[:3]
    assert (before.text, before.italic) == ("On 1 June 2012, in ", False)
    assert (name.text, name.italic) == (NAME, True)
    assert after.text.startswith(", the Committee against Torture found") and not after.italic


def test_the_short_title_too_and_only_as_words_of_its_own(rustam):
    rustam["claims"][0]["description"] = ("As in Abdussamatov, and unlike Abdussamatovs or "
                                          "AbdussamatovX, his removal would expose him to torture.")
    document = build_document(load_case(rustam), "cat-complaint")
    assert italic_runs(document).count("Abdussamatov") == 1


def test_a_name_the_case_does_not_hold_as_a_source_stays_roman(rustam):
    rustam["claims"][0]["description"] = "As in Soering v United Kingdom, removal would breach article 3."
    assert "Soering v United Kingdom" not in italic_runs(build_document(load_case(rustam), "cat-complaint"))


def test_docx_pdf_and_html_print_the_same_italics(rustam):
    case = load_case(rustam)
    docx = Docx(io.BytesIO(render(case, "cat-complaint", "docx")))
    italic_words = [run.text for paragraph in docx.paragraphs for run in paragraph.runs if run.italic]
    assert NAME in italic_words
    page = lxml_html.fromstring(render(case, "cat-complaint", "html"))
    body_em = [em.text_content() for em in page.xpath("//p[not(ancestor::*[contains(@class, 'footnote')])]//em")]
    assert NAME in body_em
    fragments: list[tuple[str, str]] = []
    for pdf_page in PdfReader(io.BytesIO(render(case, "cat-complaint", "pdf"))).pages:
        pdf_page.extract_text(visitor_text=lambda text, cm, tm, font, size: fragments.append(
            (text, str((font or {}).get("/BaseFont")))))
    assert any(NAME in text and "Italic" in font for text, font in fragments)
    assert not any(text.startswith("On 1 June 2012, in") and "Italic" in font for text, font in fragments)


def test_a_name_with_markup_and_html_characters_is_printed_as_typed(rustam):
    hostile = "X *v* <b>Y</b> & [Z](http://a.b)"
    rustam["sources"][1]["title"] = hostile
    del rustam["sources"][1]["title-short"]
    rustam["claims"][0]["description"] = f"As in {hostile}, removal would breach article 3."
    case = load_case(rustam)
    assert hostile in italic_runs(build_document(case, "cat-complaint"))
    page = render(case, "cat-complaint", "html").decode("utf-8")
    assert "<em>X *v* &lt;b&gt;Y&lt;/b&gt; &amp; [Z](http://a.b)</em>" in page
    assert "<b>Y</b>" not in page
