"""The languages docgen writes filings in: one record each, and the only list of them.

Each record holds the words docgen itself writes (citation words, annex words, the page footer,
date phrases); dates, months and country names come from CLDR through Babel for the language's
locale, never from tables of our own. The case's `language` takes its allowed values from
`LANGUAGES`, the model its words and templates, the writers the footer and the document's language
tag. This module imports nothing of docgen, so that the case, the model and the writers can all
read it without breaking the direction of imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from babel import Locale
from babel.dates import format_date, format_skeleton


@dataclass(frozen=True)
class BundleWords:
    """The words of a filing bundle (docgen/bundle): its index of annexes, the stamp on each
    annex page, its bookmarks and the word its file name adds."""

    title: str = "Index of annexes"
    # The index's columns: the annex's number, its title, its date, the page it starts on.
    columns: tuple[str, str, str, str] = ("Annex", "Document", "Date", "Page")
    not_attached: str = "Not attached"
    document_pages: str = "{document}: pages 1 to {pages} of this file."
    no_annexes: str = "No annexes are listed."
    note: str = ("Page numbers are those of this PDF file. Every page of an annex is stamped with "
                 "the annex number and its page within the annex.")
    stamp: str = "Annex {number} — page {page} of {pages}"
    bookmark: str = "Annex {number}: {title}"
    file: str = "bundle"  # rustam-cat-complaint-bundle-2012-07-10.pdf
    document_page: str = "{document}: page 1 of this file."  # a document of one page


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as in the case, html lang, PDF /Lang and the DOCX language
    name: str  # in English, for the form and error messages
    # A date known to the day, as a CLDR pattern or length: OSCOLA's "12 June 2012" for English,
    # the language's own long form ("12. juni 2012") for the others.
    day_format: str = "long"
    # The first of a month, where a language writes it otherwise ("1er juin 2012" in French).
    first_day_format: str | None = None
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
    # Where OSCOLA puts a space before a pinpoint (after ibid, "(n 3)", a treaty or a book):
    # "ibid para 2", "(n 3) para 6"; Russian UN documents a comma, "Там же, пункт 2".
    pinpoint_space: str = " "
    accessed: str = "accessed"
    note_reference: str = "n"  # "(n 3)": the note of a source's first, full citation
    adopted: str = "adopted"
    entered_into_force: str = "entered into force"
    communication: str = "Communication No"
    # Before a UN document symbol: OSCOLA's "UN Doc CAT/C/GC/4"; the UN's Russian documents give
    # the symbol alone ("A/53/44, приложение IX").
    un_document: str = "UN Doc "
    others: str = "and others"
    # Between the sources one footnote cites: "...para 6; Human Rights Watch, ..."
    between_sources: str = "; "
    # "Annex 3", "Annexes 2 and 4"
    annex: str = "Annex"
    annexes: str = "Annexes"
    conjunction: str = "and"
    # The word for a public edition in file names ("rustam-cat-complaint-public-2012-07-10.pdf")
    public_file: str = "public"
    # The page footer, "Page 3 of 12": the words before the page number and between the two.
    page: str = "Page "
    page_of: str = " of "
    # What the public edition prints for a withheld number, date or address.
    withheld: str = "[withheld]"
    # OSCOLA's pinpoint words ("para 2", "paras 1–2", "art 3", "p 7") as the language writes them,
    # longest first: a pinpoint typed in a case is written in the document's language.
    pinpoint_words: tuple[tuple[str, str], ...] = ()
    # The typographer's quotation marks, in markdown-it's order: the pair a quotation typed "..."
    # is set in, then the pair for '...'. OSCOLA 1.5: single marks for both, ‘...’ (a quotation
    # within one is typed with its own marks, “ ”).
    quotes: tuple[str, str, str, str] = ("‘", "’", "‘", "’")
    # Spaces the language's typography keeps unbroken, as patterns that each match one space:
    # French before ; : ? !, a number after "n°" or "№". The typographer makes them no-break.
    unbroken_spaces: tuple[str, ...] = ()
    # Whether a date's parts stay on one line ("12 juin 2012", "12 de junio de 2012", never
    # "12 de / junio"), wherever the date is written: the typographer holds each `dates` match.
    unbroken_dates: bool = False
    # The label of a lettered list's item: "(a)" in English legal drafting; "a)" in the UN's
    # French, Spanish and Russian documents (with Latin letters in Russian: "пункт 5 b) статьи 22").
    lettered: str = "({})"
    # Where a footnote's call stands: OSCOLA after the punctuation ("art 3.¹"); the UN's French,
    # Spanish and Russian documents before it ("cette interdiction². ").
    call_before_punctuation: bool = False
    # A year standing alone in the text, and after `on_period`: "2006", "in 2006"; Russian "2006
    # год", "в 2006 году", as the UN's Russian documents write a year in prose. A citation keeps
    # the bare year, "(2017)", as the UN's titles do.
    year_in_text: str = "{year}"
    year_after_on: str = "{year}"
    # The months as they stand after `on_period` where the language inflects them there, which
    # CLDR does not give: Russian "в марте 2006 г." (prepositional), not "в март".
    months_after_on: tuple[str, ...] = ()
    bundle: BundleWords = BundleWords()

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code, sep="-")

    def date(self, year: int, month: int | None = None, day: int | None = None, *,
             in_text: bool = False) -> str:
        """12 June 2012, June 2012 or 2012 (or "12. juni 2012", "juni 2012"), as precise as known;
        ``in_text``, a year alone as the language's prose writes it ("2006 г.")."""
        if month is None:
            return self.year_in_text.format(year=year) if in_text else str(year)
        if day is None:  # the month standing alone, in the nominative where a language inflects it
            return format_skeleton("yMMMM", date(year, month, 1), locale=self.locale)
        pattern = self.first_day_format if day == 1 and self.first_day_format else self.day_format
        return format_date(date(year, month, day), pattern, locale=self.locale)

    @cached_property
    def dates(self) -> re.Pattern:
        """A date in any of the forms this language writes one ("28 juin 1999", "1er juin 1999",
        "juin 1999"), in any case ("Juin 2010" starts a heading), with any spaces: the forms of a
        sample date, its day, month and year made patterns."""
        month_names = (*self.locale.months["format"]["wide"].values(),
                       *self.locale.months["stand-alone"]["wide"].values(), *self.months_after_on)
        month = "|".join(sorted({re.escape(name) for name in month_names}, key=len, reverse=True))
        parts = {"1999": r"\d{4}", "28": r"\d{1,2}", **{name: f"(?:{month})" for name in month_names}}
        forms = {self.date(1999, 6, 28), self.date(1999, 6, 1), self.date(1999, 6)}
        pieces = re.compile("(" + "|".join(sorted(map(re.escape, parts), key=len, reverse=True)) + ")")
        patterns = ("".join(parts.get(piece) or re.escape(piece).replace(r"\ ", r"\s")
                            for piece in pieces.split(form)) for form in forms)
        return re.compile("|".join(sorted(patterns, key=len, reverse=True)), re.IGNORECASE)

    def on(self, year: int, month: int | None = None, day: int | None = None) -> str:
        """The date with its preposition: "on 12 June 2012", "in June 2012", "в марте 2006 г."."""
        words = (self.date(year, month, day, in_text=True) if month
                 else self.year_after_on.format(year=year))
        if day is None and month is not None and self.months_after_on:
            standing_alone = self.locale.months["stand-alone"]["wide"][month]
            words = words.replace(standing_alone, self.months_after_on[month - 1])
        return " ".join(filter(None, (self.on_day if day else self.on_period, words)))

    def pinpoint(self, pinpoint: str) -> str:
        """"para 2" as this language writes it ("пункт 2"); a pinpoint in other words as typed."""
        for english, own in self.pinpoint_words:
            found = re.match(rf"{english}\.?(?=\s*\d)", pinpoint)
            if found:
                return own + pinpoint[found.end():]
        return pinpoint

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
        # "senest i 2006" (at the latest in 2006) and "tidligst i mars 2006" are how bokmål says
        # "in or before" and "in or after"; a calque ("i eller før 2006") is not.
        around="omkring {date}", before="senest {on} {date}", after="tidligst {on} {date}",
        between="mellom {first} og {last}", of="av {date}", made="truffet {date}",
        removal="{state}: utsendelse til {origin}",
        # A footnote is a sentence and starts with a capital: "Ibid. avsn. 1."
        ibid="Ibid.", accessed="lest", note_reference="note",
        adopted="vedtatt", entered_into_force="trådte i kraft", communication="klage nr.",
        others="mfl.",
        annex="vedlegg", annexes="vedlegg", conjunction="og",
        public_file="offentlig",
        page="Side ", page_of=" av ",
        # Språkrådet: « » first, ‘ ’ for a quotation within one; "§ 28" is not broken.
        quotes=("«", "»", "‘", "’"), unbroken_spaces=(r"(?<=§) (?=\d)",),
        # Lettered as Norwegian statutes letter their items ("a)", cited "bokstav a").
        lettered="{})",
        bundle=BundleWords(
            "Vedleggsliste", ("Vedlegg", "Dokument", "Dato", "Side"), "Ikke vedlagt",
            "{document}: side 1–{pages} i denne filen.", "Ingen vedlegg er oppført.",
            "Sidetallene er sidene i denne PDF-filen. Hver side i et vedlegg er stemplet med "
            "vedleggets nummer og siden i vedlegget.",
            "Vedlegg {number} — side {page} av {pages}", "Vedlegg {number}: {title}", "med-vedlegg",
            document_page="{document}: side 1 i denne filen."),
        # As Norwegian legal writing pinpoints: "HR-2016-2554-P (Holship), avsn. 70" (NIM's guide,
        # nhri.no); "art." and "s." as Norwegian abbreviates article and page.
        pinpoint_words=(("paras", "avsn."), ("para", "avsn."), ("arts", "art."), ("art", "art."),
                        ("pp", "s."), ("p", "s.")),
    ),
    Language(
        # The UN's Russian documents write a day "13 марта 2019 года"; a date needs no preposition.
        "ru", "Russian", day_format="d MMMM y 'года'",
        on_day="", on_period="в",
        year_in_text="{year} год", year_after_on="{year} году",
        months_after_on=("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
                         "сентябре", "октябре", "ноябре", "декабре"),
        # Phrases that leave the date in the nominative, which CLDR gives.
        around="приблизительно {date}", before="{date} или ранее", after="{date} или позднее",
        between="{first} – {last}", of="от {date}", made="({date})",
        removal="{state}: высылка (страна назначения: {origin})",
        ibid="Там же", pinpoint_space=", ", accessed="по состоянию на", note_reference="сноска",
        adopted="дата принятия:", entered_into_force="дата вступления в силу:",
        communication="сообщение №", un_document="", others="и др.",
        pinpoint_words=(("paras", "пункты"), ("para", "пункт"), ("arts", "статьи"), ("art", "статья"),
                        ("pp", "с."), ("p", "с.")),
        annex="приложение", annexes="приложения", conjunction="и",
        page="Стр. ", page_of=" из ",
        withheld="[данные изъяты]",  # as Russian courts publish their decisions
        call_before_punctuation=True, lettered="{})",
        # « » and „ “ within them, as the UN's Russian documents quote; a number is not parted
        # from the Russian word before or after it: "№ 4", "правилом 114", "12 июня", "2012 г.".
        quotes=("«", "»", "„", "“"),
        unbroken_spaces=(r"(?<=№) (?=\d)", r"(?<=[а-яё]) (?=\d)", r"(?<=\d) (?=[а-яё])"),
        bundle=BundleWords(
            "Перечень приложений", ("Приложение", "Документ", "Дата", "Стр."), "Не приложено",
            "{document}: страницы 1–{pages} настоящего файла.", "Приложения не указаны.",
            "Номера страниц указаны по настоящему PDF-файлу. На каждой странице приложения "
            "проставлены номер приложения и номер страницы в приложении.",
            "Приложение {number} — стр. {page} из {pages}", "Приложение {number}: {title}",
            "s-prilozheniyami", document_page="{document}: страница 1 настоящего файла."),
    ),
    # The citation words of the UN's own French and Spanish documents (templates/README.md says
    # where each was checked).
    Language(
        "fr", "French",
        first_day_format="'1er' MMMM y",
        on_day="le", on_period="en",
        around="vers {date}", before="au plus tard {on} {date}", after="au plus tôt {on} {date}",
        between="entre {first} et {last}", of="du {date}", made="rendue {date}",
        removal="{state} : renvoi vers {origin}",
        ibid="Ibid.", pinpoint_space=", ", accessed="consulté le", note_reference="note", between_sources=" ; ",
        adopted="adoptée le", entered_into_force="entrée en vigueur le", communication="communication n°",
        others="et al.", un_document="",
        pinpoint_words=(("paras", "par."), ("para", "par."), ("arts", "art."), ("art", "art."),
                        ("pp", "p."), ("p", "p.")),
        annex="annexe", annexes="annexes", conjunction="et",
        page="Page ", page_of=" sur ",
        # « » with no-break spaces inside, “ ” within them (CAT/C/GC/4 in French quotes so); the
        # space before ; : ? ! and after "n°" is no-break.
        call_before_punctuation=True, lettered="{})",
        quotes=("«\u00a0", "\u00a0»", "“", "”"), unbroken_dates=True,
        unbroken_spaces=(r" (?=[;:?!»])", r"(?<=«) ", r"(?<=\bn°) (?=\d)"),
        bundle=BundleWords(
            "Liste des annexes", ("Annexe", "Document", "Date", "Page"), "Non jointe",
            "{document} : pages 1 à {pages} du présent fichier.", "Aucune annexe n’est mentionnée.",
            "Les numéros de page sont ceux du présent fichier PDF. Chaque page d’une annexe porte "
            "le numéro de l’annexe et celui de la page dans l’annexe.",
            "Annexe {number} — page {page} sur {pages}", "Annexe {number} : {title}", "avec-annexes",
            document_page="{document} : page 1 du présent fichier."),
    ),
    Language(
        "es", "Spanish",
        on_day="el", on_period="en",
        around="hacia {date}", before="a más tardar {on} {date}", after="{on} {date} o después",
        between="entre {first} y {last}", of="de {date}", made="adoptada {date}",
        removal="{state}: expulsión a {origin}",
        ibid="Ibid.", pinpoint_space=", ", accessed="consultado el", note_reference="nota",
        adopted="adoptada el", entered_into_force="entrada en vigor el", communication="comunicación núm.",
        others="et al.", un_document="",
        pinpoint_words=(("paras", "párrs."), ("para", "párr."), ("arts", "arts."), ("art", "art."),
                        ("pp", "págs."), ("p", "pág.")),
        annex="anexo", annexes="anexos", conjunction="y",
        public_file="publica",
        page="Página ", page_of=" de ",
        # “ ” and ‘ ’ within them, as CAT/C/GC/4 in Spanish quotes ("el principio de “no devolución”").
        call_before_punctuation=True, lettered="{})",
        quotes=("“", "”", "‘", "’"), unbroken_spaces=(r"(?<=\bnúm\.) (?=\d)",), unbroken_dates=True,
        bundle=BundleWords(
            "Índice de anexos", ("Anexo", "Documento", "Fecha", "Página"), "No se adjunta",
            "{document}: páginas 1 a {pages} del presente archivo.", "No se enumera ningún anexo.",
            "Los números de página son los de este archivo PDF. Cada página de un anexo lleva el "
            "número del anexo y el de la página dentro del anexo.",
            "Anexo {number} — página {page} de {pages}", "Anexo {number}: {title}", "con-anexos",
            document_page="{document}: página 1 del presente archivo."),
    ),
)

LANGUAGES: dict[str, Language] = {language.code: language for language in _LANGUAGES}


def language(code: str) -> Language:
    """The record for ``code``; English for a tag docgen does not write (a writer's fallback)."""
    return LANGUAGES.get(code, LANGUAGES["en"])
