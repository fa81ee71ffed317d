"""The languages docgen writes filings in: one record each, and the only list of them.

Each record holds the words docgen itself writes (citation words, annex words, the page footer,
date phrases); dates, months and country names come from CLDR through Babel for the language's
locale, never from tables of our own. The case's `language` takes its allowed values from
`LANGUAGES`, the model its words and templates, the writers the footer and the document's language
tag. This module imports nothing of docgen, so that the case, the model and the writers can all
read it without breaking the direction of imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel import Locale
from babel.dates import format_date, format_skeleton


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as in the case, html lang, PDF /Lang and the DOCX language
    name: str  # in English, for the form and error messages
    # A date known to the day, as a CLDR pattern or length: OSCOLA's "12 June 2012" for English,
    # the language's own long form ("12. juni 2012") for the others.
    day_format: str = "long"
    # "on 12 June 2012" / "in June 2012": the words before a date known to the day, and to less.
    on_day: str = "on"
    on_period: str = "in"
    # A date known only approximately ({on} is one of the two words above) and a decision's date.
    around: str = "around {date}"
    before: str = "{on} or before {date}"
    after: str = "{on} or after {date}"
    between: str = "between {first} and {last}"
    of: str = "of {date}"
    made: str = "made {date}"
    # The document's subject in its properties
    removal: str = "{state}: removal to {origin}"
    # Citation words
    ibid: str = "ibid"
    accessed: str = "accessed"
    note_reference: str = "n"  # "(n 3)": the note of a source's first, full citation
    adopted: str = "adopted"
    entered_into_force: str = "entered into force"
    communication: str = "Communication No"
    others: str = "and others"
    # "Annex 3", "Annexes 2 and 4"
    annex: str = "Annex"
    annexes: str = "Annexes"
    conjunction: str = "and"
    # The word for a public edition in file names ("rustam-cat-complaint-public-2012-07-10.pdf")
    public_file: str = "public"
    # The page footer, "Page 3 of 12": the words before the page number and between the two.
    page: str = "Page "
    page_of: str = " of "

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code, sep="-")

    def date(self, year: int, month: int | None = None, day: int | None = None) -> str:
        """12 June 2012, June 2012 or 2012 (or "12. juni 2012", "juni 2012"), as precise as known."""
        if month is None:
            return str(year)
        if day is None:  # the month standing alone, in the nominative where a language inflects it
            return format_skeleton("yMMMM", date(year, month, 1), locale=self.locale)
        return format_date(date(year, month, day), self.day_format, locale=self.locale)

    def country(self, code: str) -> str:
        """The country's name in this language (CLDR); the code itself where CLDR has none."""
        return self.locale.territories.get(code, code)

    def listing(self, items: list[str]) -> str:
        """"2", "2 and 4", "2, 3 and 4"."""
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.conjunction} {items[-1]}"


_LANGUAGES = (
    Language("en", "English", day_format="d MMMM y"),
    Language(
        "nb", "Norwegian Bokmål",
        on_day="den", on_period="i",
        around="omkring {date}", before="{date} eller tidligere", after="{date} eller senere",
        between="mellom {first} og {last}", of="av {date}", made="truffet {date}",
        removal="{state}: utsendelse til {origin}",
        ibid="ibid.", accessed="lest", note_reference="note",
        adopted="vedtatt", entered_into_force="trådte i kraft", communication="klage nr.",
        others="mfl.",
        annex="vedlegg", annexes="vedlegg", conjunction="og",
        public_file="offentlig",
        page="Side ", page_of=" av ",
    ),
)

LANGUAGES: dict[str, Language] = {language.code: language for language in _LANGUAGES}


def language(code: str) -> Language:
    """The record for ``code``; English for a tag docgen does not write (a writer's fallback)."""
    return LANGUAGES.get(code, LANGUAGES["en"])
