"""What every response carries for safety, and the one way to send a download.

The pages and the API hold case facts about people at risk, so: no caching anywhere on the
way, no framing, no referrer leaking a URL, and a Content-Security-Policy that allows no inline
script. A rendered HTML document brings its own inline stylesheet (so that a downloaded copy
works offline); only responses made by `send_document` allow inline style, and never script.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, Response, g, request

from docgen.render import FORMATS, filename

PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
DOCUMENT_POLICY = PAGE_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def attachment(data: bytes, media_type: str, name: str) -> Response:
    """The one way a file is sent as a download: named ``name`` (by what it is, never by the
    legal name); werkzeug quotes the name, or encodes it (RFC 6266 filename*), where the
    header needs it, so no name can break the header."""
    response = Response(data, content_type=media_type)
    response.headers.set("Content-Disposition", "attachment", filename=name)
    return response


def send_document(data: bytes, kind: str, format: str, *, public: bool, case: Mapping,
                  language: str | None = None) -> Response:
    """A rendered document as a download named by render.filename."""
    g.rendered_document = True
    return attachment(data, FORMATS[format].media_type,
                      filename(kind, format, public=public, case=case, language=language))


def send_bundle(data: bytes, kind: str, case: Mapping, language: str | None = None) -> Response:
    """A filing bundle (PDF) as a download named by bundle_filename."""
    from docgen.bundle import bundle_filename

    return attachment(data, FORMATS["pdf"].media_type, bundle_filename(kind, case, language))


def _secure(response: Response) -> Response:
    policy = DOCUMENT_POLICY if g.get("rendered_document") else PAGE_POLICY
    response.headers.setdefault("Content-Security-Policy", policy)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    # Stylesheets and scripts hold no case data and may be cached; nothing else may be.
    if not (request.endpoint or "").split(".")[-1] == "static":
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    app.after_request(_secure)
