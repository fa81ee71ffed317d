"""The API described: an OpenAPI 3.1 document made from the same marshmallow schemas that
validate the requests (CaseSchema) and shape the answers (ErrorSchema and the API's own), served
at /api/openapi.json. The page a person reads is made from it in docgen.web.apidocs.

The paths are written out here, beside the schemas they name; tests/test_openapi.py fails when
a route of the API is missing from them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint, Response, jsonify
from marshmallow import fields

from docgen.bundle import BUNDLED
from docgen.case.dates import DATE_FORMS, DATE_PATTERN
from docgen.case.csl import Scalar
from docgen.case.fields import SHORT, Country, Date, Id, Text
from docgen.case.schema import AppealErrorSchema, CaseSchema
from docgen.render import FORMATS, KINDS
from docgen.version import docgen_version
from docgen.web.api import BundleQuerySchema, DocumentListSchema, RenderQuerySchema, ValidationResultSchema
from docgen.web.errors import ErrorSchema
from docgen.web.jobs import JobRequestSchema, JobStatusSchema

bp = Blueprint("openapi", __name__, url_prefix="/api")

_ERRORS = {
    400: "The body is not JSON (code invalid_json), or a query parameter is wrong "
         "(invalid_parameter; errors names it).",
    401: "A token is set on this service and the request did not show it "
         "(token_required) or showed another (token_invalid).",
    404: "No such document (unknown_document).",
    413: "The body is larger than the service accepts (payload_too_large).",
    415: "The body is not sent as application/json (unsupported_media_type).",
    422: "The case is not valid (invalid_case): errors maps each field's dotted path to "
         "what is wrong with it.",
    500: "A fault in docgen (internal_error); nothing of the request was kept.",
    503: "Rendering took longer than the service allows (render_timeout; DOCGEN_RENDER_TIMEOUT) "
         "and was stopped; nothing of it was kept.",
}


def _errors(*statuses: int) -> dict[int, Any]:
    return {status: {"description": _ERRORS[status],
                     "content": {"application/json": {"schema": ErrorSchema}}}
            for status in statuses}


def _json(schema: Any, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_JOB_ID = {"in": "path", "name": "job", "required": True, "schema": {"type": "string"},
           "description": "The id in the Location of POST /api/v1/jobs."}
_JOB_ERRORS = {**_errors(401, 500), 404: _json(
    ErrorSchema, "No such job (unknown_job): never made, fetched, deleted, or expired.")}
_CASE_BODY = {
    "required": True,
    "description": "The case, as in fixtures/cases/rustam-norway.json.",
    "content": {"application/json": {"schema": CaseSchema}},
}
_SECURED = {"security": [{"bearer": []}]}

PATHS: dict[str, dict[str, Any]] = {
    "/api/v1/documents": {"get": {
        "summary": "The documents docgen makes, with their titles and formats.",
        "operationId": "listDocuments",
        **_SECURED,
        "responses": {200: _json(DocumentListSchema, "The documents."), **_errors(401, 500)},
    }},
    "/api/v1/documents/{kind}": {"post": {
        "summary": "Render one document of the case in the body.",
        "description": "The file comes back as an attachment whose name says what it is "
                       "(cat-complaint-public.pdf), never whom it is about. The HTML format is "
                       "one standalone page with its stylesheet inline.",
        "operationId": "renderDocument",
        **_SECURED,
        "parameters": [
            {"in": "path", "name": "kind", "required": True, "description": "Which document.",
             "schema": {"type": "string", "enum": list(KINDS)}},
            {"in": "query", "schema": RenderQuerySchema},
        ],
        "requestBody": _CASE_BODY,
        "responses": {
            200: {
                "description": "The document.",
                "headers": {"Content-Disposition": {
                    "description": "attachment; filename=KIND[-public].FORMAT",
                    "schema": {"type": "string"},
                }},
                "content": {
                    format.media_type.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                    for format in FORMATS.values()
                },
            },
            **_errors(400, 401, 404, 413, 415, 422, 500, 503),
        },
    }},
    "/api/v1/bundles/{kind}": {"post": {
        "summary": "The filing bundle: the document, an index of annexes, each annex stamped.",
        "description": "One PDF: the document, then an index of the case's annexes with the page "
                       "of this file on which each starts, then each annex PDF sent, every page "
                       "stamped 'Annex N — page x of y', with bookmarks. An annex listed in the "
                       "case and not sent keeps its number; the index says 'Not attached'. "
                       "An annex the case says docgen makes (its `document`, such as the "
                       "chronology) is made from the same case; a part sent for it is refused. "
                       "Its index, stamps and bookmarks are in the document's language "
                       "(`language`). "
                       "Annexes are refused (422 invalid_annex, errors by 'annexes.<id>') when "
                       "encrypted, damaged, not PDF or too large (15 MB or 300 pages each, 40 MB "
                       "or 500 pages together); links, actions, scripts and form fields are left "
                       "out of the bundle. Nothing sent is kept.",
        "operationId": "bundleDocument",
        **_SECURED,
        "parameters": [
            {"in": "path", "name": "kind", "required": True, "description": "The document that leads.",
             "schema": {"type": "string", "enum": BUNDLED}},
            {"in": "query", "schema": BundleQuerySchema},
        ],
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object",
            "required": ["case"],
            "properties": {"case": {"type": "string", "format": "binary",
                                    "description": "The case JSON, as a file or a text field."}},
            "patternProperties": {r"^annexes\.": {
                "type": "string", "format": "binary",
                "description": "annexes.<annex id>: the PDF of that annex of the case."}},
            "additionalProperties": False,
        }}}},
        "responses": {
            200: {
                "description": "The bundle.",
                "headers": {"Content-Disposition": {"description": "attachment; filename=PSEUDONYM-KIND-bundle[-LANGUAGE]-DATE.pdf, in the document's language",
                                                    "schema": {"type": "string"}}},
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            },
            **_errors(400, 401, 404, 413, 415, 422, 500, 503),
        },
    }},
    "/api/v1/validate": {"post": {
        "summary": "Check the case in the body: its errors, or its warnings.",
        "operationId": "validateCase",
        **_SECURED,
        "requestBody": _CASE_BODY,
        "responses": {
            200: _json(ValidationResultSchema, "The case is valid; warnings to read."),
            **_errors(400, 401, 413, 415, 422, 500),
        },
    }},
    "/api/v1/jobs": {"post": {
        "summary": "Make many documents at once: a list of cases, or a base case and a table of "
                   "people (JSON with the table as CSV text, or multipart/form-data with the "
                   "files base and people, CSV or XLSX, and the other fields).",
        "operationId": "createJob",
        **_SECURED,
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": JobRequestSchema},
            "multipart/form-data": {"schema": {"type": "object"}}}},
        "responses": {
            202: {**_json(JobStatusSchema, "Accepted: rows and cases that are not valid are in "
                                           "failures, the others queued."),
                  "headers": {"Location": {"description": "/api/v1/jobs/{job}",
                                           "schema": {"type": "string"}}}},
            **_errors(400, 401, 413, 415, 500),
            422: _json(ErrorSchema, "Nothing to make: the job is not well formed (invalid_job), "
                                    "the base case or every row is invalid (invalid_case; "
                                    "errors by base.PATH or 'row N: PATH'), or the table cannot "
                                    "be read (invalid_people)."),
        },
    }},
    "/api/v1/jobs/{job}": {
        "get": {"summary": "The job's state, progress and failures.", "operationId": "getJob",
                **_SECURED, "parameters": [_JOB_ID],
                "responses": {200: _json(JobStatusSchema, "The job."), **_JOB_ERRORS}},
        "delete": {"summary": "Delete the job and its documents now.", "operationId": "deleteJob",
                   **_SECURED, "parameters": [_JOB_ID],
                   "responses": {204: {"description": "Deleted."}, **_JOB_ERRORS}},
    },
    "/api/v1/jobs/{job}/result": {"get": {
        "summary": "The documents as one ZIP (REFERENCE.zip), each named by pseudonym or row, "
                   "once the job is done; the job is then deleted.",
        "operationId": "getJobResult",
        **_SECURED,
        "parameters": [_JOB_ID],
        "responses": {
            200: {"description": "The ZIP.", "content": {
                "application/zip": {"schema": {"type": "string", "format": "binary"}}}},
            409: _json(ErrorSchema, "The job is not done yet (job_not_done)."),
            **_JOB_ERRORS,
        },
    }},
    "/api/openapi.json": {"get": {
        "summary": "This description of the API, as OpenAPI 3.1.",
        "operationId": "openapi",
        "responses": {200: {"description": "The OpenAPI document.",
                            "content": {"application/json": {"schema": {"type": "object"}}}}},
    }},
    "/api/docs": {"get": {
        "summary": "This description of the API, as a page to read.",
        "operationId": "docs",
        "responses": {200: {"description": "An HTML page.",
                            "content": {"text/html": {"schema": {"type": "string"}}}}},
    }},
    "/healthz": {"get": {
        "summary": "Whether the service answers.",
        "operationId": "health",
        "responses": {200: _json({"type": "object", "properties": {"status": {"const": "ok"}}},
                                 "The service is up.")},
    }},
}


def _case_fields(self, field, ret: dict, **kwargs: Any) -> dict[str, Any]:
    """What docgen's own fields check, which apispec cannot read from their validators."""
    extra: dict[str, Any] = {}
    if isinstance(field, Text):
        extra.update(minLength=1, maxLength=field.max_length)
    elif isinstance(field, Id):
        extra["pattern"] = Id.PATTERN.pattern
    elif isinstance(field, Country):
        extra.update(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code: NO, UZ.")
    elif isinstance(field, Scalar):
        extra.update(type=["string", "number", "boolean"], maxLength=SHORT)
    elif isinstance(field, Date):
        extra.update(pattern=DATE_PATTERN if field.approximate else r"^\d{4}(-\d{2}(-\d{2})?)?$",
                     description=DATE_FORMS if field.approximate
                     else "YYYY-MM-DD, YYYY-MM or YYYY, as precisely as known.")
    elif isinstance(field, fields.Nested) and field.nested is AppealErrorSchema:
        # An error may also be written as its text alone (schema.appeal_error).
        text = AppealErrorSchema().fields["text"]
        extra["anyOf"] = [{"$ref": ret.pop("$ref")},
                          {"type": "string", "minLength": 1, "maxLength": text.max_length}]
    # apispec gives a bounded dict maxLength; for an object JSON Schema says maxProperties.
    if "object" in types_of(ret) and "maxLength" in ret:
        extra["maxProperties"] = ret.pop("maxLength")
    return extra


def types_of(prop: dict) -> list[str]:
    """The JSON types a property of the spec allows ("type" is one name or a list)."""
    declared = prop.get("type", [])
    return declared if isinstance(declared, list) else [declared]


@cache
@cache
def spec() -> dict[str, Any]:
    """The OpenAPI document (built once per process: it depends on the code only)."""
    marshmallow = MarshmallowPlugin()
    api = APISpec(
        title="docgen",
        version=docgen_version(),
        openapi_version="3.1.0",
        plugins=[marshmallow],
        info={"description": "Legal filings against removal to torture, from the facts of a "
                             "case: validate a case, render a document as DOCX, PDF or HTML. "
                             "docgen keeps nothing of a request.",
              "license": {"name": "AGPL-3.0-or-later",
                          "identifier": "AGPL-3.0-or-later"}},
    )
    marshmallow.map_to_openapi_type(Date, "string", None)
    marshmallow.converter.add_attribute_function(_case_fields)
    api.components.security_scheme("bearer", {
        "type": "http", "scheme": "bearer",
        "description": "Needed when the service is started with DOCGEN_API_TOKEN set.",
    })
    api.components.schema("Case", schema=CaseSchema)
    api.components.schema("Error", schema=ErrorSchema)
    for path, operations in PATHS.items():
        api.path(path=path, operations=operations)
    return api.to_dict()


@bp.get("/openapi.json")
def openapi_json() -> Response:
    return jsonify(spec())
