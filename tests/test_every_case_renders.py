"""Every case the schema accepts renders: every document kind, every format, both editions.

The cases are made from the schema itself (tests/casegen.py): every field at its maximum length,
every optional part absent, random mixes of any Unicode the schema accepts, and each list at its
bound. A case load_case accepts and a writer then refuses is a 500 for the person filing it, so
the property is simply: no exception, and a file of the format asked.

Where user text lands in a place of fixed size (a DOCX core property holds 255 characters; the
author line joins two 200-character fields), docgen.model.document.Metadata cuts it; the tests
here read the properties back from the files.

A CI run makes a few examples of each as DOCX and HTML, and as PDF a bounded set: the longest
case once per kind and two random cases in every kind (full editions).
DOCGEN_VALID_EXAMPLES=<n> makes n of each (random seed); DOCGEN_PDF_CASES=1 adds the long run of
PDFs: the longest case in both editions and each top-level list at its bound.

The longest case's PDFs used to take minutes (the appeal letter 36.9 s CPU, most of it WeasyPrint
laying a page's footnote area out again for each footnote whose URL or name had no break in
it): docgen.writers.html.breakable gives such runs invisible breaks (6.7 s).
"""

from __future__ import annotations

import os

import pytest
from casegen import cases, list_paths
from hypothesis import HealthCheck, given, settings
from reading import docx_document, pdf_reader

from docgen.case import load_case
from docgen.model.document import PROPERTY_LENGTH, Metadata, fit
from docgen.render import FORMATS, KINDS, CaseLacks, render

EXAMPLES = int(os.environ.get("DOCGEN_VALID_EXAMPLES", "0"))
pdf_cases = pytest.mark.skipif(not os.environ.get("DOCGEN_PDF_CASES"),
                               reason="PDFs of generated cases: a long run, DOCGEN_PDF_CASES=1")
MAGIC = {"docx": b"PK\x03\x04", "pdf": b"%PDF-", "html": b"<!DOCTYPE html>"}


def examples(ci: int) -> settings:
    return settings(max_examples=EXAMPLES or ci, deadline=None, derandomize=not EXAMPLES,
                    suppress_health_check=list(HealthCheck))


def render_everything(case: dict, formats=tuple(FORMATS), *, editions=(False, True)) -> dict:
    """Every kind, format and edition (public or not, of ``editions``) of ``case``; each must
    come out as a file of its format, unless the kind refuses the case up front (CaseLacks,
    which the API answers with a 422)."""
    loaded = load_case(case)  # a generated case is valid: a refusal here is a bug in casegen
    files = {}
    for kind in KINDS.values():
        for format in (format for format in formats if format in kind.formats):
            for public in (public for public in editions if kind.public_edition or not public):
                try:
                    data = render(loaded, kind.id, format, public=public)
                except CaseLacks as lacks:
                    assert lacks.errors and all(lacks.errors.values())
                    continue
                assert data.lstrip()[: len(MAGIC[format])].lower() == MAGIC[format].lower(), (kind, format)
                files[kind.id, format, public] = data
    return files


@examples(ci=15)
@given(case=cases())
def test_any_valid_case_renders_as_docx_and_html(case):
    render_everything(case, ("docx", "html"))


@pytest.mark.slow
@examples(ci=2)
@given(case=cases())
def test_any_valid_case_renders_as_pdf(case):
    # In CI the full editions (the public ones are the same layout with less in it);
    # DOCGEN_PDF_CASES=1 renders both.
    render_everything(case, ("pdf",), editions=(False, True) if os.environ.get("DOCGEN_PDF_CASES") else (False,))


def _properties_fit(files: dict) -> None:
    """Every document property of every file within PROPERTY_LENGTH, and the author line cut."""
    for (kind, format, public), data in files.items():
        if format == "docx":
            properties = docx_document(data).core_properties
            texts = [properties.title, properties.author, properties.subject, properties.keywords]
        elif format == "pdf":
            info = pdf_reader(data).metadata
            texts = [info.title, info.author, info.subject]
        else:
            continue
        assert all(len(value or "") <= PROPERTY_LENGTH for value in texts), (kind, format, public)
        assert any((value or "").endswith("\u2026") for value in texts), "the author line is cut"


@examples(ci=1)
@given(case=cases(shape="longest"))
def test_a_case_with_every_field_at_its_longest_renders_with_properties_cut_to_fit(case):
    _properties_fit(render_everything(case, ("docx", "html")))


@pytest.mark.slow
@examples(ci=1)
@given(case=cases(shape="longest"))
def test_a_case_with_every_field_at_its_longest_renders_as_pdf_once_per_kind(case):
    _properties_fit(render_everything(case, ("pdf",), editions=(False,)))


@pytest.mark.slow
@pdf_cases
@examples(ci=1)
@given(case=cases(shape="longest"))
def test_a_case_with_every_field_at_its_longest_renders_as_pdf_in_every_edition(case):
    _properties_fit(render_everything(case, ("pdf",)))


@examples(ci=2)
@given(case=cases(shape="absent"))
def test_a_case_with_every_optional_part_absent_renders(case):
    render_everything(case)


def _at_bound(path: str, formats: tuple[str, ...]) -> None:
    @settings(examples(ci=1), max_examples=1)
    @given(case=cases(shape="absent", bound=path))
    def at_bound(case):
        render_everything(case, formats)

    at_bound()


@pytest.mark.parametrize("path", list_paths())
def test_every_list_at_its_bound_renders(path):
    _at_bound(path, ("docx", "html"))


@pytest.mark.slow
@pdf_cases
@pytest.mark.parametrize("path", [path for path in list_paths() if "." not in path])
def test_every_top_level_list_at_its_bound_renders_as_pdf(path):
    _at_bound(path, ("pdf",))


# --- Cutting to fit ------------------------------------------------------------------------------


def test_text_that_fits_is_kept_as_it_is():
    assert fit("Norwegian Helsinki Committee", 255) == "Norwegian Helsinki Committee"
    assert fit("x" * 255, 255) == "x" * 255


def test_longer_text_is_cut_at_a_word_with_an_ellipsis():
    cut = fit("Ola Nordmann, " + "Norwegian Organisation for Asylum Seekers " * 10, 60)
    assert len(cut) <= 60 and cut.endswith("\u2026")
    assert cut == "Ola Nordmann, Norwegian Organisation for Asylum Seekers\u2026"


def test_a_word_longer_than_the_room_is_cut_inside_it():
    assert fit("W" * 300, 10) == "W" * 9 + "\u2026"


def test_metadata_holds_no_property_longer_than_a_docx_takes():
    metadata = Metadata(title="T" * 300, language="en", author="a" * 200 + ", " + "b" * 200,
                        subject="s " * 200, keywords=("k" * 200, "l" * 100))
    assert max(len(metadata.title), len(metadata.author), len(metadata.subject)) <= PROPERTY_LENGTH
    assert metadata.author.startswith("a" * 200) and metadata.author.endswith("\u2026")
    assert metadata.keywords == ("k" * 200,)  # the second would make the joined line too long
