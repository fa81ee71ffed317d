"""The document model: what every writer (DOCX, PDF, HTML) renders, and nothing else.

A document is a flat list of blocks in reading order plus its footnotes. Paragraph numbers and
footnote numbers are decided here, once, so that every format shows the same numbers. Writers
never see the case: anything a writer prints comes from this model.
"""

from __future__ import annotations

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


class BlockKind(str, Enum):
    TITLE = "title"  # the document's title, once, at the top
    HEADING = "heading"  # a section heading ("A. Facts")
    SUBHEADING = "subheading"
    NUMBERED = "numbered"  # a numbered paragraph: the body of a filing, numbered through
    PLAIN = "plain"  # an unnumbered paragraph: addresses, dates, signature lines
    URGENT = "urgent"  # the banner that marks an urgent request (interim measures, suspension)
    ITEM = "item"  # an item of a list (remedies, annexes), carrying its own label


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    content: tuple[Inline, ...]
    # The printed label: "12" for the twelfth numbered paragraph, "(a)" or "1" for a list item,
    # None for blocks without one.
    label: str | None = None
    # Nesting depth of list items (0 for everything else).
    level: int = 0

    @property
    def text(self) -> str:
        """The block's words without footnote calls: what a reader sees, for tests and search."""
        return "".join(part.text for part in self.content if isinstance(part, Text))


@dataclass(frozen=True)
class Footnote:
    number: int
    content: tuple[Text, ...]

    @property
    def text(self) -> str:
        return "".join(part.text for part in self.content)


@dataclass(frozen=True)
class Metadata:
    """Document properties written into the DOCX core properties and the PDF info/XMP.

    Everything here is safe for the edition being rendered: the public edition's metadata is
    built from the pseudonym, never the legal name.
    """

    title: str
    language: str  # BCP 47, e.g. "en"
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    kind: str  # "cat-complaint" | "appeal-letter"
    metadata: Metadata
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = field(default=())

    def footnote(self, number: int) -> Footnote:
        return self.footnotes[number - 1]
