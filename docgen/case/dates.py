"""Dates as lawyers know them: a day, a month or only a year ("fled in 2006"), and where even the
year is not certain, around a date, in or before it, in or after it, or between two.

`parse_date` is the one reader of a case's dates, and `PartialDate.parse` of the exact dates
inside them (CSL's date-parts and the form's dates are read through it too). Approximate dates
are written as EDTF (ISO 8601-2) writes them, the format CSL follows, and read from words too:

    "2006~"       "circa 2006", "around 2006"       -> around 2006
    "../2006"     "before 2006", "in or before 2006" -> in or before 2006
    "2006/.."     "after 2006", "in or after 2006"   -> in or after 2006
    "2006/2008"   "between 2006 and 2008"            -> between 2006 and 2008

Rules compare dates by their bounds (`earliest`, `latest`), so an approximate date is out of
order only when no reading of it is in order; "around" a date reaches a year either side.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_EXACT = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
# What parse_date reads, first EDTF, then the words people type (case does not matter).
_FORMS = {
    "circa": (rf"(?P<a>{_EXACT})~", rf"(?:circa|ca\.?|c\.|c|about|around|approximately)\s+(?P<a>{_EXACT})"),
    "before": (rf"\.\./(?P<b>{_EXACT})", rf"(?:in or |on or )?before\s+(?P<b>{_EXACT})"),
    "after": (rf"(?P<a>{_EXACT})/\.\.", rf"(?:in or |on or )?after\s+(?P<a>{_EXACT})"),
    "between": (rf"(?P<a>{_EXACT})/(?P<b>{_EXACT})",
                rf"between\s+(?P<a>{_EXACT})\s+and\s+(?P<b>{_EXACT})",
                r"(?P<a>\d{4})\s*[-–]\s*(?P<b>\d{4})"),  # "2006-2008": no month is 2008
}
_APPROXIMATE = [(kind, re.compile(form, re.IGNORECASE)) for kind, forms in _FORMS.items() for form in forms]
# For the API's description of a date: EDTF's spellings only, which is what docgen writes.
DATE_PATTERN = rf"^(?:{_EXACT}|{_EXACT}~|\.\./{_EXACT}|{_EXACT}/\.\.|{_EXACT}/{_EXACT})$"
DATE_FORMS = ('YYYY-MM-DD, YYYY-MM or YYYY; approximate: "2006~" (around 2006), "../2006" '
              '(in or before), "2006/.." (in or after), "2006/2008" (between)')


class Precision(str, Enum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day, written "2006", "2010-08" or "2012-06-12"."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Raises ValueError, with a message fit for a lawyer, when ``text`` is not such a date."""
        match = _ISO_PARTIAL.match(text)
        if not match:
            raise ValueError("Not a date: write YYYY-MM-DD, YYYY-MM or YYYY.")
        year, month, day = (int(part) if part else None for part in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"Not a date: there is no month {month}.")
        if day is not None:
            try:
                date(year, month, day)
            except ValueError:
                raise ValueError(f"Not a date: {text} does not exist.") from None
        if year < 1900:
            raise ValueError("Not a date: the year is before 1900.")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @property
    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def sort_key(self) -> tuple[date, int]:
        """Where it stands in a chronology (see ApproximateDate.sort_key)."""
        return self.earliest, 0

    @property
    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def is_before(self, other: PartialDate) -> bool:
        """True when this date is certainly before ``other``, whatever the unknown parts are."""
        return self.latest < other.earliest

    def is_after(self, other: PartialDate) -> bool:
        """True when this date is certainly after ``other``, whatever the unknown parts are."""
        return self.earliest > other.latest

    @property
    def parts(self) -> list[int]:
        """CSL's date-parts of the date: [2012, 6, 12], [2012, 6] or [2012]."""
        return [part for part in (self.year, self.month, self.day) if part is not None]

    def isoformat(self) -> str:
        return "-".join(
            f"{part:0{width}d}"
            for part, width in ((self.year, 4), (self.month, 2), (self.day, 2))
            if part is not None
        )

    def long_form(self) -> str:
        """The date as OSCOLA and court filings write it: "12 June 2012", "June 2012", "2012"."""
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    def when(self) -> str:
        """The date with its preposition: "on 12 June 2012", "in June 2012", "in 2012"."""
        return f"{'on' if self.day else 'in'} {self.long_form()}"

    def of(self) -> str:
        """The date of a decision or a document: "of 12 June 2012"."""
        return f"of {self.long_form()}"

    def __str__(self) -> str:
        return self.isoformat()


@dataclass(frozen=True)
class ApproximateDate:
    """A date known only approximately: around ``first`` (``circa``), in or before ``last``
    (no ``first``), in or after ``first`` (no ``last``), or between the two."""

    first: PartialDate | None
    last: PartialDate | None
    circa: bool = False

    @property
    def earliest(self) -> date:
        if self.first is None:
            return date.min
        if self.circa:
            return _years_later(self.first.earliest, -1)
        return self.first.earliest

    @property
    def latest(self) -> date:
        if self.last is None:
            return date.max
        if self.circa:
            return _years_later(self.last.latest, 1)
        return self.last.latest

    @property
    def sort_key(self) -> tuple[date, int]:
        """Where it stands in a chronology: at the date it names, "in or before 2006" ahead of
        what happened in 2006 and "in or after 2006" behind it."""
        if self.first is None:
            return self.last.earliest, -1
        return self.first.earliest, 1 if self.last is None else 0

    @property
    def precision(self) -> None:
        """Not a day, a month or a year: what needs an exact date (a time limit) has none."""
        return None

    def is_before(self, other: PartialDate | ApproximateDate) -> bool:
        return self.latest < other.earliest

    def is_after(self, other: PartialDate | ApproximateDate) -> bool:
        return self.earliest > other.latest

    def isoformat(self) -> str:
        if self.circa:
            return f"{self.first}~"
        return f"{self.first or '..'}/{self.last or '..'}"

    def long_form(self) -> str:
        """ "around 2006", "in or before June 2006", "between 2006 and 2008"."""
        if self.circa:
            return f"around {self.first.long_form()}"
        if self.first is None:
            return f"{'on' if self.last.day else 'in'} or before {self.last.long_form()}"
        if self.last is None:
            return f"{'on' if self.first.day else 'in'} or after {self.first.long_form()}"
        return f"between {self.first.long_form()} and {self.last.long_form()}"

    def when(self) -> str:
        return self.long_form()

    def of(self) -> str:
        return f"made {self.long_form()}"

    def __str__(self) -> str:
        return self.isoformat()


def parse_date(text: str, approximate: bool = True) -> PartialDate | ApproximateDate:
    """A case's date, exact ("2012-06-12") or, when ``approximate``, any form in the module's
    table; ValueError with a message fit for a lawyer otherwise."""
    if _ISO_PARTIAL.match(text) or not approximate:
        return PartialDate.parse(text)
    for kind, form in _APPROXIMATE:
        match = form.fullmatch(text.strip())
        if match:
            parts = match.groupdict()
            first = PartialDate.parse(parts["a"]) if parts.get("a") else None
            last = PartialDate.parse(parts["b"]) if parts.get("b") else None
            if kind == "circa":
                return ApproximateDate(first, first, circa=True)
            if first and last and first.is_after(last):
                raise ValueError(f"Not a date: the range {text} ends before it begins.")
            return ApproximateDate(first, last)
    raise ValueError(
        "Not a date: write YYYY-MM-DD, YYYY-MM or YYYY, or an approximate date: \"circa 2006\", "
        "\"before 2006\", \"after 2006\" or \"2006/2008\" (between)."
    )


def _years_later(day: date, years: int) -> date:
    year = min(max(day.year + years, date.min.year), date.max.year)
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))
