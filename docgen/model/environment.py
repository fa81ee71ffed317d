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
from docgen.languages import LANGUAGES, Language
from docgen.model.markup import escape
from docgen.paths import TEMPLATES_DIR

DOCUMENTS = TEMPLATES_DIR / "documents"


class Markdown(str):
    """Markdown made by the template's own functions: passed through, not escaped."""


def _finalize(value: Any) -> str:
    if isinstance(value, Markdown):
        return value
    if value is None:
        return ""
    return escape(str(value))


def template_folder(code: str):
    """Where a language's templates are: a language's document is written entirely in it, so its
    templates include only their own partials, with no fallback to another language's."""
    return DOCUMENTS / code


def country(language: Language, code: str) -> str:
    """A country's name as a filing in ``language`` writes it. English keeps the prose names of
    `country_name` ("the Russian Federation"), which CLDR's short names ("Russia") are not."""
    return country_name(code) if language.code == "en" else language.country(code)


@cache
def environment(code: str = "en") -> SandboxedEnvironment:
    """The environment of the templates in language ``code``, with its words for dates and countries."""
    language = LANGUAGES[code]
    env = SandboxedEnvironment(
        loader=FileSystemLoader(template_folder(code)),
        autoescape=False,  # the escaping that matters here is Markdown's, done by _finalize
        finalize=_finalize,
        undefined=StrictUndefined,
        # Not trim_blocks: a tag that ends a line must not swallow the blank line that ends a
        # Markdown paragraph. Lines holding only tags become blank lines, which Markdown ignores.
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # A case's dates (docgen.case.dates), exact or approximate, in the document's language:
    # "12 June 2012", "around 2006"; with their preposition (`on`), "on 12 June 2012", "in or
    # before 2006"; of a decision (`of`), "of 12 June 2012", "made between 2006 and 2008".
    env.filters["date"] = lambda value: _date(language, value) if value else ""
    env.filters["on"] = lambda value, start=False: _on(language, value, start)
    env.filters["of"] = lambda value: _of(language, value) if value else ""
    env.filters["capfirst"] = lambda text: text[:1].upper() + text[1:]
    env.filters["country"] = lambda code: country(language, code)
    # An address typed on several lines, written on one as a filing does: "Storgata 1, Oslo".
    env.filters["oneline"] = lambda text: ", ".join(line.strip() for line in text.splitlines() if line.strip())
    # A telephone number must not break across lines: "+47 22 00 00 00" is dialled from one line.
    # Escaped first, since escaping makes every space an ordinary one.
    env.filters["nobreak"] = lambda text: Markdown(escape(text).replace(" ", "\u00a0"))
    return env


def _date(language: Language, value: PartialDate | ApproximateDate) -> str:
    """"12 June 2012", "around 2006", "in or before June 2006", "between 2006 and 2008"."""
    if isinstance(value, PartialDate):
        return language.date(*value.parts, in_text=True)
    if value.circa:
        return language.around.format(date=_date(language, value.first))
    if value.first is None:
        return language.before.format(on=_preposition(language, value.last), date=_date(language, value.last))
    if value.last is None:
        return language.after.format(on=_preposition(language, value.first), date=_date(language, value.first))
    return language.between.format(first=_date(language, value.first), last=_date(language, value.last))


def _preposition(language: Language, value: PartialDate) -> str:
    return language.on_day if value.day else language.on_period


def _of(language: Language, value: PartialDate | ApproximateDate) -> str:
    """Of a decision: "of 12 June 2012", "made between 2006 and 2008"."""
    if isinstance(value, PartialDate):
        return language.of.format(date=_date(language, value))
    return language.made.format(date=_date(language, value))


def _on(language: Language, value: PartialDate | ApproximateDate, start: bool = False) -> str:
    """"on 12 June 2012", "in June 2012" or "in 2006", as precisely as the date is known;
    "around 2006", "in or before 2006" when it is known only approximately."""
    if isinstance(value, PartialDate):
        words = language.on(*value.parts)
    else:
        words = _date(language, value)
    return words[0].upper() + words[1:] if start else words
