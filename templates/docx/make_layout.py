"""Write layout.docx, the Word layout that docgen/writers/docx.py renders every DOCX from.

layout.docx, not this script, is the source of truth: restyle it in Word or LibreOffice (the
writer needs only the styles and the Jinja markup of the body listed below, which the tests
check). This script made the first version and documents what the binary holds; running it
(`python templates/docx/make_layout.py`) starts the layout afresh and discards edits made in
Word. Its output is byte-for-byte reproducible (fixed zip timestamps).

What the binary holds, part by part:
- word/styles.xml: the Word styles a lawyer restyles in Word (Home > Styles > Modify). Built-in
  styles keep Word's built-in names ("heading 1", "footnote text", ...) so Word treats them as
  its own (navigation pane, table of contents). Font: Liberation Serif 12 pt (Times metrics).
- word/numbering.xml: one numbering definition, linked to the style "Numbered Paragraph", so
  Word numbers those paragraphs 1., 2., 3. through the whole document and renumbers when a
  paragraph is inserted.
- word/document.xml: the body is docxtpl/Jinja markup. It loops over the blocks the writer
  prepares (`blocks`: kind, level, runs, table) and picks one styled paragraph per kind, or for
  a table the `w:tbl` (style "Filing Table") that replaces its paragraph. `runs` is run
  XML that the writer builds and escapes itself; no text of a case is ever template source.
  The section is A4 with 2.5 cm margins and a footer "Page X of Y" (PAGE, NUMPAGES fields), its
  words rendered by docxtpl from the document's language.
- word/footnotes.xml: only the separator footnotes (ids -1 and 0, as Word writes them); the
  writer replaces the part with one holding the document's footnotes.
- docProps: neutral properties ("docgen"); the writer sets title, author, etc. per document.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).with_name("layout.docx")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

FONT = "Liberation Serif"
CM = 567  # twips in a centimetre (rounded): Word measures indents and margins in twips

# --- styles ---------------------------------------------------------------------------------


def pstyle(style_id, name, ppr="", rpr="", based_on="Normal", next_id=None, extra=""):
    """A paragraph style. `extra` carries w:qFormat and the like."""
    parts = [f'<w:style w:type="paragraph" w:styleId="{style_id}">', f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_id:
        parts.append(f'<w:next w:val="{next_id}"/>')
    parts.append(extra)
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


def list_item(style_id, name, level):
    """List items: label, tab, text. At level 0 the label sits where a numbered paragraph's text
    starts (1 cm) and the text 1 cm further in; each level moves both 1 cm further in."""
    left = 2 * CM + level * CM
    return pstyle(
        style_id,
        name,
        ppr=(
            f'<w:tabs><w:tab w:val="left" w:pos="{left}"/></w:tabs>'
            '<w:spacing w:after="80"/>'
            f'<w:ind w:left="{left}" w:hanging="{CM}"/><w:jc w:val="both"/>'
        ),
        next_id=style_id,
        extra="<w:qFormat/>",
    )


# Built-in styles Word shows only once they are used.
HIDDEN_BUILTIN = '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'

STYLES = f"""{DECL}<w:styles xmlns:w="{W}">
<w:docDefaults>
<w:rPrDefault><w:rPr>
<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>
<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-GB"/>
</w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>
<w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>
<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
{pstyle("Title", "Title", next_id="Normal", extra="<w:qFormat/>",
        ppr='<w:keepNext/><w:spacing w:before="0" w:after="360"/><w:jc w:val="center"/>',
        rpr='<w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/>')}
{pstyle("Heading1", "heading 1", next_id="NumberedParagraph", extra="<w:qFormat/>",
        ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="160"/>'
            '<w:outlineLvl w:val="0"/>',
        rpr='<w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/>')}
{pstyle("Heading2", "heading 2", next_id="NumberedParagraph", extra="<w:qFormat/>",
        ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/>'
            '<w:outlineLvl w:val="1"/>',
        rpr='<w:b/><w:bCs/><w:i/><w:iCs/>')}
{pstyle("NumberedParagraph", "Numbered Paragraph", next_id="NumberedParagraph",
        extra="<w:qFormat/>",
        ppr='<w:numPr><w:numId w:val="1"/></w:numPr><w:jc w:val="both"/>')}
{pstyle("BodyText", "Body Text", next_id="BodyText", extra="<w:qFormat/>",
        ppr='<w:spacing w:after="120"/>')}
{pstyle("Urgent", "Urgent", next_id="NumberedParagraph", extra="<w:qFormat/>",
        ppr='<w:keepNext/>'
            '<w:pBdr>'
            '<w:top w:val="single" w:sz="12" w:space="4" w:color="C00000"/>'
            '<w:left w:val="single" w:sz="12" w:space="4" w:color="C00000"/>'
            '<w:bottom w:val="single" w:sz="12" w:space="4" w:color="C00000"/>'
            '<w:right w:val="single" w:sz="12" w:space="4" w:color="C00000"/>'
            '</w:pBdr>'
            '<w:spacing w:before="240" w:after="360"/><w:ind w:left="113" w:right="113"/>'
            '<w:jc w:val="center"/>',
        rpr='<w:b/><w:bCs/><w:caps/><w:color w:val="C00000"/>')}
{list_item("ListItem", "List Item", 0)}
{list_item("ListItem2", "List Item 2", 1)}
{list_item("ListItem3", "List Item 3", 2)}
{pstyle("TableText", "Table Text", next_id="TableText", extra="<w:qFormat/>",
        ppr='<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>',
        rpr='<w:sz w:val="22"/><w:szCs w:val="22"/>')}
{pstyle("TableHeading", "Table Heading", based_on="TableText", next_id="TableText",
        extra="<w:qFormat/>", ppr="<w:keepNext/>", rpr="<w:b/><w:bCs/>")}
<w:style w:type="table" w:styleId="FilingTable"><w:name w:val="Filing Table"/>
<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
<w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>
<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>
</w:tblBorders>
<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>
<w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>
<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>
<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E6E6E6"/></w:tcPr></w:tblStylePr>
</w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>
<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>
<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>
</w:tblCellMar></w:tblPr></w:style>
{pstyle("FootnoteText", "footnote text", extra=HIDDEN_BUILTIN,
        ppr=f'<w:tabs><w:tab w:val="left" w:pos="{CM // 2}"/></w:tabs>'
            f'<w:spacing w:after="60" w:line="240" w:lineRule="auto"/>'
            f'<w:ind w:left="{CM // 2}" w:hanging="{CM // 2}"/><w:jc w:val="both"/>',
        rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>')}
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>
<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>
<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
{pstyle("Footer", "footer", extra=HIDDEN_BUILTIN,
        ppr='<w:spacing w:after="0"/><w:jc w:val="center"/>',
        rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>')}
</w:styles>
"""

NUMBERING = f"""{DECL}<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0">
<w:multiLevelType w:val="singleLevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
<w:pStyle w:val="NumberedParagraph"/><w:suff w:val="tab"/><w:lvlText w:val="%1."/>
<w:lvlJc w:val="left"/>
<w:pPr><w:tabs><w:tab w:val="num" w:pos="{CM}"/></w:tabs><w:ind w:left="{CM}" w:hanging="{CM}"/></w:pPr>
</w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>
"""

# --- body: docxtpl markup --------------------------------------------------------------------


def para(text, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


# One paragraph per kind; the {%p ...%} paragraphs vanish when rendered, and {{r ...}} replaces
# its whole run with the run XML the writer prepared (block.runs).
BODY_PARAGRAPHS = [
    para("{%p for block in blocks %}"),
    para('{%p if block.kind == "title" %}'),
    para("{{r block.runs }}", "Title"),
    para('{%p elif block.kind == "heading" %}'),
    para("{{r block.runs }}", "Heading1"),
    para('{%p elif block.kind == "subheading" %}'),
    para("{{r block.runs }}", "Heading2"),
    para('{%p elif block.kind == "numbered" %}'),
    para("{{r block.runs }}", "NumberedParagraph"),
    para('{%p elif block.kind == "plain" %}'),
    para("{{r block.runs }}", "BodyText"),
    para('{%p elif block.kind == "urgent" %}'),
    para("{{r block.runs }}", "Urgent"),
    para('{%p elif block.kind == "item" and block.level == 0 %}'),
    para("{{r block.runs }}", "ListItem"),
    para('{%p elif block.kind == "item" and block.level == 1 %}'),
    para("{{r block.runs }}", "ListItem2"),
    para('{%p elif block.kind == "item" %}'),
    para("{{r block.runs }}", "ListItem3"),
    para('{%p elif block.kind == "table" %}'),
    para("{{p block.table }}"),
    para("{%p endif %}"),
    para("{%p endfor %}"),
]

A4_W, A4_H, MARGIN = 11906, 16838, 1418  # twips: 210 x 297 mm, 2.5 cm

DOCUMENT = f"""{DECL}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>
{"".join(BODY_PARAGRAPHS)}
<w:sectPr><w:footerReference w:type="default" r:id="rId5"/>
<w:pgSz w:w="{A4_W}" w:h="{A4_H}"/>
<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="709" w:footer="709" w:gutter="0"/>
<w:cols w:space="708"/></w:sectPr>
</w:body></w:document>
"""


def field(instruction, cached):
    """A complex field: Word and LibreOffice update PAGE and NUMPAGES when they lay out pages."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{cached}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


FOOTER = f"""{DECL}<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>
<w:r><w:t xml:space="preserve">{{{{ page }}}}</w:t></w:r>{field("PAGE", 1)}<w:r><w:t xml:space="preserve">{{{{ page_of }}}}</w:t></w:r>{field("NUMPAGES", 1)}
</w:p></w:ftr>
"""

# The separator footnotes only; the writer writes the real footnotes.
FOOTNOTES = f"""{DECL}<w:footnotes xmlns:w="{W}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>
"""

SETTINGS = f"""{DECL}<w:settings xmlns:w="{W}">
<w:zoom w:percent="100"/>
<w:defaultTabStop w:val="{CM}"/>
<w:characterSpacingControl w:val="doNotCompress"/>
<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
</w:settings>
"""

# Word substitutes Times New Roman where Liberation Serif is not installed (same metrics).
FONT_TABLE = f"""{DECL}<w:fonts xmlns:w="{W}">
<w:font w:name="{FONT}"><w:altName w:val="Times New Roman"/><w:charset w:val="00"/>
<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
</w:fonts>
"""

# --- package ---------------------------------------------------------------------------------

CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = f"""{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{CT_WML}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{CT_WML}.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="{CT_WML}.numbering+xml"/>
<Override PartName="/word/settings.xml" ContentType="{CT_WML}.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="{CT_WML}.fontTable+xml"/>
<Override PartName="/word/footer1.xml" ContentType="{CT_WML}.footer+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="{CT_WML}.footnotes+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>
"""

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = f"""{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>
</Relationships>
"""

DOCUMENT_RELS = f"""{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{REL}/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="{REL}/settings" Target="settings.xml"/>
<Relationship Id="rId4" Type="{REL}/fontTable" Target="fontTable.xml"/>
<Relationship Id="rId5" Type="{REL}/footer" Target="footer1.xml"/>
<Relationship Id="rId6" Type="{REL}/footnotes" Target="footnotes.xml"/>
</Relationships>
"""

# Neutral properties: no person, company, template path or dates. The writer fills in title,
# author, subject, keywords and language per document.
CORE = f"""{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title></dc:title><dc:creator>docgen</dc:creator><cp:lastModifiedBy>docgen</cp:lastModifiedBy><cp:revision>1</cp:revision>
</cp:coreProperties>
"""

APP = f"""{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Application>docgen</Application><DocSecurity>0</DocSecurity>
</Properties>
"""

PARTS = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": PACKAGE_RELS,
    "word/document.xml": DOCUMENT,
    "word/_rels/document.xml.rels": DOCUMENT_RELS,
    "word/styles.xml": STYLES,
    "word/numbering.xml": NUMBERING,
    "word/settings.xml": SETTINGS,
    "word/fontTable.xml": FONT_TABLE,
    "word/footer1.xml": FOOTER,
    "word/footnotes.xml": FOOTNOTES,
    "docProps/core.xml": CORE,
    "docProps/app.xml": APP,
}


def build(out: Path = OUT) -> None:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in PARTS.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, xml.encode("utf-8"))


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
