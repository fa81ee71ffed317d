"""Sources as CSL-JSON items: the format Zotero and other reference managers export.

Every standard CSL variable is accepted so that an export loads as it is; anything else is
refused by name like any unknown field. Numbers that CSL allows as numbers ("volume": 3) are
kept as text, which is how the citation formatter reads them.
"""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate

from docgen.case.dates import PartialDate
from docgen.case.fields import LONG, MEDIUM, BoundedDict, SourceId, Text, bounded_list, one_of
from docgen.case.strict import Strict

# CSL 1.0.2 item types (csl-data.json).
TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview",
    "legal_case", "legislation", "manuscript", "map", "motion_picture", "musical_score", "pamphlet",
    "paper-conference", "patent", "performance", "periodical", "personal_communication", "post",
    "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech",
    "standard", "thesis", "treaty", "webpage",
)
# Types whose citation ends in a URL and an access date (OSCOLA: online sources).
WEB_TYPES = ("webpage", "post", "post-weblog", "article-newspaper", "article-magazine")

TEXT_VARIABLES = (
    "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place",
    "authority", "call-number", "chapter-number", "citation-key", "citation-label",
    "collection-number", "collection-title", "container-title", "container-title-short",
    "dimensions", "division", "DOI", "edition", "event", "event-title", "event-place", "genre",
    "ISBN", "ISSN", "issue", "jurisdiction", "keyword", "language", "license", "medium", "note",
    "number", "number-of-pages", "number-of-volumes", "original-publisher",
    "original-publisher-place", "original-title", "page", "page-first", "part", "part-title",
    "PMCID", "PMID", "printing", "publisher", "publisher-place", "references", "reviewed-genre",
    "reviewed-title", "scale", "section", "source", "status", "supplement", "title",
    "title-short", "version", "volume", "volume-title", "volume-title-short", "year-suffix",
    # Legacy and processor variables that reference managers still export (csl-data.json).
    "journalAbbreviation", "shortTitle", "citation-number", "first-reference-note-number",
    "locator",
)
NAME_VARIABLES = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author",
    "contributor", "curator", "director", "editor", "editorial-director", "executive-producer",
    "guest", "host", "illustrator", "interviewer", "narrator", "organizer", "original-author",
    "performer", "producer", "recipient", "reviewed-author", "script-writer", "series-creator",
    "translator",
)
DATE_VARIABLES = ("accessed", "available-date", "event-date", "issued", "original-date", "submitted")
# Long free text that reference managers export; everything else is a short value.
_LONG_VARIABLES = ("abstract", "annote", "note")


class CslText(Text):
    """CSL text that may arrive as a number, as CSL allows for volume, issue, edition..."""

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        return super()._deserialize(value, attr, data, **kwargs)


class Scalar(fields.Raw):
    """A CSL flag or label ("circa", "season", "parse-names"): text, a number or true/false.

    Anything else is refused, as every value of a case is: a list or object here would be kept
    in the case unread, and copying one nested a thousand deep exhausts the stack.
    """

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            return _LABEL.deserialize(value)
        if isinstance(value, int | float | bool):
            return value
        raise ValidationError("Must be text, a number, true or false.")


_LABEL = Text()


class NameSchema(Strict):
    family = Text()
    given = Text()
    literal = Text(max_length=MEDIUM)  # an institution: "Committee against Torture"
    suffix = Text()
    comma_suffix = Scalar(data_key="comma-suffix")
    static_ordering = Scalar(data_key="static-ordering")
    parse_names = Scalar(data_key="parse-names")
    dropping_particle = Text(data_key="dropping-particle")
    non_dropping_particle = Text(data_key="non-dropping-particle")

    def on_bind_field(self, field_name, field_obj) -> None:
        # Keep CSL's own spelling ("non-dropping-particle") in the loaded item.
        if field_obj.data_key:
            field_obj.attribute = field_obj.data_key


def _date_parts(value) -> None:
    if not isinstance(value, list) or not 1 <= len(value) <= 2:
        raise ValidationError("Must be a list of one date, or two for a range: [[2012, 7, 9]].")
    for part in value:
        if not isinstance(part, list) or not 1 <= len(part) <= 3:
            raise ValidationError("Each date must be [year], [year, month] or [year, month, day].")
        try:
            # Zotero writes the year as text ("2012"), which CSL-JSON allows.
            if not all(_whole(n) for n in part):
                raise ValueError
            PartialDate.parse("-".join(f"{int(n):0{w}d}" for n, w in zip(part, (4, 2, 2))))
        except ValueError:
            raise ValidationError(f"{part} is not a date.") from None


def _whole(number) -> bool:
    """A whole number, or one written as digits, as CSL-JSON date parts may be."""
    if isinstance(number, bool):
        return False
    return isinstance(number, int) or (isinstance(number, str) and number.isdigit())


class DateParts(fields.Raw):
    """CSL date-parts, loaded with every part as a number."""

    def _deserialize(self, value, attr, data, **kwargs):
        _date_parts(value)
        return [[int(n) for n in part] for part in value]


class CslDateSchema(Strict):
    date_parts = DateParts(data_key="date-parts", attribute="date-parts")
    literal = Text()
    raw = Text()
    season = Scalar()
    circa = Scalar()


def _item_fields() -> dict[str, fields.Field]:
    declared: dict[str, fields.Field] = {
        "id": SourceId(required=True),
        "type": fields.String(required=True, validate=one_of(TYPES)),
        "URL": fields.Url(schemes={"http", "https"}, load_default=None,
                          validate=validate.Length(max=2_000)),
        "categories": bounded_list(Text(), most=50),
        "custom": BoundedDict(keys=Text(), values=CslText(max_length=MEDIUM), most=20),
    }
    for name in TEXT_VARIABLES:
        declared[name] = CslText(max_length=LONG if name in _LONG_VARIABLES else MEDIUM,
                                 multiline=name in _LONG_VARIABLES)
    for name in NAME_VARIABLES:
        declared[name] = bounded_list(fields.Nested(NameSchema), most=50)
    for name in DATE_VARIABLES:
        declared[name] = fields.Nested(CslDateSchema)
    return declared


CslItemSchema = Strict.from_dict(_item_fields(), name="CslItemSchema")


def date_of(item: dict, variable: str) -> PartialDate | None:
    """A loaded item's date (``issued``, ``accessed``...) as a PartialDate; the start of a range."""
    parts = (item.get(variable) or {}).get("date-parts")
    return PartialDate(*parts[0]) if parts else None
