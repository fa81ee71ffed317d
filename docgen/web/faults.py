"""What docgen logs of an unexpected exception in a request: where, never what.

A fault is logged as: the request id, the route (its rule, "/api/v1/documents/<kind>", not the
path), the method, the document kind and format being rendered (names docgen itself defines),
the exception's type and its stack as file, line and function. Never the exception's message,
the source lines, local values or the request: each of those can quote what a person typed.
The line itself is written in docgen.logs's format.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import g, has_request_context, request

from docgen.logs import LOGGER, stack
from docgen.web import request_id


def fault(error: BaseException) -> None:
    """Logs an unexpected exception in a request: where, never what (see the module docstring)."""
    fields: dict[str, Any] = {
        "exception": f"{type(error).__module__}.{type(error).__qualname__}",
        "stack": stack(error),
    }
    if has_request_context():
        rendering = g.get("rendering") or {}
        fields.update(
            request_id=request_id.current(),
            method=request.method,
            route=request.url_rule.rule if request.url_rule else None,
            kind=rendering.get("kind"),
            format=rendering.get("format"),
            edition=rendering.get("edition"),
        )
    where = fields["stack"][-1] if fields["stack"] else {"file": "?", "line": 0, "function": "?"}
    logging.getLogger(LOGGER).error(
        "%s on %s %s at %s:%s in %s", fields["exception"], fields.get("method"), fields.get("route"),
        where["file"], where["line"], where["function"], extra=fields,
    )
