"""The document model: what every writer (DOCX, PDF, HTML) renders, and nothing else.

A document is a flat list of blocks in reading order plus its footnotes. Paragraph numbers and
footnote numbers are decided here, once, so that every format shows the same numbers. Writers
never see the case: anything a writer prints comes from this model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True)
class Text:
    """A run of literal text. ``text`` is data: writers escape it, never interpret it."""

    text: str
    italic: bool = False
    bold: bool = False


@dataclass(frozen=True)
class FootnoteRef:
    """The place in a paragraph where footnote ``number`` is called."""

    number: int


Inline = Text | FootnoteRef


@dataclass(frozen=True)
class ReviewMark:
    """Something in a block still to verify before filing: a draft shows it (a Word comment and a
    highlight, a marked paragraph with a note in the PDF and HTML); a final edition has none."""

    path: str  # the field to check or fill in: "events.0.sources.0.verified"
    note: str  # what to do about it, in a lawyer's words
    # In a table, the row it stands in (0 is the header): the writers mark that row, not the
    # whole table, so that a chronology's unsourced event is shown where it is.
    row: int | None = None
Cell = tuple[Inline, ...]


def merge_runs(parts: Iterable[Inline]) -> tuple[Inline, ...]:
    """``parts`` with neighbouring runs of one style joined and empty runs left out: the model
    holds as few runs as its styles need, so writers print no split words."""
    merged: list[Inline] = []
    for part in parts:
        if isinstance(part, Text) and not part.text:
            continue
        last = merged[-1] if merged else None
        if isinstance(part, Text) and isinstance(last, Text) and (last.italic, last.bold) == (part.italic, part.bold):
            merged[-1] = Text(last.text + part.text, italic=part.italic, bold=part.bold)
        else:
            merged.append(part)
    return tuple(merged)


class BlockKind(str, Enum):
    TITLE = "title"  # the document's title, once, at the top
    HEADING = "heading"  # a section heading ("A. Facts")
    SUBHEADING = "subheading"
    NUMBERED = "numbered"  # a numbered paragraph: the body of a filing, numbered through
    PLAIN = "plain"  # an unnumbered paragraph: addresses, dates, signature lines
    URGENT = "urgent"  # the banner that marks an urgent request (interim measures, suspension)
    ITEM = "item"  # an item of a list (remedies, annexes), carrying its own label
    TABLE = "table"  # a table (the chronology): its cells are in `rows`, the first row its header


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    content: tuple[Inline, ...]
    # The printed label: "12" for the twelfth numbered paragraph, "(a)" or "1" for a list item,
    # None for blocks without one.
    label: str | None = None
    # Nesting depth of list items (0 for everything else).
    level: int = 0
    # A TABLE's rows of cells, its header row first; empty for every other kind.
    rows: tuple[tuple[Cell, ...], ...] = ()
    # What is still to verify in this block (draft editions only).
    marks: tuple[ReviewMark, ...] = ()

    @property
    def inlines(self) -> tuple[Inline, ...]:
        """Everything the block prints, in reading order (a table's cells row by row)."""
        return self.content + tuple(part for row in self.rows for cell in row for part in cell)

    @property
    def text(self) -> str:
        """The block's words without footnote calls: what a reader sees, for tests and search.
        A table's cells are separated by tabs and its rows by line breaks."""
        if self.rows:
            return "\n".join("\t".join(_words(cell) for cell in row) for row in self.rows)
        return _words(self.content)


def _words(parts: tuple[Inline, ...]) -> str:
    return "".join(part.text for part in parts if isinstance(part, Text))


@dataclass(frozen=True)
class Footnote:
    number: int
    content: tuple[Text, ...]

    @property
    def text(self) -> str:
        return "".join(part.text for part in self.content)


#: The most characters a document property holds. A DOCX core property takes at most 255
#: (python-docx refuses more), the smallest bound of any format docgen writes.
PROPERTY_LENGTH = 255
_ELLIPSIS = "\u2026"


def fit(text: str, most: int) -> str:
    """``text`` if it fits in ``most`` characters, else cut at a word and ended with "…"."""
    if len(text) <= most:
        return text
    cut = text[: most - len(_ELLIPSIS)]
    word_end = cut.rfind(" ")
    if word_end > most // 2:  # a word break not too far back; else cut inside the word
        cut = cut[:word_end]
    return cut.rstrip(" ,;:") + _ELLIPSIS


@dataclass(frozen=True)
class Metadata:
    """Document properties written into the DOCX core properties and the PDF info/XMP.

    Everything here is safe for the edition being rendered: the public edition's metadata is
    built from the pseudonym, never the legal name. Each property is cut to PROPERTY_LENGTH
    here, where it is made, so that a valid case whose names are long (the author line joins
    the representative's name and organisation) is never refused by a writer late.
    """

    title: str
    language: str  # BCP 47, e.g. "en"
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("title", "language", "author", "subject"):
            object.__setattr__(self, name, fit(getattr(self, name), PROPERTY_LENGTH))
        # The keywords are one property once joined ("a, b, c"): as many as fit in it.
        kept: list[str] = []
        for keyword in self.keywords:
            if len(", ".join([*kept, keyword])) > PROPERTY_LENGTH:
                break
            kept.append(keyword)
        object.__setattr__(self, "keywords", tuple(kept))


@dataclass(frozen=True)
class Document:
    kind: str  # "cat-complaint" | "appeal-letter"
    metadata: Metadata
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = field(default=())
    # The ids of the case's annexes the document refers to (its list of annexes, an "(Annex 2)",
    # its enclosures), in the case's order: what a filing bundle of it indexes.
    annexes: tuple[str, ...] = field(default=())

    def check_footnotes(self, *, called_once_in_order: bool) -> None:
        """Refuses, with ValueError, a model whose footnotes and calls disagree: footnotes
        numbered 1, 2, 3 ... by place, each called, and no call to a footnote that is not there.
        A filing whose footnote went missing, or whose call points nowhere, must not be printed.

        ``called_once_in_order``: for a format that numbers footnotes itself, by the place of
        their calls (Word), so that its numbers are the model's only if the calls are 1, 2, 3 ...
        once each. HTML and PDF print the model's numbers, and a later call as a plain link."""
        numbers = [note.number for note in self.footnotes]
        for position, number in enumerate(numbers, start=1):
            if number != position:
                raise ValueError(f"footnote at position {position} is numbered {number}")
        calls = [part.number for block in self.blocks for part in block.inlines if isinstance(part, FootnoteRef)]
        if unknown := sorted(set(calls) - set(numbers)):
            raise ValueError(f"footnote calls without a footnote: {unknown}")
        if uncalled := sorted(set(numbers) - set(calls)):
            raise ValueError(f"footnotes never called: {uncalled}")
        if called_once_in_order and calls != numbers:
            raise ValueError(f"footnotes must be called once each, in order: calls {calls}")
