"""What a document's template sees: the case, and the functions that cite, number annexes and
name people as the edition requires."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from docgen.case.dates import PartialDate, Precision
from docgen.case.declarations import ARTICLE_22_DECLARATIONS
from docgen.case.exhaustion import exhaustion
from docgen.case.jurisdictions import jurisdiction
from docgen.case.rules import CITING, part_at
from docgen.case.warnings import to_verify
from docgen.languages import Language
from docgen.case.authorities import in_force
from docgen.model.chronology import chronology
from docgen.model.citations import Citations
from docgen.model.decision import decision_appealed
from docgen.model.document import ReviewMark
from docgen.model.environment import Markdown, country
from docgen.model.markup import escape, footnote_call, review_call
from docgen.case.addressees import committee, court, sent_to


def signed_on(data: dict) -> date:
    """The day the law is taken from: the signature date, or today for a document not yet dated.

    A date known only to the month or year counts from its first day."""
    signed = data["signature"]["date"]
    return signed.earliest if signed else date.today()


def template_context(data: dict, kind: str, citations: Citations, public: bool,
                     language: Language, marks: list[ReviewMark], cited: set[str],
                     final: bool = False) -> dict[str, Any]:
    """``marks`` collects what is still to do: in a draft, what is to verify where cite() meets
    it, and in any edition each bracketed text left to complete (to_complete()); the template's
    text calls each mark (markup.review_call) in the block that shows it. A ``final`` edition
    has been refused already if anything was to verify. ``cited`` collects the ids of the
    annexes the text refers to, by annex_number() or annexes()."""
    annex_numbers = {annex["id"]: number for number, annex in enumerate(data["annexes"], 1)}

    def annex_number(annex_id: str) -> int:
        cited.add(annex_id)
        return annex_numbers[annex_id]
    on = signed_on(data)

    def current(source_id: str) -> str:
        """in_force("cat-gc"): the id of the version in force on the signature date."""
        return in_force(source_id, on)
    # A part of the case is known to cite() by its list of sources; what is to verify in it by
    # the paths of to_verify(), which start with the part's own.
    parts = {id(item["sources"]): f"{part}.{index}"
             for part in CITING for index, item in enumerate(part_at(data, part))}
    unverified = [] if final else list(to_verify(data))

    def cite(first: str | Sequence[Mapping], pinpoint: str | None = None) -> Markdown:
        """cite("cat-gc", "para 11") cites the version in force; cite(item.sources), a part of the case."""
        if isinstance(first, str):
            pairs = [(current(first), pinpoint)]
        else:
            pairs = [(citation["source"], citation.get("pinpoint")) for citation in first]
        calls = footnote_call(citations.add(pairs)) if pairs else ""
        part = parts.get(id(first))
        for path, note in unverified:
            if part and path.startswith(f"{part}.sources"):
                marks.append(ReviewMark(path, note))
                calls += review_call(len(marks))
        return Markdown(calls)

    def to_complete(path: str, note: str) -> Markdown:
        """Follows a bracketed "[To be completed ...]" text: marks it for review where ``path``
        (the field that would supply it, or the file) says what to give. A final edition with
        one left is refused (build.NotFinal)."""
        marks.append(ReviewMark(path, note))
        return Markdown(review_call(len(marks)))

    def annexes(ids: Sequence[str]) -> str:
        """" (Annex 3)" or " (Annexes 2 and 4)" for the annexes a part of the case relies on."""
        numbers = [str(annex_number(annex_id)) for annex_id in ids]
        if not numbers:
            return ""
        word = language.annex if len(numbers) == 1 else language.annexes
        return f" ({word} {language.listing(numbers)})"

    def sentence(text: str, annex_ids: Sequence[str] = ()) -> Markdown:
        """A user's sentence with its annexes cited before the closing stop: "... removal (Annex 2)."."""
        body, stop = (text[:-1], text[-1]) if text[-1] in ".!?" else (text, ".")
        return Markdown(escape(body + annexes(annex_ids) + stop))

    events = sorted(data["events"], key=lambda event: event["date"].sort_key)
    profile = jurisdiction(data["respondent_state"], language.code)
    decision = decision_appealed(data)
    config = {
        "committee": sent_to(committee(), on),
        "court": sent_to(court(), on),
        "article_22_year": ARTICLE_22_DECLARATIONS.get(data["respondent_state"]),
        "decision": decision,
        "exhaustion": exhaustion(data),
        "evidence": _evidence_by_date(data, decision),
        # The provisions of the grounds of protection the appeal claims, in the profile's words.
        "grounds": [profile["protection"]["grounds"][ground]
                    for ground in data["appeal"]["protection_grounds"]] if profile else [],
        # The provision on a request for reversal's form, when it was in force on the signature date.
        "reversal_form": (profile["reversal"]["form_provision"]
                          if profile and on >= profile["reversal"]["form_provision_from"] else None),
    }
    deadline = _appeal_deadline(decision, profile)
    if deadline:
        config["appeal_deadline"] = PartialDate(deadline.year, deadline.month, deadline.day)
        config["deadline_met"] = on <= deadline
    else:
        config["appeal_deadline"] = config["deadline_met"] = None
    return {
        "config": config,
        "kind": kind,
        "case": data,
        "public": public,
        "complainants": data["complainants"],
        "several": len(data["complainants"]) > 1,
        "events": events,
        "chronology": chronology(data),
        "state": country(language, data["respondent_state"]),
        "origin": country(language, data["country_of_origin"]),
        "profile": profile,
        "cite": cite,
        "to_complete": to_complete,
        "in_force": current,
        "annexes": annexes,
        "sentence": sentence,
        "annex_number": annex_number,
        "name": lambda person: person["pseudonym"] if public else person["legal_name"],
    }


def _evidence_by_date(data: dict, decision: dict | None) -> dict[str, list[dict]]:
    """The appeal's evidence: new when it arose or became available after the decision; what was
    there before the decision is evidence the decision failed to take into account, not new."""
    decided = decision and decision["decided"]
    split: dict[str, list[dict]] = {"new": [], "before_decision": []}
    for evidence in data["appeal"]["new_evidence"]:
        available = evidence["available_from"]
        old = decided and available and not available.is_after(decided)
        split["before_decision" if old else "new"].append(evidence)
    return split


def _appeal_deadline(decision: dict | None, profile: dict | None) -> date | None:
    """The last day to appeal the decision, when its notification is known to the day."""
    notified = decision and decision["notified"]
    if not (profile and notified and notified.precision is Precision.DAY):
        return None
    return notified.earliest + timedelta(days=profile["appeal"]["deadline_days"])
