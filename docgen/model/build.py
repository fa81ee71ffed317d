"""From a validated case to a document model: the legal text's template, rendered and parsed.

The legal text of each document is a Markdown template in templates/documents/, rendered in a
sandboxed Jinja environment. Case values are escaped on their way into the Markdown (see
`markup.escape`), so they are always words, never markup or template code. Citations are made
by the template's `cite()` as it goes, which numbers the footnotes in reading order.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from docgen.case import Case
from docgen.case.countries import country_name
from docgen.case.declarations import ARTICLE_22_DECLARATIONS
from docgen.case.schema import REFUSALS
from docgen.model import redact
from docgen.model.citations import Citations
from docgen.model.document import Block, Document, FootnoteRef, Metadata
from docgen.model.markup import escape, footnote_call, parse
from docgen.paths import TEMPLATES_DIR

# The documents docgen makes, with their titles: the keys name the templates.
DOCUMENTS = {
    "cat-complaint": "Complaint to the Committee against Torture under article 22 of the Convention",
    "appeal-letter": "Appeal to the national authority and request to suspend removal",
}


class Markdown(str):
    """Markdown made by the template's own functions: passed through, not escaped."""


def _finalize(value: Any) -> str:
    if isinstance(value, Markdown):
        return value
    if value is None:
        return ""
    return escape(str(value))


@cache
def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(TEMPLATES_DIR / "documents"),
        autoescape=False,  # the escaping that matters here is Markdown's, done by _finalize
        finalize=_finalize,
        undefined=StrictUndefined,
        # Not trim_blocks: a tag that ends a line must not swallow the blank line that ends a
        # Markdown paragraph. Lines holding only tags become blank lines, which Markdown ignores.
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["date"] = lambda value: value.long_form() if value else ""
    env.filters["country"] = country_name
    # An address typed on several lines, written on one as a filing does: "Storgata 1, Oslo".
    env.filters["oneline"] = lambda text: ", ".join(line.strip() for line in text.splitlines() if line.strip())
    return env


@cache
def authorities() -> dict[str, dict]:
    """The sources the templates themselves cite (the Convention, General Comment No 4...)."""
    items = json.loads((TEMPLATES_DIR / "authorities.json").read_text(encoding="utf-8"))
    return {item["id"]: item for item in items}


@cache
def committee() -> dict:
    """Where complaints to the Committee against Torture are sent."""
    return tomllib.loads((TEMPLATES_DIR / "committee.toml").read_text(encoding="utf-8"))


@cache
def jurisdiction(state: str) -> dict | None:
    """The profile of the respondent State's authorities and law, or None when docgen has none."""
    path = TEMPLATES_DIR / "jurisdictions" / f"{state}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def build_document(case: Case, kind: str, *, public: bool = False) -> Document:
    """The document ``kind`` for ``case``; ``public`` gives the edition without identifying data."""
    if kind not in DOCUMENTS:
        raise KeyError(kind)
    data = redact.public_view(case.data) if public else case.data
    citations = Citations({**authorities(), **{source["id"]: source for source in data["sources"]}})
    markdown = _environment().get_template(f"{kind}.md.j2").render(_context(data, kind, citations, public))
    blocks = tuple(parse(markdown))
    _check_footnote_order(blocks, len(citations.footnotes))
    document = Document(kind, _metadata(data, kind), blocks, citations.footnotes)
    return redact.scrub(document, case.data) if public else document


def _context(data: dict, kind: str, citations: Citations, public: bool) -> dict[str, Any]:
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


def _metadata(data: dict, kind: str) -> Metadata:
    representative = data["representative"] or {}
    author = ", ".join(filter(None, (representative.get("name"), representative.get("organisation"))))
    return Metadata(
        title=DOCUMENTS[kind],
        language=data["language"],
        author=author,
        subject=f"{country_name(data['respondent_state'])}: removal to {country_name(data['country_of_origin'])}",
        keywords=("non-refoulement", "torture", kind),
    )


def _check_footnote_order(blocks: Sequence[Block], count: int) -> None:
    """Each footnote is called once, in order: a template that cites outside the text is a bug."""
    calls = [part.number for block in blocks for part in block.inlines if isinstance(part, FootnoteRef)]
    if calls != list(range(1, count + 1)):
        raise ValueError(f"Footnote calls out of order in the document text: {calls}")

