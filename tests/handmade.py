"""Documents built by hand, for the writers' tests: the model without a case behind it."""

from __future__ import annotations

from docgen.model.document import Block, BlockKind, Document, Footnote, Metadata, Text


def para(text: str, number: int, *extra) -> Block:
    """Numbered paragraph ``number`` reading ``text``, then any further runs or footnote calls."""
    return Block(BlockKind.NUMBERED, (Text(text), *extra), label=str(number))


def make_document(blocks, footnotes=(), **metadata) -> Document:
    meta = {"title": "Complaint of A.B. against Kazakhstan", "language": "en"} | metadata
    return Document("cat-complaint", Metadata(**meta), tuple(blocks), tuple(footnotes))


def note(number: int, text: str) -> Footnote:
    return Footnote(number, (Text(text),))
