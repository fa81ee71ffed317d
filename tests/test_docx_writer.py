"""The DOCX writer, checked on the file it writes: python-docx, the raw parts, and LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
import threading
import zipfile

import docx
import pytest
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from pypdf import PdfReader

from docgen.model.document import (
    Block,
    BlockKind,
    Document,
    Footnote,
    FootnoteRef,
    Text,
)
from handmade import make_document, para, table
from docgen.writers import docx as docx_writer
from docgen.writers.docx import write_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"

# Text that must reach the reader exactly as typed.
AWKWARD = [
    "Tom & Jerry <b>not bold</b> \"quoted\" 'single' ]]> &amp;",
    "{{ 7*7 }}",
    "{% for x in y %}loop{% endfor %}",
    "{{ self.__init__.__globals__ }} {{ cycler.__init__.__globals__.os.getpid() }}",
    "{%p if x %} {{r x }} {%tr y %} {# comment #}",
    "{_{ x }_} {_% y %_}",
    "Республика Узбекистан",
    "Oʻzbekiston Respublikasi",
    "مرحبا بالعالم، هذه شكوى",
    "🙂 👩🏽‍⚖️ 🇺🇿",
    "tab\there and a line\nbreak",
]


# --- building documents by hand ----------------------------------------------------------





def full_document() -> Document:
    """Every kind of block, labelled items at three levels, and footnotes with italics."""
    blocks = [
        Block(BlockKind.TITLE, (Text("Complaint under article 22"),)),
        Block(BlockKind.URGENT, (Text("Request for interim measures"),)),
        Block(BlockKind.PLAIN, (Text("Geneva, 3 March 2025"),)),
        Block(BlockKind.HEADING, (Text("A. Facts"),)),
        para("The complainant was born in Tashkent.", 1, FootnoteRef(1)),
        Block(BlockKind.SUBHEADING, (Text("1. Detention"),)),
        para("He was detained ", 2, Text("incommunicado", italic=True), Text(" for weeks."),
             FootnoteRef(2)),
        Block(BlockKind.HEADING, (Text("B. Remedies"),)),
        para("The complainant asks the Committee:", 3),
        Block(BlockKind.ITEM, (Text("to find a violation of article 3;"),), label="(a)"),
        Block(BlockKind.ITEM, (Text("in particular"),), label="(i)", level=1),
        Block(BlockKind.ITEM, (Text("deepest"),), label="1.", level=2),
        Block(BlockKind.ITEM, (Text("to request the State to refrain"),
                               FootnoteRef(3)), label="(b)"),
        para("Signed.", 4, Text(" Counsel", bold=True)),
    ]
    footnotes = [
        Footnote(1, (Text("Birth certificate, annex 1."),)),
        Footnote(2, (Text("See "), Text("Agiza v. Sweden", italic=True),
                     Text(", CAT/C/34/D/233/2003, para 13.4."))),
        Footnote(3, (Text("Rule 114 of the Committee's rules of procedure."),)),
    ]
    return make_document(blocks, footnotes, author="Counsel", subject="CAT complaint",
                         keywords=("article 3", "non-refoulement"))


# --- reading what was written ----------------------------------------------------------------


def opened(data: bytes):
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def shown(block: Block) -> tuple:
    """The block's content as a reader sees it: labels of items (and labelled plain paragraphs)
    are printed with a tab; a numbered paragraph's number is Word's, not text."""
    if block.kind in (BlockKind.ITEM, BlockKind.PLAIN) and block.label is not None:
        return (Text(f"{block.label}\t"), *block.content)
    return block.content


def expected_text(block: Block) -> str:
    return "".join(part.text for part in shown(block) if isinstance(part, Text))


def runs_of(paragraph) -> list[tuple[str, bool, bool]]:
    """(text, italic, bold) of each text run, merged where the formatting is the same."""
    merged: list[tuple[str, bool, bool]] = []
    for run in paragraph.iterfind("w:r", NS):
        text = "".join(
            {"t": t.text or "", "tab": "\t", "br": "\n"}.get(etree.QName(t).localname, "")
            for t in run
        )
        if not text:
            continue
        italic = run.find("w:rPr/w:i", NS) is not None
        bold = run.find("w:rPr/w:b", NS) is not None
        if merged and merged[-1][1:] == (italic, bold):
            merged[-1] = (merged[-1][0] + text, italic, bold)
        else:
            merged.append((text, italic, bold))
    return merged


def model_runs(content) -> list[tuple[str, bool, bool]]:
    merged: list[tuple[str, bool, bool]] = []
    for text in content:
        if not isinstance(text, Text) or not text.text:
            continue
        if merged and merged[-1][1:] == (text.italic, text.bold):
            merged[-1] = (merged[-1][0] + text.text, text.italic, text.bold)
        else:
            merged.append((text.text, text.italic, text.bold))
    return merged


def notes_by_id(data: bytes) -> dict[int, etree._Element]:
    root = part(data, "word/footnotes.xml")
    return {int(n.get(f"{W}id")): n for n in root.iterfind("w:footnote", NS)}


# --- the body -------------------------------------------------------------------------------


def test_paragraphs_follow_the_model_in_text_and_order():
    document = full_document()
    paragraphs = opened(write_docx(document)).paragraphs
    assert [p.text for p in paragraphs] == [expected_text(b) for b in document.blocks]


def test_inline_italic_and_bold_are_kept():
    document = full_document()
    body = part(write_docx(document), "word/document.xml")
    paragraphs = body.findall("w:body/w:p", NS)
    for block, paragraph in zip(document.blocks, paragraphs, strict=True):
        assert runs_of(paragraph) == model_runs(shown(block))
    assert runs_of(paragraphs[6])[1] == ("incommunicado", True, False)


STYLE_OF_KIND = {
    BlockKind.TITLE: "Title",
    BlockKind.HEADING: "Heading 1",
    BlockKind.SUBHEADING: "Heading 2",
    BlockKind.NUMBERED: "Numbered Paragraph",
    BlockKind.PLAIN: "Body Text",
    BlockKind.URGENT: "Urgent",
}


def test_each_kind_gets_its_word_style():
    document = full_document()
    paragraphs = opened(write_docx(document)).paragraphs
    for block, paragraph in zip(document.blocks, paragraphs, strict=True):
        if block.kind is BlockKind.ITEM:
            expected = ["List Item", "List Item 2", "List Item 3"][block.level]
        else:
            expected = STYLE_OF_KIND[block.kind]
        assert paragraph.style.name == expected, block


@pytest.mark.parametrize("kind", [kind for kind in BlockKind if kind is not BlockKind.TABLE])
def test_every_block_kind_is_rendered(kind):
    label = {"numbered": "1", "item": "(a)"}.get(kind.value)
    block = Block(kind, (Text(f"words of a {kind.value} block"),), label=label)
    paragraphs = opened(write_docx(make_document([block]))).paragraphs
    assert [p.text for p in paragraphs] == [expected_text(block)]


def test_deep_list_items_use_the_deepest_list_style():
    block = Block(BlockKind.ITEM, (Text("five deep"),), label="(v)", level=5)
    (paragraph,) = opened(write_docx(make_document([block]))).paragraphs
    assert paragraph.style.name == "List Item 3"
    assert paragraph.text == "(v)\tfive deep"


def test_list_items_carry_their_label_a_tab_and_a_hanging_indent():
    document = full_document()
    data = write_docx(document)
    items = [p for p in opened(data).paragraphs if p.style.name.startswith("List Item")]
    assert [p.text.split("\t")[0] for p in items] == ["(a)", "(i)", "1.", "(b)"]
    lefts = []
    for name in ("List Item", "List Item 2", "List Item 3"):
        ind = opened(data).styles[name].element.find("w:pPr/w:ind", NS)
        assert int(ind.get(f"{W}hanging")) > 0
        lefts.append(int(ind.get(f"{W}left")))
    assert lefts == sorted(lefts) and len(set(lefts)) == 3


def test_numbered_paragraphs_are_numbered_by_word_not_by_text():
    document = full_document()
    data = write_docx(document)
    word = opened(data)
    numbered = [p for p in word.paragraphs if p.style.name == "Numbered Paragraph"]
    model = [b for b in document.blocks if b.kind is BlockKind.NUMBERED]
    assert len(numbered) == len(model)
    assert [p.text for p in numbered] == [b.text for b in model]  # no "1." typed into the text

    # The style carries the numbering; one num, so Word counts 1, 2, 3 ... through the document.
    num_id = word.styles["Numbered Paragraph"].element.find("w:pPr/w:numPr/w:numId", NS)
    assert num_id is not None
    numbering = part(data, "word/numbering.xml")
    (num,) = numbering.xpath(f"w:num[@w:numId='{num_id.get(f'{W}val')}']", namespaces=NS)
    abstract_id = num.find("w:abstractNumId", NS).get(f"{W}val")
    (level,) = numbering.xpath(
        f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='0']", namespaces=NS
    )
    assert level.find("w:start", NS).get(f"{W}val") == "1"
    assert level.find("w:numFmt", NS).get(f"{W}val") == "decimal"
    assert level.find("w:lvlText", NS).get(f"{W}val") == "%1."
    # Nothing restarts or overrides the count paragraph by paragraph.
    assert data_xml(data, "word/document.xml").count("<w:numPr>") == 0
    assert numbering.find(".//w:lvlOverride", NS) is None


def data_xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name).decode("utf-8")


def test_numbered_labels_out_of_order_are_refused():
    blocks = [para("first", 1), para("second", 3)]
    with pytest.raises(ValueError, match="numbered"):
        write_docx(make_document(blocks))


@pytest.mark.parametrize(
    "calls, notes",
    [
        ((2, 1), (1, 2)),  # called out of order
        ((1, 1), (1,)),  # called twice
        ((1,), (1, 2)),  # never called
        ((1, 2), (1,)),  # called but missing
    ],
)
def test_footnotes_word_would_number_differently_are_refused(calls, notes):
    blocks = [para("text", 1, *(FootnoteRef(n) for n in calls))]
    footnotes = [Footnote(n, (Text(f"note {n}"),)) for n in notes]
    with pytest.raises(ValueError, match="footnote"):
        write_docx(make_document(blocks, footnotes))


def test_an_empty_document_is_refused():
    with pytest.raises(ValueError):
        write_docx(make_document([]))


# --- footnotes -------------------------------------------------------------------------------


def test_footnotes_part_holds_exactly_the_models_footnotes():
    document = full_document()
    data = write_docx(document)
    notes = notes_by_id(data)
    separators = {i: n.get(f"{W}type") for i, n in notes.items() if n.get(f"{W}type")}
    assert separators == {-1: "separator", 0: "continuationSeparator"}
    real = {i: n for i, n in notes.items() if i not in separators}
    assert sorted(real) == [f.number for f in document.footnotes]
    for footnote in document.footnotes:
        (paragraph,) = real[footnote.number].findall("w:p", NS)
        assert paragraph.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "FootnoteText"
        first_run = paragraph.find("w:r", NS)
        assert first_run.find("w:footnoteRef", NS) is not None
        assert first_run.find("w:rPr/w:rStyle", NS).get(f"{W}val") == "FootnoteReference"
        # the footnoteRef mark, a tab, then the model's runs
        assert runs_of(paragraph) == model_runs((Text("\t"), *footnote.content))
    italic = real[2].xpath(".//w:r[w:rPr/w:i]/w:t/text()", namespaces=NS)
    assert italic == ["Agiza v. Sweden"]


def test_footnote_references_are_native_and_numbered_in_order():
    document = full_document()
    body = part(write_docx(document), "word/document.xml")
    refs = body.findall(".//w:footnoteReference", NS)
    assert [int(r.get(f"{W}id")) for r in refs] == [1, 2, 3]
    for ref in refs:
        assert ref.getparent().find("w:rPr/w:rStyle", NS).get(f"{W}val") == "FootnoteReference"
    # each call sits in the paragraph the model puts it in
    paragraphs = body.findall("w:body/w:p", NS)
    where = [
        i for i, p in enumerate(paragraphs) for _ in p.iterfind(".//w:footnoteReference", NS)
    ]
    model = [i for i, b in enumerate(document.blocks) for c in b.content
             if isinstance(c, FootnoteRef)]
    assert where == model


def test_footnotes_part_is_registered_once_in_the_package():
    data = write_docx(full_document())
    types = part(data, "[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in types}
    assert overrides.get("/word/footnotes.xml") == FOOTNOTES_CT
    assert list(overrides.values()).count(FOOTNOTES_CT) == 1
    rels = part(data, "word/_rels/document.xml.rels")
    footnote_rels = [r for r in rels if r.get("Type") == FOOTNOTES_RT]
    assert [r.get("Target") for r in footnote_rels] == ["footnotes.xml"]
    settings = part(data, "word/settings.xml")
    ids = settings.xpath("w:footnotePr/w:footnote/@w:id", namespaces=NS)
    assert ids == ["-1", "0"]


def test_a_document_without_footnotes_keeps_the_separators_only():
    data = write_docx(make_document([para("no notes", 1)]))
    assert sorted(notes_by_id(data)) == [-1, 0]


# --- user text is data --------------------------------------------------------------------


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_comes_out_literally(text):
    blocks = [
        Block(BlockKind.TITLE, (Text(text),)),
        para(text, 1, Text(text, italic=True), FootnoteRef(1)),
        Block(BlockKind.ITEM, (Text(text, bold=True),), label=text),
    ]
    footnotes = [Footnote(1, (Text(text), Text(text, italic=True)))]
    data = write_docx(make_document(blocks, footnotes))
    paragraphs = opened(data).paragraphs
    assert [p.text for p in paragraphs] == [text, text + text, f"{text}\t{text}"]
    body = part(data, "word/document.xml").findall("w:body/w:p", NS)
    assert runs_of(body[1]) == [(text, False, False), (text, True, False)]
    (note,) = notes_by_id(data)[1].findall("w:p", NS)
    assert runs_of(note) == [("\t" + text, False, False), (text, True, False)]
    assert "49" not in data_xml(data, "word/document.xml")
    for name in ("word/document.xml", "word/footnotes.xml"):  # Word wants w:tab and w:br
        texts = part(data, name).xpath("//w:t/text()", namespaces=NS)
        assert not any("\t" in t or "\n" in t for t in texts)


def test_render_uses_a_sandboxed_environment_with_autoescape(monkeypatch):
    seen = {}
    original = docx_writer.DocxTemplate.render

    def spy(self, context, jinja_env=None, autoescape=False):
        seen["env"], seen["autoescape"] = jinja_env, autoescape
        return original(self, context, jinja_env=jinja_env, autoescape=autoescape)

    monkeypatch.setattr(docx_writer.DocxTemplate, "render", spy)
    write_docx(full_document())
    assert isinstance(seen["env"], SandboxedEnvironment)
    assert seen["env"].autoescape is True and seen["autoescape"] is True


def test_renders_do_not_leak_into_each_other():
    def doc(word):
        return make_document([para(word, 1, FootnoteRef(1))], [Footnote(1, (Text(word),))])

    results: dict[str, bytes] = {}

    def render(word):
        for _ in range(5):
            results[word] = write_docx(doc(word))

    threads = [threading.Thread(target=render, args=(w,)) for w in ("alpha", "beta", "gamma")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for word, data in results.items():
        assert [p.text for p in opened(data).paragraphs] == [word]
        assert runs_of(notes_by_id(data)[1].find("w:p", NS)) == [("\t" + word, False, False)]


# --- properties and what else the package holds ------------------------------------------


def test_core_properties_come_from_the_metadata():
    data = write_docx(full_document())
    props = opened(data).core_properties
    assert props.title == "Complaint of A.B. against Kazakhstan"
    assert props.author == "Counsel"
    assert props.subject == "CAT complaint"
    assert props.keywords == "article 3, non-refoulement"
    assert props.language == "en"
    assert props.last_modified_by == "docgen"
    assert props.revision == 1
    assert props.comments == ""


def test_properties_with_markup_are_not_escaped_twice():
    data = write_docx(make_document([para("x", 1)], title="Smith & Jones <v> {{ 7*7 }}",
                                    author="O'Brien & Ş"))
    props = opened(data).core_properties
    assert props.title == "Smith & Jones <v> {{ 7*7 }}"
    assert props.author == "O'Brien & Ş"


def test_nothing_identifying_is_left_in_the_package():
    data = write_docx(make_document([para("x", 1)], author=""))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
    assert names == {
        "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
        "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
        "word/numbering.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml",
        "word/footnotes.xml",
    }
    core = part(data, "docProps/core.xml")
    values = {etree.QName(e).localname: (e.text or "") for e in core}
    # docxtpl writes the empty properties it renders (identifier, description); no dates.
    assert {k: v for k, v in values.items() if v} == {
        "title": "Complaint of A.B. against Kazakhstan",
        "lastModifiedBy": "docgen",
        "revision": "1",
        "language": "en",
    }
    app = {etree.QName(e).localname: e.text for e in part(data, "docProps/app.xml")}
    assert app == {"Application": "docgen", "DocSecurity": "0"}
    assert "rsid" not in data_xml(data, "word/settings.xml")


def resaved_by_a_lawyer(layout: bytes) -> bytes:
    """The layout as Word leaves it after a lawyer saves it: their name, firm, dates, template."""
    replacements = {
        "docProps/core.xml": lambda xml: xml.replace(
            "<dc:creator>docgen</dc:creator><cp:lastModifiedBy>docgen</cp:lastModifiedBy>",
            "<dc:creator>Jane Lawyer</dc:creator><cp:lastModifiedBy>Jane Lawyer</cp:lastModifiedBy>"
            "<cp:category>Firm precedents</cp:category>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2019-04-01T09:00:00Z</dcterms:created>',
        ),
        "docProps/app.xml": lambda xml: xml.replace(
            "<DocSecurity>0</DocSecurity>",
            "<DocSecurity>0</DocSecurity><Template>C:\\Users\\jlawyer\\Normal.dotm</Template>"
            "<Company>Lawyer and Partners LLP</Company><Manager>J. Senior</Manager>",
        ),
        "[Content_Types].xml": lambda xml: xml.replace(
            "</Types>",
            '<Override PartName="/docProps/custom.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
        ),
        "_rels/.rels": lambda xml: xml.replace(
            "</Relationships>",
            '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(layout)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            xml = zin.read(item).decode("utf-8")
            changed = replacements.get(item.filename, lambda x: x)(xml)
            assert changed != xml or item.filename not in replacements
            zout.writestr(item, changed)
        zout.writestr(
            "docProps/custom.xml",
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'custom-properties"><property name="ClientFile" fmtid="{D5CDD505-2E9C-101B-9397-'
            '08002B2CF9AE}" pid="2"><vt:lpwstr xmlns:vt="http://schemas.openxmlformats.org/'
            'officeDocument/2006/docPropsVTypes">Jane Lawyer 2019/117</vt:lpwstr></property>'
            "</Properties>",
        )
    return out.getvalue()


def test_a_layout_saved_by_a_lawyer_leaves_no_trace(monkeypatch):
    layout = resaved_by_a_lawyer(docx_writer._layout_bytes())
    monkeypatch.setattr(docx_writer, "_layout_bytes", lambda: layout)
    data = write_docx(make_document([para("x", 1)], author=""))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        everything = b"".join(zf.read(name) for name in zf.namelist()).decode("utf-8")
        assert "docProps/custom.xml" not in zf.namelist()
    for trace in ("Jane", "Lawyer", "Normal.dotm", "2019", "Firm", "Senior", "custom-properties"):
        assert trace not in everything
    assert opened(data).core_properties.last_modified_by == "docgen"


def test_document_language_is_the_metadata_language():
    data = write_docx(make_document([para("x", 1)], language="ru"))
    lang = part(data, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(f"{W}val") == "ru"


# --- the layout ---------------------------------------------------------------------------


def test_page_font_and_footer():
    data = write_docx(full_document())
    body = part(data, "word/document.xml")
    sect = body.find("w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4
    margins = sect.find("w:pgMar", NS)
    assert {margins.get(f"{W}{side}") for side in ("top", "right", "bottom", "left")} == {"1418"}
    styles = part(data, "word/styles.xml")
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:rFonts", NS).get(f"{W}ascii") == "Liberation Serif"
    assert defaults.find("w:sz", NS).get(f"{W}val") == "24"  # half-points: 12 pt
    footer = data_xml(data, "word/footer1.xml")
    assert "Page " in footer and " of " in footer
    instructions = part(data, "word/footer1.xml").xpath("//w:instrText/text()", namespaces=NS)
    assert [i.strip() for i in instructions] == ["PAGE", "NUMPAGES"]


def test_word_styles_a_lawyer_can_restyle():
    word = opened(write_docx(full_document()))
    urgent = word.styles["Urgent"].element
    assert urgent.find("w:rPr/w:b", NS) is not None
    assert urgent.find("w:pPr/w:pBdr", NS) is not None
    assert urgent.find("w:rPr/w:caps", NS) is not None
    reference = word.styles["footnote reference"].element
    assert reference.find("w:rPr/w:vertAlign", NS).get(f"{W}val") == "superscript"
    assert word.styles["footnote text"].type == docx.enum.style.WD_STYLE_TYPE.PARAGRAPH
    for name in ("Title", "Heading 1", "Heading 2", "Body Text"):
        assert word.styles[name].type == docx.enum.style.WD_STYLE_TYPE.PARAGRAPH


# --- LibreOffice --------------------------------------------------------------------------


@pytest.mark.slow
def test_libreoffice_converts_it_to_pdf(tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("soffice (LibreOffice) is not installed; CI installs it")
    document = full_document()
    source = tmp_path / "complaint.docx"
    source.write_bytes(write_docx(document))
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    pdf = tmp_path / "complaint.pdf"
    assert pdf.exists() and pdf.stat().st_size > 0  # soffice exits 0 when it fails
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    text = " ".join(text.split())
    assert "Complaint under article 22" in text
    assert "Agiza v. Sweden" in text
    assert "Page 1 of 1" in text
    # Word's numbering survives the conversion
    assert "1. The complainant was born" in text
    assert "4. Signed." in text


def test_a_table_is_a_word_table_in_the_layout_style_its_header_row_repeated():
    document = make_document(
        [para("Before", 1), table(("Date", "Event"), ("1 May 2012", ("<b>arrested</b> {{ x }}", FootnoteRef(1))),
                                  ("2 May", "released")), para("After", 2)],
        [Footnote(1, (Text("Source"),))])
    data = write_docx(document)
    opened_document = opened(data)
    (word_table,) = opened_document.tables
    assert word_table.style.name == "Filing Table"
    assert [[cell.text for cell in row.cells] for row in word_table.rows] == [
        ["Date", "Event"], ["1 May 2012", "<b>arrested</b> {{ x }}"], ["2 May", "released"]]
    assert word_table.rows[0].cells[0].paragraphs[0].style.name == "Table Heading"
    assert word_table.rows[1].cells[0].paragraphs[0].style.name == "Table Text"
    rows = part(data, "word/document.xml").findall(".//w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)
    assert [int(ref.get(f"{W}id")) for ref in part(data, "word/document.xml").iter(f"{W}footnoteReference")] == [1]
    assert [p.text for p in opened_document.paragraphs] == ["Before", "After"]
    style = opened_document.styles["Filing Table"].element
    assert style.find("w:tblPr/w:tblBorders/w:insideH", NS).get(f"{W}val") == "single"
