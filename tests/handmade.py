"""Documents built by hand, for the writers' tests: the model without a case behind it."""

from __future__ import annotations

from docgen.model.document import Block, BlockKind, Document, Footnote, Metadata, Text


def para(text: str, number: int, *extra) -> Block:
    """Numbered paragraph ``number`` reading ``text``, then any further runs or footnote calls."""
    return Block(BlockKind.NUMBERED, (Text(text), *extra), label=str(number))


def make_document(blocks, footnotes=(), **metadata) -> Document:
    meta = {"title": "Complaint of A.B. against Kazakhstan", "language": "en"} | metadata
    return Document("cat-complaint", Metadata(**meta), tuple(blocks), tuple(footnotes))


def table(*rows) -> Block:
    """A TABLE block: each row a tuple of cells, each cell a string or a tuple of strings, runs
    and footnote calls."""
    def runs(cell) -> tuple:
        parts = (cell,) if isinstance(cell, str) else cell
        return tuple(Text(part) if isinstance(part, str) else part for part in parts if part != "")

    return Block(BlockKind.TABLE, (), rows=tuple(tuple(runs(cell) for cell in row) for row in rows))


def note(number: int, text: str) -> Footnote:
    return Footnote(number, (Text(text),))


# The footnotes and properties of the writers' sample documents: three notes, one with italics.
SAMPLE_NOTES = (
    Footnote(1, (Text("Medical report of 2 May 2023, annex 4."),)),
    Footnote(2, (Text("See "), Text("Agiza v. Sweden", italic=True), Text(", CAT/C/34/D/233/2003."))),
    Footnote(3, (Text("Convention against Torture, art. 3."),)),
)
SAMPLE_METADATA = {
    "author": "Counsel for A.B.",
    "subject": "Article 22 complaint",
    "keywords": ("CAT", "non-refoulement"),
}
