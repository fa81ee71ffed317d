"""The public edition: what the Committee may publish, with nothing that identifies the person.

Two layers, because people at risk cannot rely on one. `public_view` removes identifying fields
before the text is written, so the templates never see them; `scrub` then searches the finished
document for the legal name, its parts, identity numbers and the birth date (in the spellings
people type dates in), wherever a user may have typed them into free text, and replaces them.
"""

from __future__ import annotations

import calendar
import copy
import re
from dataclasses import replace

from docgen.case.dates import PartialDate
from docgen.model.document import Document, Footnote, Text

WITHHELD = "[withheld]"
# Fields that identify a complainant and have no place in a published decision.
_IDENTIFYING = ("birth_date", "birth_place", "identity_documents", "address", "contact")


def public_view(case: dict) -> dict:
    view = copy.deepcopy(case)
    for person in view["complainants"]:
        person["legal_name"] = person["pseudonym"]
        for name in _IDENTIFYING:
            person[name] = [] if name == "identity_documents" else None
    return view


def scrub(document: Document, case: dict) -> Document:
    replacements = _identifying_strings(case)
    if not replacements:
        return document
    # One alternative per string, longest first so that a full name wins over its parts; the
    # group that matched says what replaces it, whatever the case of the letters typed.
    originals = sorted(replacements, key=len, reverse=True)
    pattern = re.compile(
        "|".join(rf"(?P<s{index}>(?<!\w){_as_typeset(text)}(?!\w))" for index, text in enumerate(originals)),
        re.IGNORECASE,
    )

    def clean(text: Text) -> Text:
        return replace(text, text=pattern.sub(lambda m: replacements[originals[int(m.lastgroup[1:])]], text.text))

    def clean_all(parts: tuple) -> tuple:
        return tuple(clean(part) if isinstance(part, Text) else part for part in parts)

    blocks = tuple(
        replace(block, content=clean_all(block.content),
                rows=tuple(tuple(clean_all(cell) for cell in row) for row in block.rows),
                marks=tuple(replace(mark, note=clean(Text(mark.note)).text) for mark in block.marks))
        for block in document.blocks
    )
    footnotes = tuple(
        Footnote(note.number, tuple(clean(part) for part in note.content)) for note in document.footnotes
    )
    metadata = document.metadata
    metadata = replace(
        metadata,
        **{field: clean(Text(getattr(metadata, field))).text for field in ("title", "author", "subject")},
    )
    return replace(document, blocks=blocks, footnotes=footnotes, metadata=metadata)


_TYPESET = re.compile(r"([-‐–—]+|[\"'‘’“”]|\.{2,}|…)")


def _as_typeset(text: str) -> str:
    """A pattern for ``text`` as the typographer may have set it in the document: "O'Brien" as
    "O’Brien", "AB--12" as "AB–12" (see markup: how a quote or dash is set depends on the text
    around it, so any form of each is matched)."""
    pattern = []
    for piece in _TYPESET.split(text):
        if not piece:
            continue
        if piece[0] in "-‐–—":
            pattern.append("[-‐–—]+")
        elif piece in ("\"", "'", "‘", "’", "“", "”"):
            pattern.append("[\"'‘’“”]")
        elif piece == "…" or piece.startswith(".."):
            pattern.append(r"(?:\.{2,}|…)")
        else:
            pattern.append(re.escape(piece))
    return "".join(pattern)


def _identifying_strings(case: dict) -> dict[str, str]:
    """Each string that identifies a complainant, with what the public edition prints instead."""
    replacements: dict[str, str] = {}
    representative_address = (case["representative"] or {}).get("address") or ""
    for person in case["complainants"]:
        pseudonym = person["pseudonym"]
        for name in (person["legal_name"], *person["legal_name"].split()):
            if len(name) >= 3 and name.casefold() != pseudonym.casefold():
                replacements.setdefault(name, pseudonym)
        for document in person["identity_documents"]:
            replacements[document["number"]] = WITHHELD
        # A birth date known to the day is spelt many ways; an approximate one is not a day.
        if isinstance(person["birth_date"], PartialDate) and person["birth_date"].day:
            for form in _spellings(person["birth_date"]):
                replacements[form] = WITHHELD
        # The address, whole or line by line, unless a line is also the representative's, which
        # the filing names openly (a complainant writing "c/o" the representative's office).
        for line in (person["address"] or "").splitlines():
            if len(line.strip()) >= 4 and line.strip() not in representative_address:
                replacements[line.strip()] = WITHHELD
    return replacements


def _spellings(day) -> set[str]:
    """A date as people type it: ISO, the filing's "23 July 1991", and the numeric and short
    forms used where these cases come from and go to (23.07.1991, 23/7/1991, 07/23/1991,
    July 23, 1991, 23 Jul 1991)."""
    y, m, d = day.year, day.month, day.day
    month = calendar.month_name[m]
    forms = {day.isoformat(), day.long_form(), f"{y}/{m:02d}/{d:02d}", f"{y}.{m:02d}.{d:02d}",
             f"{month} {d}, {y}", f"{month[:3]} {d}, {y}", f"{d} {month[:3]} {y}", f"{d}. {month} {y}"}
    for dd, mm in ((f"{d:02d}", f"{m:02d}"), (str(d), str(m))):
        for separator in "./-":
            forms.add(f"{dd}{separator}{mm}{separator}{y}")
        forms.add(f"{mm}/{dd}/{y}")
    return forms
