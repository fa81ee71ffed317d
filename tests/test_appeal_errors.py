"""The appeal letter's errors in the decision cite the sources of the facts they state, as events do.

An error is {text, sources, annexes}; a plain string (as case files and API callers wrote errors
before) loads as its text alone. Read from the schema's answers and from the PDF and DOCX made.
"""

from __future__ import annotations

import re

import pytest
from reading import docx_document, docx_footnotes, pdf_words
from refusals import errors_of

from docgen.case import load_case
from docgen.case.warnings import legal_warnings
from docgen.model.build import NotFinal
from docgen.render import render

ABDUSSAMATOV = ("Abdussamatov and 28 others v Kazakhstan (1 June 2012) Communication No 444/2010, "
                "UN Doc CAT/C/48/D/444/2010")
# The third error's note in each language: Eurasianet para 5, and the decision as a whole.
THIRD_NOTE = {"en": f"Cleek (n 1) para 5; {ABDUSSAMATOV}.",
              "nb": "Cleek (note 1) avsn. 5; Abdussamatov and 28 others v Kazakhstan (1. juni 2012) "
                    "klage nr. 444/2010, UN Doc CAT/C/48/D/444/2010."}
THIRD_ENDS = "violated the Convention."


def _bytes(rendered) -> bytes:
    return rendered if isinstance(rendered, bytes) else rendered.data


def test_an_error_written_as_a_string_loads_as_its_text_citing_nothing(rustam):
    rustam["appeal"]["errors"] = ["The decision overlooks his torture."]
    assert load_case(rustam).data["appeal"]["errors"] == [
        {"text": "The decision overlooks his torture.", "sources": [], "annexes": []}]


def test_a_string_error_renders_without_a_footnote_marked_to_verify_in_the_draft(rustam):
    rustam["appeal"]["errors"] = ["The decision overlooks his torture."]
    case = load_case(rustam)
    words = pdf_words(_bytes(render(case, "appeal-letter", "pdf")))
    assert ("Errors in the decision 6. The decision overlooks his torture. To verify: No source or annex "
            "supports this fact: every factual claim should be footnoted. [appeal.errors.0.sources] "
            "New evidence") in words
    with pytest.raises(NotFinal) as refused:
        render(case, "appeal-letter", "pdf", final=True)
    assert "appeal.errors.0.sources" in refused.value.errors


@pytest.mark.parametrize("path, value, error_path, message", [
    ("sources", [{"source": "eurasianet-2021", "pinpoint": "para 5"}], "appeal.errors.2.sources.0.source",
     "No source has the id 'eurasianet-2021'"),
    ("annexes", ["decision-2021"], "appeal.errors.2.annexes.0", "No annex has the id 'decision-2021'"),
    ("text", "", "appeal.errors.2.text", "Must not be empty"),
])
def test_an_error_citing_what_the_case_lacks_is_refused_by_its_path(rustam, path, value, error_path, message):
    rustam["appeal"]["errors"][2][path] = value
    errors = errors_of(rustam)
    assert list(errors) == [error_path] and message in errors[error_path][0]


def test_an_error_neither_text_nor_object_is_refused_saying_how_to_write_it(rustam):
    rustam["appeal"]["errors"][1] = 12
    assert errors_of(rustam) == {"appeal.errors.1": [
        "Write the error as text, or as an object with its text, sources and annexes."]}


def test_an_error_without_source_or_annex_is_warned_of_as_an_unsourced_fact(rustam):
    rustam["appeal"]["errors"][0] = "The decision overlooks his work for Jarayon."
    warned = [w for w in legal_warnings(load_case(rustam).data) if w["path"].startswith("appeal.errors")]
    assert warned == [{"path": "appeal.errors.0.sources",
                       "message": "No source or annex supports this fact: every factual claim should be footnoted."}]


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_pdf_prints_each_errors_footnote_with_its_pinpoint(rustam, language):
    rustam["language"] = language
    words = pdf_words(_bytes(render(load_case(rustam), "appeal-letter", "pdf")))
    pinpoint = "para 2" if language == "en" else "avsn. 2"
    # The first error's annex and note; the second's note; the third's, after its full stop.
    assert re.search(r"Jarayon \((Annex|vedlegg) 3\)\.3 7\. The decision", words)
    assert re.search(rf"before he fled in 2006\.4 8\. ", words)
    assert f"{THIRD_ENDS}5 " in words
    assert f"3 {'ibid' if language == 'en' else 'Ibid.'} {pinpoint}. 4 " in words
    assert f"5 {THIRD_NOTE[language]}" in words


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_docx_calls_each_errors_footnote_with_its_pinpoint(rustam, language):
    rustam["language"] = language
    data = _bytes(render(load_case(rustam), "appeal-letter", "docx"))
    calls = {paragraph.text: re.findall(r'<w:footnoteReference w:id="(\d+)"/>', paragraph._p.xml)
             for paragraph in docx_document(data).paragraphs}
    notes = {number: " ".join(text.split()) for number, text in docx_footnotes(data)}  # no-break spaces as spaces
    third = next(text for text in calls if text.endswith(THIRD_ENDS) and "eleven days" in text)
    assert [notes[int(n)] for n in calls[third]] == [THIRD_NOTE[language]]
    second = next(text for text in calls if text.endswith("before he fled in 2006."))
    assert [notes[int(n)] for n in calls[second]] == ["ibid." if language == "en" else "Ibid."]  # the same place as the note before
