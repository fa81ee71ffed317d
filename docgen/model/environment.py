"""The sandboxed Jinja environment the legal text is rendered in.

Case values are escaped on their way into the Markdown (see `markup.escape`), so they are always
words, never markup or template code; only Markdown made by the template's own functions
(`Markdown`) passes through as it is.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from docgen.case.countries import country_name
from docgen.case.dates import ApproximateDate, PartialDate
from docgen.model.markup import escape
from docgen.paths import TEMPLATES_DIR


class Markdown(str):
    """Markdown made by the template's own functions: passed through, not escaped."""


def _finalize(value: Any) -> str:
    if isinstance(value, Markdown):
        return value
    if value is None:
        return ""
    return escape(str(value))


@cache
def environment() -> SandboxedEnvironment:
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
    # A case's dates (docgen.case.dates), exact or approximate: "12 June 2012", "around 2006";
    # with their preposition (`on`), "on 12 June 2012", "in or before 2006"; of a decision
    # (`of`), "of 12 June 2012", "made between 2006 and 2008".
    env.filters["date"] = lambda value: value.long_form() if value else ""
    env.filters["on"] = _on
    env.filters["of"] = lambda value: value.of() if value else ""
    env.filters["capfirst"] = lambda text: text[:1].upper() + text[1:]
    env.filters["country"] = country_name
    # An address typed on several lines, written on one as a filing does: "Storgata 1, Oslo".
    env.filters["oneline"] = lambda text: ", ".join(line.strip() for line in text.splitlines() if line.strip())
    return env


def _on(value: PartialDate | ApproximateDate, start: bool = False) -> str:
    """"on 12 June 2012", "in June 2012" or "in 2006", as precisely as the date is known;
    "around 2006", "in or before 2006" when it is known only approximately."""
    words = value.when()
    return words[0].upper() + words[1:] if start else words
