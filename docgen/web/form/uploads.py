"""Files a user uploads into the form: a saved case to open, CSL-JSON sources to import.

Both are read as JSON and refused with a sentence the user can act on when they are not what
they should be; neither is ever trusted further than that, since the case goes through load_case
like anything typed. Imported sources join the case's sources with ids the schema accepts.
"""

from __future__ import annotations

import re
from typing import Any

from docgen.case.fields import Id
from docgen.case.schema import CaseSchema, appeal_error
from docgen.jsontext import NotJson, parse_json

# Deeper than any case or CSL item: a file nested further is not one, and walking it would
# only exhaust the stack.
MAX_DEPTH = 32
# The schema's own bound on a case's sources, not a copy of it.
MAX_SOURCES = CaseSchema().fields["sources"].most


class UploadError(ValueError):
    """A file that cannot be used; the message says why, for the person who chose it."""


def read_json(data: bytes, what: str) -> Any:
    """The JSON value in an uploaded file, or UploadError naming the problem."""
    try:
        value = parse_json(data)
    except NotJson as error:
        raise UploadError(f"The {what} is {error}.") from None
    if not depth_ok(value):
        raise UploadError(f"The {what} is nested too deeply to be one.")
    return value


def depth_ok(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether no list or object in ``value`` is nested more than ``limit`` deep (no recursion)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return True


def read_case(data: bytes) -> dict:
    """A case saved by docgen (or written by hand): a JSON object."""
    value = read_json(data, "case file")
    if not isinstance(value, dict):
        kind = {list: "a list", str: "a string", int: "a number", float: "a number",
                bool: "true or false", type(None): "null"}.get(type(value), "something else")
        raise UploadError(
            f"The case file holds {kind}, not a case: a case file is one JSON object such as "
            "“Save case” writes, with complainants, events and claims."
        )
    # The form shows each error of the decision as a row with its citations, whatever the file
    # wrote: a plain string is the row's text.
    appeal = value.get("appeal")
    if isinstance(appeal, dict) and isinstance(appeal.get("errors"), list):
        appeal["errors"] = [appeal_error(error) for error in appeal["errors"]]
    return value


def read_csl(data: bytes) -> list[dict]:
    """The items of a CSL-JSON file: a list of items (what Zotero exports) or one item."""
    value = read_json(data, "sources file")
    # One item on its own is accepted too, when it looks like one.
    items = [value] if isinstance(value, dict) and ("type" in value or "id" in value) else value
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise UploadError(
            "The sources file is not CSL-JSON: it should hold a list of items such as "
            "[{\"id\": …, \"type\": \"report\", \"title\": …}] (in Zotero: Export, format CSL JSON)."
        )
    if not items:
        raise UploadError("The sources file holds no items.")
    if len(items) > MAX_SOURCES:
        raise UploadError(f"The sources file holds {len(items)} items; a case takes at most {MAX_SOURCES}.")
    return items


def add_sources(case: dict, items: list[dict]) -> list[str]:
    """Appends CSL items to the case's sources; notes on each id that had to change.

    An id the schema would refuse (Zotero's export uses the item's URI when it has no citation
    key) becomes the last part of the URI, or the citation key; an id already used gets a number.
    """
    sources = case.get("sources")
    if not isinstance(sources, list):
        sources = case["sources"] = [] if sources in (None, "", {}) else [sources]
    used = {s.get("id") for s in sources if isinstance(s, dict)}
    notes = []
    for position, item in enumerate(items, start=1):
        item = dict(item)
        original = item.get("id")
        ident = _usable_id(original, item, position)
        base, number = ident, 1
        while ident in used:
            number += 1
            ident = f"{base[:60]}-{number}"
        used.add(ident)
        if ident != original:
            shown = "no id" if original in (None, "") else f"the id {str(original)[:100]!r}"
            notes.append(f"An imported source with {shown} is now {ident!r}.")
        item["id"] = ident
        sources.append(item)
    return notes


def _usable_id(original: Any, item: dict, position: int) -> str:
    if isinstance(original, int | float) and not isinstance(original, bool):
        original = str(original)
    if isinstance(original, str) and Id.PATTERN.match(original):
        return original
    key = item.get("citation-key")
    if isinstance(key, str) and Id.PATTERN.match(key):
        return key
    text = original if isinstance(original, str) else ""
    last = [part for part in re.split(r"[/#?]", text) if part.strip()]
    candidate = re.sub(r"[^A-Za-z0-9_.:-]+", "-", last[-1] if last else "").strip("-_.:")[:64]
    return candidate if candidate and Id.PATTERN.match(candidate) else f"source-{position}"
