"""One document of a batch: a case (as JSON data, already validated once), which document, in
which format and language, and the name of its file in the batch's ZIP. Made by `make`, which the command
line's process pool and the queue's workers both call."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from docgen.batch.people import Group, file_stems
from docgen.case import load_case
from docgen.model.kinds import KINDS, CaseLacks, check_needs
from docgen.render import filename, render


@dataclass(frozen=True)
class Item:
    name: str  # the person's part of the file name: pseudonym, "row-N" or "item-N"
    data: dict
    kind: str
    format: str
    public: bool = False
    row: int | None = None  # the row of the table, or the position in a list of cases
    language: str | None = None  # the document's, when not the case's (render's `language`)

    @property
    def filename(self) -> str:
        """The file's name in the ZIP: whom it is for by pseudonym or row, and what it is, in
        the document's language as render.filename names it (p01-klage-nb.pdf)."""
        named = filename(self.kind, self.format, public=self.public,
                         case={"language": self.data.get("language")}, language=self.language)
        return f"{self.name}-{named}"

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Item:
        return cls(**data)


def make(item: Item) -> bytes:
    """The document's bytes. The case is loaded again here, in the process that renders it, as
    a loaded case is not plain data that can be sent between processes."""
    return render(load_case(item.data), item.kind, item.format, public=item.public,
                  language=item.language)


def from_group(group: Group, kind: str, format: str, public: bool = False,
               language: str | None = None) -> list[Item]:
    return [Item(person.name, person.data, kind, format, public, person.row, language)
            for person in group.people]


def from_cases(cases: list[tuple[int, dict, str, str, bool, str | None]], label: str = "item") -> list[Item]:
    """Items from (number, case data, kind, format, public, language), named by pseudonym or
    number."""
    names = file_stems([(number, data) for number, data, *_ in cases], label)
    return [Item(names[number], data, kind, format, public, number, language)
            for number, data, kind, format, public, language in cases]


def ready(items: list[Item]) -> tuple[list[Item], list[dict]]:
    """The items whose case has what their kind of document needs, in the language asked, and
    the failures of the others by row and path (a request for interim measures needs a planned
    removal; a kind is written in some languages only)."""
    kept, refused = [], []
    for item in items:
        data = load_case(item.data).data
        try:
            check_needs(KINDS[item.kind], {**data, "language": item.language or data["language"]})
        except CaseLacks as lacking:
            refused += [{"row": item.row, "path": path, "message": " ".join(messages)}
                        for path, messages in lacking.errors.items()]
        else:
            kept.append(item)
    return kept, refused
