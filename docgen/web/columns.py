"""The case fields a column of a people table can fill, as the form offers them when the table's
headers are not case paths ("Legal name", "Date of birth"), and the field each header plainly
names, chosen in advance.

What is offered is what a person of a group has of their own: the first complainant's fields,
the fields of each step of the base case's procedural history (their own decision, its date and
reference), and the removal's. The words are the form's own (layout.py), so that a column is
matched to the field by the label the user knows from the interview.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docgen.batch.people import column_problem
from docgen.model.decision import decision_appealed
from docgen.web.form.layout import COMPLAINANTS, PROCEEDINGS, REMOVAL, Field, Group, Repeat, Section

#: The value of the choice that leaves a column out.
LEAVE_OUT = "-"
# Lists that point at other parts of the case (ids): no person's own.
_NOT_A_PERSONS = frozenset({"sources", "annexes"})
# Headers that plainly name a field without being its label or key.
_ALSO = {
    "complainants.0.legal_name": ("name", "full name"),
    "complainants.0.birth_date": ("dob",),
    "removal.scheduled_date": ("removal date", "date of removal"),
}
_ALSO_FOR_THE_DECISION = {"decided": ("decision date", "date of decision", "date of the decision"),
                          "reference": ("decision reference", "reference of the decision")}


@dataclass(frozen=True)
class Choice:
    path: str
    label: str


@dataclass(frozen=True)
class Part:
    """Choices under one heading (an optgroup): the complainant, a procedural step, the removal."""

    label: str
    choices: list[Choice]


def offered(case: dict[str, Any], headers: list[str]) -> list[Part]:
    """What a column can fill, for the loaded ``case``'s data; first, any header that names a
    field of a case already, whether or not it is among the others."""
    complainant = _part(COMPLAINANTS, "complainants")
    steps = _part(PROCEEDINGS, "procedural_history")
    removal = _part(REMOVAL, "removal")
    appealed = decision_appealed(case)
    parts = [Part("Complainant", [Choice(f"complainants.0.{key}", label)
                                  for key, label in _leaves(complainant.children)])]
    for index, step in enumerate(case["procedural_history"]):
        heading = f"Procedural step {index + 1}: {step['kind'].replace('_', ' ')}"
        heading += f", {step['authority']}" if step.get("authority") else ""
        heading += " (the decision appealed)" if step is appealed else ""
        parts.append(Part(heading, [Choice(f"procedural_history.{index}.{key}", label)
                                    for key, label in _leaves(steps.children)]))
    parts.append(Part("Removal", [Choice(f"removal.{key}", label)
                                  for key, label in _leaves(removal.children)]))
    known = {choice.path for part in parts for choice in part.choices}
    named = [header for header in dict.fromkeys(headers)
             if header and header not in known and column_problem(header) is None]
    if named:
        parts.insert(0, Part("As the column's header says", [Choice(header, header) for header in named]))
    return parts


def _part(section: Section, key: str) -> Group | Repeat:
    """The part of the interview's ``section`` that holds the case's ``key``."""
    return next(child for child in section.children if child.key == key)


def _leaves(children: tuple, prefix: str = "", heading: str = "") -> Iterator[tuple[str, str]]:
    """(path below the item, label) of each field of a list item, groups and lists included."""
    for child in children:
        if isinstance(child, Field):
            if not child.refers_to:
                yield prefix + child.key, heading + child.label
        elif isinstance(child, Group):
            yield from _leaves(child.children, f"{prefix}{child.key}.", f"{heading}{child.legend}: ")
        elif isinstance(child, Repeat) and child.key not in _NOT_A_PERSONS and isinstance(child.children, tuple):
            yield from _leaves(child.children, f"{prefix}{child.key}.0.", f"{heading}{child.legend}: ")


def guesses(parts: list[Part], case: dict[str, Any], headers: list[str]) -> list[str]:
    """For each header, the path it plainly names (its own path, the field's label or key, or a
    common name such as "Date of birth"), or "" when it names none or more than one. A person's
    own fields come before the decision's, so that "Id" is the person's. A path is chosen for
    one column only: the one whose header is the path, else the first that names it."""
    appealed = decision_appealed(case)
    decision = (f"procedural_history.{case['procedural_history'].index(appealed)}."
                if appealed is not None else None)
    persons: dict[str, set[str]] = {}
    decisions: dict[str, set[str]] = {}
    for part in parts:
        for choice in part.choices:
            for name in _names(choice):
                persons.setdefault(_plain(name), set()).add(choice.path)
            if decision and choice.path.startswith(decision):
                for name in _decision_names(choice, choice.path.removeprefix(decision)):
                    decisions.setdefault(_plain(name), set()).add(choice.path)
    exact = [header if header and column_problem(header) is None else "" for header in headers]
    chosen: list[str] = []
    for header, path in zip(headers, exact):
        if not path:
            found = persons.get(_plain(header)) or decisions.get(_plain(header), set())
            path = next(iter(found)) if len(found) == 1 else ""
            path = "" if path in exact else path
        chosen.append("" if path in chosen else path)
    return chosen


def _names(choice: Choice) -> Iterator[str]:
    yield choice.path
    yield from _ALSO.get(choice.path, ())
    if choice.path.startswith("complainants.0."):
        yield choice.label
        yield choice.path.removeprefix("complainants.0.")
    elif choice.path.startswith("removal."):
        yield choice.label
        yield choice.path.replace(".", " ")


def _decision_names(choice: Choice, key: str) -> Iterator[str]:
    yield from (choice.label, key, f"decision {key}", f"decision {choice.label}")
    yield from _ALSO_FOR_THE_DECISION.get(key, ())


def _plain(name: str) -> str:
    """A name as compared: lower case, words only ("Date of birth:" and "date_of_birth" alike)."""
    return " ".join(re.findall(r"[^\W_]+", name.casefold()))
