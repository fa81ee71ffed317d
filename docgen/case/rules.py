"""Rules that span fields: ids unique, references resolved, dates in order.

Each rule yields (path, message) with the path of the field to fix, so that the form can put the
message beside that field and the CLI can print it first on the line.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from docgen.case.csl import date_of
from docgen.case.dates import ApproximateDate, PartialDate, Precision

Problem = tuple[str, str]

# Parts of a case that carry an `id`, which other parts refer to.
_IDENTIFIED = ("complainants", "procedural_history", "annexes", "sources")
# Parts of a case that cite sources and annexes.
CITING = ("events", "risk_factors", "procedural_history", "remedies_not_used", "appeal.errors",
          "appeal.new_evidence")


def check(case: dict, today: date | None = None) -> dict[str, list[str]]:
    today = today or date.today()
    errors: dict[str, list[str]] = {}
    for rule in (_unique_ids, _references_exist, _decision_exists, _states_differ, _authorisation,
                 _assurances_named, _grounds_once, _removal_time):
        for path, message in rule(case):
            errors.setdefault(path, []).append(message)
    for rule in (_dates_in_order, _sources_existed_when_signed):
        for path, message in rule(case, today):
            errors.setdefault(path, []).append(message)
    return errors


def signature_date(case: dict, today: date) -> tuple[PartialDate, str]:
    """The date a filing speaks from, and how to name it: the signature date, or else today."""
    signed = case["signature"]["date"]
    if signed:
        return signed, f"the signature date ({signed.long_form()})"
    today_date = PartialDate(today.year, today.month, today.day)
    return today_date, f"today ({today_date.long_form()}), as the case has no signature date"


def sources_dated_after_signature(case: dict, today: date, variable: str) -> Iterator[tuple[str, dict, str]]:
    """(path, source, "its date, after the signature date (...)") for each source whose date
    ``variable`` ("issued", "accessed") is certainly after the day the filing speaks from."""
    signed, named = signature_date(case, today)
    for index, source in enumerate(case["sources"]):
        dated = date_of(source, variable)
        if dated and dated.is_after(signed):
            yield f"sources.{index}.{variable}", source, f"{dated.long_form()}, after {named}"


def _sources_existed_when_signed(case: dict, today: date) -> Iterator[Problem]:
    """A filing can rely only on what existed when it was signed."""
    for path, source, when in sources_dated_after_signature(case, today, "issued"):
        yield (
            path,
            f"The source {source['id']!r} is dated {when}: a filing can cite only what existed "
            "when it was signed.",
        )


def _unique_ids(case: dict) -> Iterator[Problem]:
    for part in _IDENTIFIED:
        first_use: dict[str, int] = {}
        for index, item in enumerate(case[part]):
            if item["id"] in first_use:
                yield (
                    f"{part}.{index}.id",
                    f"Duplicate id {item['id']!r}: {part}.{first_use[item['id']]} has it already.",
                )
            first_use.setdefault(item["id"], index)


def _references_exist(case: dict) -> Iterator[Problem]:
    sources = {source["id"] for source in case["sources"]}
    annexes = {annex["id"] for annex in case["annexes"]}
    for part in CITING:
        for index, item in enumerate(part_at(case, part)):
            for cited, citation in enumerate(item["sources"]):
                if citation["source"] not in sources:
                    yield (
                        f"{part}.{index}.sources.{cited}.source",
                        f"No source has the id {citation['source']!r}: add it under sources.",
                    )
            for cited, annex in enumerate(item["annexes"]):
                if annex not in annexes:
                    yield (
                        f"{part}.{index}.annexes.{cited}",
                        f"No annex has the id {annex!r}: add it under annexes.",
                    )
    authorisation = (case["representative"] or {}).get("authorisation") or {}
    if authorisation.get("annex") and authorisation["annex"] not in annexes:
        yield (
            "representative.authorisation.annex",
            f"No annex has the id {authorisation['annex']!r}: add it under annexes.",
        )


def part_at(case: dict, path: str) -> list:
    """The list at a dotted path such as "appeal.new_evidence"."""
    value = case
    for key in path.split("."):
        value = value[key]
    return value


def _decision_exists(case: dict) -> Iterator[Problem]:
    decision = case["appeal"]["decision"]
    if decision and decision not in {step["id"] for step in case["procedural_history"]}:
        yield (
            "appeal.decision",
            f"No step of procedural_history has the id {decision!r}: name the decision appealed.",
        )


def _states_differ(case: dict) -> Iterator[Problem]:
    if case["respondent_state"] == case["country_of_origin"]:
        yield (
            "country_of_origin",
            "Is the same as the respondent State: the complaint is against the State that would "
            "remove the person, to the country where the risk lies.",
        )


def _authorisation(case: dict) -> Iterator[Problem]:
    if not case["representative"]:
        return
    authorisation = case["representative"]["authorisation"]
    path = "representative.authorisation"
    if authorisation["status"] == "unobtainable" and not authorisation.get("reason"):
        yield f"{path}.reason", "Say why the authorisation cannot be obtained."
    if authorisation["status"] == "attached" and not authorisation.get("annex"):
        yield f"{path}.annex", "Name the annex that holds the signed authorisation."


def _assurances_named(case: dict) -> Iterator[Problem]:
    assurances = case["diplomatic_assurances"]
    if assurances and assurances["given"] and not assurances.get("description"):
        yield "diplomatic_assurances.description", "Say which assurances were given, by whom and when."


def _grounds_once(case: dict) -> Iterator[Problem]:
    grounds = case["appeal"]["protection_grounds"]
    if len(set(grounds)) < len(grounds):
        yield "appeal.protection_grounds", "Name each ground once."


def _dates_in_order(case: dict, today: date) -> Iterator[Problem]:
    dated: list[tuple[str, PartialDate | ApproximateDate | None]] = []
    births = [
        (f"complainants.{index}", person["birth_date"])
        for index, person in enumerate(case["complainants"])
        if person["birth_date"]
    ]
    for index, person in enumerate(case["complainants"]):
        dated.append((f"complainants.{index}.birth_date", person["birth_date"]))
        location = person["location"] or {}
        dated.append((f"complainants.{index}.location.since", location.get("since")))
        if person["birth_date"] and location.get("since") and location["since"].is_before(person["birth_date"]):
            yield f"complainants.{index}.location.since", "Is before the person's birth date."
    for index, event in enumerate(case["events"]):
        path = f"events.{index}.date"
        dated.append((path, event["date"]))
        for person_path, birth in births:
            if event["date"].is_before(birth):
                yield path, f"Is before the birth date in {person_path} ({birth})."
    for index, step in enumerate(case["procedural_history"]):
        stages = [(name, step[name]) for name in ("filed", "decided", "notified") if step[name]]
        dated.extend((f"procedural_history.{index}.{name}", value) for name, value in stages)
        # Every pair, not only neighbours: with a partial middle date ("2012") only the outer
        # pair may be certainly out of order.
        for position, (name, value) in enumerate(stages):
            earlier_name, earlier = next(
                ((n, v) for n, v in stages[:position] if value.is_before(v)), (None, None)
            )
            if earlier:
                yield (
                    f"procedural_history.{index}.{name}",
                    f"Is before the date {earlier_name} ({earlier}): a step is filed, then decided, "
                    "then notified.",
                )
    for path, value in dated:
        if value and value.earliest > today:
            yield path, f"Is in the future ({value}): only the removal date may be."


def _removal_time(case: dict) -> Iterator[Problem]:
    removal = case["removal"] or {}
    if removal.get("scheduled_time") and not (
            removal.get("scheduled_date") and removal["scheduled_date"].precision is Precision.DAY):
        yield ("removal.scheduled_time",
               "A time needs the day it is on: give the scheduled date in full (YYYY-MM-DD).")
