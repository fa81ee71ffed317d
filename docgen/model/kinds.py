"""The kinds of document docgen makes: one record each, and the only list of them.

The command line's choices, the API's routes and OpenAPI enum, the form's downloads and ZIP, the
benchmarks and every test meant to run over all documents read `KINDS`. A new document is its
template in templates/documents/ and its record here (and its row of expectations in the tests).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from docgen.languages import LANGUAGES
from docgen.model.decision import decision_appealed

# What a kind needs of a case that the schema does not require: the problems by field path.
Needs = Callable[[Mapping[str, Any]], dict[str, list[str]]]


def _nothing(case: Mapping[str, Any]) -> dict[str, list[str]]:
    return {}


@dataclass(frozen=True)
class Kind:
    id: str  # in routes, file names and the CLI: "cat-complaint"
    title: str
    template: str  # in templates/documents/
    formats: tuple[str, ...] = ("docx", "pdf", "html")
    # The languages it is written in: each has the template in its own folder (environment.py).
    languages: tuple[str, ...] = ("en",)
    public_edition: bool = True  # an edition without the identifying data, for publication
    needs: Needs = field(default=_nothing)


class CaseLacks(Exception):
    """A valid case that lacks what this kind of document needs; `errors` by field path."""

    def __init__(self, kind: Kind, errors: dict[str, list[str]]) -> None:
        super().__init__(f"The case lacks what the {kind.id} needs: {', '.join(errors)}")
        self.kind, self.errors = kind, errors

    @property
    def headline(self) -> str:
        """What is missing, in a sentence that the list of `errors` follows."""
        return f"The case lacks what the {self.kind.id} needs"


def _decision_identified(case: Mapping[str, Any]) -> dict[str, list[str]]:
    """An appeal or request for reversal must name the decision it challenges (in Norway,
    Public Administration Act section 32 and Immigration Regulations section 16-14)."""
    decision = decision_appealed(case)
    if decision is None:
        return {"appeal.decision": ["The appeal letter challenges a decision: add the refusal to the "
                                    "procedural history, or name it here."]}
    if decision["reference"]:
        return {}
    index = case["procedural_history"].index(decision)
    return {f"procedural_history.{index}.reference": [
        "The appeal letter must identify the decision it challenges: give the decision's reference."]}


_KINDS = (
    Kind(
        "cat-complaint",
        "Complaint to the Committee against Torture under article 22 of the Convention",
        "cat-complaint.md.j2",
    ),
    Kind(
        "appeal-letter",
        "Appeal to the national authority and request to suspend removal",
        "appeal-letter.md.j2",
        needs=_decision_identified,
    ),
    Kind("chronology", "Chronology of events and proceedings", "chronology.md.j2"),
)

KINDS: dict[str, Kind] = {kind.id: kind for kind in _KINDS}


def check_needs(kind: Kind, case: Mapping[str, Any]) -> None:
    """Raise CaseLacks when ``case`` lacks what ``kind`` needs, or asks for a language it is not
    written in."""
    errors = kind.needs(case)
    if case["language"] not in kind.languages:
        errors = {**errors, "language": [
            f"The {kind.id} is not written in {LANGUAGES[case['language']].name}; "
            f"it is written in {', '.join(LANGUAGES[code].name for code in kind.languages)}."]}
    if errors:
        raise CaseLacks(kind, errors)
