"""What the form asks and in which order: the case schema's parts grouped as a lawyer thinks.

Only words and order live here. The kind of each input (text, date, checkbox, a select of a
schema's choices) is read from the schema by `docgen.web.form.formview`, so a choice added to
docgen.case.schema appears in the form without a change here. `tests/test_form.py` checks that
every field of the schema has its place below.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    key: str  # the key in its object; "" for an item of a list of texts
    label: str
    hint: str = ""
    # Where a select takes its options from, when it refers to another part of the case:
    # "sources", "annexes" or "procedural_history" (their ids).
    refers_to: str = ""


@dataclass(frozen=True)
class Group:
    """A nested object: one fieldset."""

    key: str
    legend: str
    children: tuple
    hint: str = ""


@dataclass(frozen=True)
class Repeat:
    """A list: rows that can be added and removed. ``item`` names one row ("event")."""

    key: str
    legend: str
    item: str
    children: tuple | Field  # the fields of a row, or one Field for a list of texts
    hint: str = ""
    article: str = "a"  # "Add an event"


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    children: tuple
    intro: str = ""
    # The top-level keys of the case this section holds, for its error count.
    roots: tuple[str, ...] = field(default=())


def _citations(hint: str = "") -> Repeat:
    return Repeat(
        "sources", "Sources", "source citation",
        (
            Field("source", "Source", refers_to="sources"),
            Field("pinpoint", "Pinpoint", "Where in the source: para 2, p 14, section 3."),
            Field("verified", "Pinpoint checked against the source"),
        ),
        hint=hint or "The sources this relies on, each with a pinpoint. Add the sources themselves "
        "under Sources and annexes.",
    )


def _annex_refs() -> Repeat:
    return Repeat("annexes", "Annexes", "annex", Field("", "Annex", refers_to="annexes"),
                  hint="Annexes that prove it.", article="an")


_DATE = "YYYY-MM-DD, or YYYY-MM or YYYY if only the month or year is known."

PEOPLE = Section("people", "People", roots=("complainants", "representative"), children=(
    Repeat("complainants", "Complainants", "complainant", hint="The person or people at risk. "
           "Several may complain together.", children=(
        Field("pseudonym", "Pseudonym or initials", "The name the public edition uses."),
        Field("legal_name", "Legal name"),
        Field("id", "Short reference", "Letters, digits and - _ . : only, e.g. rustam."),
        Field("birth_date", "Date of birth", _DATE),
        Field("birth_place", "Place of birth"),
        Field("nationality", "Nationality", "ISO country code, e.g. UZ."),
        Field("sex", "Sex"),
        Field("profession", "Profession"),
        Field("address", "Address for correspondence"),
        Field("contact", "Contact", "How to reach the person, or 'Through the representative'."),
        Repeat("identity_documents", "Identity documents", "identity document", children=(
            Field("kind", "Kind of document", "Passport, national identity card…"),
            Field("number", "Number"),
            Field("issued_by", "Issued by"),
        ), article="an"),
        Group("location", "Where the person is now", hint="Leave blank if unknown.", children=(
            Field("kind", "Situation"),
            Field("facility", "Facility", "The detention centre, if detained."),
            Field("place", "Place"),
            Field("country", "Country", "ISO country code."),
            Field("since", "Since", _DATE),
        )),
        Field("request_confidentiality",
              "Ask the Committee to withhold the name in its published decision"),
        Field("confidentiality_reason", "Why the name should be withheld",
              "Printed only if given, in these words."),
    )),
    Group("representative", "Representative", hint="The lawyer or organisation acting for the "
          "complainants. Leave blank if there is none.", children=(
        Field("name", "Name"),
        Field("organisation", "Organisation"),
        Field("role", "Role", "Advocate, legal officer…"),
        Field("address", "Address"),
        Field("email", "E-mail"),
        Field("phone", "Telephone"),
        Group("authorisation", "Authorisation to act", children=(
            Field("status", "Status"),
            Field("date", "Date signed", _DATE),
            Field("annex", "Annex holding the signed authorisation", refers_to="annexes"),
            Field("reason", "Why it cannot be obtained", "Needed when it is unobtainable."),
        )),
    )),
))

STATE = Section(
    "state", "The State and the proceedings",
    roots=("respondent_state", "country_of_origin", "removal", "procedural_history", "other_procedures"),
    children=(
        Field("respondent_state", "Respondent State", "The State that would remove the person (ISO code, e.g. NO)."),
        Field("country_of_origin", "Country of origin", "Where the risk lies (ISO code, e.g. UZ)."),
        Group("removal", "Removal", hint="Leave blank if no removal is planned yet.", children=(
            Field("destination", "Destination", "ISO country code."),
            Field("scheduled_date", "Scheduled date", "Leave blank if not known. " + _DATE),
            Field("details", "Details"),
        )),
        Repeat("procedural_history", "Procedural history", "procedural step",
               hint="Each application, appeal or request in the respondent State, oldest first.",
               children=(
            Field("id", "Short reference", "e.g. asylum-3; the appeal names the decision by it."),
            Field("kind", "Kind of step"),
            Field("authority", "Authority"),
            Field("reference", "Reference"),
            Field("filed", "Filed", _DATE),
            Field("decided", "Decided", _DATE),
            Field("notified", "Notified", _DATE),
            Field("outcome", "Outcome"),
            Field("suspensive_effect", "Does it suspend removal?"),
            Field("summary", "Summary"),
            _citations(),
            _annex_refs(),
        )),
        Repeat("remedies_not_used", "Remedies not tried", "remedy not tried",
               hint="Each domestic remedy not used (in Norway: the courts), and why it need not be.",
               children=(
            Field("kind", "Kind of remedy"),
            Field("remedy", "The remedy", "Left blank, the name the State's profile gives it."),
            Field("reason", "Why it need not be exhausted"),
            _citations(),
            _annex_refs(),
        )),
        Group("diplomatic_assurances", "Diplomatic assurances",
              hint="Leave blank if none were given.", children=(
            Field("given", "Assurances were given"),
            Field("description", "Which assurances, by whom and when"),
        )),
        Repeat("other_procedures", "Other international procedures", "international procedure",
               hint="Is the same matter before another international body? (article 22(5)(a))",
               article="an", children=(
            Field("body", "Body"),
            Field("reference", "Reference"),
            Field("status", "Status"),
            Field("same_matter", "It concerns the same matter"),
            Field("description", "Description"),
        )),
    ),
)

EVENTS = Section("events", "Events", roots=("events",),
                 intro="The facts in the order they happened, each with its sources.", children=(
    Repeat("events", "Events", "event", article="an", children=(
        Field("date", "Date", _DATE),
        Field("place", "Place"),
        Field("category", "Category"),
        Field("description", "What happened"),
        _citations(),
        _annex_refs(),
    )),
))

RISK = Section("risk", "Risk factors", roots=("risk_factors",),
               intro="The indicators of risk that CAT General Comment No 4 names, as they apply.",
               children=(
    Repeat("risk_factors", "Risk factors", "risk factor", children=(
        Field("factor", "Factor"),
        Field("description", "How it applies"),
        _citations(),
        _annex_refs(),
    )),
))

CLAIMS = Section("claims", "Claims and remedies", roots=("claims", "remedies_sought"), children=(
    Repeat("claims", "Claims", "claim", hint="The provisions the removal would violate.", children=(
        Field("instrument", "Instrument"),
        Field("article", "Article", "e.g. 3"),
        Field("description", "Argument in brief"),
    )),
    Repeat("remedies_sought", "Remedies sought", "remedy", Field("", "Remedy")),
))

APPEAL = Section("appeal", "The appeal's grounds", roots=("appeal",),
                 intro="Only the appeal letter uses this part.", children=(
    Group("appeal", "Appeal", children=(
        Field("kind", "Kind of appeal", "Appeal against a decision not yet final, or a request "
              "to reverse a final one."),
        Field("decision", "Decision challenged", "By default the latest refusal.",
              refers_to="procedural_history"),
        Repeat("protection_grounds", "Grounds of protection claimed", "ground",
               Field("", "Ground", "Refugee status, or a real risk of torture or other serious harm.")),
        Field("sur_place", "Activity after leaving the country",
              "Why it was not undertaken mainly to obtain a residence permit."),
        Field("late_reason", "Why a late appeal should be heard"),
        Repeat("errors", "Errors in the decision", "error", Field("", "Error"), article="an"),
        Repeat("new_evidence", "New evidence", "item of new evidence", article="an", children=(
            Field("description", "Evidence"),
            Field("why_new", "Why it was not before the authority"),
            Field("available_from", "Available from", "When it arose or became available. " + _DATE),
            _citations(),
            _annex_refs(),
        )),
        Field("personal_circumstances", "Personal circumstances"),
    )),
))

SOURCES = Section("sources", "Sources and annexes", roots=("sources", "annexes"), children=(
    Repeat("sources", "Sources", "source", hint="Reports, decisions and articles the documents "
           "cite, as CSL-JSON items (what Zotero exports). Import them below or type them in.",
           children=(
        Field("id", "Short reference", "How the facts cite it, e.g. eurasianet-2012."),
        Field("type", "Type", "legal_case for a decision, report, article-newspaper, webpage…"),
        Field("title", "Title"),
        Field("title-short", "Short title", "For later citations."),
        Repeat("author", "Authors", "author", article="an", children=(
            Field("family", "Family name"),
            Field("given", "Given names"),
            Field("literal", "Or an institution", "e.g. Committee against Torture."),
        )),
        Field("authority", "Authority", "The court or body that decided, for a decision."),
        Field("container-title", "Published in", "Newspaper, website or journal."),
        Field("publisher", "Publisher"),
        Field("number", "Number or UN document symbol", "e.g. CAT/C/GC/4."),
        Group("issued", "Date of the source", children=(Field("date-parts", "Date", _DATE),)),
        Field("URL", "URL"),
        Group("accessed", "Accessed", children=(Field("date-parts", "Date accessed", _DATE),)),
    )),
    Repeat("annexes", "Annexes", "annex", article="an", hint="Numbered in this order.", children=(
        Field("id", "Short reference", "e.g. authorisation."),
        Field("title", "Title"),
        Field("date", "Date", _DATE),
        Field("description", "Description"),
    )),
))

SIGNATURE = Section("signature", "Signature", roots=("signature", "language"), children=(
    Group("signature", "Place and date", hint="Leave the date blank to write it in by hand.",
          children=(Field("place", "Place"), Field("date", "Date", _DATE))),
    Field("language", "Language of the documents"),
))

SECTIONS = (PEOPLE, STATE, EVENTS, RISK, CLAIMS, APPEAL, SOURCES, SIGNATURE)
