"""The kinds of value a case is made of, each validated once, here.

Every string a user types becomes a `Text`: bounded in length and refused when it carries a
character that cannot stand in a DOCX or PDF. We refuse rather than strip, because silently
changing what a lawyer wrote in a filing is worse than asking them to fix it; the message names
the character so it can be found.
"""

from __future__ import annotations

import re
import unicodedata

import pycountry
from marshmallow import ValidationError, fields, validate

from docgen.case.dates import ApproximateDate, PartialDate, parse_date

# Lengths a filing can use and nothing more: no field takes megabytes.
SHORT = 200  # names, references, pinpoints
MEDIUM = 1_000  # titles, addresses, one-line descriptions
LONG = 10_000  # narratives: an event, an argument
#: The longest e-mail address there can be: a path of at most 256 octets, less its brackets
#: (RFC 5321, section 4.5.3.1.3, as corrected by erratum 1690).
EMAIL_LENGTH = 254

# XML 1.0 forbids C0 controls other than tab, newline and carriage return, the surrogates, and
# U+FFFE/U+FFFF; C1 controls are allowed by XML but are never meant text (they come from
# mis-decoded files), so they are refused too.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# The bidi overrides (LEFT-TO-RIGHT and RIGHT-TO-LEFT OVERRIDE) make a reader show letters in
# another order than they are stored: "ABC" stored can be read as "CBA", so a filing would say
# to the Committee what its author did not see (the "Trojan Source" trick). They are refused.
# The isolates (U+2066-U+2069), embeddings (U+202A, U+202B, U+202C) and marks (U+200E, U+200F,
# U+061C) stay: people writing Arabic or Hebrew names into English text need them, and they
# order whole runs of text without turning the letters of a run around.
_OVERRIDES = re.compile("[\u202d\u202e]")


def _describe(char: str) -> str:
    name = unicodedata.name(char, "") or "control character"
    return f"U+{ord(char):04X} {name}".strip()


class Text(fields.String):
    """A user's text: trimmed, line endings made "\\n", bounded, printable in a document."""

    def __init__(self, *, max_length: int = SHORT, multiline: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.max_length = max_length
        self.multiline = multiline

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        # Checked before trimming: str.strip() would silently eat a vertical tab at either end.
        bad = _FORBIDDEN.search(text)
        if bad:
            raise ValidationError(
                f"Contains a character that cannot appear in a document ({_describe(bad.group())}) "
                f"at position {bad.start() + 1}: delete it."
            )
        override = _OVERRIDES.search(text)
        if override:
            raise ValidationError(
                f"Contains a bidi override ({_describe(override.group())}) at position "
                f"{override.start() + 1}, which makes a document show letters in another order than "
                "they are written: delete it (to set a right-to-left name in a line, use the isolates "
                "U+2067 and U+2069 around it)."
            )
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        if not self.multiline and "\n" in text:
            raise ValidationError("Must be a single line.")
        if "\t" in text and not self.multiline:
            text = text.replace("\t", " ")
        if not text:
            raise ValidationError("Must not be empty.")
        if len(text) > self.max_length:
            raise ValidationError(
                f"Is {len(text):,} characters long; at most {self.max_length:,} are allowed."
            )
        return text


def slug(text: str, fallback: str, most: int = 40) -> str:
    """``text`` as a token for ids and file names: ASCII letters, digits and hyphens, lower case."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    candidate = words[:most].strip("-")
    return candidate or fallback


class Id(fields.String):
    """A name by which one part of a case refers to another ("eurasianet-2012", "annex-3")."""

    PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if not self.PATTERN.fullmatch(text):
            raise ValidationError(
                "Must be 1 to 64 letters, digits, '-', '_', '.' or ':', starting with a letter or digit."
            )
        return text


class SourceId(fields.String):
    """A source's id as reference managers make it: a citation key, a number, or Zotero's item
    address ("http://zotero.org/users/1/items/ABCD") when no key is set."""

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        text = super()._deserialize(value, attr, data, **kwargs)
        if not re.fullmatch(r"\S{1,200}", text) or _FORBIDDEN.search(text):
            raise ValidationError("Must be 1 to 200 characters without spaces.")
        return text


class Date(fields.Field):
    """A date of the case (see dates.py): exact to the day, month or year, or, unless
    ``approximate=False`` (a date a filing or a decision states), known only approximately."""

    def __init__(self, *, approximate: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.approximate = approximate

    def _deserialize(self, value, attr, data, **kwargs) -> PartialDate | ApproximateDate:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValidationError("Must be a date written as text: YYYY-MM-DD, YYYY-MM or YYYY.")
        try:
            return parse_date(value.strip(), approximate=self.approximate)
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def _serialize(self, value, attr, obj, **kwargs) -> str | None:
        return None if value is None else value.isoformat()


class Time(fields.String):
    """A time of day on the 24-hour clock, "06:30"."""

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", text):
            raise ValidationError("Must be a time written HH:MM on the 24-hour clock (for example 06:30).")
        return text


class Country(fields.String):
    """A country or State as its ISO 3166-1 alpha-2 code ("NO", "UZ"), stored upper-case."""

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        code = super()._deserialize(value, attr, data, **kwargs).strip().upper()
        if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
            raise ValidationError(
                f"{code!r} is not an ISO 3166-1 alpha-2 country code (for example NO, UZ, KZ)."
            )
        return code


def one_of(choices: tuple[str, ...]) -> validate.OneOf:
    return validate.OneOf(choices, error="Must be one of: {choices}.")


class BoundedList(fields.List):
    """A list refused as a whole, before its items are read, when it holds more than `most`.

    marshmallow checks a list's length after loading every item, so 100,000 empty events would
    each be loaded and reported (seconds of work and megabytes of errors for one request); here
    they get the one message the length validator gives, naming the list.
    """

    def __init__(self, inner: fields.Field, *, most: int, message: str, **kwargs) -> None:
        super().__init__(inner, **kwargs)
        self.most, self.message = most, message

    def _deserialize(self, value, attr, data, **kwargs) -> list:
        if isinstance(value, list | tuple) and len(value) > self.most:
            raise ValidationError(self.message)
        return super()._deserialize(value, attr, data, **kwargs)


class BoundedDict(fields.Dict):
    """A mapping refused as a whole, before its keys and values are read, past `most` entries
    (marshmallow would load and report every one first, as for lists: see BoundedList)."""

    def __init__(self, *, most: int, **kwargs) -> None:
        message = f"Must have at most {most} entries."
        super().__init__(validate=validate.Length(max=most, error=message), **kwargs)
        self.most, self.message = most, message

    def _deserialize(self, value, attr, data, **kwargs) -> dict:
        if isinstance(value, dict) and len(value) > self.most:
            raise ValidationError(self.message)
        return super()._deserialize(value, attr, data, **kwargs)


def bounded_list(inner: fields.Field, *, most: int, least: int = 0, **kwargs) -> fields.List:
    """A list with a documented bound, so no request can make docgen hold or render without end."""
    if least:
        message = f"Must have between {least} and {most} items."
    else:
        message = f"Must have at most {most} items."
    # The validator stays: it checks the least, and the OpenAPI description reads both from it.
    return BoundedList(
        inner, most=most, message=message,
        validate=validate.Length(min=least, max=most, error=message), **kwargs
    )
