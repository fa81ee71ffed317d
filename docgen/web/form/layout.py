"""What the interview asks and in which order: the case schema's parts as steps, one topic each,
in the order a lawyer gathers them (sources first, so that facts can cite them).

Only words and order live here. The kind of each input (text, date, checkbox, a select of a
schema's choices) is read from the schema by `docgen.web.form.formview`, so a choice added to
docgen.case.schema appears in the form without a change here. `tests/test_form.py` checks that
every field of the schema has its place below.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.case.schema import ANNEX_DOCUMENTS


@dataclass(frozen=True)
class Field:
    key: str  # the key in its object; "" for an item of a list of texts
    label: str
    hint: str = ""
    # Where a select takes its options from, when it refers to another part of the case:
    # "sources", "annexes" or "procedural_history" (their ids).
    refers_to: str = ""
    more: bool = False  # asked only under "More" (not needed for the least that will do)
    # A choice that fills in a sibling input left empty, with the script: (its key, {choice: value}).
    suggests: tuple[str, dict[str, str]] | None = None
    none: str = ""  # a select's words for choosing nothing, where "Not given" would not say it


@dataclass(frozen=True)
class Group:
    """A nested object: one fieldset."""

    key: str
    legend: str
    children: tuple
    hint: str = ""
    more: bool = False


@dataclass(frozen=True)
class Repeat:
    """A list: rows that can be added and removed. ``item`` names one row ("event")."""

    key: str
    legend: str
    item: str
    children: tuple | Field  # the fields of a row, or one Field for a list of texts
    hint: str = ""
    article: str = "a"  # "Add an event"
    more: bool = False
    # Rows added whole by one button, beside "Add": (the button's words, a key of the row, its value).
    offers: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Section:
    """One step of the interview."""

    id: str
    title: str
    children: tuple
    intro: str = ""
    # The answer of the first step that must be "yes" for this step to be asked (see PLAN).
    asked_when: str = ""

    @property
    def roots(self) -> tuple[str, ...]:
        """The top-level keys of the case this step holds."""
        return tuple(child.key for child in self.children)


def _citations(hint: str = "") -> Repeat:
    return Repeat(
        "sources", "Sources", "source citation",
        (
            Field("source", "Source", refers_to="sources"),
            Field("pinpoint", "Pinpoint", "Where in the source: para 2, p 14, section 3."),
            Field("verified", "Pinpoint checked against the source", more=True),
        ),
        hint=hint or "The sources this relies on, each with a pinpoint; those typed in brackets "
                     "in the text above are added here when you continue.",
    )


def _annex_refs() -> Repeat:
    return Repeat("annexes", "Annexes", "annex", Field("", "Annex", refers_to="annexes"),
                  hint="Annexes that prove it.", article="an", more=True)


# The article of each instrument that forbids removal to a risk of torture (domain.md: the appeal's
# legal grounds), written in for the lawyer when the instrument is chosen.
NON_REFOULEMENT = {"CAT": "3", "ECHR": "3", "ICCPR": "7", "Refugee Convention": "33"}

_DATE = "YYYY-MM-DD, or YYYY-MM or YYYY if only the month or year is known."
_MADE = "Made by docgen from what you type; change it only if you want to."
_APPROXIMATE_DATE = _DATE + " If unsure: circa 2006, before 2006, after 2006, 2006/2008."

# The first step's questions, answered yes or no, which decide the steps asked.
PLAN = {
    "several": "Do several people complain together?",
    "removal": "Is a removal planned or pending?",
    "appeal": "Do you also want the appeal letter to the national authority?",
}

# The kinds of source a filing cites, offered first; CSL's other types are behind "More types".
SOURCE_TYPES = {
    "legal_case": "Legal case, or a UN committee's decision",
    "legislation": "Legislation",
    "treaty": "Treaty",
    "report": "Report, or a UN document",
    "article-newspaper": "Newspaper article",
    "article-journal": "Journal article",
    "webpage": "Web page",
    "book": "Book",
    "chapter": "Chapter of a book",
    "personal_communication": "Personal communication",
    "interview": "Interview",
}

START = Section("start", "Before you start", children=(
    Field("respondent_state", "Respondent State", "The State that would remove the person (ISO code, e.g. NO)."),
    Field("country_of_origin", "Country of origin", "Where the risk lies (ISO code, e.g. UZ)."),
))

SOURCES = Section("sources", "Sources and annexes", intro="Add each report, decision or "
                  "article once; the facts cite it later by picking it from a list.", children=(
    Repeat("sources", "Sources", "source", hint="Paste a UN document symbol or a web address "
           "above, import a CSL-JSON file from Zotero, or type a source in.", children=(
        Field("type", "Type"),
        Field("title", "Title"),
        Repeat("author", "Authors", "author", article="an", children=(
            Field("family", "Family name"),
            Field("given", "Given names"),
            Field("literal", "Or an institution", "e.g. Committee against Torture."),
        )),
        Field("container-title", "Published in", "Newspaper, website or journal."),
        Group("issued", "Date of the source", children=(Field("date-parts", "Date", _DATE),)),
        Field("number", "Number or UN document symbol", "e.g. CAT/C/GC/4."),
        Field("URL", "URL"),
        Field("authority", "Authority", "The court or body that decided, for a decision.",
              more=True),
        Field("publisher", "Publisher", more=True),
        Field("title-short", "Short title", "For later citations.", more=True),
        Group("accessed", "Accessed", more=True,
              children=(Field("date-parts", "Date accessed", _DATE),)),
        Field("id", "Short reference", _MADE, more=True),
    )),
    Repeat("annexes", "Annexes", "annex", article="an", hint="Numbered in this order: the "
           "authorisation, the decisions, the statements the facts rely on.", children=(
        Field("title", "Title", "An annex docgen makes may go without: it takes its document's title."),
        Field("document", "Made by docgen", "Choose a document for docgen to make it from this case; "
              "else it is a PDF you attach to the filing bundle.", none="No: a PDF I attach"),
        Field("date", "Date", _DATE),
        Field("description", "Description"),
        Field("id", "Short reference", _MADE, more=True),
    ), offers=tuple((f"Add the {document}, made by docgen", "document", document) for document in ANNEX_DOCUMENTS)),
))

COMPLAINANTS = Section("complainants", "Complainants", children=(
    Repeat("complainants", "Complainants", "complainant", hint="The person or people at risk. "
           "Several may complain together.", children=(
        Field("pseudonym", "Pseudonym or initials", "The name the public edition uses."),
        Field("legal_name", "Legal name"),
        Repeat("other_names", "Other spellings of the legal name", "spelling",
               Field("", "Spelling"), hint="Cyrillic or Latin, as other documents write the name. "
               "Never printed: the public edition removes each spelling.", more=True),
        Field("nationality", "Nationality", "ISO country code, e.g. UZ."),
        Field("birth_date", "Date of birth", _APPROXIMATE_DATE, more=True),
        Field("birth_place", "Place of birth", more=True),
        Field("sex", "Sex", more=True),
        Field("profession", "Profession", more=True),
        Field("address", "Address for correspondence", more=True),
        Field("contact", "Contact", "How to reach the person, or 'Through the representative'.",
              more=True),
        Repeat("identity_documents", "Identity documents", "identity document", children=(
            Field("kind", "Kind of document", "Passport, national identity card…"),
            Field("number", "Number"),
            Field("issued_by", "Issued by"),
        ), article="an", more=True),
        Group("location", "Where the person is now", more=True, children=(
            Field("kind", "Situation", "Leave this part blank if it is not known."),
            Field("facility", "Facility", "The detention centre, if detained."),
            Field("place", "Place"),
            Field("country", "Country", "ISO country code."),
            Field("since", "Since", _DATE),
        )),
        Field("request_confidentiality",
              "Ask the Committee to withhold the name in its published decision"),
        Field("confidentiality_reason", "Why the name should be withheld",
              "Printed only if given, in these words.", more=True),
        Field("id", "Short reference", _MADE, more=True),
    )),
))

REPRESENTATIVE = Section("representative", "Representative", intro="The lawyer or organisation "
                         "acting for the complainants. Leave it blank if there is none.", children=(
    Group("representative", "Representative", children=(
        Field("name", "Name"),
        Field("organisation", "Organisation"),
        Group("authorisation", "Authorisation", children=(
            Field("status", "Status"),
            Field("date", "Date signed", _DATE),
            Field("annex", "Annex holding the signed authorisation", refers_to="annexes"),
            Field("reason", "Why it cannot be obtained", "Needed when it cannot be obtained."),
        )),
        # Asked with the name: the Committee and the authority write to the representative.
        Field("role", "Role", "Advocate, legal officer…"),
        Field("address", "Address"),
        Field("email", "E-mail"),
        Field("phone", "Telephone", "A number answered at the time of removal: the requests for "
              "interim measures give it, or the e-mail, as the contact then."),
    )),
))

PROCEEDINGS = Section("proceedings", "The proceedings", children=(
    Repeat("procedural_history", "Procedural history", "procedural step",
           hint="Each application, appeal or request in the respondent State, oldest first.",
           children=(
        Field("kind", "Kind of step"),
        Field("authority", "Authority"),
        Field("reference", "Reference"),
        Field("filed", "Filed", _APPROXIMATE_DATE),
        Field("decided", "Decided", _APPROXIMATE_DATE),
        Field("outcome", "Outcome"),
        Field("summary", "Summary"),
        # Asked with the decision: when it was notified starts the time to appeal, and whether a
        # step suspends removal decides which remedies must be exhausted before the Committee.
        Field("notified", "Notified", _APPROXIMATE_DATE),
        Field("suspensive_effect", "Does it suspend removal?"),
        _citations(),
        _annex_refs(),
        Field("id", "Short reference", _MADE + " The appeal names the decision by it.", more=True),
    )),
    Repeat("remedies_not_used", "Remedies not tried", "remedy not tried",
           hint="Each domestic remedy not used (in Norway: the courts), and why it need not be.",
           more=True, children=(
        Field("kind", "Kind of remedy"),
        Field("remedy", "The remedy", "Left blank, the name the State's profile gives it."),
        Field("reason", "Why it need not be exhausted"),
        _citations(),
        _annex_refs(),
    )),
    Group("diplomatic_assurances", "Diplomatic assurances",
          hint="Leave blank if none were given.", more=True, children=(
        Field("given", "Assurances were given"),
        Field("description", "Which assurances, by whom and when"),
    )),
    Repeat("other_procedures", "Other international procedures", "international procedure",
           hint="Is the same matter before another international body? (article 22(5)(a))",
           article="an", more=True, children=(
        Field("body", "Body"),
        Field("reference", "Reference"),
        Field("status", "Status"),
        Field("same_matter", "It concerns the same matter"),
        Field("description", "Description"),
    )),
))

REMOVAL = Section("removal", "Removal", asked_when="removal", intro="The requests for interim "
                  "measures to the Committee and the European Court, and the complaint, say where "
                  "and when the removal is planned; the requests give your telephone or e-mail "
                  "(step “Representative”) as the contact at the time of removal.", children=(
    Group("removal", "Removal", children=(
        Field("destination", "Destination", "ISO country code."),
        Field("scheduled_date", "Scheduled date", "Leave blank if none was notified: the "
              "requests for interim measures then say so, and that removal may come before the "
              "body could act. " + _DATE),
        Field("scheduled_time", "Scheduled time", "Local time, HH:MM, if known: the European "
              "Court asks for it."),
        Field("details", "What else the authorities said about the removal",
              "Said once, in the urgent request; leave blank if nothing more is known."),
    )),
    Group("interim_measures", "Requests for interim measures", hint="Only the standalone requests "
          "to the Committee and the European Court use this.", children=(
        Field("complaint", "The complaint to the Committee", "To follow the request, attached to "
              "it, or lodged already."),
        Field("complaint_reference", "The Committee's reference", "Once the complaint is lodged.",
              more=True),
        Field("application", "The application to the European Court", "To follow the request, or "
              "lodged already."),
        Field("application_reference", "Application number", "Once the application is lodged.",
              more=True),
    )),
))

EVENTS = Section("events", "Events", intro="The facts in the order they happened, each with its sources.",
                 children=(
    Repeat("events", "Events", "event", article="an", children=(
        Field("date", "Date", _APPROXIMATE_DATE),
        Field("category", "Category"),
        Field("place", "Place"),
        Field("description", "What happened"),
        _citations(),
        _annex_refs(),
    )),
))

RISK = Section("risk", "Risk factors",
               intro="The indicators of risk that CAT General Comment No 4 names, as they apply.",
               children=(
    Repeat("risk_factors", "Risk factors", "risk factor", children=(
        Field("factor", "Factor"),
        Field("description", "How it applies"),
        _citations(),
        _annex_refs(),
    )),
))

CLAIMS = Section("claims", "Claims and remedies", children=(
    Repeat("claims", "Claims", "claim", hint="The provisions the removal would violate.", children=(
        Field("instrument", "Instrument", suggests=("article", NON_REFOULEMENT)),
        Field("article", "Article", "Filled in with the article that forbids removal to torture "
              "when the instrument is chosen; change it if you claim another."),
        Field("description", "Argument in brief", more=True),
    )),
    Repeat("remedies_sought", "Remedies sought", "remedy", Field("", "Remedy"), more=True),
))

APPEAL = Section("appeal", "The appeal's grounds", asked_when="appeal",
                 intro="Only the appeal letter uses this part.", children=(
    Group("appeal", "Appeal", children=(
        Field("kind", "Kind of appeal", "Appeal against a decision not yet final, or a request "
              "to reverse a final one."),
        Field("decision", "Decision challenged", "By default the latest refusal.",
              refers_to="procedural_history"),
        Repeat("protection_grounds", "Grounds of protection claimed", "ground",
               Field("", "Ground", "Refugee status, or a real risk of torture or other serious harm.")),
        Repeat("errors", "Errors in the decision", "error", article="an", children=(
            Field("text", "Error", "What the decision got wrong. Cite the source of each fact it "
                  "states, as for an event."),
            _citations(),
            _annex_refs(),
        )),
        Repeat("new_evidence", "New evidence", "item of new evidence", article="an", children=(
            Field("description", "Evidence"),
            Field("why_new", "Why it was not before the authority"),
            Field("available_from", "Available from", "When it arose or became available. " + _DATE),
            _citations(),
            _annex_refs(),
        )),
        Field("personal_circumstances", "Personal circumstances"),
        Field("sur_place", "Activity after leaving the country",
              "Why it was not undertaken mainly to obtain a residence permit.", more=True),
        Field("late_reason", "Why a late appeal should be heard", more=True),
    )),
))

SIGNATURE = Section("signature", "Signature", children=(
    Group("signature", "Place and date", hint="Leave the date blank to write it in by hand.",
          children=(Field("place", "Place"), Field("date", "Date", _DATE))),
    Field("language", "Language of the documents", more=True),
))

SECTIONS = (START, SOURCES, COMPLAINANTS, REPRESENTATIVE, PROCEEDINGS, REMOVAL, EVENTS, RISK, CLAIMS,
            APPEAL, SIGNATURE)
