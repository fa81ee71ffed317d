"""One error shape for the whole API, built by one function, and the handlers that make sure
every failure under /api comes back in it: never Flask's HTML page, never a traceback.

    {"code": "invalid_case", "status": 422, "message": "...", "errors": {...}, "warnings": [...]}

`errors` (field path -> messages) and `warnings` appear only when they mean something. The
shape is a marshmallow schema, as in flask-smorest, so the OpenAPI document describes it too.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from flask import Flask, Response, jsonify, request
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException

from docgen.web import faults, request_id
from docgen.web.budget import RenderTimeout


class WarningSchema(Schema):
    path = fields.String(required=True, metadata={"description": "Dotted path of the field concerned."})
    message = fields.String(required=True)


class ErrorSchema(Schema):
    """The body of every error response of the API."""

    code = fields.String(required=True, metadata={
        "description": "What went wrong, for a program: invalid_case, case_incomplete, invalid_annex, invalid_json, "
                       "invalid_parameter, unknown_document, token_required, token_invalid, "
                       "unsupported_media_type, payload_too_large, not_found, "
                       "method_not_allowed, render_timeout, internal_error.",
    })
    status = fields.Integer(required=True, metadata={"description": "The HTTP status, repeated."})
    message = fields.String(required=True, metadata={"description": "What went wrong, for a person."})
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), metadata={
        "description": 'Each invalid field by its dotted path: {"complainants.0.birth_date": ["..."]}.',
    })
    warnings = fields.List(fields.Nested(WarningSchema))
    request_id = fields.String(metadata={
        "description": "The request's id, also in the X-Request-ID header: quote it when "
                       "reporting a fault, so that the operator finds it in the log.",
    })


_SCHEMA = ErrorSchema()


class ApiError(Exception):
    """An error the API answers on purpose: it carries its status and the rest of the body."""

    def __init__(self, status: int, code: str, message: str, *,
                 errors: dict[str, list[str]] | None = None,
                 warnings: list[dict[str, str]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.errors, self.warnings, self.headers = errors, warnings, headers or {}


def error_body(status: int, message: str, *, code: str | None = None,
               errors: dict[str, list[str]] | None = None,
               warnings: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """The one place an error body is made; `code` defaults to the status's name (not_found)."""
    body: dict[str, Any] = {
        "code": code or HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_"),
        "status": status,
        "message": message,
    }
    if errors is not None:
        body["errors"] = errors
    if warnings is not None:
        body["warnings"] = warnings
    if request_id.current():
        body["request_id"] = request_id.current()
    return _SCHEMA.dump(body)


def error_response(status: int, message: str, *, headers: dict[str, str] | None = None,
                   **kwargs: Any) -> Response:
    response = jsonify(error_body(status, message, **kwargs))
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _in_api() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def _api_error(error: ApiError) -> Response:
    return error_response(error.status, error.message, code=error.code, errors=error.errors,
                          warnings=error.warnings, headers=error.headers)


# Codes more telling than the status's own name.
_HTTP_CODES = {413: "payload_too_large", 415: "unsupported_media_type", 500: "internal_error"}


def _http_error(error: HTTPException) -> Response | HTTPException:
    if not _in_api():
        return error  # the pages keep werkzeug's answer or their own handlers
    status = error.code or 500
    # Keep what the exception says about the protocol (Allow for 405), not its HTML body.
    headers = {key: value for key, value in error.get_headers() if key.lower() != "content-type"}
    return error_response(status, error.description or HTTPStatus(status).phrase,
                          code=_HTTP_CODES.get(status), headers=headers)


def _render_timeout(error: RenderTimeout) -> Response | tuple[str, int, dict[str, str]]:
    message = (f"Making the document took longer than the {error.seconds:g} seconds this service "
               "allows, so it was stopped; nothing of it was kept. Try again when the service is "
               "less busy, or make the case smaller.")
    if _in_api():
        return error_response(503, message, code="render_timeout")
    return message, 503, {"Content-Type": "text/plain; charset=utf-8"}


def _unexpected(error: Exception) -> Response | tuple[str, int, dict[str, str]]:
    """A bug: logged by docgen.web.faults.fault (where, never what), answered with the request id
    that finds it in the log."""
    faults.fault(error)
    message = ("docgen failed to answer this request; nothing of it was kept. Please report it "
               f"with the request id {request_id.current()}.")
    if _in_api():
        return error_response(500, message, code="internal_error")
    return message, 500, {"Content-Type": "text/plain; charset=utf-8"}


def init_app(app: Flask) -> None:
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(RenderTimeout, _render_timeout)
    # Handling Exception ourselves also keeps Flask from logging the traceback with its message.
    app.register_error_handler(Exception, _unexpected)
