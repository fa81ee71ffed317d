"""A group as in Abdussamatov and Others v Kazakhstan (Committee against Torture): 29 people removed
together, made from the fixture's case as the base. Each person gets a legal name whose family
name is unique to them (Familyname07), so a test can read a letter for its own person's name
and for every other person's."""

from __future__ import annotations

import csv
import io

HEADERS = ["complainants.0.id", "complainants.0.pseudonym", "complainants.0.legal_name",
           "complainants.0.nationality", "complainants.0.birth_date",
           "procedural_history.1.decided", "procedural_history.1.reference"]
#: The fixture's own person, who must appear in no letter of the group.
BASE_LEGAL_NAME = "Alisher Bahodirovich Nazarov"


def family_name(number: int) -> str:
    return f"Familyname{number:02d}"


def legal_name(number: int) -> str:
    return f"Given {family_name(number)}"


def person_row(number: int) -> list[str]:
    return [f"person-{number}", f"P{number:02d}", legal_name(number), "UZ",
            f"19{70 + number % 20}-0{1 + number % 9}-1{number % 9}", "2012-06-12",
            f"UDI-2012-{number:04d}"]


def table(count: int = 29, extra_rows: list[dict[str, str]] = ()) -> str:
    """The group's CSV: ``count`` people, then ``extra_rows`` (header -> cell; new headers are
    added as columns)."""
    headers = HEADERS + [h for row in extra_rows for h in row if h not in HEADERS]
    lines = [headers] + [person_row(n) + [""] * (len(headers) - len(HEADERS))
                         for n in range(1, count + 1)]
    lines += [[row.get(h, "") for h in headers] for row in extra_rows]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(lines)
    return out.getvalue()


def others_named(text: str, number: int, count: int = 29) -> list[str]:
    """The family names of the group other than person ``number``'s found in ``text``, and the
    base case's own person if named."""
    found = [family_name(n) for n in range(1, count + 1) if n != number and family_name(n) in text]
    return found + ([BASE_LEGAL_NAME] if BASE_LEGAL_NAME in text else [])
