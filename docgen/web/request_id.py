"""A request id for every request, so that an operator told "it failed at 14:02" can find the
failure in the log without the log holding anything of the case.

The id a proxy sends in X-Request-ID is kept when it is a plain token (so that the proxy's log
and docgen's tell of the same request); anything else (too long, spaces, other characters that
could forge a log line or carry words) is ignored and a new id is made. The id comes back in the
X-Request-ID header of every response and in the body of every API error.
"""

from __future__ import annotations

import re
import uuid

from flask import Flask, Response, g, has_request_context, request

HEADER = "X-Request-ID"
# What proxies send (UUIDs, hex, nginx's $request_id, AWS's Root=1-...), and nothing else.
_ACCEPTED = re.compile(r"[A-Za-z0-9._:=+/-]{8,128}")


def current() -> str | None:
    """The id of the request being answered, or None outside a request."""
    return g.get("request_id") if has_request_context() else None


def _assign() -> None:
    given = request.headers.get(HEADER, "")
    g.request_id = given if _ACCEPTED.fullmatch(given) else uuid.uuid4().hex


def _send(response: Response) -> Response:
    if current():
        response.headers[HEADER] = current()
    return response


def init_app(app: Flask) -> None:
    # First of the before_request functions, so that a request refused by another (the API
    # token) has its id too.
    app.before_request_funcs.setdefault(None, []).insert(0, _assign)
    app.after_request(_send)
