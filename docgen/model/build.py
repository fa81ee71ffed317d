"""From a validated case to a document model: the kind's template, rendered and parsed.

The legal text of each document is a Markdown template in templates/documents/<language>/,
rendered in the sandboxed environment of `environment.py` with the context of `context.py`.
Citations are made by the template's `cite()` as it goes, which numbers the footnotes in
reading order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docgen.case import Case
from docgen.case.warnings import to_verify
from docgen.languages import LANGUAGES, Language
from docgen.case.authorities import authorities
from docgen.model import redact
from docgen.model.casenames import case_names, italicise
from docgen.model.citations import Citations
from docgen.model.context import template_context
from docgen.model.document import Block, Document, FootnoteRef, Metadata, ReviewMark
from docgen.model.environment import country, environment
from docgen.model.annexes import titled
from docgen.model.kinds import KINDS, CaseLacks, Kind, check_needs
from docgen.model.markup import parse


class NotFinal(CaseLacks):
    """A final edition asked for while the case still has something to verify (by path)."""

    @property
    def headline(self) -> str:
        return ("A final edition needs every fact sourced, every pinpoint verified and every bracketed "
                "text completed; still to do")


def build_document(case: Case, kind: str, *, public: bool = False, final: bool = False,
                   language: str | None = None) -> Document:
    """The document ``kind`` for ``case``; ``public`` gives the edition without identifying data,
    ``language`` the language it is written in (by default the case's: each document may be
    written in another, so it is a choice of the document, not a change of the case).

    A draft (the default) marks what is still to verify (facts without a source, pinpoints not
    verified) and each bracketed text to complete; a ``final`` edition has no marks, and is
    refused with NotFinal while any remains.
    KeyError for an unknown kind; CaseLacks when the case lacks what the kind needs."""
    record = KINDS[kind]
    chosen = case.data if language is None else {**case.data, "language": language}
    check_needs(record, chosen)
    if final and (unverified := _by_path(to_verify(case.data))):
        raise NotFinal(record, unverified)
    data = redact.public_view(chosen) if public else chosen
    data = {**data, "annexes": titled(data["annexes"], data["language"])}
    words = LANGUAGES[data["language"]]
    citations = Citations({**authorities(), **{source["id"]: source for source in data["sources"]}},
                          words)
    marks: list[ReviewMark] = []
    cited: set[str] = set()
    markdown = environment(words.code).get_template(record.template).render(
        template_context(data, kind, citations, public, words, marks, cited, final))
    if final and marks:
        raise NotFinal(record, _by_path((mark.path, mark.note) for mark in marks))
    blocks = italicise(parse(markdown, marks, words), case_names(data["sources"]))
    _check_footnote_order(blocks, len(citations.footnotes))
    document = Document(kind, _metadata(data, record, words), blocks, citations.footnotes,
                        tuple(annex["id"] for annex in data["annexes"] if annex["id"] in cited))
    return redact.scrub(document, case.data) if public else document


def _by_path(notes: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    remaining: dict[str, list[str]] = {}
    for path, note in notes:
        remaining.setdefault(path, []).append(note)
    return remaining


def _metadata(data: dict, kind: Kind, language: Language) -> Metadata:
    representative = data["representative"] or {}
    author = ", ".join(filter(None, (representative.get("name"), representative.get("organisation"))))
    return Metadata(
        title=kind.title_in(language.code),
        language=language.code,
        author=author,
        subject=language.removal.format(state=country(language, data["respondent_state"]),
                                        origin=country(language, data["country_of_origin"])),
        keywords=("non-refoulement", "torture", kind.id),
    )


def _check_footnote_order(blocks: Sequence[Block], count: int) -> None:
    """Each footnote is called once, in order: a template that cites outside the text is a bug."""
    calls = [part.number for block in blocks for part in block.inlines if isinstance(part, FootnoteRef)]
    if calls != list(range(1, count + 1)):
        raise ValueError(f"Footnote calls out of order in the document text: {calls}")
