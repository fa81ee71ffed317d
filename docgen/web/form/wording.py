"""The schema's error messages in a lawyer's words, for the control they are about.

load_case speaks to programs ("Missing data for required field."); beside a field of the form the
same error says what to do there. Only messages whose meaning is certain are reworded; any other
message is shown as load_case wrote it, since it already names what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_REQUIRED = "Missing data for required field."
_LIST_LENGTH = re.compile(r"^Must have between (\d+) and \d+ (?:items|entries)\.$")
_DATE_PARTS = re.compile(r"^Must be a list of one date, or two for a range")
_ONE_OF = re.compile(r"^Must be one of: ")

# Where a choice needs its own sentence: {path ending: what to do}.
_CHOICES = {
    "authorisation.status": "choose whether the authorisation is attached, to follow, or cannot "
                            "be obtained",
}


def plain(message: str, control: Any) -> str:
    """``message`` about ``control`` (an Input or Fieldset of formview, or None) as an instruction."""
    path = getattr(control, "path", "")
    kind = getattr(control, "kind", "")
    if message == _REQUIRED:
        for ending, instruction in _CHOICES.items():
            if path.endswith(ending):
                return instruction
        if kind == "input" and control.widget == "select":
            return "choose one"
        if kind == "input":
            return "fill this in"
        if kind == "repeat":
            return f"add at least one {control.item}"
        return "fill in this part"
    least = _LIST_LENGTH.match(message)
    if least and kind == "repeat":
        return f"add at least {_count(int(least.group(1)), control.item)}"
    if _DATE_PARTS.match(message):
        return "write the date as 2012-07-09, 2012-07 or 2012 (a range: 2012-07-09/2012-07-31)"
    if _ONE_OF.match(message) and kind == "input" and control.widget == "select":
        return "choose one of the list"
    return message


# A case path as docgen's messages name it for the command line ("other_procedures",
# "interim_measures.application"): words joined by "_", so that plain words ("removal") stay.
_PATH = re.compile(r"\b[a-z]+(?:_[a-z]+)+(?:\.[a-z]+(?:_[a-z]+)*)*\b")


def titled(message: str, title_of: Callable[[str], str | None]) -> str:
    """``message`` with each case path it names as the part of the form that asks it
    (``title_of``: “The proceedings › More about the proceedings › Other international
    procedures”): the page shows titles, and a lawyer cannot find "other_procedures" on it."""
    def swap(match: re.Match) -> str:
        return title_of(match.group()) or match.group()

    return _PATH.sub(swap, message)


def _count(number: int, item: str) -> str:
    return f"one {item}" if number == 1 else f"{number} {item}s"
