"""Sources as CSL-JSON items: the format Zotero and other reference managers export.

Every standard CSL variable is accepted so that an export loads as it is; anything else is
refused by name like any unknown field. Numbers that CSL allows as numbers ("volume": 3) are
kept as text, which is how the citation formatter reads them.
"""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate

from docgen.case.fields import LONG, MEDIUM, Id, Text, bounded_list, one_of
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


class NameSchema(Strict):
    family = Text()
    given = Text()
    literal = Text(max_length=MEDIUM)  # an institution: "Committee against Torture"
    suffix = Text()
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
        if (
            not isinstance(part, list)
            or not 1 <= len(part) <= 3
            or not all(isinstance(n, int) and not isinstance(n, bool) for n in part)
        ):
            raise ValidationError("Each date must be [year], [year, month] or [year, month, day].")
        year, month, day = (part + [1, 1])[:3]
        if not (1000 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= 31):
            raise ValidationError(f"{part} is not a date.")


class CslDateSchema(Strict):
    date_parts = fields.Raw(data_key="date-parts", attribute="date-parts", validate=_date_parts)
    literal = Text()
    raw = Text()
    season = fields.Raw()
    circa = fields.Raw()


def _item_fields() -> dict[str, fields.Field]:
    declared: dict[str, fields.Field] = {
        "id": Id(required=True),
        "type": fields.String(required=True, validate=one_of(TYPES)),
        "URL": fields.Url(schemes={"http", "https"}, load_default=None,
                          validate=validate.Length(max=2_000)),
        "custom": fields.Dict(keys=Text(), values=CslText(max_length=MEDIUM),
                              validate=validate.Length(max=20)),
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
