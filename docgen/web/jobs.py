"""The API's jobs: many documents at once, made by the queue's workers while the client asks how
far they are, then fetched as one ZIP.

    POST   /api/v1/jobs               a list of {case, kind, format, public, language}, or a base case and
                                      a table of people (JSON, or multipart with the files) -> 202
    GET    /api/v1/jobs/<id>          state, progress, failures by row and path
    GET    /api/v1/jobs/<id>/result   the ZIP, once done; the job is deleted once it is fetched
    DELETE /api/v1/jobs/<id>          the job and its documents, now

The token of /api/v1 applies. Rows and cases that are not valid are refused one by one (the
job's failures), the others go ahead; only a job with nothing valid is refused whole.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, request, url_for
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from docgen.batch import jobs
from docgen.batch.items import Item, from_cases, from_group, ready
from docgen.batch.people import TableUnreadable, people, read_table
from docgen.case import CaseInvalid, flatten, load_case
from docgen.languages import LANGUAGES
from docgen.render import FORMATS, KINDS
from docgen.web.api import json_from, read_json, require_token
from docgen.web.errors import ApiError
from docgen.web.responses import attachment

bp = Blueprint("jobs", __name__, url_prefix="/api/v1/jobs")
bp.before_request(require_token)

MAX_ITEMS = 1000


class _Strict(Schema):
    class Meta:
        unknown = RAISE

    error_messages = {"unknown": "Unknown field: docgen does not know it (check the spelling)."}


def _language() -> fields.String:
    return fields.String(load_default=None, validate=validate.OneOf(list(LANGUAGES)), metadata={
        "description": "The language to write the document in, one of those the kind is written "
                       "in (`languages` of GET /api/v1/documents); by default the case's.",
    })


class JobItemSchema(_Strict):
    case = fields.Dict(required=True, metadata={"description": "A case, as the Case schema."})
    kind = fields.String(required=True, validate=validate.OneOf(list(KINDS)))
    format = fields.String(load_default="pdf", validate=validate.OneOf(list(FORMATS)))
    public = fields.Boolean(load_default=False)
    language = _language()

    @validates_schema
    def _kind_makes_it(self, data: dict, **kwargs: Any) -> None:
        _made_as(data)


def _made_as(data: dict) -> None:
    """The format, edition and language asked for, checked against what the kind is made in."""
    kind = KINDS.get(data.get("kind"))
    if kind and data.get("format") not in kind.formats:
        raise ValidationError(f"The {kind.id} is made as {', '.join(kind.formats)}.", "format")
    if kind and data.get("public") and not kind.public_edition:
        raise ValidationError(f"The {kind.id} has no public edition.", "public")
    if kind and data.get("language") and data["language"] not in kind.languages:
        raise ValidationError(f"The {kind.id} is written in {', '.join(kind.languages)}.", "language")


class JobRequestSchema(_Strict):
    """Either `items`, or `base` with `people` and `kind`."""

    items = fields.List(fields.Nested(JobItemSchema), validate=validate.Length(1, MAX_ITEMS))
    base = fields.Dict(metadata={"description": "The case holding what the group shares."})
    people = fields.String(metadata={
        "description": "The table of people as CSV text: one row per person, headed by case "
                       "paths (complainants.0.legal_name, procedural_history.1.decided).",
    })
    kind = fields.String(validate=validate.OneOf(list(KINDS)),
                         metadata={"description": "The document for each person (with base)."})
    format = fields.String(load_default="pdf", validate=validate.OneOf(list(FORMATS)))
    public = fields.Boolean(load_default=False)
    language = _language()
    reference = fields.String(load_default=jobs.DEFAULT_REFERENCE,
                              validate=validate.Regexp(jobs.REFERENCE), metadata={
        "description": "Names the ZIP (REFERENCE.zip): letters, digits, . _ - only.",
    })

    @validates_schema
    def _one_kind_of_job(self, data: dict, **kwargs: Any) -> None:
        if "items" in data:
            extra = [name for name in ("base", "people", "kind") if name in data]
            if extra:
                raise ValidationError("Give items, or base with people, not both.", extra[0])
        else:
            missing = [name for name in ("base", "people", "kind") if name not in data]
            if missing:
                raise ValidationError({name: ["Missing: a job is items, or base with people and "
                                              "kind."] for name in missing})
            _made_as(data)


class FailureSchema(Schema):
    row = fields.Integer(allow_none=True, metadata={
        "description": "The row of the table (its header is row 1), or the item's place in the "
                       "list from 1.",
    })
    path = fields.String(allow_none=True, metadata={
        "description": "The field (the table's column) at fault; null for a document that "
                       "could not be made.",
    })
    message = fields.String(required=True)


class ProgressSchema(Schema):
    done = fields.Integer(required=True, metadata={"description": "Documents made or failed."})
    total = fields.Integer(required=True, metadata={"description": "Documents to make."})


class JobStatusSchema(Schema):
    id = fields.String(required=True)
    reference = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf(["queued", "running", "done"]))
    progress = fields.Nested(ProgressSchema, required=True)
    failures = fields.List(fields.Nested(FailureSchema), required=True, metadata={
        "description": "Rows or cases refused when the job was made, and documents that failed.",
    })
    expires = fields.String(required=True, metadata={
        "description": "When the job and its documents are deleted if not fetched (UTC).",
    })


@bp.post("")
def create() -> Response:
    upload = None
    if request.mimetype == "multipart/form-data":
        data, upload = _multipart()
    else:
        data = read_json("the job")
    if not isinstance(data, dict):
        raise ApiError(422, "invalid_job", "The job must be a JSON object: items, or base with "
                                           "people and kind.")
    try:
        job = JobRequestSchema().load(data)
    except ValidationError as error:
        raise ApiError(422, "invalid_job", "The job is not valid: see errors.",
                       errors=flatten(error.messages)) from None
    if upload is not None:
        job["people"] = upload
    items, refused = _group(job) if "base" in job else _items(job)
    items, lacking = ready(items)
    refused += lacking
    if not items:
        raise ApiError(422, "invalid_case", "No row or case is valid, so no job was made.",
                       errors={f"row {failure['row']}: {failure['path']}": [failure["message"]]
                               for failure in refused})
    made = jobs.submit(items, refused, job["reference"])
    response = _status_response(made)
    response.status_code = 202
    response.headers["Location"] = url_for("jobs.status", job=made)
    return response


@bp.get("/<job>")
def status(job: str) -> Response:
    return _status_response(job)


@bp.get("/<job>/result")
def result(job: str) -> Response:
    found = jobs.status(job)
    if found is None:
        raise _unknown()
    if found.state != "done":
        raise ApiError(409, "job_not_done", f"The job is not done: {found.done} of {found.total} "
                       "documents made. Ask again when its state is done.")
    name, data = jobs.result(job)
    return attachment(data, "application/zip", name)


@bp.delete("/<job>")
def delete(job: str) -> tuple[str, int]:
    if not jobs.delete(job):
        raise _unknown()
    return "", 204


def _unknown() -> ApiError:
    return ApiError(404, "unknown_job", "No such job: it was never made, was fetched or deleted, "
                                        "or has expired.")


def _status_response(job: str) -> Response:
    found = jobs.status(job)
    if found is None:
        raise _unknown()
    return Response(json.dumps(JobStatusSchema().dump(found.to_json())), content_type="application/json")


def _multipart() -> tuple[dict[str, Any], bytes | None]:
    """A multipart job: the base case and the table as files (or the base as a text field); the
    table's bytes apart, as an XLSX file is no text."""
    data: dict[str, Any] = {key: value for key, value in request.form.items()
                            if key not in ("base", "people")}
    base = request.files.get("base")
    text = base.read() if base else request.form.get("base")
    if text:
        data["base"] = json_from(text)
    table = request.files.get("people")
    if table:
        data["people"] = ""  # its place, for the schema; the bytes are returned apart
    return data, table.read() if table else None


def _group(job: dict) -> tuple[list[Item], list[dict]]:
    table = job["people"]
    try:
        read = read_table(table if isinstance(table, bytes) else table.encode("utf-8"))
        group = people(job["base"], read)
    except TableUnreadable as error:
        raise ApiError(422, "invalid_people", str(error), errors={"people": [str(error)]}) from None
    except CaseInvalid as invalid:
        raise ApiError(422, "invalid_case", "The base case is not valid.",
                       errors={f"base.{path}": messages for path, messages in invalid.errors.items()}) from None
    refused = [{"row": error.row, "path": error.column, "message": error.message}
               for error in group.errors]
    return from_group(group, job["kind"], job["format"], job["public"], job["language"]), refused


def _items(job: dict) -> tuple[list[Item], list[dict]]:
    valid, refused = [], []
    for number, item in enumerate(job["items"], start=1):
        try:
            load_case(item["case"])
        except CaseInvalid as invalid:
            refused += [{"row": number, "path": path, "message": " ".join(messages)}
                        for path, messages in invalid.errors.items()]
            continue
        valid.append((number, item["case"], item["kind"], item["format"], item["public"], item["language"]))
    return from_cases(valid), refused
