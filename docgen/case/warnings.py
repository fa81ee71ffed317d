"""Legal checks that do not block drafting: a lawyer may still need the document today.

Each warning names the field it is about, like an error, and says what it means for the filing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from docgen.case.addressees import Addressee, addressees, language_name
from docgen.case.authorities import applies_from, newer_version
from docgen.case.countries import country_name
from docgen.case.csl import WEB_TYPES
from docgen.case.declarations import ARTICLE_22_DECLARATIONS
from docgen.case.echr import echr_party
from docgen.case.exhaustion import exhaustion
from docgen.case.jurisdictions import jurisdiction
from docgen.case.schema import REFUSALS
from docgen.case.rules import CITING, part_at, signature_date, sources_dated_after_signature


def legal_warnings(case: dict, today: date | None = None) -> list[dict[str, str]]:
    today = today or date.today()
    return [
        {"path": path, "message": message}
        for check in (_article_22, _same_matter, _court_application_unlisted, _exhaustion, to_verify,
                      _web_sources, _grounds_claimed, _sur_place_argued)
        for path, message in check(case)
    ] + [
        {"path": path, "message": message}
        for check in (_removal_date, _access_dates, _echr_party, _languages_accepted,
                      _superseded_sources)
        for path, message in check(case, today)
    ]


def _article_22(case: dict) -> Iterator[tuple[str, str]]:
    state = case["respondent_state"]
    name = country_name(state)
    if state not in ARTICLE_22_DECLARATIONS:
        yield (
            "respondent_state",
            f"docgen does not know whether {name} has accepted individual complaints under "
            "article 22 of the Convention against Torture: check the UN Treaty Collection before "
            "filing a CAT complaint.",
        )
    elif ARTICLE_22_DECLARATIONS[state] is None:
        yield (
            "respondent_state",
            f"{name[0].upper()}{name[1:]} has not declared under article 22 that it accepts individual complaints: "
            "the Committee against Torture cannot receive a complaint against it.",
        )


def _same_matter(case: dict) -> Iterator[tuple[str, str]]:
    # A communication to the Committee itself (listed for the request to the European Court) is
    # not "another procedure" in the sense of article 22(5)(a).
    for index, procedure in enumerate(case["other_procedures"]):
        if (procedure["same_matter"] and procedure["status"] in ("pending", "decided")
                and procedure["body"] != "CAT"):
            yield (
                f"other_procedures.{index}.same_matter",
                f"The same matter is {procedure['status']} before {procedure['body']}: the Committee "
                "against Torture will not examine it (article 22(5)(a) of the Convention).",
            )


# Article 22(5)(a) of the Convention against Torture, in its words (the Convention's text:
# templates/README.md, "Authorities and provisions the documents rely on").
ARTICLE_22_5_A = ("the Committee shall not consider a communication unless it has ascertained that "
                  "‘the same matter has not been, and is not being, examined under another procedure "
                  "of international investigation or settlement’ (article 22(5)(a) of the Convention "
                  "against Torture)")


def _court_application_unlisted(case: dict) -> Iterator[tuple[str, str]]:
    """An application lodged with the European Court of Human Rights (interim_measures) in a case
    that also complains to the Committee, without the Court under other_procedures: the complaint
    would not say whether the Court examines the same matter."""
    requests = case["interim_measures"]
    if _complains_to_the_committee(case) and requests["application"] == "lodged" and not _court_listed(case):
        reference = requests["application_reference"]
        number = f" (application no. {reference})" if reference else ""
        yield (
            "interim_measures.application",
            f"An application has been lodged with the European Court of Human Rights{number}, but "
            "other_procedures does not list it, so the complaint to the Committee against Torture "
            f"cannot say whether the same matter is before the Court: {ARTICLE_22_5_A}. List the "
            "application under other_procedures (body ECtHR) and say whether it concerns the same matter.",
        )


def court_request_warnings(case: dict) -> list[dict[str, str]]:
    """What the maker of a request to the European Court of Human Rights (under Rule 39) must be
    told that the case alone does not show: a case that also complains to the Committee against
    Torture, and does not list the Court under other_procedures, sends the complaint out saying
    that no other international procedure examines the matter."""
    if not _complains_to_the_committee(case) or _court_listed(case) \
            or case["interim_measures"]["application"] == "lodged":  # _court_application_unlisted says it
        return []
    return [{"path": "other_procedures", "message": (
        "This request puts the matter before the European Court of Human Rights, and the case also "
        f"complains to the Committee against Torture: {ARTICLE_22_5_A}. If both are filed on the same "
        "matter, list the Court under other_procedures (body ECtHR), so that the complaint says so.")}]


def _complains_to_the_committee(case: dict) -> bool:
    return (any(claim["instrument"] == "CAT" for claim in case["claims"])
            or case["interim_measures"]["complaint"] != "to_follow")


def _court_listed(case: dict) -> bool:
    return any(procedure["body"] == "ECtHR" for procedure in case["other_procedures"])


def _exhaustion(case: dict) -> Iterator[tuple[str, str]]:
    for index, step in enumerate(case["procedural_history"]):
        if step["outcome"] == "pending":
            yield (
                f"procedural_history.{index}.outcome",
                "No final outcome yet: domestic remedies may not be exhausted unless this step is "
                "ineffective (for instance, it does not suspend removal); say so in the complaint.",
            )
        elif step["outcome"] == "not_known":
            yield (
                f"procedural_history.{index}.outcome",
                "The outcome is not known: the Committee will ask what came of this step and whether "
                "it was appealed, and the complaint cannot conclude that remedies are exhausted.",
            )
    for remedy in exhaustion(case).unaccounted:
        yield (
            "remedies_not_used",
            f"The case does not say whether {remedy['name']} was tried: add it to the procedural "
            "history, or under remedies_not_used with the reason it need not be; until then the "
            "complaint cannot conclude that remedies are exhausted.",
        )


# Parts of a case whose every item states a fact (an error of the decision says what it overlooked).
STATING_FACTS = ("events", "appeal.errors")


def to_verify(case: dict) -> Iterator[tuple[str, str]]:
    """What a draft marks and a final edition refuses while it remains: facts without a source
    and pinpoints not verified, by path."""
    for part in STATING_FACTS:
        for index, item in enumerate(part_at(case, part)):
            if not item["sources"] and not item["annexes"]:
                yield (
                    f"{part}.{index}.sources",
                    "No source or annex supports this fact: every factual claim should be footnoted.",
                )
    for part in CITING:
        for index, item in enumerate(part_at(case, part)):
            for cited, citation in enumerate(item["sources"]):
                if not citation["verified"]:
                    what = f"The pinpoint {citation['pinpoint']}" if citation["pinpoint"] else "The citation"
                    yield (
                        f"{part}.{index}.sources.{cited}.verified",
                        f"{what} in {citation['source']!r} is not verified: check it against the "
                        "source before filing.",
                    )


def _web_sources(case: dict) -> Iterator[tuple[str, str]]:
    for index, source in enumerate(case["sources"]):
        if source["type"] in WEB_TYPES or source.get("URL"):
            if not source.get("URL"):
                yield f"sources.{index}.URL", "An online source should give its URL."
            if not source.get("accessed"):
                yield (
                    f"sources.{index}.accessed",
                    "An online source should give the date it was accessed (OSCOLA).",
                )


def _removal_date(case: dict, today: date) -> Iterator[tuple[str, str]]:
    removal = case["removal"] or {}
    scheduled = removal.get("scheduled_date")
    if scheduled and scheduled.latest < today:
        yield (
            "removal.scheduled_date",
            f"The removal date ({scheduled}) has passed: check whether the person is still in "
            f"{country_name(case['respondent_state'])}.",
        )


def _superseded_sources(case: dict, today: date) -> Iterator[tuple[str, str]]:
    """A source of the case that a later version had replaced by the signature date (concluding
    observations of a later cycle, a new general comment): the filing should rely on the text in
    force then, as the templates' own citations do (docgen/case/authorities.py)."""
    signed, named = signature_date(case, today)
    for index, source in enumerate(case["sources"]):
        newer = newer_version(source, signed.earliest)
        if newer:
            cited = source.get("number") or source["id"]
            yield (
                f"sources.{index}",
                f"{cited} was superseded by {newer['number']} ({newer['title']}, in force from "
                f"{applies_from(newer).long_form()}) before {named}: cite the version in force then, "
                "or say why the older text is relied on.",
            )


def _access_dates(case: dict, today: date) -> Iterator[tuple[str, str]]:
    """An online source read after the filing was signed was not what its author relied on."""
    for path, _, when in sources_dated_after_signature(case, today, "accessed"):
        yield (
            path,
            f"Accessed on {when}: give the date the author of the filing read it, on or before "
            "the signature date.",
        )


def _grounds_claimed(case: dict) -> Iterator[tuple[str, str]]:
    """An appeal letter to a State docgen has a profile for states the ground of protection claimed."""
    refused = any(step["outcome"] in REFUSALS for step in case["procedural_history"])
    if refused and jurisdiction(case["respondent_state"]) and not case["appeal"]["protection_grounds"]:
        yield (
            "appeal.protection_grounds",
            "The appeal letter does not say which ground of protection is claimed (refugee status, "
            "a real risk of torture or other serious harm, or both): name it.",
        )


def _sur_place_argued(case: dict) -> Iterator[tuple[str, str]]:
    """Activity after leaving the country, which the State's law weighs apart, not argued: the
    appeal letter states that rule only where the case argues it."""
    profile = jurisdiction(case["respondent_state"])
    refused = any(step["outcome"] in REFUSALS for step in case["procedural_history"])
    abroad = (any(event["category"] == "sur_place" for event in case["events"])
              or any(risk["factor"] == "political_activity_abroad" for risk in case["risk_factors"]))
    if profile and refused and abroad and not case["appeal"]["sur_place"]:
        yield (
            "appeal.sur_place",
            f"The case relies on activity after leaving {country_name(case['country_of_origin'])}, which "
            f"{profile['protection']['sur_place']} weighs apart; the appeal letter does not address it "
            "until you say why that activity was not undertaken mainly to obtain a residence permit.",
        )


def _echr_party(case: dict, today: date) -> Iterator[tuple[str, str]]:
    """A case that relies on the European Convention against a State not party to it."""
    relies = (any(claim["instrument"] == "ECHR" for claim in case["claims"])
              or any(procedure["body"] == "ECtHR" for procedure in case["other_procedures"]))
    signed, named = signature_date(case, today)
    if relies and not echr_party(case["respondent_state"], signed.earliest):
        name = country_name(case["respondent_state"])
        yield (
            "respondent_state",
            f"{name[0].upper()}{name[1:]} is not a party to the European Convention on Human Rights "
            f"on {named}: the European Court of Human Rights cannot receive an application or a "
            "request for interim measures against it.",
        )


def _languages_accepted(case: dict, today: date) -> Iterator[tuple[str, str]]:
    """The case's language (the documents' language unless each is asked for in another) where a
    body that receives its documents does not accept it: a filing it may refuse to read."""
    signed, _ = signature_date(case, today)
    yield from _not_accepted(addressees(case["respondent_state"], signed.earliest), case["language"])


def language_warnings(case: dict, language: str, addressee: str | None,
                      today: date | None = None) -> list[dict[str, str]]:
    """The warning of `_languages_accepted` for one document written in ``language`` (not the
    case's) and sent to ``addressee`` (an Addressee's id; None for a document sent to no one)."""
    signed, _ = signature_date(case, today or date.today())
    bodies = [body for body in addressees(case["respondent_state"], signed.earliest) if body.id == addressee]
    return [{"path": path, "message": message} for path, message in _not_accepted(bodies, language)]


def _not_accepted(bodies: Iterable[Addressee], written: str) -> Iterator[tuple[str, str]]:
    for body in bodies:
        if written not in body.accepts:
            name = body.name[0].upper() + body.name[1:]
            yield (
                "language",
                f"{name} accept{'' if ' and ' in body.name else 's'} filings in {body.accepts_words}, "
                f"not {language_name(written)}: write {body.documents} in one of those (each "
                "document's language can be chosen when it is made).",
            )
