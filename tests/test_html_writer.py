"""The HTML writer, checked on the page it writes, parsed with the standard library's parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from jinja2.sandbox import SandboxedEnvironment

from docgen.model.document import (
    Block,
    BlockKind,
    Document,
    FootnoteRef,
    Text,
)
from handmade import SAMPLE_METADATA, SAMPLE_NOTES, make_document, note, para, table
from docgen.writers import html as html_writer
from docgen.writers.html import render_html, write_html

# Text that must reach the reader exactly as typed, never as markup or template code.
AWKWARD = [
    "Tom & Jerry &amp; <b>not bold</b>",
    "<script>alert(1)</script>",
    '<img src="http://127.0.0.1:9/canary" onerror="alert(1)">',
    "\"double\" and 'single' quotes",
    "{{ 7*7 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "{{ cycler.__init__.__globals__.os.getpid() }}",
    "</style></p></main>",
    "Республика Узбекистан",
    "Oʻzbekiston Respublikasi",
    "مرحبا بالعالم، هذه شكوى",
    "🙂 👩🏽‍⚖️ 🇺🇿",
]

# Every element the template may write; anything else in the output was injected.
TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "span",
    "a", "sup", "strong", "em", "footer", "ol", "li",
}  # fmt: skip


# --- building documents by hand ----------------------------------------------------------






def sample_document() -> Document:
    return make_document(
        [
            Block(BlockKind.TITLE, (Text("Complaint under article 22"),)),
            Block(BlockKind.URGENT, (Text("URGENT: request for interim measures"),)),
            Block(BlockKind.PLAIN, (Text("Geneva, 1 March 2025"),)),
            Block(BlockKind.HEADING, (Text("A. The facts"),)),
            Block(BlockKind.SUBHEADING, (Text("Detention in Tashkent"),)),
            para("The author was detained", 1, FootnoteRef(1), Text(" and beaten.")),
            para("He was ", 2, Text("never", italic=True), Text(" "), Text("released", bold=True), FootnoteRef(2)),
            Block(BlockKind.ITEM, (Text("find a violation of article 3"), FootnoteRef(3)), label="(a)"),
            Block(BlockKind.ITEM, (Text("order interim measures"),), label="(i)", level=1),
        ],
        SAMPLE_NOTES,
        **SAMPLE_METADATA,
    )


# --- reading the page back ----------------------------------------------------------------

VOID = {"meta", "br", "hr", "img", "link", "input", "source", "area", "base", "col", "embed", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [
            n for n in self.iter() if n.tag == tag and (cls is None or cls in (n.attrs.get("class") or "").split())
        ]

    def find(self, tag: str, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert len(found) == 1, f"expected one <{tag} class={cls}>, found {len(found)}"
        return found[0]


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(page: bytes) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(page.decode("utf-8"))
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder


def main_words(root: Node) -> str:
    """The words of the document's body, whitespace made single spaces."""
    return re.sub(r"\s+", " ", root.find("main").text).strip()


# --- the page -----------------------------------------------------------------------------


def test_page_is_standalone_utf8_with_lang_title_and_inline_stylesheet():
    page = write_html(sample_document())
    tree = parse(page)
    root = tree.root
    assert tree.doctype.lower() == "doctype html"
    assert root.find("html").attrs["lang"] == "en"
    assert root.find_all("meta")[0].attrs == {"charset": "utf-8"}
    assert root.find("title").text == "Complaint of A.B. against Kazakhstan"
    style = root.find("style").text
    assert "@page" in style and "float: footnote" in style and ".numbered" in style
    # Nothing that a browser would fetch or run.
    assert root.find_all("script") == [] and root.find_all("link") == [] and root.find_all("img") == []
    for node in root.iter():
        assert not any(name.startswith("on") for name in node.attrs), node
        assert "src" not in node.attrs
        if "href" in node.attrs:
            assert re.fullmatch(r"#fn-\d+", node.attrs["href"]), node.attrs
    assert "url(" not in style and "@import" not in style


def test_metadata_goes_into_the_head():
    root = parse(write_html(sample_document())).root
    meta = {m.attrs.get("name"): m.attrs.get("content") for m in root.find_all("meta") if m.attrs.get("name")}
    assert meta["author"] == "Counsel for A.B."
    assert meta["description"] == "Article 22 complaint"
    assert meta["keywords"] == "CAT, non-refoulement"


def test_blocks_words_and_labels():
    root = parse(write_html(sample_document())).root
    assert root.find("h1", "title").text == "Complaint under article 22"
    assert root.find("p", "urgent").text == "URGENT: request for interim measures"
    assert root.find("p", "plain").text == "Geneva, 1 March 2025"
    assert root.find("h2", "heading").text == "A. The facts"
    assert root.find("h3", "subheading").text == "Detention in Tashkent"

    numbered = root.find_all("p", "numbered")
    assert [p.find("span", "label").text for p in numbered] == ["1.", "2."]
    assert numbered[0].text == "1.The author was detained1 and beaten."
    second = numbered[1]
    assert second.find("em").text == "never" and second.find("strong").text == "released"

    items = root.find_all("p", "item")
    assert [p.find("span", "label").text for p in items] == ["(a)", "(i)"]
    assert "level-0" in items[0].attrs["class"] and "level-1" in items[1].attrs["class"]
    assert items[1].text == "(i)order interim measures"


def test_numbered_label_keeps_a_final_stop_it_already_has():
    document = make_document([Block(BlockKind.NUMBERED, (Text("x"),), label="12.")])
    root = parse(write_html(document)).root
    assert root.find("span", "label").text == "12."


def test_footnote_calls_are_superscript_links_and_notes_a_numbered_list_at_the_end():
    document = sample_document()
    root = parse(write_html(document)).root
    calls = root.find("main").find_all("a", "fn-call")
    assert [(a.attrs["href"], a.find("sup").text) for a in calls] == [
        ("#fn-1", "1"),
        ("#fn-2", "2"),
        ("#fn-3", "3"),
    ]
    items = root.find("footer", "footnotes").find("ol").find_all("li")
    assert len(items) == len(document.footnotes)
    for li, footnote in zip(items, document.footnotes, strict=True):
        assert li.attrs["id"] == f"fn-{footnote.number}"
        assert li.attrs["value"] == str(footnote.number)
        assert li.text == footnote.text
    assert items[1].find("em").text == "Agiza v. Sweden"
    # The notes' text is in the list only, never inline in the screen page.
    assert root.find("main").find_all("span", "fn") == []


def test_a_footnote_called_twice_is_listed_once():
    document = make_document(
        [para("first", 1, FootnoteRef(1)), para("again", 2, FootnoteRef(1))], [note(1, "The one source.")]
    )
    root = parse(write_html(document)).root
    assert [a.attrs["href"] for a in root.find_all("a", "fn-call")] == ["#fn-1", "#fn-1"]
    assert len(root.find("ol").find_all("li")) == 1
    paged = parse(render_html(document, paged=True).encode()).root
    assert [span.text for span in paged.find_all("span", "fn")] == ["The one source."]
    assert [a.attrs["href"] for a in paged.find_all("a", "fn-call")] == ["#fn-1"]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_comes_out_literally_everywhere(text):
    document = make_document(
        [
            Block(BlockKind.TITLE, (Text(text),)),
            para(text, 1, FootnoteRef(1)),
            Block(BlockKind.ITEM, (Text(text, bold=True, italic=True),), label=text),
        ],
        [note(1, text)],
        title=text,
        author=text,
        subject=text,
        keywords=(text,),
    )
    root = parse(write_html(document)).root
    tags = {node.tag for node in root.iter()} - {"#document"}
    assert tags <= TEMPLATE_TAGS, f"injected elements: {tags - TEMPLATE_TAGS}"
    assert root.find("title").text == text
    assert root.find("h1").text == text
    assert root.find("p", "numbered").text == f"1.{text}1"
    assert root.find("p", "item").find("span", "label").text == text
    assert root.find("p", "item").find("strong").find("em").text == text
    assert root.find("ol").find("li").text == text
    meta = {m.attrs.get("name"): m.attrs.get("content") for m in root.find_all("meta") if m.attrs.get("name")}
    assert meta["author"] == meta["description"] == meta["keywords"] == text
    assert "49" not in main_words(root)


def test_template_code_in_text_is_not_evaluated():
    page = write_html(make_document([para("{{ 7*7 }} {{ config }} {% if true %}yes{% endif %}", 1)]))
    assert "{{ 7*7 }} {{ config }} {% if true %}yes{% endif %}" in page.decode()
    assert b"49" not in page


def test_one_sandboxed_autoescaping_environment_per_process():
    environment = html_writer.ENVIRONMENT
    assert isinstance(environment, SandboxedEnvironment)
    assert environment.autoescape is True
    template = html_writer._template()
    write_html(sample_document())
    assert html_writer.ENVIRONMENT is environment and html_writer._template() is template


def test_screen_and_paged_forms_have_the_same_words():
    document = sample_document()
    screen = parse(write_html(document)).root
    paged = parse(render_html(document, paged=True).encode()).root
    # Paged: each note's text stands at its call; screen: the call number does, and the list.
    for span in paged.find_all("span", "fn"):
        span.children = [span.attrs["data-n"]]
    # Paged, a word joiner (invisible) ties each call to the word before it, as the PDF needs.
    assert main_words(paged).replace("\u2060", "") == main_words(screen)
    assert main_words(paged).count("\u2060") == 3
    assert paged.find_all("style") == [] and paged.find_all("footer") == []
    assert [s.attrs["data-n"] for s in paged.find_all("span", "fn")] == ["1", "2", "3"]
    assert [s.attrs["id"] for s in paged.find_all("span", "fn")] == ["fn-1", "fn-2", "fn-3"]


def test_right_to_left_language_sets_direction():
    root = parse(write_html(make_document([para("نص", 1)], language="ar"))).root
    assert root.find("html").attrs["dir"] == "rtl"
    root = parse(write_html(make_document([para("text", 1)], language="uz-Latn"))).root
    assert root.find("html").attrs["dir"] == "ltr"


def test_control_characters_and_lone_surrogates_do_not_reach_the_page():
    document = make_document([para("a\x00b\x0bc\x1bd\ud800e\tf", 1)])
    page = write_html(document)  # a lone surrogate would make encoding fail
    text = parse(page).root.find("p", "numbered").text
    assert text == "1.abcde\tf"


@pytest.mark.parametrize(
    ("blocks", "footnotes", "message"),
    [
        ([para("x", 1, FootnoteRef(2))], [note(1, "a")], "without a footnote: [2]"),
        ([para("x", 1)], [note(1, "a")], "never called: [1]"),
        ([para("x", 1, FootnoteRef(1))], [note(2, "a")], "numbered 2"),
    ],
)
def test_calls_and_footnotes_that_disagree_are_refused(blocks, footnotes, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        write_html(make_document(blocks, footnotes))


def test_a_table_has_a_header_row_and_body_rows_with_its_footnote_calls():
    document = make_document(
        [table(("Date", "Event"), ("1 May 2012", ("<b>arrested</b>", FootnoteRef(1))), ("", "released"))],
        [note(1, "Eurasianet")])
    root = parse(write_html(document)).root
    html_table = root.find("table")
    assert [th.text for th in html_table.find("thead").find_all("th")] == ["Date", "Event"]
    cells = [[td.text for td in tr.find_all("td")] for tr in html_table.find("tbody").find_all("tr")]
    assert cells == [["1 May 2012", "<b>arrested</b>1"], ["", "released"]]
    assert html_table.find("a", "fn-call").attrs["href"] == "#fn-1"
    assert root.find("footer").find("li").text == "Eurasianet"


# --- runs without a break, in the PDF's HTML ------------------------------------------------------


def test_a_long_run_without_a_break_gets_invisible_breaks_and_real_words_none():
    from docgen.writers.html import breakable

    norwegian = "asylsøknadsbehandlingen utlendingsforvaltningens"
    url = "https://www.eurasianet.org/uzbekistan-asylum-seeker-fears-deportation-from-norway"
    assert breakable(norwegian) == norwegian and breakable(url) == url
    run = "W" * 100
    assert breakable(run) == "W" * 40 + "\u200b" + "W" * 40 + "\u200b" + "W" * 20
    accented = "e\u0301" * 50  # no break between a letter and the accent that joins it
    assert all(piece.startswith("e") for piece in breakable(accented).split("\u200b"))
    family = "👨\u200d👩\u200d👧" * 30  # an emoji sequence is never split
    assert breakable(family) == family


def test_only_the_pdf_gets_the_breaks():
    document = make_document([para("W" * 100, 1)])
    assert "\u200b" not in write_html(document).decode("utf-8")
    assert "\u200b" in render_html(document, paged=True)
