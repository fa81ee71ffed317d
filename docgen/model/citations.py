"""Footnote citations in OSCOLA (4th edn) from CSL-JSON items, as rich text runs.

We format OSCOLA ourselves rather than through citeproc-py: the "(n 3)" cross-reference needs the
note of first citation, which citeproc-py leaves to the caller; it passes about 60% of the CSL test
suite; it outputs no runs a DOCX writer can use; and its OSCOLA case macro assumes UK neutral
citations where our cases are UN communications.

Conventions beyond CSL: ``number`` holds a UN document symbol for any type ("CAT/C/GC/4"), printed
as "UN Doc ..." (in the note's language: the symbol alone in Russian); a UN treaty-body decision's communication number is read from its symbol; a
treaty's ``issued`` is its adoption and its ``event-date`` its entry into force.

Footnotes end with a full stop, bibliography entries without (OSCOLA 1.1, 1.7); quotation marks and
dashes are set by the typographer that sets the body (`markup.typeset`); a pinpoint's range of
numbers takes an en dash (OSCOLA 1.3.2: "paras 1–2"), whichever dash was typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from docgen.languages import LANGUAGES, Language
from docgen.model.document import Footnote, Text, merge_runs
from docgen.model.markup import typeset

Runs = list[Text]
Piece = str | Text | Runs | None

_UN_PREFIXES = (
    "A/", "E/", "S/", "CAT/", "CCPR/", "CERD/", "CEDAW/", "CRC/", "CRPD/", "CMW/", "CED/", "HRI/",
)
_COMMUNICATION = re.compile(r"/D/(\d+)/(\d{4})(?:/|$)")
_NUMBER_RANGE = re.compile(r"(?<=\d)\s*[-‐‑‒–—]\s*(?=\d)")
_ECTHR = ("european court of human rights", "ecthr")
# The language of the note being written: the forms below are many small functions, each with a
# word or two of it, so it is set around a note rather than passed through every one of them.
_WORDS: ContextVar[Language] = ContextVar("citation_language", default=LANGUAGES["en"])
# Statutes and treaties are cited again by their short title or abbreviation alone, which names
# them unambiguously; OSCOLA keeps "(n 3)" for cases and secondary sources.
_NO_CROSS_REFERENCE = ("legislation", "treaty")
# Primary sources are found by their own citation, not at a URL.
_NO_URL = ("legal_case", "legislation", "treaty")


class Citations:
    """The footnotes of one document, numbered in the order they are added."""

    def __init__(self, sources: Mapping[str, Mapping], language: Language = LANGUAGES["en"]) -> None:
        self._sources = sources
        self._language = language
        self._first_note: dict[str, int] = {}  # source id -> note of its full citation, in order
        self._notes: list[Footnote] = []
        self._previous: tuple[tuple[str, str | None], ...] = ()  # what the last note cited

    def add(self, cites: Sequence[tuple[str, str | None]]) -> int:
        """Add a footnote citing ``(source_id, pinpoint)`` pairs; return its number."""
        if not cites:
            raise ValueError("a footnote cites at least one source")
        items = [(source_id, _in_language(self._sources[source_id], self._language),
                  _range(pinpoint and self._language.pinpoint(pinpoint)))
                 for source_id, pinpoint in cites]
        number = len(self._notes) + 1
        cited = tuple((source_id, pinpoint) for source_id, pinpoint in cites)
        # ibid stands only for a note that cited this one source and nothing else: alone, it means
        # the same place ("ibid."); with a pinpoint, another place in it ("ibid para 4."). The whole
        # source after one place in it is not "ibid.", which would say that place: its short form.
        again = len(cited) == 1 and len(self._previous) == 1 and cited[0][0] == self._previous[0][0]
        if again and cited[0][1] == self._previous[0][1]:
            content = _join(self._language.pinpoint_space, self._language.ibid, None)
        elif again and cited[0][1]:
            content = _join(self._language.pinpoint_space, self._language.ibid, items[0][2])
        else:
            with _speaking(self._language):
                content = _join(self._language.between_sources, *(self._cite(number, *cite) for cite in items))
        self._notes.append(Footnote(number, _finish(content, full_stop=True, language=self._language)))
        self._previous = cited
        return number

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        return tuple(self._notes)

    def cited_ids(self) -> tuple[str, ...]:
        """Sources cited, in order of first citation."""
        return tuple(self._first_note)

    def _cite(self, number: int, source_id: str, item: Mapping, pinpoint: str | None) -> Runs:
        first = self._first_note.setdefault(source_id, number)
        if first == number:
            return _join(_pinpoint_separator(item), _full(item, bibliography=False), pinpoint)
        kind = item.get("type")
        if kind in _NO_CROSS_REFERENCE:
            separator = ", " if kind == "legislation" else self._language.pinpoint_space
            return _join(separator, _short(item), pinpoint)
        return _join(self._language.pinpoint_space,
                     _join(" ", _short(item), f"({self._language.note_reference} {first})"), pinpoint)


def _in_language(item: Mapping, language: Language) -> Mapping:
    """The item as a note in ``language`` cites it: an authority under the title, author and
    symbol the UN publishes it with in that language (authorities.json, `custom.languages`)."""
    published = item.get("custom", {}).get("languages", {}).get(language.code)
    return {**item, **published} if published else item


@contextmanager
def _speaking(language: Language) -> Iterator[None]:
    token = _WORDS.set(language)
    try:
        yield
    finally:
        _WORDS.reset(token)


def bibliography_entry(item: Mapping) -> tuple[Text, ...]:
    """OSCOLA's bibliography form: authors as "Surname Initials", no pinpoint, cases in roman."""
    return _finish(_full(item, bibliography=True), full_stop=False)


# Forms of citation


def _full(item: Mapping, bibliography: bool) -> Runs:
    return _FORMS.get(item.get("type"), _other)(item, bibliography)


def _short(item: Mapping) -> Runs:
    kind = item.get("type")
    if item.get("title-short"):
        return [Text(item["title-short"], italic=_italic_title(item))]
    if kind in ("legal_case", *_NO_CROSS_REFERENCE):
        return [Text(item.get("title", ""), italic=kind == "legal_case")]
    people = item.get("author") or item.get("editor")
    if people:
        return _as_runs(_names(people, form="short"))
    return [_title(item)]


def _pinpoint_separator(item: Mapping) -> str:
    # OSCOLA puts a pinpoint straight after the closing bracket of a book-like publication
    # ("(OUP 2008) 127", "(Law Com No 302, 2006) para 2.12") and after a treaty's abbreviation
    # ("(CAT) art 3"); after a document symbol, a page reference or an access date, a comma.
    kind = item.get("type")
    book_like = kind in ("book", "chapter", "treaty") or (kind == "report" and not _un_symbol(item))
    ends_in_reference = _un_symbol(item) or (item.get("URL") and kind not in _NO_URL)
    return _WORDS.get().pinpoint_space if book_like and not ends_in_reference else ", "


def _case(item: Mapping, bibliography: bool) -> Runs:
    # Tables of cases print case names in roman (OSCOLA 1.6.2); footnotes italicise them.
    name = Text(item.get("title", ""), italic=not bibliography)
    number = item.get("number") or ""
    date = _date(item.get("issued"))
    if item.get("container-title"):  # reported: the law report identifies it
        return _join(" ", name, _law_report(item))
    if _un_symbol(item):
        found = _COMMUNICATION.search(number)
        communication = found and f"{_WORDS.get().communication} {found[1]}/{found[2]}"
        return _join(" ", name, _join(", ", _join(" ", _parens(date), communication),
                                      f"{_WORDS.get().un_document}{number}"))
    if (item.get("authority") or "").casefold() in _ECTHR:
        return _join(" ", name, number and f"App no {number}", _parens(_join(", ", "ECtHR", date)))
    return _join(" ", name, number, _parens(_join(", ", item.get("authority"), date)))


def _law_report(item: Mapping) -> Runs:
    year = _date(item.get("issued"), year_only=True)
    volume = item.get("volume")
    # Round brackets when the series has volume numbers, square when the year is the volume.
    year = year and (f"({year})" if volume else f"[{year}]")
    return _join(" ", year, volume, item["container-title"], _first_page(item))


def _report(item: Mapping, bibliography: bool) -> Runs:
    creator = _creator(item, bibliography)
    date = _date(item.get("issued"))
    if _un_symbol(item):
        # A UN document is titled in quotes like an article; its symbol says where to find it.
        head = _join(" ", _join(", ", creator, _title(item)), _parens(date), _number(item))
    else:
        # NGO and government reports are publications in their own right, cited as books are:
        # title in italics, then publisher and year, "(HRW 2011)", or the report's number and
        # year, "(Law Com No 302, 2006)".
        year = _date(item.get("issued"), year_only=True)
        details = _join(", ", item.get("publisher"), _join(", ", item.get("number"), year)) \
            if item.get("number") else _join(" ", item.get("publisher"), year)
        head = _join(" ", _join(", ", creator, _title(item)), _parens(details))
    return _join(" ", head, _url(item))


def _newspaper(item: Mapping, bibliography: bool) -> Runs:
    place = item.get("publisher-place")
    if not place:  # an online outlet is cited as a website: (Eurasianet, 9 July 2012)
        return _other(item, bibliography)
    head = _join(", ", _creator(item, bibliography), _title(item))
    paper = Text(item.get("container-title", ""), italic=True)
    dateline = _parens(_join(", ", place, _date(item.get("issued"))))
    return _join(" ", head, paper, dateline, item.get("page"), _number(item), _url(item))


def _journal(item: Mapping, bibliography: bool) -> Runs:
    year = _date(item.get("issued"), year_only=True)
    volume, issue = item.get("volume"), item.get("issue")
    year = year and (f"({year})" if volume else f"[{year}]")
    volume = volume and (f"{volume}({issue})" if issue else volume)
    head = _join(", ", _creator(item, bibliography), _title(item))
    return _join(" ", head, year, volume, item.get("container-title"), _first_page(item),
                 _number(item), _url(item))


def _book(item: Mapping, bibliography: bool) -> Runs:
    head = _join(", ", _creator(item, bibliography), _title(item))
    return _join(" ", head, _publication(item), _number(item), _url(item))


def _chapter(item: Mapping, bibliography: bool) -> Runs:
    editors = item.get("editor")
    book = _join(", ", editors and _editors(editors, "full"),
                 Text(item.get("container-title", ""), italic=True))
    chapter = _join(" ", _title(item), book and _join(" ", "in", book))
    head = _join(", ", _creator(item, bibliography, editors_too=False), chapter)
    return _join(" ", head, _publication(item), _number(item), _url(item))


def _treaty(item: Mapping, bibliography: bool) -> Runs:
    adopted, in_force = _date(item.get("issued")), _date(item.get("event-date"))
    words = _WORDS.get()
    dates = _join(", ", adopted and f"{words.adopted} {adopted}",
                  in_force and f"{words.entered_into_force} {in_force}")
    series = _join(" ", item.get("volume"), item.get("container-title"), _first_page(item))
    return _join(" ", _title(item), _parens(dates), series, _number(item),
                 _parens(item.get("title-short")))


def _legislation(item: Mapping, bibliography: bool) -> Runs:
    return _join(" ", _title(item), _number(item), _parens(item.get("title-short")))


def _other(item: Mapping, bibliography: bool) -> Runs:
    """Websites, blogs and online news, and any type without a form of its own."""
    creator = _creator(item, bibliography)
    head = _join(", ", creator, _title(item))
    container = item.get("container-title")
    details = _join(", ", container, _publisher(item, creator, container),
                    _date(item.get("issued")))
    return _join(" ", head, _parens(details), _number(item), _url(item))


_FORMS = {
    "legal_case": _case,
    "report": _report,
    "article-newspaper": _newspaper,
    "article-magazine": _newspaper,
    "article-journal": _journal,
    "book": _book,
    "chapter": _chapter,
    "treaty": _treaty,
    "legislation": _legislation,
}


# Parts of a citation


def _italic_title(item: Mapping) -> bool:
    # Case names and standalone publications are italic; articles, web pages, chapters and UN
    # documents are quoted; statutes and treaties are plain.
    kind = item.get("type")
    return kind in ("legal_case", "book") or (kind == "report" and not _un_symbol(item))


def _title(item: Mapping) -> Text:
    title = item.get("title", "")
    if _italic_title(item):
        return Text(title, italic=True)
    if item.get("type") in _NO_CROSS_REFERENCE:
        return Text(title)
    quotes = _WORDS.get().quotes
    return Text(f"{quotes[0]}{title}{quotes[1]}")


def _un_symbol(item: Mapping) -> bool:
    return (item.get("number") or "").startswith(_UN_PREFIXES)


def _publisher(item: Mapping, *named: str | None) -> str | None:
    """The publisher, unless the citation already names it (as author or website)."""
    publisher = item.get("publisher")
    return None if publisher in named else publisher


def _number(item: Mapping) -> str | None:
    number = item.get("number")
    return f"{_WORDS.get().un_document}{number}" if _un_symbol(item) else number


def _publication(item: Mapping) -> Runs:
    """(2nd edn, OUP 2008): OSCOLA gives books a publisher and year, not a place."""
    edition = item.get("edition") or ""
    if edition.isdigit():
        edition = f"{_ordinal(int(edition))} edn"
    year = _date(item.get("issued"), year_only=True)
    return _parens(_join(", ", edition, _join(" ", item.get("publisher"), year)))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _first_page(item: Mapping) -> str:
    return re.split(r"[-–]", item.get("page") or "", maxsplit=1)[0].strip()


def _url(item: Mapping) -> Runs:
    if not item.get("URL") or item.get("type") in _NO_URL:
        return []
    accessed = _date(item.get("accessed"))
    return _join(" ", f"<{item['URL']}>", accessed and f"{_WORDS.get().accessed} {accessed}")


def _date(value: Mapping | None, year_only: bool = False) -> str:
    """9 July 2012, July 2012 or 2012, as precise as the source, in the note's language."""
    if not value:
        return ""
    if "date-parts" not in value:
        return value.get("literal", "")
    parts = [int(part) for part in value["date-parts"][0]]  # the start of a range
    if year_only:
        parts = parts[:1]
    return _WORDS.get().date(*parts[:3])


# Names


def _creator(item: Mapping, bibliography: bool, editors_too: bool = True) -> str:
    form = "sorted" if bibliography else "full"
    if item.get("author"):
        return _names(item["author"], form)
    if editors_too and item.get("editor"):
        return _editors(item["editor"], form)
    return ""


def _editors(people: Sequence[Mapping], form: str) -> str:
    return f"{_names(people, form)} ({'eds' if len(people) > 1 else 'ed'})"


def _names(people: Sequence[Mapping], form: str) -> str:
    """OSCOLA names up to three people, and the first "and others" beyond."""
    names = [_name(person, form) for person in people]
    if len(names) > 3:
        return f"{names[0]} {_WORDS.get().others}"
    return " and ".join(filter(None, [", ".join(names[:-1]), names[-1]]))


def _name(person: Mapping, form: str) -> str:
    """full: Ashley Cleek; short: Cleek; sorted (bibliographies): Cleek A."""
    if "literal" in person:
        return person["literal"]
    family = _words(person.get("non-dropping-particle"), person.get("family"))
    if form == "short":
        return family
    if form == "sorted":
        return _words(family, _initials(person.get("given") or ""), person.get("suffix"))
    return _words(person.get("given"), person.get("dropping-particle"), family,
                  person.get("suffix"))


def _initials(given: str) -> str:
    """H. L. A. -> HLA, Jean-Paul -> J-P: OSCOLA prints initials without stops or spaces."""
    words = filter(None, re.split(r"[\s.]+", given))
    return "".join("-".join(part[:1] for part in word.split("-")) for word in words)


def _words(*words: str | None) -> str:
    return " ".join(filter(None, words))


# Runs


def _as_runs(piece: Piece) -> Runs:
    """A piece of a citation (words, a run, or runs already made) as a list of runs."""
    if not piece:
        return []
    if isinstance(piece, str):
        return [Text(piece)]
    if isinstance(piece, Text):
        return [piece] if piece.text else []
    return piece


def _join(separator: str, *pieces: Piece) -> Runs:
    """Join the pieces that are not empty, so that a missing field leaves no stray punctuation."""
    runs: Runs = []
    for piece in map(_as_runs, pieces):
        if piece:
            if runs:
                runs.append(Text(separator))
            runs.extend(piece)
    return runs


def _parens(piece: Piece) -> Runs:
    runs = _as_runs(piece)
    return [Text("("), *runs, Text(")")] if runs else []


def _range(pinpoint: str | None) -> str | None:
    return pinpoint and _NUMBER_RANGE.sub("–", pinpoint)


def _finish(runs: Runs, full_stop: bool, language: Language = LANGUAGES["en"]) -> tuple[Text, ...]:
    """Typeset for ``language``, merge neighbouring runs of one style, and end with one full stop
    or none.

    A footnote that ends in an abbreviation's or a title's own stop takes no second one, and
    one ending in "?" or "!" none at all. The stop is roman even after an italic title.
    """
    runs = list(typeset(runs, language))
    if runs and full_stop and not runs[-1].text.endswith((".", "?", "!")):
        runs.append(Text("."))
    elif runs and not full_stop and runs[-1].text.endswith("."):
        runs[-1] = Text(runs[-1].text[:-1], runs[-1].italic, runs[-1].bold)
    return merge_runs(runs)
