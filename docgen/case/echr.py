"""Which States are parties to the European Convention on Human Rights, and since when.

An application to the European Court of Human Rights, and with it a request for interim measures
under Rule 39 of the Rules of Court, lies only against a High Contracting Party. The parties are
the 46 member States of the Council of Europe. For each, `ratified` is the day its instrument of
ratification was deposited where docgen has checked it against the Council of Europe Treaty
Office (Treaty No. 005), or None where it has not; `ceased` is the day a State stopped being a
party. templates/README.md says what was checked where.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class EchrParty:
    ratified: date | None = None  # None: a party, the date not checked by docgen
    ceased: date | None = None


_PARTY = EchrParty()

ECHR_PARTIES: dict[str, EchrParty] = {
    "AD": _PARTY, "AL": _PARTY, "AM": _PARTY, "AT": _PARTY, "AZ": _PARTY, "BA": _PARTY,
    "BE": _PARTY, "BG": _PARTY, "CH": _PARTY, "CY": _PARTY, "CZ": _PARTY, "DE": _PARTY,
    "DK": _PARTY, "EE": _PARTY, "ES": _PARTY, "FI": _PARTY, "FR": _PARTY, "GB": _PARTY,
    "GE": _PARTY, "GR": _PARTY, "HR": _PARTY, "HU": _PARTY, "IE": _PARTY, "IS": _PARTY,
    "IT": _PARTY, "LI": _PARTY, "LT": _PARTY, "LU": _PARTY, "LV": _PARTY, "MC": _PARTY,
    "MD": _PARTY, "ME": _PARTY, "MK": _PARTY, "MT": _PARTY, "NL": _PARTY,
    # Instrument of ratification deposited on 15 January 1952 (Treaty Office, reservations and
    # declarations of Norway to Treaty No. 005).
    "NO": EchrParty(ratified=date(1952, 1, 15)),
    "PL": _PARTY, "PT": _PARTY, "RO": _PARTY, "RS": _PARTY, "SE": _PARTY, "SI": _PARTY,
    "SK": _PARTY, "SM": _PARTY, "TR": _PARTY, "UA": _PARTY,
    # Ceased to be a party on 16 September 2022, six months after its expulsion from the Council
    # of Europe (Committee of Ministers, Resolution of 23 March 2022).
    "RU": EchrParty(ceased=date(2022, 9, 16)),
}


def echr_party(state: str, on: date) -> bool:
    """Whether ``state`` is a party to the Convention ``on`` that day, as far as docgen knows."""
    party = ECHR_PARTIES.get(state)
    if party is None:
        return False
    if party.ratified and on < party.ratified:
        return False
    return not (party.ceased and on >= party.ceased)
