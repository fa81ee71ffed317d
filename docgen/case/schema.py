"""The one definition of a case: marshmallow schemas that the form, the API and the CLI all load.

A loaded case is a tree of plain dicts and lists (dates become `PartialDate`), which the document
builder reads. Cross-field rules (dates in order, references that exist) live in `rules.py` and
run as part of `CaseSchema`, so loading with this schema is the whole validation.
"""

from __future__ import annotations

from marshmallow import ValidationError, fields, pre_load, validate, validates_schema

from docgen.case import csl, rules
from docgen.case.fields import EMAIL_LENGTH, LONG, MEDIUM, Country, Date, Id, SourceId, Text, Time, bounded_list, one_of
from docgen.case.strict import Strict
from docgen.languages import LANGUAGES
SEXES = ("female", "male", "other", "undisclosed")
LOCATION_KINDS = ("detention", "at_liberty", "in_hiding", "unknown")
STEP_KINDS = (
    "asylum_application",
    "appeal",
    "reversal_request",
    "deferral_request",
    "judicial_review",
    "interim_relief",
    "other",
)
# "not_known": the step was taken but its outcome is not known to the author of the filing.
OUTCOMES = (
    "pending", "granted", "partly_granted", "refused", "dismissed", "inadmissible", "withdrawn",
    "not_known",
)
INTERNATIONAL_BODIES = ("ECtHR", "HRC", "CAT", "CEDAW", "CERD", "CRC", "WGAD", "other")
PROCEDURE_STATUSES = ("pending", "decided", "inadmissible", "withdrawn")
EVENT_CATEGORIES = (
    "activism",
    "threat",
    "arrest",
    "detention",
    "torture",
    "trial",
    "flight",
    "asylum",
    "sur_place",
    "family",
    "removal",
    "other",
)
# The indicators of CAT General Comment No 4 (CAT/C/GC/4, para 45 and nearby), one key each.
RISK_FACTORS = (
    "past_torture",
    "political_activity_origin",
    "political_activity_abroad",
    "detention_without_guarantees",
    "religious_or_ethnic_affiliation",
    "clandestine_escape",
    "pattern_of_violations",
    "medical_evidence",
    "family_targeted",
    "treatment_of_returnees",
    "other",
)
INSTRUMENTS = ("CAT", "ECHR", "ICCPR", "Refugee Convention", "national")
AUTHORISATION_STATUSES = ("attached", "to_follow", "unobtainable")
APPEAL_KINDS = ("appeal", "reversal")
# The documents docgen can make itself as an annex of another, from the same case: ids of kinds
# (docgen.model.kinds, which the case does not import; tests/test_bundle.py holds each to a kind
# made as PDF). Another kind becomes an annex by its id here.
ANNEX_DOCUMENTS = ("chronology",)
# The grounds of protection an appeal may claim: refugee status, or a real risk of torture or
# other serious harm (in Norway, Immigration Act section 28 first paragraph (a) and (b)).
PROTECTION_GROUNDS = ("refugee", "serious_harm")
# The complaint a standalone request for interim measures goes with: to follow, attached, or
# lodged already; the application to the European Court of Human Rights, to follow or lodged.
COMPLAINT_STATES = ("to_follow", "attached", "lodged")
APPLICATION_STATES = ("to_follow", "lodged")
REFUSALS = ("refused", "dismissed", "inadmissible", "partly_granted")


class CitationSchema(Strict):
    """A reference to a source with a pinpoint, such as ("eurasianet-2012", "para 2")."""

    source = SourceId(required=True)
    pinpoint = Text(load_default=None)
    # False for a pinpoint taken from memory or a secondary account and still to be checked. A
    # file that leaves it out keeps its meaning; the form starts it unticked, so that a pinpoint
    # counts as checked only when someone says so.
    verified = fields.Boolean(load_default=True, metadata={"form_initial": False})


def citations(**kwargs) -> fields.List:
    return bounded_list(fields.Nested(CitationSchema), most=20, load_default=list, **kwargs)


def annex_refs() -> fields.List:
    return bounded_list(Id(), most=50, load_default=list)


class IdentityDocumentSchema(Strict):
    kind = Text(required=True)
    number = Text(required=True)
    issued_by = Text(load_default=None)


class LocationSchema(Strict):
    kind = fields.String(required=True, validate=one_of(LOCATION_KINDS))
    facility = Text(load_default=None)
    place = Text(load_default=None)
    country = Country(load_default=None)
    since = Date(approximate=False, load_default=None)


class ComplainantSchema(Strict):
    id = Id(required=True)
    # The name the public edition uses: a pseudonym or initials.
    pseudonym = Text(required=True)
    legal_name = Text(required=True)
    # The same name as other documents spell it (Cyrillic or Latin, another transliteration):
    # never printed, only removed, inflected when Cyrillic, from the public edition.
    other_names = bounded_list(Text(), most=10, load_default=list, metadata={"description": (
        "Other spellings of the legal name (Cyrillic or Latin transliterations, as other documents "
        "write it). Never printed; the public edition removes each, and its inflected forms when "
        "Cyrillic.")})
    birth_date = Date(load_default=None)
    birth_place = Text(load_default=None)
    nationality = Country(required=True)
    sex = fields.String(load_default=None, validate=one_of(SEXES))
    profession = Text(load_default=None)
    identity_documents = bounded_list(fields.Nested(IdentityDocumentSchema), most=10, load_default=list)
    address = Text(max_length=MEDIUM, multiline=True, load_default=None)
    contact = Text(load_default=None)
    location = fields.Nested(LocationSchema, load_default=None)
    # Asks the Committee to withhold the name in its published decision. On unless switched off,
    # because the people in these cases and their families are at risk.
    request_confidentiality = fields.Boolean(load_default=True)
    # Why the name should be withheld, in the person's words; printed only when given.
    confidentiality_reason = Text(max_length=MEDIUM, multiline=True, load_default=None)


class AuthorisationSchema(Strict):
    status = fields.String(required=True, validate=one_of(AUTHORISATION_STATUSES))
    date = Date(approximate=False, load_default=None)
    annex = Id(load_default=None)
    reason = Text(max_length=MEDIUM, load_default=None)


class RepresentativeSchema(Strict):
    name = Text(required=True)
    organisation = Text(load_default=None)
    role = Text(load_default=None)
    address = Text(max_length=MEDIUM, multiline=True, load_default=None)
    email = fields.Email(load_default=None, validate=validate.Length(
        max=EMAIL_LENGTH, error="Is too long for an e-mail address: at most {max} characters."))
    phone = Text(load_default=None)
    authorisation = fields.Nested(AuthorisationSchema, required=True)


class ProceduralStepSchema(Strict):
    id = Id(required=True)
    kind = fields.String(required=True, validate=one_of(STEP_KINDS))
    authority = Text(required=True)
    reference = Text(load_default=None)
    filed = Date(load_default=None)
    decided = Date(load_default=None)
    notified = Date(load_default=None)
    outcome = fields.String(load_default="pending", validate=one_of(OUTCOMES))
    # Whether lodging this step stops the removal while it is decided (None: not known).
    suspensive_effect = fields.Boolean(load_default=None, allow_none=True)
    summary = Text(max_length=LONG, multiline=True, load_default=None)
    sources = citations()
    annexes = annex_refs()


class UnusedRemedySchema(Strict):
    """A domestic remedy not tried, and why it need not be: the Committee will ask about it."""

    kind = fields.String(required=True, validate=one_of(STEP_KINDS))
    # The remedy in words; by default the name the jurisdiction profile gives it.
    remedy = Text(max_length=MEDIUM, load_default=None)
    reason = Text(required=True, max_length=LONG, multiline=True)
    sources = citations()
    annexes = annex_refs()


class AssurancesSchema(Strict):
    """Diplomatic assurances from the country of origin: argued against only when given."""

    given = fields.Boolean(required=True)
    # Which assurances, by whom and when.
    description = Text(max_length=LONG, multiline=True, load_default=None)


class RemovalSchema(Strict):
    scheduled_date = Date(approximate=False, load_default=None, allow_none=True)
    # Local time of the planned departure: the European Court asks for the time as well as the date.
    scheduled_time = Time(load_default=None, allow_none=True)
    destination = Country(required=True)
    details = Text(max_length=MEDIUM, multiline=True, load_default=None)


class OtherProcedureSchema(Strict):
    body = fields.String(required=True, validate=one_of(INTERNATIONAL_BODIES))
    reference = Text(load_default=None)
    status = fields.String(required=True, validate=one_of(PROCEDURE_STATUSES))
    # Article 22(5)(a) CAT: the same matter may not be examined by two international bodies.
    same_matter = fields.Boolean(required=True)
    description = Text(max_length=MEDIUM, multiline=True, load_default=None)


class EventSchema(Strict):
    date = Date(required=True)
    place = Text(load_default=None)
    category = fields.String(required=True, validate=one_of(EVENT_CATEGORIES))
    description = Text(required=True, max_length=LONG, multiline=True)
    sources = citations()
    annexes = annex_refs()


class RiskFactorSchema(Strict):
    factor = fields.String(required=True, validate=one_of(RISK_FACTORS))
    description = Text(required=True, max_length=LONG, multiline=True)
    sources = citations()
    annexes = annex_refs()


class ClaimSchema(Strict):
    instrument = fields.String(required=True, validate=one_of(INSTRUMENTS))
    article = Text(required=True)
    description = Text(max_length=LONG, multiline=True, load_default=None)


class AnnexSchema(Strict):
    id = Id(required=True)
    # Without one, an annex docgen makes is titled as its document (the kind's title).
    title = Text(load_default=None, max_length=MEDIUM)
    date = Date(load_default=None)
    description = Text(max_length=MEDIUM, load_default=None)
    # The document docgen makes from this case to be this annex, in place of a PDF supplied.
    document = fields.String(load_default=None, validate=one_of(ANNEX_DOCUMENTS))

    @validates_schema(pass_original=True, skip_on_field_errors=False)
    def _titled(self, _loaded: dict, original, **kwargs) -> None:
        # With the other fields' errors, as a required field is; a document misspelt has its own.
        if isinstance(original, dict) and original.get("title") is None and not original.get("document"):
            # marshmallow's own words for a field required: the form words them for its input.
            raise ValidationError({"title": ["Missing data for required field."]})


class NewEvidenceSchema(Strict):
    description = Text(required=True, max_length=LONG, multiline=True)
    # Why it was not before the authority that decided: an appeal on new evidence must say so.
    why_new = Text(max_length=LONG, multiline=True, load_default=None)
    # When it came into being or became available: evidence from before the decision is not new.
    available_from = Date(load_default=None)
    sources = citations()
    annexes = annex_refs()


class AppealErrorSchema(Strict):
    """An error of the decision challenged, with the sources and annexes of the facts it states."""

    error_messages = {**Strict.error_messages,
                      "type": "Write the error as text, or as an object with its text, sources and annexes."}

    text = Text(required=True, max_length=LONG, multiline=True)
    sources = citations()
    annexes = annex_refs()

    @pre_load
    def _text_alone(self, data, **kwargs):
        return appeal_error(data)


def appeal_error(value):
    """An error written as a plain string (as case files and API callers wrote them before an
    error could cite) is its text alone, citing nothing; anything else is left for the schema."""
    return {"text": value} if isinstance(value, str) else value


class AppealSchema(Strict):
    """What only the appeal letter needs: the decision challenged and the grounds against it."""

    # "appeal" against a decision not yet final; "reversal" asks the last instance to reverse a
    # final decision (in Norway, a request under section 35 of the Public Administration Act).
    kind = fields.String(load_default="appeal", validate=one_of(APPEAL_KINDS))
    # The step of procedural_history whose refusal is challenged; by default the latest refusal.
    decision = Id(load_default=None)
    # The grounds claimed, each of PROTECTION_GROUNDS at most once.
    protection_grounds = bounded_list(fields.String(validate=one_of(PROTECTION_GROUNDS)), most=2,
                                      load_default=list)
    # Why activity after leaving the country was not mainly meant to obtain a residence permit.
    sur_place = Text(max_length=LONG, multiline=True, load_default=None)
    # For an appeal lodged after the deadline: why it should be heard all the same.
    late_reason = Text(max_length=LONG, multiline=True, load_default=None)
    errors = bounded_list(fields.Nested(AppealErrorSchema), most=30, load_default=list)
    new_evidence = bounded_list(fields.Nested(NewEvidenceSchema), most=30, load_default=list)
    personal_circumstances = Text(max_length=LONG, multiline=True, load_default=None)


class InterimMeasuresSchema(Strict):
    """What only the standalone requests for interim measures need: the filing they go with."""

    complaint = fields.String(load_default="to_follow", validate=one_of(COMPLAINT_STATES))
    complaint_reference = Text(load_default=None)  # the Committee's, once the complaint is lodged
    application = fields.String(load_default="to_follow", validate=one_of(APPLICATION_STATES))
    application_reference = Text(load_default=None)  # the Court's application number, once lodged


class SignatureSchema(Strict):
    place = Text(load_default=None)
    # Left out, the document leaves the date blank for the signatory to write in.
    date = Date(approximate=False, load_default=None)


class CaseSchema(Strict):
    language = fields.String(load_default="en", validate=one_of(tuple(LANGUAGES)))
    complainants = bounded_list(fields.Nested(ComplainantSchema), least=1, most=100, required=True)
    representative = fields.Nested(RepresentativeSchema, load_default=None)
    respondent_state = Country(required=True)
    country_of_origin = Country(required=True)
    procedural_history = bounded_list(fields.Nested(ProceduralStepSchema), most=50, load_default=list)
    remedies_not_used = bounded_list(fields.Nested(UnusedRemedySchema), most=20, load_default=list)
    removal = fields.Nested(RemovalSchema, load_default=None)
    other_procedures = bounded_list(fields.Nested(OtherProcedureSchema), most=20, load_default=list)
    diplomatic_assurances = fields.Nested(AssurancesSchema, load_default=None)
    events = bounded_list(fields.Nested(EventSchema), least=1, most=500, required=True)
    risk_factors = bounded_list(fields.Nested(RiskFactorSchema), most=50, load_default=list)
    claims = bounded_list(fields.Nested(ClaimSchema), least=1, most=30, required=True)
    remedies_sought = bounded_list(Text(max_length=MEDIUM), most=30, load_default=list)
    annexes = bounded_list(fields.Nested(AnnexSchema), most=200, load_default=list)
    sources = bounded_list(fields.Nested(csl.CslItemSchema), most=500, load_default=list)
    appeal = fields.Nested(AppealSchema, load_default=lambda: AppealSchema().load({}))
    interim_measures = fields.Nested(InterimMeasuresSchema,
                                     load_default=lambda: InterimMeasuresSchema().load({}))
    signature = fields.Nested(SignatureSchema, load_default=lambda: {"place": None, "date": None})

    @validates_schema(skip_on_field_errors=True)
    def _cross_field_rules(self, case: dict, **kwargs) -> None:
        errors = rules.check(case)
        if errors:
            raise ValidationError(errors)
