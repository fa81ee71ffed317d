"""The web service: the form for people and the JSON API for scripts, over the same functions
as the command line (load_case, render)."""

from __future__ import annotations

import io
import os
import secrets

from flask import Flask, Request, current_app, request
from flask_wtf.csrf import CSRFProtect

from docgen.bundle.annexes import MAX_ANNEXES_BYTES
from docgen.web import budget, cache

# The form's posts carry a CSRF token; the API's are exempt (scripts show a bearer token).
csrf = CSRFProtect()


class InMemoryRequest(Request):
    """Uploaded files stay in memory: werkzeug's default writes one over 500 KB to a temporary
    file, and an upload (a case, an annex) must never reach the disk. The request limits bound
    the memory."""

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return io.BytesIO()


# The routes that take a filing bundle's annexes: the API's and the form's.
BUNDLE_ENDPOINTS = frozenset({"api.v1.bundle_document", "form.bundle"})


def _bundle_limits() -> None:
    """A bundle's request may be as large as its annexes; its case no larger than anywhere else
    (sent as a text field, it is held in memory up to that size)."""
    if request.endpoint in BUNDLE_ENDPOINTS:
        request.max_content_length = current_app.config["MAX_BUNDLE_LENGTH"]
        request.max_form_memory_size = current_app.config["MAX_CONTENT_LENGTH"]


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.request_class = InMemoryRequest
    app.config.from_mapping(
        # Every worker of one service must share the key, or a form signed by one is refused by
        # another: `docgen serve` sets DOCGEN_SECRET_KEY once for all of them.
        SECRET_KEY=os.environ.get("DOCGEN_SECRET_KEY") or secrets.token_hex(32),
        API_TOKEN=os.environ.get("DOCGEN_API_TOKEN") or None,
        # A case with 500 events and 500 sources is well under 2 MB of JSON.
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        # A filing bundle's request: the case, its annex PDFs (docgen.bundle's limit on their
        # total) and the multipart headers around them.
        MAX_BUNDLE_LENGTH=2 * 1024 * 1024 + MAX_ANNEXES_BYTES + 1024 * 1024,
        # The form names one input per field of the case: a case near the schema's bounds has
        # tens of thousands. The byte limit above still bounds the request.
        MAX_FORM_PARTS=50_000,
        # A lawyer may spend an afternoon on one form: the CSRF token lasts as long as the
        # browser session rather than Flask-WTF's default hour.
        WTF_CSRF_TIME_LIMIT=None,
        # Seconds a request may spend rendering before it is stopped with a 503 (budget.py).
        RENDER_TIMEOUT=budget.seconds_from(os.environ.get("DOCGEN_RENDER_TIMEOUT")),
        # Renders kept in the worker's memory for a repeated request (cache.py); 0 keeps none.
        RENDER_CACHE_BYTES=int(float(os.environ.get("DOCGEN_RENDER_CACHE_MB", "32")) * 1024 * 1024),
        RENDER_CACHE_SECONDS=cache.DEFAULT_SECONDS,
        # Guards GET /metrics; unset, the API's token does (docgen.web.metrics).
        METRICS_TOKEN=os.environ.get("DOCGEN_METRICS_TOKEN") or None,
    )
    if test_config:
        app.config.update(test_config)

    from docgen import logs
    from docgen.web import (
        api, apidocs, errors, form, group, jobs, metrics, openapi, request_id, responses,
    )

    logs.configure()

    # Before the CSRF check, which reads the form: a bundle's request may carry its annexes.
    app.before_request(_bundle_limits)
    csrf.init_app(app)
    cache.init_app(app)
    metrics.init_app(app)
    request_id.init_app(app)
    errors.init_app(app)
    responses.init_app(app)
    app.register_blueprint(form.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(apidocs.bp)
    csrf.exempt(api.bp)
    csrf.exempt(api.v1)  # Flask-WTF looks a nested blueprint up by its own name ("api.v1")
    app.register_blueprint(jobs.bp)
    csrf.exempt(jobs.bp)
    app.register_blueprint(group.bp)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
