"""Dates as lawyers know them: a day, a month or only a year ("fled in 2006")."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


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
    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def is_before(self, other: PartialDate) -> bool:
        """True when this date is certainly before ``other``, whatever the unknown parts are."""
        return self.latest < other.earliest

    def is_after(self, other: PartialDate) -> bool:
        """True when this date is certainly after ``other``, whatever the unknown parts are."""
        return self.earliest > other.latest

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

    def __str__(self) -> str:
        return self.isoformat()
