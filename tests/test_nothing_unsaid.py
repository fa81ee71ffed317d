"""A filing states only what the case gives or what a cited authority says.

The templates once asserted facts about the person that no field supplied: a fixed reason for
confidentiality ("relatives who remain in ... are at risk of reprisals"), a rebuttal of
diplomatic assurances the case never mentioned, a removal "at any time" said twice, detention
"for the purpose of removal", and a conclusion that remedies were exhausted whatever the
procedural history. Each now comes from a field or goes. A case whose optional fields are all
empty must read as a list of what it gave, and nothing else about the person.
"""

from __future__ import annotations

import copy
import re

import pytest
from expected import fit

from docgen.case import load_case
from docgen.model.build import build_document

# The sentences the templates used to write without a field behind them.
REMOVED = ("relatives who remain", "reprisals", "diplomatic assurances", "at any time", "at any moment",
           "for the purpose of removal", "exhausted all available")

# Every sentence of the two documents of the empty case that speaks of the person, each backed
# by a field the case gave (its name, nationality, its one fact, its one claim), by a default the
# schema documents (confidentiality is asked unless switched off; the remedies the Committee is
# asked for), or argument, not fact. A new sentence about the person must be added here, with
# the field it comes from, or be removed from the template.
ABOUT_THE_PERSON = {
    "cat-complaint": {
        "Aziz Example v Norway",  # complainants.0.legal_name, respondent_state
        "The complainant",  # a heading
        "Name: Aziz Example",
        # complainants.0.request_confidentiality (default true), complainants.0.pseudonym
        "Aziz Example asks the Committee not to disclose their name or any detail that could identify "
        "them in its decision, and to use the name ‘A.’ instead.",
        # claims.0
        "The complainant claims that Norway would violate article 3 of the Convention by removing the "
        "complainant to Uzbekistan.",
        # procedural_history empty: said to be missing, not invented
        "[To be completed before filing: the domestic remedies the complainant used, with the authority, "
        "the dates and the outcome of each, and any not used with the reason they need not be.]",
        "The complainant was tortured in police custody.",  # events.0
        "Taken together, these facts give substantial grounds for believing that the complainant would be "
        "in danger of being subjected to torture if removed to Uzbekistan.",  # the argument
        "The complainant respectfully asks the Committee for the following remedies.",
        "Find that the removal of the complainant to Uzbekistan would violate article 3 of the Convention.",
        "Request Norway to refrain from removing the complainant to Uzbekistan.",
        "Aziz Example",  # the signature
    },
    "appeal-letter": {
        "Concerning: Aziz Example, national of Uzbekistan",
        "On behalf of the applicant, we ask the Directorate of Immigration:",
        "to suspend the removal of the applicant to Uzbekistan until this appeal has been finally decided "
        "(section 90 of the Immigration Act and section 42 of the Public Administration Act); and",
        "to quash the decision of 1 December 2011 and to grant the applicant protection.",
        # the profile's deadline, in its words
        "The time limit is three weeks from the day the notification of the decision reached the applicant.",
        "The applicant, a national of Uzbekistan, faces a real risk of torture if returned to Uzbekistan.",
        # procedural_history.0 (added by expected.fit: a letter needs the decision it challenges)
        "The applicant applied for asylum to the Directorate of Immigration (UDI).",
        "The applicant relies on article 3 of the Convention against Torture.",
        "The complainant was tortured in police custody.",  # events.0, in the user's words
        # the Refugee Convention's rule, cited
        "A refugee may not be returned to a territory where his or her life or freedom would be threatened.",
        "For these reasons we ask the Directorate of Immigration to suspend the removal of the applicant "
        "at once, and to quash the decision and grant protection.",
        "Aziz Example",
    },
}
PERSON = re.compile(r"\b(complainants?|applicants?|Aziz|Example|he|his|him|she|her|they|their|them)\b")


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.\]])\s+(?=[A-Z\[])", text) if s]


@pytest.mark.parametrize("kind", list(ABOUT_THE_PERSON))
def test_the_empty_case_says_nothing_of_the_person_that_it_did_not_give(minimal, kind):
    document = build_document(load_case(fit(kind, minimal)), kind)
    said = {s for block in document.blocks for s in sentences(block.text) if PERSON.search(s)}
    assert said == ABOUT_THE_PERSON[kind]
    whole = " ".join(block.text for block in document.blocks).casefold()
    for removed in REMOVED:
        assert removed not in whole, removed


@pytest.mark.parametrize("kind", list(ABOUT_THE_PERSON))
def test_the_fixture_without_those_fields_says_none_of_the_removed_sentences(rustam, kind):
    rustam["complainants"][0].pop("confidentiality_reason")
    whole = " ".join(b.text for b in build_document(load_case(rustam), kind).blocks).casefold()
    for removed in REMOVED:
        assert removed not in whole, removed


def test_each_field_brings_its_own_sentence_and_no_other(rustam):
    given = copy.deepcopy(rustam)
    given["diplomatic_assurances"] = {
        "given": True, "description": "The Prosecutor-General of Uzbekistan wrote on 1 July 2012 that he "
        "would not be ill-treated."}
    given["removal"]["details"] = "The police have booked a seat on a flight to Tashkent."
    given["remedies_not_used"] = [{"kind": "interim_relief", "reason": "A court would not decide before the removal."}]
    complaint = " ".join(b.text for b in build_document(load_case(given), "cat-complaint").blocks)
    assert "His family in Uzbekistan may face reprisals." in complaint  # confidentiality_reason
    assert ("Norway relies on diplomatic assurances. The Prosecutor-General of Uzbekistan wrote on 1 July "
            "2012 that he would not be ill-treated. Assurances cannot displace") in complaint
    assert "The police have booked a seat on a flight to Tashkent." in complaint
    assert ("The complainant did not bring an action against the State before the Norwegian courts, with "
            "a request for a temporary injunction (midlertidig forføyning) against the removal. A court "
            "would not decide before the removal.") in complaint
    assert "at any time" not in complaint and "at any moment" not in complaint
    # Assurances that were not given are not argued against.
    given["diplomatic_assurances"] = {"given": False}
    complaint = " ".join(b.text for b in build_document(load_case(given), "cat-complaint").blocks)
    assert "assurances" not in complaint.casefold()
