"""The legal text's markup: escape() keeps case values as words, parse() turns Markdown into blocks."""

from __future__ import annotations

import pytest

from docgen.model.document import Block, BlockKind, FootnoteRef, Text
from docgen.model.markup import escape, footnote_call, parse, typeset

def runs(block: Block) -> tuple:
    """The block's content without empty text runs (markdown-it leaves some around emphasis)."""
    return tuple(part for part in block.content if not (isinstance(part, Text) and not part.text))


# Strings that would be markup, template code or a footnote call if they were not escaped.
LITERAL = [
    "{^3} looks like a footnote call",
    "a call in the middle {^12} of text",
    "# heading",
    "## heading two",
    "1. list",
    "1) lettered",
    "- item",
    "* item",
    "+ item",
    "**bold** and *italic* and _under_ and __strong__",
    "[link](http://x)",
    "![image](http://x/y.png)",
    "<http://x.example>",
    "<b>bold</b> <script>alert(1)</script>",
    "&amp; &lt; &#x41; &copy;",
    "back\\slash \\* \\\\ C:\\Users\\",
    "`code` and ```fence```",
    "> quoted",
    "---",
    "***",
    "=====",
    "::: urgent",
    "| a | b |",
    "~~struck~~",
    "{{ 7*7 }} {% if x %}y{% endif %} {# c #}",
    "trailing backslash \\",
    "2006. Born",
    "Republic of Uzbekistan, 9.5% (approx.)!",
    "Oʻzbekiston “quotes” ‘single’ «guillemets» – dash",
]


# What the typographer makes of the few of them it sets (the rest read back unchanged).
TYPESET = {"---": "—"}


@pytest.mark.parametrize("value", LITERAL)
def test_escaped_value_reads_back_as_the_same_words(value):
    (block,) = parse(escape(value))
    assert block.kind is BlockKind.NUMBERED
    # One plain run: no emphasis, no call, no link.
    assert block.content == (Text(TYPESET.get(value, value)),)


@pytest.mark.parametrize("value", LITERAL)
def test_escaped_value_stays_literal_inside_template_markup(value):
    # Where a template puts values: in a heading, a list item, bold, a container, next to a call.
    markdown = (
        f"## A heading with {escape(value)}\n\n"
        f"- Name: {escape(value)}\n\n"
        f"**{escape(value)}.** {escape(value)}{footnote_call(1)}\n\n"
        f"::: plain\n{escape(value)}\n:::\n"
    )
    heading, item, paragraph, plain = parse(markdown)
    value = TYPESET.get(value, value)
    assert (heading.kind, heading.text) == (BlockKind.HEADING, f"A heading with {value}")
    assert (item.kind, item.label, item.text) == (BlockKind.ITEM, "–", f"Name: {value}")
    assert runs(paragraph) == (Text(f"{value}.", bold=True), Text(f" {value}"), FootnoteRef(1))
    assert (plain.kind, plain.content) == (BlockKind.PLAIN, (Text(value),))


@pytest.mark.parametrize(("typed", "printed"), [
    ('He said "no".', "He said ‘no’."),
    ("She wrote 'they said “stop”' twice.", "She wrote ‘they said “stop”’ twice."),
    ("Rustam's family", "Rustam’s family"),
    ("2006 -- 2008, a---b, wait...", "2006 – 2008, a—b, wait…"),
    ("article 1(c), (r) and (tm)", "article 1(c), (r) and (tm)"),
])
def test_the_typographer_sets_template_and_user_text_alike(typed, printed):
    template_text, user_text = parse(f"{typed}\n\n{escape(typed)}\n")
    assert template_text.content == user_text.content == (Text(printed),)


def test_quotes_pair_across_emphasis_and_footnote_calls():
    (block,) = parse(f'The name "*{escape("Rustam")}*"{footnote_call(1)} was "used".\n')
    assert runs(block) == (Text("The name ‘"), Text("Rustam", italic=True), Text("’"),
                           FootnoteRef(1), Text(" was ‘used’."))


def test_typeset_sets_runs_and_keeps_their_styles():
    assert typeset([Text('"'), Text("It's", italic=True), Text('" -- 1--2')]) == (
        Text("‘"), Text("It’s", italic=True), Text("’ – 1–2"))


def test_newlines_and_runs_of_whitespace_collapse_to_one_space():
    value = "line one\nline two\r\n\n\n  line three\t\tend"
    assert escape(value) == "line one line two line three end"
    (block,) = parse(f"Text: {escape(value)}")
    assert block.text == "Text: line one line two line three end"


def test_a_blank_line_in_a_value_does_not_start_a_new_paragraph():
    value = "first paragraph\n\n# not a heading\n\n- not an item"
    blocks = parse(f"{escape(value)}\n")
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.NUMBERED, "first paragraph # not a heading - not an item")
    ]


def test_every_ascii_punctuation_mark_is_literal():
    punctuation = "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum())
    (block,) = parse(escape(punctuation))
    assert block.text == punctuation


# --- kinds of block ----------------------------------------------------------------------------


def test_each_kind_of_block():
    markdown = """\
# The title

## A. Heading

### Subheading

A first paragraph.

::: plain
Oslo, 10 July 2012
:::

::: urgent
URGENT: interim measures
:::

A second paragraph.

1) first remedy

2) second remedy

1. annex one
2. annex two

- dash item
"""
    assert [(b.kind, b.label, b.level, b.text) for b in parse(markdown)] == [
        (BlockKind.TITLE, None, 0, "The title"),
        (BlockKind.HEADING, None, 0, "A. Heading"),
        (BlockKind.SUBHEADING, None, 0, "Subheading"),
        (BlockKind.NUMBERED, "1", 0, "A first paragraph."),
        (BlockKind.PLAIN, None, 0, "Oslo, 10 July 2012"),
        (BlockKind.URGENT, None, 0, "URGENT: interim measures"),
        (BlockKind.NUMBERED, "2", 0, "A second paragraph."),
        (BlockKind.ITEM, "(a)", 0, "first remedy"),
        (BlockKind.ITEM, "(b)", 0, "second remedy"),
        (BlockKind.ITEM, "1.", 0, "annex one"),
        (BlockKind.ITEM, "2.", 0, "annex two"),
        (BlockKind.ITEM, "–", 0, "dash item"),
    ]


def test_numbered_paragraphs_count_through_the_document_and_nothing_else_takes_a_number():
    markdown = "\n\n".join(
        ["## A", "one", "::: plain\nunnumbered\n:::", "two", "- item", "### B", "three", "1. annex", "four"]
    )
    numbered = [(b.label, b.text) for b in parse(markdown) if b.kind is BlockKind.NUMBERED]
    assert numbered == [("1", "one"), ("2", "two"), ("3", "three"), ("4", "four")]


def test_several_paragraphs_in_one_container_are_each_a_block_of_its_kind():
    blocks = parse("::: plain\nTo: the Board\n\nFrom: counsel\n:::\n\nbody")
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PLAIN, "To: the Board"),
        (BlockKind.PLAIN, "From: counsel"),
        (BlockKind.NUMBERED, "body"),
    ]
    assert blocks[2].label == "1"


def test_lines_of_one_paragraph_join_with_a_space():
    (block,) = parse("a paragraph written\nacross two lines")
    assert block.text == "a paragraph written across two lines"


# --- labels ------------------------------------------------------------------------------------


def test_ordered_lists_start_where_the_markdown_says():
    blocks = parse("3. third\n4. fourth\n\nbetween\n\n5) fifth\n6) sixth")
    labels = [b.label for b in blocks if b.kind is BlockKind.ITEM]
    assert labels == ["3.", "4.", "(e)", "(f)"]


@pytest.mark.parametrize(
    "number, letters",
    [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "ab"), (52, "az"), (53, "ba"), (702, "zz"), (703, "aaa")],
)
def test_letters_go_on_past_z_as_legal_drafting_does(number, letters):
    (block,) = parse(f"{number}) item")
    assert block.label == f"({letters})"


def test_a_long_lettered_list_runs_from_a_to_ac():
    markdown = "\n".join(f"{n}) item {n}" for n in range(1, 30))
    labels = [b.label for b in parse(markdown)]
    assert labels[:3] == ["(a)", "(b)", "(c)"]
    assert labels[24:] == ["(y)", "(z)", "(aa)", "(ab)", "(ac)"]


def test_nested_lists_carry_their_depth_and_their_own_labels():
    markdown = """\
1) outer a
   1. inner one
   2. inner two
      - deepest
2) outer b
   - dash under b
"""
    assert [(b.label, b.level, b.text) for b in parse(markdown)] == [
        ("(a)", 0, "outer a"),
        ("1.", 1, "inner one"),
        ("2.", 1, "inner two"),
        ("–", 2, "deepest"),
        ("(b)", 0, "outer b"),
        ("–", 1, "dash under b"),
    ]


def test_a_list_ends_and_numbering_of_paragraphs_resumes():
    blocks = parse("first\n\n1) item\n\nsecond")
    assert [(b.kind, b.label) for b in blocks] == [
        (BlockKind.NUMBERED, "1"), (BlockKind.ITEM, "(a)"), (BlockKind.NUMBERED, "2")
    ]


# --- inline ------------------------------------------------------------------------------------


def test_footnote_calls_become_references_where_they_stand():
    (block,) = parse(f"The Committee{footnote_call(1)} found{footnote_call(2)}, and *ibid*{footnote_call(3)}.")
    assert block.content == (
        Text("The Committee"), FootnoteRef(1), Text(" found"), FootnoteRef(2), Text(", and "),
        Text("ibid", italic=True), FootnoteRef(3), Text("."),
    )
    assert block.text == "The Committee found, and ibid."


def test_footnote_call_in_a_heading_list_item_and_container():
    heading, item, plain = parse(
        f"## Heading{footnote_call(1)}\n\n1) remedy{footnote_call(2)}\n\n::: urgent\nnow{footnote_call(3)}\n:::"
    )
    assert heading.content == (Text("Heading"), FootnoteRef(1))
    assert item.content == (Text("remedy"), FootnoteRef(2))
    assert plain.content == (Text("now"), FootnoteRef(3))


@pytest.mark.parametrize("almost", ["{^}", "{^x}", "{3}", "^3", "{^3", "{ ^3}", "{^-1}"])
def test_what_is_not_a_footnote_call_is_text(almost):
    (block,) = parse(f"text {almost} end")
    assert block.content == (Text(f"text {almost} end"),)


def test_italic_bold_and_both_are_separate_runs_and_same_style_runs_merge():
    (block,) = parse("plain *italic* **bold** ***both*** plain again")
    assert runs(block) == (
        Text("plain "), Text("italic", italic=True), Text(" "), Text("bold", bold=True), Text(" "),
        Text("both", italic=True, bold=True), Text(" plain again"),
    )


def test_parse_returns_blocks():
    blocks = parse("one")
    assert blocks == [Block(BlockKind.NUMBERED, (Text("one"),), "1", 0)]


# --- what docgen does not render ----------------------------------------------------------------


@pytest.mark.parametrize("markdown", ["> a quotation", "> - a list in a quotation"])
def test_markup_docgen_cannot_render_raises(markdown):
    with pytest.raises(ValueError, match="does not render"):
        parse(markdown)


@pytest.mark.parametrize(
    "markdown, literal",
    [
        ("[a link](http://example.org)", "[a link](http://example.org)"),
        ("![an image](http://example.org/x.png)", "![an image](http://example.org/x.png)"),
        ("<http://example.org>", "<http://example.org>"),
        ("<b>html</b>", "<b>html</b>"),
        ("&amp; &copy;", "&amp; &copy;"),
        ("`code`", "`code`"),
    ],
)
def test_markup_that_could_link_embed_or_fetch_is_printed_as_written(markdown, literal):
    (block,) = parse(markdown)
    assert block.content == (Text(literal),)


def test_a_fourth_level_heading_is_refused_with_a_message():
    with pytest.raises(ValueError, match="does not render"):
        parse("#### Too deep")


def test_an_unknown_container_is_refused():
    with pytest.raises(ValueError, match="does not render"):
        parse("::: urgnet\nURGENT: interim measures\n:::")


def test_no_empty_text_runs_in_the_model():
    for markdown in ("**2006, Uzbekistan.** He fled.", "***both*** x", "*a* b"):
        (block,) = parse(markdown)
        assert all(part.text for part in block.content if isinstance(part, Text)), block.content


# --- tables -------------------------------------------------------------------------------------


def test_a_table_is_one_block_of_rows_header_first_with_calls_in_its_cells():
    backslash_pipe = escape("a\\|b")
    markdown = ("before\n\n| Date | Event |\n| --- | :-: |\n"
                f"| 1 May 2012 | {escape('arrested | beaten *twice*')}{{^1}} |\n| | {backslash_pipe} |\n\nafter\n")
    before, table, after = parse(markdown)
    assert table.kind is BlockKind.TABLE and table.content == () and table.label is None
    assert table.rows == (
        ((Text("Date"),), (Text("Event"),)),
        ((Text("1 May 2012"),), (Text("arrested | beaten *twice*"), FootnoteRef(1))),
        ((), (Text("a\\|b"),)),
    )
    assert table.inlines[-2:] == (FootnoteRef(1), Text("a\\|b"))
    assert table.text == "Date\tEvent\n1 May 2012\tarrested | beaten *twice*\n\ta\\|b"
    assert (before.label, after.label) == ("1", "2")  # a table takes no paragraph number
