"""The sources the templates themselves cite, and which version of each was in force on a date.

`templates/authorities.json` holds CSL-JSON items. An authority that the Committee revises (its
rules of procedure, its general comment on article 3, its concluding observations on a State)
is a family of versions: each version's `custom` says which family it belongs to, from when it
applied ("in-force") and which version it replaced or was replaced by. A template cites the
family ("cat-gc") and gets the version in force on the document's signature date, because a
filing may rely only on the texts that existed when it was signed.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache

from docgen.case.dates import PartialDate
from docgen.paths import TEMPLATES_DIR


class AuthoritiesInvalid(ValueError):
    """templates/authorities.json contradicts itself: a bug in the data, found when it loads."""


@cache
def authorities() -> dict[str, dict]:
    """Every authority by its id, checked: the families' versions must chain without gaps."""
    items = json.loads((TEMPLATES_DIR / "authorities.json").read_text(encoding="utf-8"))
    by_id = {item["id"]: item for item in items}
    _check(by_id)
    return by_id


@cache
def families() -> dict[str, tuple[dict, ...]]:
    """Each family's versions, oldest first."""
    grouped: dict[str, list[dict]] = {}
    for item in authorities().values():
        if "family" in item.get("custom", {}):
            grouped.setdefault(item["custom"]["family"], []).append(item)
    return {family: tuple(sorted(items, key=applies_from)) for family, items in grouped.items()}


def in_force(source_id: str, on: date) -> str:
    """The id of the version of family ``source_id`` in force ``on`` that date; any other id as it is.

    Before the first version docgen knows, the first is given: it is the oldest text docgen can
    cite, and templates/README.md says from when each family is known.
    """
    versions = families().get(source_id)
    if not versions:
        return source_id
    current = [item for item in versions if applies_from(item).earliest <= on]
    return (current[-1] if current else versions[0])["id"]


def newer_version(source: dict, on: date) -> dict | None:
    """The version in force ``on`` that date of a family ``source`` is an older version of, or None.

    ``source`` is one of a case's own sources: it is known as a version by its id or by its
    document symbol (CSL `number`, "CAT/C/UZB/CO/3"), since a user cites what docgen knows under
    ids of their own."""
    symbol = source.get("number")
    known = next((item for item in authorities().values() if "family" in item.get("custom", {})
                  and (item["id"] == source["id"] or (symbol and item.get("number") == symbol))), None)
    if known is None:
        return None
    current = authorities()[in_force(known["custom"]["family"], on)]
    return current if applies_from(current).earliest > applies_from(known).earliest else None


def applies_from(item: dict) -> PartialDate:
    """The date from which a version applied."""
    return PartialDate.parse(item["custom"]["in-force"])


def _check(by_id: dict[str, dict]) -> None:
    """Each version names the one before and after it, both ways, in order of date."""
    for source_id, item in by_id.items():
        custom = item.get("custom", {})
        if "family" not in custom:
            continue
        if custom["family"] in by_id:
            raise AuthoritiesInvalid(f"{source_id}: the family {custom['family']!r} is also an authority's id")
        try:
            start = applies_from(item)
        except (KeyError, ValueError) as error:
            raise AuthoritiesInvalid(f"{source_id}: custom.in-force is missing or not a date ({error})") from None
        for link, back in (("replaces", "replaced-by"), ("replaced-by", "replaces")):
            other_id = custom.get(link)
            if other_id is None:
                continue
            other = by_id.get(other_id, {}).get("custom", {})
            if other.get("family") != custom["family"] or other.get(back) != source_id:
                raise AuthoritiesInvalid(
                    f"{source_id}: {link} {other_id!r}, which must be of the same family and name "
                    f"{source_id!r} as {back}"
                )
            other_start = PartialDate.parse(other["in-force"])
            if (other_start.earliest >= start.earliest) == (link == "replaces"):
                raise AuthoritiesInvalid(f"{source_id}: {link} {other_id!r}, which is out of date order")
