"""The filing bundle, read back from the PDF it makes: pages, index, stamps, bookmarks, what an
annex may not bring in, and the command line and API around it."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Link
from pypdf.generic import (ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject,
                           RectangleObject, TextStringObject)

from docgen.bundle import BundleInvalid, make_bundle
from docgen.bundle import annexes as annex_limits
from docgen.case import CaseInvalid, load_case
from docgen.case.schema import ANNEX_DOCUMENTS
from docgen.cli import main
from docgen.model.document import Block, BlockKind, Document, Metadata, Text
from docgen.render import KINDS, render
from docgen.writers.pdf import write_pdf
from reading import FormClient, fields_of, normalise, pdf_names

ROOT = Path(__file__).resolve().parent.parent
RUSTAM = ROOT / "fixtures" / "cases" / "rustam-norway.json"
ANNEX_IDS = ["authorisation", "decision-2012", "tadjibaeva-statement", "eurasianet-copy"]
# What a viewer would run, open or follow.
ACTIVE = {"/JS", "/JavaScript", "/Launch", "/URI", "/OpenAction", "/AA", "/SubmitForm",
          "/ImportData", "/GoToR", "/GoToE", "/EmbeddedFile", "/EmbeddedFiles", "/AcroForm",
          "/RichMedia", "/Widget", "/Link"}


def annex_pdf(text: str, pages: int = 1) -> bytes:
    """An annex made with docgen's PDF writer: ``pages`` A4 pages, each saying ``text`` and its number."""
    writer = PdfWriter()
    for page in range(1, pages + 1):
        sheet = (Block(BlockKind.TITLE, (Text(f"{text}, sheet {page}"),)),)
        writer.append(io.BytesIO(write_pdf(Document("annex", Metadata(text, "en"), sheet))))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def rustam_case():
    return load_case(json.loads(RUSTAM.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def fixture_bundle() -> tuple[bytes, int]:
    """The fixture's complaint with four one-page annexes; and the complaint's own page count."""
    case = rustam_case()
    files = {annex_id: annex_pdf(f"Annex file {annex_id}") for annex_id in ANNEX_IDS}
    document_pages = len(PdfReader(io.BytesIO(render(case, "cat-complaint", "pdf"))).pages)
    made = make_bundle(case, "cat-complaint", files)
    assert made.warnings == []
    return made.pdf, document_pages


def texts(pdf: bytes) -> list[str]:
    return [normalise(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def outline(pdf: bytes) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of each bookmark, in order."""
    reader = PdfReader(io.BytesIO(pdf))
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


# --- the bundle of the fixture ---------------------------------------------------------------


def test_the_fixture_bundle_is_the_document_the_index_and_four_annexes(fixture_bundle):
    pdf, document_pages = fixture_bundle
    pages = texts(pdf)
    assert len(pages) == document_pages + 1 + 4
    assert pages[0].startswith("URGENT") or "Complaint" in pages[0]
    index = pages[document_pages]
    assert index.startswith("Index of annexes")
    assert f"pages 1 to {document_pages} of this file" in index
    for number, annex_id in enumerate(ANNEX_IDS, start=1):
        start = document_pages + 1 + number
        assert f"Annex file {annex_id}, sheet 1" in pages[start - 1]
        assert f"Annex {number} — page 1 of 1" in pages[start - 1]
    # The index's rows: number, title, date, and the page each annex starts on.
    assert re.search(rf"1 Signed authorisation of the representative 2 July 2012 {document_pages + 2}\b", index)
    assert re.search(rf"2 Decision refusing the third application for asylum 12 June 2012 {document_pages + 3}\b", index)
    # Its titles set as the complaint's annex list sets them: 'Copy of Ashley Cleek, ‘Uzbekistan: …’'.
    assert re.search(rf"From Norway’, Eurasianet 9 July 2012 {document_pages + 5}\b", index)
    assert "Copy of Ashley Cleek, ‘Uzbekistan: Asylum Seeker Fears Deportation" in index


def test_the_fixture_bundle_has_a_bookmark_for_the_document_the_index_and_each_annex(fixture_bundle):
    pdf, document_pages = fixture_bundle
    marks = outline(pdf)
    top = [(title, page) for depth, title, page in marks if depth == 0]
    assert top[0] == ("Complaint to the Committee against Torture under article 22 of the Convention against Torture", 1)
    assert top[1:] == [
        ("Index of annexes", document_pages + 1),
        ("Annex 1: Signed authorisation of the representative", document_pages + 2),
        ("Annex 2: Decision refusing the third application for asylum", document_pages + 3),
        ("Annex 3: Statement of Mutabar Tadjibaeva confirming his employment by Jarayon since August "
         "2010, with copies of e-mails", document_pages + 4),
        ("Annex 4: Copy of Ashley Cleek, ‘Uzbekistan: Asylum Seeker Fears Deportation From Norway’, "
         "Eurasianet", document_pages + 5),
    ]
    # The document's own headings stay under its title.
    assert ("The facts" in [title for depth, title, _ in marks if depth == 1])


def test_the_fixture_bundle_keeps_the_documents_properties(fixture_bundle):
    reader = PdfReader(io.BytesIO(fixture_bundle[0]))
    assert reader.metadata.title == "Complaint to the Committee against Torture under article 22 of the Convention"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


@pytest.mark.skipif(not (shutil.which("pdfinfo") and shutil.which("qpdf")), reason="poppler-utils and qpdf (.ci/setup)")
def test_the_fixture_bundle_opens_in_pdfinfo_and_passes_qpdf_check(fixture_bundle, tmp_path):
    path = tmp_path / "bundle.pdf"
    path.write_bytes(fixture_bundle[0])
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=60)
    assert info.returncode == 0 and info.stderr == "", info.stderr
    assert re.search(rf"^Pages:\s+{fixture_bundle[1] + 5}$", info.stdout, re.M)
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors found" in check.stdout


# --- user text at its bound in the bundle's fixed places ------------------------------------------

# Runs that stretch a layout: no spaces at all, a URL, right-to-left scripts, combining marks,
# emoji sequences, isolates, markup-like text.
HOSTILE = ["x" * 60, "قرار رفض اللجوء ", "החלטה ", "Ünïcödé e\u0301 ", "申请人的声明 ",
           "👩🏽\u200d⚖️ ", "\u2067isolated\u2069 ", "&<>\"' {{ 7*7 }} ",
           "https://example.org/" + "a" * 80 + " "]


def hostile_title(start: int) -> str:
    title = "".join(HOSTILE[(start + k) % len(HOSTILE)] for k in range(60))
    return title[: annex_title_bound()].strip()


def annex_title_bound() -> int:
    from docgen.case.schema import AnnexSchema

    return AnnexSchema().fields["title"].max_length


def text_positions(page) -> list[float]:
    """The x of every piece of text drawn on ``page``."""
    found: list[float] = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: found.append(tm[4] * cm[0] + cm[4])
                      if text.strip() else None)
    return found


def test_annex_titles_at_their_bound_are_cut_in_bookmarks_and_kept_on_the_index_page():
    """Every annex title at the schema's bound, in a hostile mix: the bundle is made, each
    bookmark is cut at a word to its length, and the index's table stays within the page (its
    cells used to grow as wide as a title's longest run without a space, pushing the Page column
    off the right edge)."""
    from docgen.bundle.assemble import BOOKMARK_TITLE_LENGTH

    data = json.loads(RUSTAM.read_text(encoding="utf-8"))
    for number, annex in enumerate(data["annexes"]):
        annex["title"] = hostile_title(number)
        assert len(annex["title"]) > annex_title_bound() - 5
    made = make_bundle(load_case(data), "cat-complaint", {"decision-2012": annex_pdf("Decision")})

    annex_marks = [title for depth, title, _ in outline(made.pdf) if depth == 0 and title.startswith("Annex ")]
    assert len(annex_marks) == 1
    assert all(len(title) <= len("Annex 1: ") + BOOKMARK_TITLE_LENGTH and title.endswith("…")
               for title in annex_marks)
    reader = PdfReader(io.BytesIO(made.pdf))
    index_pages = [page for page in reader.pages
                   if "Not attached" in page.extract_text().replace("\x00", "")]
    assert index_pages
    for page in index_pages:
        assert max(text_positions(page)) < float(page.mediabox.width) - 20, "the index runs off the page"
    # pypdf reads this page's text with a NUL beside each character (its fonts mix Latin, Arabic,
    # Hebrew, CJK and emoji); pdftotext reads it clean.
    text = normalise("".join(page.extract_text() for page in index_pages).replace("\x00", ""))
    assert text.count("Not attached") == 3


# --- annexes of several pages, turned pages, annexes not attached ------------------------------


def test_each_page_of_an_annex_is_stamped_with_its_place_in_the_annex():
    case = rustam_case()
    turned = PdfWriter(clone_from=io.BytesIO(annex_pdf("Turned decision", pages=2)))
    turned.pages[1].rotate(90)
    buffer = io.BytesIO()
    turned.write(buffer)
    made = make_bundle(case, "cat-complaint", {"decision-2012": buffer.getvalue(),
                                               "eurasianet-copy": annex_pdf("Article", pages=3)})
    pages = texts(made.pdf)
    first = pages.index(next(page for page in pages if page.startswith("Index of annexes"))) + 1
    stamps = [re.search(r"Annex \d — page \d of \d", page).group(0) for page in pages[first:]]
    assert stamps == ["Annex 2 — page 1 of 2", "Annex 2 — page 2 of 2",
                      "Annex 4 — page 1 of 3", "Annex 4 — page 2 of 3", "Annex 4 — page 3 of 3"]
    # The turned page is turned in its content, so the stamp stands at the top as it is read.
    reader = PdfReader(io.BytesIO(made.pdf))
    turned_page = reader.pages[first + 1]
    assert turned_page.rotation == 0 and turned_page.mediabox.width > turned_page.mediabox.height


def test_an_annex_not_supplied_keeps_its_number_and_the_index_says_not_attached():
    case = rustam_case()
    made = make_bundle(case, "cat-complaint", {"tadjibaeva-statement": annex_pdf("Statement")})
    pages = texts(made.pdf)
    index = next(page for page in pages if page.startswith("Index of annexes"))
    assert re.search(r"1 Signed authorisation of the representative 2 July 2012 Not attached", index)
    assert re.search(r"12 June 2012 Not attached", index)
    start = pages.index(index) + 2
    assert re.search(rf"with copies of e-mails July 2012 {start}\b", index)
    assert "Annex 3 — page 1 of 1" in pages[start - 1]
    assert [warning["path"] for warning in made.warnings] == [
        "annexes.authorisation", "annexes.decision-2012", "annexes.eurasianet-copy"]
    assert [title for _, title, _ in outline(made.pdf)][-1].startswith("Annex 3: Statement")


def test_the_index_lists_the_annexes_the_document_refers_to_and_those_attached():
    """A rule 114 request encloses two of the complaint's four annexes (2 and 3): its bundle lists
    those, under their numbers, and not the other two as "Not attached"; an annex the user adds
    all the same is listed; one the document refers to and the user leaves out is "Not attached"."""
    case = rustam_case()

    def index_of(made):
        return next(page for page in texts(made.pdf) if page.startswith("Index of annexes"))

    made = make_bundle(case, "cat-interim-measures", {"decision-2012": annex_pdf("Decision"),
                                                      "tadjibaeva-statement": annex_pdf("Statement")})
    index = index_of(made)
    assert made.warnings == [] and "Not attached" not in index
    assert "Signed authorisation" not in index and "Copy of Ashley Cleek" not in index
    assert re.search(r"2 Decision refusing the third application for asylum 12 June 2012 4\b", index)
    assert [title for _, title, _ in outline(made.pdf)][-2:] == [
        "Annex 2: Decision refusing the third application for asylum",
        "Annex 3: Statement of Mutabar Tadjibaeva confirming his employment by Jarayon since August 2010, "
        "with copies of e-mails"]
    made = make_bundle(case, "cat-interim-measures", {"authorisation": annex_pdf("Signed"),
                                                      "decision-2012": annex_pdf("Decision")})
    index = index_of(made)
    assert re.search(r"1 Signed authorisation of the representative 2 July 2012 4\b", index)
    assert re.search(r"3 Statement of Mutabar Tadjibaeva .* July 2012 Not attached", index)
    assert "Copy of Ashley Cleek" not in index
    assert [w["path"] for w in made.warnings] == ["annexes.tadjibaeva-statement"]
    assert "Annex 3 is not attached" in made.warnings[0]["message"]


def test_the_index_of_a_one_page_document_says_page_1_not_pages_1_to_1():
    made = make_bundle(rustam_case(), "chronology", {"decision-2012": annex_pdf("Decision")})
    index = next(page for page in texts(made.pdf) if page.startswith("Index of annexes"))
    assert "Chronology of events and proceedings: page 1 of this file." in index


def test_a_case_without_annexes_makes_a_bundle_whose_index_says_so(minimal):
    case = load_case(minimal)
    made = make_bundle(case, "cat-complaint", {})
    assert "No annexes are listed." in texts(made.pdf)[-1]


# --- annexes refused ---------------------------------------------------------------------------


def refused(files: dict[str, bytes]) -> dict[str, list[str]]:
    with pytest.raises(BundleInvalid) as raised:
        make_bundle(rustam_case(), "cat-complaint", files)
    return raised.value.errors


def encrypted(pdf: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def corrupt_drawing(pdf: bytes) -> bytes:
    """``pdf`` with the deflated drawing of its first page spoilt: pypdf reads that page as blank
    (logging the zlib error), so without a check the bundle would file a stamped empty page."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    stream = writer.pages[0]["/Contents"].get_object()
    stream._data = stream._data[:2] + b"\xff" * 40 + stream._data[42:]  # pypdf's encoded bytes
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("make, words", [
    (lambda pdf: encrypted(pdf, "secret"), "encrypted"),
    (corrupt_drawing, "damaged: page 1 cannot be read"),
    (lambda pdf: encrypted(pdf, ""), "encrypted"),  # opens without a password, protected all the same
    (lambda pdf: pdf[: len(pdf) // 2], "incomplete"),
    (lambda pdf: pdf[:-200] + b"x" * 50 + b"\n%%EOF\n", "damaged"),
    (lambda pdf: b"%PDF-1.7\n" + b"\x00garbage" * 100 + b"\n%%EOF\n", "damaged"),
    (lambda pdf: b"PK\x03\x04 a zip file, not a PDF", "not a PDF"),
    (lambda pdf: b"", "not a PDF"),
])
def test_an_unusable_annex_is_refused_by_its_id_with_the_reason(make, words):
    errors = refused({"decision-2012": make(annex_pdf("Decision")), "authorisation": annex_pdf("Signed")})
    assert list(errors) == ["annexes.decision-2012"]
    assert words in errors["annexes.decision-2012"][0]


def with_first_page(pdf: bytes, change) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    change(writer.pages[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("change, words", [
    (lambda page: page.pop(NameObject("/MediaBox")), "damaged: page 1 has no readable size"),
    (lambda page: page.__setitem__(NameObject("/MediaBox"), ArrayObject([NameObject("/x")])),
     "damaged: page 1 has no readable size"),
    (lambda page: page.__setitem__(NameObject("/Rotate"), NumberObject(45)), "turned by 45 degrees"),
    (lambda page: page.__setitem__(NameObject("/MediaBox"), RectangleObject([0, 0, 10, 10])),
     "Page 1 is 0.4 × 0.4 cm: too small"),
])
def test_a_page_the_bundle_could_not_stamp_as_it_is_shown_refuses_the_annex(change, words):
    """Without a size the bundle failed (a 500 through the API); turned by 45 degrees or a
    centimetre wide, the stamp landed askew or off the page, mirrored."""
    errors = refused({"decision-2012": with_first_page(annex_pdf("Decision"), change)})
    assert list(errors) == ["annexes.decision-2012"] and words in errors["annexes.decision-2012"][0]


def test_a_page_box_given_by_its_other_corners_is_stamped_on_the_page():
    """PDF gives a page's rectangle by any two opposite corners; the stamp is placed from the
    lower left and upper right ones, so it lands at the top right whichever the file gives."""
    turned_box = with_first_page(annex_pdf("Decision"), lambda page: page.__setitem__(
        NameObject("/MediaBox"), RectangleObject([595.276, 841.89, 0, 0])))
    made = make_bundle(rustam_case(), "cat-complaint", {"decision-2012": turned_box})
    page = PdfReader(io.BytesIO(made.pdf)).pages[-1]
    assert [round(float(value)) for value in page.mediabox] == [0, 0, 595, 842]
    placed = []

    def where(text, cm, tm, font, size):
        if "Annex" in text:
            placed.append((cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]))

    page.extract_text(visitor_text=where)
    ((x, y),) = placed
    assert 595 / 2 < x < 595 and 842 * 0.9 < y < 842


def test_an_annex_id_the_case_does_not_list_is_refused():
    errors = refused({"annex-99": annex_pdf("Stray")})
    assert errors == {"annexes.annex-99": [
        "The case has no annex with the id 'annex-99' (its annexes: authorisation, decision-2012, "
        "tadjibaeva-statement, eurasianet-copy)."]}


def test_annexes_too_large_or_too_long_are_refused(monkeypatch):
    pdf = annex_pdf("Long", pages=3)
    monkeypatch.setattr(annex_limits, "MAX_ANNEX_BYTES", len(pdf) - 1)
    assert "may be at most" in refused({"decision-2012": pdf})["annexes.decision-2012"][0]
    monkeypatch.setattr(annex_limits, "MAX_ANNEX_BYTES", 10 * len(pdf))
    monkeypatch.setattr(annex_limits, "MAX_ANNEX_PAGES", 2)
    assert "It has 3 pages" in refused({"decision-2012": pdf})["annexes.decision-2012"][0]


def test_annexes_too_large_or_too_long_together_are_refused(monkeypatch):
    from docgen.bundle import assemble

    one = annex_pdf("One", pages=2)
    files = {"decision-2012": one, "authorisation": one}
    monkeypatch.setattr(assemble, "MAX_ANNEXES_BYTES", 2 * len(one) - 1)
    assert "together" in refused(files)["annexes"][0]
    monkeypatch.setattr(assemble, "MAX_ANNEXES_BYTES", 10 * len(one))
    monkeypatch.setattr(assemble, "MAX_ANNEXES_PAGES", 3)
    assert "more than 3 pages together" in refused(files)["annexes"][0]


# --- active content ----------------------------------------------------------------------------


def hostile_annex() -> bytes:
    """A PDF with every way to act on a reader: document JavaScript, an open action, a page
    action, a launch action, external links, a form field; and a highlight, which is only a mark."""
    writer = PdfWriter(clone_from=io.BytesIO(annex_pdf("Hostile", pages=2)))
    script = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("app.alert('annex');")})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): DictionaryObject({
        NameObject("/Names"): ArrayObject([TextStringObject("startup"), writer._add_object(script)])})})
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): DictionaryObject({
        NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")})})
    writer.add_annotation(0, Link(rect=(50, 50, 200, 80), url="http://canary.invalid/annex"))
    launch = Link(rect=(50, 100, 200, 130), url="http://placeholder.invalid")
    launch[NameObject("/A")] = DictionaryObject({NameObject("/S"): NameObject("/Launch"),
                                                 NameObject("/F"): TextStringObject("/bin/sh")})
    writer.add_annotation(1, launch)
    highlight = Highlight(rect=(50, 700, 300, 720), quad_points=ArrayObject(
        [FloatObject(value) for value in (50, 720, 300, 720, 50, 700, 300, 700)]))
    highlight[NameObject("/AA")] = DictionaryObject({NameObject("/E"): DictionaryObject({
        NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject("http://canary.invalid")})})
    writer.add_annotation(0, highlight)
    widget = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/FT"): NameObject("/Btn"), NameObject("/T"): TextStringObject("submit"),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (50, 150, 200, 180)]),
        NameObject("/A"): DictionaryObject({NameObject("/S"): NameObject("/SubmitForm"),
                                            NameObject("/F"): TextStringObject("http://canary.invalid")}),
    })
    writer.add_annotation(1, widget)
    writer.add_attachment("payload.exe", b"MZ not really")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_an_annex_brings_no_active_content_into_the_bundle_and_keeps_its_marks():
    hostile = hostile_annex()
    assert ACTIVE & pdf_names(hostile) >= {"/JS", "/Launch", "/URI", "/OpenAction", "/AA", "/SubmitForm"}
    made = make_bundle(rustam_case(), "cat-complaint", {"decision-2012": hostile})
    assert ACTIVE & pdf_names(made.pdf) == set()
    for needle in (b"calc.exe", b"/bin/sh", b"canary.invalid", b"payload.exe", b"app.alert"):
        assert needle not in made.pdf
    reader = PdfReader(io.BytesIO(made.pdf))
    annex_pages = reader.pages[-2:]
    kept = [annotation.get_object()["/Subtype"] for annotation in annex_pages[0].get("/Annots", [])]
    assert kept == ["/Highlight"]
    assert "/Annots" not in annex_pages[1]
    assert "Hostile, sheet 2" in annex_pages[1].extract_text()


# --- the command line --------------------------------------------------------------------------


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def test_docgen_bundle_writes_the_bundle_and_warns_of_annexes_not_attached(tmp_path):
    (tmp_path / "decision.pdf").write_bytes(annex_pdf("Decision"))
    out = tmp_path / "bundle.pdf"
    result = cli("bundle", str(RUSTAM), "-d", "appeal-letter", "--annex",
                 f"decision-2012={tmp_path / 'decision.pdf'}", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "warning: annexes.authorisation: Annex 1 is not attached" in result.stderr
    pages = texts(out.read_bytes())
    assert "Annex 2 — page 1 of 1" in pages[-1] and "Decision, sheet 1" in pages[-1]


def test_docgen_bundle_names_a_bad_annex_and_exits_1(tmp_path):
    (tmp_path / "stray.pdf").write_bytes(annex_pdf("Stray"))
    (tmp_path / "locked.pdf").write_bytes(encrypted(annex_pdf("Locked"), "secret"))
    result = cli("bundle", str(RUSTAM), "-d", "cat-complaint", "-o", str(tmp_path / "b.pdf"),
                 "-a", f"nope={tmp_path / 'stray.pdf'}", "-a", f"authorisation={tmp_path / 'locked.pdf'}")
    assert result.exit_code == 1
    assert "annexes.nope: The case has no annex with the id 'nope'" in result.stderr
    assert "annexes.authorisation: It is encrypted" in result.stderr
    assert not (tmp_path / "b.pdf").exists()


@pytest.mark.parametrize("annex, message", [
    ("decision-2012", "write ID=FILE.pdf"),
    ("decision-2012=/no/such/file.pdf", "/no/such/file.pdf: cannot read it"),
])
def test_docgen_bundle_usage_errors_exit_2(annex, message, tmp_path):
    result = cli("bundle", str(RUSTAM), "-d", "cat-complaint", "-a", annex, "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code == 2 and message in result.stderr


# --- the API -------------------------------------------------------------------------------------


def post_bundle(client, parts: dict, kind: str = "cat-complaint"):
    return client.post(f"/api/v1/bundles/{kind}", data=parts, content_type="multipart/form-data")


def case_part() -> tuple[io.BytesIO, str]:
    return io.BytesIO(RUSTAM.read_bytes()), "case.json"


def test_the_api_answers_the_bundle_as_a_download(client):
    response = post_bundle(client, {"case": case_part(),
                                    "annexes.decision-2012": (io.BytesIO(annex_pdf("Decision")), "d.pdf")})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=rustam-cat-complaint-bundle-2012-07-10.pdf"
    assert "Annex 2 — page 1 of 1" in texts(response.data)[-1]


def test_the_api_takes_the_case_as_a_text_field_too(client):
    response = post_bundle(client, {"case": RUSTAM.read_text(encoding="utf-8")})
    assert response.status_code == 200 and texts(response.data)[-1].startswith("Index of annexes")


def test_the_api_refuses_bad_annexes_with_422_by_path(client):
    response = post_bundle(client, {
        "case": case_part(),
        "annexes.decision-2012": (io.BytesIO(b"%PDF-1.4\nnot really\n%%EOF"), "d.pdf"),
        "annexes.nope": (io.BytesIO(annex_pdf("Stray")), "n.pdf"),
    })
    assert response.status_code == 422
    body = response.get_json()
    assert body["code"] == "invalid_annex"
    assert sorted(body["errors"]) == ["annexes.decision-2012", "annexes.nope"]
    assert "damaged" in body["errors"]["annexes.decision-2012"][0]


@pytest.mark.parametrize("parts, status, code, names", [
    ({"annexes.authorisation": (io.BytesIO(b"%PDF"), "a.pdf")}, 400, "invalid_parameter", ["case"]),
    ({"case": "{}", "annex": "x"}, 400, "invalid_parameter", ["annex"]),
    ({"case": "{not json"}, 400, "invalid_json", None),
    ({"case": "{}"}, 422, "invalid_case", None),
])
def test_the_api_refuses_what_is_not_a_bundle(client, parts, status, code, names):
    response = post_bundle(client, parts)
    body = response.get_json()
    assert (response.status_code, body["code"]) == (status, code)
    if names:
        assert list(body["errors"]) == names


def test_the_api_refuses_json_unknown_kinds_and_oversized_requests(app, client):
    response = client.post("/api/v1/bundles/cat-complaint", data=RUSTAM.read_bytes(),
                           content_type="application/json")
    assert (response.status_code, response.get_json()["code"]) == (415, "unsupported_media_type")
    response = post_bundle(client, {"case": case_part()}, kind="nothing")
    assert (response.status_code, response.get_json()["code"]) == (404, "unknown_document")
    app.config["MAX_BUNDLE_LENGTH"] = 100_000
    response = post_bundle(client, {"case": case_part(),
                                    "annexes.decision-2012": (io.BytesIO(b"%PDF" + b"0" * 200_000), "d.pdf")})
    assert (response.status_code, response.get_json()["code"]) == (413, "payload_too_large")


def test_uploads_never_reach_the_disk(client, monkeypatch):
    """werkzeug writes an upload over 500 KB to a temporary file unless the app keeps it in memory."""
    import werkzeug.formparser

    def no_files(*args, **kwargs):
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr(werkzeug.formparser, "SpooledTemporaryFile", no_files)
    big = annex_pdf("Big", pages=1)
    padded = big.replace(b"%%EOF", b"%" + b"0" * 700_000 + b"\n%%EOF")
    response = post_bundle(client, {"case": case_part(), "annexes.decision-2012": (io.BytesIO(padded), "d.pdf")})
    assert response.status_code in (200, 422), response.get_json()


# --- the form's result page ----------------------------------------------------------------------


def test_the_result_page_offers_the_bundle_with_a_file_input_per_annex(app):
    form = FormClient(app.test_client())
    page = lxml_html.fromstring(form.post(fields_of(json.loads(RUSTAM.read_text(encoding="utf-8")))).data)
    # Sent with the form that carries the case, and with it the language chosen beside each document.
    (button,) = page.xpath("//button[@formaction='/bundle']")
    assert (button.get("form"), button.get("formenctype")) == ("case-carrier", "multipart/form-data")
    (section,) = page.xpath("//section[@class='bundle']")
    # Every document the example case allows, each of which has a PDF to bundle.
    assert section.xpath(".//select[@name='document'][@form='case-carrier']/option/@value") == [
        kind.id for kind in KINDS.values() if "pdf" in kind.formats]
    assert section.xpath(".//input[@type='file'][@form='case-carrier']/@name") == [
        f"annexes.{annex_id}" for annex_id in ANNEX_IDS]
    assert page.xpath("//select[@name='language.cat-complaint'][@form='case-carrier']")


def test_the_form_makes_the_bundle_with_the_annexes_chosen(app):
    form = FormClient(app.test_client())
    response = form.post({"_case": RUSTAM.read_text(encoding="utf-8"), "document": "appeal-letter"},
                         action="", path="/bundle",
                         files={"annexes.decision-2012": (annex_pdf("Decision"), "decision.pdf"),
                                "annexes.authorisation": (b"", "")})  # an input left empty
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=rustam-appeal-letter-bundle-2012-07-10.pdf"
    pages = texts(response.data)
    assert "Annex 2 — page 1 of 1" in pages[-1]
    assert re.search(r"1 .* Not attached", next(page for page in pages if page.startswith("Index of annexes")))


def test_the_form_names_an_annex_it_cannot_use_and_keeps_the_case(app):
    form = FormClient(app.test_client())
    case = RUSTAM.read_text(encoding="utf-8")
    response = form.post({"_case": case, "document": "cat-complaint"}, action="", path="/bundle",
                         files={"annexes.decision-2012": (encrypted(annex_pdf("Locked"), "x"), "d.pdf")})
    assert response.status_code == 422
    page = lxml_html.fromstring(response.data)
    summary = page.xpath("//div[@class='error-summary']")[0].text_content()
    assert "Annex 2: Decision" in summary and "It is encrypted" in summary
    assert json.loads(page.xpath("//input[@name='_case']/@value")[0]) == json.loads(case)


# --- in the document's language ------------------------------------------------------------------

# What the English bundle writes that no other language's may.
ENGLISH = ("Index of annexes", "Annex ", "Not attached", "pages 1 to", "Page numbers", " of this file")


@pytest.fixture(scope="module")
def russian_bundle():
    """The fixture's complaint in Russian, with annexes 2 and 3 (of two pages) and 1 and 4 missing."""
    files = {"decision-2012": annex_pdf("Decision"), "tadjibaeva-statement": annex_pdf("Statement", pages=2)}
    return make_bundle(rustam_case(), "cat-complaint", files, language="ru")


def test_a_russian_bundle_has_its_index_stamps_and_bookmarks_in_russian(russian_bundle):
    pages = texts(russian_bundle.pdf)
    index_at = next(number for number, page in enumerate(pages) if page.startswith("Перечень приложений"))
    index = pages[index_at]
    assert f"Жалоба в Комитет против пыток в соответствии со статьей 22 Конвенции: страницы 1–{index_at} настоящего файла." in index
    assert re.search(rf"Приложение Документ Дата Стр\. 1 Signed authorisation .* 2 июля 2012 года Не приложено", index)
    assert re.search(rf"12 июня 2012 года {index_at + 2}\b", index)  # the decision, on the page after the index
    assert "Номера страниц указаны по настоящему PDF-файлу." in index
    assert "Приложение 2 — стр. 1 из 1" in pages[index_at + 1]
    assert "Приложение 3 — стр. 1 из 2" in pages[index_at + 2] and "Приложение 3 — стр. 2 из 2" in pages[index_at + 3]
    for page in pages[index_at:]:
        assert not [word for word in ENGLISH if word in page], page
    top = [title for depth, title, _ in outline(russian_bundle.pdf) if depth == 0]
    assert top[1:] == ["Перечень приложений", "Приложение 2: Decision refusing the third application for asylum",
                       "Приложение 3: Statement of Mutabar Tadjibaeva confirming his employment by Jarayon "
                       "since August 2010, with copies of e-mails"]
    assert PdfReader(io.BytesIO(russian_bundle.pdf)).trailer["/Root"]["/Lang"] == "ru"
    # The warning is the user's, in English, quoting what the index says.
    assert russian_bundle.warnings[0] == {"path": "annexes.authorisation",
                                          "message": "Annex 1 is not attached: the index says “Не приложено”."}


def test_docgen_bundle_writes_in_the_language_asked_and_names_the_file_in_it(tmp_path, monkeypatch):
    (tmp_path / "decision.pdf").write_bytes(annex_pdf("Decision"))
    monkeypatch.chdir(tmp_path)
    result = cli("bundle", str(RUSTAM), "-d", "cat-complaint", "--language", "fr",
                 "-a", f"decision-2012={tmp_path / 'decision.pdf'}")
    assert result.exit_code == 0, result.output
    assert "Annex 1 is not attached: the index says “Non jointe”" in result.stderr
    pages = texts((tmp_path / "rustam-requete-avec-annexes-fr-2012-07-10.pdf").read_bytes())
    index = next(page for page in pages if page.startswith("Liste des annexes"))
    assert "Annexe Document Date Page 1 Signed authorisation of the representative 2 juillet 2012 Non jointe" in index
    assert "du présent fichier" in index and not [word for word in ENGLISH if word in index]
    assert "Annexe 2 — page 1 sur 1" in pages[-1]


def test_docgen_bundle_refuses_a_language_the_document_is_not_written_in(tmp_path):
    result = cli("bundle", str(RUSTAM), "-d", "cat-complaint", "--language", "nb", "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code == 1 and "language: " in result.stderr
    assert not (tmp_path / "b.pdf").exists()


def test_the_api_makes_the_bundle_in_the_language_asked(client):
    response = client.post("/api/v1/bundles/cat-complaint?language=es", content_type="multipart/form-data",
                           data={"case": case_part(), "annexes.decision-2012": (io.BytesIO(annex_pdf("Decision")), "d.pdf")})
    assert response.status_code == 200, response.get_json()
    assert response.headers["Content-Disposition"] == "attachment; filename=rustam-queja-con-anexos-es-2012-07-10.pdf"
    pages = texts(response.data)
    index = next(page for page in pages if page.startswith("Índice de anexos"))
    assert "Anexo Documento Fecha Página" in index and "No se adjunta" in index
    assert not [word for word in ENGLISH if word in index]
    assert "Anexo 2 — página 1 de 1" in pages[-1]


@pytest.mark.parametrize("language, message", [
    ("nb", "The cat-complaint is written in en, ru, fr, es."),
    ("xx", "Must be one of"),
])
def test_the_api_refuses_a_bundle_language_by_parameter(client, language, message):
    response = client.post(f"/api/v1/bundles/cat-complaint?language={language}",
                           content_type="multipart/form-data", data={"case": case_part()})
    body = response.get_json()
    assert (response.status_code, body["code"], list(body["errors"])) == (400, "invalid_parameter", ["language"])
    assert message in body["errors"]["language"][0]


def test_the_form_makes_the_bundle_in_the_language_chosen_beside_the_document(app):
    form = FormClient(app.test_client())
    response = form.post({"_case": RUSTAM.read_text(encoding="utf-8"), "document": "appeal-letter",
                          "language.appeal-letter": "nb"}, action="", path="/bundle",
                         files={"annexes.decision-2012": (annex_pdf("Decision"), "decision.pdf")})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=rustam-klage-med-vedlegg-nb-2012-07-10.pdf"
    pages = texts(response.data)
    index = next(page for page in pages if page.startswith("Vedleggsliste"))
    assert "Vedlegg Dokument Dato Side 1 Signed authorisation of the representative 2. juli 2012 Ikke vedlagt" in index
    assert not [word for word in ENGLISH if word in index]
    assert "Vedlegg 2 — side 1 av 1" in pages[-1]


# --- an annex docgen makes: the chronology -------------------------------------------------------

CHRONOLOGY_TITLE = "Chronology of events and proceedings"


def chronology_case_data() -> dict:
    """The fixture with the chronology, made by docgen, as its Annex 3 (the statement and the
    article become Annexes 4 and 5)."""
    data = json.loads(RUSTAM.read_text(encoding="utf-8"))
    data["annexes"].insert(2, {"id": "chronology", "document": "chronology"})
    return data


@pytest.fixture(scope="module")
def chronology_bundle():
    """The complaint with Annex 1 (one page) and Annex 5 (two pages) supplied, Annex 3 made by
    docgen; and the chronology's own page count."""
    case = load_case(chronology_case_data())
    files = {"authorisation": annex_pdf("Authorisation"), "eurasianet-copy": annex_pdf("Article", pages=2)}
    chronology_pages = len(PdfReader(io.BytesIO(render(case, "chronology", "pdf"))).pages)
    return make_bundle(case, "cat-complaint", files), chronology_pages


def test_the_chronology_made_by_docgen_is_indexed_stamped_and_bookmarked_as_its_annex(chronology_bundle):
    made, length = chronology_bundle
    pages = texts(made.pdf)
    index_at = next(number for number, page in enumerate(pages, start=1) if page.startswith("Index of annexes"))
    index = pages[index_at - 1]
    start = index_at + 2  # after the index, Annex 1's one page
    assert re.search(rf"\b3 {CHRONOLOGY_TITLE} {start}\b", index)
    assert re.search(r"\b4 Statement of Mutabar .* Not attached", index)
    chronology = pages[start - 1:start - 1 + length]
    assert [re.search(r"Annex \d — page \d+ of \d+", page).group(0) for page in chronology] == [
        f"Annex 3 — page {page} of {length}" for page in range(1, length + 1)]
    assert chronology[0].startswith(CHRONOLOGY_TITLE)
    assert "He fled Uzbekistan to Norway." in chronology[0]
    assert "Annex 5 — page 1 of 2" in pages[start - 1 + length] and "Article, sheet 1" in pages[start - 1 + length]
    assert (0, f"Annex 3: {CHRONOLOGY_TITLE}", start) in outline(made.pdf)
    # The complaint's own list of annexes names it as it names the others.
    assert f"3. {CHRONOLOGY_TITLE} 4. Statement of Mutabar" in " ".join(pages[:index_at - 1])
    # Made, not missing: the warnings are of the annexes not supplied.
    assert [warning["path"] for warning in made.warnings] == ["annexes.decision-2012", "annexes.tadjibaeva-statement"]


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf (.ci/setup)")
def test_a_bundle_with_the_chronology_passes_qpdf_check(chronology_bundle, tmp_path):
    path = tmp_path / "bundle.pdf"
    path.write_bytes(chronology_bundle[0].pdf)
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors found" in check.stdout


def test_a_russian_bundle_annexes_the_chronology_in_english_and_says_so():
    made = make_bundle(load_case(chronology_case_data()), "cat-complaint", {}, language="ru")
    pages = texts(made.pdf)
    chronology = next(page for page in pages if page.startswith(CHRONOLOGY_TITLE))
    assert "Приложение 3 — стр. 1 из" in chronology and "He fled Uzbekistan to Norway." in chronology
    (warning,) = [warning for warning in made.warnings if warning["path"] == "annexes.chronology"]
    assert warning["message"] == ("Annex 3 is the chronology in English: docgen writes it only in "
                                  "English, not in Russian.")


def test_each_document_the_case_accepts_as_an_annex_is_a_kind_made_as_pdf():
    """The case names them without importing the kinds (the case does not know the model)."""
    assert ANNEX_DOCUMENTS and all("pdf" in KINDS[document].formats for document in ANNEX_DOCUMENTS)


def test_an_annex_docgen_makes_is_made_only_for_a_document_that_refers_to_it():
    """The rule 114 request encloses only the annexes it relies on: not the chronology."""
    made = make_bundle(load_case(chronology_case_data()), "cat-interim-measures", {})
    assert not [page for page in texts(made.pdf) if CHRONOLOGY_TITLE in page]
    assert "annexes.chronology" not in [warning["path"] for warning in made.warnings]


def test_a_file_for_an_annex_docgen_makes_is_refused_by_its_id():
    with pytest.raises(BundleInvalid) as raised:
        make_bundle(load_case(chronology_case_data()), "cat-complaint", {"chronology": annex_pdf("Own chronology")})
    assert list(raised.value.errors) == ["annexes.chronology"]
    assert raised.value.errors["annexes.chronology"][0].startswith(
        "docgen makes this annex from the case (the chronology): send no file for it")


def test_an_annex_docgen_makes_needs_no_title_and_one_it_does_not_make_is_refused_by_path():
    assert load_case(chronology_case_data()).data["annexes"][2]["title"] is None
    data = chronology_case_data()
    data["annexes"][2]["document"] = "cat-complaint"
    del data["annexes"][3]["title"]
    with pytest.raises(CaseInvalid) as raised:
        load_case(data)
    assert raised.value.errors == {"annexes.2.document": ["Must be one of: chronology."],
                                   "annexes.3.title": ["Missing data for required field."]}


def test_docgen_bundle_makes_the_chronology_annex_and_validate_names_a_bad_document(tmp_path):
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(chronology_case_data()), encoding="utf-8")
    out = tmp_path / "bundle.pdf"
    result = cli("bundle", str(case_file), "-d", "appeal-letter", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "annexes.chronology" not in result.stderr
    pages = texts(out.read_bytes())
    assert any(page.startswith(CHRONOLOGY_TITLE) and "Annex 3 — page 1 of" in page for page in pages)
    data = chronology_case_data()
    data["annexes"][2]["document"] = "chronologie"
    case_file.write_text(json.dumps(data), encoding="utf-8")
    result = cli("validate", str(case_file))
    assert result.exit_code == 1
    assert "annexes.2.document: Must be one of: chronology." in result.output


def test_the_api_makes_the_chronology_annex_and_refuses_a_file_or_a_bad_document_for_it(client):
    case = json.dumps(chronology_case_data())
    response = post_bundle(client, {"case": case})
    assert response.status_code == 200
    assert any("Annex 3 — page 1 of" in page and "He fled Uzbekistan to Norway." in page
               for page in texts(response.data))
    response = post_bundle(client, {"case": case, "annexes.chronology": (io.BytesIO(annex_pdf("Own")), "c.pdf")})
    assert (response.status_code, response.get_json()["code"]) == (422, "invalid_annex")
    assert list(response.get_json()["errors"]) == ["annexes.chronology"]
    data = chronology_case_data()
    data["annexes"][2]["document"] = "chronologie"
    response = post_bundle(client, {"case": json.dumps(data)})
    assert (response.status_code, response.get_json()["code"]) == (422, "invalid_case")
    assert response.get_json()["errors"] == {"annexes.2.document": ["Must be one of: chronology."]}


def test_the_result_page_says_docgen_makes_the_chronology_and_the_form_bundles_it(app):
    form = FormClient(app.test_client())
    case = chronology_case_data()
    page = lxml_html.fromstring(form.post(fields_of(case)).data)
    (section,) = page.xpath("//section[@class='bundle']")
    assert section.xpath(".//input[@type='file']/@name") == [
        "annexes.authorisation", "annexes.decision-2012", "annexes.tadjibaeva-statement", "annexes.eurasianet-copy"]
    (made,) = section.xpath(".//p[@class='made-annex']")
    assert normalise(made.text_content()) == f"Annex 3: {CHRONOLOGY_TITLE}. docgen makes it from this case, in English."
    response = form.post({"_case": json.dumps(case), "document": "cat-complaint"}, action="", path="/bundle")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert any("Annex 3 — page 1 of" in page and page.startswith(CHRONOLOGY_TITLE) for page in texts(response.data))
