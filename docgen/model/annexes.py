"""The annexes of a case as a document lists them: an annex docgen makes (its `document`) and
given no title is titled as that document is, in the language it is listed in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docgen.model.kinds import KINDS


def annex_title(annex: Mapping[str, Any], language: str) -> str:
    """The annex's title as typed, or the title of the document docgen makes for it."""
    return annex["title"] or KINDS[annex["document"]].title_in(language)


def titled(annexes: list[Mapping[str, Any]], language: str) -> list[dict[str, Any]]:
    """``annexes`` each with its title (annex_title), for the templates that list them."""
    return [{**annex, "title": annex_title(annex, language)} for annex in annexes]
