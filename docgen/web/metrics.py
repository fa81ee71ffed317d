"""What the service has done, for Prometheus: `GET /metrics` in its text format.

- docgen_renders_total{kind, format, edition, outcome}: documents made ("ok"), refused because
  the case lacks what the kind needs ("refused"), stopped by the render budget ("timeout") or
  failed ("error");
- docgen_render_seconds{kind, format, edition}: how long each render took (histogram);
- docgen_validation_failures_total{field}: invalid cases by the top-level field of each error
  ("events", "complainants"; "unknown" for a field docgen does not know, whose name a user
  typed);
- docgen_requests_in_flight: requests being answered now;
- docgen_render_budget_expiries_total: requests stopped by DOCGEN_RENDER_TIMEOUT.

Labels are only names docgen defines (kinds, formats, the schema's fields): never case text.

Under `docgen serve` each gunicorn worker is a process of its own: prometheus_client's
multiprocess mode adds their counts up. serve.py sets PROMETHEUS_MULTIPROC_DIR (a folder it
makes and removes) before the workers import this module, and marks each worker dead as it
exits; outside it (the test client, another WSGI server) the counts are the process's own.

The route is guarded by a bearer token like the API: DOCGEN_METRICS_TOKEN when set, else
DOCGEN_API_TOKEN when set, else open (listen on loopback, or behind the proxy, then).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Blueprint, Flask, Response, current_app, g, has_request_context
from prometheus_client import (
    CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess,
)

from docgen.case.schema import CaseSchema
from docgen.model.kinds import CaseLacks
from docgen.web.budget import STOPPED
from docgen.web.tokens import require_bearer

MULTIPROCESS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"

RENDERS = Counter("docgen_renders", "Documents rendered, by outcome.",
                  ["kind", "format", "edition", "outcome"])
RENDER_SECONDS = Histogram("docgen_render_seconds", "Time to render one document.",
                           ["kind", "format", "edition"],
                           buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 45, 60))
VALIDATION_FAILURES = Counter("docgen_validation_failures",
                              "Invalid cases, by the top-level field of each error.", ["field"])
IN_FLIGHT = Gauge("docgen_requests_in_flight", "Requests being answered.",
                  multiprocess_mode="livesum")
BUDGET_EXPIRIES = Counter("docgen_render_budget_expiries",
                          "Requests whose rendering was stopped by DOCGEN_RENDER_TIMEOUT.")

_CASE_FIELDS = frozenset(field.data_key or name for name, field in CaseSchema().fields.items())

bp = Blueprint("metrics", __name__)


@contextmanager
def rendering(kind: str, format: str, *, public: bool) -> Iterator[None]:
    """Around one render: counts it by outcome, times it, and names it for the fault log."""
    labels = {"kind": kind, "format": format, "edition": "public" if public else "full"}
    if has_request_context():
        g.rendering = labels
    started = time.perf_counter()
    outcome = "error"
    try:
        yield
        outcome = "ok"
    except CaseLacks:
        outcome = "refused"
        raise
    except STOPPED:
        outcome = "timeout"
        BUDGET_EXPIRIES.inc()
        raise
    finally:
        RENDERS.labels(**labels, outcome=outcome).inc()
        if outcome == "ok":
            RENDER_SECONDS.labels(**labels).observe(time.perf_counter() - started)


def validation_failed(errors: dict[str, list[str]]) -> None:
    """Counts an invalid case once per top-level field its errors name."""
    fields = {path.split(".", 1)[0] for path in errors}
    for field in {field if field in _CASE_FIELDS or field == "case" else "unknown" for field in fields}:
        VALIDATION_FAILURES.labels(field=field).inc()


@bp.get("/metrics")
def scrape() -> Response:
    require_bearer(current_app.config.get("METRICS_TOKEN") or current_app.config.get("API_TOKEN"))
    if os.environ.get(MULTIPROCESS_VARIABLE):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        data = generate_latest(registry)
    else:
        data = generate_latest()
    return Response(data, content_type=CONTENT_TYPE_LATEST)


def _request_started() -> None:
    IN_FLIGHT.inc()
    g.in_flight = True


def _request_ended(error: BaseException | None) -> None:
    if g.pop("in_flight", False):
        IN_FLIGHT.dec()


def init_app(app: Flask) -> None:
    app.before_request_funcs.setdefault(None, []).insert(0, _request_started)
    app.teardown_request(_request_ended)
    app.register_blueprint(bp)
