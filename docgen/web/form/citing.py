"""Citing in bulk: sources and annexes cited in a fact's own words, and a step's pinpoints marked
checked at once.

A lawyer who writes "He fled to Norway in 2006 [eurasianet-2012, paras 1–2]." gets a citation of
the source eurasianet-2012 at "paras 1–2", and the words without the brackets; several sources
go in one bracket, separated by semicolons: "[cat-co-uzb-3, para 6; hrw-2011]". An annex is cited
by its short reference alone, "[decision-refusing-the]", and becomes one of the row's annexes.
The brackets are read when the step is sent, by the server, so the path without JavaScript does
the same. Only a bracket whose parts all begin with a short reference of the case is read so:
"[sic]" and other brackets stay as typed. A bracket that reads like a citation of something the
case lacks (a typo in the reference) stays in the text too, and is an error beside its field, so
nothing typed is lost and nothing half-read reaches a filing.

A citation made from a bracket starts unchecked, as one added by hand does; the step's box "every
pinpoint on this page was checked" marks all of the step's citations checked in one action.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from docgen.case.fields import Text
from docgen.case.schema import CitationSchema
from docgen.web.form import formdata

_BRACKET = re.compile(r"\s*\[([^\[\]\n]+)\]")
# What a short reference looks like (docgen makes them so: "cleek-2012", "cat-c-48-d-444-2010").
_REFERENCE = re.compile(r"[A-Za-z0-9]+(?:[-_.:][A-Za-z0-9]+)+")
# A pinpoint's usual first word: a bracket with one after a comma is meant as a citation.
_PINPOINT = re.compile(r"(paras?|pp?|ss?|sections?|§|arts?|articles?|chapters?|ch|fn|n|annex)\b|\d",
                       re.IGNORECASE)


def cite_typed(case: dict, roots: Iterable[str]) -> None:
    """Turns the brackets that cite sources or annexes of ``case`` into citations and annex
    references of their rows (under the top-level keys ``roots``), and takes them out of the text."""
    known = _known(case)
    for path, row in _citing_rows(case, roots):
        for key, text in list(row.items()):
            if not isinstance(text, str) or "[" not in text or not _is_text(path, key):
                continue
            cited: list[tuple[str, Any]] = []

            def read(match: re.Match) -> str:
                parsed = _parse(match.group(1), known)
                if parsed is None:
                    return match.group(0)
                cited.extend(parsed)
                return ""

            row[key] = _BRACKET.sub(read, text)
            for part, item in cited:
                # A blank row (the one the form keeps ready) gives way to those typed.
                present = row.get(part)
                present = row[part] = [old for old in present if not _blank(old)] if isinstance(present, list) else []
                if not any(_same(old, item) for old in present):
                    present.append(item)


def unknown(case: dict, roots: Iterable[str]) -> dict[str, list[str]]:
    """The brackets that read like citations but name no source or annex of ``case`` (or give an
    annex a pinpoint), by the path of the text that holds them."""
    known = _known(case)
    problems: dict[str, list[str]] = {}
    for path, row in _citing_rows(case, roots):
        for key, text in row.items():
            if not isinstance(text, str) or "[" not in text or not _is_text(path, key):
                continue
            for match in _BRACKET.finditer(text):
                message = _problem(match.group(1), known)
                if message:
                    problems.setdefault(formdata.join(path, key), []).append(message)
    return problems


def mark_checked(case: dict, roots: Iterable[str]) -> None:
    """Marks every citation under ``roots`` as checked against its source."""
    for _, row in _citing_rows(case, roots):
        for citation in row.get("sources") or []:
            if isinstance(citation, dict) and citation.get("source"):
                citation["verified"] = True


def _blank(item: Any) -> bool:
    if isinstance(item, dict):
        return not item.get("source") and not item.get("pinpoint")
    return not item


def _same(old: Any, new: Any) -> bool:
    if isinstance(new, str):
        return old == new
    return (isinstance(old, dict) and old.get("source") == new["source"]
            and (old.get("pinpoint") or None) == new.get("pinpoint"))


def _parse(inside: str, known: dict[str, dict[str, str]]) -> list[tuple[str, Any]] | None:
    """What a bracket's text cites, as (the row's list, its new item): ("sources", a citation) or
    ("annexes", an annex id); None when it does not read as citations of this case."""
    cited: list[tuple[str, Any]] = []
    for reference, pinpoint in _parts(inside):
        source = known["sources"].get(reference.lower())
        annex = known["annexes"].get(reference.lower())
        if source is not None:
            cited.append(("sources", {"source": source, **({"pinpoint": pinpoint} if pinpoint else {}),
                                      "verified": False}))
        elif annex is not None and not pinpoint:
            cited.append(("annexes", annex))
        else:
            return None
    return cited or None


def _parts(inside: str) -> list[tuple[str, str]]:
    parts = []
    for part in inside.split(";"):
        reference, _, pinpoint = part.partition(",")
        parts.append((reference.strip(), pinpoint.strip()))
    return parts


def _problem(inside: str, known: dict[str, dict[str, str]]) -> str:
    """Why a bracket that reads like a citation cannot be read; "" when it can, or is no citation."""
    for reference, pinpoint in _parts(inside):
        lowered = reference.lower()
        if lowered in known["sources"]:
            continue
        if lowered in known["annexes"]:
            if pinpoint:
                return (f"“[{inside}]”: {reference} is an annex, which is cited whole: write "
                        f"[{reference}], without “{pinpoint}”.")
            continue
        if _REFERENCE.fullmatch(reference) or _PINPOINT.match(pinpoint):
            return _unknown_message(inside, reference, known)
    return ""


def _unknown_message(inside: str, reference: str, known: dict[str, dict[str, str]]) -> str:
    if not known["sources"] and not known["annexes"]:
        return (f"“[{inside}]” reads as a citation, but the case has no sources yet: add them in "
                "the step “Sources and annexes” first.")
    names = sorted(known["sources"].values())
    listed = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
    annexes = sorted(known["annexes"].values())
    also = f"; the annexes: {', '.join(annexes[:8])}{', …' if len(annexes) > 8 else ''}" if annexes else ""
    return (f"“[{inside}]” reads as a citation, but no source or annex has the short reference "
            f"“{reference}”. The sources are: {listed or 'none yet'}{also}.")


def _known(case: dict) -> dict[str, dict[str, str]]:
    """The short references a bracket may name, by their lower case: sources' and annexes'."""
    return {part: _ids(case.get(part)) for part in ("sources", "annexes")}


def _ids(items: Any) -> dict[str, str]:
    return {item["id"].lower(): item["id"] for item in items if isinstance(item, dict)
            and isinstance(item.get("id"), str) and item["id"].strip()} if isinstance(items, list) else {}


def _citing_rows(case: dict, roots: Iterable[str]) -> Iterator[tuple[str, dict]]:
    """Each object under ``roots`` that can cite sources (an event, a risk factor, a step…),
    with its path."""
    def walk(value: Any, path: str) -> Iterator[tuple[str, dict]]:
        if isinstance(value, dict):
            if cites(path):
                yield path, value
            for key, inner in value.items():
                if isinstance(inner, dict | list):
                    yield from walk(inner, formdata.join(path, formdata.quote(key)))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                yield from walk(inner, formdata.join(path, index))

    for root in roots:
        if root != "sources":  # the sources themselves cite nothing
            yield from walk(case.get(root), root)


def cites(path: str) -> bool:
    """Whether the object at ``path`` ("events.0", "appeal.errors.1") has sources of its own."""
    node = formdata.node_at(f"{path}.sources.0")
    return getattr(node, "schema", None).__class__ is CitationSchema


def _is_text(path: str, key: str) -> bool:
    return isinstance(formdata.node_at(f"{path}.{formdata.quote(key)}"), Text)
