"""The PDF writer, checked on the PDF it writes: pypdf reads its text, positions and properties.

The fetch tests run a canary HTTP server on 127.0.0.1 (conftest.py) and watch the `weasyprint`
logger (reading.py): a refused fetch is logged by WeasyPrint, not raised, so only a listener can
tell.
"""

from __future__ import annotations

import io
import json
import logging
import re
import shutil
import subprocess
import sys
import threading

import pytest
from pypdf import PdfReader, mult
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from docgen.model.document import (
    Block,
    BlockKind,
    Document,
    Footnote,
    FootnoteRef,
    Text,
)
from handmade import SAMPLE_METADATA, SAMPLE_NOTES, make_document, note, para, table
from reading import weasyprint_logs
from docgen.writers import pdf as pdf_writer
from docgen.writers.html import HTML_DIR
from docgen.writers.fetcher import TemplatesOnlyFetcher
from docgen.writers.pdf import write_pdf

A4 = (595.28, 841.89)  # points

# A font for emoji outside DejaVu's few: without one, WeasyPrint prints a .notdef box.
EMOJI_FONT = bool(
    shutil.which("fc-list")
    and subprocess.run(["fc-list", ":charset=1f642", "family"], capture_output=True, text=True).stdout.strip()
)
MARGIN = 2.5 / 2.54 * 72  # 2.5 cm in points

AWKWARD = [
    "Tom & Jerry &amp; <b>not bold</b>",
    "<script>alert(1)</script>",
    "\"double\" and 'single' quotes",
    "{{ 7*7 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "Республика Узбекистан",
    "Oʻzbekiston Respublikasi",
    "مرحبا بالعالم",
    "😀 emoji",  # in DejaVu Sans
    pytest.param(
        "🙂 emoji",
        marks=pytest.mark.skipif(
            not EMOJI_FONT, reason="no font for U+1F642 (Debian fonts-symbola provides one)"
        ),
    ),
]


# --- building documents by hand ----------------------------------------------------------






def sample_document() -> Document:
    return make_document(
        [
            Block(BlockKind.TITLE, (Text("Complaint under article 22"),)),
            Block(BlockKind.URGENT, (Text("URGENT: request for interim measures"),)),
            Block(BlockKind.HEADING, (Text("A. The facts"),)),
            para("The author was detained in Tashkent", 1, FootnoteRef(1), Text(" and beaten.")),
            para("He was never released", 2, FootnoteRef(2), Text(".")),
            Block(BlockKind.ITEM, (Text("find a violation of article 3"), FootnoteRef(3)), label="(a)"),
            Block(BlockKind.PLAIN, (Text("Geneva, 1 March 2025"),)),
        ],
        SAMPLE_NOTES,
        **SAMPLE_METADATA,
    )


def long_document(paragraphs: int = 40) -> Document:
    """About 8 A4 pages: numbered paragraphs, one footnote each, headings, a list of remedies."""
    blocks = [
        Block(BlockKind.TITLE, (Text("Communication under article 22 of the Convention against Torture"),)),
        Block(BlockKind.URGENT, (Text("URGENT: request for interim measures under rule 114"),)),
        Block(BlockKind.HEADING, (Text("A. The facts"),)),
    ]
    notes: list[Footnote] = []
    for number in range(1, paragraphs + 1):
        if number == paragraphs // 2:
            blocks.append(Block(BlockKind.HEADING, (Text("B. The complaint"),)))
        notes.append(
            Footnote(
                len(notes) + 1,
                (
                    Text("Human Rights Watch, "),
                    Text("World Report 2024: Uzbekistan", italic=True),
                    Text(f", p. {100 + number}; CAT/C/UZB/CO/5, para. {number}."),
                ),
            )
        )
        blocks.append(
            para(
                f"On {number} June 2023 the author was detained by the State Security Service in "
                "Tashkent, Oʻzbekiston, and held without access to a lawyer. He was beaten and "
                "threatened with electric shocks, as the forensic report confirms",
                number,
                FootnoteRef(len(notes)),
                Text(". The authorities did not investigate, although he raised it at every stage."),
            )
        )
    return make_document(blocks, notes)


# --- reading the PDF back -----------------------------------------------------------------


def read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in read(pdf).pages]


def all_text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(page_texts(pdf)))


def runs(page) -> list[tuple[float, float, float, str]]:
    """(x, y, font size, text) of each piece of text on a page, in points from the bottom left."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            matrix = mult(tm, cm)
            found.append((matrix[4], matrix[5], size * matrix[0] / tm[0] if tm[0] else size, text))

    page.extract_text(visitor_text=visit)
    return found


def footnote_destinations(pdf: bytes) -> list[str]:
    """The named destinations of the footnotes' bodies: one per footnote laid out."""
    names = read(pdf).trailer["/Root"]["/Names"]["/Dests"]["/Names"]
    return sorted((name for name in names[::2] if name.startswith("fn-")), key=lambda n: int(n[3:]))


# --- the words ----------------------------------------------------------------------------


def test_words_labels_and_footnotes_of_every_block_are_in_the_pdf():
    document = sample_document()
    pdf = write_pdf(document)
    text = all_text(pdf)
    for block in document.blocks:
        for part in block.content:
            if isinstance(part, Text):
                assert part.text.strip() in text, part
    for footnote in document.footnotes:
        assert f"{footnote.number} {footnote.text}" in text, footnote
    assert "1. The author was detained in Tashkent1 and beaten." in text
    assert "2. He was never released2." in text
    assert "(a) find a violation of article 3" in text
    # The footnotes are at the foot of the page, not a list after the text.
    [page] = page_texts(pdf)
    assert page.index("Geneva, 1 March 2025") < page.index("1 Medical report")


def test_page_x_of_y_on_every_page():
    pdf = write_pdf(long_document())
    texts = page_texts(pdf)
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def test_every_footnote_is_laid_out_once_with_the_models_number():
    document = long_document()
    pdf = write_pdf(document)
    assert footnote_destinations(pdf) == [f"fn-{n.number}" for n in document.footnotes]
    text = all_text(pdf)
    for footnote in document.footnotes:
        assert text.count(footnote.text) == 1, footnote.number
        assert f"{footnote.number} {footnote.text}" in text
        assert f"confirms{footnote.number}. The authorities" in text


def test_footnote_numbers_are_the_models_even_when_called_out_of_order():
    # CSS counters would number these 1, 2 in order of calls; the model says 2, 1.
    document = make_document(
        [para("second note first", 1, FootnoteRef(2)), para("then the first", 2, FootnoteRef(1))],
        [note(1, "Note number one."), note(2, "Note number two.")],
    )
    text = all_text(write_pdf(document))
    assert "second note first2" in text and "then the first1" in text
    assert "2 Note number two." in text and "1 Note number one." in text


def test_a_footnote_called_twice_is_printed_once():
    document = make_document(
        [para("first", 1, FootnoteRef(1)), para("again", 2, FootnoteRef(1))], [note(1, "The one source.")]
    )
    pdf = write_pdf(document)
    text = all_text(pdf)
    assert text.count("The one source.") == 1
    assert "first1" in text and "again1" in text
    assert footnote_destinations(pdf) == ["fn-1"]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_is_printed_literally(text):
    document = make_document(
        [Block(BlockKind.TITLE, (Text(text),)), para(text, 1, FootnoteRef(1))], [note(1, f"Note: {text}")]
    )
    printed = all_text(write_pdf(document))
    assert printed.count(text) == 3  # title, paragraph, footnote
    assert f"1 Note: {text}" in printed
    assert "49" not in printed


# --- the page -----------------------------------------------------------------------------


def test_a4_with_margins_and_a_hanging_indent_for_numbered_paragraphs():
    long_text = "The author was held incommunicado for weeks. " * 12
    document = make_document(
        [para(long_text, 12), Block(BlockKind.ITEM, (Text(long_text),), label="(b)")]
    )
    page = read(write_pdf(document)).pages[0]
    assert [round(float(v), 2) for v in page.mediabox[2:]] == list(A4)
    found = runs(page)
    body = [r for r in found if r[1] > MARGIN]
    left = min(x for x, *_ in body)
    assert left == pytest.approx(MARGIN, abs=0.5)
    label = next(r for r in found if r[3].strip() == "12.")
    assert label[0] == pytest.approx(MARGIN, abs=0.5)
    lines = [r for r in found if "incommunicado" in r[3] or r[3].startswith("The author")]
    starts = sorted({round(x, 1) for x, y, size, text in lines if y > found[-1][1]})
    # Every line of the paragraph and of the item starts at its indent, right of its label.
    item_label = next(r for r in found if r[3].strip() == "(b)")
    assert item_label[0] > label[0] + 20
    assert len(starts) == 2 and starts[0] == pytest.approx(MARGIN + 30, abs=1)  # 2.5em of 12pt
    assert starts[1] > item_label[0] + 15
    right = max(x for x, *_ in body)
    assert right < A4[0] - MARGIN


def test_footnotes_sit_at_the_foot_of_the_page_in_smaller_type():
    pdf = write_pdf(sample_document())
    found = runs(read(pdf).pages[0])
    body = next(r for r in found if "Geneva" in r[3])
    footnote = next(r for r in found if "Medical report" in r[3])
    page_number = next(r for r in found if "Page 1 of 1" in r[3])
    assert page_number[1] < footnote[1] < body[1]
    assert footnote[1] > MARGIN - 1  # inside the page area, above the bottom margin
    assert footnote[2] < body[2]


def test_title_and_heading_are_bold_and_the_text_uses_liberation_serif():
    reader = read(write_pdf(sample_document()))
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert "Liberation-Serif" in {f.replace("LiberationSerif", "Liberation-Serif") for f in fonts}
    assert any("Bold" in f for f in fonts), fonts
    assert any("Italic" in f for f in fonts), fonts


# --- properties ---------------------------------------------------------------------------


def test_metadata_and_language_from_the_model_and_nothing_else():
    reader = read(write_pdf(sample_document()))
    info = reader.metadata
    assert info.title == "Complaint of A.B. against Kazakhstan"
    assert info.author == "Counsel for A.B."
    assert info.subject == "Article 22 complaint"
    assert info["/Keywords"] == "CAT, non-refoulement"
    assert set(info) == {"/Title", "/Author", "/Subject", "/Keywords", "/Producer"}
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "Complaint of A.B. against Kazakhstan" in xmp
    assert "CreateDate" not in xmp and "CreatorTool" not in xmp


def test_metadata_with_awkward_text_is_kept_literally():
    document = make_document([para("x", 1)], title="Дело <A&B> «Oʻzbekiston»", author="Ali & \"Sons\"")
    info = read(write_pdf(document)).metadata
    assert info.title == "Дело <A&B> «Oʻzbekiston»"
    assert info.author == 'Ali & "Sons"'


def test_tagged_pdf_ua_1_with_language_and_title_shown():
    reader = read(write_pdf(sample_document()))
    root = reader.trailer["/Root"]
    assert pdf_writer.PDF_VARIANT == "pdf/ua-1"
    assert str(root["/MarkInfo"]["/Marked"]).lower() == "true"
    assert "/StructTreeRoot" in root
    assert str(root["/ViewerPreferences"]["/DisplayDocTitle"]).lower() == "true"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    tags = set()

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif hasattr(node, "get") and "/S" in node:
            tags.add(str(node["/S"]))
            if "/K" in node:
                walk(node["/K"])

    walk(root["/StructTreeRoot"]["/K"])
    assert {"/H1", "/H2", "/P"} <= tags


def test_same_document_same_bytes():
    document = sample_document()
    assert write_pdf(document) == write_pdf(document)


# --- loading nothing ----------------------------------------------------------------------


def test_the_canary_and_the_log_watch_do_see_a_fetch(canary):
    # The control: WeasyPrint's own fetcher does request the canary, so the tests below that
    # see no request are not blind.
    url, hits = canary
    with weasyprint_logs() as logs:
        HTML(string=f'<link rel="stylesheet" href="{url}/style.css"><p>x', url_fetcher=URLFetcher()).write_pdf()
    assert hits == ["/style.css"]
    with weasyprint_logs() as logs:
        HTML(string='<img src="http://127.0.0.1:1/x.png">', url_fetcher=URLFetcher(timeout=2)).write_pdf()
    assert any("127.0.0.1:1" in m for m in logs.messages())


def test_hostile_model_text_makes_no_request_and_no_fetch(canary):
    url, hits = canary
    hostile = [
        f'<img src="{url}/img">',
        f'<link rel="stylesheet" href="{url}/css">',
        f"<style>@import url({url}/import); p {{ background: url({url}/bg) }}</style>",
        f'<p style="background: url({url}/inline)">',
        '<img src="file:///etc/passwd"> <iframe src="file:///etc/passwd">',
        f'<object data="{url}/object"></object> <svg><image href="{url}/svg"/></svg>',
        f'<a href="{url}/link">link</a> <link rel="attachment" href="{url}/attach">',
    ]
    document = make_document(
        [Block(BlockKind.TITLE, (Text(hostile[0]),))] + [para(h, i, FootnoteRef(i)) for i, h in enumerate(hostile, 1)],
        [note(i, h) for i, h in enumerate(hostile, 1)],
        title=hostile[1],
        author=hostile[2],
        subject=hostile[3],
        keywords=(hostile[4],),
    )
    with weasyprint_logs() as logs:
        pdf = write_pdf(document)
    assert hits == []
    assert logs.messages() == []
    # Long URLs break across lines: compare without whitespace.
    text = re.sub(r"\s", "", all_text(pdf))
    for h in hostile:
        assert text.count(re.sub(r"\s", "", h)) >= 2  # the paragraph and its footnote, as text
    assert "root:" not in text  # /etc/passwd was not read into the document
    assert read(pdf).trailer["/Root"].get("/Names", {}).get("/EmbeddedFiles") is None


def test_even_real_markup_can_load_nothing_outside_the_templates(canary, tmp_path):
    # Were markup ever to get through, the fetcher still refuses: http(s), data:, other files.
    url, hits = canary
    outside = tmp_path / "secret.css"
    outside.write_text("p { color: red }")
    markup = f"""
        <link rel="stylesheet" href="{url}/link.css">
        <style>@import url("{url}/import.css"); body {{ background: url({url}/bg.png) }}</style>
        <img src="{url}/img.png"> <img src="https://127.0.0.1:{url.rsplit(':', 1)[1]}/tls.png">
        <img src="file:///etc/passwd"> <img src="../../../../../../etc/passwd">
        <link rel="stylesheet" href="file://{outside}">
        <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E">
        <p>text</p>"""
    fetcher = TemplatesOnlyFetcher(HTML_DIR)
    with weasyprint_logs() as logs:
        HTML(string=markup, base_url=str(HTML_DIR) + "/", url_fetcher=fetcher).write_pdf(
            font_config=FontConfiguration()
        )
    assert hits == []
    refused = "\n".join(logs.messages(logging.ERROR))
    for fragment in ["/link.css", "/import.css", "/bg.png", "/img.png", "/tls.png", "/etc/passwd", "secret.css", "data:"]:
        assert fragment in refused, fragment
    assert "docgen loads only its own files" in refused and "outside docgen's templates" in refused


def test_fetcher_allows_only_files_inside_its_root(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    (root / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "secret.txt").write_text("secret")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    (root / "sub").mkdir()
    fetcher = TemplatesOnlyFetcher(root)

    response = fetcher.fetch((root / "logo.svg").as_uri())
    assert response.read().startswith(b"<svg") and response.content_type == "image/svg+xml"
    response.close()

    refused = [
        (root / "link.txt").as_uri(),  # a symlink out of the root
        f"file://{root}/sub/../../secret.txt",  # ".." out of the root
        f"file://{root}/sub/%2e%2e/%2e%2e/secret.txt",  # the same, escaped
        (root / "sub").as_uri(),  # a folder
        (root / "missing.css").as_uri(),
        f"file://otherhost{root}/logo.svg",  # a file on another host
        "http://127.0.0.1:1/logo.svg",
        "https://example.invalid/",
        "ftp://127.0.0.1/x",
        "data:text/css,p{color:red}",
        "file:///etc/passwd",
    ]
    for url in refused:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    # WeasyPrint calls the fetcher as a function too.
    with pytest.raises(ValueError):
        fetcher("file:///etc/passwd")


# --- what is kept between renders ---------------------------------------------------------


def test_stylesheet_parsed_once_and_font_configuration_one_per_thread():
    write_pdf(make_document([para("x", 1)]))
    css, config = pdf_writer._stylesheet(), pdf_writer._font_config()
    assert isinstance(css, CSS) and isinstance(config, FontConfiguration)
    write_pdf(make_document([para("y", 1)]))
    assert pdf_writer._stylesheet() is css
    assert pdf_writer._font_config() is config

    other: list[FontConfiguration] = []
    thread = threading.Thread(target=lambda: other.append(pdf_writer._font_config()))
    thread.start()
    thread.join()
    assert other[0] is not config


def test_threads_render_the_same_bytes():
    document = sample_document()
    expected = write_pdf(document)
    results: list[bytes] = []
    errors: list[BaseException] = []

    def render():
        try:
            results.append(write_pdf(document))
        except BaseException as error:  # pragma: no cover (reported below)
            errors.append(error)

    threads = [threading.Thread(target=render) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results == [expected, expected]


def test_a_long_table_repeats_its_header_on_each_page_and_its_notes_fall_at_the_foot():
    rows = [(f"{day} June 2012", (Text(f"Event number {day}, " + "described at some length " * 6), FootnoteRef(day)))
            for day in range(1, 41)]
    document = make_document([table(("Date", "Event"), *rows)], [note(day, f"Source of event {day}") for day in range(1, 41)])
    pages = page_texts(write_pdf(document))
    assert len(pages) > 1
    for text in pages:
        assert text.lstrip().startswith("Date Event") or text.lstrip().startswith("Date\nEvent"), text[:40]
    joined = " ".join(pages)
    for day in range(1, 41):
        assert f"Event number {day}," in joined and f"Source of event {day}" in joined
    # Each note is on the page of its event.
    for text in pages:
        for day in re.findall(r"Event number (\d+),", text):
            assert f"Source of event {day}" in text


# --- WeasyPrint's footnote area, each footnote laid out once per page (footnote_area.py) ------


LONG_NOTE = "A source cited at such length that its note fills line after line at the foot. " * 60
FOOTNOTES_EVERYWHERE = {
    "on every paragraph, some moved to the next page": lambda: make_document(
        [para(f"Paragraph {n} " * 30, n, FootnoteRef(2 * n - 1), Text(" and "), FootnoteRef(2 * n))
         for n in range(1, 40)],
        [note(n, f"Source {n}, pinpoint para. {n}. " * (1 + n % 5)) for n in range(1, 79)]),
    "thirty on one line": lambda: make_document(
        [para("Short", 1, *[FootnoteRef(n) for n in range(1, 31)])],
        [note(n, f"Source {n} " * (n % 7 + 1)) for n in range(1, 31)]),
    "one longer than a page": lambda: make_document(
        [para("Text " * 50, 1, FootnoteRef(1)), para("More " * 400, 2, FootnoteRef(2))],
        [note(1, LONG_NOTE), note(2, LONG_NOTE * 3)]),
    "in a table": lambda: make_document(
        [table(("Date", "Event"), *[(f"{day} June 2012", (Text(f"Event {day}, " + "told at length " * 8),
                                                          FootnoteRef(day))) for day in range(1, 41)])],
        [note(day, f"Source of event {day}") for day in range(1, 41)]),
}


def footnote_layouts(monkeypatch) -> list:
    """Collects each layout WeasyPrint makes of a footnote's box."""
    from weasyprint.layout import block

    made: list = []
    lay_out = block.block_container_layout

    def counted(context, box, *arguments, **named):
        if box.element_tag == "span" and box.element.get("class") == "fn":
            made.append(box)
        return lay_out(context, box, *arguments, **named)

    monkeypatch.setattr(block, "block_container_layout", counted)
    return made


@pytest.mark.parametrize("place", FOOTNOTES_EVERYWHERE)
def test_footnotes_laid_out_once_per_page_make_the_bytes_of_weasyprint_alone(place, monkeypatch):
    from weasyprint.layout import block

    document = FOOTNOTES_EVERYWHERE[place]()
    made = footnote_layouts(monkeypatch)
    kept = write_pdf(document)
    with_store = len(made)
    made.clear()
    monkeypatch.setattr(block, "block_level_layout", block.block_level_layout.__wrapped__)
    assert write_pdf(document) == kept
    assert 0 < with_store <= len(made)
    if place == "on every paragraph, some moved to the next page":
        # 78 notes, about 5 a page: WeasyPrint alone lays each out again for every note after it.
        assert with_store < len(made) / 2, (with_store, len(made))


def test_footnote_area_is_left_alone_by_a_weasyprint_it_was_not_checked_with():
    from types import SimpleNamespace

    from docgen.writers import footnote_area

    assert not footnote_area.install(SimpleNamespace(__version__="71.0"))


FIRST_PDF_OF_A_PROCESS = """
import ctypes.util, gc, json, sys
asked = []
real = ctypes.util.find_library
ctypes.util.find_library = lambda name: asked.append(name) or real(name)
from docgen.writers import pdf
pdf.prepare()
from weasyprint.text import ffi
print(json.dumps({"asked": asked, "subset": ffi.harfbuzz_subset is not None,
                  "restored": ctypes.util.find_library.__name__ == "<lambda>",
                  "frozen": gc.get_freeze_count() > 10_000}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sonames are Linux's")
def test_a_new_process_loads_weasyprint_without_running_find_library():
    """find_library runs ldconfig and gcc: some 200 subprocesses for WeasyPrint's first import.
    The libraries load by their sonames instead, harfbuzz's subsetter (which keeps the fonts
    embedded small) among them, and find_library is given back afterwards. What lives as long as
    the process is then frozen out of the garbage collector's full collections."""
    done = subprocess.run([sys.executable, "-c", FIRST_PDF_OF_A_PROCESS], capture_output=True,
                          text=True, timeout=120, check=True)
    assert json.loads(done.stdout.splitlines()[-1]) == {"asked": [], "subset": True, "restored": True,
                                                        "frozen": True}
