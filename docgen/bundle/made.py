"""The annexes docgen makes itself (an annex's `document`, such as the chronology): rendered
from the same case as the document they go with, full edition, then read as any annex is.

Each is written in the bundle's language when its kind is, and otherwise in the first language
of its kind (English for every kind), with a warning naming the annex: an annex need not be in
the document's language, and a chronology in English is better filed than none.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from docgen.bundle.annexes import Annex, AnnexError, read_annex
from docgen.case import Case
from docgen.languages import LANGUAGES
from docgen.render import KINDS, CaseLacks, render


@dataclass(frozen=True)
class Made:
    annexes: dict[str, Annex]  # by annex id
    errors: dict[str, list[str]]  # by "annexes.<id>", as BundleInvalid's
    warnings: list[dict[str, str]]  # {"path", "message"}, as a case's


def make_annexes(case: Case, language: str, path: str, wanted: Collection[str]) -> Made:
    """The annexes of ``case`` that docgen makes and whose ids are ``wanted`` (those the
    document refers to), in ``language`` where their kind is written in it; ``path`` is the
    prefix of an annex's path in errors and warnings ("annexes.")."""
    made = Made({}, {}, [])
    for number, annex in enumerate(case.data["annexes"], start=1):
        if not annex["document"] or annex["id"] not in wanted:
            continue
        kind = KINDS[annex["document"]]
        written = kind.written_in(language)
        if written != language:
            made.warnings.append({"path": path + annex["id"], "message": (
                f"Annex {number} is the {kind.id} in {LANGUAGES[written].name}: docgen writes it only in "
                f"{', '.join(LANGUAGES[code].name for code in kind.languages)}, not in {LANGUAGES[language].name}.")})
        try:
            made.annexes[annex["id"]] = read_annex(render(case, kind.id, "pdf", language=written))
        except CaseLacks as lacking:
            made.errors[path + annex["id"]] = [
                f"docgen cannot make the {kind.id} from this case: {field}: {' '.join(messages)}"
                for field, messages in lacking.errors.items()]
        except AnnexError as error:
            made.errors[path + annex["id"]] = [f"The {kind.id} docgen made cannot be annexed: {error}"]
    return made
