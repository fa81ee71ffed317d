"""The kinds of document docgen makes: one record each, and the only list of them.

The command line's choices, the API's routes and OpenAPI enum, the form's downloads and ZIP, the
benchmarks and every test meant to run over all documents read `KINDS`. A new document is its
template in templates/documents/<language>/ and its record here (and its row of expectations in the tests).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docgen.case.countries import country_name
from docgen.case.echr import echr_party
from docgen.case.rules import signature_date
from docgen.languages import LANGUAGES
from docgen.model.decision import decision_appealed

# What a kind needs of a case that the schema does not require: the problems by field path.
Needs = Callable[[Mapping[str, Any]], dict[str, list[str]]]


def _nothing(case: Mapping[str, Any]) -> dict[str, list[str]]:
    return {}


def _all(*needs: Needs) -> Needs:
    def check(case: Mapping[str, Any]) -> dict[str, list[str]]:
        problems: dict[str, list[str]] = {}
        for need in needs:
            for path, messages in need(case).items():
                problems.setdefault(path, []).extend(messages)
        return problems

    return check


def _a_removal(case: Mapping[str, Any]) -> dict[str, list[str]]:
    if case["removal"]:
        return {}
    return {"removal": ["A request for interim measures needs the planned removal: at least its "
                        "destination, and its date if known."]}


def _a_contact_for_the_removal(case: Mapping[str, Any]) -> dict[str, list[str]]:
    """The body that receives an urgent request must be able to reach someone when it acts."""
    representative = case["representative"]
    if representative:
        if representative["phone"] or representative["email"]:
            return {}
        return {"representative.phone": [
            "A request for interim measures needs a telephone number or email address at which "
            "the representative can be reached at the time of removal."]}
    if any(person["contact"] for person in case["complainants"]):
        return {}
    return {"complainants.0.contact": [
        "A request for interim measures needs contact details at which the complainant, or a "
        "representative, can be reached at the time of removal."]}


def _a_state_party_to_the_echr(case: Mapping[str, Any]) -> dict[str, list[str]]:
    signed, named = signature_date(case, date.today())
    if echr_party(case["respondent_state"], signed.earliest):
        return {}
    return {"respondent_state": [
        f"A request under Rule 39 lies only against a party to the European Convention on Human "
        f"Rights, which {country_name(case['respondent_state'])} is not on {named}."]}


@dataclass(frozen=True)
class Named:
    """A kind's name in a language other than English: the title of its documents' properties
    and the word its file names start with."""

    title: str
    file: str


@dataclass(frozen=True)
class Kind:
    id: str  # in routes, file names and the CLI: "cat-complaint"
    title: str
    template: str  # in templates/documents/<language>/
    formats: tuple[str, ...] = ("docx", "pdf", "html")
    # The languages it is written in: each has the template in its own folder (environment.py).
    languages: tuple[str, ...] = ("en",)
    # Its title and file name in each of those languages but English (the title and id above).
    named: Mapping[str, Named] = field(default_factory=dict)
    public_edition: bool = True  # an edition without the identifying data, for publication
    # Whom it is sent to, an Addressee's id (docgen.case.addressees): the languages it accepts.
    addressee: str | None = None
    needs: Needs = field(default=_nothing)
    # What it is for and where it goes, in a sentence: the form's result page says it under the title.
    purpose: str = ""
    # A request for interim measures: sent first, the day a removal is known, so listed first then.
    urgent: bool = False

    def title_in(self, code: str) -> str:
        return self.named[code].title if code in self.named else self.title

    def file_in(self, code: str) -> str:
        return self.named[code].file if code in self.named else self.id

    def written_in(self, code: str) -> str:
        """The language it is made in when ``code`` is wanted: that one if it is written in it,
        else its first."""
        return code if code in self.languages else self.languages[0]


class CaseLacks(Exception):
    """A valid case that lacks what this kind of document needs; `errors` by field path."""

    def __init__(self, kind: Kind, errors: dict[str, list[str]]) -> None:
        super().__init__(f"The case lacks what the {kind.id} needs: {', '.join(errors)}")
        self.kind, self.errors = kind, errors

    @property
    def headline(self) -> str:
        """What is missing, in a sentence that the list of `errors` follows."""
        return f"The case lacks what the {self.kind.id} needs"


def _decision_identified(case: Mapping[str, Any]) -> dict[str, list[str]]:
    """An appeal or request for reversal must name the decision it challenges (in Norway,
    Public Administration Act section 32 and Immigration Regulations section 16-14)."""
    decision = decision_appealed(case)
    if decision is None:
        return {"appeal.decision": ["The appeal letter challenges a decision: add the refusal to the "
                                    "procedural history, or name it here."]}
    if decision["reference"]:
        return {}
    index = case["procedural_history"].index(decision)
    return {f"procedural_history.{index}.reference": [
        "The appeal letter must identify the decision it challenges: give the decision's reference."]}


_KINDS = (
    Kind(
        "cat-complaint",
        "Complaint to the Committee against Torture under article 22 of the Convention",
        "cat-complaint.md.j2",
        addressee="committee",
        purpose="The complaint itself; while a removal is pending it asks first for interim "
                "measures.",
        # Russian: the lawyers of Central Asian refugees write in it, a working language of the Committee;
        # and French and Spanish, the Committee's other working languages docgen writes.
        languages=("en", "ru", "fr", "es"),
        # File names in Latin letters: they travel in HTTP headers and ZIP archives.
        named={"ru": Named("Жалоба в Комитет против пыток в соответствии со статьей 22 Конвенции",
                           "zhaloba"),
               "fr": Named("Requête adressée au Comité contre la torture au titre de l'article 22 de la "
                           "Convention", "requete"),
               "es": Named("Queja presentada al Comité contra la Tortura en virtud del artículo 22 de la "
                           "Convención", "queja")},
    ),
    Kind(
        "appeal-letter",
        "Appeal to the national authority and request to suspend removal",
        "appeal-letter.md.j2",
        addressee="authorities",
        purpose="To the national authority: the appeal or request for reversal, "
                "asking first that the removal be suspended.",
        needs=_decision_identified,
        # Norwegian: UDI and UNE work in it (utlendingsforskriften § 16-14 accepts English too).
        languages=("en", "nb"),
        named={"nb": Named("Klage eller omgjøringsbegjæring til utlendingsmyndighetene og begjæring om "
                           "utsatt iverksetting", "klage")},
    ),
    Kind("chronology", "Chronology of events and proceedings", "chronology.md.j2",
         purpose="A dated table of the events and steps of the proceedings, each with its "
                 "sources: to file alone, or as an annex in the filing bundle."),
    Kind(
        "cat-interim-measures",
        "Request to the Committee against Torture for interim measures under rule 114",
        "cat-interim-measures.md.j2",
        addressee="committee",
        purpose="Send first, the same day: the short request to the Committee's Petitions and "
                "Urgent Actions Section, asking the Committee to request the State not to remove "
                "the person while the complaint is examined.",
        urgent=True,
        needs=_all(_a_removal, _a_contact_for_the_removal),
        # The Committee's working languages that docgen writes (templates/README.md).
        languages=("en", "ru", "fr", "es"),
        named={"ru": Named("Просьба в Комитет против пыток о принятии временных мер в соответствии с "
                           "правилом 114", "vremennye-mery"),
               "fr": Named("Demande de mesures provisoires adressée au Comité contre la torture au titre de "
                           "l'article 114 de son règlement intérieur", "mesures-provisoires"),
               "es": Named("Solicitud de medidas provisionales al Comité contra la Tortura en virtud del "
                           "artículo 114 de su reglamento", "medidas-provisionales")},
    ),
    Kind(
        "echr-rule-39",
        "Request to the European Court of Human Rights for interim measures under Rule 39",
        "echr-rule-39.md.j2",
        addressee="court",
        purpose="Send first, the same day: the request asking the European Court of Human Rights "
                "to indicate to the State that the person should not be removed; by the Court's "
                "Rule 39 Site or fax (the document names them), never by email.",
        urgent=True,
        needs=_all(_a_state_party_to_the_echr, _a_removal, _a_contact_for_the_removal),
    ),
)

KINDS: dict[str, Kind] = {kind.id: kind for kind in _KINDS}


def check_needs(kind: Kind, case: Mapping[str, Any]) -> None:
    """Raise CaseLacks when ``case`` lacks what ``kind`` needs, or asks for a language it is not
    written in."""
    errors = kind.needs(case)
    if case["language"] not in kind.languages:
        errors = {**errors, "language": [
            f"The {kind.id} is not written in {LANGUAGES[case['language']].name}; "
            f"it is written in {', '.join(LANGUAGES[code].name for code in kind.languages)}."]}
    if errors:
        raise CaseLacks(kind, errors)
