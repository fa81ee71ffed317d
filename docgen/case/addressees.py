"""Who receives the filings, and the languages each accepts them in: the Committee against
Torture (templates/committee.toml), the European Court of Human Rights (templates/echr.toml) and
the respondent State's own authorities (its jurisdiction profile, `accepts`). The case's legal
checks read them, and the templates the Committee's and the Court's addresses
(docgen.model.context). Where each list of languages was seen: templates/README.md."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from babel import Locale

from docgen.case.echr import echr_party
from docgen.case.jurisdictions import jurisdiction
from docgen.paths import TEMPLATES_DIR


@cache
def committee() -> dict:
    """Where complaints to the Committee against Torture are sent, and in which languages."""
    return tomllib.loads((TEMPLATES_DIR / "committee.toml").read_text(encoding="utf-8"))


@cache
def court() -> dict:
    """How requests for interim measures reach the European Court of Human Rights."""
    return tomllib.loads((TEMPLATES_DIR / "echr.toml").read_text(encoding="utf-8"))


def court_languages(on: date) -> tuple[str, ...]:
    """Rule 34 of the Rules of Court: the Court's official languages, and, before a State is given
    notice, an official language of any Contracting Party (a party on that day)."""
    record = court()
    parties = tuple(code for code, state in record["party_languages"].items() if echr_party(state, on))
    return (*record["languages"], *parties)


@dataclass(frozen=True)
class Addressee:
    name: str  # as a sentence says it: "the Committee against Torture", "UDI and UNE"
    accepts: tuple[str, ...]  # language codes
    accepts_words: str  # "Arabic, Chinese, English, French, Russian or Spanish"
    documents: str  # what docgen writes to it


def addressees(state: str, on: date) -> Iterator[Addressee]:
    """Each body that a filing against ``state`` signed ``on`` may go to."""
    accepted = tuple(committee()["languages"])
    yield Addressee(f"the {committee()['name']}", accepted, _listed(accepted),
                    "the complaint and any request for interim measures")
    profile = jurisdiction(state)
    if profile:
        accepted = tuple(profile["accepts"])
        names = " and ".join(authority["short"] for authority in profile["authorities"].values())
        yield Addressee(names, accepted, _listed(accepted), "the appeal letter")
    if echr_party(state, on):
        yield Addressee(f"the {court()['name']}", court_languages(on),
                        f"{_listed(court()['languages'])}, or an official language of a State "
                        "party to the Convention", "a request under Rule 39")


def _listed(codes: Sequence[str]) -> str:
    names = [language_name(code) for code in codes]
    return f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]


def language_name(code: str) -> str:
    """A language's name in English, from CLDR ("Norwegian Bokmål", "Arabic")."""
    return Locale("en").languages.get(code, code)
