"""What a document's template sees: the case, and the functions that cite, number annexes and
name people as the edition requires."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from docgen.case.countries import country_name
from docgen.case.declarations import ARTICLE_22_DECLARATIONS
from docgen.case.schema import REFUSALS
from docgen.model.citations import Citations
from docgen.model.environment import Markdown
from docgen.model.markup import escape, footnote_call
from docgen.model.reference import committee, jurisdiction


def template_context(data: dict, kind: str, citations: Citations, public: bool) -> dict[str, Any]:
    annex_numbers = {annex["id"]: number for number, annex in enumerate(data["annexes"], 1)}

    def cite(first: str | Sequence[Mapping], pinpoint: str | None = None) -> Markdown:
        """cite("cat-gc4", "para 11"), or cite(item.sources) for a part of the case."""
        if isinstance(first, str):
            pairs = [(first, pinpoint)]
        else:
            pairs = [(citation["source"], citation.get("pinpoint")) for citation in first]
        return Markdown(footnote_call(citations.add(pairs))) if pairs else Markdown("")

    def annexes(ids: Sequence[str]) -> str:
        """" (Annex 3)" or " (Annexes 2 and 4)" for the annexes a part of the case relies on."""
        numbers = [str(annex_numbers[annex_id]) for annex_id in ids]
        if not numbers:
            return ""
        if len(numbers) == 1:
            return f" (Annex {numbers[0]})"
        return f" (Annexes {', '.join(numbers[:-1])} and {numbers[-1]})"

    def sentence(text: str, annex_ids: Sequence[str] = ()) -> Markdown:
        """A user's sentence with its annexes cited before the closing stop: "... removal (Annex 2)."."""
        body, stop = (text[:-1], text[-1]) if text[-1] in ".!?" else (text, ".")
        return Markdown(escape(body + annexes(annex_ids) + stop))

    events = sorted(data["events"], key=lambda event: event["date"].earliest)
    config = {
        "committee": committee(),
        "article_22_year": ARTICLE_22_DECLARATIONS.get(data["respondent_state"]),
        "decision": _decision_appealed(data),
    }
    return {
        "config": config,
        "kind": kind,
        "case": data,
        "public": public,
        "complainants": data["complainants"],
        "several": len(data["complainants"]) > 1,
        "events": events,
        "state": country_name(data["respondent_state"]),
        "origin": country_name(data["country_of_origin"]),
        "profile": jurisdiction(data["respondent_state"]),
        "cite": cite,
        "annexes": annexes,
        "sentence": sentence,
        "annex_number": annex_numbers.__getitem__,
        "name": lambda person: person["pseudonym"] if public else person["legal_name"],
    }


def _decision_appealed(data: dict) -> dict | None:
    """The step the appeal letter challenges: the one named, or else the latest refusal."""
    steps = data["procedural_history"]
    if data["appeal"]["decision"]:
        return next(step for step in steps if step["id"] == data["appeal"]["decision"])
    refusals = [step for step in steps if step["outcome"] in REFUSALS]
    return refusals[-1] if refusals else None
