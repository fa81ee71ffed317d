"""What each kind of document must be, read from the example case: one row per kind.

The generic invariants (numbering, footnote order, escaping, no fetches, no identity in the
public edition) run over every kind of `docgen.model.kinds.KINDS`; what differs between kinds
(length, sections, what identifies the person) is here, and test_kinds.py fails when a kind has
no row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from docgen.model.kinds import KINDS as REGISTERED

KINDS = tuple(REGISTERED)  # every kind's id, in the registry's order

# What identifies Rustam, by the labels of test_public_edition.IDENTIFYING.
WHOLE_IDENTITY = frozenset({"full legal name", "given name", "patronymic", "surname", "birth date",
                            "passport number", "address", "birth place", "decision reference"})


def unchanged(data: dict) -> dict:
    return data


def with_a_decision(data: dict) -> dict:
    """A letter challenges a decision it names by its reference: one is added to a case without."""
    if any(step.get("reference") for step in data.get("procedural_history", [])):
        return data
    refusal = {"id": "refusal", "kind": "asylum_application", "authority": "Directorate of Immigration (UDI)",
               "reference": "2011/0123", "decided": "2011-12-01", "outcome": "refused"}
    return {**data, "procedural_history": [*data.get("procedural_history", []), refusal],
            "appeal": {**data.get("appeal", {}), "decision": "refusal"}}


def with_removal_and_contact(data: dict) -> dict:
    """What a request for interim measures needs: the removal, and someone to reach."""
    data["removal"] = data.get("removal") or {"destination": data["country_of_origin"]}
    if not data.get("representative") and not any(p.get("contact") for p in data["complainants"]):
        data["complainants"][0]["contact"] = "+47 22 00 00 00"
    return data


@dataclass(frozen=True)
class Expected:
    numbered: int  # at least this many numbered paragraphs
    footnotes: int  # at least this many footnotes
    pages: tuple[int, int]  # the PDF's pages, at least and at most
    headings: tuple[str, ...]  # a word or two of each heading, in order
    facts: tuple[str, ...]  # words of the case the document prints, the first from its facts
    citations: tuple[str, ...]  # words of its footnotes
    identity: frozenset[str] = WHOLE_IDENTITY  # what of the identity the full edition prints
    # How many of test_build.FIELDS (free-text fields of the case) it prints at least.
    printed_fields: int = 10
    # What a smaller case needs added to be made into this kind (see Kind.needs).
    fit: Callable[[dict], dict] = field(default=unchanged)


EXPECTED: dict[str, Expected] = {
    "cat-complaint": Expected(
        numbered=20, footnotes=10, pages=(3, 30),
        # The sections of the OHCHR model complaint form, in its order (legal-digest.md section 3):
        # the complainant; the State and the articles violated; exhaustion and other procedures;
        # then the facts. The interim-measures request comes first, as practice has it.
        headings=("interim measures", "complainant", "Confidentiality", "State party",
                  "articles of the Convention", "Exhaustion", "Other international procedures",
                  "facts", "article 3", "Remedies", "Annexes"),
        facts=("Movement for Freedom", "Jarayon", "Mutabar Tadjibaeva", "12 June 2012",
               "detention centre in Oslo", "Alisher Bahodirovich Nazarov"),
        citations=("A/53/44, annex IX", "ibid para 2", "Cleek (n", "CAT/C/48/D/444/2010",
                   "accessed 10 July 2012"),
    ),
    "appeal-letter": Expected(
        numbered=20, footnotes=10, pages=(3, 30),
        headings=("What we ask", "Summary", "Procedural history", "Errors", "New evidence",
                  "Legal grounds", "Facts", "Personal circumstances", "Requests", "Annexes"),
        facts=("Movement for Freedom", "Jarayon", "Mutabar Tadjibaeva", "12 June 2012",
               "detention centre in Oslo", "Alisher Bahodirovich Nazarov"),
        citations=("A/53/44, annex IX", "ibid para 2", "Cleek (n", "CAT/C/48/D/444/2010",
                   "accessed 10 July 2012"),
        # The letter gives name, birth date and nationality only.
        identity=WHOLE_IDENTITY - {"passport number", "address", "birth place"},
        fit=with_a_decision,
    ),
    "chronology": Expected(
        # A title, who and where, one table, a note on dates: no numbered paragraph, no heading.
        numbered=0, footnotes=7, pages=(1, 3), headings=(),
        facts=("Movement for Freedom", "Jarayon", "August 2010", "12 June 2012",
               "Request for reversal lodged with the Immigration Appeals Board (UNE).",
               "Alisher Bahodirovich Nazarov"),
        citations=("Eurasianet, 9 July 2012", "ibid para 2", "ibid paras 1–2"),
        # The name and nationality, and the steps' references.
        identity=frozenset({"full legal name", "given name", "patronymic", "surname", "decision reference"}),
        # Events and steps only: description, place, reference, and its sources' titles.
        printed_fields=4,
    ),
    "cat-interim-measures": Expected(
        numbered=6, footnotes=5, pages=(1, 2),  # one or two pages: the issue's own bound
        headings=("The request", "complainant and the removal", "The risk"),
        facts=("Jarayon", "Mutabar Tadjibaeva", "12 June 2012", "Oslo, Norway",
               "Alisher Bahodirovich Nazarov", "ingrid.hansen@example.org"),
        citations=("CAT/C/3/Rev.5, rule 114", "ibid para 2", "Cleek (n", "CAT/C/48/D/444/2010",
                   "accessed 10 July 2012"),
        # Who is at risk: name, birth date and nationality, and where held.
        identity=WHOLE_IDENTITY - {"passport number", "address", "birth place"},
        printed_fields=6,
        fit=with_removal_and_contact,
    ),
    "echr-rule-39": Expected(
        numbered=10, footnotes=6, pages=(1, 3),
        headings=("The request", "applicant", "Article 3", "domestic proceedings", "application",
                  "Documents enclosed"),
        facts=("Jarayon", "Rule 39", "Mutabar Tadjibaeva", "12 June 2012", "Oslo, Norway",
               "Alisher Bahodirovich Nazarov", "ingrid.hansen@example.org", "+33 3 88 41 39 00"),
        citations=("Rules of Court (1 April 2011 edition) r 39", "213 UNTS 221 (ECHR) art 3",
                   "ECHR art 34", "ibid para 1", "Cleek (n", "accessed 10 July 2012"),
        identity=WHOLE_IDENTITY - {"passport number", "address", "birth place"},
        printed_fields=7,
        fit=with_removal_and_contact,
    ),
}


def fit(kind: str, data: dict) -> dict:
    """``data`` with what ``kind`` needs added, when it lacks it."""
    return EXPECTED[kind].fit(data)


__all__ = ["EXPECTED", "KINDS", "fit"]
