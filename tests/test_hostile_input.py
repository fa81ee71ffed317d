"""Hostile text in any field of a case: it is printed as the words it is, or refused by name.

Through the API (POST /api/v1/documents/<kind>?format=...), with the example case and one of
its string fields replaced:

- a free-text field (docgen.case.fields.Text) either renders in the format asked, its text
  appearing literally wherever the document prints that field (checked in the DOCX's words, the
  HTML's words and the PDF's text as pypdf reads it), or is refused with a 422 whose errors name
  that field's path;
- a coded field (an id, a date, a country, an enumeration, a URL) is refused with a 422 that
  names it, or, for an id, names the fields that referred to the old one;
- never a 5xx.

The hostile strings mix the kinds of text that break document generators: XML and HTML syntax,
Jinja syntax, Markdown, right-to-left text and bidi controls, emoji and combining marks, very
long words, control characters, lone surrogates, odd whitespace. The catalogue tests put each
kind in a printed field once; the property tests (hypothesis) combine them at random in every
string field. DOCGEN_HOSTILE_EXAMPLES=<n> runs n examples instead of the few a CI run affords.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from expected import KINDS
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from docgen.case import CaseInvalid, load_case
from docgen.case.fields import Text
from docgen.model.build import build_document
from docgen.web.form import formdata
from reading import (
    docx_text, edit_path, fold_typography, html_words, normalise, pdf_reader, pdf_sections,
    post_json,
)

EXAMPLES = int(os.environ.get("DOCGEN_HOSTILE_EXAMPLES", "0"))
FORMATS = ("docx", "html", "pdf")

# --- The kinds of hostile text ----------------------------------------------------------------

# Printed as they are: each of these must come out of every format letter for letter.
PRINTED = {
    "XML and HTML special characters": "Tom & Jerry &amp; <b>not bold</b> \"quoted\" 'single' a<b>c",
    "HTML that would fetch or run": "<img src=x onerror=alert(1)><script>alert(1)</script>"
                                    "<iframe src=//x></iframe>",
    "Jinja expressions": "{{ config }} {{ 7*191 }} {{ ''.__class__.__mro__ }} {{ cite('x') }}",
    "Jinja statements and comments": "{% for x in range(3) %}loop{% endfor %} {# hidden #} "
                                     "{% raw %}{%_ endraw _%} {_{ x }_}",
    "Markdown syntax": "*em* **strong** _u_ # heading [link](http://x) ![img](x) `code` "
                       "> quote ::: urgent {^3} 1. item \\ ---",
    "right-to-left text": "مرحبا بالعالم שלום עולם",
    "bidi isolates, embeddings and marks": "abc \u202bdcba\u202c \u2067rtl\u2069 \u200fmark",
    "emoji": "😀 🙂 👨\u200d👩\u200d👧 🇳🇴 👍🏽 ✊",
    "combining marks": "e\u0301 a\u0308 n\u0303 Z\u0351\u0352\u0353a\u0300\u0301\u0302l\u0303go",
    "a very long word": "Pneumonoultramicroscopicsilicovolcanoconiosis" * 4,
    "Cyrillic and Uzbek Latin": "Республика Узбекистан Oʻzbekiston G‘afur",
    "format strings and injections": "%s %d %n {0} ${jndi:ldap://x/a} '; DROP TABLE cases; -- "
                                     "../../etc/passwd file:///etc/passwd",
    "unusual spaces": "no\u00a0break\u2009thin\u3000ideographic\u200bzero-width soft\u00adhyphen",
    "quotes and dashes": "“curly” ‘single’ «guillemets» — en–dash … ellipsis",
}

# Refused with a 422 at the field: what cannot stand in a DOCX or PDF, and what breaks a field's
# rules (one line, not empty, its length).
REFUSED = {
    "NUL": "before\x00after",
    "a C0 control (bell)": "ring\x07ring",
    "a vertical tab": "a\x0bb",
    "an escape sequence": "\x1b[31mred\x1b[0m",
    "DEL": "del\x7fete",
    "a C1 control (NEL)": "next\x85line",
    "a lone high surrogate": "half \ud800 of a pair",
    "a lone low surrogate": "\udfff",
    "a noncharacter": "not \uffff a character",
    "a bidi override": "abc \u202edcba\u202c",
    "a line break in a one-line field": "first line\nsecond line",
    "only whitespace": " \t\u3000 ",
    "longer than the field allows": "w" * 201,  # made one longer than each field's limit below
}

# Pieces from which the property tests make strings: the kinds above, and their parts.
PIECES = sorted({*PRINTED.values(), *REFUSED.values(), "<", ">", "&", "{{", "}}", "{%", "%}",
                 "\\", "*", "_", "#", "[", "]", "`", "\n", "\r\n", "\t", "  ", "\u202e", "\u200f",
                 "\u0301", "😀", "x" * 120, "http://127.0.0.1:1/", "javascript:alert(1)"})

# Characters the installed fonts print (DejaVu, Liberation, Symbola): Latin, Greek, Cyrillic,
# Hebrew, Arabic, punctuation, symbols, combining marks, emoji. Scripts without a font here (CJK,
# Hangul, Indic...) print as empty boxes, and pypdf then misreads the whole run of text around
# them (pdftotext reads it right): the PDF check skips text with such characters.
# (DejaVu Sans, the fallback, has no U+063B-U+063F: Arabic letters for other languages.)
_FONT_RANGES = [(0x20, 0x24F), (0x300, 0x36F), (0x370, 0x3FF), (0x400, 0x4FF), (0x5D0, 0x5EA),
                (0x621, 0x63A), (0x640, 0x64A), (0x2010, 0x205E), (0x20A0, 0x20BF), (0x2190, 0x21FF),
                (0x2200, 0x22FF), (0x2600, 0x26FF), (0x1F300, 0x1F64F)]
_CATEGORIES = ("L", "M", "N", "P", "S", "Zs")
_ANY_TEXT = st.characters(categories=_CATEGORIES, include_characters="\n\t")
_FONT_TEXT = st.one_of(*(st.characters(min_codepoint=lo, max_codepoint=hi, categories=_CATEGORIES)
                         for lo, hi in _FONT_RANGES), st.sampled_from("\n\t "))


def hostile_text(pieces: list[str] = PIECES, alphabet=_ANY_TEXT) -> st.SearchStrategy[str]:
    """A string of one to five hostile pieces and stretches of random text."""
    return st.lists(st.sampled_from(pieces) | st.text(alphabet, max_size=30), min_size=1,
                    max_size=5).map("".join)


def _accepted(piece: str) -> bool:
    try:
        Text(max_length=1_000).deserialize(piece)
    except ValidationError:
        return False
    return "\n" not in piece


# The pieces a one-line field accepts: most examples should get as far as a document.
PRINTABLE = [piece for piece in PIECES if _accepted(piece)]


def hostile_code() -> st.SearchStrategy[str]:
    """What goes into an id, a date or a country: the pieces alone, never two plain letters."""
    return st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map("".join)


# --- The fields of the example case -----------------------------------------------------------


RUSTAM = Path(__file__).resolve().parent.parent / "fixtures" / "cases" / "rustam-norway.json"


@cache
def rustam_text() -> str:
    return RUSTAM.read_text(encoding="utf-8")


def rustam() -> dict:
    return json.loads(rustam_text())


def string_leaves(value: Any, prefix: str = "") -> list[str]:
    """The dotted path of every string in ``value``."""
    if isinstance(value, dict):
        return [p for key, child in value.items() for p in string_leaves(child, f"{prefix}{key}.")]
    if isinstance(value, list):
        return [p for index, child in enumerate(value) for p in string_leaves(child, f"{prefix}{index}.")]
    return [prefix[:-1]] if isinstance(value, str) else []


def value_at(data: Any, path: str) -> Any:
    for key in path.split("."):
        data = data[int(key)] if isinstance(data, list) else data[key]
    return data


def with_value(path: str, value: str) -> dict:
    return edit_path(rustam(), path, value)


PATHS = string_leaves(rustam())
FREE_TEXT = [path for path in PATHS if isinstance(formdata.node_at(path), Text)]
CODED = [path for path in PATHS if path not in FREE_TEXT]


@cache
def printed_in(path: str, kind: str, public: bool) -> bool:
    """Whether the document prints this field: a marker put there shows in its model."""
    marker = "Qzxmarkerq"
    document = build_document(load_case(with_value(path, marker)), kind, public=public)
    texts = [block.text for block in document.blocks] + [note.text for note in document.footnotes]
    return any(marker in text for text in texts)


def test_the_example_case_has_fields_of_both_sorts():
    assert len(FREE_TEXT) > 60 and len(CODED) > 40
    assert {"complainants.0.legal_name", "events.0.description", "sources.0.title"} <= set(FREE_TEXT)
    assert {"complainants.0.birth_date", "sources.0.id", "respondent_state", "sources.0.URL"} <= set(CODED)
    assert printed_in("events.0.description", "cat-complaint", False)
    assert not printed_in("complainants.0.legal_name", "cat-complaint", True)  # the control


# --- What an answer must be -------------------------------------------------------------------


def render(client, kind: str, format: str, case: dict, public: bool = False):
    url = f"/api/v1/documents/{kind}?format={format}&public={int(public)}"
    # ensure_ascii keeps lone surrogates as \ud800 escapes, as a JSON client sends them.
    return post_json(client, url, json.dumps(case, ensure_ascii=True))


def words_of(data: bytes, format: str, document=None) -> str:
    """The words of a file. A PDF's are its pages' text with the footers and footnote areas
    taken out and the footnotes after it (reading.pdf_sections, given the ``document`` model),
    so that a line broken by a page break reads on."""
    if format == "docx":
        return normalise(docx_text(data))
    if format == "html":
        return normalise(html_words(data))
    body, notes, _ = pdf_sections(data, document.footnotes)
    return "\n".join([body, *(text for _, text in notes)])


def expected_lines(loaded: str) -> list[str]:
    """What must be printed of a loaded value: each line, whitespace made single spaces, without
    the stop at its end (a sentence's annexes go before it; OSCOLA drops it in footnotes)."""
    lines = [re.sub(r"[.!?]+$", "", normalise(line)).strip() for line in loaded.split("\n")]
    return [line for line in lines if line]


def _pdf_form(text: str) -> str:
    """Text as pypdf can give it back: compatibility forms unfolded (ligatures), without
    whitespace, hyphens (added at line ends), format characters (bidi controls, ZWJ) or
    combining marks (a mark is a glyph placed over its letter, which pypdf reads back before
    it, after it or composed with it; the DOCX and HTML checks see them)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not c.isspace() and c not in "-\u2010\u00ad"
                   and unicodedata.category(c) not in ("Cf", "Mn", "Me"))


def _runs(text: str) -> list[str]:
    """The runs of a line that keep their order in any layout: letters of one script (with
    their marks), and numbers. Spaces, punctuation and a change of script (of direction, or of
    font: Hebrew and Arabic are both right to left) end a run."""
    runs: list[str] = []
    current, kind = "", None
    for char in text:
        bidi = unicodedata.bidirectional(char)
        if bidi == "NSM" and current:
            current += char
            continue
        script = unicodedata.name(char, "?").split()[0]
        this = (("N" if char.isdigit() else script) if char.isalnum() else None)
        if this != kind and current:
            runs.append(current)
            current = ""
        kind = this
        if this:
            current += char
    if current:
        runs.append(current)
    return runs


def _right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL", "RLE", "RLO", "RLI") for c in text)


def _printable_here(text: str) -> bool:
    return all(any(lo <= ord(c) <= hi for lo, hi in _FONT_RANGES) or c.isspace()
               or unicodedata.category(c) == "Cf" for c in text)


def missing_from(words: str, format: str, lines: list[str]) -> list[str]:
    """The expected lines not found in a document's words."""
    words, lines = fold_typography(words), [fold_typography(line) for line in lines]
    if format != "pdf":
        return [line for line in lines if line not in words]
    printed = _pdf_form(words)
    missing = []
    if not all(_printable_here(line) for line in lines):
        return []  # no font for some of it: see _FONT_RANGES
    for line in lines:
        if _right_to_left(line):
            # Laid out in visual order, a mixed line comes back with its runs reordered and the
            # punctuation and numbers between them moved: each run of letters, and each number,
            # must be there, whatever the order; under a right-to-left override (U+202E),
            # reversed.
            runs = [_pdf_form(run) for run in _runs(line)]
            if any(run not in printed and run[::-1] not in printed for run in runs if run):
                missing.append(line)
            continue
        if _pdf_form(line) not in printed:
            missing.append(line)
    return missing


def check_answer(response, path: str, value: str, kind: str, format: str, public: bool) -> str:
    """Asserts the property for one answer; returns "printed", "not printed" or "refused"."""
    assert response.status_code in (200, 422), (response.status_code, response.data[:500])
    case = with_value(path, value)
    try:
        loaded = load_case(case)
    except CaseInvalid as invalid:
        assert response.status_code == 422
        errors = response.get_json()["errors"]
        assert errors == invalid.errors
        original = value_at(rustam(), path)
        # The field itself, or (an id changed) the fields that referred to the old id.
        assert path in errors or all(value_at(rustam(), p) == original for p in errors), errors
        return "refused"
    assert response.status_code == 200, response.get_json()
    if path not in FREE_TEXT or not printed_in(path, kind, public):
        return "not printed"
    words = words_of(response.data, format, build_document(loaded, kind, public=public))
    lines = expected_lines(value_at(loaded.data, path))
    assert missing_from(words, format, lines) == [], (format, lines)
    return "printed"


# --- The catalogue: each kind once, in the fields a filing prints ---------------------------------

# One printed field of each sort: a narrative, a short one-line field, a footnote (source title),
# a name (the complainant's, in the title and the text), an address printed on one line.
CATALOGUE_FIELDS = ["events.0.description", "events.0.place", "sources.0.title",
                    "complainants.0.legal_name", "representative.address"]


@pytest.fixture(scope="module")
def catalogue_case() -> tuple[dict, dict[str, tuple[str, str]]]:
    """The example case with every printed kind of hostile text in a field of its own."""
    case = rustam()
    placed = {}
    targets = [("events", index, "description") for index in range(len(case["events"]))]
    targets += [("risk_factors", index, "description") for index in range(len(case["risk_factors"]))]
    targets += [("annexes", index, "title") for index in range(len(case["annexes"]))]
    targets += [("sources", index, "title") for index in range(len(case["sources"]))]
    for (name, text), (part, index, field) in zip(PRINTED.items(), targets, strict=False):
        case[part][index][field] = text
        placed[name] = (f"{part}.{index}.{field}", text)
    assert len(placed) == len(PRINTED), "more kinds than fields to hold them"
    return case, placed


@pytest.fixture(scope="module")
def catalogue_files(catalogue_case):
    from docgen.web import create_app

    client = create_app({"TESTING": True, "API_TOKEN": None}).test_client()
    case, _ = catalogue_case
    files = {}
    for kind in KINDS:
        for format in FORMATS:
            response = render(client, kind, format, case)
            assert response.status_code == 200, response.get_json()
            files[kind, format] = response.data
    return files


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("name", list(PRINTED))
def test_each_kind_of_hostile_text_is_printed_literally(catalogue_case, catalogue_files, name, format):
    case, placed = catalogue_case
    path, text = placed[name]
    printed_somewhere = False
    for kind in KINDS:
        if not printed_in(path, kind, False):
            continue
        printed_somewhere = True
        document = build_document(load_case(case), kind)
        words = words_of(catalogue_files[kind, format], format, document)
        assert missing_from(words, format, expected_lines(text)) == []
    assert printed_somewhere, path


@pytest.mark.parametrize("format", FORMATS)
def test_template_syntax_is_never_evaluated(catalogue_case, catalogue_files, format):
    for kind in KINDS:
        document = build_document(load_case(catalogue_case[0]), kind)
        words = words_of(catalogue_files[kind, format], format, document)
        assert "1337" not in words  # {{ 7*191 }}
        for evaluated in ("<Config", "SECRET_KEY", "<class", "loop loop", "WTF_CSRF"):
            assert evaluated not in words


@pytest.mark.parametrize("kind", KINDS)
def test_html_in_the_text_is_no_element_of_the_page(catalogue_files, kind):
    from lxml import html as lxml_html

    page = lxml_html.fromstring(catalogue_files[kind, "html"])
    assert page.xpath("//script | //img | //iframe | //b | //object | //embed") == []
    assert not [element for element in page.iter() if element.get("onerror") is not None]


def test_a_very_long_word_breaks_within_the_page(catalogue_files):
    """It used to run on past the right margin and off the A4 page (see the commit that set
    overflow-wrap): each line of it now starts at the text's left edge and is shorter than one."""
    word = PRINTED["a very long word"]
    found = []
    for page in pdf_reader(catalogue_files["cat-complaint", "pdf"]).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: found.append((tm[4], text))
                          if "Pneumono" in text or "coniosis" in text else None)
    pieces = [text.strip() for _, text in found]
    assert len(pieces) >= 2 and max(len(piece) for piece in pieces) < len(word)
    assert _pdf_form("".join(pieces)).count("Pneumonoultramicroscopicsilicovolcanoconiosis") == 4


def refusals():
    """(kind of text, field, value) for each field of the catalogue the kind applies to."""
    for path in CATALOGUE_FIELDS:
        field = formdata.node_at(path)
        for name, value in REFUSED.items():
            if name == "a line break in a one-line field" and field.multiline:
                continue  # narratives and addresses have lines
            if name == "longer than the field allows":
                value = "w" * (field.max_length + 1)
            yield pytest.param(name, path, value, id=f"{name}-{path}")


@pytest.mark.parametrize("name, path, value", list(refusals()))
def test_text_that_cannot_stand_in_a_document_is_refused_at_its_path(client, name, path, value):
    response = render(client, "cat-complaint", "docx", with_value(path, value))
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [path]


# --- The property: any field, any hostile text ---------------------------------------------------

PROPERTY = settings(max_examples=EXAMPLES or 40, deadline=None, derandomize=not EXAMPLES,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


@st.composite
def field_and_text(draw):
    """Half the time a free-text field with text that is printed; else any field and any text."""
    if draw(st.booleans()):
        return draw(st.sampled_from(FREE_TEXT)), draw(hostile_text(PRINTABLE))
    if draw(st.booleans()):
        return draw(st.sampled_from(FREE_TEXT)), draw(hostile_text())
    return draw(st.sampled_from(CODED)), draw(hostile_code())


@PROPERTY
@given(change=field_and_text(), kind=st.sampled_from(KINDS), public=st.booleans())
def test_any_text_in_any_field_renders_literally_or_is_refused_by_name(client, change, kind, public):
    """DOCX and HTML (quick to make): many examples, of every sort."""
    path, value = change
    for format in ("docx", "html"):
        response = render(client, kind, format, with_value(path, value), public)
        event(check_answer(response, path, value, kind, format, public))


@pytest.mark.slow
@settings(PROPERTY, max_examples=EXAMPLES or 12)
@given(path=st.sampled_from(FREE_TEXT), value=hostile_text(PRINTABLE, _FONT_TEXT),
       kind=st.sampled_from(KINDS))
def test_any_printable_text_in_a_printed_field_is_in_the_pdf(client, path, value, kind):
    """The PDF (half a second each): fewer examples, each one a field the document prints."""
    assume(printed_in(path, kind, False))
    response = render(client, kind, "pdf", with_value(path, value))
    event(check_answer(response, path, value, kind, "pdf", False))
