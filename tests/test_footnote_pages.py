"""Each footnote is printed at the foot of the page that calls it (docgen/writers/footnote_calls.py).

WeasyPrint alone moved a note called in one paragraph to the next page to make room for a later
paragraph's second line: the fixture's Rule 39 request (signed 10 July 2012) called note 10 on
page 2 and printed it on page 3, and its appeal letter did the same with note 11. Read from the
PDF: on each page, the numbers set as calls (8 pt, raised) and as notes (9.5 pt) are the same.
"""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from docgen.case import load_case
from docgen.render import render
from docgen.writers import footnote_calls

CALL_SIZES, NOTE_SIZES = (7.5, 8.5), (9.0, 10.0)  # templates/html/document.css: .fn


def calls_and_notes(pdf: bytes) -> list[tuple[list[int], list[int]]]:
    """Per page, the footnote numbers called in the text and those printed at the foot."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        numbers: list[tuple[float, int]] = []

        def visit(text, cm, tm, font, size):
            if text.strip().isdigit():
                numbers.append((abs(size * tm[3] * cm[3]), int(text)))

        page.extract_text(visitor_text=visit)
        pages.append(([n for size, n in numbers if CALL_SIZES[0] <= size <= CALL_SIZES[1]],
                      [n for size, n in numbers if NOTE_SIZES[0] <= size <= NOTE_SIZES[1]]))
    return pages


@pytest.mark.parametrize("kind", ["echr-rule-39", "appeal-letter", "cat-complaint"])
def test_every_note_is_on_the_page_of_its_call(rustam, kind):
    pages = calls_and_notes(render(load_case(rustam), kind, "pdf"))
    assert len(pages) > 1
    called = [n for calls, _ in pages for n in calls]
    assert called == sorted(called) and called[0] == 1  # the reading is of the real calls
    for number, (calls, notes) in enumerate(pages, 1):
        assert calls == notes, f"page {number}: called {calls}, printed {notes}"


def test_the_patch_is_left_out_of_a_weasyprint_it_was_not_checked_with():
    assert not footnote_calls.install(SimpleNamespace(__version__="71.0"))
