"""The DOCX writer: a document model in, the bytes of a Word file out.

The layout lives in Word: `templates/docx/layout.docx` (made by `make_layout.py` beside it) holds
the styles, the paragraph numbering, the page and the footer, and a docxtpl body that picks one
styled paragraph per block kind. The words come from the model, and only as data:

- every run of text is XML this module builds and escapes itself, handed to the template as
  `Markup` so that it is inserted, never parsed as template source; the template is rendered in a
  sandboxed Jinja environment with autoescape on;
- footnotes are native Word footnotes: a `w:footnoteReference` run in the body and a
  `word/footnotes.xml` part that this module writes after rendering (docxtpl cannot create
  footnotes, and rendering footnote XML that holds user text through Jinja evaluates it);
- core properties are set with python-docx after rendering, never through Jinja;
- what a draft still has to verify (the model's review marks) is highlighted and carries a Word
  review comment: `w:commentRangeStart`/`w:commentRangeEnd` around the block's runs, a
  `w:commentReference` run, and a `word/comments.xml` part written as the footnotes part is.

Word numbers NUMBERED paragraphs itself (style "Numbered Paragraph"), so the model's labels must
be 1, 2, 3 ... in order; footnote calls must be 1, 2, 3 ... in order, once each, because Word
numbers footnotes by their place in the text. A model that breaks either raises ValueError
rather than producing a file whose numbers differ from the PDF's.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable, Sequence

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from docgen.languages import language
from docgen.model.document import (
    Block, BlockKind, Document, Footnote, FootnoteRef, Metadata, ReviewMark, Text,
)
from docgen.paths import TEMPLATES_DIR

LAYOUT = TEMPLATES_DIR / "docx" / "layout.docx"
# The layout's text width in twips: A4 (11906) less two margins of 2.5 cm (1418).
_TEXT_WIDTH = 11906 - 2 * 1418

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Labels are printed for these kinds (as the HTML writer does); NUMBERED gets Word's numbering.
_LABELLED = {BlockKind.ITEM, BlockKind.PLAIN}

# Replacements for text inside w:t. Braces become character references because docxtpl turns
# "{_{" into "{{" (and "%_}" into "%}") in its rendered output; as references they reach Word
# as the same characters, untouched.
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"})

_FOOTNOTE_REF_RUN = (
    '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
    '<w:footnoteReference w:id="{number}"/></w:r>'
)
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
)
# Package-level parts a Word save of the layout may leave (app.xml with company and template,
# custom properties, a thumbnail of the layout): dropped; app.xml is written afresh.
_REPLACED_PACKAGE_RELS = {RT.EXTENDED_PROPERTIES, RT.CUSTOM_PROPERTIES, RT.THUMBNAIL}
_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>docgen</Application><DocSecurity>0</DocSecurity></Properties>"
)


def write_docx(document: Document) -> bytes:
    """Render `document` as a DOCX file and return its bytes."""
    _check_model(document)
    template = DocxTemplate(io.BytesIO(_layout_bytes()))  # a template object is single-use
    comments: list[ReviewMark] = []
    words = language(document.metadata.language)
    context = {"blocks": [_block_context(block, comments) for block in document.blocks],
               "page": words.page, "page_of": words.page_of}
    template.render(context, jinja_env=_ENVIRONMENT, autoescape=True)
    docx = template.docx  # not get_docx(): after render it reloads the unrendered template
    _replace_footnotes(docx.part, document.footnotes)
    _add_comments(docx.part, comments)
    _set_properties(docx, document.metadata)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


@functools.cache
def _layout_bytes() -> bytes:
    return LAYOUT.read_bytes()


class _CompiledOnce(SandboxedEnvironment):
    """docxtpl compiles the layout's XML parts (body, footer, properties, footnotes) with
    `from_string` on every render, about half the time of a DOCX. Their source is the layout's,
    the same on every render (the document's words are context values, never source), so each
    is compiled once per process; the cache is bounded all the same."""

    _MOST = 64

    def __init__(self, **options):
        super().__init__(**options)
        self._compiled: dict[str, object] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            if len(self._compiled) < self._MOST:
                self._compiled[source] = template
        return template


# One per process, shared by threads: Jinja templates render concurrently, and docxtpl only
# sets `autoescape` on it, always to True.
_ENVIRONMENT = _CompiledOnce(autoescape=True)


def _check_model(document: Document) -> None:
    if not document.blocks:
        raise ValueError("a document needs at least one block")
    labels = [b.label for b in document.blocks if b.kind is BlockKind.NUMBERED]
    if labels != [str(n) for n in range(1, len(labels) + 1)]:
        raise ValueError(f"numbered paragraphs must be labelled 1, 2, 3 ... in order: {labels}")
    document.check_footnotes(called_once_in_order=True)


def _block_context(block: Block, comments: list[ReviewMark]) -> dict:
    """The block's runs, and its review marks added to ``comments``, numbered from 0 through
    the document, each one's range around the block's words (a table's, around its row's)."""
    if block.kind is BlockKind.TABLE:
        return {"kind": block.kind.value, "level": block.level, "runs": Markup(""),
                "table": Markup(_table(block.rows, block.marks, comments))}
    opening, closing = _comment_range(block.marks, comments)
    runs = [opening]
    if block.kind in _LABELLED and block.label is not None:
        runs.append(_run(Text(block.label)))
        runs.append("<w:r><w:tab/></w:r>")
    runs.append(_runs(block.content, bool(block.marks)))
    runs.append(closing)
    return {"kind": block.kind.value, "level": block.level, "runs": Markup("".join(runs)),
            "table": Markup("")}


def _comment_range(marks: Sequence[ReviewMark], comments: list[ReviewMark]) -> tuple[str, str]:
    """The XML that opens and closes the review comments of ``marks``, added to ``comments``."""
    ids = range(len(comments), len(comments) + len(marks))
    comments.extend(marks)
    opening = "".join(f'<w:commentRangeStart w:id="{i}"/>' for i in ids)
    closing = "".join(f'<w:commentRangeEnd w:id="{i}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/>'
                      f'</w:rPr><w:commentReference w:id="{i}"/></w:r>' for i in ids)
    return opening, closing


def _runs(parts: Iterable[Text | FootnoteRef], highlight: bool = False) -> str:
    return "".join(_FOOTNOTE_REF_RUN.format(number=int(part.number)) if isinstance(part, FootnoteRef)
                   else _run(part, highlight) for part in parts)


def _table(rows: tuple[tuple[tuple[Text | FootnoteRef, ...], ...], ...], marks: Sequence[ReviewMark],
           comments: list[ReviewMark]) -> str:
    """A w:tbl in the layout's table style: the header row repeats on each page it runs over,
    and no row breaks across pages. A row with review marks is highlighted, their comments'
    range running from its first cell to its last."""
    widths = _column_widths(rows)
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    xml = [f'<w:tbl><w:tblPr><w:tblStyle w:val="FilingTable"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
           '<w:tblLayout w:type="fixed"/>'
           '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
           ' w:noHBand="1" w:noVBand="1"/></w:tblPr>'
           f"<w:tblGrid>{grid}</w:tblGrid>"]
    for index, row in enumerate(rows):
        header = index == 0
        style = "TableHeading" if header else "TableText"
        marked = [mark for mark in marks if mark.row == index]
        opening, closing = _comment_range(marked, comments)
        xml.append(f'<w:tr><w:trPr><w:cantSplit/>{"<w:tblHeader/>" if header else ""}</w:trPr>')
        for column, width in enumerate(widths):
            cell = row[column] if column < len(row) else ()
            before = opening if column == 0 else ""
            after = closing if column == len(widths) - 1 else ""
            xml.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                       f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
                       f'{before}{_runs(cell, bool(marked))}{after}</w:p></w:tc>')
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    return "".join(xml)


# A character of the table's 11-point text is at most about 130 twips wide (bold), and a cell has
# 200 twips of padding: a column of short cells (dates, numbers) is made as wide as its longest.
_CHARACTER, _PADDING, _SHORT = 130, 200, 20


def _column_widths(rows) -> list[int]:
    """Columns of short cells (a date, an annex number) as wide as their longest cell; the
    other columns share the rest of the text width by the length of their longest cell."""
    columns = max(len(row) for row in rows)
    longest = [max((len(_cell_words(row[i])) if i < len(row) else 0) for row in rows) for i in range(columns)]
    fixed = {i: max(length, 3) * _CHARACTER + _PADDING for i, length in enumerate(longest) if length <= _SHORT}
    if len(fixed) == columns:
        return [fixed[i] for i in range(columns)]
    # Each other column at least as wide as a short one, so that a cell a little longer (an
    # approximate date: "Between 2007 and 2008") wraps at words, not letter by letter, beside a
    # column of long text; the rest shared by the length of their longest cell.
    flexible = {i: length for i, length in enumerate(longest) if i not in fixed}
    least = _SHORT * _CHARACTER + _PADDING
    rest = _TEXT_WIDTH - sum(fixed.values()) - least * len(flexible)
    total = sum(flexible.values())
    return [fixed[i] if i in fixed else least + rest * flexible[i] // total for i in range(columns)]


def _cell_words(cell: tuple[Text | FootnoteRef, ...]) -> str:
    return "".join(part.text for part in cell if isinstance(part, Text))


def _run(text: Text, highlight: bool = False) -> str:
    """One w:r for a run of text; tabs and line breaks become w:tab and w:br."""
    props = ("<w:b/><w:bCs/>" if text.bold else "") + ("<w:i/><w:iCs/>" if text.italic else "")
    props += '<w:highlight w:val="yellow"/>' if highlight else ""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{_text_elements(text.text)}</w:r>"


def _text_elements(text: str) -> str:
    pieces = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{chunk.translate(_XML_TEXT)}</w:t>')
    return "".join(pieces)


def _footnotes_xml(footnotes: Iterable[Footnote]) -> bytes:
    notes = "".join(
        f'<w:footnote w:id="{note.number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:tab/></w:r>{"".join(_run(text) for text in note.content)}</w:p></w:footnote>'
        for note in footnotes
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:footnotes xmlns:w="{W_NS}">{_SEPARATORS}{notes}</w:footnotes>'
    )
    return xml.encode("utf-8")


def _replace_footnotes(document_part, footnotes: tuple[Footnote, ...]) -> None:
    """Swap the layout's footnotes part (separators only) for one with the document's notes.

    The new part goes in through python-docx's public part API: the package writes its
    relationship and its content-type override on save.
    """
    for rid, rel in list(document_part.rels.items()):
        if rel.reltype == RT.FOOTNOTES:
            document_part.drop_rel(rid)
    part = Part(
        PackURI("/word/footnotes.xml"),
        CT.WML_FOOTNOTES,
        _footnotes_xml(footnotes),
        document_part.package,
    )
    document_part.relate_to(part, RT.FOOTNOTES)


def _comments_xml(comments: Iterable[ReviewMark]) -> bytes:
    notes = "".join(
        f'<w:comment w:id="{number}" w:author="docgen" w:initials="dg"><w:p>'
        '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
        f"{_run(Text(f'{mark.note} [{mark.path}]'))}</w:p></w:comment>"
        for number, mark in enumerate(comments)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:comments xmlns:w="{W_NS}">{notes}</w:comments>'
    )
    return xml.encode("utf-8")


def _add_comments(document_part, comments: list[ReviewMark]) -> None:
    """The review comments' part, through python-docx's part API as the footnotes' is; none at
    all in a document without marks (a final edition)."""
    for rid, rel in list(document_part.rels.items()):
        if rel.reltype == RT.COMMENTS:
            document_part.drop_rel(rid)
    if comments:
        part = Part(PackURI("/word/comments.xml"), CT.WML_COMMENTS, _comments_xml(comments),
                    document_part.package)
        document_part.relate_to(part, RT.COMMENTS)


def _set_properties(docx, metadata: Metadata) -> None:
    """Properties from the metadata and nothing else, whoever last saved the layout in Word.

    Word writes the name of whoever saves the layout (creator, last modified by), dates, its
    company and template into core.xml and app.xml; those are cleared and replaced here.
    """
    package = docx.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype in _REPLACED_PACKAGE_RELS:
            del package.rels[rid]
    app = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, _APP_XML, package)
    package.relate_to(app, RT.EXTENDED_PROPERTIES)

    props = docx.core_properties  # python-docx adds the part if the layout has none
    core = package.part_related_by(RT.CORE_PROPERTIES).element
    for child in list(core):
        core.remove(child)
    props.title = metadata.title
    props.author = metadata.author
    props.subject = metadata.subject
    props.keywords = ", ".join(metadata.keywords)
    props.language = metadata.language
    props.last_modified_by = "docgen"
    props.revision = 1
    # Word's spelling and hyphenation language, and the language LibreOffice tags a PDF with.
    rpr_default = docx.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr_default.find(qn("w:rPr")).find(qn("w:lang")).set(qn("w:val"), metadata.language)
