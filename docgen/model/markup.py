"""The legal text's markup: Markdown, as a lawyer reads and edits it, parsed into model blocks.

What the templates may write (see templates/README.md):

    # Title                      -> TITLE
    ## Heading                   -> HEADING
    ### Subheading               -> SUBHEADING
    a paragraph                  -> NUMBERED, numbered through the document
    ::: plain / ::: urgent       -> PLAIN / URGENT paragraphs, unnumbered
    1. item  /  1) item          -> ITEM labelled "1." / "(a)"
    - item                       -> ITEM labelled "–"
    | Date | Event |             -> TABLE: a header row, then the rows of the body
    | --- | --- |
    | 1 May 2012 | Arrested |
    *italic*, **bold**
    {^3}                         -> the call of footnote 3 (written by the template's cite())
    {!2}                         -> the block carries review mark 2 (written by cite() too)

Values from the case reach this text through `escape()`, which backslash-escapes every ASCII
punctuation mark: Markdown then reads them as literal characters, so no user text can open a
heading, a list, emphasis or a footnote call.

Text is set by markdown-it's typographer, in the body and (through `typeset`) in the footnotes
alike, with the quotation marks of the document's language (`docgen.languages`): in English
OSCOLA's, "quotation" and 'quotation' -> ‘quotation’; in French « quotation »; apostrophes -> ’,
"--" -> –, "---" -> —, "..." -> …; and the spaces the language keeps unbroken (French before
; : ? !) become no-break spaces. Escaping keeps user text from being read as markup, not from
being typeset, so escaped characters join the text before the typographer runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.replacements import replace_rare
from markdown_it.rules_core.smartquotes import smartquotes
from markdown_it.rules_core.text_join import text_join
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from docgen.languages import LANGUAGES, Language
from docgen.model.document import Block, BlockKind, Cell, FootnoteRef, Inline, ReviewMark, Text, merge_runs

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_WHITESPACE = re.compile(r"\s+")
_FOOTNOTE_CALL = re.compile(r"\{([\^!])(\d+)\}")
# Punctuation (escaped or not, with the space a language sets before it) followed by calls; not
# the stop that ends a case's value (an abbreviation's: "2012 г\.", "Ltd\.") before the sentence's.
_PUNCTUATION_THEN_CALLS = re.compile(r"(?<!\\)(?!\\\.\.)( ?(?:\\?[.,;:?!])+)((?:\{[\^!]\d+\})+)")
# A value ending in a stop (escaped) followed, after any calls, by the sentence's own: a sentence
# that ends with an abbreviation takes one stop, its calls after it ("в июне 2012 г.³").
_STOP_THEN_STOP = re.compile(r"(\\\.(?:\{[\^!]\d+\})*)\.")
_CALL_TOKENS = {"^": "footnote_call", "!": "review_call"}
_HEADINGS = {"h1": BlockKind.TITLE, "h2": BlockKind.HEADING, "h3": BlockKind.SUBHEADING}
_CONTAINERS = {"plain": BlockKind.PLAIN, "urgent": BlockKind.URGENT}
# The tokens around a table's cells; column alignment is the stylesheet's and Word's to decide.
_TABLE_FRAME = {"thead_open", "thead_close", "tbody_open", "tbody_close",
                "th_open", "th_close", "td_open", "td_close"}
_NO_BREAK_SPACE = "\u00a0"


def escape(value: str) -> str:
    """A case value as Markdown that reads back as exactly its words, on one line."""
    return _PUNCTUATION.sub(r"\\\1", _WHITESPACE.sub(" ", value))


def footnote_call(number: int) -> str:
    return "{^%d}" % number


def review_call(number: int) -> str:
    """Marks the block it stands in with the ``number``-th of the marks given to `parse`."""
    return "{!%d}" % number


def _footnote_call_rule(state: StateInline, silent: bool) -> bool:
    match = _FOOTNOTE_CALL.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push(_CALL_TOKENS[match.group(1)], "", 0)
        token.meta = {"number": int(match.group(2))}
    state.pos = match.end()
    return True


def _dashes(state: StateCore) -> None:
    """markdown-it's dashes and ellipses without its "(c)" -> ©, which would turn "article
    1(c)" into "article 1©"."""
    for token in state.tokens:
        if token.type == "inline" and token.children:
            replace_rare(token.children)


@cache
def _unbroken(language: Language):
    """The core rule that makes the spaces ``language`` keeps unbroken no-break spaces: its own,
    the space between its pinpoint words and their number ("par. 2", "avsn. 11") and, where it
    keeps dates whole, the spaces of a date ("12 de junio de 2012")."""
    patterns = (*language.unbroken_spaces,
                *(rf"(?<=\b{re.escape(own)}) (?=\d)" for _, own in language.pinpoint_words))
    spaces = re.compile("|".join(patterns)) if patterns else None
    dates = language.dates if language.unbroken_dates else None

    def unbroken(text: str) -> str:
        if dates:
            text = dates.sub(lambda found: found[0].replace(" ", _NO_BREAK_SPACE), text)
        return spaces.sub(_NO_BREAK_SPACE, text) if spaces else text

    def rule(state: StateCore) -> None:
        for token in state.tokens:
            for child in (token.children or ()) if token.type == "inline" else ():
                if child.type == "text":
                    child.content = unbroken(child.content)
    return rule


@cache
def _parser(language: Language) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True,
                                   "quotes": list(language.quotes)}).enable("table")
    # Only what legal text needs: nothing that could link, embed or fetch.
    md.disable(["code", "fence", "html_block", "reference", "hr", "lheading",
                "backticks", "link", "image", "autolink", "html_inline", "entity"])
    for name in _CONTAINERS:
        md.use(container_plugin, name=name)
    md.inline.ruler.before("emphasis", "footnote_call", _footnote_call_rule)
    # Escaped characters become text before the typographer, not after it as CommonMark has it.
    md.core.ruler.disable("text_join")
    md.core.ruler.after("inline", "escapes_as_text", text_join)
    md.core.ruler.before("smartquotes", "dashes", _dashes)
    md.enable("smartquotes")
    md.core.ruler.after("smartquotes", "unbroken_spaces", _unbroken(language))
    return md


def typeset(runs: Sequence[Text], language: Language = LANGUAGES["en"]) -> tuple[Text, ...]:
    """Runs of text (a footnote's) set by the body's typographer for ``language``, each run
    keeping its style.

    Quotes pair across runs, as they do across emphasis in the body: ‘*Title*’.
    """
    md = _parser(language)
    children = [Token("text", "", 0, content=run.text) for run in runs]
    line = Token("inline", "", 0, content="".join(run.text for run in runs), children=children)
    state = StateCore("", md, {})
    state.tokens = [line]
    _dashes(state)
    smartquotes(state)
    _unbroken(language)(state)
    return tuple(Text(child.content, run.italic, run.bold) for child, run in zip(children, runs))


def parse(markdown: str, marks: Sequence[ReviewMark] = (),
          language: Language = LANGUAGES["en"]) -> list[Block]:
    """Blocks in reading order, NUMBERED ones labelled 1..N through the document, set for
    ``language``; a block that holds the call of a review mark carries that mark."""
    if language.call_before_punctuation:
        markdown = _PUNCTUATION_THEN_CALLS.sub(r"\2\1", markdown)
    markdown = _STOP_THEN_STOP.sub(r"\1", markdown)
    blocks: list[Block] = []
    container: BlockKind | None = None
    lists: list[dict] = []  # the open lists, innermost last
    numbered = 0
    heading: BlockKind | None = None
    table: list[tuple[Cell, ...]] | None = None  # the rows of the open table
    marked_rows: list[tuple[int, int]] = []  # the open table's review calls, each with its row
    row: list[Cell] = []
    for token in _parser(language).parse(markdown):
        kind = token.type
        if kind == "table_open":
            table = []
        elif kind == "table_close":
            blocks.append(Block(BlockKind.TABLE, (), rows=tuple(table),
                                marks=tuple(replace(marks[n - 1], row=at) for n, at in marked_rows)))
            table, marked_rows = None, []
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            table.append(tuple(row))
        elif table is not None and kind == "inline":
            row.append(_inline(token))
            marked_rows.extend((n, len(table)) for n in _review_calls(token))
        elif kind in _TABLE_FRAME:
            pass
        elif kind.startswith("container_") and kind.endswith("_open"):
            container = _CONTAINERS[kind[len("container_"):-len("_open")]]
        elif kind.startswith("container_") and kind.endswith("_close"):
            container = None
        elif kind == "heading_open":
            if token.tag not in _HEADINGS:
                raise ValueError(f"The document template uses a heading docgen does not render: {token.markup}")
            heading = _HEADINGS[token.tag]
        elif kind == "heading_close":
            heading = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists.append({"ordered": kind == "ordered_list_open", "markup": token.markup,
                          "start": int(token.attrs.get("start", 1)), "count": 0})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            lists[-1]["count"] += 1
        elif kind == "inline":
            if token.content.startswith(":::"):
                raise ValueError(f"The document template uses a block docgen does not render: {token.content.splitlines()[0]}")
            content = _inline(token)
            review = tuple(marks[n - 1] for n in _review_calls(token))
            if heading:
                blocks.append(Block(heading, content, marks=review))
            elif lists:
                blocks.append(Block(BlockKind.ITEM, content, _item_label(lists[-1], language), len(lists) - 1,
                                    marks=review))
            elif container:
                blocks.append(Block(container, content, marks=review))
            else:
                numbered += 1
                blocks.append(Block(BlockKind.NUMBERED, content, str(numbered), marks=review))
        elif kind not in ("paragraph_open", "paragraph_close", "list_item_close"):
            raise ValueError(f"The document template uses markup docgen does not render: {kind}")
    return blocks


def _item_label(open_list: dict, language: Language) -> str:
    if not open_list["ordered"]:
        return "–"
    number = open_list["start"] + open_list["count"] - 1
    if open_list["markup"] == ")":
        return language.lettered.format(_letters(number))
    return f"{number}."


def _letters(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: how legal drafting letters sub-paragraphs."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _review_calls(token: Token) -> list[int]:
    return [child.meta["number"] for child in token.children or () if child.type == "review_call"]


def _inline(token: Token) -> tuple[Inline, ...]:
    runs: list[Inline] = []
    italic = bold = False
    for child in token.children or ():
        kind = child.type
        if kind == "text":
            runs.append(Text(child.content, italic=italic, bold=bold))
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Text(" ", italic=italic, bold=bold))
        elif kind in ("em_open", "em_close"):
            italic = kind == "em_open"
        elif kind in ("strong_open", "strong_close"):
            bold = kind == "strong_open"
        elif kind == "footnote_call":
            runs.append(FootnoteRef(child.meta["number"]))
        elif kind == "review_call":
            pass  # the block's, not a place in its text: see parse
        else:
            raise ValueError(f"The document template uses markup docgen does not render: {kind}")
    return merge_runs(runs)
