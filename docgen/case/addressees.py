"""Who receives the filings, and the languages each accepts them in: the Committee against
Torture (templates/committee.toml), the European Court of Human Rights (templates/echr.toml) and
the respondent State's own authorities (its jurisdiction profile, `accepts`). The case's legal
checks read them, and the templates the Committee's and the Court's addresses
(docgen.model.context). Where each list of languages was seen: templates/README.md.

Where a filing is sent changes over the years, so each file holds its channels ([[channel]]),
each with the day from which a source docgen checked shows it (`from`). A filing prints the
channel of its signature date (`sent_to`); before the first one docgen knows there is none, and
the template says so instead of printing a later address."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from babel import Locale

from docgen.case.dates import PartialDate
from docgen.case.echr import echr_party
from docgen.case.jurisdictions import jurisdiction
from docgen.paths import TEMPLATES_DIR


class AddresseeInvalid(ValueError):
    """templates/committee.toml or echr.toml lists its channels out of date order: a bug in the data."""


@cache
def committee() -> dict:
    """Where complaints to the Committee against Torture are sent, and in which languages."""
    return _read("committee.toml")


@cache
def court() -> dict:
    """How requests for interim measures reach the European Court of Human Rights."""
    return _read("echr.toml")


def _read(name: str) -> dict:
    record = tomllib.loads((TEMPLATES_DIR / name).read_text(encoding="utf-8"))
    starts = [channel.get("from") for channel in record["channel"]]
    if not all(isinstance(start, date) for start in starts) or starts != sorted(set(starts)):
        raise AddresseeInvalid(f"templates/{name}: each [[channel]] needs a date `from`, in date order")
    return {**record, "file": f"templates/{name}"}


def sent_to(record: dict, on: date) -> dict:
    """A body (committee() or court()) as a filing signed ``on`` that date addresses it: its
    `name`, the `file` that says how to reach it, the first day docgen knows a channel
    (`known_from`) and the `channel` in use that day, None before the first one."""
    current = [channel for channel in record["channel"] if channel["from"] <= on]
    first = record["channel"][0]["from"]
    return {"name": record["name"], "file": record["file"],
            "known_from": PartialDate(first.year, first.month, first.day),
            "channel": current[-1] if current else None}


def court_languages(on: date) -> tuple[str, ...]:
    """Rule 34 of the Rules of Court: the Court's official languages, and, before a State is given
    notice, an official language of any Contracting Party (a party on that day)."""
    record = court()
    parties = tuple(code for code, state in record["party_languages"].items() if echr_party(state, on))
    return (*record["languages"], *parties)


@dataclass(frozen=True)
class Addressee:
    id: str  # the `addressee` of the kinds of document sent to it (docgen.model.kinds)
    name: str  # as a sentence says it: "the Committee against Torture", "UDI and UNE"
    accepts: tuple[str, ...]  # language codes
    accepts_words: str  # "Arabic, Chinese, English, French, Russian or Spanish"
    documents: str  # what docgen writes to it


def addressees(state: str, on: date) -> Iterator[Addressee]:
    """Each body that a filing against ``state`` signed ``on`` may go to."""
    accepted = tuple(committee()["languages"])
    yield Addressee("committee", f"the {committee()['name']}", accepted, _listed(accepted),
                    "the complaint and any request for interim measures")
    profile = jurisdiction(state)
    if profile:
        accepted = tuple(profile["accepts"])
        names = " and ".join(authority["short"] for authority in profile["authorities"].values())
        yield Addressee("authorities", names, accepted, _listed(accepted), "the appeal letter")
    if echr_party(state, on):
        yield Addressee("court", f"the {court()['name']}", court_languages(on),
                        f"{_listed(court()['languages'])}, or an official language of a State "
                        "party to the Convention", "a request under Rule 39")


def _listed(codes: Sequence[str]) -> str:
    names = [language_name(code) for code in codes]
    return f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]


def language_name(code: str) -> str:
    """A language's name in English, from CLDR ("Norwegian Bokmål", "Arabic")."""
    return Locale("en").languages.get(code, code)
