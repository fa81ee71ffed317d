"""Citing in bulk: sources cited in a fact's own words, and a step's pinpoints marked checked at once.

A lawyer who writes "He fled to Norway in 2006 [eurasianet-2012, paras 1–2]." gets a citation of
the source eurasianet-2012 at "paras 1–2", and the words without the brackets; several sources
go in one bracket, separated by semicolons: "[cat-co-uzb-3, para 6; hrw-2011]". The brackets are
read when the step is sent, by the server, so the path without JavaScript does the same. Only a
bracket that begins with the short reference of a source of the case is read so: "[sic]" and
other brackets stay as typed. A bracket that reads like a citation of a source the case lacks
(a typo in the reference) stays in the text too, and is an error beside its field, so nothing
typed is lost and nothing half-read reaches a filing.

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
    """Turns the brackets that cite sources of ``case`` into citations of their rows (under the
    top-level keys ``roots``), and takes them out of the text."""
    sources = _source_ids(case)
    for path, row in _citing_rows(case, roots):
        for key, text in list(row.items()):
            if not isinstance(text, str) or "[" not in text or not _is_text(path, key):
                continue
            citations = []

            def read(match: re.Match) -> str:
                cited = _parse(match.group(1), sources)
                if cited is None:
                    return match.group(0)
                citations.extend(cited)
                return ""

            row[key] = _BRACKET.sub(read, text)
            if not citations:
                continue
            present = row.get("sources")
            # A blank citation row (the one the form keeps ready) gives way to those typed.
            present = row["sources"] = [old for old in present if not _blank(old)] if isinstance(present, list) else []
            for citation in citations:
                if not any(isinstance(old, dict) and old.get("source") == citation["source"]
                           and (old.get("pinpoint") or None) == citation.get("pinpoint") for old in present):
                    present.append(citation)


def unknown(case: dict, roots: Iterable[str]) -> dict[str, list[str]]:
    """The brackets that read like citations but name no source of ``case``, by the path of the
    text that holds them."""
    sources = _source_ids(case)
    problems: dict[str, list[str]] = {}
    for path, row in _citing_rows(case, roots):
        for key, text in row.items():
            if not isinstance(text, str) or "[" not in text or not _is_text(path, key):
                continue
            for match in _BRACKET.finditer(text):
                missing = [reference for reference, pinpoint in _parts(match.group(1))
                           if reference.lower() not in sources
                           and (_REFERENCE.fullmatch(reference) or _PINPOINT.match(pinpoint))]
                if missing:
                    problems.setdefault(formdata.join(path, key), []).append(
                        _unknown_message(match.group(1), missing[0], sources))
    return problems


def mark_checked(case: dict, roots: Iterable[str]) -> None:
    """Marks every citation under ``roots`` as checked against its source."""
    for _, row in _citing_rows(case, roots):
        for citation in row.get("sources") or []:
            if isinstance(citation, dict) and citation.get("source"):
                citation["verified"] = True


def _blank(citation: Any) -> bool:
    return isinstance(citation, dict) and not citation.get("source") and not citation.get("pinpoint")


def _parse(inside: str, sources: dict[str, str]) -> list[dict] | None:
    """The citations a bracket's text stands for, or None when it does not cite sources."""
    cited = []
    for reference, pinpoint in _parts(inside):
        known = sources.get(reference.lower())
        if known is None:
            return None
        cited.append({"source": known, **({"pinpoint": pinpoint} if pinpoint else {}), "verified": False})
    return cited or None


def _parts(inside: str) -> list[tuple[str, str]]:
    parts = []
    for part in inside.split(";"):
        reference, _, pinpoint = part.partition(",")
        parts.append((reference.strip(), pinpoint.strip()))
    return parts


def _unknown_message(inside: str, reference: str, sources: dict[str, str]) -> str:
    if not sources:
        return (f"“[{inside}]” reads as a citation, but the case has no sources yet: add them in "
                "the step “Sources and annexes” first.")
    names = sorted(sources.values())
    listed = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
    return (f"“[{inside}]” reads as a citation, but no source has the short reference "
            f"“{reference}”. The sources are: {listed}.")


def _source_ids(case: dict) -> dict[str, str]:
    items = case.get("sources")
    return {item["id"].lower(): item["id"] for item in items if isinstance(item, dict)
            and isinstance(item.get("id"), str) and item["id"].strip()} if isinstance(items, list) else {}


def _citing_rows(case: dict, roots: Iterable[str]) -> Iterator[tuple[str, dict]]:
    """Each object under ``roots`` that can cite sources (an event, a risk factor, a step…),
    with its path."""
    def walk(value: Any, path: str) -> Iterator[tuple[str, dict]]:
        if isinstance(value, dict):
            if _cites(path):
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


def _cites(path: str) -> bool:
    node = formdata.node_at(f"{path}.sources.0")
    return getattr(node, "schema", None).__class__ is CitationSchema


def _is_text(path: str, key: str) -> bool:
    return isinstance(formdata.node_at(f"{path}.{formdata.quote(key)}"), Text)
