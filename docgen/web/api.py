"""The JSON API for scripts: list the documents, validate a case, render a document.

The same two calls as the command line and the form (load_case, render); this module only reads
the request and shapes the answer. Each step refuses as early and as cheaply as it can: the token
before anything, the kind and the query before the body, the body's type and size before
parsing it. Errors are raised as ApiError and answered in the one shape of `errors.py`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, request
from marshmallow import RAISE, Schema, ValidationError, fields, validate
from werkzeug.exceptions import RequestEntityTooLarge

from docgen.bundle import ANNEX_PATH, BUNDLED, BundleInvalid, make_bundle
from docgen.case import Case, CaseInvalid, load_case
from docgen.jsontext import NotJson, parse_json
from docgen.languages import LANGUAGES
from docgen.model.kinds import Kind
from docgen.render import FORMATS, KINDS, CaseLacks, NotFinal, prepare
from docgen.web import cache, metrics
from docgen.web.budget import render_budget
from docgen.web.errors import ApiError, WarningSchema
from docgen.web.responses import send_bundle, send_document
from docgen.web.tokens import require_bearer

# The multipart parts of POST /api/v1/bundles/{kind}: the case, and one PDF per annex
# (ANNEX_PATH + its id, as the errors name it).
CASE_PART = "case"

bp = Blueprint("api", __name__, url_prefix="/api")
# The versioned routes, apart so that the token guards them and not the description of the API.
v1 = Blueprint("v1", __name__, url_prefix="/v1")


class BundleQuerySchema(Schema):
    """The query string of POST /api/v1/bundles/{kind}, and the start of a document's."""

    class Meta:
        unknown = RAISE

    error_messages = {"unknown": "Unknown parameter: docgen does not know it (check the spelling)."}

    language = fields.String(load_default=None, validate=validate.OneOf(list(LANGUAGES)), metadata={
        "description": "The language to write the document in, one of those the document is "
                       "written in (`languages` of GET /api/v1/documents); by default the case's.",
    })


class RenderQuerySchema(BundleQuerySchema):
    """The query string of POST /api/v1/documents/{kind}."""

    format = fields.String(load_default="pdf", validate=validate.OneOf(list(FORMATS)),
                           metadata={"description": "The file format."})
    public = fields.Boolean(load_default=False, metadata={
        "description": "The public edition: the pseudonym for the legal name, without birth "
                       "date, address or identity numbers.",
    })
    final = fields.Boolean(load_default=False, metadata={
        "description": "The final edition, without a draft's marks of what is still to verify: "
                       "refused (422 case_not_final, each item by path) while any remains.",
    })


class DocumentKindSchema(Schema):
    kind = fields.String(required=True)
    title = fields.String(required=True)
    formats = fields.List(fields.String(), required=True)
    languages = fields.List(fields.String(), required=True, metadata={
        "description": "The languages it is written in (the query parameter `language`).",
    })
    public_edition = fields.Boolean(required=True, metadata={
        "description": "Whether the document has a public edition (public=1).",
    })


class DocumentListSchema(Schema):
    documents = fields.List(fields.Nested(DocumentKindSchema), required=True)


class ValidationResultSchema(Schema):
    valid = fields.Boolean(required=True, metadata={"description": "Always true: an invalid case gets 422."})
    warnings = fields.List(fields.Nested(WarningSchema), required=True, metadata={
        "description": "Legal checks that should not stop drafting.",
    })


@v1.before_request
def require_token() -> None:
    """With API_TOKEN set, every /api/v1 request shows it, checked before the body is read."""
    require_bearer(current_app.config.get("API_TOKEN"))


@v1.get("/documents")
def documents() -> Any:
    listed = [{"kind": kind.id, "title": kind.title, "formats": list(kind.formats),
               "languages": list(kind.languages), "public_edition": kind.public_edition}
              for kind in KINDS.values()]
    return DocumentListSchema().dump({"documents": listed})


@v1.post("/validate")
def validate_case() -> Any:
    case, _ = _read_case()
    return ValidationResultSchema().dump({"valid": True, "warnings": case.warnings})


@v1.post("/documents/<kind>")
def render_document(kind: str) -> Response:
    _known_kind(kind)
    query = _query(RenderQuerySchema(), KINDS[kind])
    case, body = _read_case()
    try:
        with metrics.rendering(kind, query["format"], public=query["public"]):
            prepare(query["format"])  # outside the budget: see docgen.render.prepare
            with render_budget():
                data = cache.renders().render(cache.api_scope(), body, case, kind, query["format"],
                                              public=query["public"], final=query["final"],
                                              language=query["language"])
    except NotFinal as remaining:
        raise ApiError(422, "case_not_final", f"{remaining.headline}: {len(remaining.errors)} item(s).",
                       errors=remaining.errors, warnings=case.warnings) from None
    except CaseLacks as lacking:
        raise _incomplete(kind, lacking, case) from None
    return send_document(data, kind, query["format"], public=query["public"], case=case.data,
                         language=query["language"])


def _query(schema: BundleQuerySchema, kind: Kind) -> dict[str, Any]:
    """The query string, checked against what the kind is made in."""
    try:
        query = schema.load(request.args.to_dict())
    except ValidationError as error:
        messages = error.messages
    else:
        messages = {}
        if query.get("format", "pdf") not in kind.formats:
            messages["format"] = [f"The {kind.id} is made as {', '.join(kind.formats)}."]
        if query.get("public") and not kind.public_edition:
            messages["public"] = [f"The {kind.id} has no public edition."]
        if query["language"] and query["language"] not in kind.languages:
            messages["language"] = [f"The {kind.id} is written in {', '.join(kind.languages)}."]
    if messages:
        raise ApiError(400, "invalid_parameter", f"Invalid query parameter: {', '.join(sorted(messages))}.",
                       errors={name: list(texts) for name, texts in messages.items()})
    return query


@v1.post("/bundles/<kind>")
def bundle_document(kind: str) -> Response:
    """The filing bundle: the document, the index of annexes, the annexes stamped, as one PDF."""
    if kind not in BUNDLED:
        raise ApiError(404, "unknown_document",
                       f"No bundle led by {kind!r}; a bundle is led by {', '.join(BUNDLED)}.")
    language = _query(BundleQuerySchema(), KINDS[kind])["language"]
    if request.mimetype != "multipart/form-data":
        raise ApiError(415, "unsupported_media_type",
                       f"Send the bundle as multipart/form-data: the case JSON in a part named "
                       f"'{CASE_PART}' and each annex PDF in a part named '{ANNEX_PATH}<annex id>'.")
    if not all(isinstance(name, str) and name for name in {*request.files, *request.form}):
        # werkzeug gives a part whose Content-Disposition has no readable name the name None.
        raise ApiError(400, "invalid_parameter", "A part of the request has no name.",
                       errors={"parts": ["Name every part: 'case' and 'annexes.<annex id>'."]})
    parts = {name: len(request.files.getlist(name)) + len(request.form.getlist(name))
             for name in {*request.files, *request.form}}
    errors = {name: ["docgen does not know this part: send 'case' and 'annexes.<annex id>'."]
              for name in parts if name != CASE_PART and not name.startswith(ANNEX_PATH)}
    errors |= {name: ["Sent more than once."] for name, count in parts.items() if count > 1}
    if CASE_PART not in parts:
        errors[CASE_PART] = ["Missing: send the case JSON in a part named 'case'."]
    if errors:
        raise ApiError(400, "invalid_parameter", "The request's parts are not those of a bundle.",
                       errors=errors)
    # Each part as bytes, whether sent as a file or as a field. Not `request.files.get(name) or
    # ...`: a file part sent without a filename is a FileStorage that counts as false.
    sent = {name: upload.read() for name, upload in request.files.items()}
    sent |= {name: text.encode("utf-8") for name, text in request.form.items()}
    case = _case_from(sent[CASE_PART])
    annexes = {name[len(ANNEX_PATH):]: data for name, data in sent.items() if name.startswith(ANNEX_PATH)}
    try:
        with metrics.rendering(kind, "bundle", public=False):
            prepare("pdf")  # outside the budget: see docgen.render.prepare
            with render_budget():
                made = make_bundle(case, kind, annexes, language=language)
    except BundleInvalid as invalid:
        raise ApiError(422, "invalid_annex",
                       f"An annex cannot be used: {len(invalid.errors)} to correct.",
                       errors=invalid.errors, warnings=[]) from None
    except CaseLacks as lacking:
        raise _incomplete(kind, lacking, case) from None
    return send_bundle(made.pdf, kind, case.data, language)


def _incomplete(kind: str, lacking: CaseLacks, case: Case) -> ApiError:
    return ApiError(422, "case_incomplete",
                    f"The case lacks what the {kind} needs: {len(lacking.errors)} field(s) to fill in.",
                    errors=lacking.errors, warnings=case.warnings)


def _known_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ApiError(404, "unknown_document",
                       f"No document {kind!r}; docgen makes {', '.join(KINDS)}.")


def _body() -> bytes:
    """The request body; RequestEntityTooLarge (413) past MAX_CONTENT_LENGTH.

    A body sent with a Content-Length over the limit is refused before it is read. One sent in
    chunks, without a length, is read up to the limit and no further: werkzeug then stops
    without a word, so one more byte is asked of the server's stream to tell a body of exactly
    the limit from a longer one, which would otherwise be parsed cut short.
    """
    body = request.get_data(cache=False)
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if (request.content_length is None and limit is not None and len(body) >= limit
            and request.environ["wsgi.input"].read(1)):
        raise RequestEntityTooLarge()
    return body


def read_json(what: str = "the case") -> Any:
    """The request's JSON body, parsed, or the ApiError that says why not."""
    return json_from(_json_body(what))


def _json_body(what: str = "the case") -> bytes:
    """The request's body, if it is sent as JSON; else the ApiError that says so."""
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type",
                       f"Send {what} as JSON, with 'Content-Type: application/json'.")
    return _body()


def json_from(body: bytes | str) -> Any:
    """The JSON in ``body``, or the ApiError that says why not."""
    try:
        return parse_json(body)
    except NotJson as error:
        raise ApiError(400, "invalid_json", f"The body is {error}.") from None


def _read_case() -> tuple[Case, bytes]:
    """The request's JSON body as a validated case, and as sent; or the ApiError that says why not."""
    body = _json_body()
    return _case_from(body), body


def _case_from(body: bytes) -> Case:
    """The case in a JSON body, validated, or the ApiError that says why not."""
    data = json_from(body)
    try:
        return load_case(data)
    except CaseInvalid as invalid:
        metrics.validation_failed(invalid.errors)
        raise ApiError(422, "invalid_case",
                       f"The case is not valid: {len(invalid.errors)} field(s) to correct.",
                       errors=invalid.errors, warnings=[]) from None


bp.register_blueprint(v1)
