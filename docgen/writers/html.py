"""The HTML writer: a document model as one standalone, script-free HTML page.

The same Jinja template (`templates/html/document.html.j2`) serves the screen preview and the
PDF (`docgen.writers.pdf`); `render_html(..., paged=...)` is the one place that fills it:

- screen (`write_html`): the stylesheet is inlined so the downloaded file works offline, footnote
  calls are superscript links and the footnotes are a numbered list at the end;
- paged (for WeasyPrint): no inline stylesheet (the PDF writer gives WeasyPrint a parsed one) and
  each footnote's text stands where it is first called, for `float: footnote`.

Model text is data: it is only ever a value handed to a sandboxed, autoescaping environment.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from docgen.model.document import Block, BlockKind, Document, FootnoteRef, Inline, Text
from docgen.paths import TEMPLATES_DIR

HTML_DIR = TEMPLATES_DIR / "html"
TEMPLATE_NAME = "document.html.j2"
STYLESHEET_PATH = HTML_DIR / "document.css"

# Deepest list level the stylesheet indents; deeper items are shown at this level.
MAX_LEVEL = 4

# Languages written right to left (BCP 47 primary subtags).
_RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"})

# C0 and C1 control characters other than tab and newline, and lone surrogates: nothing a
# reader should see, and some break parsers or UTF-8 encoding.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def write_html(document: Document) -> bytes:
    """The document as a standalone HTML page (UTF-8), the web app's preview."""
    return render_html(document, paged=False).encode("utf-8")


def render_html(document: Document, *, paged: bool) -> str:
    """Fill the document template; `paged` selects the PDF form (see the module docstring)."""
    context = _context(document, paged=paged)
    return _template().render(context)


# The one Jinja environment of the process, made at import so that threads cannot race to make
# two: sandboxed, autoescaping, strict about undefined names, templates compiled once.
ENVIRONMENT = SandboxedEnvironment(
    loader=FileSystemLoader(HTML_DIR),
    autoescape=True,
    undefined=StrictUndefined,
    auto_reload=False,
    keep_trailing_newline=True,
)


def _template():
    return ENVIRONMENT.get_template(TEMPLATE_NAME)  # compiled on first use, then cached


@cache
def stylesheet_text() -> str:
    """docgen's own stylesheet, read once."""
    css = STYLESHEET_PATH.read_text(encoding="utf-8")
    if "</" in css.lower():
        # Inlined in <style>, "</style" would end the element early.
        raise ValueError(f"{STYLESHEET_PATH} must not contain '</'")
    return css


# What the template sees: plain values, already cleaned, no model objects.


@dataclass(frozen=True)
class _Run:
    kind: str  # "text" | "call" (a superscript link) | "note" (a footnote's text, paged)
    text: str = ""
    bold: bool = False
    italic: bool = False
    number: int = 0
    note: tuple[_Run, ...] = ()


@dataclass(frozen=True)
class _Block:
    kind: str
    runs: tuple[_Run, ...]
    label: str | None
    level: int
    rows: tuple[tuple[tuple[_Run, ...], ...], ...] = ()
    # What is still to verify in the block: each "note [path]", printed beside it in the margin.
    marks: tuple[str, ...] = ()
    # A table's marks by row, header first: each printed in the row it stands in.
    row_marks: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class _Note:
    number: int
    runs: tuple[_Run, ...]


def _context(document: Document, *, paged: bool) -> dict:
    notes = _footnotes(document, paged)
    placed: set[int] = set()
    blocks = tuple(_block(block, notes, placed, paged) for block in document.blocks)
    meta = document.metadata
    language = printable(meta.language).strip() or "und"
    return {
        "paged": paged,
        "language": language,
        "direction": "rtl" if _is_rtl(language) else "ltr",
        "title": printable(meta.title),
        "author": printable(meta.author),
        "subject": printable(meta.subject),
        "keywords": [printable(k) for k in meta.keywords if printable(k).strip()],
        # Our own file, trusted: Markup so that autoescape leaves the CSS as it is.
        "stylesheet": None if paged else Markup(stylesheet_text()),
        "blocks": blocks,
        "footnotes": () if paged else tuple(_Note(n, notes[n]) for n in sorted(notes)),
    }


def _footnotes(document: Document, paged: bool) -> dict[int, tuple[_Run, ...]]:
    """The footnotes' runs by number, once the model's calls and footnotes are known to agree."""
    document.check_footnotes(called_once_in_order=False)
    return {note.number: tuple(_text_run(part, paged) for part in note.content) for note in document.footnotes}


def _block(block: Block, notes: dict, placed: set[int], paged: bool) -> _Block:
    runs = tuple(_run(part, notes, placed, paged) for part in block.content)
    # After the content: footnotes are placed in reading order.
    rows = tuple(tuple(tuple(_run(part, notes, placed, paged) for part in cell) for cell in row)
                 for row in block.rows)
    label = printable(block.label) if block.label is not None else None
    if label is not None and block.kind is BlockKind.NUMBERED and not label.endswith("."):
        label += "."
    level = min(max(block.level, 0), MAX_LEVEL) if block.kind is BlockKind.ITEM else 0
    def notes(marks) -> tuple[str, ...]:
        return tuple(printable(f"{mark.note} [{mark.path}]") for mark in marks)

    if block.rows:
        return _Block(kind=BlockKind(block.kind).value, runs=runs, label=label, level=level, rows=rows,
                      row_marks=tuple(notes(m for m in block.marks if m.row == index)
                                      for index in range(len(block.rows))))
    return _Block(kind=BlockKind(block.kind).value, runs=runs, label=label, level=level, rows=rows,
                  marks=notes(block.marks))


def _run(part: Inline, notes: dict, placed: set[int], paged: bool) -> _Run:
    if isinstance(part, FootnoteRef):
        if paged and part.number not in placed:
            # The first call carries the footnote's text, which WeasyPrint floats to the foot
            # of the page; a later call to the same note is a plain superscript link.
            placed.add(part.number)
            return _Run(kind="note", number=part.number, note=notes[part.number])
        return _Run(kind="call", number=part.number)
    return _text_run(part, paged)


# A run of text without a break (a URL, a name without spaces) is costly and can be lost:
# - in a table it makes its column as wide as itself (overflow-wrap: break-word does not narrow
#   a column), pushing the table off the page's right edge; overflow-wrap: anywhere would fix
#   the width, but WeasyPrint then measures every character as a break (10 cells of 1,000
#   characters: 0.7 s -> 21 s CPU);
# - in a paragraph or a footnote WeasyPrint breaks it by shaping what is left of it again for
#   each line, which grows with the square of its length (10,000 characters: 2.1 s, against
#   0.26 s for words), and a footnote area is laid out again for each footnote on its page.
# So in the PDF a run of more than _UNBROKEN characters without a space, slash or hyphen gets a
# zero-width space (an invisible break, which text extraction leaves out) every _UNBROKEN
# characters, only before a letter, digit or punctuation mark that stands on its own, so that no
# accented letter, emoji sequence or flag is split. The screen preview uses CSS for its tables.
_UNBROKEN = 40  # longer than any word of a language docgen writes (Norwegian compounds included)
_LONG_RUN = re.compile(rf"[^\s/\-]{{{_UNBROKEN + 1},}}")
_ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """``text`` with a break allowed in every run of more than _UNBROKEN characters without one."""
    return _LONG_RUN.sub(lambda match: _with_breaks(match.group()), text)


def _with_breaks(run: str) -> str:
    out, since = [], 0
    for index, character in enumerate(run):
        if since >= _UNBROKEN and _between_plain(run[index - 1], character):
            out.append(_ZERO_WIDTH_SPACE)
            since = 0
        out.append(character)
        since += 1
    return "".join(out)


def _between_plain(before: str, after: str) -> bool:
    """Whether a break between the two splits no character a reader sees as one: ``after`` is
    a letter, digit or punctuation mark of its own (not a mark joining the one before), and
    ``before`` is not a joiner that binds an emoji sequence."""
    return (unicodedata.category(after)[0] in "LNP" and not unicodedata.combining(after)
            and before != "\u200d")


def _text_run(part: Text, paged: bool) -> _Run:
    text = printable(part.text)
    return _Run(kind="text", text=breakable(text) if paged else text, bold=part.bold, italic=part.italic)


def printable(text: str) -> str:
    """`text` without control characters and lone surrogates; everything else as it is."""
    return _UNPRINTABLE.sub("", text)


def _is_rtl(language: str) -> bool:
    tag = language.lower()
    return tag.split("-")[0] in _RTL_LANGUAGES or "-arab" in tag or "-hebr" in tag
