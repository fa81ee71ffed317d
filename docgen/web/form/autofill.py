"""What the interview fills in so that nobody has to type it: short references (ids) and a
source made from a UN document symbol or a web address.

An id is made once, when its row first holds something, and then kept: renaming a source's
title later does not change how the facts cite it. Sources get author-year ids ("cleek-2012"),
as a lawyer would say them; persons, steps and annexes ids from what names them.
"""

from __future__ import annotations

import datetime
import re
from typing import Any
from urllib.parse import urlsplit

from docgen.case.fields import slug

# UN treaty bodies by the first part of their documents' symbols.
_UN_BODIES = {
    "CAT": "Committee against Torture",
    "CCPR": "Human Rights Committee",
    "CERD": "Committee on the Elimination of Racial Discrimination",
    "CEDAW": "Committee on the Elimination of Discrimination against Women",
    "CRC": "Committee on the Rights of the Child",
    "CRPD": "Committee on the Rights of Persons with Disabilities",
    "CMW": "Committee on Migrant Workers",
    "CED": "Committee on Enforced Disappearances",
}
_UN_SYMBOL = re.compile(r"^(A|E|S|CAT|CCPR|CERD|CEDAW|CRC|CRPD|CMW|CED|HRI)(/[A-Za-z0-9.()\-]+)+$")
# A decision on an individual communication: CAT/C/48/D/444/2010.
_COMMUNICATION = re.compile(r"/D/\d+/\d{4}$")


def fill_ids(case: dict) -> None:
    """Gives every row with no id one, unique in its list; on a compacted case, so that a blank
    row nobody filled in is left out rather than kept for its id."""
    for key, name in (("complainants", _person), ("procedural_history", _step),
                      ("sources", _source), ("annexes", _annex)):
        rows = case.get(key)
        if not isinstance(rows, list):
            continue
        used = {row.get("id") for row in rows if isinstance(row, dict)}
        for position, row in enumerate(rows, start=1):
            if not isinstance(row, dict) or row.get("id") or not row:
                continue
            base = name(row, position)
            ident, number = base, 1
            while ident in used:
                number += 1
                ident = f"{base}-{number}"
            used.add(ident)
            row["id"] = ident


def _person(row: dict, position: int) -> str:
    return slug(_text(row.get("pseudonym")), f"complainant-{position}")


def _step(row: dict, position: int) -> str:
    return slug(_text(row.get("kind")), "step") + f"-{position}"


def _annex(row: dict, position: int) -> str:
    named = _text(row.get("title")) or _text(row.get("document"))  # the chronology: "chronology"
    return slug(" ".join(named.split()[:3]), f"annex-{position}")


def _source(row: dict, position: int) -> str:
    """Author-year: the first author's family name (or the UN symbol, the institution's
    initials, the first words of the title) and the year of the source."""
    authors = row.get("author")
    first = authors[0] if isinstance(authors, list) and authors and isinstance(authors[0], dict) else {}
    who = (_text(first.get("family")) or _text(row.get("number"))
           or _initials(_text(first.get("literal"))) or " ".join(_text(row.get("title")).split()[:2])
           or _text(row.get("container-title")))
    issued = row.get("issued")
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    year = parts[0][0] if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0] else ""
    return slug(f"{who} {year}", f"source-{position}")


def _initials(institution: str) -> str:
    """ "Human Rights Watch" as "HRW"; a one-word name as it is."""
    words = [w for w in institution.split() if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) > 1 else institution


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def suggest(case: dict, step: str) -> dict:
    """The case as ``step`` shows it, with what earlier answers already say filled in where
    nothing is typed yet: the country of origin as the complainant's nationality and as the
    removal's destination. Shown in the inputs, so the user sees and can change them."""
    origin = case.get("country_of_origin")
    if not isinstance(origin, str) or not origin:
        return case
    if step == "complainants":
        people = case.get("complainants")
        if people in (None, []):
            return {**case, "complainants": [{"nationality": origin}]}
        if isinstance(people, list):
            return {**case, "complainants": [
                {**person, "nationality": origin}
                if isinstance(person, dict) and not person.get("nationality") else person
                for person in people]}
    if step == "removal" and case.get("removal") in (None, {}):
        return {**case, "removal": {"destination": origin}}
    return case


class NotASource(ValueError):
    """Text that is neither a UN document symbol nor a web address."""


def source_from(text: str, today: datetime.date | None = None) -> dict:
    """A new source from a UN document symbol or a web address, as much as the text itself says.

    Nothing is fetched: the title and the rest are for the user to fill in.
    """
    text = text.strip()
    symbol = re.sub(r"\s+", "", text).upper() if "/" in text and " " not in text.strip() else ""
    if symbol and _UN_SYMBOL.match(symbol) and not symbol.startswith(("HTTP", "WWW")):
        body = _UN_BODIES.get(symbol.split("/")[0])
        if _COMMUNICATION.search(symbol):
            item = {"type": "legal_case", "number": symbol}
            if body:
                item["authority"] = body
            return item
        item = {"type": "report", "number": symbol}
        if body:
            item["author"] = [{"literal": body}]
        return item
    address = text if "://" in text else f"https://{text}" if text.startswith("www.") else text
    parts = urlsplit(address)
    if parts.scheme in ("http", "https") and "." in parts.netloc and " " not in address:
        day = today or datetime.date.today()
        return {"type": "webpage", "URL": address,
                "accessed": {"date-parts": [[day.year, day.month, day.day]]}}
    raise NotASource("Paste a UN document symbol, such as CAT/C/48/D/444/2010, or a web address "
                     "beginning https://.")
