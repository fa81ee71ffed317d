"""The public edition: what the Committee may publish, with nothing that identifies the person.

Two layers, because people at risk cannot rely on one. `public_view` removes identifying fields
before the text is written, so the templates never see them; `scrub` then searches the finished
document for the legal name, its parts, identity numbers (however spaced or dashed), the national
authorities' file numbers (a procedural step's reference), the birth date (in the spellings
people type dates in, also when only its month is known), the address, the complainant's
contact, and any e-mail address or international phone number, wherever a user may have typed
them into free text, and replaces them. The representative's own e-mail
address and phone number are kept: the filing names the representative openly.
"""

from __future__ import annotations

import calendar
import copy
import re
from dataclasses import replace

from babel.dates import format_date

from docgen.case.dates import PartialDate
from docgen.languages import LANGUAGES, Language
from docgen.model.document import Document, Footnote, Text

# Fields that identify a complainant and have no place in a published decision.
_IDENTIFYING = ("other_names", "birth_date", "birth_place", "identity_documents", "address", "contact")


def public_view(case: dict) -> dict:
    view = copy.deepcopy(case)
    for person in view["complainants"]:
        person["legal_name"] = person["pseudonym"]
        for name in _IDENTIFYING:
            person[name] = [] if isinstance(person[name], list) else None
    # A national authority's file number leads to the person's file as surely as the name does.
    for step in view["procedural_history"]:
        step["reference"] = None
    return view


def scrub(document: Document, case: dict) -> Document:
    rules = _identifying(case, LANGUAGES[document.metadata.language].withheld)
    if not rules:
        return document
    # One alternative per rule, in order (a full name before its parts); the group that matched
    # says what replaces it, whatever the case of the letters typed.
    pattern = re.compile("|".join(f"(?P<s{index}>{source})" for index, (source, _) in enumerate(rules)),
                         re.IGNORECASE)
    kept = _representatives_contact(case)

    def substitute(match: re.Match) -> str:
        found = match.group()
        if found.casefold() in kept or _digits(found) in kept:
            return found
        return rules[int(match.lastgroup[1:])][1]

    def clean(text: Text) -> Text:
        return replace(text, text=pattern.sub(substitute, text.text))

    def clean_all(parts: tuple) -> tuple:
        return tuple(clean(part) if isinstance(part, Text) else part for part in parts)

    blocks = tuple(
        replace(block, content=clean_all(block.content),
                rows=tuple(tuple(clean_all(cell) for cell in row) for row in block.rows),
                marks=tuple(replace(mark, note=clean(Text(mark.note)).text) for mark in block.marks))
        for block in document.blocks
    )
    footnotes = tuple(
        Footnote(note.number, tuple(clean(part) for part in note.content)) for note in document.footnotes
    )
    metadata = document.metadata
    metadata = replace(
        metadata,
        **{field: clean(Text(getattr(metadata, field))).text for field in ("title", "author", "subject")},
    )
    return replace(document, blocks=blocks, footnotes=footnotes, metadata=metadata)


# E-mail addresses and phone numbers in international form (+47 912 34 567) typed anywhere in a
# case: in a public edition, only the representative's may stand (and the addresses docgen's own
# templates give, such as the Committee's, which are not typed into a case).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_INTERNATIONAL_PHONE = re.compile(r"(?<![\w+])\+\d(?:[\s().‐–—-]*\d){6,}")
# A run of digits as a phone number is typed in a contact field: 7 or more, spaced any way.
_PHONE_IN_CONTACT = re.compile(r"\+?\d(?:[\s().‐–—/-]*\d){6,}")
# What people put between the parts of a number: spaces, dashes, dots, slashes, brackets.
_SEPARATORS = r"[\s().‐–—/-]*"


def _loosely(number: str) -> str:
    """A pattern for a number (a passport's, a phone's) however it is spaced or dashed:
    "AA1234567" also as "AA 123 45 67", "AA-1234567" or "aa.1234.567"."""
    characters = [re.escape(c) for c in number if c.isalnum()]
    # A phone number's "+" goes with it.
    return rf"(?<![\w+])\+?{_SEPARATORS.join(characters)}(?!\w)" if characters else ""


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _representatives_contact(case: dict) -> set[str]:
    representative = case["representative"] or {}
    kept = set()
    if representative.get("email"):
        kept.add(representative["email"].casefold())
    for number in _PHONE_IN_CONTACT.findall(representative.get("phone") or ""):
        kept.add(_digits(number))
    return kept


_QUOTE_MARKS = "\"'‘’“”«»„"  # typed, or as a language's typographer sets them
_TYPESET = re.compile(rf"([-‐–—]+|[{_QUOTE_MARKS}]|\.{{2,}}|…)")


def _as_typeset(text: str) -> str:
    """A pattern for ``text`` as the typographer may have set it in the document: "O'Brien" as
    "O’Brien", "AB--12" as "AB–12" (see markup: how a quote or dash is set depends on the text
    around it, so any form of each is matched)."""
    pattern = []
    for piece in _TYPESET.split(text):
        if not piece:
            continue
        if piece[0] in "-‐–—":
            pattern.append("[-‐–—]+")
        elif piece in _QUOTE_MARKS:
            pattern.append(f"[{_QUOTE_MARKS}]")
        elif piece == "…" or piece.startswith(".."):
            pattern.append(r"(?:\.{2,}|…)")
        else:
            # Any space for a space: CLDR writes "14 марта 1986\u202fг.", people a plain space.
            pattern.append(r"\s+".join(re.escape(word) for word in re.split(r"\s+", piece)))
    return "".join(pattern)


def _identifying(case: dict, withheld: str) -> list[tuple[str, str]]:
    """(pattern, what the public edition prints instead: the pseudonym, or ``withheld`` in the
    document's words) for each thing that identifies a complainant or their file, the longest
    first so that a full name wins over its parts."""
    literal: dict[str, str] = {}
    loose: dict[str, str] = {}
    representative_address = (case["representative"] or {}).get("address") or ""
    for step in case["procedural_history"]:
        if step["reference"] and len(step["reference"]) >= 4:
            literal[step["reference"]] = withheld
    inflected: dict[str, tuple[int, str]] = {}  # pattern -> (length of the name, replacement)
    for person in case["complainants"]:
        pseudonym = person["pseudonym"]
        for spelling in (person["legal_name"], *person["other_names"]):
            for name in (spelling, *spelling.split()):
                if len(name) < 3 or name.casefold() == pseudonym.casefold():
                    continue
                if _CYRILLIC.search(name):
                    inflected.setdefault(rf"(?<!\w){_in_any_case(name)}(?!\w)", (len(name), pseudonym))
                else:
                    literal.setdefault(name, pseudonym)
        for document in person["identity_documents"]:
            literal[document["number"]] = withheld
            loose[document["number"]] = withheld
        # An approximate birth date ("about 1986") is no spelling of a day or month.
        if isinstance(person["birth_date"], PartialDate):
            for form in _spellings(person["birth_date"]):
                literal[form] = withheld
        # The address, whole or line by line, unless a line is also the representative's, which
        # the filing names openly (a complainant writing "c/o" the representative's office).
        for line in (person["address"] or "").splitlines():
            if len(line.strip()) >= 4 and line.strip() not in representative_address:
                literal[line.strip()] = withheld
        for number in _PHONE_IN_CONTACT.findall(person["contact"] or ""):
            loose[number] = withheld
    for typed in _strings(case):
        for address in _EMAIL.findall(typed):
            literal.setdefault(address, withheld)
        for number in _INTERNATIONAL_PHONE.findall(typed):
            loose.setdefault(number, withheld)
    rules = [(len(text), rf"(?<!\w){_as_typeset(text)}(?!\w)", replacement)
             for text, replacement in literal.items()]
    rules += [(len(text), _loosely(text), replacement) for text, replacement in loose.items()
              if _loosely(text)]
    rules += [(length, pattern, replacement) for pattern, (length, replacement) in inflected.items()]
    rules.sort(key=lambda rule: rule[0], reverse=True)
    return [(pattern, replacement) for _, pattern, replacement in rules]


_CYRILLIC = re.compile("[А-яЁё]")
# Russian names are declined: "Назаров" is also "Назарова", "Назарову", "Назаровым", "Назарове",
# "Назаровой"; "Достоевский" "Достоевского", "Достоевская"; "Баходировна" "Баходировной". A
# name's forms are its stem (the nominative less the ending the other forms replace) and any of
# the endings of Russian nouns and adjectives. pymorphy3 was tried and not used: it reads
# "Исмаилов" as the plural of the first name "Исмаил" and misses "Исмаилова", and Central
# Asian surnames are often not in its dictionary, while these endings are regular. Matching a
# few words that are not forms of the name ("Назары") costs a public edition nothing.
_NOMINATIVE_ENDINGS = ("ий", "ый", "ой", "ая", "яя", "а", "я", "й", "ь")
_CASE_ENDINGS = sorted({
    "а", "я", "у", "ю", "е", "и", "ы", "ом", "ем", "ём", "ой", "ей", "ою", "ею", "ам", "ям", "ами",
    "ями", "ах", "ях", "ов", "ев", "ым", "им", "ых", "их", "ыми", "ими", "ого", "его", "ому", "ему",
    "ая", "яя", "ую", "юю", "ые", "ие", "ий", "ый", "й", "ь",
}, key=len, reverse=True)


def _in_any_case(name: str) -> str:
    """A pattern for a Russian name in every case and number, word by word ("Алишер Назаров",
    "Алишером Назаровым"), with "е" and "ё" for each other, as people type them."""
    words = []
    for word in name.split():
        stem = next((word[:-len(ending)] for ending in _NOMINATIVE_ENDINGS
                     if word.endswith(ending) and len(word) - len(ending) >= 3), word)
        pattern = _as_typeset(stem).replace("ё", "е").replace("Ё", "Е")
        words.append(re.sub("[еЕ]", "[её]", pattern) + f"(?:{'|'.join(_CASE_ENDINGS)})?")
    return r"\s+".join(words)


def _strings(value) -> list[str]:
    """Every string in a loaded case (without recursion: a case is a tree a few levels deep)."""
    found, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return found


def _month_names(language: Language, month: int) -> set[str]:
    """Every form of a month's name CLDR gives in ``language``, wide and abbreviated: the
    Russian genitive ("марта", in a date) and nominative ("март", standing alone) among them;
    and the form after a preposition the language record adds ("марте")."""
    months = language.locale.months
    names = {months[context][width][month] for context in ("format", "stand-alone")
             for width in ("wide", "abbreviated")}
    if language.months_after_on:
        names.add(language.months_after_on[month - 1])
    return names


def _spellings(date) -> set[str]:
    """A birth date as people type it. Known to the day: ISO, the filing's "23 July 1991", and
    the numeric and short forms used where these cases come from and go to (23.07.1991,
    23/7/1991, 07/23/1991, July 23, 1991, 23 Jul 1991). Known to the month: 1991-07, July 1991,
    Jul 1991, 07/1991, 7.1991 and the like. Known only to the year: nothing, since a year alone
    is in every other date of the filing and identifies no one."""
    y, m, d = date.year, date.month, date.day
    if m is None:
        return set()
    month = calendar.month_name[m]
    if d is None:
        forms = {f"{y}-{m:02d}", f"{y}/{m:02d}", f"{month} {y}", f"{month[:3]} {y}", f"{month[:3]}. {y}"}
        # In each language docgen writes in, in every form of the month, with the words CLDR
        # puts after the year and without ("март 1986 г.", "марта 1986", "марте 1986 г.").
        for language in LANGUAGES.values():
            standing_alone = language.locale.months["stand-alone"]["wide"][m]
            for name in _month_names(language, m):
                forms.update({f"{name} {y}", language.date(y, m).replace(standing_alone, name)})
        for mm in (f"{m:02d}", str(m)):
            forms.update(f"{mm}{separator}{y}" for separator in "./-")
        return forms
    forms = {date.isoformat(), date.long_form(), f"{y}/{m:02d}/{d:02d}", f"{y}.{m:02d}.{d:02d}",
             f"{month} {d}, {y}", f"{month[:3]} {d}, {y}", f"{d} {month[:3]} {y}", f"{d}. {month} {y}"}
    # As each language docgen writes in writes it: the filing's own form there ("14. mars 1986",
    # "14 марта 1986 года"), CLDR's ("14 марта 1986 г.", "14 мар. 1986 г."), and the day before
    # any form of the month ("14 марта 1986", "14 март 1986").
    for language in LANGUAGES.values():
        forms.add(language.date(y, m, d))
        forms.update(format_date(date.earliest, width, locale=language.locale)
                     for width in ("full", "long", "medium"))
        for name in _month_names(language, m):
            forms.update({f"{d} {name} {y}", f"{d}. {name} {y}", f"{name} {d}, {y}"})
    for dd, mm in ((f"{d:02d}", f"{m:02d}"), (str(d), str(m))):
        for separator in "./-":
            forms.add(f"{dd}{separator}{mm}{separator}{y}")
        forms.add(f"{mm}/{dd}/{y}")
    return forms
